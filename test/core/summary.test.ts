/**
 * Customer summary: a hand-checked ledger, order ids, errors, and random ledgers against the reference.
 */
import fc from "fast-check";
import { LtvError } from "../../src/core/errors";
import { readLedger } from "../../src/core/ledger";
import { customerSummary } from "../../src/core/summary";
import { refCustomerSummary } from "../reference/ledger-reference";

describe("customer summary", () => {
  it("gives one line per customer in order of first appearance", () => {
    const L = readLedger({
      customers: ["顧客ID", "A", "B", "A", "Ａ"],
      dates: ["購入日", "2024/1/5", "2024/1/6", "2024/2/1", 45300],
      amounts: ["金額", 340, "¥490", "490", "△100"],
    });
    expect(customerSummary(L)).toEqual([
      {
        customer: "A",
        firstOrder: 45296,
        lastOrder: 45323,
        orders: 3,
        revenue: 730,
        averageOrder: 730 / 3,
      },
      {
        customer: "B",
        firstOrder: 45297,
        lastOrder: 45297,
        orders: 1,
        revenue: 490,
        averageOrder: 490,
      },
    ]);
  });

  it("counts line items sharing an order id as one order", () => {
    const L = readLedger({
      customers: ["A", "A", "A", "B"],
      dates: [45296, 45296, 45300, 45301],
      amounts: [100, 200, 300, 50],
      orders: ["o1", "o1", "o2", "o3"],
    });
    expect(
      customerSummary(L).map((r) => [r.customer, r.orders, r.revenue, r.averageOrder])
    ).toEqual([
      ["A", 2, 600, 300],
      ["B", 1, 50, 50],
    ]);
  });

  it("needs ids, dates and amounts, and at least one order", () => {
    const detail = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as LtvError).detail;
      }
      return undefined;
    };
    expect(
      detail(() => customerSummary(readLedger({ customers: ["A"], dates: [45296] })))
    ).toMatchObject({ code: "requiredFor", arg: "amounts" });
    expect(
      detail(() => customerSummary(readLedger({ customers: ["A"], amounts: [1] })))
    ).toMatchObject({ code: "requiredFor", arg: "order_dates" });
    expect(
      detail(() => customerSummary(readLedger({ dates: [45296], amounts: [1] })))
    ).toMatchObject({ code: "requiredFor", arg: "customer_ids" });
    expect(
      detail(() => customerSummary(readLedger({ customers: [""], dates: [""], amounts: [""] })))
    ).toMatchObject({ code: "noOrders" });
  });

  it("matches the reference on random ledgers", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            customer: fc.constantFrom("A", "B", "C", "1001", "z"),
            date: fc.integer({ min: 40000, max: 46000 }),
            amount: fc.integer({ min: -100, max: 1000 }),
            order: fc.constantFrom("o1", "o2", "o3", "o4", "o5", "o6", "o7", "o8"),
          }),
          { minLength: 1, maxLength: 50 }
        ),
        fc.boolean(),
        (rows, withOrders) => {
          // an order belongs to one customer: qualify the id by customer
          const orders = rows.map((r) => `${r.customer}-${r.order}`);
          const L = readLedger({
            customers: rows.map((r) => r.customer),
            dates: rows.map((r) => r.date),
            amounts: rows.map((r) => r.amount),
            orders: withOrders ? orders : undefined,
          });
          const expected = refCustomerSummary(
            rows.map((r, i) => ({ ...r, order: withOrders ? orders[i] : undefined }))
          );
          expect(customerSummary(L)).toEqual(expected);
        }
      ),
      { numRuns: 300 }
    );
  });
});
