/**
 * The cohort value curve: cumulative revenue per acquired customer by periods since acquisition, observed in the
 * ledger (model-free) beside what the fitted model expects — the check, on the sheet, that the model's value of a
 * new customer tracks what customers actually spent.
 */
import { periodScheme, periodsObserved } from "./calendar";
import type { Ledger } from "./ledger";
import { expectedNewCustomerPurchases, type LedgerModel } from "./ledger-value";
import type { PeriodUnit } from "./periods";

/** One point of the cohort value curve: k periods after the first purchase. */
export interface ValueCurvePoint {
  /** periods since the first purchase (1, 2, …) */
  period: number;
  /** customers observed for at least `period` whole periods */
  customers: number;
  /** their mean revenue within the first `period` periods (first purchase included): model-free */
  observed: number;
  /** what the model expects: first + average order × expected repeat purchases within `period` periods */
  expected: number;
}

/** Fewest customers a point of the cohort value curve is shown with. */
export const MIN_CURVE_CUSTOMERS = 20;

/**
 * Cumulative revenue per acquired customer by periods since acquisition, observed (each customer counts for
 * the periods they were observed in full) beside the model's expectation. Elapsed periods, not calendar ones.
 * Example: customers acquired in January, each spending 1,000 at once and 500 a month after → observed at
 * period 3 = 1,000 + 2 × 500 = 2,000.
 * @returns the points with at least {@link MIN_CURVE_CUSTOMERS} customers (and at least 5 % of them).
 * Cost: O(n + periods) (BG/NBD: + periods × series terms).
 */
export function cohortValueCurve(
  ledger: Ledger,
  m: LedgerModel,
  period: PeriodUnit
): ValueCurvePoint[] {
  const { dates, customerOf, amounts } = ledger;
  if (!dates || !customerOf || !amounts || m.avgOrder === null || m.firstOrder === null) return [];
  const nc = ledger.customers.length;
  const first = new Float64Array(nc).fill(Infinity);
  for (let i = 0; i < ledger.n; i++)
    if (dates[i] < first[customerOf[i]]) first[customerOf[i]] = dates[i];
  const end = m.calibrationEnd;
  // whole periods each customer was observed for: elapsed periods from their own first purchase
  const elapsed = periodScheme({ days: period.days }, 0);
  const observedFor = new Int32Array(nc);
  let longest = 0;
  for (let c = 0; c < nc; c++) {
    observedFor[c] = first[c] <= end ? periodsObserved(elapsed, first[c], end) : -1;
    if (observedFor[c] > longest) longest = observedFor[c];
  }
  longest = Math.min(longest, 1200);
  // revenue of a row counts at every period k with j < k ≤ observedFor, j = its own period index
  const diff = new Float64Array(longest + 2);
  for (let i = 0; i < ledger.n; i++) {
    const c = customerOf[i];
    if (dates[i] > end || observedFor[c] < 1) continue;
    const j = Math.floor((dates[i] - first[c]) / period.days);
    const top = Math.min(observedFor[c], longest);
    if (j + 1 <= top) {
      diff[j + 1] += amounts[i];
      diff[top + 1] -= amounts[i];
    }
  }
  const count = new Float64Array(longest + 2);
  for (let c = 0; c < nc; c++) if (observedFor[c] >= 1) count[Math.min(observedFor[c], longest)]++;
  for (let k = longest - 1; k >= 1; k--) count[k] += count[k + 1];
  const points: ValueCurvePoint[] = [];
  let sum = 0;
  const minimum = Math.max(MIN_CURVE_CUSTOMERS, 0.05 * m.customers);
  for (let k = 1; k <= longest; k++) {
    sum += diff[k];
    if (count[k] < minimum) break;
    points.push({
      period: k,
      customers: count[k],
      observed: sum / count[k],
      expected: m.firstOrder + m.avgOrder * expectedNewCustomerPurchases(m, k, period),
    });
  }
  return points;
}
