/**
 * From a transaction ledger to the per-customer summary the buy-till-you-die models take: frequency, recency,
 * T and monetary value (the "RFM" summary of Fader, Hardie & Lee 2005).
 *
 * Conventions (those of the literature on the CDNOW data, and of BTYD and lifetimes):
 * - A customer's purchases on the same day are one purchase occasion (their amounts add up).
 * - Only occasions on or before the calibration end count; customers whose first purchase is later are left out.
 * - frequency = repeat occasions (occasions − 1); recency = first to last occasion; T = first occasion to the
 *   calibration end; both in periods of `unit` (days ÷ unit length, so weeks are days ÷ 7).
 * - monetary = mean amount of the repeat occasions (the first purchase is excluded, as in the Gamma-Gamma
 *   model), 0 for a customer without repeat purchases.
 */
import { notEnoughData } from "../errors";
import { customerTotals, TOTAL, TOTALS_STRIDE, type CustomerTotals, type Ledger } from "../ledger";
import type { PeriodUnit } from "../periods";

export interface ClvSummary {
  /** customer ids, in order of first appearance in the ledger */
  customers: string[];
  frequency: Float64Array;
  recency: Float64Array;
  T: Float64Array;
  /** mean repeat-occasion amount, or null when the ledger has no amounts */
  monetary: Float64Array | null;
  /** the amount of each customer's first purchase occasion, or null when the ledger has no amounts */
  firstAmount: Float64Array | null;
  /** the calibration end used (date serial) */
  calibrationEnd: number;
  /** total repeat occasions (Σ frequency) */
  repeatPurchases: number;
}

/**
 * Summarises a ledger with customers and dates (and optionally amounts) per customer.
 *
 * Example: customer A buys on 1997-01-01 ($10), 1997-01-01 ($5), 1997-01-15 ($20); calibration end 1997-01-29,
 * weeks → frequency 1, recency 2, T 4, monetary 20.
 * @param calibrationEnd a date serial; default the last date of the ledger
 * @throws LtvError `noOrders` (#N/A) when no order falls on or before the calibration end.
 * Cost: O(n log n) at worst, O(n + C) for C customers of a few rows each (a counting sort by customer, then each
 * customer's rows by date).
 */
export function clvSummary(ledger: Ledger, unit: PeriodUnit, calibrationEnd?: number): ClvSummary {
  const { n, customerOf, dates, amounts } = ledger;
  if (!customerOf || !dates) throw new Error("clvSummary needs customers and dates");
  let end = calibrationEnd;
  if (end === undefined) {
    const t = customerTotals(ledger);
    if (t) end = t.maxDate;
    else {
      end = -Infinity;
      for (let i = 0; i < n; i++) if (dates[i] > end) end = dates[i];
    }
  }

  const totals = customerTotals(ledger);
  if (totals && totals.dateOrdered && n > 0 && end >= totals.maxDate)
    return fromTotals(ledger, totals, unit, end);

  const nc = ledger.customers.length;
  const first = new Float64Array(nc).fill(Infinity);
  const last = new Float64Array(nc).fill(-Infinity);
  const occasions = new Int32Array(nc);
  const spend = new Float64Array(nc);
  const firstSpend = new Float64Array(nc);

  // rows of each customer in date order; same-day rows are adjacent, so an occasion is a change of date. Rows are
  // bucketed by customer (a counting sort: customers are already indexes) and each customer's few rows sorted by
  // date, rather than one comparison sort of all n rows
  const start = new Int32Array(nc + 1);
  let kept = 0;
  for (let i = 0; i < n; i++) {
    if (dates[i] <= end) {
      start[customerOf[i] + 1]++;
      kept++;
    }
  }
  for (let c = 0; c < nc; c++) start[c + 1] += start[c];
  const rows = new Int32Array(kept);
  const fillAt = start.slice(0, nc);
  for (let i = 0; i < n; i++) if (dates[i] <= end) rows[fillAt[customerOf[i]]++] = i;
  for (let c = 0; c < nc; c++) {
    const a = start[c];
    const b = start[c + 1];
    if (b - a > 32) {
      // a heavy buyer: a comparison sort (ties by row, as the bucket holds rows in row order)
      rows.subarray(a, b).sort((i, j) => dates[i] - dates[j] || i - j);
      continue;
    }
    // insertion sort by date, stable (ties keep row order): most customers have a few rows
    for (let k = a + 1; k < b; k++) {
      const row = rows[k];
      const d = dates[row];
      let j = k - 1;
      while (j >= a && dates[rows[j]] > d) {
        rows[j + 1] = rows[j];
        j--;
      }
      rows[j + 1] = row;
    }
  }
  let prevCustomer = -1;
  let prevDate = NaN;
  for (const i of rows) {
    const c = customerOf[i];
    const d = dates[i];
    if (c !== prevCustomer || d !== prevDate) {
      occasions[c]++;
      if (occasions[c] === 1) first[c] = d;
      last[c] = d;
    }
    if (amounts) {
      if (occasions[c] === 1) firstSpend[c] += amounts[i];
      else spend[c] += amounts[i];
    }
    prevCustomer = c;
    prevDate = d;
  }

  const customers: string[] = [];
  const idx: number[] = [];
  for (let c = 0; c < nc; c++) {
    if (occasions[c] > 0) {
      customers.push(ledger.customers[c]);
      idx.push(c);
    }
  }
  if (idx.length === 0) throw notEnoughData("noOrders", { arg: "order_dates" });

  const m = idx.length;
  const frequency = new Float64Array(m);
  const recency = new Float64Array(m);
  const T = new Float64Array(m);
  const monetary = amounts ? new Float64Array(m) : null;
  const firstAmount = amounts ? new Float64Array(m) : null;
  let repeatPurchases = 0;
  for (let k = 0; k < m; k++) {
    const c = idx[k];
    const x = occasions[c] - 1;
    frequency[k] = x;
    recency[k] = (last[c] - first[c]) / unit.days;
    T[k] = (end - first[c]) / unit.days;
    if (monetary) monetary[k] = x > 0 ? spend[c] / x : 0;
    if (firstAmount) firstAmount[k] = firstSpend[c];
    repeatPurchases += x;
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
 * {@link clvSummary} from the totals the reading pass gathered (every order counts: `end` is on or after the last
 * order date, and each customer's rows came in date order): the same numbers, summed in the same order, without a
 * second pass over the rows. O(C).
 */
function fromTotals(
  ledger: Ledger,
  totals: CustomerTotals,
  unit: PeriodUnit,
  end: number
): ClvSummary {
  const m = ledger.customers.length;
  const data = totals.data;
  const frequency = new Float64Array(m);
  const recency = new Float64Array(m);
  const T = new Float64Array(m);
  const monetary = ledger.amounts ? new Float64Array(m) : null;
  const firstAmount = ledger.amounts ? new Float64Array(m) : null;
  let repeatPurchases = 0;
  for (let c = 0; c < m; c++) {
    const b = c * TOTALS_STRIDE;
    const first = data[b + TOTAL.first];
    const x = data[b + TOTAL.occasions] - 1;
    frequency[c] = x;
    recency[c] = (data[b + TOTAL.last] - first) / unit.days;
    T[c] = (end - first) / unit.days;
    if (monetary) monetary[c] = x > 0 ? data[b + TOTAL.repeatAmount] / x : 0;
    if (firstAmount) firstAmount[c] = data[b + TOTAL.firstAmount];
    repeatPurchases += x;
  }
  return {
    customers: ledger.customers.slice(),
    frequency,
    recency,
    T,
    monetary,
    firstAmount,
    calibrationEnd: end,
    repeatPurchases,
  };
}
