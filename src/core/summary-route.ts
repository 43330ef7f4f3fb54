/**
 * The customer-summary route: one row per customer, computed where the data lives (a warehouse, DuckDB, the
 * CLI), accepted wherever a ledger is — the model fits, the ledger route's LTV and the customer list — so a shop
 * with more order lines than a sheet holds never brings them to Excel.
 *
 * The shape (what `ltv-workbook sql` prints and what {@link ledgerCustomerSummary} returns), one row per customer:
 *   customer | first purchase | last purchase | repeat purchases | average repeat spend | [first purchase amount]
 * - first and last purchase: dates (date cells, serials, or text such as 2024/1/5 or 2024年1月5日);
 * - repeat purchases: purchase days after the first one (purchases on one day are one purchase occasion, as in the
 *   ledger route), a whole number ≥ 0;
 * - average repeat spend: the mean amount of those repeat occasions (blank or 0 for a customer without one);
 * - first purchase amount (optional): the amount of the first occasion. Without it, a new customer's first
 *   purchase is estimated by the average order (the expected spend per repeat purchase): the summary says
 *   nothing else about it, and a first order like the later ones is the neutral assumption. With it, the
 *   summary route gives the same figures as the ledger route.
 * A header row is recognised (its date cells are no dates) and skipped; blank rows are skipped.
 *
 * From the summary, the models' (x, tₓ, T) follow exactly as from a ledger: x = repeat purchases, tₓ = last −
 * first, T = calibration end − first (in the model's unit), so a summary made from a ledger gives the ledger's fit.
 * The calibration end is an argument (default: the latest last purchase); customers whose first purchase is after
 * it are left out, and a customer whose last purchase is after it is an error (the summary cannot drop the later
 * purchases).
 */
import { badValue, LtvError } from "./errors";
import { readAmount } from "./input/amount";
import { isBlank, isErrorCell, errorCellText, type Cell } from "./input/cells";
import { DATE1904_OFFSET, isoFromSerial, readDate, type DateSystem } from "./input/date";
import { normalizeHeader } from "./input/headers";
import { readId } from "./input/id";
import { readNumber } from "./input/number";
import { StringTable } from "./input/intern";
import type { Ledger } from "./ledger";
import {
  fitClvSummary,
  MODEL_UNIT_DAYS,
  type LedgerModel,
  type LedgerModelOptions,
} from "./ledger-value";
import { clvSummary, type ClvSummary } from "./models/clv-summary";
import type { PeriodUnit } from "./periods";

/** A read customer summary: columns indexed by customer 0 … C−1, in the order of the rows. */
export interface CustomerSummaryTable {
  customers: string[];
  /** date serials (1900 system) */
  first: Float64Array;
  last: Float64Array;
  /** repeat purchase occasions */
  repeats: Float64Array;
  /** mean repeat-occasion amount (0 without repeats), or null when the range has no spend column */
  avgRepeat: Float64Array | null;
  /** amount of the first occasion, or null when the range has no sixth column */
  firstAmount: Float64Array | null;
  /** each customer's 1-based row within the range */
  rows: Int32Array;
  headerSkipped: boolean;
  blankRows: number;
}

export interface SummaryReadOptions {
  /** the argument's name in messages (default "summary") */
  arg?: string;
  /** the workbook's date system: 1904 moves date serials to the 1900 system (default 1900) */
  dateSystem?: DateSystem;
}

/** The columns of a customer summary, in order; the last two are optional. */
export const SUMMARY_COLUMNS = [
  "customer",
  "firstPurchase",
  "lastPurchase",
  "repeatPurchases",
  "averageRepeatSpend",
  "firstPurchaseAmount",
] as const;

/**
 * Reads a customer-summary range (4 to 6 columns; see the module comment).
 *
 * Example: `[["顧客", "初回", "最終", "リピート", "平均"], ["A", "2024/1/5", "2024/3/1", 2, 450]]` → one customer
 * A, first 45296, last 45352, 2 repeats, average 450; header skipped.
 * @throws LtvError `summaryColumns` for fewer than 4 or more than 6 columns; for the first bad row `notAnId`,
 *   `blankCell`, `notADate`, `notANumber`, `wholeNumber`, `mustBeAtLeast` (negative repeats), `notAnAmount`,
 *   `errorCell`, `duplicateCustomer`, `summaryLastBeforeFirst`, `summaryRepeatSameDay`, `summaryNoRepeatSpan`;
 *   `noOrders` (#N/A) when no row holds a customer. O(rows × columns).
 */
export function readCustomerSummary(
  value: unknown,
  options: SummaryReadOptions = {}
): CustomerSummaryTable {
  const arg = options.arg ?? "summary";
  // a single cell arrives as a scalar: a range of one column, refused below by its width
  const range = (Array.isArray(value) ? value : [[value]]) as readonly (readonly Cell[])[];
  const shift = options.dateSystem === 1904 ? DATE1904_OFFSET : 0;
  const total = range.length;
  const width = total > 0 && Array.isArray(range[0]) ? range[0].length : 0;
  if (width < 4 || width > 6) throw badValue("summaryColumns", { arg, params: { columns: width } });
  const hasSpend = width >= 5;
  const hasFirst = width === 6;
  const customers: string[] = [];
  const first = new Float64Array(total);
  const last = new Float64Array(total);
  const repeats = new Float64Array(total);
  const avgRepeat = hasSpend ? new Float64Array(total) : null;
  const firstAmount = hasFirst ? new Float64Array(total) : null;
  const rows = new Int32Array(total);
  // the canonical id → its index; a seeded table, so chosen ids cannot flood it
  const seen = new StringTable();
  let blankRows = 0;
  let headerSkipped = false;
  let n = 0;
  const fail = (
    code: Parameters<typeof badValue>[0],
    row: number,
    value: unknown,
    params?: Record<string, string | number>
  ): never => {
    if (isErrorCell(value as Cell))
      throw badValue("errorCell", { arg, row, params: { error: errorCellText(value as Cell) } });
    throw badValue(code, { arg, row, value, params });
  };
  const date = (cell: Cell, row: number): number => {
    if (typeof cell === "number" && cell >= 1) return Math.floor(cell) + shift;
    const v = readDate(cell);
    if (v === null) return fail("blankCell", row, cell);
    if (v === undefined) return fail("notADate", row, cell);
    return v;
  };
  for (let i = 0; i < total; i++) {
    const cells = range[i];
    const row = i + 1;
    if (!Array.isArray(cells) || cells.length !== width)
      throw badValue("summaryColumns", {
        arg,
        row,
        params: { columns: Array.isArray(cells) ? cells.length : 1 },
      });
    if (cells.every((c) => c === 0 || isBlank(c as Cell))) {
      blankRows++;
      continue;
    }
    if (n === 0 && !headerSkipped && blankRows === i && looksLikeHeader(cells as Cell[])) {
      headerSkipped = true;
      continue;
    }
    const idCell = cells[0] as Cell;
    const id = idCell === 0 ? null : readId(idCell);
    if (id === null) fail("blankCell", row, idCell);
    if (id === undefined) fail("notAnId", row, idCell);
    const f = date(cells[1] as Cell, row);
    const l = date(cells[2] as Cell, row);
    const xCell = cells[3] as Cell;
    const x = readNumber(xCell);
    if (x === null) fail("blankCell", row, xCell);
    if (x === undefined) fail("notANumber", row, xCell);
    const xs = x as number;
    if (xs < 0) fail("mustBeAtLeast", row, xCell, { limit: 0 });
    if (!Number.isInteger(xs)) fail("wholeNumber", row, xCell);
    if (l < f) fail("summaryLastBeforeFirst", row, isoFromSerial(l), { first: isoFromSerial(f) });
    if (xs > 0 && l === f) fail("summaryRepeatSameDay", row, xs);
    if (xs === 0 && l > f)
      fail("summaryNoRepeatSpan", row, isoFromSerial(l), { first: isoFromSerial(f) });
    if (avgRepeat) {
      const mCell = cells[4] as Cell;
      const m = readAmount(mCell);
      // a customer without repeats has no average: SQL's AVG of nothing is NULL, a sheet shows a blank
      if (m === undefined) fail("notAnAmount", row, mCell);
      if (m === null && xs > 0) fail("blankCell", row, mCell);
      avgRepeat[n] = xs > 0 ? (m as number) : 0;
    }
    if (firstAmount) {
      const aCell = cells[5] as Cell;
      const a = readAmount(aCell);
      if (a === undefined) fail("notAnAmount", row, aCell);
      if (a === null) fail("blankCell", row, aCell);
      firstAmount[n] = a as number;
    }
    const canonical = id as string;
    const before = seen.get(canonical);
    if (before >= 0) fail("duplicateCustomer", row, canonical, { first: rows[before] });
    seen.set(canonical, n);
    customers.push(canonical);
    first[n] = f;
    last[n] = l;
    repeats[n] = xs;
    rows[n] = row;
    n++;
  }
  if (n === 0) throw new LtvError({ kind: "notEnoughData", code: "noOrders", arg });
  return {
    customers,
    first: first.slice(0, n),
    last: last.slice(0, n),
    repeats: repeats.slice(0, n),
    avgRepeat: avgRepeat ? avgRepeat.slice(0, n) : null,
    firstAmount: firstAmount ? firstAmount.slice(0, n) : null,
    rows: rows.slice(0, n),
    headerSkipped,
    blankRows,
  };
}

/** A header: its date cells read as no date (blank or other text) and some cell holds text. */
function looksLikeHeader(cells: readonly Cell[]): boolean {
  for (const k of [1, 2]) {
    const c = cells[k];
    if (!isBlank(c) && (typeof c !== "string" || readDate(c) !== undefined)) return false;
  }
  return cells.some((c) => typeof c === "string" && c.trim() !== "");
}

/**
 * The models' per-customer summary (x, tₓ, T, m̄, first amount) of a customer summary, in `unit`s.
 *
 * Formula: x = repeat purchases, tₓ = (last − first) ÷ unit days, T = (end − first) ÷ unit days, m̄ = average repeat
 * spend; end = `calibrationEnd` or the latest last purchase. Customers first seen after the end are left out.
 * Example: A first 2024-01-01, last 2024-01-15, 1 repeat at 20, end 2024-01-29, weeks → x 1, tₓ 2, T 4, m̄ 20.
 * @throws LtvError `summaryAfterEnd` for a customer whose last purchase is after the end, `noOrders` (#N/A) when
 *   no customer's first purchase is on or before it. O(C).
 */
export function clvSummaryOfCustomers(
  table: CustomerSummaryTable,
  unit: PeriodUnit,
  calibrationEnd?: number,
  arg = "summary"
): ClvSummary {
  const C = table.customers.length;
  let end = calibrationEnd;
  if (end === undefined) {
    end = -Infinity;
    for (let i = 0; i < C; i++) if (table.last[i] > end) end = table.last[i];
  }
  const keep: number[] = [];
  for (let i = 0; i < C; i++) {
    if (table.first[i] > end) continue;
    if (table.last[i] > end)
      throw badValue("summaryAfterEnd", {
        arg,
        row: table.rows[i],
        value: isoFromSerial(table.last[i]),
        params: { end: isoFromSerial(end) },
      });
    keep.push(i);
  }
  if (keep.length === 0) throw new LtvError({ kind: "notEnoughData", code: "noOrders", arg });
  const m = keep.length;
  const frequency = new Float64Array(m);
  const recency = new Float64Array(m);
  const T = new Float64Array(m);
  const monetary = table.avgRepeat ? new Float64Array(m) : null;
  const firstAmount = table.firstAmount ? new Float64Array(m) : null;
  const customers: string[] = new Array(m);
  let repeatPurchases = 0;
  for (let k = 0; k < m; k++) {
    const i = keep[k];
    customers[k] = table.customers[i];
    frequency[k] = table.repeats[i];
    recency[k] = (table.last[i] - table.first[i]) / unit.days;
    T[k] = (end - table.first[i]) / unit.days;
    if (monetary) monetary[k] = (table.avgRepeat as Float64Array)[i];
    if (firstAmount) firstAmount[k] = table.firstAmount![i];
    repeatPurchases += table.repeats[i];
  }
  return {
    customers,
    frequency,
    recency,
    T,
    monetary,
    firstAmount,
    calibrationEnd: end,
    repeatPurchases,
  };
}

/**
 * Fits the ledger route's models on a customer summary: the same fit as {@link fitLedgerModel} on the ledger the
 * summary was made from (see the module comment for the first purchase amount).
 *
 * Example: the summary of a simulated ledger ({@link ledgerCustomerSummary}) → the ledger's Pareto/NBD or BG/NBD
 * parameters and Gamma-Gamma spend, to 1e-9.
 * @throws LtvError as {@link clvSummaryOfCustomers} and as the fit (`noRepeatPurchases`, `notConverged`).
 * Cost: O(C) + the fit.
 */
export function fitCustomerSummaryModel(
  table: CustomerSummaryTable,
  options: LedgerModelOptions & { arg?: string } = {}
): LedgerModel {
  const unit: PeriodUnit = { days: MODEL_UNIT_DAYS, name: "week" };
  const summary = clvSummaryOfCustomers(table, unit, options.calibrationEnd, options.arg);
  return fitClvSummary(summary, options.model, options.arg ?? "summary");
}

/**
 * The customer summary of a ledger, in the route's shape (all six columns), in order of first appearance: what the
 * warehouse SQL computes, by the product's own rules (same-day purchases are one occasion; occasions after
 * `calibrationEnd` are left out).
 *
 * Example: A 1997-01-01 $10, A 1997-01-01 $5, A 1997-01-15 $20 → A, first 35431, last 35445, 1 repeat, average
 * 20, first amount 15.
 * @throws LtvError `noOrders` (#N/A) when no order falls on or before the calibration end. O(n + C) (as
 *   `clvSummary`).
 */
export function ledgerCustomerSummary(
  ledger: Ledger,
  calibrationEnd?: number
): CustomerSummaryTable {
  const s = clvSummary(ledger, { days: 1, name: "day" }, calibrationEnd);
  const C = s.customers.length;
  const first = new Float64Array(C);
  const last = new Float64Array(C);
  for (let i = 0; i < C; i++) {
    first[i] = s.calibrationEnd - s.T[i];
    last[i] = first[i] + s.recency[i];
  }
  return {
    customers: s.customers,
    first,
    last,
    repeats: s.frequency,
    avgRepeat: s.monetary,
    firstAmount: s.firstAmount,
    rows: Int32Array.from({ length: C }, (_, i) => i + 1),
    headerSkipped: false,
    blankRows: 0,
  };
}

/** A column of a customer summary: the route's columns (see {@link SUMMARY_COLUMNS}). */
export type SummaryRole = (typeof SUMMARY_COLUMNS)[number];

/** Which column of a range holds each of the route's columns. */
export interface SummaryColumns {
  /** 0-based column of each role found; customer, first, last and repeat purchases always */
  columns: Partial<Record<SummaryRole, number>>;
  /** the first non-blank row is a header */
  hasHeader: boolean;
  /** named by the header (the SQL's or a sheet's column names), or told by the content of a headerless range */
  how: "header" | "content";
}

/**
 * The header words of each column, normalised (`normalizeHeader`): what `ltv-workbook sql` and CLV_SUMMARY-style
 * exports name them, and the Japanese a sheet would use. Exact words only: a ledger's "first name" or "注文日"
 * must not make a summary.
 */
const SUMMARY_WORDS: Readonly<Record<SummaryRole, readonly string[]>> = {
  customer: [
    "customer",
    "customerid",
    "customerno",
    "customercode",
    "id",
    "顧客",
    "顧客id",
    "顧客番号",
    "顧客コード",
    "会員id",
    "会員番号",
  ],
  firstPurchase: [
    "firstpurchase",
    "firstpurchasedate",
    "firstorder",
    "firstorderdate",
    "初回購入日",
    "初回購入",
    "初回注文日",
    "初回購入日付",
  ],
  lastPurchase: [
    "lastpurchase",
    "lastpurchasedate",
    "lastorder",
    "lastorderdate",
    "最終購入日",
    "最終購入",
    "最終注文日",
    "最終購入日付",
  ],
  repeatPurchases: [
    "repeatpurchases",
    "repeats",
    "repeatorders",
    "repeatcount",
    "リピート購入回数",
    "リピート回数",
    "リピート購入数",
    "リピート数",
  ],
  averageRepeatSpend: [
    "avgrepeatspend",
    "averagerepeatspend",
    "avgrepeatamount",
    "averagerepeatamount",
    "リピート平均購入額",
    "リピート平均単価",
    "平均リピート購入額",
    "平均リピート単価",
  ],
  firstPurchaseAmount: [
    "firstamount",
    "firstpurchaseamount",
    "firstorderamount",
    "firstordervalue",
    "初回購入額",
    "初回購入金額",
    "初回金額",
  ],
};

/** Rows looked at to tell a headerless summary by its content. */
const SHAPE_PROBE_ROWS = 20;

/**
 * Tells whether a range is a customer summary, and where its columns are. Rules:
 * - a header row (the first non-blank row) that names customer, first purchase, last purchase and repeat
 *   purchases (SUMMARY_WORDS, English or Japanese, any order, other columns allowed: the SQL's eleven columns
 *   are found by name) is a summary, with the spend and first-amount columns where named;
 * - a range of 4 to 6 columns without a header row is a summary in the route's column order when its first
 *   rows (up to 20) read as one: dates in columns 2 and 3 with last ≥ first, a whole number ≥ 0 of repeat
 *   purchases, and a later last purchase exactly when there are repeats (a ledger's order and ship dates fail
 *   this at once);
 * - anything else: null (a ledger, or nothing the wizard can tell; the user may still choose).
 *
 * Example: `[["customer_id", "first_purchase", "last_purchase", "orders", "revenue", "average_order",
 * "repeat_purchases", "avg_repeat_spend", "first_amount", …], …]` → columns customer 0, firstPurchase 1,
 * lastPurchase 2, repeatPurchases 6, averageRepeatSpend 7, firstPurchaseAmount 8; header. O(columns × words +
 * 20 rows).
 */
export function detectSummaryColumns(rows: readonly (readonly Cell[])[]): SummaryColumns | null {
  let start = 0;
  while (start < rows.length && rows[start].every((c) => c === 0 || isBlank(c))) start++;
  if (start >= rows.length) return null;
  const head = rows[start];
  const columns: Partial<Record<SummaryRole, number>> = {};
  head.forEach((cell, k) => {
    if (typeof cell !== "string") return;
    const h = normalizeHeader(cell);
    for (const role of SUMMARY_COLUMNS)
      if (columns[role] === undefined && SUMMARY_WORDS[role].includes(h)) columns[role] = k;
  });
  const named = (["customer", "firstPurchase", "lastPurchase", "repeatPurchases"] as const).every(
    (r) => columns[r] !== undefined
  );
  if (named) return { columns, hasHeader: true, how: "header" };
  const width = head.length;
  if (width < 4 || width > 6) return null;
  // a header that does not name the summary's columns names something else (注文日, 出荷日 …): not a summary
  if (looksLikeHeader(head)) return null;
  let seen = 0;
  for (let i = start; i < rows.length && seen < SHAPE_PROBE_ROWS; i++) {
    const r = rows[i];
    if (r.every((c) => c === 0 || isBlank(c))) continue;
    const f = readDate(r[1]);
    const l = readDate(r[2]);
    const x = readNumber(r[3]);
    if (typeof f !== "number" || typeof l !== "number" || typeof x !== "number") return null;
    if (l < f || x < 0 || !Number.isInteger(x) || x > 0 !== Math.floor(l) > Math.floor(f))
      return null;
    if (width >= 5 && readAmount(r[4]) === undefined) return null;
    seen++;
  }
  // the first non-blank row was probed (it is one), so a summary here has at least one row
  const positional: Partial<Record<SummaryRole, number>> = {};
  SUMMARY_COLUMNS.slice(0, width).forEach((role, k) => (positional[role] = k));
  return { columns: positional, hasHeader: false, how: "content" };
}

/**
 * The route's columns of a range, in the route's order (what {@link readCustomerSummary} reads): the header row
 * kept, the spend and first-amount columns where `columns` has them. The row numbers stay those of the range.
 * Example: the SQL's eleven columns with {@link detectSummaryColumns}' mapping → six columns. O(rows).
 */
export function summaryCells(
  rows: readonly (readonly Cell[])[],
  columns: Partial<Record<SummaryRole, number>>
): Cell[][] {
  const picked: number[] = [];
  for (const role of SUMMARY_COLUMNS) {
    const k = columns[role];
    // the optional columns only in order: a first amount without a spend column cannot be told apart
    if (k === undefined) break;
    picked.push(k);
  }
  return rows.map((r) => picked.map((k) => r[k]));
}
