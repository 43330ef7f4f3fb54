/**
 * The results chain against figures worked by hand (the seed's coffee customer, a discounted annuity summed term
 * by term), the health bands at their edges, and the three ways of giving a lifetime.
 */
import { LtvError } from "../../src/core/errors";
import { namedUnit } from "../../src/core/periods";
import { HEALTHY_RATIO, lifetimePeriods, ltvResults } from "../../src/core/results";

const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof LtvError) return `${e.detail.code} ${e.detail.arg ?? ""}`.trim();
    throw e;
  }
  return "no error";
};

describe("ltvResults", () => {
  it("works the seed's customer: 415 a order, 12 orders a quarter, 12 quarters, CAC 5,000", () => {
    expect(
      ltvResults({ avgOrder: 415, frequency: 12, periods: 12, acquisitionCost: 5000 })
    ).toEqual({
      revenuePerPeriod: 4980,
      grossProfitPerPeriod: 4980,
      periods: 12,
      annuity: 12,
      ltvBeforeCosts: 59760,
      retentionTotal: 0,
      ltvBeforeAcquisition: 59760,
      ltv: 54760,
      ltvCac: 11.952,
      health: "healthy",
      maxCac: 19920,
      payback: 5000 / 4980,
      valueOfOneMorePeriod: 4980,
      breakEvenPerUnit: 1 / 4980,
      breakEvenTotal: null, // no retention cost: nothing to break even
    });
  });

  it("discounts as an annuity due and prices one more period by its derivative", () => {
    const r = ltvResults({ avgOrder: 415, frequency: 12, periods: 3, discountRate: 0.1 });
    const sum = 1 + 1 / 1.1 + 1 / 1.21; // three payments, the first undiscounted
    expect(r.annuity).toBeCloseTo(sum, 12);
    expect(r.ltv).toBeCloseTo(4980 * sum, 8); // 13,622.98
    const A = (n: number) => (1.1 * (1 - Math.pow(1.1, -n))) / 0.1;
    const h = 1e-6;
    expect(r.valueOfOneMorePeriod).toBeCloseTo((4980 * (A(3 + h) - A(3 - h))) / (2 * h), 4);
  });

  it("adds a retention cost per period over the lifetime, or once as a total", () => {
    const base = {
      avgOrder: 415,
      frequency: 12,
      periods: 12,
      grossMargin: 0.4,
      retentionCost: 100,
    };
    const perPeriod = ltvResults({ ...base, retentionBasis: "perPeriod" });
    expect(perPeriod.retentionTotal).toBe(1200);
    expect(perPeriod.ltv).toBeCloseTo(0.4 * 59760 - 1200, 9);
    expect(perPeriod.breakEvenTotal).toBeCloseTo(1200 / (0.4 * 4980), 12);
    expect(ltvResults(base).retentionTotal).toBe(100);
  });

  it("leaves the ratio and the payback blank where they mean nothing", () => {
    const noCac = ltvResults({ avgOrder: 415, frequency: 12, periods: 12 });
    expect(noCac.ltvCac).toBeNull();
    expect(noCac.health).toBe("none");
    // no acquisition cost given: nothing to pay back, so a blank, not "0 periods"
    expect(noCac.payback).toBeNull();
    const noProfit = ltvResults({
      avgOrder: 415,
      frequency: 12,
      periods: 12,
      grossMargin: 0,
      acquisitionCost: 10,
    });
    expect(noProfit.payback).toBeNull();
    expect(noProfit.breakEvenPerUnit).toBeNull();
    expect(noProfit.breakEvenTotal).toBeNull();
    expect(noProfit.health).toBe("loses");
  });

  it("bands the ratio: below 1 loses money, 1 to 3 is thin, 3 or more healthy", () => {
    const band = (cac: number) =>
      ltvResults({ avgOrder: 100, frequency: 1, periods: 6, acquisitionCost: cac }).health;
    expect(band(601)).toBe("loses");
    expect(band(600)).toBe("thin"); // ratio exactly 1
    expect(band(200.01)).toBe("thin");
    expect(band(600 / HEALTHY_RATIO)).toBe("healthy"); // exactly 3
  });

  it("refuses inputs outside their rules, and an overflow", () => {
    const ok = { avgOrder: 415, frequency: 12, periods: 12 };
    expect(code(() => ltvResults({ ...ok, discountRate: 2 }))).toBe("mustBeAtMost discount_rate");
    expect(code(() => ltvResults({ ...ok, retentionCost: -1 }))).toBe(
      "mustBeAtLeast retention_cost"
    );
    expect(code(() => ltvResults({ ...ok, targetRatio: 0 }))).toBe("mustBeAbove target_ratio");
    expect(code(() => ltvResults({ ...ok, targetRatio: 1e-320 }))).toBe("resultNotFinite");
  });
});

describe("lifetimePeriods", () => {
  const quarter = namedUnit("quarter");
  it("takes periods as given, converts a lifespan, and turns churn into 1 ÷ churn", () => {
    expect(lifetimePeriods({ periods: 12 }, quarter)).toBe(12);
    expect(lifetimePeriods({ lifespan: 3, unit: namedUnit("year") }, quarter)).toBe(12);
    expect(lifetimePeriods({ lifespan: 18, unit: namedUnit("month") }, quarter)).toBe(6);
    expect(lifetimePeriods({ churn: 0.25 }, quarter)).toBe(4);
  });
  it("refuses a negative lifetime, a churn outside 0–1 and a churn of 0 (customers never leave)", () => {
    expect(code(() => lifetimePeriods({ periods: -1 }, quarter))).toBe("mustBeAtLeast periods");
    expect(code(() => lifetimePeriods({ lifespan: -1, unit: quarter }, quarter))).toBe(
      "mustBeAtLeast lifespan"
    );
    expect(code(() => lifetimePeriods({ churn: 1.5 }, quarter))).toBe("mustBeAtMost churn_rate");
    expect(code(() => lifetimePeriods({ churn: 0 }, quarter))).toBe("infiniteLifetime churn_rate");
  });
});
