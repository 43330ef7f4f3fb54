/**
 * `ltv-workbook`: a sales ledger file → the core's ledger → the wizard's calculation-sheet plan → an .xlsx.
 *
 * The same code as the add-in at every step (readers and `readLedger` in lenient mode, header detection,
 * `analyseLedgerForPlan`, `buildCalculationPlan`), so the workbook is the one the wizard's ledger route writes.
 * The output is written to a temporary file in the target folder and renamed over the target only when
 * complete: a failed run never leaves a partial file, nor damages an existing one.
 */
import { randomBytes } from "node:crypto";
import { realpathSync, unlinkSync } from "node:fs";
import { readdir, rename, unlink, writeFile } from "node:fs/promises";
import { basename, dirname, extname, join, resolve } from "node:path";
import { LtvError } from "../core/errors";
import { isoFromSerial } from "../core/input/date";
import { countOrders } from "../core/orders";
import { PARAMS } from "../core/params";
import { convertPeriods, namedUnit } from "../core/periods";
import type { LtvResults } from "../core/results";
import type { Lang } from "../i18n/language";
import { formatError, formatInternalError } from "../i18n/messages";
import { warningText } from "../i18n/warnings";
import type { Ledger } from "../core/ledger";
import {
  detectSummaryColumns,
  readCustomerSummary,
  summaryCells,
  type CustomerSummaryTable,
} from "../core/summary-route";
import {
  analyseLedgerForPlan,
  analyseSummaryForPlan,
  DEFAULT_HORIZON,
  type AnalyseOptions,
  ledgerInterval,
  ledgerResults,
} from "../sheet/ledger-analysis";
import { buildCalculationPlan, PLAN_UNITS } from "../sheet/plan";
import type { CalculationPlan, LedgerAnalysis, PlanInputs, PlanUnit } from "../sheet/types";
import { helpText, parseArgs, type CliOptions } from "./args";
import { CliError, EXIT, renderCli, type ExitCode } from "./errors";
import { columnsLine, skipReasons, type LedgerInput } from "./ledger-input";
import {
  CURRENCY_DIGITS,
  currencyOfAmounts,
  defaultCurrency,
  type Currency,
} from "../core/input/currency";
import { readLedgerFile } from "./engine";
import { runSqlCommand } from "./sql-command";
import { customerSheetLines, customerSheets, type CustomerSheets } from "./customer-sheets";
import { summaryCustomerSheets, type ListOnlySheets } from "../sheet/customer-sheets";
import { readInputFile, type InputTable } from "./read-input";
import { planToXlsx } from "./xlsx-writer";

export interface CliIo {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  env: Record<string, string | undefined>;
  /** the time stamped on the sheet; default now */
  now?: Date;
}

/** The numbers the summary prints, from src/core (the sheet computes the same by formula). */
export interface CliResult {
  output: string;
  customers: number;
  orders: number;
  rowsRead: number;
  rowsSkipped: number;
  /** the five inputs of the new customer's value, in the chosen period */
  firstOrder: number;
  avgOrder: number;
  frequency: number;
  /** expected active periods within the horizon */
  periods: number;
  horizonPeriods: number;
  ltv: number;
  ltvBeforeCosts: number;
  ltvBeforeAcquisition: number;
  ltvCac?: number;
  maxCac: number;
  cacPayback?: number;
  /** the LTV's 90 % interval (Result_LTV_Low, Result_LTV_High), or null when the ledger gives none */
  ltvInterval: { low: number; high: number } | null;
  /** every figure the sheet names, from the core's results chain */
  results: LtvResults;
  plan: CalculationPlan;
  analysis: LedgerAnalysis;
  /** --customers: the customer list and the cohort value sheets (the list alone from a --summary) */
  customerSheets?: CustomerSheets | ListOnlySheets;
  /** wall time of the stages (read the file, summarise it in DuckDB, analyse and fit, write the .xlsx) */
  seconds: { read: number; summarise: number; fit: number; write: number };
  /** the columns read and why (the summary says so) */
  read?: LedgerInput;
  /** the money's currency: the ledger's sign, else the language's */
  currency?: Currency;
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
    if (argv[0] === "sql") return runSqlCommand(argv.slice(1), io, lang);
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
  // the bytes are an .xlsx workbook: a name that says otherwise (other.csv) would mislead whoever opens it
  if (extname(output).toLowerCase() !== ".xlsx") {
    const stem = extname(output) ? output.slice(0, -extname(output).length) : output;
    throw new CliError("outputNotXlsx", EXIT.usage, { path: output, suggestion: `${stem}.xlsx` });
  }
  const started = Date.now();
  const unit: PlanUnit = options.period;
  const period = namedUnit(unit);
  const now = io.now ?? new Date();
  // the sheet writes a horizon in one of its units; any other (weeks, days) as the periods it converts to
  const h = options.horizon ?? {
    amount: DEFAULT_HORIZON.amount,
    unit: namedUnit(DEFAULT_HORIZON.unit),
  };
  const horizonUnit = PLAN_UNITS.find((p) => p === h.unit.name) ?? unit;
  const horizon = horizonUnit === h.unit.name ? h.amount : convertPeriods(h.amount, h.unit, period);
  const analyseOptions = {
    readAt: now,
    horizon: { amount: horizon, unit: horizonUnit },
    model: options.model,
    lang: options.lang,
  };
  // the two sources of the ledger route's analysis: order lines, or a customer summary (--summary)
  const src = options.summary
    ? await readSummarySource(options, analyseOptions)
    : await readLedgerSource(options, analyseOptions, io);
  const { analysis, source: read, ledger, summary } = src;
  const analysed = src.analysed;
  const value = analysis.value;
  if (!value)
    throw new CliError("noModel", EXIT.input, { path: input, reason: analysis.valueError ?? "" });

  const perPeriod = options.retentionCostPerPeriod !== undefined;
  const inputs: PlanInputs = {
    periodUnit: unit,
    avgOrder: value.avgOrder,
    frequency: value.frequency,
    lifespan: horizon,
    lifespanUnit: horizonUnit,
    horizon,
    horizonUnit,
    business: options.business,
    model: options.model,
    grossMargin: options.margin ?? (PARAMS.grossMargin.default as number),
    discountRate: options.discountRate ?? (PARAMS.discountRate.default as number),
    acquisitionCost: options.acquisitionCost ?? (PARAMS.acquisitionCost.default as number),
    retentionCost:
      (perPeriod ? options.retentionCostPerPeriod : options.retentionCost) ??
      (PARAMS.retentionCost.default as number),
    retentionBasis: perPeriod ? "perPeriod" : "total",
    targetRatio: options.targetRatio ?? (PARAMS.targetRatio.default as number),
    currency: src.currency ?? defaultCurrency(options.lang),
  };
  const plan = buildCalculationPlan(inputs, options.lang, analysis, { now, writer: "cli" });
  const results = ledgerResults(inputs, value);
  const ltvInterval = ledgerInterval(inputs, value);

  const sheetOptions = {
    lang: options.lang,
    period: unit,
    model: options.model,
    source: analysis.source,
    now,
  };
  const extra = !options.customers
    ? undefined
    : summary
      ? summaryCustomerSheets(summary, sheetOptions)
      : customerSheets(ledger as Ledger, {
          ...sheetOptions,
          grossMargin: inputs.grossMargin,
          acquisitionCost: inputs.acquisitionCost,
        });
  const more = extra ? [extra.listPlan, ...(extra.cohortPlan ? [extra.cohortPlan] : [])] : [];
  const fitted = Date.now();
  await writeAtomically(output, await planToXlsx(plan, { created: now }, more));

  return {
    output,
    customers: analysis.summary.length,
    orders: ledger ? countOrders(ledger) : analysis.summary.reduce((n, c) => n + c.orders, 0),
    rowsRead: analysis.rowsRead,
    rowsSkipped: analysis.rowsSkipped,
    firstOrder: value.firstOrder,
    avgOrder: value.avgOrder,
    frequency: value.frequency,
    periods: results.periods,
    horizonPeriods: value.horizonPeriods,
    ltv: results.ltv,
    ltvBeforeCosts: results.ltvBeforeCosts,
    ltvBeforeAcquisition: results.ltvBeforeAcquisition,
    ltvCac: results.ltvCac ?? undefined,
    maxCac: results.maxCac,
    cacPayback: results.payback ?? undefined,
    ltvInterval,
    results,
    plan,
    analysis,
    customerSheets: extra,
    seconds: {
      read: (analysed - started) / 1000 - src.summarise,
      summarise: src.summarise,
      fit: (fitted - analysed) / 1000,
      write: (Date.now() - fitted) / 1000,
    },
    read,
    currency: inputs.currency,
  };
}

interface ReadSource {
  analysis: LedgerAnalysis;
  /** the order lines' columns read and why (absent for a summary) */
  source?: LedgerInput;
  ledger?: Ledger;
  summary?: CustomerSummaryTable;
  currency?: Currency;
  /** when the analysis could start (the read done), and seconds DuckDB took to summarise */
  analysed: number;
  summarise: number;
}

type SourceAnalyseOptions = Omit<AnalyseOptions, "source" | "business">;

/** Order lines: read (DuckDB or memory), unreadable rows said on stderr, analysed. */
async function readLedgerSource(
  options: CliOptions,
  analyseOptions: SourceAnalyseOptions,
  io: Pick<CliIo, "stderr">
): Promise<ReadSource> {
  const file = await readLedgerFile(options, (line) => io.stderr(line));
  if (file.kind === "summary") {
    io.stderr(
      options.lang === "ja"
        ? "ltv-workbook: 見出しから顧客サマリー（1顧客1行）として読みました（--summary と同じ）。"
        : "ltv-workbook: read as a customer summary (one row per customer), by its header (as --summary)."
    );
    return readSummarySource(options, analyseOptions, file.table);
  }
  const { read, sheet, timings } = file;
  const { ledger } = read;
  if (ledger.skipped.length > 0) {
    const reasons = skipReasons(ledger.skipped, options.lang);
    io.stderr(
      options.lang === "ja"
        ? `ltv-workbook: 読めない ${ledger.skipped.length} 行をスキップしました（${reasons}）。`
        : `ltv-workbook: skipped ${ledger.skipped.length} unreadable row(s) (${reasons}).`
    );
  }
  const analysed = Date.now();
  const analysis = analyseLedgerForPlan(ledger, options.period, {
    ...analyseOptions,
    source: sourceName(options, sheet),
    business: options.business,
  });
  // an engine that folded line items into orders read more rows than its ledger holds
  analysis.rowsRead = read.rowsRead;
  return {
    analysis,
    source: read,
    ledger,
    currency: read.currency,
    analysed,
    summarise: timings?.summarise ?? 0,
  };
}

/**
 * A customer summary file (--summary, or found by its header: one row per customer, what `ltv-workbook sql`
 * returns, or the route's five or six columns): read into rows (or `read` already), its columns found by header
 * or content, analysed as the wizard's summary source. Repeat purchase only: a contract's tenures need the
 * payment lines.
 * @throws CliError `summaryNotRecognised` when the columns are not found, `summaryContract` for --business
 *   contract; LtvError for the first bad row.
 */
async function readSummarySource(
  options: CliOptions,
  analyseOptions: SourceAnalyseOptions,
  read?: InputTable
): Promise<ReadSource> {
  if (options.business === "contract")
    throw new CliError("summaryContract", EXIT.usage, { path: options.input });
  const table =
    read ??
    (await readInputFile(options.input, {
      encoding: options.encoding,
      sheet: options.sheet,
    }));
  const columns = detectSummaryColumns(table.rows);
  if (!columns) throw new CliError("summaryNotRecognised", EXIT.input, { path: options.input });
  const summary = readCustomerSummary(summaryCells(table.rows, columns.columns));
  const analysed = Date.now();
  const analysis = analyseSummaryForPlan(summary, options.period, {
    ...analyseOptions,
    source: sourceName(options, table.sheet),
  });
  const spend = columns.columns.averageRepeatSpend;
  return {
    analysis,
    summary,
    currency: spend === undefined ? undefined : currencyOfAmounts(table.rows.map((r) => r[spend])),
    analysed,
    summarise: 0,
  };
}

/** The source as the sheet names it: the file, and the sheet of an .xlsx. */
function sourceName(options: CliOptions, sheet?: string): string {
  return sheet ? `${basename(options.input)} [${sheet}]` : basename(options.input);
}

function sameFile(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

/** The temporary file's name: `.<output>.ltv-workbook-<pid>-<random>.tmp`, recognisable as ours. */
export function tempName(path: string, pid = process.pid): string {
  return join(
    dirname(path),
    `.${basename(path)}.ltv-workbook-${pid}-${randomBytes(4).toString("hex")}.tmp`
  );
}

/** Whether a process with this id is running (signal 0 tests, sends nothing). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Removes what an earlier run for this output left behind when it was killed outright (kill -9, a power cut):
 * temporary files of ours for the same output whose process is gone. Nothing else is touched.
 * @returns the files removed.
 */
export async function removeLeftovers(path: string): Promise<string[]> {
  const prefix = `.${basename(path)}.ltv-workbook-`;
  const names = await readdir(dirname(path)).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith(".tmp")) continue;
    const m = /^(\d+)-[0-9a-f]{8}\.tmp$/.exec(name.slice(prefix.length));
    if (!m || alive(Number(m[1]))) continue;
    const file = join(dirname(path), name);
    if (
      await unlink(file).then(
        () => true,
        () => false
      )
    )
      removed.push(file);
  }
  return removed;
}

/** Temporary files being written, removed on any exit the process sees (a signal, an uncaught end). */
const pending = new Set<string>();
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK"] as const;
let guarded = false;

function guardExits(): void {
  if (guarded) return;
  guarded = true;
  process.on("exit", () => {
    for (const f of pending) {
      try {
        unlinkSync(f);
      } catch {
        // already gone
      }
    }
  });
  for (const signal of SIGNALS) {
    try {
      process.once(signal, () => {
        for (const f of pending) {
          try {
            unlinkSync(f);
          } catch {
            // already gone
          }
        }
        pending.clear();
        // end as the signal would have ended the process
        process.kill(process.pid, signal);
      });
    } catch {
      // a signal this platform does not have
    }
  }
}

/**
 * Writes bytes to `path` through a temporary file in the same folder and a rename, so the target is either
 * the old file or the complete new one. The temporary file is removed on failure and on any exit the process
 * sees (Ctrl-C, kill, SIGHUP); one left by a run killed outright is recognised by its name and removed by the
 * next run for the same output.
 * @throws CliError `outputUnwritable` (exit 3).
 */
export async function writeAtomically(path: string, bytes: Uint8Array): Promise<void> {
  await removeLeftovers(path);
  const temp = tempName(path);
  guardExits();
  pending.add(temp);
  try {
    await writeFile(temp, bytes, { flag: "wx" });
    await rename(temp, path);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    throw new CliError("outputUnwritable", EXIT.output, { path, reason: (e as Error).message });
  } finally {
    pending.delete(temp);
  }
}

function fmt(v: number, digits: number, lang: Lang, minimum = 0): string {
  return v.toLocaleString(lang === "ja" ? "ja-JP" : "en-US", {
    maximumFractionDigits: digits,
    minimumFractionDigits: minimum,
  });
}

/** The short summary: what was read, the five inputs, and LTV, LTV:CAC, payback as the sheet computes them. */
export function summaryLines(r: CliResult, o: CliOptions, lang: Lang): string[] {
  const a = r.analysis;
  const value = a.value;
  const unitWord =
    lang === "ja" ? { month: "か月", quarter: "四半期", year: "年" }[o.period] : o.period;
  const perUnit =
    lang === "ja" ? { month: "月", quarter: "四半期", year: "年" }[o.period] : o.period;
  const n = (v: number, d = 0) => fmt(v, d, lang);
  // money by its currency's one rounding rule, as the sheet and the wizard show it (yen 0 decimals, $ 2)
  const digits = CURRENCY_DIGITS[r.currency ?? defaultCurrency(lang)];
  const m = (v: number) => fmt(v, digits, lang, digits);
  const span = `${isoFromSerial(a.firstDate)} … ${isoFromSerial(a.lastDate)}`;
  const drop = a.largestDrop;
  const ratio =
    r.ltvCac === undefined
      ? lang === "ja"
        ? "—（獲得コスト未指定）"
        : "— (no acquisition cost given)"
      : n(r.ltvCac, 2);
  const plural = lang === "ja" ? "" : "s";
  const payback = r.cacPayback === undefined ? "—" : `${n(r.cacPayback, 1)} ${unitWord}${plural}`;
  const model = value ? MODEL_WORDS[lang][value.model] : "";
  const h = value?.holdout;
  const holdout =
    h && h.error !== null
      ? lang === "ja"
        ? `  ホールドアウト検証：最後の ${h.days} 日の購入回数の予測 ${n(h.predicted)}、実際 ${n(h.actual)}（${h.error >= 0 ? "+" : ""}${n(h.error * 100, 1)}%）`
        : `  holdout check: predicted ${n(h.predicted)} purchases in the last ${h.days} days, there were ${n(h.actual)} (${h.error >= 0 ? "+" : ""}${n(h.error * 100, 1)}%)`
      : undefined;
  const iv = r.ltvInterval;
  const uncertainty = [
    value
      ? lang === "ja"
        ? iv
          ? `  LTV の 90 %区間 ${m(iv.low)} 〜 ${m(iv.high)}（データ量による推定の誤差。モデルの誤りや将来の変化は含みません）`
          : "  LTV の 90 %区間は計算できません"
        : iv
          ? `  LTV 90 % interval ${m(iv.low)} – ${m(iv.high)} (the fit's sampling uncertainty; not model error or future change)`
          : "  no 90 % interval for the LTV"
      : undefined,
    ...(value?.warnings ?? []).map(
      (w) => `  ${lang === "ja" ? "注意" : "warning"}: ${warningText(w, lang)}`
    ),
  ].filter((l): l is string => l !== undefined);
  if (lang === "ja") {
    return [
      `ltv-workbook: ${r.output} を書き出しました（シート「${r.plan.sheet.name}」）`,
      `  顧客数 ${n(r.customers)} ・ 注文数 ${n(r.orders)} ・ ${span}（読込 ${n(r.rowsRead)} 行、スキップ ${n(r.rowsSkipped)} 行）`,
      ...(r.read ? [columnsLine(r.read, lang)] : []),
      `  初回購入額 ${m(r.firstOrder)} ・ 平均購入単価 ${m(r.avgOrder)} ・ 継続中の購買頻度 ${n(r.frequency, 3)} 回/${perUnit} ・ 対象期間 ${n(r.horizonPeriods, 2)} ${unitWord}のうち平均継続 ${n(r.periods, 2)} ${unitWord}（${model}）`,
      `  LTV ${m(r.ltv)}（新規顧客1人あたり、コスト控除前 ${m(r.ltvBeforeCosts)}） ・ LTV:CAC ${ratio} ・ CAC回収期間 ${payback} ・ 獲得コスト上限 ${m(r.maxCac)}`,
      ...uncertainty,
      ...(holdout ? [holdout] : []),
      ...(drop
        ? [
            `  継続率の最大の落ち込み：${drop.period} → ${drop.period + 1} ${unitWord}目（${n(drop.from * 100, 1)}% → ${n(drop.to * 100, 1)}%）`,
          ]
        : []),
      ...(r.customerSheets ? customerSheetLines(r.customerSheets, lang) : []),
    ];
  }
  return [
    `ltv-workbook: wrote ${r.output} (sheet "${r.plan.sheet.name}")`,
    `  customers ${n(r.customers)} · orders ${n(r.orders)} · ${span} (${n(r.rowsRead)} rows read, ${n(r.rowsSkipped)} skipped)`,
    ...(r.read ? [columnsLine(r.read, lang)] : []),
    `  first purchase ${m(r.firstOrder)} · avg order ${m(r.avgOrder)} · ${n(r.frequency, 3)} purchases per ${o.period} while active · ${n(r.periods, 2)} active ${unitWord}s of ${n(r.horizonPeriods, 2)} (${model})`,
    `  LTV ${m(r.ltv)} per new customer (before costs ${m(r.ltvBeforeCosts)}) · LTV:CAC ${ratio} · CAC payback ${payback} · max CAC ${m(r.maxCac)}`,
    ...uncertainty,
    ...(holdout ? [holdout] : []),
    ...(drop
      ? [
          `  largest retention drop: ${o.period} ${drop.period} → ${drop.period + 1} (${n(drop.from * 100, 1)}% → ${n(drop.to * 100, 1)}%)`,
        ]
      : []),
    ...(r.customerSheets ? customerSheetLines(r.customerSheets, lang) : []),
  ];
}

const MODEL_WORDS: Record<Lang, Record<"pnbd" | "bgnbd" | "nbd" | "sbg", string>> = {
  en: { pnbd: "Pareto/NBD", bgnbd: "BG/NBD", nbd: "no dropout seen", sbg: "sBG, contracts" },
  ja: { pnbd: "Pareto/NBD", bgnbd: "BG/NBD", nbd: "離脱なし", sbg: "sBG・契約" },
};

/** Entry point for bin/ltv-workbook.js. */
export async function cli(): Promise<void> {
  const code = await main(process.argv.slice(2), {
    stdout: (l) => process.stdout.write(l + "\n"),
    stderr: (l) => process.stderr.write(l + "\n"),
    env: process.env,
  });
  process.exitCode = code;
}
