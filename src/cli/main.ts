/**
 * `ltv-workbook`: a sales ledger file → the core's ledger → the wizard's calculation-sheet plan → an .xlsx.
 *
 * The same code as the add-in at every step (readers and `readLedger` in lenient mode, header detection,
 * `analyseLedgerForPlan`, `buildCalculationPlan`), so the workbook is the one the wizard's ledger route writes.
 * The output is written to a temporary file in the target folder and renamed over the target only when
 * complete: a failed run never leaves a partial file, nor damages an existing one.
 */
import { randomBytes } from "node:crypto";
import { realpathSync } from "node:fs";
import { rename, unlink, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { LtvError } from "../core/errors";
import { purchaseFrequency } from "../core/frequency";
import { isoFromSerial } from "../core/input/date";
import { averageOrderValue, countOrders } from "../core/orders";
import { PARAMS } from "../core/params";
import { namedUnit, type PeriodUnit } from "../core/periods";
import { lifetimePeriods, ltvResults, type Lifetime, type LtvResults } from "../core/results";
import type { Lang } from "../i18n/language";
import { formatError, formatInternalError } from "../i18n/messages";
import { analyseLedgerForPlan } from "../sheet/ledger-analysis";
import { buildCalculationPlan, PLAN_UNITS } from "../sheet/plan";
import type { CalculationPlan, LedgerAnalysis, PlanInputs, PlanUnit } from "../sheet/types";
import { helpText, parseArgs, type CliOptions } from "./args";
import { CliError, EXIT, renderCli, type ExitCode } from "./errors";
import { ledgerFromRows, skipReasons, type LedgerInput } from "./ledger-input";
import { readInputFile } from "./read-input";
import { planToXlsx } from "./xlsx-writer";

export interface CliIo {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  env: Record<string, string | undefined>;
  /** the time stamped on the sheet (tests fix it) */
  now?: Date;
}

/** The numbers the summary prints, from src/core (the sheet computes the same by formula). */
export interface CliResult {
  output: string;
  customers: number;
  orders: number;
  rowsRead: number;
  rowsSkipped: number;
  avgOrder: number;
  frequency: number;
  periods: number;
  ltv: number;
  ltvBeforeAcquisition: number;
  ltvCac?: number;
  maxCac: number;
  cacPayback?: number;
  /** every figure the sheet names, from the core's results chain */
  results: LtvResults;
  plan: CalculationPlan;
  analysis: LedgerAnalysis;
}

/**
 * Runs the command line. Returns the exit code (0 success, 1 bad input, 2 bad command line, 3 output not
 * written) and never throws for a user's mistake: every failure is one clear line on stderr.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let lang: Lang = /^ja/i.test(io.env.LC_ALL || io.env.LC_MESSAGES || io.env.LANG || "")
    ? "ja"
    : "en";
  const langArg = argv.findIndex((a) => a === "--lang" || a.startsWith("--lang="));
  if (langArg >= 0) {
    const v = argv[langArg].includes("=") ? argv[langArg].split("=")[1] : argv[langArg + 1];
    if (v === "ja" || v === "en") lang = v;
  }
  try {
    const options = parseArgs(argv, io.env);
    lang = options.lang;
    if (options.help) {
      io.stdout(helpText(lang));
      return EXIT.ok;
    }
    if (options.version) {
      io.stdout(version());
      return EXIT.ok;
    }
    const result = await run(options, io);
    if (!options.quiet) for (const line of summaryLines(result, options, lang)) io.stdout(line);
    return EXIT.ok;
  } catch (e) {
    io.stderr(`ltv-workbook: ${errorText(e, lang)}`);
    if (e instanceof CliError) return e.exit;
    return EXIT.input;
  }
}

function errorText(e: unknown, lang: Lang): string {
  if (e instanceof CliError) return renderCli(e.code, e.params, lang);
  if (e instanceof LtvError) return formatError(e.detail, lang);
  return formatInternalError(e, lang);
}

function version(): string {
  try {
    return `ltv-workbook ${(require("../../package.json") as { version: string }).version}`;
  } catch {
    return "ltv-workbook";
  }
}

/** Reads, analyses, plans and writes; returns what the summary prints. */
export async function run(
  options: CliOptions,
  io: Pick<CliIo, "stderr" | "now">
): Promise<CliResult> {
  const input = options.input;
  const output = options.output;
  if (sameFile(input, output)) throw new CliError("outputIsInput", EXIT.usage, { path: output });
  const table = await readInputFile(input, { encoding: options.encoding, sheet: options.sheet });
  const read: LedgerInput = ledgerFromRows(
    table.rows,
    options.columns,
    input,
    options.lang,
    table.encoding,
    options.skipUnreadable
  );
  const { ledger } = read;
  if (ledger.skipped.length > 0) {
    const reasons = skipReasons(ledger.skipped, options.lang);
    io.stderr(
      options.lang === "ja"
        ? `ltv-workbook: 読めない ${ledger.skipped.length} 行をスキップしました（${reasons}）。`
        : `ltv-workbook: skipped ${ledger.skipped.length} unreadable row(s) (${reasons}).`
    );
  }

  const unit: PlanUnit = options.period;
  const period = namedUnit(unit);
  const now = io.now ?? new Date();
  const source = table.sheet ? `${basename(input)} [${table.sheet}]` : basename(input);
  const analysis = analyseLedgerForPlan(ledger, unit, { source, readAt: now });

  // how long customers keep buying: given, or 1 ÷ churn as the wizard proposes; the sheet shows a lifespan in one
  // of its units, so any other unit is shown as the periods it converts to
  const lifetime = lifetimeOf(options, analysis, input);
  const periods = lifetimePeriods(lifetime, period);
  const planUnit = (u: PeriodUnit) => PLAN_UNITS.find((p) => p === u.name);
  const typedUnit = "unit" in lifetime ? planUnit(lifetime.unit) : undefined;
  const lifespan = "lifespan" in lifetime && typedUnit ? lifetime.lifespan : periods;
  const lifespanUnit = typedUnit ?? unit;

  const perPeriod = options.retentionCostPerPeriod !== undefined;
  const inputs: PlanInputs = {
    periodUnit: unit,
    avgOrder: averageOrderValue(ledger),
    frequency: purchaseFrequency(ledger, period),
    lifespan,
    lifespanUnit,
    lifespanFromChurn: "churn" in lifetime,
    grossMargin: options.margin ?? (PARAMS.grossMargin.default as number),
    discountRate: options.discountRate ?? (PARAMS.discountRate.default as number),
    acquisitionCost: options.acquisitionCost ?? (PARAMS.acquisitionCost.default as number),
    retentionCost:
      (perPeriod ? options.retentionCostPerPeriod : options.retentionCost) ??
      (PARAMS.retentionCost.default as number),
    retentionBasis: perPeriod ? "perPeriod" : "total",
    targetRatio: options.targetRatio ?? (PARAMS.targetRatio.default as number),
  };
  const plan = buildCalculationPlan(inputs, options.lang, analysis, { now });
  const results = ltvResults({ ...inputs, periods });

  await writeAtomically(output, await planToXlsx(plan, { created: now }));

  return {
    output,
    customers: ledger.customers.length,
    orders: countOrders(ledger),
    rowsRead: ledger.n,
    rowsSkipped: ledger.skipped.length,
    avgOrder: inputs.avgOrder,
    frequency: inputs.frequency,
    periods,
    ltv: results.ltv,
    ltvBeforeAcquisition: results.ltvBeforeAcquisition,
    ltvCac: results.ltvCac ?? undefined,
    maxCac: results.maxCac,
    cacPayback: results.payback ?? undefined,
    results,
    plan,
    analysis,
  };
}

/** The lifetime the options ask for; without --periods or --lifespan, 1 ÷ the ledger's churn. */
function lifetimeOf(options: CliOptions, analysis: LedgerAnalysis, input: string): Lifetime {
  if (options.periods !== undefined) return { periods: options.periods };
  if (options.lifespan) return { lifespan: options.lifespan.amount, unit: options.lifespan.unit };
  if (analysis.churn === null || !(analysis.churn > 0)) {
    throw new CliError("noChurn", EXIT.input, {
      path: input,
      unit:
        options.lang === "ja"
          ? { month: "月", quarter: "四半期", year: "年" }[options.period]
          : options.period,
    });
  }
  return { churn: analysis.churn };
}

function sameFile(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

/**
 * Writes bytes to `path` through a temporary file in the same folder and a rename, so the target is either
 * the old file or the complete new one. The temporary file is removed on failure.
 * @throws CliError `outputUnwritable` (exit 3).
 */
export async function writeAtomically(path: string, bytes: Uint8Array): Promise<void> {
  const temp = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`
  );
  try {
    await writeFile(temp, bytes, { flag: "wx" });
    await rename(temp, path);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    throw new CliError("outputUnwritable", EXIT.output, { path, reason: (e as Error).message });
  }
}

function fmt(v: number, digits: number, lang: Lang): string {
  return v.toLocaleString(lang === "ja" ? "ja-JP" : "en-US", {
    maximumFractionDigits: digits,
    minimumFractionDigits: 0,
  });
}

/** The short summary: what was read, and LTV, LTV:CAC, payback as src/core computes them. */
export function summaryLines(r: CliResult, o: CliOptions, lang: Lang): string[] {
  const a = r.analysis;
  const unitWord =
    lang === "ja" ? { month: "か月", quarter: "四半期", year: "年" }[o.period] : o.period;
  const perUnit =
    lang === "ja" ? { month: "月", quarter: "四半期", year: "年" }[o.period] : o.period;
  const n = (v: number, d = 0) => fmt(v, d, lang);
  const span = `${isoFromSerial(a.firstDate)} … ${isoFromSerial(a.lastDate)}`;
  const drop = a.largestDrop;
  const ratio =
    r.ltvCac === undefined
      ? lang === "ja"
        ? "—（獲得コスト未指定）"
        : "— (no acquisition cost given)"
      : n(r.ltvCac, 2);
  const payback =
    r.cacPayback === undefined
      ? "—"
      : `${n(r.cacPayback, 1)} ${unitWord}${lang === "ja" ? "" : "s"}`;
  const lifetime =
    o.periods === undefined && !o.lifespan
      ? lang === "ja"
        ? `${n(r.periods, 1)} ${unitWord}（1 ÷ 離脱率 ${n((a.churn ?? 0) * 100, 1)}%/${perUnit}）`
        : `${n(r.periods, 1)} ${unitWord}s (1 ÷ churn ${n((a.churn ?? 0) * 100, 1)}% per ${o.period})`
      : lang === "ja"
        ? `${n(r.periods, 2)} ${unitWord}`
        : `${n(r.periods, 2)} ${unitWord}s`;
  if (lang === "ja") {
    return [
      `ltv-workbook: ${r.output} を書き出しました（シート「${r.plan.sheet.name}」）`,
      `  顧客数 ${n(r.customers)} ・ 注文数 ${n(r.orders)} ・ ${span}（読込 ${n(r.rowsRead)} 行、スキップ ${n(r.rowsSkipped)} 行）`,
      `  平均購入単価 ${n(r.avgOrder)} ・ 購買頻度 ${n(r.frequency, 3)} 回/${perUnit} ・ 継続期間 ${lifetime}`,
      `  LTV ${n(r.ltv)}（1人あたり） ・ LTV:CAC ${ratio} ・ CAC回収期間 ${payback} ・ 獲得コスト上限 ${n(r.maxCac)}`,
      ...(drop
        ? [
            `  継続率の最大の落ち込み：${drop.period} → ${drop.period + 1} ${unitWord}目（${n(drop.from * 100, 1)}% → ${n(drop.to * 100, 1)}%）`,
          ]
        : []),
    ];
  }
  return [
    `ltv-workbook: wrote ${r.output} (sheet "${r.plan.sheet.name}")`,
    `  customers ${n(r.customers)} · orders ${n(r.orders)} · ${span} (${n(r.rowsRead)} rows read, ${n(r.rowsSkipped)} skipped)`,
    `  avg order ${n(r.avgOrder)} · frequency ${n(r.frequency, 3)} per ${o.period} · lifetime ${lifetime}`,
    `  LTV ${n(r.ltv)} per customer · LTV:CAC ${ratio} · CAC payback ${payback} · max CAC ${n(r.maxCac)}`,
    ...(drop
      ? [
          `  largest retention drop: ${o.period} ${drop.period} → ${drop.period + 1} (${n(drop.from * 100, 1)}% → ${n(drop.to * 100, 1)}%)`,
        ]
      : []),
  ];
}

/** Entry point for bin/ltv-workbook.js. */
export async function cli(): Promise<void> {
  const code = await main(process.argv.slice(2), {
    stdout: (l) => process.stdout.write(l + "\n"),
    stderr: (l) => process.stderr.write(l + "\n"),
    env: process.env,
  });
  process.exitCode = code;
}
