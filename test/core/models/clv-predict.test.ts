import { bgnbdExpected } from "../../../src/core/models/bgnbd";
import {
  clvPredict,
  discountedIncrements,
  HORIZON_MAX,
} from "../../../src/core/models/clv-predict";
import { seriesWork } from "../../../src/core/models/special";
import { discountedPurchasesStepByStep } from "../../reference/clv-step-by-step";
import { gammaGammaSpend } from "../../../src/core/models/gamma-gamma";
import { LtvError } from "../../../src/core/errors";

const bg = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const gg = { p: 6.25, q: 3.74, v: 15.44 };

describe("clvPredict", () => {
  it("without discounting is margin × expected spend × expected purchases over the horizon", () => {
    const v = clvPredict(bg, gg, 2, 30.43, 38.86, 30, { horizon: 52, margin: 0.3 });
    expect(v).toBeCloseTo(
      0.3 * gammaGammaSpend(gg, 2, 30) * bgnbdExpected(bg, 52, 2, 30.43, 38.86),
      10
    );
  });
  it("discounts each period's increment, and a fractional horizon adds a last partial step", () => {
    const d = 0.01;
    let ref = 0;
    for (let k = 1; k <= 10; k++)
      ref +=
        (bgnbdExpected(bg, k, 3, 20, 30) - bgnbdExpected(bg, k - 1, 3, 20, 30)) /
        Math.pow(1 + d, k);
    const spend = gammaGammaSpend(gg, 3, 40);
    expect(clvPredict(bg, gg, 3, 20, 30, 40, { horizon: 10, discountRate: d })).toBeCloseTo(
      spend * ref,
      10
    );
    const frac = clvPredict(bg, gg, 3, 20, 30, 40, { horizon: 10.5, discountRate: d });
    expect(frac - spend * ref).toBeCloseTo(
      (spend * (bgnbdExpected(bg, 10.5, 3, 20, 30) - bgnbdExpected(bg, 10, 3, 20, 30))) /
        Math.pow(1 + d, 10.5),
      10
    );
  });
  it("refuses a non-positive horizon and negative rates", () => {
    expect(() => clvPredict(bg, gg, 1, 1, 2, 10, { horizon: 0 })).toThrow(/horizon/);
    expect(() => clvPredict(bg, gg, 1, 1, 2, 10, { discountRate: -0.1 })).toThrow(/discount_rate/);
    expect(() => clvPredict(bg, gg, 1, 1, 2, 10, { margin: -1 })).toThrow(/margin/);
  });
});

describe("clvPredict with implausible BG/NBD parameters", () => {
  const huge = { r: 51318, alpha: 10, a: 68.18, b: 25.36 };
  const gg = { p: 45.3, q: 50, v: 16.4 };
  it("r = 51318 (a mistyped row) answers quickly with the formula's value: P(alive) underflows to 0", () => {
    const t0 = performance.now();
    const v = clvPredict(huge, gg, 5, 3, 10, 100, { horizon: 59, discountRate: 0.4, margin: 1 });
    expect(performance.now() - t0).toBeLessThan(500);
    // P(alive) = 1/(1 + a/(b+x−1)·(20/13)^51323) = e^−22000; the expected purchases of an alive customer are
    // 1.45192 (mpmath, see bgnbd-expected.test.ts): the product is 0 in double precision
    expect(v).toBe(0);
  });
  it("is refused quickly, naming bgnbd_params, where every series cancels its digits away", () => {
    const t0 = performance.now();
    let caught: unknown;
    try {
      clvPredict(huge, gg, 150, 38, 38.86, 100, { horizon: 0.3, discountRate: 0.4, margin: 1 });
    } catch (e) {
      caught = e;
    }
    expect(performance.now() - t0).toBeLessThan(500);
    expect(caught).toBeInstanceOf(LtvError);
    expect((caught as LtvError).detail).toMatchObject({
      kind: "badValue",
      code: "resultNotFinite",
      arg: "bgnbd_params",
    });
    expect(() => bgnbdExpected(huge, 0.3, 150, 38, 38.86)).toThrow(
      expect.objectContaining({ detail: expect.objectContaining({ arg: "params" }) })
    );
  });
});

describe("clvPredict's cost does not grow with the horizon", () => {
  const customers: [number, number, number, number][] = [
    [0, 0, 38.86, 0],
    [2, 30.43, 38.86, 30],
    [7, 35, 39, 55],
    [40, 38, 39, 20],
  ];
  it("agrees with the step-by-step sum (eq. 10 with stdlib's ₂F₁, one evaluation a period) to 1e-9", () => {
    let worst = 0;
    for (const bgp of [bg, { r: 1.2, alpha: 9, a: 0.5, b: 3 }, { r: 2, alpha: 3, a: 3, b: 8 }])
      for (const [x, tx, T, m] of customers)
        for (const H of bgp === bg ? [52, 104.5, 520, 1000] : [52, 300.5])
          for (const d of H === 1000 ? [1e-6, 0.0019] : [0, 1e-6, 0.0019, 0.01, 0.2, 0.5]) {
            const step = discountedPurchasesStepByStep(bgp, x, tx, T, H, d);
            const v = clvPredict(bgp, gg, x, tx, T, m, { horizon: H, discountRate: d });
            const spend = gammaGammaSpend(gg, x, m);
            worst = Math.max(worst, Math.abs(v / (spend * step) - 1));
          }
    if (process.env.SHOW_ACCURACY) console.log(`worst relative difference ${worst}`);
    expect(worst).toBeLessThan(1e-9);
  });
  it("at d = 0 telescopes to E[Y(horizon)] exactly", () => {
    for (const H of [0.5, 52, 5200, 1e5])
      expect(clvPredict(bg, gg, 2, 30.43, 38.86, 30, { horizon: H })).toBeCloseTo(
        gammaGammaSpend(gg, 2, 30) * bgnbdExpected(bg, H, 2, 30.43, 38.86),
        9
      );
  });
  it("takes about as many evaluations at 100,000 periods as at 1,000, for any rate", () => {
    for (const d of [0, 1e-9, 1e-4, 0.0019, 0.05, 0.3, 1]) {
      const work = (H: number) => {
        const before = seriesWork.terms;
        clvPredict(bg, gg, 2, 30.43, 38.86, 30, { horizon: H, discountRate: d });
        return seriesWork.terms - before;
      };
      expect(work(1e5)).toBeLessThan(60_000);
      expect(work(1e5)).toBeLessThan(3 * work(1000) + 1000);
    }
  });
  it("a horizon beyond 100,000 periods is refused at once, naming horizon", () => {
    for (const H of [100_000.5, 1e6, 1e300]) {
      const t0 = performance.now();
      expect(() => clvPredict(bg, gg, 2, 30.43, 38.86, 30, { horizon: H })).toThrow(
        expect.objectContaining({
          detail: expect.objectContaining({ code: "mustBeAtMost", arg: "horizon" }),
        })
      );
      expect(performance.now() - t0).toBeLessThan(50);
    }
    expect(() => clvPredict(bg, gg, 2, 30.43, 38.86, 30, { horizon: Infinity })).toThrow(
      expect.objectContaining({ detail: expect.objectContaining({ arg: "horizon" }) })
    );
    expect(HORIZON_MAX).toBe(100_000);
  });
});

describe("discountedIncrements (the sum by Gregory's rule) against the sum step by step", () => {
  it("agrees to 1e-11 for smooth concave E, any rate, horizons up to 30,000", () => {
    const E = (t: number) => 40 * (1 - Math.pow(1 + t / 50, -0.6)) + 0.01 * Math.pow(t, 0.7);
    for (const d of [1e-9, 1e-5, 0.0019, 0.05, 0.15, 0.2, 0.5])
      for (const H of [300, 1000.5, 5200, 30000]) {
        let s = 0;
        let previous = 0;
        const n = Math.ceil(H) - (Number.isInteger(H) ? 0 : 1);
        for (let k = 1; k <= n; k++) {
          s += (E(k) - previous) / Math.pow(1 + d, k);
          previous = E(k);
        }
        if (H > n) s += (E(H) - previous) / Math.pow(1 + d, H);
        expect(Math.abs(discountedIncrements(E, H, d) / s - 1)).toBeLessThan(1e-11);
      }
  });
});

describe("clvPredict defaults", () => {
  it("without options is one year of weekly periods (52), undiscounted, at a margin of 1", () => {
    expect(clvPredict(bg, gg, 2, 30.43, 38.86, 30)).toBeCloseTo(
      gammaGammaSpend(gg, 2, 30) * bgnbdExpected(bg, 52, 2, 30.43, 38.86),
      10
    );
  });
});
