/**
 * The reading pass's per-customer totals (Ledger.totals) against the second pass they replace: every
 * customer-keyed summary computed from a ledger with its totals equals the one computed from the same ledger
 * without them (a ledger object rebuilt, so `customerTotals` refuses them), on ledgers in date order and not,
 * with line items, same-day orders, blank rows, a header and a whole column's trailing zeros.
 */
import { customerSpans } from "../../src/core/activity";
import { observedDays } from "../../src/core/frequency";
import type { Cell } from "../../src/core/input/cells";
import { customerTotals, readLedger, type Ledger } from "../../src/core/ledger";
import { clvSummary } from "../../src/core/models/clv-summary";
import { customerSummary } from "../../src/core/summary";

const weeks = { days: 7, name: "week" } as const;

/** The same ledger as another object: its totals no longer count, so every summary takes its second pass. */
const withoutTotals = (L: Ledger): Ledger => ({ ...L, totals: undefined });

function expectSameSummaries(L: Ledger): void {
  expect(customerTotals(L)).not.toBeNull();
  const bare = withoutTotals(L);
  expect(customerTotals(bare)).toBeNull();
  // amounts are sums of fractions here, so equal means summed in the same order
  expect(customerSummary(L)).toEqual(customerSummary(bare));
  expect(customerSpans(L)).toEqual(customerSpans(bare));
  expect(observedDays(L)).toBe(observedDays(bare));
  expect(clvSummary(L, weeks)).toEqual(clvSummary(bare, weeks));
}

const col = (xs: Cell[]) => xs.map((x) => [x]);

describe("per-customer totals of the reading pass", () => {
  it("equal the second pass on a ledger in date order, with same-day orders, a header, blanks and a zero tail", () => {
    const L = readLedger({
      customers: col(["顧客ID", "A", "B", "", "A", "A", "B", "C", "A", 0, 0]),
      dates: col(["購入日", 45296, 45296, "", 45296, 45300, 45301, 45301, "2024/2/1", 0, 0]),
      amounts: col(["金額", 0.1, 0.7, "", 0.2, 0.3, "¥1,200", -0.05, 0.4, 0, 0]),
    });
    expect(L.headerSkipped).toBe(true);
    expect(customerTotals(L)?.dateOrdered).toBe(true);
    expectSameSummaries(L);
  });

  it("equal the second pass on rows out of date order, where only the order-free totals are used", () => {
    const L = readLedger({
      customers: ["A", "B", "A", "A", "B", "A"],
      dates: [45310, 45296, 45296, 45310, 45290, 45320],
      amounts: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6],
    });
    expect(customerTotals(L)?.dateOrdered).toBe(false);
    expectSameSummaries(L);
  });

  it("count line items sharing an order id as one order, and skip unreadable rows in lenient mode", () => {
    const L = readLedger(
      {
        customers: ["A", "A", "B", "A", "B", "B", "C"],
        dates: [45296, 45296, 45297, 45305, "bad", 45310, 45311],
        amounts: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7],
        orders: ["o1", "o1", "o2", "o3", "o4", "o5", "o6"],
      },
      { mode: "lenient" }
    );
    expect(L.skipped).toHaveLength(1);
    expect(customerSummary(L).map((r) => [r.customer, r.orders])).toEqual([
      ["A", 2],
      ["B", 2],
      ["C", 1],
    ]);
    expectSameSummaries(L);
  });

  it("equal the second pass on a few thousand random rows, in date order and shuffled", () => {
    let x = 99;
    const rand = () => (x = (x * 16807) % 2147483647) / 2147483647;
    const n = 3000;
    const ids = Array.from({ length: n }, () => `C${Math.floor(rand() * 300)}`);
    const dates = Array.from({ length: n }, () => 45000 + Math.floor(rand() * 400)).sort();
    const amounts = Array.from({ length: n }, () => Math.round(rand() * 1e4) / 100);
    expectSameSummaries(readLedger({ customers: ids, dates, amounts }));
    const order = ids.map((_, i) => i).sort(() => rand() - 0.5);
    const shuffled = readLedger({
      customers: order.map((i) => ids[i]),
      dates: order.map((i) => dates[i]),
      amounts: order.map((i) => amounts[i]),
    });
    expectSameSummaries(shuffled);
  });
});
