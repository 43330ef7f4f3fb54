/**
 * Orders and the average order value.
 */
import { badValue, notEnoughData } from "./errors";
import type { Ledger } from "./ledger";

/**
 * Number of orders in a ledger: distinct order ids when they were given (line items of one order count once),
 * the ledger's own count when its rows are purchase occasions (`orderCount`), else one per row. O(1) — the ledger
 * interned order ids as it read them.
 */
export function countOrders(ledger: Ledger): number {
  return ledger.orderIds ? ledger.orderIds.length : (ledger.orderCount ?? ledger.n);
}

/**
 * Total of all amounts, returns and discounts (negative amounts) included. O(n).
 */
export function totalAmount(ledger: Ledger): number {
  const a = ledger.amounts;
  if (!a) return 0;
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i];
  return sum;
}

/**
 * Average order value (平均購入単価): total amount ÷ number of orders.
 *
 * Units: the ledger's currency per order. Negative amounts (returns, discounts) count toward the total and,
 * with order ids, net into their order.
 * Example (a coffee-shop customer): 340, 490, 340, 490 → 415.
 * @throws LtvError `noOrders` (no rows), `negativeTotal` (returns exceed sales). O(n).
 */
export function averageOrderValue(ledger: Ledger, amountsArg = "amounts"): number {
  const orders = countOrders(ledger);
  if (orders === 0) throw notEnoughData("noOrders", { arg: amountsArg });
  const total = totalAmount(ledger);
  if (total < 0) throw badValue("negativeTotal", { arg: amountsArg, value: total });
  return total / orders;
}
