/**
 * Cumulative value per acquired customer, by cohort: what a cohort's customers have spent on average (or earned,
 * with a gross margin) by each period since their first purchase — the curve a marketer lays against the cost of
 * acquiring a customer — and the payback period, the first period at which that curve reaches the cost.
 *
 * Definitions are the cohort table's (`cohorts.ts`, shared code, not a copy): cohorts by the period of the first
 * purchase, periods since first purchase k (calendar periods for month, quarter and year; elapsed windows of D
 * days otherwise), and observation (a cell is shown only when period k has ended, by the ledger's last order
 * date, for every customer of its row). For a row of N customers:
 *
 *   value(k) = margin × Σ_{j ≤ k} (amounts of the row's customers in period j) ÷ N
 *
 * so value(0) is the average first-period spend and the row rises (returns net) towards lifetime value. With a
 * group column (acquisition channel, first product, region), a customer belongs to the group of their first
 * purchase and each row is one (group, cohort) pair, so cohorts can be compared by group.
 */
import { customerSpans } from "./activity";
import { checkPeriodLength } from "./calendar";
import { activity, cohortTable, MAX_SHEET_COLUMNS, MAX_TABLE_CELLS } from "./cohorts";
import { badValue, LtvError } from "./errors";
import { isBlank, isErrorCell, errorCellText, type Cell } from "./input/cells";
import { rangeCell, isColumnRange, type Column, type ColumnRange } from "./input/columns";
import { isoFromSerial } from "./input/date";
import { readId } from "./input/id";
import type { Ledger } from "./ledger";
import { checkParam, PARAMS } from "./params";
import type { PeriodUnit } from "./periods";

export interface CohortValueOptions {
  /** gross margin 0…1 applied to every amount (default 1: revenue) */
  grossMargin?: number;
  /**
   * the group of each kept ledger row (index i of the ledger's arrays), "" for a blank cell; see
   * {@link readGroups}. Without it, one row per cohort.
   */
  groupOf?: readonly string[];
}

/** One row of the cumulative-value table: a cohort, or a (group, cohort) pair. */
export interface CohortValueRow {
  /** the group's text ("" for a blank group cell), or null without groups */
  group: string | null;
  /** "2024-01", "2024-Q1", "2024", or the first day "2024-01-05" for elapsed units */
  label: string;
  /** first day of the cohort's period (serial) */
  start: number;
  /** customers of the row (its denominator) */
  customers: number;
  /** observable periods since first purchase: values 0 … observedPeriods − 1 are numbers */
  observedPeriods: number;
  /** cumulative value per customer for k = 0 … periods − 1; null where not yet observable (or no customers) */
  values: (number | null)[];
}

/** The cumulative-value table: rows by (group, then) cohort, `periods` columns k = 0 … periods − 1. */
export interface CohortValueTable {
  unit: PeriodUnit;
  /** true when k counts calendar periods (month, quarter, year) */
  calendar: boolean;
  grouped: boolean;
  periods: number;
  rows: CohortValueRow[];
}

/**
 * Cumulative value per acquired customer by period since acquisition, per cohort (累積LTV・コホート別).
 *
 * Formula: see the module comment. Without groups the rows are those of `cohortTable` (every period from the
 * first to the last cohort; a cohort in which nobody started has null values); with groups, one row per
 * (group, cohort) that has customers, groups in text order (numbers by value), then cohorts in time order.
 * Example: A buys 1,000 on 2024-01-05 and 500 on 2024-02-10, B 800 on 2024-01-20, ledger ending 2024-03-31,
 * months → 2024-01: [900, 1,150, 1,150]; margin 0.4 → [360, 460, 460].
 * @throws LtvError `requiredFor` without amounts, `noOrders`, `periodBelowDay`, `mustBeAtLeast`/`mustBeAtMost`
 *   for the margin, and the cohort table's size limits (`tooManyPeriodsSpan`, `tableTooLarge`), checked before
 *   the cells are allocated. O(n + C log C + rows × periods).
 */
export function cohortValueTable(
  ledger: Ledger,
  unit: PeriodUnit,
  options: CohortValueOptions = {}
): CohortValueTable {
  const margin = checkParam(options.grossMargin ?? 1, PARAMS.grossMargin);
  if (!ledger.amounts) {
    throw new LtvError({
      kind: "badValue",
      code: "requiredFor",
      arg: "amounts",
      params: { what: "ltv" },
    });
  }
  if (options.groupOf) return groupedTable(ledger, unit, margin, options.groupOf);
  const t = cohortTable(ledger, unit, "revenue");
  const rows = t.cohorts.map((c, h) => ({
    group: null,
    label: c.label,
    start: c.start,
    customers: c.customers,
    observedPeriods: c.observedPeriods,
    values: cumulate(t.values[h], c.customers, margin),
  }));
  return { unit, calendar: t.calendar, grouped: false, periods: t.periods, rows };
}

/** Running sums of a row's per-period totals ÷ customers × margin; null stays null, and all null without customers. */
function cumulate(
  totals: readonly (number | null)[],
  customers: number,
  margin: number
): (number | null)[] {
  let sum = 0;
  return totals.map((x) => {
    if (x === null || customers === 0) return null;
    sum += x;
    return (margin * sum) / customers;
  });
}

/** Orders groups by text, numbers by value ("2" before "10"), so a region code reads in order. */
function compareGroups(a: string, b: string): number {
  const num = /^[+-]?\d+(\.\d+)?$/;
  if (num.test(a) && num.test(b)) {
    const d = Number(a) - Number(b);
    if (d !== 0) return d;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

function groupedTable(
  ledger: Ledger,
  unit: PeriodUnit,
  margin: number,
  groupOf: readonly string[]
): CohortValueTable {
  checkPeriodLength(unit);
  const a = activity(ledger, unit);
  const g = customerSpans(ledger);
  const C = ledger.customers.length;
  const cust = ledger.customerOf as Int32Array;
  const dates = ledger.dates as Float64Array;
  const amounts = ledger.amounts as Float64Array;
  // each customer's group: the group of their first purchase (on a tie of dates, the first in group order)
  const groupOfCustomer: (string | undefined)[] = new Array(C);
  for (let i = 0; i < ledger.n; i++) {
    const c = cust[i];
    if (dates[i] !== g.firstDate[c]) continue;
    const prev = groupOfCustomer[c];
    if (prev === undefined || compareGroups(groupOf[i], prev) < 0) groupOfCustomer[c] = groupOf[i];
  }
  const groups = [...new Set(groupOfCustomer as string[])].sort(compareGroups);
  const groupIndex = new Map(groups.map((x, k) => [x, k]));
  // rows: (group, cohort) pairs with customers, in group then cohort order
  const H = a.cohortCount;
  const keyOf = new Float64Array(C);
  const keys = new Set<number>();
  for (let c = 0; c < C; c++) {
    keyOf[c] = (groupIndex.get(groupOfCustomer[c] as string) as number) * H + a.cohortOf[c];
    keys.add(keyOf[c]);
  }
  const sorted = Float64Array.from(keys).sort();
  const R = sorted.length;
  const rowOfKey = new Map<number, number>();
  sorted.forEach((k, r) => rowOfKey.set(k, r));
  const rowOf = new Int32Array(C);
  const size = new Float64Array(R);
  // a row's last observable k: that of its latest starter (all its customers are observed that long)
  const lastK = new Int32Array(R).fill(2_147_483_647);
  for (let c = 0; c < C; c++) {
    const r = rowOfKey.get(keyOf[c]) as number;
    rowOf[c] = r;
    size[r]++;
    if (a.lastK[c] < lastK[r]) lastK[r] = a.lastK[c];
  }
  let periods = 1;
  for (let r = 0; r < R; r++) if (lastK[r] + 1 > periods) periods = lastK[r] + 1;
  const window = { first: isoFromSerial(g.minDate), last: isoFromSerial(g.maxDate) };
  // the spill's columns (group, cohort, customers, then the periods), then its cells: a table within the cell
  // limit has fewer than MAX_TABLE_CELLS / 4 rows, far fewer than a sheet's, so rows need no check of their own
  if (periods + 3 > MAX_SHEET_COLUMNS) {
    throw badValue("tooManyPeriodsSpan", {
      arg: "period",
      params: { count: periods, limit: MAX_SHEET_COLUMNS - 3, ...window },
    });
  }
  if ((R + 1) * (periods + 3) > MAX_TABLE_CELLS) {
    throw badValue("tableTooLarge", {
      arg: "period",
      params: { rows: R + 1, columns: periods + 3, limit: MAX_TABLE_CELLS, ...window },
    });
  }
  const cells = new Float64Array(R * periods);
  for (let i = 0; i < ledger.n; i++) {
    const r = rowOf[cust[i]];
    const k = a.kOf[i];
    if (k <= lastK[r]) cells[r * periods + k] += amounts[i];
  }
  const rows: CohortValueRow[] = [];
  for (let r = 0; r < R; r++) {
    const key = sorted[r];
    const h = key % H;
    const p = a.cohortBase + h;
    const observedPeriods = Math.max(0, lastK[r] + 1);
    const totals: (number | null)[] = new Array(periods);
    for (let k = 0; k < periods; k++)
      totals[k] = k < observedPeriods ? cells[r * periods + k] : null;
    rows.push({
      group: groups[(key - h) / H],
      label: a.scheme.label(p),
      start: a.scheme.start(p),
      customers: size[r],
      observedPeriods,
      values: cumulate(totals, size[r], margin),
    });
  }
  return { unit, calendar: a.scheme.calendar, grouped: true, periods, rows };
}

/**
 * Reads a group column (channel, first product, region …) for the kept rows of a ledger read from columns of
 * the same length: row i of the ledger is cell `ledger.rows[i] − 1` of the column, so skipped header and blank
 * rows line up. Text is compared as ids are (NFKC, trimmed); numbers as their text; TRUE/FALSE as those words;
 * a blank cell is "".
 * @throws LtvError `sizeMismatch` when the column's length differs from `length` (the ledger columns'),
 *   `errorCell` (with the row) for an error cell. O(n).
 */
export function readGroups(
  ledger: Ledger,
  column: Column | ColumnRange,
  length: number,
  arg = "group"
): string[] {
  if (column.length !== length) {
    throw new LtvError({
      kind: "sizeMismatch",
      code: "sizeMismatch",
      arg,
      params: { other: "customer_ids", rows: column.length, otherRows: length },
    });
  }
  const range = isColumnRange(column);
  const out: string[] = new Array(ledger.n);
  for (let i = 0; i < ledger.n; i++) {
    const at = ledger.rows[i] - 1;
    const cell: Cell = range ? rangeCell(column, at, arg) : (column as Column)[at];
    if (isErrorCell(cell)) {
      throw badValue("errorCell", { arg, row: at + 1, params: { error: errorCellText(cell) } });
    }
    if (isBlank(cell)) out[i] = "";
    else if (typeof cell === "boolean") out[i] = cell ? "TRUE" : "FALSE";
    else out[i] = readId(cell) ?? String(cell);
  }
  return out;
}

/**
 * Payback period: the first period at which a cumulative value reaches the acquisition cost — reached exactly
 * counts (value ≥ cost). Values are periods `firstPeriod`, `firstPeriod` + 1, … (COHORT_TABLE's "ltv" columns
 * start at period 0, the period of the first purchase); null entries (not yet observed) are skipped.
 * Example: [900, 1150, 1150] and cost 1,000 → 1; cost 900 → 0; cost 1,200 → null (not reached yet).
 * @returns the period, or null when no value reaches the cost.
 * @throws LtvError `mustBeAtLeast` for a negative cost. O(values).
 */
export function paybackPeriod(
  values: readonly (number | null)[],
  cost: number,
  firstPeriod = 0
): number | null {
  checkParam(cost, PARAMS.acquisitionCost);
  for (let k = 0; k < values.length; k++) {
    const x = values[k];
    if (x !== null && x >= cost) return firstPeriod + k;
  }
  return null;
}

/** How a table's cohorts stand against an acquisition cost: the figures the payback sentence gives. */
export interface PaybackSummary {
  /** rows with customers */
  cohorts: number;
  /** of those, the rows whose cumulative value has reached the cost */
  paid: number;
  /** the median payback period of the rows that reached it, or null when none has */
  median: number | null;
  /** each row's payback period (null: not reached yet, or no customers), in the table's row order */
  periods: (number | null)[];
}

/**
 * The payback of every cohort of a cumulative-value table against one acquisition cost, and their median — the
 * figures of the cohort value sheet's sentence (there: COUNT, COUNTIF and MEDIAN over its MINIFS column).
 * Example: rows [100, 600], [300, 450, 700] (one customer each) and cost 500 → periods [1, 2], paid 2 of 2,
 * median 1.5; cost 0 → every row pays back in period 0.
 * @throws LtvError `mustBeAtLeast` for a negative cost. O(cells).
 */
export function paybackSummary(table: CohortValueTable, cost: number): PaybackSummary {
  checkParam(cost, PARAMS.acquisitionCost);
  const periods = table.rows.map((r) => (r.customers > 0 ? paybackPeriod(r.values, cost) : null));
  const reached = periods.filter((p): p is number => p !== null).sort((a, b) => a - b);
  const m = reached.length;
  const median =
    m === 0 ? null : m % 2 === 1 ? reached[(m - 1) / 2] : (reached[m / 2 - 1] + reached[m / 2]) / 2;
  return {
    cohorts: table.rows.filter((r) => r.customers > 0).length,
    paid: m,
    median,
    periods,
  };
}
