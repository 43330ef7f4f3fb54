/**
 * Which column of a sales ledger is which: customer id, order date, amount, order number.
 *
 * From a header row in Japanese or English (顧客ID, 購入日, 金額, 注文番号, customer id, order date, amount,
 * invoice …) when there is one; otherwise from the content of the first rows (dates look like dates, amounts
 * like amounts, customer ids repeat, order numbers do not). Pure: the wizard and the command line share it.
 */
import { isBlank, normalizeText, type Cell } from "./cells";
import { readAmount } from "./amount";
import { readDate } from "./date";
import { readId } from "./id";
import { PLATFORM_EXPORTS, type PlatformExport } from "./platforms";

/** The ledger columns the wizard maps. */
export type LedgerRole = "customer" | "date" | "amount" | "order";

export const LEDGER_ROLES: readonly LedgerRole[] = ["customer", "date", "amount", "order"];

/** A column mapping: the 0-based column index of each role found. */
export type ColumnMapping = Partial<Record<LedgerRole, number>>;

/** The result of {@link detectColumns}. */
export interface DetectedColumns {
  mapping: ColumnMapping;
  /** true when row 0 is a header row (its cells name the columns) */
  hasHeader: boolean;
  /** how each role was found: from the header text or from the content */
  how: Partial<Record<LedgerRole, "header" | "content">>;
  /** the platform export the header row is (Shopify's orders export, freee's transactions …), if recognised */
  platform?: PlatformExport;
}

/**
 * Header words, after normalisation (NFKC, lower case, spaces, `_`, `-`, `.`, `・` and brackets removed).
 * `exact` words score higher than `contains` fragments; a later role never steals a column an earlier, better
 * scoring role claimed (see {@link detectColumns}).
 */
const WORDS: Record<LedgerRole, { exact: string[]; contains: string[] }> = {
  customer: {
    exact: [
      "顧客id",
      "顧客番号",
      "顧客コード",
      "顧客",
      "顧客名",
      "得意先コード",
      "得意先番号",
      "得意先",
      "会員id",
      "会員番号",
      "会員",
      "取引先コード",
      "取引先",
      "お客様番号",
      "お客様id",
      "ユーザーid",
      "購入者id",
      "購入者",
      "customerid",
      "customer",
      "customerno",
      "customernumber",
      "customercode",
      "clientid",
      "client",
      "userid",
      "user",
      "memberid",
      "member",
      "accountid",
      "account",
      "buyerid",
      "buyer",
      "masterid",
      "custid",
      "cust",
      "sampleid",
    ],
    contains: ["顧客", "得意先", "会員", "取引先", "customer", "client", "member", "buyer", "cust"],
  },
  date: {
    exact: [
      "購入日",
      "注文日",
      "受注日",
      "売上日",
      "日付",
      "取引日",
      "購買日",
      "発注日",
      "出荷日",
      "伝票日付",
      "計上日",
      "年月日",
      "orderdate",
      "date",
      "purchasedate",
      "transactiondate",
      "saledate",
      "salesdate",
      "invoicedate",
      "day",
      "orderedat",
      "createdat",
      "timestamp",
    ],
    contains: ["日付", "購入日", "注文日", "売上日", "受注日", "date", "日時", "年月日", "day"],
  },
  amount: {
    exact: [
      "金額",
      "売上",
      "売上金額",
      "売上高",
      "税込金額",
      "税抜金額",
      "合計",
      "合計金額",
      "請求金額",
      "購入金額",
      "支払金額",
      "小計",
      "代金",
      "amount",
      "sales",
      "total",
      "revenue",
      "value",
      "price",
      "dollars",
      "spend",
      "subtotal",
      "ordertotal",
      "amountjpy",
      "amountusd",
      "netsales",
      "grosssales",
    ],
    contains: [
      "金額",
      "売上",
      "合計",
      "amount",
      "sales",
      "total",
      "revenue",
      "dollar",
      "spend",
      "円",
    ],
  },
  order: {
    exact: [
      "注文番号",
      "伝票番号",
      "受注番号",
      "注文id",
      "オーダー番号",
      "オーダーid",
      "請求書番号",
      "取引番号",
      "レシート番号",
      "orderid",
      "orderno",
      "ordernumber",
      "order",
      "invoice",
      "invoiceid",
      "invoiceno",
      "invoicenumber",
      "transactionid",
      "receipt",
      "receiptno",
      "slipno",
    ],
    contains: [
      "注文番号",
      "伝票",
      "受注番号",
      "invoice",
      "orderid",
      "orderno",
      "ordernumber",
      "transaction",
      "receipt",
    ],
  },
};

/** Normalises header text for matching: `"顧客 ID"`, `"Customer_Id"`, `"ＣＵＳＴＯＭＥＲ－ＩＤ"` → `"顧客id"`, `"customerid"`. */
export function normalizeHeader(text: string): string {
  return normalizeText(text)
    .toLowerCase()
    .replace(/[\s_\-.・/()（）[\]【】「」#＃:：]/g, "");
}

/**
 * How well a header cell names a role: 3 exact word, 2 a fragment, 0 no match.
 * Date fragments are checked before order ones, so "order date" / 注文日 is a date and "order id" / 注文番号
 * an order. Example: `headerScore("税込金額", "amount")` → 3. O(words).
 */
export function headerScore(cell: Cell, role: LedgerRole): number {
  if (typeof cell !== "string") return 0;
  const h = normalizeHeader(cell);
  if (h === "") return 0;
  const w = WORDS[role];
  if (w.exact.includes(h)) return 3;
  // a date-looking header ("order date", 注文日) is never an order id, and "customer id" is never an order id
  if (role === "order" && headerScore(cell, "date") > 0) return 0;
  if (role === "amount" && headerScore(cell, "date") === 3) return 0;
  return w.contains.some((c) => h.includes(c)) ? 2 : 0;
}

/**
 * The role a single header cell names, if any. Example: `roleOfHeader("注文日")` → "date". O(words).
 */
export function roleOfHeader(cell: Cell): LedgerRole | undefined {
  let best: LedgerRole | undefined;
  let bestScore = 0;
  for (const role of LEDGER_ROLES) {
    const s = headerScore(cell, role);
    if (s > bestScore) {
      best = role;
      bestScore = s;
    }
  }
  return best;
}

/**
 * The platform export a header row is, and the column of each role it names: the export whose signature
 * headers are all in the row (the one with the longest signature when several are), from `PLATFORM_EXPORTS`.
 * Example: a Shopify orders export header → { platform: shopify, columns: { customer: 1, date: 15, … } }.
 * O(platforms × header cells).
 */
export function detectPlatform(
  head: readonly Cell[]
): { platform: PlatformExport; columns: ColumnMapping } | undefined {
  const names = head.map((c) => (typeof c === "string" ? normalizeHeader(c) : ""));
  const at = (header: string) => names.indexOf(normalizeHeader(header));
  let found: PlatformExport | undefined;
  for (const p of PLATFORM_EXPORTS)
    if (p.signature.every((h) => at(h) >= 0) && p.signature.length > (found?.signature.length ?? 0))
      found = p;
  if (!found) return undefined;
  const columns: ColumnMapping = {};
  for (const role of LEDGER_ROLES) {
    const header = found.roles[role];
    const col = header === undefined ? -1 : at(header);
    if (col >= 0) columns[role] = col;
  }
  return { platform: found, columns };
}

/** Rows of content looked at when guessing without a header. */
const SAMPLE_ROWS = 200;

interface ColumnProfile {
  filled: number;
  dates: number;
  /** numbers that read as dates only because they are serials (plain numbers) */
  numericDates: number;
  amounts: number;
  /** amounts with a fractional part or currency marks — money, not a count or id */
  moneyLike: number;
  ids: number;
  distinct: number;
  textDates: number;
}

function profile(rows: readonly (readonly Cell[])[], col: number, from: number): ColumnProfile {
  const p: ColumnProfile = {
    filled: 0,
    dates: 0,
    numericDates: 0,
    amounts: 0,
    moneyLike: 0,
    ids: 0,
    distinct: 0,
    textDates: 0,
  };
  const seen = new Set<string>();
  const end = Math.min(rows.length, from + SAMPLE_ROWS);
  for (let r = from; r < end; r++) {
    const c = rows[r]?.[col];
    if (isBlank(c)) continue;
    p.filled++;
    const d = readDate(c);
    if (typeof d === "number") {
      p.dates++;
      if (typeof c === "number") {
        // plausible order dates: serials 1990…2100 (32874…73051) or YYYYMMDD
        if ((c >= 32874 && c <= 73051 && Number.isInteger(c)) || (c >= 19000101 && c <= 21001231))
          p.numericDates++;
      } else p.textDates++;
    }
    const a = readAmount(c);
    if (typeof a === "number") {
      p.amounts++;
      if (typeof c === "string" ? /[¥￥$円,.]/.test(c) : !Number.isInteger(c)) p.moneyLike++;
    }
    const id = readId(c);
    if (typeof id === "string") {
      p.ids++;
      seen.add(id);
    }
  }
  p.distinct = seen.size;
  return p;
}

/**
 * Detects the ledger columns of a block of rows (the first row possibly a header).
 *
 * Rules: a header row that is a known platform's export (see {@link detectPlatform}) gives the columns that export
 * names, and `platform` says which export it is. Otherwise, and for the roles the export does not name:
 * if row 0 has at least one cell naming a role (see {@link headerScore}), it is a header and each role
 * takes the best-scoring column, ties to the leftmost, each column used once; roles the header does not name
 * are then guessed from content among the unclaimed columns. Without a header, by content over the first 200
 * rows: the date column is the one whose cells read as dates with the most text dates or plausible serials;
 * the amount column the numeric one with the most money-like values (decimals, ¥, 円); the customer column the
 * id column with repeats (fewest distinct values per row); an order column the id column with (almost) no repeats.
 * Example: `detectColumns([["顧客ID","購入日","金額"],["C1","2024/1/5",1200]])` → customer 0, date 1, amount 2.
 * O(columns × min(rows, 200)).
 */
export function detectColumns(rows: readonly (readonly Cell[])[]): DetectedColumns {
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  const mapping: ColumnMapping = {};
  const how: DetectedColumns["how"] = {};
  const used = new Set<number>();
  const head = rows[0] ?? [];

  // a known platform export: its own column names first
  const platform = detectPlatform(head);
  for (const role of LEDGER_ROLES) {
    const col = platform?.columns[role];
    if (col === undefined) continue;
    mapping[role] = col;
    how[role] = "header";
    used.add(col);
  }

  // header: every (role, column) pair by score, best first; roles in LEDGER_ROLES order break ties
  const pairs: { role: LedgerRole; col: number; score: number }[] = [];
  for (let c = 0; c < width; c++) {
    for (const role of LEDGER_ROLES) {
      const s = headerScore(head[c], role);
      if (s > 0) pairs.push({ role, col: c, score: s });
    }
  }
  pairs.sort((a, b) => b.score - a.score || a.col - b.col);
  for (const p of pairs) {
    if (mapping[p.role] !== undefined || used.has(p.col)) continue;
    mapping[p.role] = p.col;
    how[p.role] = "header";
    used.add(p.col);
  }
  const hasHeader =
    (platform !== undefined || pairs.length > 0) &&
    head.every((c) => isBlank(c) || typeof c === "string");

  const from = hasHeader ? 1 : 0;
  const profiles = Array.from({ length: width }, (_, c) => profile(rows, c, from));
  const free = (c: number) => !used.has(c) && profiles[c].filled > 0;
  const claim = (role: LedgerRole, c: number | undefined) => {
    if (c === undefined || mapping[role] !== undefined) return;
    mapping[role] = c;
    how[role] = "content";
    used.add(c);
  };
  const best = (score: (p: ColumnProfile) => number): number | undefined => {
    let pick: number | undefined;
    let top = 0;
    for (let c = 0; c < width; c++) {
      if (!free(c)) continue;
      const s = score(profiles[c]);
      if (s > top) {
        top = s;
        pick = c;
      }
    }
    return pick;
  };

  if (mapping.date === undefined) {
    claim(
      "date",
      best((p) => (p.dates >= 0.8 * p.filled ? (p.textDates + p.numericDates) / p.filled : 0))
    );
  }
  if (mapping.amount === undefined) {
    claim(
      "amount",
      best((p) => (p.amounts >= 0.8 * p.filled ? 1 + p.moneyLike / p.filled : 0))
    );
  }
  if (mapping.customer === undefined) {
    // repeats: fewer distinct ids than rows; prefer the most repeated
    claim(
      "customer",
      best((p) =>
        p.ids >= 0.8 * p.filled && p.distinct < p.filled
          ? 1 + (p.filled - p.distinct) / p.filled
          : 0
      )
    );
  }
  if (mapping.order === undefined && !hasHeader) {
    // an order-number column is only guessed without a header: with one, an unnamed column is something else
    claim(
      "order",
      best((p) =>
        p.ids >= 0.8 * p.filled && p.distinct >= 0.5 * p.filled && p.amounts < p.filled ? 1 : 0
      )
    );
  }
  return { mapping, hasHeader, how, ...(platform ? { platform: platform.platform } : {}) };
}
