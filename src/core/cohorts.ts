/**
 * Cohorts and retention: who came back, and when.
 *
 * Definitions shared by {@link cohortTable} and {@link retentionCurve} (what *active* means is in `activity.ts`,
 * calendar and elapsed periods in `calendar.ts`):
 * - **Periods since first purchase (k).** For "month", "quarter" and "year" these are *calendar* periods, as a
 *   person reads a cohort table: a customer whose first order is on 2024-01-31 is in the January cohort, and
 *   their period 1 is February (k = calendar index of the order − calendar index of the first order). For
 *   "day", "week" or a number of days D they are *elapsed* periods: k = ⌊(order date − first date) / D⌋.
 * - **Cohort.** Calendar units: the calendar period of the first purchase. Elapsed units: consecutive windows of
 *   D days counted from the ledger's first order date (the first window starts on that date).
 * - **Observation.** The window ends on the ledger's last order date T. A period is *observable* for a
 *   customer when it has ended by T (its last day ≤ T). Periods still running are left out, so an export taken
 *   mid-month never shows a false drop in the last column (a drop that `largestRetentionDrop` would report).
 *
 * Everything runs in O(n + C + K) time and memory (n rows, C customers, K periods between the first and the last
 * order) and needs no sort: dates are bounded integers, so periods are computed by integer arithmetic, and
 * "already counted this customer in period k" is a bit per (customer, period) or, when that would be large, a
 * stamp per period over rows grouped by customer with a counting pass (see {@link eachActivePeriod}). Only
 * {@link cohortTable}'s own output is cohorts × periods.
 *
 * **Bounds, checked before the work.** A period is at least one day ({@link checkPeriodLength}: dates are whole
 * days), so K ≤ 2,958,465 (1900-01-01 … 9999-12-31) and every per-period array is a few megabytes at most. What
 * is spilled must fit on a sheet: the curve's rows and the table's rows, columns and cells are computed from the
 * first and last order dates and refused (with both dates in the message: a mistyped year is the usual cause)
 * before anything of that size is allocated. Churn, which returns one number, is not capped: see `churn.ts`.
 */
import { badValue, notEnoughData } from "./errors";
import {
  activeBits,
  countActive,
  customerSpans,
  eachActivePeriod,
  type CustomerSpans,
} from "./activity";
import {
  checkPeriodLength,
  lastCompletePeriod,
  periodIndexes,
  periodScheme,
  periodsObserved,
  type PeriodScheme,
} from "./calendar";
import { isoFromSerial } from "./input/date";
import type { Ledger } from "./ledger";
import type { PeriodUnit } from "./periods";

/** Largest number of columns an Excel sheet can hold; a cohort table wider than this cannot be shown. */
export const MAX_SHEET_COLUMNS = 16_384;

/** Largest number of rows an Excel sheet can hold; a retention curve or cohort table longer than this cannot spill. */
export const MAX_SHEET_ROWS = 1_048_576;

/**
 * Most cells a cohort table may have, header row and label columns included: 2 Mi (2,097,152). A sheet holds far
 * more, but a table this size is already ~1,450 × 1,450 (daily cohorts over four years): nobody reads it, Excel
 * takes seconds to spill it and the add-in needs hundreds of megabytes to hand it over. Past it, the user is
 * asked for a longer period (or to check a mistyped date that stretches the window), before any work is done.
 */
export const MAX_TABLE_CELLS = 2_097_152;

/** "the orders run from … to …": the observed window in words, for the size limits' messages. */
function windowParams(g: CustomerSpans): { first: string; last: string } {
  return { first: isoFromSerial(g.minDate), last: isoFromSerial(g.maxDate) };
}

/**
 * Number of periods of `unit` whose every day lies between the ledger's first and last order dates, counted from
 * the first order's period: the largest k any customer can be observed for, plus one. Found in O(1) from the window,
 * so callers can bound their output before the work: the customer who bought first is the one observed longest.
 */
function observablePeriods(g: CustomerSpans, scheme: PeriodScheme): number {
  return lastCompletePeriod(scheme, g.maxDate) - scheme.index(g.minDate) + 1;
}

// ---------------------------------------------------------------------------------------------------------------
// Activity by periods since first purchase

/**
 * Customers' activity by periods since their first purchase: the common ground of the cohort table, the retention
 * curve and the cumulative cohort values (`cohort-value.ts`), so they share one cohort and one observation rule.
 */
export interface Activity {
  scheme: PeriodScheme;
  /** last order date: the end of observation */
  end: number;
  /** absolute period index of cohort 0 */
  cohortBase: number;
  /** cohorts from the first to the last period with a first purchase (empty ones between them included) */
  cohortCount: number;
  /** cohort (0-based, relative to cohortBase) of each customer */
  cohortOf: Int32Array;
  /** last observable k of each customer (−1 when not even period 0 has ended) */
  lastK: Int32Array;
  /** periods since first purchase (k) of each row */
  kOf: Int32Array;
  /** largest k any row can have */
  maxK: number;
}

/**
 * Each customer's cohort and last observable period, and each row's periods since first purchase (see the module
 * comment for the definitions). @throws LtvError `noOrders`. O(n + C).
 */
export function activity(ledger: Ledger, unit: PeriodUnit): Activity {
  const g = customerSpans(ledger);
  const scheme = periodScheme(unit, g.minDate);
  const end = g.maxDate;
  const C = ledger.customers.length;
  const cohortOf = new Int32Array(C);
  const lastK = new Int32Array(C);
  const cohortBase = scheme.index(g.minDate);
  // cohorts run from the first to the last period in which someone made a first purchase
  let latestFirst = -Infinity;
  const first = g.firstDate;
  for (let c = 0; c < C; c++) if (first[c] > latestFirst) latestFirst = first[c];
  const cohortCount = scheme.index(latestFirst) - cohortBase + 1;
  const n = ledger.n;
  const cust = ledger.customerOf as Int32Array;
  const dates = ledger.dates as Float64Array;
  let kOf: Int32Array;
  let maxK: number;
  if (scheme.calendar) {
    // each customer's first period, by the same day table as the rows' (the civil-date arithmetic once per day of
    // the window, not per customer); the last observable k is periodsObserved − 1 with its one common term hoisted
    const firstAbs = periodIndexes(scheme, first, 0, g.minDate, g.maxDate);
    const lastAbs = lastCompletePeriod(scheme, end);
    for (let c = 0; c < C; c++) {
      const p = firstAbs[c];
      cohortOf[c] = p - cohortBase;
      lastK[c] = lastAbs - p;
    }
    // each row's calendar period, then made relative to its customer's first one in place
    kOf = periodIndexes(scheme, dates.subarray(0, n), 0, g.minDate, g.maxDate);
    for (let i = 0; i < n; i++) kOf[i] -= firstAbs[cust[i]];
    maxK = scheme.index(end) - cohortBase;
  } else {
    const D = unit.days;
    for (let c = 0; c < C; c++) {
      const f = first[c];
      cohortOf[c] = Math.floor((f - g.minDate) / D);
      lastK[c] = periodsObserved(scheme, f, end) - 1;
    }
    kOf = new Int32Array(n);
    for (let i = 0; i < n; i++) kOf[i] = Math.floor((dates[i] - first[cust[i]]) / D);
    maxK = Math.floor((end - g.minDate) / D);
  }
  return { scheme, end, cohortBase, cohortCount, cohortOf, lastK, kOf, maxK };
}

// ---------------------------------------------------------------------------------------------------------------
// Retention curve

/** One point of a retention curve. */
export interface RetentionPoint {
  /** periods since first purchase: 0, 1, 2 … */
  periodsSince: number;
  /** share of the observed customers who bought in that period (0…1); 1 at period 0 */
  share: number;
  /** customers whose period `periodsSince` has ended by the last order date (the denominator) */
  customersObserved: number;
  /** of those, customers who bought in that period (the numerator) */
  customersActive: number;
}

/**
 * Retention curve (継続率の推移): for k = 0, 1, 2 …, the share of customers who bought in their k-th period after
 * the first purchase, among the customers observed that long.
 *
 * Formula: share(k) = #{customers active in period k and observed through k} ÷ #{customers observed through k}.
 * Calendar units pool whole cohorts; elapsed units use each customer's own window (so a customer who started
 * late still counts for the early periods). Example: two customers starting 2024-01, one buying again in March,
 * ledger ending 2024-03-31 → [{k 0, 1}, {k 1, 0}, {k 2, 0.5}].
 * @throws LtvError `noOrders` (no rows), `notEnoughData` when no customer's period 0 has ended yet;
 * `periodBelowDay` for a number of days below 1; `tooManyPeriodsSpan` when the curve would have more rows than a
 * sheet (1,048,575 periods and the header) — checked from the first and last order dates before any work.
 * O(n + C + K) time and memory, K ≤ 1,048,575.
 */
export function retentionCurve(ledger: Ledger, unit: PeriodUnit): RetentionPoint[] {
  checkPeriodLength(unit);
  const g = customerSpans(ledger);
  // one row per k plus the header must fit on a sheet: checked from the window alone, before any O(K) work
  const observable = observablePeriods(g, periodScheme(unit, g.minDate));
  if (observable > MAX_SHEET_ROWS - 1) {
    throw badValue("tooManyPeriodsSpan", {
      arg: "period",
      params: {
        count: observable,
        limit: MAX_SHEET_ROWS - 1,
        ...windowParams(g),
      },
    });
  }
  const a = activity(ledger, unit);
  const C = ledger.customers.length;
  let K = -1;
  for (let c = 0; c < C; c++) if (a.lastK[c] > K) K = a.lastK[c];
  if (K < 0)
    throw notEnoughData("tooFewValues", { arg: "order_dates", params: { limit: 1, count: 0 } });
  // observed(k) = #{c : lastK[c] ≥ k}: a difference array instead of a loop over each customer's periods
  const observed = new Float64Array(K + 2);
  for (let c = 0; c < C; c++) if (a.lastK[c] >= 0) observed[a.lastK[c]]++;
  for (let k = K - 1; k >= 0; k--) observed[k] += observed[k + 1];
  const active = new Float64Array(K + 1);
  const lastK = a.lastK;
  const bits = activeBits(ledger, a.kOf, a.maxK + 1);
  if (bits) {
    // the bitmap read in place (counts, so the order of the visits does not matter)
    for (let c = 0; c < C; c++) countActive(bits, c, lastK[c], active, 0);
  } else
    eachActivePeriod(ledger, a.kOf, a.maxK + 1, (c, k) => {
      if (k <= lastK[c]) active[k]++;
    });
  const curve: RetentionPoint[] = [];
  for (let k = 0; k <= K; k++) {
    curve.push({
      periodsSince: k,
      share: active[k] / observed[k],
      customersObserved: observed[k],
      customersActive: active[k],
    });
  }
  return curve;
}

/** Where retention falls most, for words such as "retention drops most between month 6 and month 7". */
export interface RetentionDrop {
  /** the period k: retention falls most from k to k + 1 */
  period: number;
  from: number;
  to: number;
  /** from − to, in share points (0…1) */
  drop: number;
}

/**
 * The period k at which retention falls most from k to k + 1 ("retention drops most between month 6 and month 7").
 *
 * Compares share(k) − share(k + 1) for k ≥ `fromPeriod` (default 1: the fall from period 0, where every customer
 * is active by definition, says nothing), skipping points observed on fewer than `minObserved` customers (the
 * tail of a curve rests on few customers). Ties go to the earlier period.
 * Example: shares 1, .8, .78, .75, .74, .72, .70, .30 → { period: 6, from: .70, to: .30, drop: .40 }.
 * @returns the drop, or null when no pair of points qualifies or retention never falls. O(K).
 */
export function largestRetentionDrop(
  curve: readonly RetentionPoint[],
  options: { fromPeriod?: number; minObserved?: number } = {}
): RetentionDrop | null {
  const fromPeriod = options.fromPeriod ?? 1;
  const minObserved = options.minObserved ?? 1;
  let best: RetentionDrop | null = null;
  for (let i = 0; i + 1 < curve.length; i++) {
    const p = curve[i];
    const q = curve[i + 1];
    if (p.periodsSince < fromPeriod || q.periodsSince !== p.periodsSince + 1) continue;
    if (p.customersObserved < minObserved || q.customersObserved < minObserved) continue;
    const drop = p.share - q.share;
    if (drop > 0 && (best === null || drop > best.drop))
      best = { period: p.periodsSince, from: p.share, to: q.share, drop };
  }
  return best;
}

// ---------------------------------------------------------------------------------------------------------------
// Cohort table

/** What a cohort-table cell holds. */
export type CohortMeasure = "customers" | "retention" | "revenue";

export const COHORT_MEASURES: readonly CohortMeasure[] = ["customers", "retention", "revenue"];

/** One row of a cohort table. */
export interface CohortRow {
  /** "2024-01", "2024-Q1", "2024", or the first day "2024-01-05" for elapsed units */
  label: string;
  /** first day of the cohort's period (serial) */
  start: number;
  /** customers whose first purchase falls in this cohort */
  customers: number;
  /** number of observable periods since first purchase (cells 0 … observedPeriods − 1 hold values) */
  observedPeriods: number;
}

/** A cohort table: `values[row][k]` for k = 0 … periods − 1, `null` where the period is not yet observable. */
export interface CohortTable {
  unit: PeriodUnit;
  measure: CohortMeasure;
  /** true when k counts calendar periods (month, quarter, year) */
  calendar: boolean;
  cohorts: CohortRow[];
  /** number of columns k = 0 … periods − 1 */
  periods: number;
  values: (number | null)[][];
}

/**
 * Cohort table (コホート表): one row per first-purchase period, one column per period since first purchase.
 * Rows run from the first to the last period in which a customer made a first purchase; a period in between in
 * which nobody started keeps its (empty) row, so the rows stay evenly spaced.
 *
 * Cells: "customers" — customers of the cohort who bought in period k; "retention" — that count ÷ the cohort's
 * size (blank for an empty cohort); "revenue" — the cohort's total amount in period k (needs amounts; several
 * orders count in full, negative amounts net). A cell is shown only when period k has ended for every customer of
 * the cohort (calendar units: the calendar period has ended by the last order date; elapsed units: for the
 * cohort's latest starter), otherwise it is `null` — not yet observable, not zero.
 * Example: A buys 2024-01-05 and 2024-02-03, B 2024-01-20, C 2024-02-29 (the last order), "customers" →
 * 2024-01: [2, 1]; 2024-02: [1, null] (March, the February cohort's period 1, has not been observed).
 * @throws LtvError `noOrders`; `periodBelowDay` for a number of days below 1; `tooManyPeriodsSpan` when the
 * table would be longer than a sheet (1,048,576 rows, header included) or wider (16,384 columns, the label and size columns included); `tableTooLarge` past {@link MAX_TABLE_CELLS} cells. All are checked before the cells are
 * allocated or filled: the rows from the window in O(1), the columns in O(C + cohorts).
 * O(n + C + cohorts × periods) time and memory — the last term is the table itself, at most 2 Mi cells.
 */
export function cohortTable(
  ledger: Ledger,
  unit: PeriodUnit,
  measure: CohortMeasure = "customers"
): CohortTable {
  checkPeriodLength(unit);
  const a = activity(ledger, unit);
  if (measure === "revenue" && !ledger.amounts) {
    throw badValue("requiredFor", { arg: "amounts", params: { what: "revenue" } });
  }
  const C = ledger.customers.length;
  const H = a.cohortCount;
  const scheme = a.scheme;
  const g = customerSpans(ledger);
  // the rows (one per cohort, and the header) must fit on a sheet before anything of size H is allocated
  if (H + 1 > MAX_SHEET_ROWS) {
    throw badValue("tooManyPeriodsSpan", {
      arg: "period",
      params: {
        count: H,
        limit: MAX_SHEET_ROWS - 1,
        ...windowParams(g),
      },
    });
  }
  // each cohort: its size, and the last k observable for all its customers
  const size = new Float64Array(H);
  const cohortLastK = new Int32Array(H);
  if (scheme.calendar) {
    const lastAbs = lastCompletePeriod(scheme, a.end);
    for (let h = 0; h < H; h++) cohortLastK[h] = lastAbs - (a.cohortBase + h);
  } else {
    // an empty window is bounded by its own last day; a filled one by its latest starter
    const D = unit.days;
    for (let h = 0; h < H; h++) {
      const lastDay = Math.ceil(scheme.origin + (h + 1) * D) - 1;
      cohortLastK[h] = Math.floor((a.end + 1 - lastDay) / D) - 1;
    }
    const seen = new Uint8Array(H);
    for (let c = 0; c < C; c++) {
      const h = a.cohortOf[c];
      if (!seen[h] || a.lastK[c] < cohortLastK[h]) cohortLastK[h] = a.lastK[c];
      seen[h] = 1;
    }
  }
  for (let c = 0; c < C; c++) size[a.cohortOf[c]]++;
  let periods = 0;
  for (let h = 0; h < H; h++) if (cohortLastK[h] + 1 > periods) periods = cohortLastK[h] + 1;
  periods = Math.max(periods, 1);
  if (periods + 2 > MAX_SHEET_COLUMNS) {
    throw badValue("tooManyPeriodsSpan", {
      arg: "period",
      params: {
        count: periods,
        limit: MAX_SHEET_COLUMNS - 2,
        ...windowParams(g),
      },
    });
  }
  // the whole spill (header row, label and size columns included), before the cells are allocated
  if ((H + 1) * (periods + 2) > MAX_TABLE_CELLS) {
    throw badValue("tableTooLarge", {
      arg: "period",
      params: {
        rows: H + 1,
        columns: periods + 2,
        limit: MAX_TABLE_CELLS,
        ...windowParams(g),
      },
    });
  }
  const cells = new Float64Array(H * periods);
  const cohortOf = a.cohortOf;
  if (measure === "revenue") {
    // every row counts in full: no distinct pass needed
    const amounts = ledger.amounts as Float64Array;
    const cust = ledger.customerOf as Int32Array;
    const kOf = a.kOf;
    for (let i = 0; i < ledger.n; i++) {
      const h = cohortOf[cust[i]];
      const k = kOf[i];
      if (k <= cohortLastK[h]) cells[h * periods + k] += amounts[i];
    }
  } else {
    const bits = activeBits(ledger, a.kOf, a.maxK + 1);
    if (bits) {
      // the bitmap read in place (counts, so the order of the visits does not matter)
      for (let c = 0; c < C; c++) {
        const h = cohortOf[c];
        countActive(bits, c, cohortLastK[h], cells, h * periods);
      }
    } else
      eachActivePeriod(ledger, a.kOf, a.maxK + 1, (c, k) => {
        const h = cohortOf[c];
        if (k <= cohortLastK[h]) cells[h * periods + k]++;
      });
  }
  const cohorts: CohortRow[] = [];
  const values: (number | null)[][] = [];
  for (let h = 0; h < H; h++) {
    const p = a.cohortBase + h;
    const observedPeriods = Math.max(0, cohortLastK[h] + 1);
    cohorts.push({
      label: scheme.label(p),
      start: scheme.start(p),
      customers: size[h],
      observedPeriods,
    });
    const row: (number | null)[] = new Array(periods);
    for (let k = 0; k < periods; k++) {
      if (k >= observedPeriods) row[k] = null;
      else if (measure === "retention")
        row[k] = size[h] > 0 ? cells[h * periods + k] / size[h] : null;
      else row[k] = cells[h * periods + k];
    }
    values.push(row);
  }
  return { unit, measure, calendar: scheme.calendar, cohorts, periods, values };
}
