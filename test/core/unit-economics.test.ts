/**
 * Unit economics: closed forms checked against the series they sum, the seed's rules of thumb, and errors.
 */
import fc from "fast-check";
import { LtvError } from "../../src/core/errors";
import { cacPayback, ltvFromChurn, ltvToCac, maxCac } from "../../src/core/unit-economics";

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof LtvError) return e.detail.code;
    throw e;
  }
  return undefined;
}

describe("LTV from churn", () => {
  it("equals the discounted sum Σ m(1−c)^t/(1+d)^t − CAC", () => {
    expect(ltvFromChurn(1000, 0.25)).toBe(4000);
    expect(ltvFromChurn(1000, 0.05, 0.01, 5000)).toBeCloseTo((1000 * 1.01) / 0.06 - 5000, 9);
    expect(ltvFromChurn(1000, 1)).toBe(1000); // everyone leaves after the first period
    expect(ltvFromChurn(1000, 0, 0.1)).toBeCloseTo(11000, 9); // nobody leaves, but the future is discounted
    fc.assert(
      fc.property(
        fc.double({ min: -1000, max: 1000, noNaN: true }),
        fc.double({ min: 0.02, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        (m, c, d) => {
          let sum = 0;
          for (let t = 0; t < 5000; t++) sum += (m * (1 - c) ** t) / (1 + d) ** t;
          expect(ltvFromChurn(m, c, d)).toBeCloseTo(sum, 6);
        }
      )
    );
  });

  it("refuses churn 0 without discounting (an infinite lifetime) and out-of-range rates", () => {
    expect(codeOf(() => ltvFromChurn(1000, 0))).toBe("infiniteLifetime");
    expect(codeOf(() => ltvFromChurn(1000, 0, 0))).toBe("infiniteLifetime");
    expect(codeOf(() => ltvFromChurn(1000, -0.1))).toBe("mustBeAtLeast");
    expect(codeOf(() => ltvFromChurn(1000, 1.5))).toBe("mustBeAtMost");
    expect(codeOf(() => ltvFromChurn(1000, 0.1, -0.1))).toBe("mustBeAtLeast");
    expect(codeOf(() => ltvFromChurn(1000, 0.1, 0, -1))).toBe("mustBeAtLeast");
    expect(codeOf(() => ltvFromChurn(NaN, 0.1))).toBe("notANumber");
    expect(codeOf(() => ltvFromChurn(1e300, 1e-300))).toBe("resultNotFinite");
  });
});

describe("LTV:CAC, the most to spend, and payback", () => {
  it("divides as the formulas say", () => {
    expect(ltvToCac(15000, 5000)).toBe(3);
    expect(maxCac(15000)).toBe(5000);
    expect(maxCac(15000, 1)).toBe(15000);
    expect(maxCac(-300, 3)).toBe(-100);
    expect(cacPayback(5000, 1200)).toBeCloseTo(4.1667, 4);
    expect(cacPayback(0, 1200)).toBe(0);
  });

  it("refuses a zero cost to repay, a zero ratio and a margin that never pays back", () => {
    expect(codeOf(() => ltvToCac(15000, 0))).toBe("mustBeAbove");
    expect(codeOf(() => maxCac(15000, 0))).toBe("mustBeAbove");
    expect(codeOf(() => cacPayback(5000, 0))).toBe("mustBeAbove");
    expect(codeOf(() => cacPayback(5000, -10))).toBe("mustBeAbove");
    expect(codeOf(() => cacPayback(-1, 10))).toBe("mustBeAtLeast");
  });
});
