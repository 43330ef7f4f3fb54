/**
 * One line per customer: the ledger seen customer by customer.
 */
import { badValue, notEnoughData } from "./errors";
import { customerTotals, TOTAL, TOTALS_STRIDE, type Ledger } from "./ledger";

/** A customer's line of {@link customerSummary}. Dates are Excel serials. */
export interface CustomerSummaryRow {
  customer: string;
  /** first order date (serial) */
  firstOrder: number;
  /** last order date (serial) */
  lastOrder: number;
  /** orders: distinct order ids when given, else rows (as AVG_ORDER counts them) */
  orders: number;
  /** total amount, returns and discounts (negative amounts) included */
  revenue: number;
  /** revenue ÷ orders */
  averageOrder: number;
}

/**
 * Customer summary (顧客別サマリー): per customer, first and last order date, number of orders, revenue and
 * average order, in order of first appearance in the ledger.
 *
 * Orders are counted as {@link ../orders#countOrders} does: with order ids, rows sharing an id are one order;
 * without, each row is one order. Example: A 2024-01-05 340, B 2024-01-06 490, A 2024-02-01 490 →
 * A: 45296, 45323, 2 orders, 830, 415; B: 45297, 45297, 1, 490, 490.
 * @throws LtvError `noOrders` for an empty ledger, `requiredFor` when ids, dates or amounts are missing.
 * O(n + C) time and memory.
 */
export function customerSummary(ledger: Ledger): CustomerSummaryRow[] {
  const out: CustomerSummaryRow[] = [];
  eachCustomerSummary(ledger, (customer, firstOrder, lastOrder, orders, revenue, averageOrder) => {
    out.push({ customer, firstOrder, lastOrder, orders, revenue, averageOrder });
  });
  return out;
}

/**
 * {@link customerSummary} line by line, without building its objects: `visit` gets each customer's figures in
 * order of first appearance (a spill of 100,000 customers then allocates its rows only once). Same figures, same
 * errors. Example: the ledger of customerSummary's example → visit("A", 45296, 45323, 2, 830, 415), then
 * visit("B", 45297, 45297, 1, 490, 490). O(n + C) time, O(C) memory beyond the ledger's totals.
 */
export function eachCustomerSummary(
  ledger: Ledger,
  visit: (
    customer: string,
    firstOrder: number,
    lastOrder: number,
    orders: number,
    revenue: number,
    averageOrder: number
  ) => void
): void {
  const cust = ledger.customerOf;
  const dates = ledger.dates;
  const amounts = ledger.amounts;
  if (!cust || !dates || !amounts) {
    const arg = !cust ? "customer_ids" : !dates ? "order_dates" : "amounts";
    throw badValue("requiredFor", { arg, params: { what: "CUSTOMER_SUMMARY" } });
  }
  if (ledger.n === 0) throw notEnoughData("noOrders", { arg: "customer_ids" });
  const n = ledger.n;
  const C = ledger.customers.length;
  const totals = customerTotals(ledger);
  if (totals) {
    // gathered in the reading pass, with the same sums in the same order
    const t = totals.data;
    for (let c = 0; c < C; c++) {
      const b = c * TOTALS_STRIDE;
      const orders = t[b + TOTAL.orders];
      const revenue = t[b + TOTAL.amount];
      visit(
        ledger.customers[c],
        t[b + TOTAL.first],
        t[b + TOTAL.last],
        orders,
        revenue,
        revenue / orders
      );
    }
    return;
  }
  const first = new Float64Array(C).fill(Infinity);
  const last = new Float64Array(C).fill(-Infinity);
  const orders = new Float64Array(C);
  const revenue = new Float64Array(C);
  const orderOf = ledger.orderOf;
  const seenOrder = orderOf && ledger.orderIds ? new Uint8Array(ledger.orderIds.length) : null;
  for (let i = 0; i < n; i++) {
    const c = cust[i];
    const d = dates[i];
    if (d < first[c]) first[c] = d;
    if (d > last[c]) last[c] = d;
    revenue[c] += amounts[i];
    if (orderOf && seenOrder) {
      const o = orderOf[i];
      if (seenOrder[o] === 0) {
        seenOrder[o] = 1;
        orders[c]++;
      }
    } else {
      orders[c]++;
    }
  }
  for (let c = 0; c < C; c++)
    visit(ledger.customers[c], first[c], last[c], orders[c], revenue[c], revenue[c] / orders[c]);
}
