/**
 * BG/NBD on the CDNOW sample (Fader, Hardie & Lee 2005; data as shipped with BTYD, see ../shared/data/README.md).
 */
import gammaln from "@stdlib/math-base-special-gammaln";
import hyp2f1Stdlib from "@stdlib/math-base-special-hyp2f1";
import { LtvError } from "../../../src/core/errors";
import {
  bgnbdExpected,
  bgnbdLogLik,
  bgnbdPAlive,
  fitBgNbd,
  type BgNbdParams,
} from "../../../src/core/models/bgnbd";
import { groupRfm } from "../../../src/core/models/rfm";
import { simulateBgNbd } from "../../support/simulate";
import { cdnowSummary } from "./cdnow";

const cdnow = cdnowSummary();
const PUBLISHED: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

/** E[X(t)] of a new customer, FHL (2005) eq. 9, with stdlib's ₂F₁: (a+b−1)/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b; a+b−1; t/(α+t))]. */
function bgnbdExpectedNew(p: BgNbdParams, t: number): number {
  const { r, alpha, a, b } = p;
  const z = t / (alpha + t);
  return (
    ((a + b - 1) / (a - 1)) *
    (1 - Math.pow(alpha / (alpha + t), r) * hyp2f1Stdlib(r, b, a + b - 1, z))
  );
}

/** FHL (2005) eq. 6 term by term, one customer at a time, no logs beyond the final one: a slow reference. */
function slowLogLik(p: BgNbdParams, x: number[], tx: number[], T: number[]): number {
  const lnB = (a: number, b: number) => gammaln(a) + gammaln(b) - gammaln(a + b);
  let ll = 0;
  for (let i = 0; i < x.length; i++) {
    const A1 = gammaln(p.r + x[i]) - gammaln(p.r) + p.r * Math.log(p.alpha);
    const A2 = lnB(p.a, p.b + x[i]) - lnB(p.a, p.b);
    const A3 = Math.pow(p.alpha + T[i], -(p.r + x[i]));
    const A4 = x[i] > 0 ? (p.a / (p.b + x[i] - 1)) * Math.pow(p.alpha + tx[i], -(p.r + x[i])) : 0;
    ll += A1 + A2 + Math.log(A3 + A4);
  }
  return ll;
}

describe("BG/NBD likelihood", () => {
  it("equals the slow per-customer formula (grouping and log-sum-exp change nothing)", () => {
    const g = groupRfm(cdnow);
    expect(g.count).toBeLessThan(cdnow.customers.length);
    const ref = slowLogLik(
      PUBLISHED,
      Array.from(cdnow.frequency),
      Array.from(cdnow.recency),
      Array.from(cdnow.T)
    );
    expect(bgnbdLogLik(PUBLISHED, g)).toBeCloseTo(ref, 8);
  });
  it("has a gradient equal to central differences", () => {
    const g = groupRfm(cdnow);
    const grad = new Float64Array(4);
    const p = { r: 0.3, alpha: 5, a: 0.6, b: 2 };
    bgnbdLogLik(p, g, grad);
    (["r", "alpha", "a", "b"] as const).forEach((k, i) => {
      const e = 1e-6 * p[k];
      const f = (v: number) => bgnbdLogLik({ ...p, [k]: v }, g);
      expect(grad[i] / ((f(p[k] + e) - f(p[k] - e)) / (2 * e))).toBeCloseTo(1, 5);
    });
  });
});

describe("fitBgNbd", () => {
  it("reproduces the published CDNOW estimates to their printed precision", () => {
    const fit = fitBgNbd(cdnow);
    expect(fit.r.toFixed(3)).toBe("0.243");
    expect(fit.alpha.toFixed(3)).toBe("4.414");
    expect(fit.a.toFixed(3)).toBe("0.793");
    expect(fit.b.toFixed(3)).toBe("2.426");
    expect(fit.logLik.toFixed(1)).toBe("-9582.4");
  });
  it("recovers the parameters of data simulated from the model (seeded)", () => {
    const truth = PUBLISHED;
    const data = simulateBgNbd(truth, {
      n: 20000,
      seed: 20240501,
      cohortSpan: 12,
      calibrationEnd: 104,
    });
    const fit = fitBgNbd(data);
    // 20,000 customers over two years: standard errors are a few per cent
    for (const k of ["r", "alpha", "a", "b"] as const)
      expect(Math.abs(fit[k] / truth[k] - 1)).toBeLessThan(0.1);
    // the maximum is a maximum: at least as likely as the truth
    expect(fit.logLik).toBeGreaterThanOrEqual(bgnbdLogLik(truth, groupRfm(data)));
  });
  it("recovers parameters from day-resolution data, measured in days (start values need no tuning)", () => {
    const truth = { r: 0.5, alpha: 70, a: 0.4, b: 3 }; // λ ≈ 1 purchase per 140 days
    const data = simulateBgNbd(truth, {
      n: 15000,
      seed: 7,
      cohortSpan: 90,
      calibrationEnd: 720,
      stepsPerPeriod: 1,
    });
    const fit = fitBgNbd(data);
    for (const k of ["r", "alpha", "a", "b"] as const)
      expect(Math.abs(fit[k] / truth[k] - 1)).toBeLessThan(0.15);
  });
  it("says it did not converge when nobody ever comes back (the dropout is not identified)", () => {
    const n = 50;
    const data = {
      frequency: new Array(n).fill(0),
      recency: new Array(n).fill(0),
      T: Array.from({ length: n }, (_, i) => 10 + i),
    };
    expect(() => fitBgNbd(data)).toThrow(LtvError);
    try {
      fitBgNbd(data);
    } catch (e) {
      expect((e as LtvError).detail.kind).toBe("notConverged");
      expect(String((e as LtvError).detail.params?.reason)).toMatch(/→/);
    }
  });
  it("refuses impossible customer records, naming the row", () => {
    expect(() => fitBgNbd({ frequency: [1, 1.5], recency: [1, 1], T: [2, 2] })).toThrow(
      /wholeNumber \(frequency, row 2\)/
    );
    expect(() => fitBgNbd({ frequency: [1], recency: [3], T: [2] })).toThrow(
      /mustBeAtMost \(recency, row 1\)/
    );
    expect(() => fitBgNbd({ frequency: [0], recency: [1], T: [2] })).toThrow(/recency, row 1/);
    expect(() => fitBgNbd({ frequency: [1], recency: [1], T: [0] })).toThrow(
      /mustBeAtMost \(recency, row 1\)/
    );
    expect(() => fitBgNbd({ frequency: [0], recency: [0], T: [-2] })).toThrow(
      /mustBeAtLeast \(T, row 1\)/
    );
    expect(() => fitBgNbd({ frequency: [], recency: [], T: [] })).toThrow(/tooFewValues/);
  });
});

describe("BG/NBD predictions", () => {
  const fit = fitBgNbd(cdnow);
  it("gives the paper's example: x = 2, tₓ = 30.43, T = 38.86 expects 1.226 purchases in the next 39 weeks", () => {
    expect(bgnbdExpected(fit, 39, 2, 30.43, 38.86)).toBeCloseTo(1.226, 3);
  });
  it("equals FHL eq. 10 evaluated directly with stdlib's ₂F₁ (no Euler transformation)", () => {
    for (const [t, x, tx, T] of [
      [39, 0, 0, 38.86],
      [10, 5, 20, 30],
      [52, 1, 2, 32],
      [1, 14, 37, 38.1],
    ]) {
      const { r, alpha, a, b } = fit;
      const z = t / (alpha + T + t);
      const direct =
        (((a + b + x - 1) / (a - 1)) *
          (1 -
            Math.pow((alpha + T) / (alpha + T + t), r + x) *
              hyp2f1Stdlib(r + x, b + x, a + b + x - 1, z))) /
        (1 + (x > 0 ? (a / (b + x - 1)) * Math.pow((alpha + T) / (alpha + tx), r + x) : 0));
      expect(bgnbdExpected(fit, t, x, tx, T) / direct).toBeCloseTo(1, 10);
    }
  });
  it("for a customer seen just now with no repeats matches the unconditional E[X(t)]", () => {
    expect(bgnbdExpected(fit, 39, 0, 0, 1e-9)).toBeCloseTo(bgnbdExpectedNew(fit, 39), 6);
  });
  it("is 0 for t = 0, grows with t, and stays finite for long horizons", () => {
    expect(bgnbdExpected(fit, 0, 2, 30, 38)).toBe(0);
    const e = [1, 10, 100, 1000].map((t) => bgnbdExpected(fit, t, 2, 30, 38));
    for (let i = 1; i < e.length; i++) expect(e[i]).toBeGreaterThan(e[i - 1]);
    expect(Number.isFinite(e[3])).toBe(true);
  });
  it("P(alive) is 1 without repeat purchases and falls the longer a repeat buyer stays away", () => {
    expect(bgnbdPAlive(fit, 0, 0, 38)).toBe(1);
    expect(bgnbdPAlive(fit, 2, 30.43, 38.86)).toBeCloseTo(0.727, 3);
    expect(bgnbdPAlive(fit, 2, 10, 38.86)).toBeLessThan(bgnbdPAlive(fit, 2, 30, 38.86));
  });
});

describe("BG/NBD expectation at the edges of its formula", () => {
  const { r, alpha, b } = PUBLISHED;
  it("at a = 1 exactly (where (a+b+x−1)/(a−1) divides by zero) lies between its values just either side", () => {
    const below = bgnbdExpected({ r, alpha, a: 1 - 1e-6, b }, 39, 2, 30, 38);
    const above = bgnbdExpected({ r, alpha, a: 1 + 1e-6, b }, 39, 2, 30, 38);
    const at = bgnbdExpected({ r, alpha, a: 1, b }, 39, 2, 30, 38);
    expect(Number.isFinite(at)).toBe(true);
    expect(at / ((below + above) / 2)).toBeCloseTo(1, 5);
  });
  it("when the ₂F₁ of eq. 10 is negative (a + b − 1 − r < 0, c < 0) still equals the formula with stdlib's ₂F₁", () => {
    const p = { r: 1, alpha: 1, a: 0.3, b: 0.2 };
    const [t, T] = [50, 10];
    const z = t / (p.alpha + T + t);
    // the transformed series bgnbdExpected sums is negative here, so the expm1 form cannot take its log
    expect(hyp2f1Stdlib(p.a + p.b - 1 - p.r, p.a - 1, p.a + p.b - 1, z)).toBeLessThan(0);
    const direct =
      ((p.a + p.b - 1) / (p.a - 1)) *
      (1 -
        Math.pow((p.alpha + T) / (p.alpha + T + t), p.r) *
          hyp2f1Stdlib(p.r, p.b, p.a + p.b - 1, z));
    expect(bgnbdExpected(p, t, 0, 0, T) / direct).toBeCloseTo(1, 12);
  });
});
