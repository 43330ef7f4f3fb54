/**
 * Rows of a ledger file → the core's typed ledger, with the columns named on the command line or detected as
 * the wizard detects them (`src/core/input/headers.ts`), read by `readLedger` in lenient mode.
 */
import {
  detectColumns,
  LEDGER_ROLES,
  type ColumnMapping,
  type LedgerRole,
} from "../core/input/headers";
import { isBlank, type Cell } from "../core/input/cells";
import { currencyOfAmounts, type Currency } from "../core/input/currency";
import type { PlatformExport } from "../core/input/platforms";
import {
  readLedger,
  unreadableSummary,
  UNREADABLE_LIMIT,
  type Ledger,
  type SkippedRow,
} from "../core/ledger";
import { formatError } from "../i18n/messages";
import { columnLetter } from "../sheet/a1";
import type { Lang } from "../i18n/language";
import type { ColumnChoice } from "./args";
import { CliError, EXIT, listForMessage } from "./errors";

export interface LedgerInput {
  ledger: Ledger;
  mapping: Required<Pick<ColumnMapping, "customer" | "date" | "amount">> &
    Pick<ColumnMapping, "order">;
  /** header texts of the mapped columns (or column letters when the file has no header) */
  headers: Partial<Record<LedgerRole, string>>;
  hasHeader: boolean;
  /** data rows looked at (after the header) */
  dataRows: number;
  /** rows read into the ledger (`ledger.n`, unless an engine folded line items into orders) */
  rowsRead: number;
  /** why each mapped column was taken: named on the command line, its header, its content */
  how: Partial<Record<LedgerRole, ColumnReason>>;
  /** the platform export the header row is, if recognised */
  platform?: PlatformExport;
  /** the currency the amounts carry (¥, 円, $), if any of them says */
  currency?: Currency;
}

/** Why a column was taken for a role. */
export type ColumnReason = "option" | "header" | "content";

const ROLE_OPTION: Record<LedgerRole, keyof ColumnChoice> = {
  customer: "customer",
  date: "date",
  amount: "amount",
  order: "order",
};

/**
 * Resolves a column named on the command line against the header row: the header text first (compared after
 * NFKC and trimming, case-insensitive), then a column letter (`C`), then a 1-based number (`3`).
 */
export function resolveColumn(
  choice: string,
  header: readonly Cell[],
  width: number
): number | undefined {
  const want = choice.normalize("NFKC").trim().toLowerCase();
  const byName = header.findIndex(
    (h) => typeof h === "string" && h.normalize("NFKC").trim().toLowerCase() === want
  );
  if (byName >= 0) return byName;
  if (/^[a-z]{1,3}$/.test(want)) {
    let n = 0;
    for (const ch of want) n = n * 26 + (ch.charCodeAt(0) - 96);
    if (n - 1 < width) return n - 1;
  }
  if (/^\d+$/.test(want) && Number(want) >= 1 && Number(want) <= width) return Number(want) - 1;
  return undefined;
}

/**
 * Maps the columns and reads the ledger (lenient: bad rows are skipped and counted).
 * @throws CliError `missingColumns` / `columnNotFound` (exit 1), `noValidRows` when no row could be read,
 * `tooManySkipped` when more than a few percent of the rows could not be read (`unreadableSummary`: a wrong date
 * format, a shifted column or an unknown currency sign would otherwise give a silently wrong LTV) unless
 * `skipUnreadable` is set (`--skip-unreadable`).
 */
export function ledgerFromRows(
  rows: Cell[][],
  choice: ColumnChoice,
  path: string,
  lang: Lang,
  encoding?: string,
  skipUnreadable = false
): LedgerInput {
  const mapped = mapColumns(rows, choice, path, lang, encoding);
  const { mapping, hasHeader } = mapped;
  const data = hasHeader ? rows.slice(1) : rows;
  const column = (c: number | undefined) =>
    c === undefined ? undefined : data.map((r) => r[c] ?? null);
  const ledger = readLedger(
    {
      customers: column(mapping.customer),
      dates: column(mapping.date),
      amounts: column(mapping.amount),
      orders: column(mapping.order),
    },
    {
      mode: "lenient",
      argNames: LEDGER_ARG_NAMES,
    }
  );
  checkReadable(ledger, path, lang, hasHeader, skipUnreadable);
  return { ...mapped, ledger, dataRows: data.length, rowsRead: ledger.n };
}

/** The argument names the CLI's ledgers report skipped rows under (those of the custom functions). */
export const LEDGER_ARG_NAMES = {
  customers: "customer_ids",
  dates: "order_dates",
  amounts: "amounts",
  orders: "order_ids",
} as const;

/** The columns of a ledger file: named on the command line or detected, why, and whether row 1 is a header. */
export type MappedColumns = Pick<
  LedgerInput,
  "mapping" | "headers" | "hasHeader" | "how" | "platform" | "currency"
>;

/**
 * Maps the ledger's columns from the file's first rows (all of them, or a head of a large file): the columns
 * named on the command line, the others as the wizard detects them.
 * @throws CliError `columnNotFound`, `missingColumns` (exit 1).
 */
export function mapColumns(
  rows: Cell[][],
  choice: ColumnChoice,
  path: string,
  lang: Lang,
  encoding?: string
): MappedColumns {
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  const detected = detectColumns(rows);
  const header = rows[0] ?? [];
  const mapping: ColumnMapping = {};
  const named = LEDGER_ROLES.filter((r) => choice[ROLE_OPTION[r]] !== undefined);
  for (const role of named) {
    const col = resolveColumn(choice[ROLE_OPTION[role]] as string, header, width);
    if (col === undefined) {
      throw new CliError("columnNotFound", EXIT.input, {
        column: choice[ROLE_OPTION[role]] as string,
        role: roleLabel(role, lang),
        headers: headerList(header, lang),
      });
    }
    mapping[role] = col;
  }
  const how: Partial<Record<LedgerRole, ColumnReason>> = {};
  for (const role of named) how[role] = "option";
  for (const role of LEDGER_ROLES) {
    if (mapping[role] !== undefined) continue;
    const col = detected.mapping[role];
    if (col !== undefined && !Object.values(mapping).includes(col)) {
      mapping[role] = col;
      how[role] = detected.how[role] ?? "content";
    }
  }
  const missing = (["customer", "date", "amount"] as const).filter((r) => mapping[r] === undefined);
  if (missing.length > 0) {
    throw new CliError("missingColumns", EXIT.input, {
      path,
      roles: missing.map((r) => roleLabel(r, lang)).join(", "),
      headers: headerList(header, lang),
      encoding: encoding
        ? lang === "ja"
          ? `（文字コード ${encoding} として読み込み）`
          : ` (read as ${encoding})`
        : "",
    });
  }
  // a header row is recognised by the detector, or by any named column matching its header text
  const hasHeader =
    detected.hasHeader ||
    named.some(
      (r) =>
        typeof header[mapping[r] as number] === "string" &&
        resolveColumn(choice[ROLE_OPTION[r]] as string, [header[mapping[r] as number]], 1) === 0
    );
  const headers: Partial<Record<LedgerRole, string>> = {};
  for (const role of LEDGER_ROLES) {
    const c = mapping[role];
    if (c === undefined) continue;
    headers[role] =
      hasHeader && typeof header[c] === "string" && !isBlank(header[c])
        ? (header[c] as string)
        : columnLetter(c);
  }
  // the currency from the amounts of the rows given (the whole file, or a large file's head): the first signs decide
  const amounts =
    mapping.amount === undefined
      ? []
      : rows.slice(hasHeader ? 1 : 0).map((r) => r[mapping.amount as number]);
  const currency = currencyOfAmounts(amounts);
  return {
    mapping: mapping as LedgerInput["mapping"],
    headers,
    hasHeader,
    how,
    ...(detected.platform ? { platform: detected.platform } : {}),
    ...(currency ? { currency } : {}),
  };
}

/**
 * The gate both engines apply to what they read: no readable row at all, or more than a few percent unreadable
 * (`unreadableSummary`: a wrong date format, a shifted column or an unknown currency sign would otherwise give a
 * silently wrong LTV) stops the run, unless `skipUnreadable`. `read.n` counts the rows read.
 * @throws CliError `noValidRows`, `tooManySkipped` (exit 1).
 */
export function checkReadable(
  read: Pick<Ledger, "n" | "skipped">,
  path: string,
  lang: Lang,
  hasHeader: boolean,
  skipUnreadable: boolean
): void {
  // rows in messages are file rows (1-based, header included)
  const offset = hasHeader ? 1 : 0;
  if (read.n === 0) {
    throw new CliError("noValidRows", EXIT.input, {
      path,
      skipped: read.skipped.length,
      reasons: skipReasons(read.skipped, lang) || "-",
    });
  }
  const unreadable = unreadableSummary(read as Ledger);
  if (unreadable.tooMany && !skipUnreadable) {
    throw new CliError("tooManySkipped", EXIT.input, {
      path,
      skipped: unreadable.unreadable,
      total: unreadable.rows,
      percent: formatPercent(unreadable.share),
      limit: formatPercent(UNREADABLE_LIMIT),
      reasons: skipReasons(read.skipped, lang),
      // the first row of each of the (at most three) most frequent reasons
      first: unreadable.reasons
        .slice(0, 3)
        .map((r) => describeSkipped(r.first, offset, lang))
        .join(lang === "ja" ? " / " : " / "),
    });
  }
}

/**
 * The line saying which columns were read and why, in one language:
 * `columnsLine(read, "en")` → "columns used: customer id = 顧客ID (its header), order date = 注文日 (its header), amount = C (its content), order number = none".
 */
export function columnsLine(read: LedgerInput, lang: Lang): string {
  const why: Record<Lang, Record<ColumnReason, string>> = {
    en: { option: "as named on the command line", header: "its header", content: "its content" },
    ja: { option: "コマンドラインで指定", header: "見出しから", content: "内容から推定" },
  };
  const parts = LEDGER_ROLES.map((role) => {
    const name = read.headers[role];
    const reason = read.how[role];
    if (name === undefined)
      return lang === "ja" ? `${roleLabel(role, lang)}: なし` : `${roleLabel(role, lang)} = none`;
    const because = reason ? why[lang][reason] : "";
    return lang === "ja"
      ? `${roleLabel(role, lang)}: 「${name}」（${because}）`
      : `${roleLabel(role, lang)} = ${name} (${because})`;
  });
  const platform = read.platform
    ? lang === "ja"
      ? `${read.platform.name.ja} の${read.platform.exportName.ja}として読み込み。`
      : `read as a ${read.platform.name.en} ${read.platform.exportName.en}. `
    : "";
  return lang === "ja"
    ? `  ${platform}使った列: ${parts.join("、")}`
    : `  ${platform}columns used: ${parts.join(", ")}`;
}

function formatPercent(share: number): string {
  const p = share * 100;
  return `${p < 10 ? p.toFixed(1) : p.toFixed(0)}%`;
}

/** "2 unreadable dates, 1 blank amount" — counts by reason and column. */
export function skipReasons(skipped: readonly SkippedRow[], lang: Lang): string {
  const counts = new Map<string, number>();
  for (const s of skipped) {
    const key = `${s.reason}|${s.arg}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts]
    .map(([key, n]) => {
      const [reason, arg] = key.split("|");
      const what = REASON_WORDS[lang][reason] ?? reason;
      return lang === "ja"
        ? `${argWord(arg, lang)}${what} ${n} 行`
        : `${n} ${what} ${argWord(arg, lang)}`;
    })
    .join(lang === "ja" ? "、" : ", ");
}

/** A skipped row in the core's words, with the file's row number. */
export function describeSkipped(s: SkippedRow, offset: number, lang: Lang): string {
  return formatError(
    { kind: "badValue", code: s.reason, arg: s.arg, row: s.row + offset, value: s.value },
    lang
  );
}

const REASON_WORDS: Record<Lang, Record<string, string>> = {
  en: {
    notADate: "unreadable",
    notAnAmount: "unreadable",
    notAnId: "unreadable",
    blankCell: "blank",
    errorCell: "error",
  },
  ja: {
    notADate: "が読めない",
    notAnAmount: "が読めない",
    notAnId: "が読めない",
    blankCell: "が空白",
    errorCell: "がエラー",
  },
};

function argWord(arg: string, lang: Lang): string {
  const en: Record<string, string> = {
    customer_ids: "customer ids",
    order_dates: "dates",
    amounts: "amounts",
    order_ids: "order numbers",
  };
  const ja: Record<string, string> = {
    customer_ids: "顧客ID",
    order_dates: "日付",
    amounts: "金額",
    order_ids: "注文番号",
  };
  return (lang === "ja" ? ja : en)[arg] ?? arg;
}

function roleLabel(role: LedgerRole, lang: Lang): string {
  const en: Record<LedgerRole, string> = {
    customer: "customer id",
    date: "order date",
    amount: "amount",
    order: "order number",
  };
  const ja: Record<LedgerRole, string> = {
    customer: "顧客ID",
    date: "購入日",
    amount: "金額",
    order: "注文番号",
  };
  return (lang === "ja" ? ja : en)[role];
}

function headerList(header: readonly Cell[], lang: Lang): string {
  const texts = header
    .map((h) => (h === null || h === undefined ? "" : String(h)))
    .filter((h) => h !== "");
  // at most ten, each cut by characters: a one-line file of a million "headers" still gives a short message
  return texts.length ? listForMessage(texts, lang) : "(none)";
}
