/**
 * The command line's own error: a message code with a text in English and Japanese, and the exit code it
 * ends with. Core `LtvError`s (a bad cell in the ledger …) are reported by the same printer in `main.ts`.
 */
import type { Lang } from "../i18n/language";
import { truncateText } from "../i18n/messages";

/** Exit codes: 0 success, 1 bad input (file or data), 2 bad command line, 3 the output could not be written. */
export const EXIT = { ok: 0, input: 1, usage: 2, output: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export type CliMessageCode =
  | "usage"
  | "noInput"
  | "unknownOption"
  | "missingValue"
  | "badOptionValue"
  | "conflictingOptions"
  | "fileNotFound"
  | "fileUnreadable"
  | "emptyFile"
  | "notText"
  | "wrongEncoding"
  | "unsupportedFormat"
  | "csvMalformed"
  | "xlsxUnreadable"
  | "sheetNotFound"
  | "noHeader"
  | "columnNotFound"
  | "missingColumns"
  | "noValidRows"
  | "tooManySkipped"
  | "noModel"
  | "outputUnwritable"
  | "outputIsInput"
  | "outputNotXlsx"
  | "xlsxTooLarge"
  | "tooManyCells"
  | "fileTooLarge"
  | "lineTooLong"
  | "summaryNotRecognised"
  | "summaryContract";

const en: Record<CliMessageCode, string> = {
  usage: "{detail}",
  noInput: "No input file given. Usage: ltv-workbook ledger.csv -o ltv.xlsx (see --help).",
  unknownOption: "Unknown option {option}. See --help.",
  missingValue: "Option {option} needs a value.",
  badOptionValue: "Option {option}: '{value}' is not valid. {hint}",
  conflictingOptions: "Options {a} and {b} cannot be used together.",
  fileNotFound: "Input file not found: {path}",
  fileUnreadable: "Cannot read {path}: {reason}",
  emptyFile: "{path} is empty: there is no ledger to read.",
  notText:
    "{path} is not a text CSV file (it contains binary data). Save it as CSV (UTF-8 or Shift_JIS) or .xlsx.",
  wrongEncoding:
    "{path} is neither UTF-8 nor Shift_JIS (unreadable bytes at byte {offset}). Save it as CSV UTF-8 (or Shift_JIS), or pass --encoding.",
  unsupportedFormat: "{path}: unsupported file type '{ext}'. Use .csv, .txt, .tsv or .xlsx.",
  csvMalformed: "{path}, line {line}: {reason}. Check the quotes in that line.",
  xlsxUnreadable: "{path} is not a readable .xlsx workbook ({reason}).",
  sheetNotFound: "{path} has no sheet '{sheet}'. Sheets: {sheets}.",
  noHeader:
    "{path}: the first row has no column headers, so the columns cannot be detected. Name them with --customer, --date, --amount.",
  columnNotFound: "Column '{column}' (for {role}) is not in the header row. Headers: {headers}.",
  missingColumns:
    "{path}: could not find the {roles} column(s). Headers found: {headers}{encoding}. Name them with --customer, --date, --amount.",
  noValidRows: "{path}: no usable order rows ({skipped} rows skipped: {reasons}).",
  tooManySkipped:
    "{path}: {skipped} of {total} rows ({percent}, more than {limit}) could not be read, so the LTV would describe another ledger: {reasons}. First: {first} Fix those cells or the column choice (--customer, --date, --amount), or give --skip-unreadable to leave them out.",
  noModel: "{path}: the ledger's LTV cannot be estimated: {reason}",
  outputUnwritable: "Cannot write {path}: {reason}",
  outputIsInput: "The output {path} is the input file; choose another name with -o.",
  outputNotXlsx:
    "The output {path} does not end in .xlsx, but ltv-workbook writes an .xlsx workbook. Name it e.g. {suggestion}.",
  xlsxTooLarge:
    "{path} unpacks to {size} MB of sheet data, more than the {limit} MB this tool reads. Save only the ledger's columns (or the ledger as CSV) and try again.",
  tooManyCells:
    "{path}{sheet}: more than {limit} cells ({rows} rows × {columns} columns so far), more than this tool reads. Keep only the ledger's columns and rows.",
  fileTooLarge: "{path} is {size} MB, more than the {limit} MB this tool reads.",
  lineTooLong:
    "{path}, line {line}: the line is longer than {limit} characters, so this is not a ledger in CSV form (a ledger row is a few hundred). Check the file, its line breaks and its encoding.",
  summaryNotRecognised:
    "{path}: no customer summary columns found. Name them in a header row (customer_id, first_purchase, last_purchase, repeat_purchases, as ltv-workbook sql returns them), or give the columns without a header in the order customer, first purchase, last purchase, repeat purchases, average repeat spend[, first purchase amount].",
  summaryContract:
    "{path}: a customer summary has no payment lines, so --business contract cannot be used with --summary. Give the contract's payment lines instead.",
};

const ja: Record<CliMessageCode, string> = {
  usage: "{detail}",
  noInput:
    "入力ファイルが指定されていません。使い方: ltv-workbook ledger.csv -o ltv.xlsx（--help を参照）",
  unknownOption: "{option} というオプションはありません。--help を参照してください。",
  missingValue: "オプション {option} には値が必要です。",
  badOptionValue: "オプション {option}：「{value}」は指定できません。{hint}",
  conflictingOptions: "オプション {a} と {b} は同時に指定できません。",
  fileNotFound: "入力ファイルが見つかりません：{path}",
  fileUnreadable: "{path} を読めません：{reason}",
  emptyFile: "{path} は空です。読み込む台帳がありません。",
  notText:
    "{path} はテキストのCSVではありません（バイナリデータを含みます）。CSV（UTF-8 または Shift_JIS）か .xlsx で保存してください。",
  wrongEncoding:
    "{path} は UTF-8 でも Shift_JIS でもありません（{offset} バイト目に読めないバイト）。CSV UTF-8（または Shift_JIS）で保存し直すか、--encoding を指定してください。",
  unsupportedFormat:
    "{path}：「{ext}」の形式には対応していません。.csv、.txt、.tsv、.xlsx を使ってください。",
  csvMalformed: '{path}（{line} 行目）：{reason}。その行の引用符（"）を確認してください。',
  xlsxUnreadable: "{path} は読み込める .xlsx ブックではありません（{reason}）。",
  sheetNotFound: "{path} に「{sheet}」というシートはありません。シート：{sheets}",
  noHeader:
    "{path}：1行目に見出しがないため列を判定できません。--customer、--date、--amount で列を指定してください。",
  columnNotFound: "列「{column}」（{role}）が見出し行にありません。見出し：{headers}",
  missingColumns:
    "{path}：{roles} の列が見つかりません。見出し：{headers}{encoding}。--customer、--date、--amount で列を指定してください。",
  noValidRows: "{path}：使える注文の行がありません（{skipped} 行をスキップ：{reasons}）。",
  tooManySkipped:
    "{path}：{total} 行中 {skipped} 行（{percent}、上限 {limit}）を読めませんでした。このままでは別の台帳の LTV になります：{reasons}。最初の行：{first} セルか列の指定（--customer・--date・--amount）を直すか、--skip-unreadable でその行を除いて続けてください。",
  noModel: "{path}：台帳から LTV を推定できません：{reason}",
  outputUnwritable: "{path} に書き込めません：{reason}",
  outputIsInput: "出力先 {path} は入力ファイルです。-o で別の名前を指定してください。",
  outputNotXlsx:
    "出力先 {path} の拡張子が .xlsx ではありません。ltv-workbook が書き出すのは .xlsx のブックです。{suggestion} のような名前にしてください。",
  xlsxTooLarge:
    "{path} を展開すると {size} MB のシートデータになり、このツールが読める {limit} MB を超えます。台帳の列だけを保存する（または台帳を CSV で保存する）などしてから、もう一度実行してください。",
  tooManyCells:
    "{path}{sheet}：セルが {limit} 個を超えています（ここまでで {rows} 行 × {columns} 列）。このツールが読める量を超えています。台帳の列と行だけにしてください。",
  fileTooLarge: "{path} は {size} MB あり、このツールが読める {limit} MB を超えています。",
  lineTooLong:
    "{path}（{line} 行目）：1行が {limit} 文字を超えているため、CSV の台帳ではありません（台帳の1行はふつう数百文字です）。ファイルの改行と文字コードを確認してください。",
  summaryNotRecognised:
    "{path}：顧客サマリーの列が見つかりません。見出しに customer_id・first_purchase・last_purchase・repeat_purchases（ltv-workbook sql の列名、または 顧客ID・初回購入日・最終購入日・リピート購入回数）を付けるか、見出しなしで 顧客・初回購入日・最終購入日・リピート購入回数・リピート平均購入額［・初回購入額］の順に並べてください。",
  summaryContract:
    "{path}：顧客サマリーには支払い明細がないため、--business contract は使えません。契約の支払い明細を入力にしてください。",
};

export const CLI_MESSAGES: Readonly<Record<Lang, Readonly<Record<CliMessageCode, string>>>> = {
  en,
  ja,
};

/** A failure the command line reports in words and ends with `exit`. */
export class CliError extends Error {
  constructor(
    readonly code: CliMessageCode,
    readonly exit: ExitCode,
    readonly params: Record<string, string | number> = {}
  ) {
    super(renderCli(code, params, "en"));
    this.name = "CliError";
  }
}

/** Longest a filled-in value may be, in characters: a message fits on a screen whatever the file held. */
const PARAM_MAX = 300;

/**
 * Fills a message's {placeholders}; unknown ones become empty. A value longer than 300 characters (a reason an
 * exception gave, a path) is cut at a character boundary, never inside an emoji or a surrogate pair.
 */
export function renderCli(
  code: CliMessageCode,
  params: Record<string, string | number>,
  lang: Lang
): string {
  return CLI_MESSAGES[lang][code].replace(/\{(\w+)\}/g, (_, k: string) =>
    params[k] === undefined ? "" : truncateText(String(params[k]), PARAM_MAX)
  );
}

/**
 * A list for a message: at most `max` items, each at most 40 characters, then "… and N more" (ja: "…ほか N 件").
 * Example: `listForMessage(["a", "b", "c"], "en", 2)` → `"a", "b" … and 1 more`. O(max).
 */
export function listForMessage(items: readonly string[], lang: Lang, max = 10): string {
  const shown = items.slice(0, max).map((t) => `"${truncateText(t, 40)}"`);
  const rest = items.length - shown.length;
  if (rest <= 0) return shown.join(", ");
  return `${shown.join(", ")}${lang === "ja" ? ` …ほか ${rest} 件` : ` … and ${rest} more`}`;
}
