/**
 * Purchase frequency (購買頻度): orders per customer per period.
 */
import { notEnoughData } from "./errors";
import { gatheredTotals, type Ledger } from "./ledger";
import { countOrders } from "./orders";
import type { PeriodUnit } from "./periods";

/**
 * The observed window of a ledger in days: first to last order date, both days included.
 * Example: 2024/1/1 … 2024/12/31 → 366. O(1) from the per-customer totals when they have been gathered, O(n)
 * otherwise.
 */
export function observedDays(ledger: Ledger): number {
  const d = ledger.dates;
  if (!d || d.length === 0) return 0;
  // the totals' window when a summary has gathered them; a scan of the dates otherwise (gathering them for two
  // numbers would cost more)
  const totals = gatheredTotals(ledger);
  if (totals) return totals.maxDate - totals.minDate + 1;
  let lo = d[0];
  let hi = d[0];
  for (let i = 1; i < d.length; i++) {
    const v = d[i];
    if (v < lo) lo = v;
    else if (v > hi) hi = v;
  }
  return hi - lo + 1;
}

/**
 * Purchase frequency: orders ÷ distinct customers ÷ periods in the observed window.
 *
 * Formula: F = orders / customers / (window days / period days), window = first to last order date inclusive.
 * Units: orders per customer per period. Orders are counted as in {@link countOrders}.
 * Example: one customer ordering every week of 2024 (52 orders, 2024/1/1 … 2024/12/23, 358 days) with period
 * "quarter" → 52 / 1 / (358 / 91.3125) ≈ 13.26.
 * @throws LtvError `noOrders` when the ledger has no rows. O(n).
 */
export function purchaseFrequency(
  ledger: Ledger,
  unit: PeriodUnit,
  customersArg = "customer_ids"
): number {
  if (ledger.n === 0) throw notEnoughData("noOrders", { arg: customersArg });
  const periods = observedDays(ledger) / unit.days;
  return countOrders(ledger) / ledger.customers.length / periods;
}
