import { annuityFactor, lifetimeValue, retentionPeriods } from "../../src/core/ltv";
import { parsePeriodUnit, UNIT_DAYS } from "../../src/core/periods";
import { averageOrderValue, countOrders } from "../../src/core/orders";
import { observedDays, purchaseFrequency } from "../../src/core/frequency";
import { readLedger } from "../../src/core/ledger";
import { LtvError } from "../../src/core/errors";

const unit = (u: string) => parsePeriodUnit(u, "year");

describe("the seed's worked example", () => {
  it("AVG_ORDER of 340, 490, 340, 490 is 415", () => {
    expect(averageOrderValue(readLedger({ amounts: [340, 490, 340, 490] }))).toBe(415);
  });
  it("3 years are 12 quarters (the seed's 6 is a slip) and 18 months are 6 quarters", () => {
    expect(retentionPeriods(3, unit("year"), unit("quarter"))).toBe(12);
    expect(retentionPeriods(18, unit("month"), unit("quarter"))).toBe(6);
    expect(retentionPeriods(1, unit("年"), unit("月"))).toBe(12);
  });
  it("LTV(415, 12, 12, 5000) is 54,760", () => {
    expect(
      lifetimeValue({ avgOrder: 415, frequency: 12, periods: 12, acquisitionCost: 5000 })
    ).toBe(54760);
  });
});

describe("LTV", () => {
  it("applies margin and both costs", () => {
    // 0.4 × 415 × 12 × 12 − 5000 − 1200 = 23904 − 6200 = 17704
    expect(
      lifetimeValue({
        avgOrder: 415,
        frequency: 12,
        periods: 12,
        acquisitionCost: 5000,
        retentionCost: 1200,
        grossMargin: 0.4,
      })
    ).toBeCloseTo(17704, 9);
  });

  it("discounts each later period, the first at once (an annuity due)", () => {
    // Σₜ₌₀² 1.1^−t = 1 + 0.9090909… + 0.8264462… = 2.7355371900826446
    expect(annuityFactor(3, 0.1)).toBeCloseTo(1 + 1 / 1.1 + 1 / 1.21, 12);
    expect(annuityFactor(12, 0)).toBe(12);
    let sum = 0;
    for (let t = 0; t < 12; t++) sum += 1 / Math.pow(1.02, t);
    expect(
      lifetimeValue({ avgOrder: 415, frequency: 12, periods: 12, discountRate: 0.02 })
    ).toBeCloseTo(415 * 12 * sum, 8);
  });

  it("uses the closed form for fractional periods and stays accurate for tiny rates", () => {
    expect(annuityFactor(2.5, 0.1)).toBeCloseTo((1.1 * (1 - Math.pow(1.1, -2.5))) / 0.1, 12);
    expect(annuityFactor(12, 1e-12)).toBeCloseTo(12, 9);
  });

  it("refuses negative inputs and a margin above 1, naming the argument", () => {
    const detail = (i: Parameters<typeof lifetimeValue>[0]) => {
      try {
        lifetimeValue(i);
      } catch (e) {
        return (e as LtvError).detail;
      }
      return undefined;
    };
    expect(detail({ avgOrder: -1, frequency: 1, periods: 1 })).toMatchObject({
      code: "mustBeAtLeast",
      arg: "avg_order",
    });
    expect(detail({ avgOrder: 1, frequency: 1, periods: 1, grossMargin: 1.5 })).toMatchObject({
      code: "mustBeAtMost",
      arg: "gross_margin",
    });
    expect(detail({ avgOrder: 1, frequency: 1, periods: 1, discountRate: -0.1 })).toMatchObject({
      code: "mustBeAtLeast",
      arg: "discount_rate",
    });
    expect(detail({ avgOrder: 1e308, frequency: 1e308, periods: 10 })).toMatchObject({
      code: "resultNotFinite",
    });
  });
});

describe("AVG_ORDER and FREQ", () => {
  it("counts line items sharing an order number as one order and nets returns into it", () => {
    const ledger = readLedger({ amounts: [300, 200, -100, 400], orders: ["A1", "A1", "A1", "A2"] });
    expect(countOrders(ledger)).toBe(2);
    expect(averageOrderValue(ledger)).toBe(400);
  });

  it("refuses a negative total and an empty ledger", () => {
    expect(() => averageOrderValue(readLedger({ amounts: [100, -300] }))).toThrow(/negativeTotal/);
    expect(() => averageOrderValue(readLedger({ amounts: ["金額", "", ""] }))).toThrow(/noOrders/);
  });

  it("divides orders by customers by periods in the inclusive window", () => {
    // 2024/1/1 = 45292 … 2024/12/31 = 45657: 366 days, one leap year = 366 / 365.25 years
    const ledger = readLedger({
      customers: ["A", "B", "A", "B"],
      dates: [45292, 45400, 45500, 45657],
    });
    expect(observedDays(ledger)).toBe(366);
    expect(purchaseFrequency(ledger, unit("year"))).toBeCloseTo(4 / 2 / (366 / 365.25), 12);
    expect(purchaseFrequency(ledger, unit("quarter"))).toBeCloseTo(
      4 / 2 / (366 / UNIT_DAYS.quarter),
      12
    );
    expect(purchaseFrequency(ledger, unit("30"))).toBeCloseTo(4 / 2 / (366 / 30), 12);
  });

  it("matches the seed's weekly Starbucks visitor: 12 orders a quarter", () => {
    // one visit a week for exactly 3 years (156 weeks, days 0 … 1092 inclusive → 1093 days)
    const dates = Array.from({ length: 157 }, (_, i) => 45292 + 7 * i);
    const ledger = readLedger({ customers: dates.map(() => "C1"), dates });
    const f = purchaseFrequency(ledger, unit("quarter"));
    expect(f).toBeGreaterThan(13);
    expect(f).toBeLessThan(13.2); // 157 visits / (1093 / 91.3125) ≈ 13.12: 52/4 = 13 a quarter, plus the fencepost
  });
});

describe("period units", () => {
  it("accepts English and Japanese words and numbers of days", () => {
    expect(parsePeriodUnit("四半期", "year")).toEqual({ days: 91.3125, name: "quarter" });
    expect(parsePeriodUnit("ヶ月", "year").name).toBe("month");
    expect(parsePeriodUnit("Weeks", "year").name).toBe("week");
    expect(parsePeriodUnit("", "month").name).toBe("month");
    expect(parsePeriodUnit(14, "year")).toEqual({ days: 14 });
    expect(parsePeriodUnit("１４", "year")).toEqual({ days: 14 });
  });
  it("refuses unknown words and non-positive days", () => {
    expect(() => parsePeriodUnit("fortnight", "year")).toThrow(/unknownPeriod/);
    expect(() => parsePeriodUnit(0, "year")).toThrow(/mustBeAbove/);
    expect(() => parsePeriodUnit(true, "year")).toThrow(/unknownPeriod/);
  });
});
