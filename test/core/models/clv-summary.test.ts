import { readLedger } from "../../../src/core/ledger";
import { clvSummary } from "../../../src/core/models/clv-summary";
import { parsePeriodUnit } from "../../../src/core/periods";
import { serialFromDate } from "../../../src/core/input/date";
import { cdnowSummary } from "./cdnow";

const week = parsePeriodUnit("week", "week");
const day = (m: number, d: number) => serialFromDate(1997, m, d) as number;

describe("clvSummary", () => {
  it("merges same-day purchases, drops orders after the calibration end, and averages repeat spend", () => {
    const ledger = readLedger({
      customers: ["A", "A", "A", "B", "A", "C"],
      dates: [day(1, 1), day(1, 1), day(1, 15), day(1, 8), day(3, 1), day(2, 1)],
      amounts: [10, 5, 20, 7, 99, 1],
    });
    const s = clvSummary(ledger, week, day(1, 29));
    expect(s.customers).toEqual(["A", "B"]); // C's first order is after the calibration end
    expect(Array.from(s.frequency)).toEqual([1, 0]);
    expect(Array.from(s.recency)).toEqual([2, 0]);
    expect(Array.from(s.T)).toEqual([4, 3]);
    expect(Array.from(s.monetary!)).toEqual([20, 0]);
    expect(s.repeatPurchases).toBe(1);
  });
  it("ends calibration at the last date by default and counts in any unit", () => {
    const ledger = readLedger({
      customers: ["A", "A", "B"],
      dates: [day(1, 1), day(1, 11), day(1, 6)],
    });
    const s = clvSummary(ledger, parsePeriodUnit("day", "day"));
    expect(Array.from(s.T)).toEqual([10, 5]);
    expect(Array.from(s.recency)).toEqual([10, 0]);
    expect(s.monetary).toBeNull();
  });
  it("reproduces the literature's CDNOW calibration data (Fader, Hardie & Lee 2005)", () => {
    const s = cdnowSummary();
    expect(s.customers.length).toBe(2357);
    expect(s.repeatPurchases).toBe(2457);
    // customer 1: first purchase 1997-01-01, calibration repeat purchases on 01-18 and 08-02
    expect(s.frequency[0]).toBe(2);
    expect(s.recency[0]).toBeCloseTo(30.43, 2);
    expect(s.T[0]).toBeCloseTo(38.86, 2);
    const repeaters = Array.from(s.frequency).filter((x) => x > 0).length;
    expect(repeaters).toBe(946); // the Gamma-Gamma note's 946 repeat buyers
    let mean = 0;
    s.frequency.forEach((x, i) => (mean += x > 0 ? s.monetary![i] / repeaters : 0));
    expect(mean).toBeCloseTo(35.078, 3); // Fader & Hardie (2013): mean repeat-transaction value $35.078
  });
});

describe("clvSummary refusals", () => {
  it("is noOrders (#N/A, naming order_dates) when every order falls after the calibration end", () => {
    const ledger = readLedger({
      customers: ["A", "B"],
      dates: [day(2, 1), day(3, 1)],
      amounts: [1, 2],
    });
    let detail: unknown;
    try {
      clvSummary(ledger, week, day(1, 15));
    } catch (e) {
      detail = (e as { detail?: unknown }).detail;
    }
    expect(detail).toMatchObject({ kind: "notEnoughData", code: "noOrders", arg: "order_dates" });
  });
  it("refuses, as a programming error, a ledger read without customers or dates", () => {
    const ledger = readLedger({ amounts: [1, 2] });
    expect(() => clvSummary(ledger, week)).toThrow("clvSummary needs customers and dates");
  });
});
