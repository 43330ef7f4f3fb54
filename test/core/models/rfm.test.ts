/**
 * What counts as a (frequency, recency, T) summary: the checks every fit and per-customer prediction makes
 * before any likelihood is evaluated (regressions from the quality fuzzer, issue 7).
 */
import { LtvError } from "../../../src/core/errors";
import { fitBgNbd } from "../../../src/core/models/bgnbd";
import { fitParetoNbd } from "../../../src/core/models/pareto-nbd";
import {
  CALENDAR_DAYS,
  MAX_FREQUENCY,
  MIN_TIME_FRACTION,
  validateRfm,
} from "../../../src/core/models/rfm";

function refusal(f: () => unknown): LtvError["detail"] {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(LtvError);
    return (e as LtvError).detail;
  }
  throw new Error("expected a refusal");
}

describe("validateRfm", () => {
  it("accepts what a ledger gives: a repeat buyer one day in, over Excel's whole calendar", () => {
    expect(() =>
      validateRfm({ frequency: [1, 0], recency: [1, 0], T: [CALENDAR_DAYS, 5] })
    ).not.toThrow();
    expect(() =>
      validateRfm({ frequency: [1, 0], recency: [1 / 7, 0], T: [CALENDAR_DAYS / 7, 1] })
    ).not.toThrow();
    expect(() => validateRfm({ frequency: [MAX_FREQUENCY], recency: [30], T: [39] })).not.toThrow();
  });
  it("refuses absurd purchase counts (1e16, 1.8e308) before any fit, naming the row", () => {
    for (const x of [MAX_FREQUENCY + 1, 15833593049992050, 1.7976931348623157e308]) {
      const d = refusal(() => validateRfm({ frequency: [2, x], recency: [1, 1], T: [5, 5] }));
      expect(d).toMatchObject({
        kind: "badValue",
        code: "tooManyPurchases",
        arg: "frequency",
        row: 2,
        value: x,
      });
    }
  });
  it("accepts repeat purchases rounded into the first day (x > 0, recency 0) and a first purchase on the calibration end (T = 0)", () => {
    expect(() =>
      validateRfm({ frequency: [1, 5, 0, 2], recency: [1, 0, 0, 0], T: [5, 5, 0, 0] })
    ).not.toThrow();
  });
  it("refuses a ledger where no customer has any time after the first purchase (every T = 0)", () => {
    expect(
      refusal(() => validateRfm({ frequency: [0, 0], recency: [0, 0], T: [0, 0] }))
    ).toMatchObject({ kind: "notEnoughData", code: "tooFewValues", arg: "T" });
  });
  it("refuses times far below a day next to the longest T (1e-175, denormals), for recency and for T", () => {
    for (const tiny of [3.6e-175, 6.9e-322, 2.4e-28, 1e-7]) {
      const d = refusal(() =>
        validateRfm({ frequency: [1, 3], recency: [2, tiny], T: [513, 513] })
      );
      expect(d).toMatchObject({
        code: "timeTooShort",
        arg: "recency",
        row: 2,
        params: { longest: 513, limit: 513 * MIN_TIME_FRACTION },
      });
    }
    const d = refusal(() => validateRfm({ frequency: [0, 0], recency: [0, 0], T: [409, 1e-23] }));
    expect(d).toMatchObject({ code: "timeTooShort", arg: "T", row: 2 });
    // continuous times (timestamps, simulations) above the bound still count
    expect(() => validateRfm({ frequency: [1], recency: [1e-6], T: [39] })).not.toThrow();
  });
  it("keeps the checks it had: whole counts, recency within [0, T], T not negative", () => {
    expect(refusal(() => validateRfm({ frequency: [1.5], recency: [1], T: [2] })).code).toBe(
      "wholeNumber"
    );
    expect(refusal(() => validateRfm({ frequency: [1], recency: [3], T: [2] })).code).toBe(
      "mustBeAtMost"
    );
    expect(refusal(() => validateRfm({ frequency: [0], recency: [1], T: [2] })).code).toBe(
      "mustBeAtMost"
    );
    expect(refusal(() => validateRfm({ frequency: [1], recency: [1], T: [0] })).code).toBe(
      "mustBeAtMost"
    );
    expect(refusal(() => validateRfm({ frequency: [0], recency: [0], T: [-1] })).code).toBe(
      "mustBeAtLeast"
    );
  });
});

describe("the fits refuse the fuzzer's inputs up front instead of attempting them", () => {
  it("PNBD_FIT({15833593049992050}, {0}, {60}): a frequency no ledger holds", () => {
    expect(
      refusal(() => fitParetoNbd({ frequency: [15833593049992050], recency: [0], T: [60] })).code
    ).toBe("tooManyPurchases");
  });
  it("BGNBD_FIT with recency 0 for 5 repeat purchases (valid) and 1.8e308 purchases further down: the first bad row", () => {
    const data = {
      frequency: [2, 7, 5, 5, 1.7976931348623157e308, 7, 2],
      recency: [1.0000000000000024, 6.9e-322, 0, 3.4e-263, 1.5e-320, 24, 3.8e-222],
      T: [1, 70.03, 4.92, 70.22, 519, 24, 80],
    };
    expect(refusal(() => fitBgNbd(data))).toMatchObject({ code: "tooManyPurchases", row: 5 });
  });
  it("PNBD_FIT on five customers with recencies of 1e-175: refused at once (it took 2.8 s to fail)", () => {
    const data = {
      frequency: [1, 3, 24, 3, 195],
      recency: [3.6e-175, 2.4e-28, 5.3e-167, 1.2e-23, 5.3e-234],
      T: [409, 1.0000000000000004, 1.0000000000000004, 513, 18.6],
    };
    const t0 = performance.now();
    expect(refusal(() => fitParetoNbd(data))).toMatchObject({
      code: "timeTooShort",
      arg: "recency",
      row: 1,
    });
    expect(performance.now() - t0).toBeLessThan(50);
  });
});

describe("validateRfm refusals of negative values", () => {
  it("a negative frequency is mustBeAtLeast 0, naming the row and the value", () => {
    expect(
      refusal(() => validateRfm({ frequency: [1, -1], recency: [1, 1], T: [5, 5] }))
    ).toMatchObject({
      code: "mustBeAtLeast",
      arg: "frequency",
      row: 2,
      value: -1,
      params: { limit: 0 },
    });
  });
  it("a negative recency is mustBeAtLeast 0, naming the row and the value", () => {
    expect(
      refusal(() => validateRfm({ frequency: [1, 2], recency: [1, -0.5], T: [5, 5] }))
    ).toMatchObject({
      code: "mustBeAtLeast",
      arg: "recency",
      row: 2,
      value: -0.5,
      params: { limit: 0 },
    });
  });
});
