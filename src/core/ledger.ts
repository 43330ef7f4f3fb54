/**
 * Rows of a sales ledger → a typed, columnar ledger, with every skipped row accounted for.
 *
 * Rules (the same for every function and for the wizard):
 * - A row whose given cells are all blank is skipped (so whole columns such as `C:C` work).
 * - Empty cells may arrive as 0 (some Excel builds pass them so), and 0 is never a customer id, an order number or a
 *   date: in those columns a 0 reads as a blank cell. So a row whose given cells are all 0 or blank is a blank row
 *   when the ledger has an id or date column; with amounts alone (where 0 is a real amount) only the trailing run
 *   of such rows is: the empty tail of a whole column, not orders of 0.
 * - The first row is a header, and skipped, when none of its date or amount cells reads as a date or amount
 *   and at least one of its cells is text (`顧客ID | 購入日 | 金額`).
 * - Any other row must be complete and readable. In `strict` mode (custom functions) the first bad row is an
 *   error naming the argument, the row and the value; in `lenient` mode (wizard, CLI) it is skipped and
 *   counted with its reason, so the preview can say "3 rows skipped: 2 unreadable dates, 1 blank amount".
 * - Negative amounts are returns or discounts: they stay in the ledger and net into their order.
 * - With order ids, rows that share an id are one order (a line-item ledger); an order id that appears for two
 *   different customers is an error, since the order could not be attributed.
 *
 * Storage is columnar (typed arrays, customers interned to indexes) so a 1,048,576-row column costs a few
 * tens of MB and one pass. O(n) time and memory.
 */
import { badValue, LtvError, type MessageCode } from "./errors";
import { readAmount } from "./input/amount";
import { isBlank, isErrorCell, errorCellText, type Cell } from "./input/cells";
import {
  isColumnRange,
  rangeCell,
  requireSameLength,
  type Column,
  type ColumnRange,
} from "./input/columns";
import { DATE1904_OFFSET, MAX_SERIAL, readDate, type DateSystem } from "./input/date";
import { readId } from "./input/id";
import { Interner, StringTable } from "./input/intern";

/**
 * The columns a ledger may have; each function passes the ones it needs. Each is a column of cells, or an n×1
 * range as Excel passes it (read in place: see `columnArg` in ./input/columns).
 */
export interface LedgerColumns {
  customers?: Column | ColumnRange;
  dates?: Column | ColumnRange;
  amounts?: Column | ColumnRange;
  orders?: Column | ColumnRange;
}

/** Argument names used in messages (defaults: customer_ids, order_dates, amounts, order_ids). */
export type LedgerArgNames = Partial<Record<keyof LedgerColumns, string>>;

export interface LedgerOptions {
  /** `strict` throws at the first bad row; `lenient` skips it and records why. Default `strict`. */
  mode?: "strict" | "lenient";
  argNames?: LedgerArgNames;
  /**
   * The workbook's date system: with 1904, date cells (serials) are moved to the 1900 system that text dates
   * and every computation here use, so both kinds of date cell agree. Default 1900 (custom functions cannot see
   * the workbook's setting; the wizard reads it).
   */
  dateSystem?: DateSystem;
}

/** A row left out in lenient mode, with the reason (a message code) and the offending value. */
export interface SkippedRow {
  /** 1-based row within the ranges passed */
  row: number;
  reason: MessageCode;
  arg: string;
  value: unknown;
}

/** A typed ledger. Arrays are indexed by kept row 0 … n−1; `rows[i]` is that row's 1-based position. */
export interface Ledger {
  n: number;
  /** customer index of each row (into `customers`), when customer ids were given */
  customerOf: Int32Array | null;
  /** distinct customer ids, in order of first appearance */
  customers: string[];
  /** date serial of each row, when dates were given */
  dates: Float64Array | null;
  /** amount of each row, when amounts were given */
  amounts: Float64Array | null;
  /** order index of each row (into `orderIds`), when order ids were given; otherwise each row is one order */
  orderOf: Int32Array | null;
  orderIds: string[] | null;
  /**
   * The number of orders, when the rows are not orders and carry no order ids: a ledger folded to one row per
   * purchase occasion (customer and day) by a database, whose orders are counted in its totals. Absent when read
   * from cells.
   */
  orderCount?: number;
  rows: Int32Array;
  headerSkipped: boolean;
  blankRows: number;
  skipped: SkippedRow[];
  /**
   * Per-customer totals gathered as the ledger is read, when it has customer ids and dates (read them with
   * {@link customerTotals}, which also checks they still describe this ledger's arrays).
   */
  totals?: CustomerTotals;
}

/** Slots per customer in {@link CustomerTotals.data}. */
export const TOTALS_STRIDE = 8;
/** Offsets within a customer's slots of {@link CustomerTotals.data}. */
export const TOTAL = Object.freeze({
  /** first order date (serial) */
  first: 0,
  /** last order date (serial) */
  last: 1,
  /** purchase occasions: distinct order days (valid when `dateOrdered`) */
  occasions: 2,
  /** amount of the first occasion (all rows on the first day; valid when `dateOrdered`) */
  firstAmount: 3,
  /** amount of the later occasions, summed in row order (valid when `dateOrdered`) */
  repeatAmount: 4,
  /** all amounts, in row order */
  amount: 5,
  /** orders: distinct order ids when given, else rows */
  orders: 6,
});

/**
 * What the customer-keyed functions need per customer, gathered by `readLedger` from the columns it has just
 * written: the grouping is the customer index the id table already gave each row, into one interleaved array (a
 * customer's figures share a cache line), not a second table.
 */
export interface CustomerTotals {
  /** {@link TOTALS_STRIDE} numbers per customer index, at the {@link TOTAL} offsets */
  data: Float64Array;
  /**
   * Every customer's rows came in date order (each row's date ≥ that customer's previous one, as a shop system
   * exports them): then occasions and the first/repeat split are valid; otherwise only first, last, amount and
   * orders are, and the occasion-based summaries sort each customer's rows instead.
   */
  dateOrdered: boolean;
  minDate: number;
  maxDate: number;
  /** the arrays these totals were gathered from: a ledger rebuilt around other arrays must not use them */
  customerOf: Int32Array;
  dates: Float64Array;
  amounts: Float64Array | null;
}

/**
 * The reading pass's per-customer totals of a ledger, or null when it has none (no customer ids or dates, or a
 * ledger object built around other arrays than the ones read). O(1).
 */
export function customerTotals(ledger: Ledger): CustomerTotals | null {
  const t = ledger.totals;
  if (
    !t ||
    t.customerOf !== ledger.customerOf ||
    t.dates !== ledger.dates ||
    t.amounts !== ledger.amounts
  )
    return null;
  return t;
}

const DEFAULT_NAMES: Required<LedgerArgNames> = {
  customers: "customer_ids",
  dates: "order_dates",
  amounts: "amounts",
  orders: "order_ids",
};

type Field = keyof LedgerColumns;

/**
 * Reads ledger columns into a {@link Ledger}.
 *
 * Example: `readLedger({ amounts: ["金額", 340, 490, "", "¥340", 490] })` → n = 4, header skipped, one blank row.
 * @throws LtvError `sizeMismatch` when the columns differ in length; in strict mode `notAnAmount`, `notADate`,
 * `notAnId`, `blankCell`, `errorCell` for the first bad row, and `orderSpansCustomers`.
 */
export function readLedger(columns: LedgerColumns, options: LedgerOptions = {}): Ledger {
  const names = { ...DEFAULT_NAMES, ...options.argNames };
  const strict = (options.mode ?? "strict") === "strict";
  const fields = (["customers", "dates", "amounts", "orders"] as Field[]).filter(
    (f) => columns[f] !== undefined
  );
  if (fields.length === 0) throw new LtvError({ kind: "notEnoughData", code: "noOrders" });
  requireSameLength(fields.map((f) => [names[f], columns[f] as Column] as const));
  const total = (columns[fields[0]] as Column).length;

  const cust = columns.customers;
  const dat = columns.dates;
  const amt = columns.amounts;
  const ord = columns.orders;

  const customerOf = cust ? new Int32Array(total) : null;
  const dates = dat ? new Float64Array(total) : null;
  const amounts = amt ? new Float64Array(total) : null;
  const orderOf = ord ? new Int32Array(total) : null;
  const rows = new Int32Array(total);
  const customers = new Interner();
  const orderIds = ord ? new Interner() : null;
  const skipped: SkippedRow[] = [];
  // The row loop lives in its own function: V8 optimizes it mid-loop (on-stack replacement), and code after the
  // loop that has never run would otherwise throw the optimized code away on every call.
  const { n, blankRows, headerSkipped } = scanRows({
    total,
    dateShift: options.dateSystem === 1904 ? DATE1904_OFFSET : 0,
    names,
    strict,
    cust,
    dat,
    amt,
    ord,
    customerOf,
    dates,
    amounts,
    orderOf,
    rows,
    customers,
    orderIds,
    skipped,
  });

  const ledger: Ledger = {
    n,
    customerOf: customerOf ? customerOf.subarray(0, n) : null,
    customers: customers.ids,
    dates: dates ? dates.subarray(0, n) : null,
    amounts: amounts ? amounts.subarray(0, n) : null,
    orderOf: orderOf ? orderOf.subarray(0, n) : null,
    orderIds: orderIds ? orderIds.ids : null,
    rows: rows.subarray(0, n),
    headerSkipped,
    blankRows,
    skipped,
  };
  if (ledger.customerOf && ledger.dates)
    lazyTotals(ledger, ledger.customerOf, ledger.dates, ledger.amounts, ledger.orderOf);
  return ledger;
}

interface Scan {
  total: number;
  /** added to date serials read from numbers (1,462 in a 1904-system workbook) */
  dateShift: number;
  names: Required<LedgerArgNames>;
  strict: boolean;
  cust: Column | ColumnRange | undefined;
  dat: Column | ColumnRange | undefined;
  amt: Column | ColumnRange | undefined;
  ord: Column | ColumnRange | undefined;
  customerOf: Int32Array | null;
  dates: Float64Array | null;
  amounts: Float64Array | null;
  orderOf: Int32Array | null;
  rows: Int32Array;
  customers: Interner;
  orderIds: Interner | null;
  skipped: SkippedRow[];
}

interface ScanResult {
  n: number;
  blankRows: number;
  headerSkipped: boolean;
}

function scanRows(scan: Scan): ScanResult {
  const {
    total,
    dateShift,
    names,
    strict,
    cust,
    dat,
    amt,
    ord,
    customerOf,
    dates,
    amounts,
    orderOf,
    rows,
    customers,
    orderIds,
    skipped,
  } = scan;
  // n×1 ranges are read in place (row i's only cell), columns directly
  const custR = isColumnRange(cust);
  const datR = isColumnRange(dat);
  const amtR = isColumnRange(amt);
  const ordR = isColumnRange(ord);
  const orderCustomer: number[] = [];
  // text dates and amounts repeat (a few hundred prices, a few thousand days): parse each distinct text once
  const dateText = new TextCache(readDate);
  const amountText = new TextCache(readAmount);
  let n = 0;
  let blankRows = 0;
  let headerSkipped = false;
  let i = 0;
  // with an id or a date column, a 0 amount beside blank/0 ids and dates is an empty cell too
  const zeroAmountIsEmpty = !!(cust || dat || ord);
  const end = dataEnd(scan);
  blankRows = total - end;
  // the previous accepted row's id cells and their indexes; before any row, −1 sends the first row to the table
  let lastCustomerCell: Cell = undefined;
  let lastCustomer = -1;
  let lastCustomerHash = 0;
  let lastOrderCell: Cell = undefined;
  let lastOrder = -1;
  let lastOrderHash = 0;

  if (amounts && amt && !cust && !dat && !ord) {
    // A column of amounts only (AVG_ORDER), as numbers: no header, blank or text to look for until the first
    // cell that is not a finite number, where the general loop takes over.
    i = n = amtR
      ? numericRangePrefix(amt as ColumnRange, amounts, rows, end)
      : numericPrefix(amt as Column, amounts, rows, end);
  }

  for (; i < end; i++) {
    const c = cust
      ? custR
        ? rangeCell(cust as ColumnRange, i, names.customers)
        : (cust as Column)[i]
      : undefined;
    const d = dat
      ? datR
        ? rangeCell(dat as ColumnRange, i, names.dates)
        : (dat as Column)[i]
      : undefined;
    const a = amt
      ? amtR
        ? rangeCell(amt as ColumnRange, i, names.amounts)
        : (amt as Column)[i]
      : undefined;
    const o = ord
      ? ordR
        ? rangeCell(ord as ColumnRange, i, names.orders)
        : (ord as Column)[i]
      : undefined;

    if (
      (!cust || isBlankOrZero(c)) &&
      (!dat || isBlankOrZero(d)) &&
      (!amt || isBlank(a) || (zeroAmountIsEmpty && a === 0)) &&
      (!ord || isBlankOrZero(o))
    ) {
      blankRows++;
      continue;
    }
    // the header can only be the first non-blank row
    if (
      blankRows - (total - end) === i &&
      looksLikeHeader([c, o], [dat ? [d, readDate] : null, amt ? [a, readAmount] : null])
    ) {
      headerSkipped = true;
      continue;
    }

    // Each field: the fast path first (a known id, a serial, a number), the shared reader otherwise. A customer or
    // order seen for the first time is only interned once the whole row is accepted, so `customers` never holds
    // an id whose every row was skipped.
    let bad: SkippedRow | undefined;
    let customer = -1;
    let customerHash = 0;
    let orderHash = 0;
    let newCustomer: string | undefined;
    let date = 0;
    let amount = 0;
    let orderId: string | undefined;
    if (cust) {
      // exports list a customer's (or an order's) lines together: the previous accepted row's id is compared
      // before the table is asked; text by its hash first, since comparing two strings of one length ("C012345",
      // "C004711") is a call that reads their characters, for nothing on most rows of a ledger in date order
      if (typeof c === "string") {
        customerHash = customers.hash(c);
        customer =
          customerHash === lastCustomerHash && c === lastCustomerCell
            ? lastCustomer
            : customers.findText(c, customerHash);
      } else customer = c === lastCustomerCell ? lastCustomer : customers.find(c);
      if (customer < 0) {
        const id = c === 0 ? null : readId(c);
        if (id === null || id === undefined)
          bad = problem(i, names.customers, c, id === null ? "blankCell" : "notAnId");
        else {
          customer = customers.alias(c, id);
          if (customer < 0) newCustomer = id;
        }
      }
    }
    if (!bad && dat) {
      if (typeof d === "number" && d >= 1 && d < MAX_SERIAL + 1 - dateShift)
        date = Math.floor(d) + dateShift;
      else {
        const v = typeof d === "string" ? dateText.read(d) : d === 0 ? null : readDate(d);
        if (v === null || v === undefined)
          bad = problem(i, names.dates, d, v === null ? "blankCell" : "notADate");
        else date = v;
      }
    }
    if (!bad && amt) {
      if (typeof a === "number" && a - a === 0) amount = a;
      else {
        const v = typeof a === "string" ? amountText.read(a) : readAmount(a);
        if (v === null || v === undefined)
          bad = problem(i, names.amounts, a, v === null ? "blankCell" : "notAnAmount");
        else amount = v;
      }
    }
    let order = -1;
    if (!bad && orderIds) {
      if (typeof o === "string") {
        orderHash = orderIds.hash(o);
        order =
          orderHash === lastOrderHash && o === lastOrderCell
            ? lastOrder
            : orderIds.findText(o, orderHash);
      } else order = o === lastOrderCell ? lastOrder : orderIds.find(o);
      if (order < 0) {
        const id = o === 0 ? null : readId(o);
        if (id === null || id === undefined)
          bad = problem(i, names.orders, o, id === null ? "blankCell" : "notAnId");
        else {
          order = orderIds.alias(o, id);
          if (order < 0) orderId = id;
        }
      }
    }
    if (bad) {
      if (strict) {
        const params = bad.reason === "errorCell" ? { error: String(bad.value) } : undefined;
        throw badValue(bad.reason, {
          arg: bad.arg,
          row: bad.row,
          value: bad.reason === "errorCell" ? undefined : bad.value,
          params,
        });
      }
      skipped.push(bad);
      continue;
    }
    if (newCustomer !== undefined) customer = customers.add(c, newCustomer);
    if (orderIds) {
      if (orderId !== undefined) {
        order = orderIds.add(o, orderId);
        orderCustomer.push(customer);
      } else if (cust && orderCustomer[order] !== customer) {
        throw badValue("orderSpansCustomers", {
          arg: names.orders,
          row: i + 1,
          value: o,
          params: {
            first: customers.ids[orderCustomer[order]],
            second: customers.ids[customer],
          },
        });
      }
    }
    lastCustomerCell = c;
    lastCustomer = customer;
    lastCustomerHash = customerHash;
    lastOrderCell = o;
    lastOrder = order;
    lastOrderHash = orderHash;
    if (customerOf) customerOf[n] = customer;
    if (dates) dates[n] = date;
    if (amounts) amounts[n] = amount;
    if (orderOf) orderOf[n] = order;
    rows[n] = i + 1;
    n++;
  }
  return { n, blankRows, headerSkipped };
}

/**
 * Makes `ledger.totals` a property gathered on first read ({@link gatherTotals}) and kept from then on: a
 * function that needs no more than each customer's first date (cohorts, churn) or the window (FREQ "window") then
 * never pays for the 64 bytes per customer it would not read. Assigning the property replaces it. O(1); the
 * first read O(n + C).
 */
function lazyTotals(
  ledger: Ledger,
  customerOf: Int32Array,
  dates: Float64Array,
  amounts: Float64Array | null,
  orderOf: Int32Array | null
): void {
  const customers = ledger.customers.length;
  const keep = (value: CustomerTotals | undefined): void => {
    Object.defineProperty(ledger, "totals", {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  };
  Object.defineProperty(ledger, "totals", {
    enumerable: true,
    configurable: true,
    get(): CustomerTotals {
      const totals = gatherTotals(customerOf, dates, amounts, orderOf, customers);
      keep(totals);
      return totals;
    },
    set: keep,
  });
}

/**
 * The ledger's per-customer totals when they have been gathered already (a summary read them before), else
 * null; never gathers them. For a figure that a pass cheaper than the totals also gives (first dates, the
 * window): it uses the totals when they are there for free. Example: a ledger just read → null; after
 * `customerTotals(ledger)` → the same totals. O(1).
 */
export function gatheredTotals(ledger: Ledger): CustomerTotals | null {
  const own = Object.getOwnPropertyDescriptor(ledger, "totals");
  return own && !own.get ? customerTotals(ledger) : null;
}

/**
 * Each customer's {@link CustomerTotals}, from the columns the reading pass wrote: a pass over typed arrays in row
 * order. Not gathered in the reading loop itself: there a customer's totals can only be found once the id table
 * has answered, two cache misses one after the other on every row; here the customer of each row is read from a
 * plain array, so the misses of successive rows overlap. Customers and orders are numbered in order of first
 * appearance, so a row holds a customer's (or an order's) first appearance exactly when its index is the next
 * one. Sums run in row order, as a second pass by any caller would make them. O(n + C).
 */
function gatherTotals(
  customerOf: Int32Array,
  dates: Float64Array,
  amounts: Float64Array | null,
  orderOf: Int32Array | null,
  customers: number
): CustomerTotals {
  const n = customerOf.length;
  const totals = new Float64Array(customers * TOTALS_STRIDE);
  let dateOrdered = true;
  let minDate = Infinity;
  let maxDate = -Infinity;
  let nextCustomer = 0;
  let nextOrder = 0;
  for (let i = 0; i < n; i++) {
    const c = customerOf[i];
    const date = dates[i];
    const amount = amounts ? amounts[i] : 0;
    // an order seen for the first time (every row is an order without order ids)
    let newOrder = true;
    if (orderOf) {
      newOrder = orderOf[i] === nextOrder;
      if (newOrder) nextOrder++;
    }
    if (date < minDate) minDate = date;
    if (date > maxDate) maxDate = date;
    const b = c * TOTALS_STRIDE;
    if (c === nextCustomer) {
      nextCustomer++;
      totals[b] = date;
      totals[b + 1] = date;
      totals[b + 2] = 1;
      totals[b + 3] = amount;
      totals[b + 5] = amount;
      totals[b + 6] = 1;
    } else {
      const last = totals[b + 1];
      if (date > last) {
        totals[b + 1] = date;
        totals[b + 2]++;
        totals[b + 4] += amount;
      } else if (date === last) {
        if (totals[b + 2] === 1) totals[b + 3] += amount;
        else totals[b + 4] += amount;
      } else {
        dateOrdered = false;
        if (date < totals[b]) totals[b] = date;
      }
      totals[b + 5] += amount;
      if (newOrder) totals[b + 6]++;
    }
  }
  return { data: totals, dateOrdered, minDate, maxDate, customerOf, dates, amounts };
}

/**
 * The end of the data: one past the last row that is not blank-or-0 in every given column (rows after it are
 * the empty tail of a whole column, however Excel passed its empty cells). O(length of the tail).
 */
function dataEnd(scan: Scan): number {
  const { total, names } = scan;
  const cols: Array<[Column | ColumnRange, boolean, string]> = [];
  for (const [col, arg] of [
    [scan.cust, names.customers],
    [scan.dat, names.dates],
    [scan.amt, names.amounts],
    [scan.ord, names.orders],
  ] as const)
    if (col) cols.push([col, isColumnRange(col), arg]);
  let end = total;
  for (; end > 0; end--) {
    const i = end - 1;
    let empty = true;
    for (const [col, range, arg] of cols) {
      const cell = range ? rangeCell(col as ColumnRange, i, arg) : (col as Column)[i];
      if (!isBlankOrZero(cell)) {
        empty = false;
        break;
      }
    }
    if (!empty) break;
  }
  return end;
}

/** Blank, or the number 0 (how some Excel builds pass an empty cell). O(1) for numbers. */
function isBlankOrZero(cell: Cell): boolean {
  return cell === 0 || isBlank(cell);
}

/**
 * Copies the leading run of finite numbers of a column, up to `end`; returns its length. Small, so V8 optimizes
 * it whole.
 */
function numericPrefix(col: Column, out: Float64Array, rows: Int32Array, end: number): number {
  const total = end;
  let i = 0;
  for (; i < total; i++) {
    const a = col[i];
    if (typeof a !== "number" || a - a !== 0) break;
    out[i] = a;
    rows[i] = i + 1;
  }
  return i;
}

/** {@link numericPrefix} for an n×1 range, checking each row's shape as `rangeCell` does. */
function numericRangePrefix(
  range: ColumnRange,
  out: Float64Array,
  rows: Int32Array,
  end: number
): number {
  const total = end;
  let i = 0;
  for (; i < total; i++) {
    const row = range[i] as Cell[] | null | undefined;
    // the length test alone turns away every malformed row but a 1-character string, whose "cell" is then text
    // and stops the run too; the general loop reports either
    if (row === null || row === undefined || row.length !== 1) return i;
    const a = row[0];
    if (typeof a !== "number" || a - a !== 0) break;
    out[i] = a;
    rows[i] = i + 1;
  }

  return i;
}

type Reader = (cell: unknown) => number | null | undefined;

/** No typed cell reads as its type, every typed cell is blank or text, and some cell holds text. */
function looksLikeHeader(
  idCells: Cell[],
  typed: ReadonlyArray<readonly [Cell, Reader] | null>
): boolean {
  let anyTyped = false;
  let anyText = idCells.some(isText);
  for (const t of typed) {
    if (!t) continue;
    anyTyped = true;
    const [cell, read] = t;
    if (!isBlank(cell) && (typeof cell !== "string" || read(cell) !== undefined)) return false;
    anyText ||= isText(cell);
  }
  return anyTyped && anyText;
}

function isText(cell: Cell): boolean {
  return typeof cell === "string" && cell.trim() !== "";
}

function problem(i: number, arg: string, value: unknown, reason: MessageCode): SkippedRow {
  return {
    row: i + 1,
    reason: isErrorCell(value as Cell) ? "errorCell" : reason,
    arg,
    value: isErrorCell(value as Cell) ? errorCellText(value as Cell) : value,
  };
}

/**
 * Remembers what a reader made of each distinct text (up to a bound, so memory stays proportional to the data).
 * Texts are looked up in a {@link StringTable}, not as keys of an object: Excel passes a new string per cell, and
 * a property lookup by a string never seen must first find its interned twin in the engine's global string table
 * (a hash and a probe of a large table, per row), where the table here hashes once into a few kilobytes.
 */
class TextCache {
  private readonly seen = new StringTable();
  private readonly values: number[] = [];
  constructor(private readonly reader: (cell: unknown) => number | null | undefined) {}

  read(text: string): number | null | undefined {
    const k = this.seen.get(text);
    if (k >= 0) return this.values[k];
    const v = this.reader(text);
    if (typeof v === "number" && this.values.length < 65_536) {
      this.seen.set(text, this.values.length);
      this.values.push(v);
    }
    return v;
  }
}

/** The share of rows that may be unreadable before a tool stops to ask: "more than a few percent". */
export const UNREADABLE_LIMIT = 0.02;

/** What could not be read in a lenient ledger, and whether it is too much to go on without asking. */
export interface UnreadableSummary {
  /** the rows that hold data: read plus unreadable (blank rows and the header left out) */
  rows: number;
  unreadable: number;
  /** unreadable ÷ rows (0 for an empty ledger) */
  share: number;
  /** share above the limit: a wrong date format, a shifted column or an unknown currency sign, not a typo */
  tooMany: boolean;
  /** by reason and argument, most frequent first, each with its first row (for a message) */
  reasons: Array<{ reason: MessageCode; arg: string; count: number; first: SkippedRow }>;
}

/**
 * The rule the wizard and the CLI apply before computing on a lenient ledger: when more than `limit` of its data
 * rows could not be read, the answer would silently describe another ledger, so the tool stops (CLI, unless told
 * to skip) or asks (wizard) with this summary. Pure.
 *
 * Example: 1,721 rows of which 574 amounts read `\5,400`-style as unreadable → share 0.33, tooMany true, one
 * reason (notAnAmount, amounts, 574). O(skipped rows).
 */
export function unreadableSummary(ledger: Ledger, limit = UNREADABLE_LIMIT): UnreadableSummary {
  const unreadable = ledger.skipped.length;
  const rows = ledger.n + unreadable;
  const share = rows === 0 ? 0 : unreadable / rows;
  const byKey = new Map<string, UnreadableSummary["reasons"][number]>();
  for (const s of ledger.skipped) {
    const key = `${s.reason}\u0000${s.arg}`;
    const r = byKey.get(key);
    if (r) r.count++;
    else byKey.set(key, { reason: s.reason, arg: s.arg, count: 1, first: s });
  }
  const reasons = [...byKey.values()].sort(
    (a, b) => b.count - a.count || a.first.row - b.first.row
  );
  return { rows, unreadable, share, tooMany: share > limit, reasons };
}
