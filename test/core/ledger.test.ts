import { readLedger, unreadableSummary } from "../../src/core/ledger";
import { LtvError } from "../../src/core/errors";

function errorOf(fn: () => unknown): LtvError["detail"] {
  try {
    fn();
  } catch (e) {
    if (e instanceof LtvError) return e.detail;
    throw e;
  }
  throw new Error("expected an LtvError");
}

describe("reading a ledger", () => {
  it("skips a Japanese header row and blank rows, and keeps row numbers", () => {
    const ledger = readLedger({
      customers: ["顧客ID", "A", "", "B", "A"],
      dates: ["購入日", "2024/1/5", "", 45300, "2024年2月1日"],
      amounts: ["金額", "¥1,200", null, 800, "△200"],
    });
    expect(ledger.headerSkipped).toBe(true);
    expect(ledger.blankRows).toBe(1);
    expect(ledger.n).toBe(3);
    expect(ledger.customers).toEqual(["A", "B"]);
    expect(Array.from(ledger.customerOf!)).toEqual([0, 1, 0]);
    expect(Array.from(ledger.dates!)).toEqual([45296, 45300, 45323]);
    expect(Array.from(ledger.amounts!)).toEqual([1200, 800, -200]);
    expect(Array.from(ledger.rows)).toEqual([2, 4, 5]);
  });

  it("does not take a first row of data for a header", () => {
    const ledger = readLedger({ amounts: [340, 490, 340, 490] });
    expect(ledger.headerSkipped).toBe(false);
    expect(ledger.n).toBe(4);
  });

  it("finds the header after leading blank rows but never after data", () => {
    expect(readLedger({ amounts: ["", "", "Amount", 5] }).headerSkipped).toBe(true);
    expect(() => readLedger({ amounts: [5, "Amount"] })).toThrow(LtvError);
  });

  it("names the argument, the row and the value of the first bad cell in strict mode", () => {
    expect(errorOf(() => readLedger({ amounts: [100, "¥1,2x0"] }))).toMatchObject({
      code: "notAnAmount",
      arg: "amounts",
      row: 2,
      value: "¥1,2x0",
    });
    expect(
      errorOf(() => readLedger({ customers: ["A", "B"], dates: ["2024/1/5", "1/5/2024"] }))
    ).toMatchObject({ code: "notADate", arg: "order_dates", row: 2, value: "1/5/2024" });
    expect(errorOf(() => readLedger({ customers: ["A", "B"], dates: [45296, ""] }))).toMatchObject({
      code: "blankCell",
      arg: "order_dates",
      row: 2,
    });
    expect(errorOf(() => readLedger({ amounts: [100, { code: "#N/A" }] }))).toMatchObject({
      code: "errorCell",
      row: 2,
      params: { error: "#N/A" },
    });
    expect(errorOf(() => readLedger({ customers: ["A"], dates: [1, 2] }))).toMatchObject({
      code: "sizeMismatch",
    });
  });

  it("skips and counts bad rows in lenient mode", () => {
    const ledger = readLedger(
      {
        customers: ["A", "B", "C", ""],
        dates: ["2024/1/5", "oops", 45300, 45301],
        amounts: [1, 2, "x", 4],
      },
      { mode: "lenient" }
    );
    expect(ledger.n).toBe(1);
    expect(ledger.skipped.map((s) => [s.row, s.reason])).toEqual([
      [2, "notADate"],
      [3, "notAnAmount"],
      [4, "blankCell"],
    ]);
  });

  it("groups line items into orders and refuses an order shared by two customers", () => {
    const ledger = readLedger({
      customers: ["A", "A", "B"],
      amounts: [1, 2, 3],
      orders: ["o1", "o1", "o2"],
    });
    expect(ledger.orderIds).toEqual(["o1", "o2"]);
    expect(Array.from(ledger.orderOf!)).toEqual([0, 0, 1]);
    expect(
      errorOf(() => readLedger({ customers: ["A", "B"], amounts: [1, 2], orders: ["o1", "o1"] }))
    ).toMatchObject({
      code: "orderSpansCustomers",
      row: 2,
    });
  });
});

describe("unreadableSummary", () => {
  const col = (n: number, bad: number) =>
    Array.from({ length: n }, (_, i) => (i < bad ? "5,400 yen?" : 100 + i));
  it("counts data rows only and calls more than 2 % too many", () => {
    const ok = unreadableSummary(
      readLedger({ amounts: ["金額", ...col(100, 2), null] }, { mode: "lenient" })
    );
    expect(ok).toMatchObject({ rows: 100, unreadable: 2, share: 0.02, tooMany: false });
    const bad = unreadableSummary(
      readLedger({ amounts: ["金額", ...col(100, 3)] }, { mode: "lenient" })
    );
    expect(bad).toMatchObject({ rows: 100, unreadable: 3, tooMany: true });
    expect(bad.reasons).toEqual([
      {
        reason: "notAnAmount",
        arg: "amounts",
        count: 3,
        first: expect.objectContaining({ row: 2 }),
      },
    ]);
    expect(
      unreadableSummary(readLedger({ amounts: col(100, 3) }, { mode: "lenient" }), 0.05).tooMany
    ).toBe(false);
  });
  it("orders reasons by count, then by first row; an empty ledger is 0 %", () => {
    const s = unreadableSummary(
      readLedger(
        { customers: ["A", "B", null, "D", "E"], amounts: [1, "x", 2, "y", null] },
        { mode: "lenient" }
      )
    );
    expect(s.reasons.map((r) => [r.reason, r.arg, r.count])).toEqual([
      ["notAnAmount", "amounts", 2],
      ["blankCell", "customer_ids", 1],
      ["blankCell", "amounts", 1],
    ]);
    expect(unreadableSummary(readLedger({ amounts: [null] }, { mode: "lenient" })).share).toBe(0);
  });
});
