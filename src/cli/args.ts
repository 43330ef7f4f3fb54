/**
 * The command line of `ltv-workbook`, parsed into typed options. Pure: no I/O, so every rule is tested.
 *
 *   ltv-workbook ledger.csv -o ltv.xlsx [--period quarter] [--horizon 3y] [--business repeat|contract]
 *     [--model auto|pnbd|bgnbd] [--margin 0.4]
 *     [--discount-rate 0.02] [--acquisition-cost 5000] [--retention-cost 1200 | --retention-cost-per-period 100]
 *     [--target-ratio 3] [--lang ja] [--customer COL --date COL --amount COL --order COL] [--sheet NAME]
 *     [--encoding auto|utf-8|shift_jis] [--skip-unreadable] [--customers] [--engine duckdb|memory]
 *     [--summary]
 */
import { readNumber } from "../core/input/number";
import { parsePeriodUnit, type NamedUnit, type PeriodUnit } from "../core/periods";
import { LtvError } from "../core/errors";
import { boundViolation, PARAMS, type ParamRule } from "../core/params";
import { langFromTag, type Lang } from "../i18n/language";
import { DEFAULT_PERIOD } from "../sheet/ledger-analysis";
import { CliError, EXIT } from "./errors";
import type { EncodingChoice } from "./read-input";

/** How a ledger column is named on the command line: a header text, a column letter (C) or a 1-based number. */
export interface ColumnChoice {
  customer?: string;
  date?: string;
  amount?: string;
  order?: string;
}

export interface CliOptions {
  input: string;
  /** the .xlsx to write; default `<input name>-ltv.xlsx` beside the input */
  output: string;
  /** the period unit of frequency and lifetime: month, quarter or year */
  period: "month" | "quarter" | "year";
  /**
   * how far ahead from the first purchase the LTV counts (default 3 years): `--horizon 3y`; `--lifespan` is read
   * as the horizon and `--periods N` as N periods (the ledger's model gives how long customers stay)
   */
  horizon?: { amount: number; unit: PeriodUnit; text: string };
  /** repeat purchase without a contract (default) or a contract / subscription business */
  business: "repeat" | "contract";
  /** repeat purchase: the model (default auto: the better-fitting one) */
  model: "auto" | "pnbd" | "bgnbd";
  margin?: number;
  discountRate?: number;
  acquisitionCost?: number;
  /** retention cost per customer, total over the lifetime (as in LTV) */
  retentionCost?: number;
  /** retention cost per customer per period (the alternative) */
  retentionCostPerPeriod?: number;
  targetRatio?: number;
  lang: Lang;
  columns: ColumnChoice;
  sheet?: string;
  encoding: EncodingChoice;
  quiet: boolean;
  /** go on when more than a few percent of the rows cannot be read (they are left out and listed) */
  skipUnreadable: boolean;
  /** also write the customer list and the cohort value sheets */
  customers: boolean;
  /** the input is a customer summary (one row per customer, as `ltv-workbook sql` returns it) */
  summary: boolean;
  /** who reads the file: DuckDB or memory; default by the file's size (`chooseEngine`) */
  engine?: "duckdb" | "memory";
  help: boolean;
  version: boolean;
}

const VALUE_OPTIONS = new Set([
  "-o",
  "--output",
  "--period",
  "--periods",
  "--lifespan",
  "--horizon",
  "--business",
  "--model",
  "--margin",
  "--gross-margin",
  "--discount-rate",
  "--acquisition-cost",
  "--retention-cost",
  "--retention-cost-per-period",
  "--target-ratio",
  "--lang",
  "--customer",
  "--date",
  "--amount",
  "--order",
  "--sheet",
  "--encoding",
  "--engine",
]);
const FLAG_OPTIONS = new Set([
  "-h",
  "--help",
  "-v",
  "--version",
  "-q",
  "--quiet",
  "--skip-unreadable",
  "--customers",
  "--summary",
]);

const PERIODS_ALLOWED: readonly NamedUnit[] = ["month", "quarter", "year"];

/**
 * Parses `argv` (without `node` and the script). `env` gives the default language (LC_ALL / LANG = ja_JP… → ja).
 * Example: `parseArgs(["a.csv", "--period", "quarter", "--margin", "40%"])` → period "quarter", margin 0.4.
 * @throws CliError (exit 2) naming the option and what it accepts.
 */
export function parseArgs(
  argv: readonly string[],
  env: Record<string, string | undefined> = {}
): CliOptions {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let inline: string | undefined;
    if (arg.startsWith("--") && arg.includes("=")) {
      inline = arg.slice(arg.indexOf("=") + 1);
      arg = arg.slice(0, arg.indexOf("="));
    }
    if (arg === "--") {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (VALUE_OPTIONS.has(arg)) {
      const v = inline ?? argv[++i];
      if (v === undefined) throw usage("missingValue", { option: arg });
      const key = arg === "-o" ? "--output" : arg === "--gross-margin" ? "--margin" : arg;
      values.set(key, v);
    } else if (FLAG_OPTIONS.has(arg)) {
      flags.add(
        arg === "-h" ? "--help" : arg === "-v" ? "--version" : arg === "-q" ? "--quiet" : arg
      );
    } else if (arg.startsWith("-") && arg !== "-") {
      throw usage("unknownOption", { option: arg });
    } else positional.push(arg);
  }

  const lang = parseLang(values.get("--lang"), env);
  const help = flags.has("--help");
  const version = flags.has("--version");
  if (positional.length > 1) throw usage("unknownOption", { option: positional[1] });
  const input = positional[0] ?? "";
  if (!input && !help && !version) throw usage("noInput", {});

  exclusive(values, "--periods", "--lifespan");
  exclusive(values, "--horizon", "--lifespan");
  exclusive(values, "--horizon", "--periods");
  exclusive(values, "--retention-cost", "--retention-cost-per-period");

  const periodText = values.get("--period");
  // the wizard's default too: the same ledger gives the same first answer in both
  let period: CliOptions["period"] = DEFAULT_PERIOD;
  if (periodText !== undefined) {
    const unit = unitOrUsage(periodText, "--period", lang);
    if (!unit.name || !PERIODS_ALLOWED.includes(unit.name)) {
      throw usage("badOptionValue", {
        option: "--period",
        value: periodText,
        hint:
          lang === "ja"
            ? "月・四半期・年（month, quarter, year）のいずれかを指定してください。"
            : "Use month, quarter or year (月, 四半期, 年).",
      });
    }
    period = unit.name as CliOptions["period"];
  }

  const encodingText = values.get("--encoding");
  let encoding: EncodingChoice = "auto";
  if (encodingText !== undefined) {
    const e = encodingText.toLowerCase().replace(/_/g, "-");
    const map: Record<string, EncodingChoice> = {
      auto: "auto",
      "utf-8": "utf-8",
      utf8: "utf-8",
      "shift-jis": "shift_jis",
      sjis: "shift_jis",
      cp932: "shift_jis",
      "windows-31j": "shift_jis",
      "utf-16le": "utf-16le",
      "utf-16be": "utf-16be",
    };
    if (!map[e])
      throw usage("badOptionValue", {
        option: "--encoding",
        value: encodingText,
        hint:
          lang === "ja"
            ? "auto・utf-8・shift_jis・utf-16le・utf-16be のいずれかを指定してください。"
            : "Use auto, utf-8, shift_jis, utf-16le or utf-16be.",
      });
    encoding = map[e];
  }

  const engineText = values.get("--engine");
  if (engineText !== undefined && engineText !== "duckdb" && engineText !== "memory")
    throw usage("badOptionValue", {
      option: "--engine",
      value: engineText,
      hint: lang === "ja" ? "duckdb か memory を指定してください。" : "Use duckdb or memory.",
    });

  return {
    input,
    output: values.get("--output") ?? (input ? defaultOutput(input) : ""),
    period,
    horizon: horizonOf(values, period, lang),
    business: choice(values, "--business", BUSINESS_WORDS, "repeat", lang),
    model: choice(values, "--model", MODEL_WORDS, "auto", lang),
    margin: num(values, "--margin", PARAMS.grossMargin, lang),
    discountRate: num(values, "--discount-rate", PARAMS.discountRate, lang),
    acquisitionCost: num(values, "--acquisition-cost", PARAMS.acquisitionCost, lang),
    retentionCost: num(values, "--retention-cost", PARAMS.retentionCost, lang),
    retentionCostPerPeriod: num(values, "--retention-cost-per-period", PARAMS.retentionCost, lang),
    targetRatio: num(values, "--target-ratio", PARAMS.targetRatio, lang),
    lang,
    columns: {
      customer: values.get("--customer"),
      date: values.get("--date"),
      amount: values.get("--amount"),
      order: values.get("--order"),
    },
    sheet: values.get("--sheet"),
    encoding,
    quiet: flags.has("--quiet"),
    skipUnreadable: flags.has("--skip-unreadable"),
    customers: flags.has("--customers"),
    summary: flags.has("--summary"),
    engine: engineText as CliOptions["engine"],
    help,
    version,
  };
}

const BUSINESS_WORDS: ReadonlyMap<string, "repeat" | "contract"> = new Map([
  ["repeat", "repeat"],
  ["リピート", "repeat"],
  ["contract", "contract"],
  ["subscription", "contract"],
  ["契約", "contract"],
  ["サブスク", "contract"],
]);
const MODEL_WORDS: ReadonlyMap<string, "auto" | "pnbd" | "bgnbd"> = new Map([
  ["auto", "auto"],
  ["pnbd", "pnbd"],
  ["pareto/nbd", "pnbd"],
  ["bgnbd", "bgnbd"],
  ["bg/nbd", "bgnbd"],
]);

function choice<T extends string>(
  values: Map<string, string>,
  option: string,
  words: ReadonlyMap<string, T>,
  fallback: T,
  lang: Lang
): T {
  const text = values.get(option);
  if (text === undefined) return fallback;
  const v = words.get(text.normalize("NFKC").trim().toLowerCase());
  if (v === undefined) {
    const options = [...new Set(words.values())].join(", ");
    throw usage("badOptionValue", {
      option,
      value: text,
      hint: lang === "ja" ? `${options} のいずれかを指定してください。` : `Use ${options}.`,
    });
  }
  return v;
}

/** The horizon: --horizon (or --lifespan, read as it), or --periods N periods of the chosen period. */
function horizonOf(
  values: Map<string, string>,
  period: CliOptions["period"],
  lang: Lang
): CliOptions["horizon"] {
  const option = values.has("--horizon") ? "--horizon" : "--lifespan";
  const text = values.get(option);
  if (text !== undefined) return parseLifespan(text, lang, option);
  const periods = num(values, "--periods", PARAMS.horizon, lang);
  if (periods === undefined) return undefined;
  return { amount: periods, unit: parsePeriodUnit(period, "year"), text: String(periods) };
}

/** `ledger.csv` → `ledger-ltv.xlsx` in the same folder. */
export function defaultOutput(input: string): string {
  return input.replace(/\.[^./\\]*$/, "") + "-ltv.xlsx";
}

/**
 * A lifespan: a number and a unit, `3y`, `36m`, `12q`, `3 years`, `3年`, `18か月`; a bare number is years.
 * Example: `parseLifespan("18か月")` → 18 months.
 */
export function parseLifespan(
  text: string,
  lang: Lang = "en",
  option = "--horizon"
): { amount: number; unit: PeriodUnit; text: string } {
  const s = text.normalize("NFKC").trim();
  const m = /^(\d+(?:\.\d+)?|\.\d+)\s*(.*)$/.exec(s);
  if (!m || boundViolation(Number(m[1]), PARAMS.horizon)) {
    throw usage("badOptionValue", {
      option,
      value: text,
      hint:
        lang === "ja"
          ? `${aNumber(PARAMS.horizon, lang)}と単位を指定してください（3y、36m、12q、3年、18か月）。`
          : `Use ${aNumber(PARAMS.horizon, lang)} and a unit: 3y, 36m, 12q, 3年, 18か月.`,
    });
  }
  const unit =
    m[2] === "" ? parsePeriodUnit(undefined, "year") : unitOrUsage(m[2], option, lang, text);
  return { amount: Number(m[1]), unit, text };
}

function unitOrUsage(word: string, option: string, lang: Lang, whole = word): PeriodUnit {
  try {
    const unit = parsePeriodUnit(word, "year", option);
    if (!unit.name) throw new Error("days");
    return unit;
  } catch (e) {
    if (e instanceof LtvError || e instanceof Error) {
      throw usage("badOptionValue", {
        option,
        value: whole,
        hint:
          lang === "ja"
            ? "単位は日・週・月・四半期・年（day, week, month, quarter, year）です。"
            : "Units: day, week, month, quarter, year (日, 週, 月, 四半期, 年).",
      });
    }
    throw e;
  }
}

function parseLang(value: string | undefined, env: Record<string, string | undefined>): Lang {
  if (value === undefined)
    return langFromTag((env.LC_ALL || env.LC_MESSAGES || env.LANG || "").replace(/_/g, "-"));
  if (value === "ja" || value === "en") return value;
  const tag = langFromTag(value);
  if (/^(en|ja)\b/i.test(value)) return tag;
  // the language asked for is unreadable: the environment's says how to ask
  const envLang = langFromTag((env.LC_ALL || env.LC_MESSAGES || env.LANG || "").replace(/_/g, "-"));
  throw usage("badOptionValue", {
    option: "--lang",
    value,
    hint: envLang === "ja" ? "ja または en を指定してください。" : "Use ja or en.",
  });
}

/** "a number of at least 0", "a number above 0 and at most 1" / "0 以上の数", "0 より大きく 1 以下の数". */
function aNumber(r: ParamRule, lang: Lang): string {
  const lower =
    r.min !== undefined
      ? { at: r.min, strict: false }
      : r.above !== undefined
        ? { at: r.above, strict: true }
        : undefined;
  const upper =
    r.max !== undefined
      ? { at: r.max, strict: false }
      : r.below !== undefined
        ? { at: r.below, strict: true }
        : undefined;
  if (lang === "ja") {
    const hi = upper ? `${upper.at} ${upper.strict ? "未満" : "以下"}` : "";
    if (lower?.strict) return `${lower.at} より大き${hi ? `く ${hi}の` : "い"}数`;
    const lo = lower ? `${lower.at} 以上` : "";
    return `${[lo, hi].filter(Boolean).join(" ")}の数`;
  }
  const lo = lower ? `${lower.strict ? "above" : "of at least"} ${lower.at}` : "";
  const hi = upper ? `${upper.strict ? "below" : "at most"} ${upper.at}` : "";
  return `a number ${[lo, hi].filter(Boolean).join(" and ")}`;
}

/** A numeric option, checked by its parameter's rule (the one =LTV and the wizard apply). */
function num(
  values: Map<string, string>,
  option: string,
  rule: ParamRule,
  lang: Lang
): number | undefined {
  const text = values.get(option);
  if (text === undefined) return undefined;
  const v = readNumber(text);
  if (typeof v !== "number" || boundViolation(v, rule)) {
    const example =
      rule.kind === "fraction" ? (lang === "ja" ? "（0.4 または 40%）" : " (0.4 or 40%)") : "";
    const hint =
      lang === "ja"
        ? `${aNumber(rule, lang)}を指定してください${example}。`
        : `Use ${aNumber(rule, lang)}${example}.`;
    throw usage("badOptionValue", { option, value: text, hint });
  }
  return v;
}

function exclusive(values: Map<string, string>, a: string, b: string): void {
  if (values.has(a) && values.has(b)) throw usage("conflictingOptions", { a, b });
}

function usage(
  code: "noInput" | "unknownOption" | "missingValue" | "badOptionValue" | "conflictingOptions",
  params: Record<string, string>
): CliError {
  return new CliError(code, EXIT.usage, params);
}

/** The --help text. */
export function helpText(lang: Lang): string {
  if (lang === "ja") {
    return `ltv-workbook — 販売台帳（CSV/xlsx）から、アドインのウィザードと同じ LTV 計算シートを Excel なしで作ります。

使い方: ltv-workbook 台帳.csv -o ltv.xlsx [オプション]
       ltv-workbook sql --dialect duckdb|bigquery|snowflake|spark --table 表 --customer 列 --date 列 --amount 列 [--order 列]

  -o, --output FILE              出力する .xlsx（既定: <入力名>-ltv.xlsx）
  --period month|quarter|year    期間の単位（既定: month）
  --horizon 3y                   初回購入から何年先までを LTV に数えるか（3y・36m・12q・3年。既定 3年）。
                                 継続期間は台帳に当てはめたモデルが推定します（--lifespan も対象期間として読みます）
  --business repeat|contract     事業の種類：契約のないリピート購入（既定）か、契約・定期購入（サブスク）
  --model auto|pnbd|bgnbd        リピート購入のモデル（既定 auto：台帳によく合う方）
  --margin 0.4                   粗利率（0.4 または 40%、既定 1）
  --discount-rate 0.02           期間あたり割引率（既定 0）
  --acquisition-cost 5000        顧客獲得コスト（1人あたり）
  --retention-cost 1200          顧客維持コスト（1人あたり、生涯の合計）
  --retention-cost-per-period 100  顧客維持コスト（1人あたり、1期間あたり）
  --target-ratio 3               目標 LTV:CAC（既定 3）
  --customer/--date/--amount/--order 列   列を見出し名・列記号（C）・番号（3）で指定（既定: 自動判定）
  --sheet 名前                   .xlsx の読むシート（既定: 先頭）
  --encoding auto|utf-8|shift_jis  CSV の文字コード（既定: 自動判定）
  --engine duckdb|memory         読み込み方：DuckDB（大きなファイル、Parquet）かメモリ（既定: 64 MB 以上は DuckDB）
  --lang ja|en                   表示とシートの言語（既定: 環境の LANG）
  --customers                    顧客リスト（今後1年の期待売上の順位とセグメント）とコホート累積価値のシートも書く
  --summary                      入力は顧客サマリー（1顧客1行。ltv-workbook sql の結果など）。コホート表と
                                 コホート累積価値のシートは注文明細が必要なため作りません。見出しが顧客サマリーの
                                 列名のファイルは、指定がなくても顧客サマリーとして読みます
  -q, --quiet                    要約を表示しない
  --skip-unreadable              読めない行が数 % を超えても、その行を除いて続ける（既定: 中止）

終了コード: 0 成功、1 入力ファイル・データの誤り、2 コマンドラインの誤り、3 出力を書けない`;
  }
  return `ltv-workbook — the add-in wizard's LTV calculation workbook from a sales ledger (CSV or .xlsx), without Excel.

Usage: ltv-workbook ledger.csv -o ltv.xlsx [options]
       ltv-workbook sql --dialect duckdb|bigquery|snowflake|spark --table T --customer COL --date COL --amount COL [--order COL]

  -o, --output FILE              the .xlsx to write (default: <input name>-ltv.xlsx)
  --period month|quarter|year    period unit (default: month)
  --horizon 3y                   how far ahead from the first purchase the LTV counts (3y, 36m, 12q, 3年;
                                 default 3 years). How long customers stay comes from the model fitted to the
                                 ledger (--lifespan is read as the horizon)
  --business repeat|contract     repeat purchase without a contract (default), or a contract / subscription
  --model auto|pnbd|bgnbd        the repeat-purchase model (default auto: the one that fits the ledger better)
  --margin 0.4                   gross margin (0.4 or 40%; default 1)
  --discount-rate 0.02           discount rate per period (default 0)
  --acquisition-cost 5000        acquisition cost per customer
  --retention-cost 1200          retention cost per customer, total over the lifetime
  --retention-cost-per-period 100  retention cost per customer per period
  --target-ratio 3               target LTV:CAC (default 3)
  --customer/--date/--amount/--order COL   a column by header, letter (C) or number (3) (default: detected)
  --sheet NAME                   .xlsx: the sheet to read (default: the first)
  --encoding auto|utf-8|shift_jis  CSV encoding (default: detected)
  --engine duckdb|memory         who reads the file: embedded DuckDB (large files, Parquet) or memory
                                 (default: DuckDB from 64 MB)
  --lang ja|en                   language of messages and of the sheet (default: from LANG)
  --customers                    also write the customer list (ranked by expected revenue over the next year,
                                 with segments) and the cohort value sheet (cumulative value against the CAC)
  --summary                      the input is a customer summary (one row per customer, e.g. what
                                 ltv-workbook sql returns); no cohort tables: they need the order lines.
                                 A file whose header names the summary's columns is read as one anyway
  -q, --quiet                    no summary
  --skip-unreadable              go on when more than a few percent of the rows cannot be read,
                                 leaving them out (default: stop with a summary)

Exit codes: 0 success, 1 bad input file or data, 2 bad command line, 3 output cannot be written.`;
}
