/**
 * Pareto/NBD on the CDNOW sample (published estimates: Fader, Hardie & Lee 2005; data as shipped with BTYD).
 */
import gammaln from "@stdlib/math-base-special-gammaln";
import { LtvError } from "../../../src/core/errors";
import {
  fitParetoNbd,
  paretoNbdExpected,
  paretoNbdLogLik,
  paretoNbdPAlive,
  type ParetoNbdParams,
} from "../../../src/core/models/pareto-nbd";
import { groupRfm } from "../../../src/core/models/rfm";
import { simulateParetoNbd } from "../../support/simulate";
import { readLedger } from "../../../src/core/ledger";
import { clvSummary } from "../../../src/core/models/clv-summary";
import { parsePeriodUnit } from "../../../src/core/periods";
import { serialFromDate } from "../../../src/core/input/date";
import { cdnowSummary, readCdnowElog } from "./cdnow";

const cdnow = cdnowSummary();
const PUBLISHED: ParetoNbdParams = { r: 0.553, alpha: 10.58, s: 0.606, beta: 11.67 };

/**
 * A slow reference with no hypergeometric function at all: the likelihood as the integral it comes from,
 * L = Γ(r+x)αʳβˢ/Γ(r) · [(α+T)^−(r+x)(β+T)^−s + s∫ₜₓᵀ (α+τ)^−(r+x)(β+τ)^−(s+1) dτ], by Simpson's rule.
 */
function slowParts(
  p: ParetoNbdParams,
  x: number,
  tx: number,
  T: number
): { first: number; second: number; log: number } {
  const f = (tau: number) =>
    Math.pow(p.alpha + tau, -(p.r + x)) * Math.pow(p.beta + tau, -(p.s + 1));
  const m = 2000;
  const h = (T - tx) / m;
  let integral = 0;
  if (h > 0) {
    integral = f(tx) + f(T);
    for (let k = 1; k < m; k++) integral += (k % 2 ? 4 : 2) * f(tx + k * h);
    integral *= h / 3;
  }
  const first = Math.pow(p.alpha + T, -(p.r + x)) * Math.pow(p.beta + T, -p.s);
  const second = p.s * integral;
  const log =
    gammaln(p.r + x) -
    gammaln(p.r) +
    p.r * Math.log(p.alpha) +
    p.s * Math.log(p.beta) +
    Math.log(first + second);
  return { first, second, log };
}

describe("Pareto/NBD likelihood", () => {
  it("equals the integral form computed by quadrature, with α < β (CDNOW) and α > β", () => {
    const g = groupRfm(cdnow);
    for (const p of [PUBLISHED, { r: 0.5, alpha: 20, s: 0.7, beta: 3 }]) {
      let ref = 0;
      for (let i = 0; i < cdnow.customers.length; i++)
        ref += slowParts(p, cdnow.frequency[i], cdnow.recency[i], cdnow.T[i]).log;
      expect(paretoNbdLogLik(p, g)).toBeCloseTo(ref, 6);
    }
  });
  it("has a gradient equal to central differences on both sides of α = β", () => {
    const g = groupRfm(cdnow);
    const grad = new Float64Array(4);
    for (const p of [
      { r: 0.5, alpha: 10, s: 0.7, beta: 13 },
      { r: 0.5, alpha: 20, s: 0.7, beta: 8 },
    ]) {
      paretoNbdLogLik(p, g, grad);
      (["r", "alpha", "s", "beta"] as const).forEach((k, i) => {
        const e = 1e-6 * p[k];
        const f = (v: number) => paretoNbdLogLik({ ...p, [k]: v }, g);
        expect(grad[i] / ((f(p[k] + e) - f(p[k] - e)) / (2 * e))).toBeCloseTo(1, 5);
      });
    }
  });
  it("is continuous across α = β, where the formula switches branch", () => {
    const g = groupRfm(cdnow);
    const at = paretoNbdLogLik({ r: 0.5, alpha: 11, s: 0.6, beta: 11 }, g);
    expect(paretoNbdLogLik({ r: 0.5, alpha: 11 + 1e-9, s: 0.6, beta: 11 }, g)).toBeCloseTo(at, 5);
    expect(paretoNbdLogLik({ r: 0.5, alpha: 11 - 1e-9, s: 0.6, beta: 11 }, g)).toBeCloseTo(at, 5);
  });
});

describe("fitParetoNbd", () => {
  it("reproduces the published CDNOW estimates to their printed precision", () => {
    const fit = fitParetoNbd(cdnow);
    expect(fit.r.toFixed(3)).toBe("0.553");
    expect(fit.alpha.toFixed(2)).toBe("10.58");
    expect(fit.s.toFixed(3)).toBe("0.606");
    expect(fit.beta.toFixed(2)).toBe("11.67");
    expect(fit.logLik.toFixed(1)).toBe("-9595.0");
  });
  it("recovers the parameters of data simulated from the model (seeded)", () => {
    const truth = PUBLISHED;
    const data = simulateParetoNbd(truth, {
      n: 20000,
      seed: 99,
      cohortSpan: 12,
      calibrationEnd: 104,
    });
    const fit = fitParetoNbd(data);
    expect(Math.abs(fit.r / truth.r - 1)).toBeLessThan(0.1);
    expect(Math.abs(fit.alpha / truth.alpha - 1)).toBeLessThan(0.1);
    // s and β are identified mostly through their ratio, the mean dropout rate; each alone is looser
    expect(Math.abs(fit.s / fit.beta / (truth.s / truth.beta) - 1)).toBeLessThan(0.15);
    expect(Math.abs(fit.s / truth.s - 1)).toBeLessThan(0.2);
    expect(Math.abs(fit.beta / truth.beta - 1)).toBeLessThan(0.3);
    expect(fit.logLik).toBeGreaterThanOrEqual(paretoNbdLogLik(truth, groupRfm(data)));
  });
  it("does not depend on the time unit: in days α and β are 7× the weekly ones and ln L shifts by Σx·ln 7", () => {
    const e = readCdnowElog();
    const days = clvSummary(
      readLedger({ customers: e.ids, dates: e.dates }),
      parsePeriodUnit("day", "day"),
      serialFromDate(1997, 9, 30)
    );
    const w = fitParetoNbd(cdnow);
    const d = fitParetoNbd(days);
    expect(d.r).toBeCloseTo(w.r, 4);
    expect(d.s).toBeCloseTo(w.s, 4);
    expect(d.alpha / 7).toBeCloseTo(w.alpha, 3);
    expect(d.beta / 7).toBeCloseTo(w.beta, 3);
    expect(d.logLik).toBeCloseTo(w.logLik - 2457 * Math.log(7), 4);
  });
  it("fits heavy buyers (hundreds of purchases each), where the ₂F₁ argument approaches 1", () => {
    const truth = { r: 5, alpha: 1, s: 2, beta: 100 };
    const data = simulateParetoNbd(truth, { n: 3000, seed: 17 });
    expect(Math.max(...data.frequency)).toBeGreaterThan(150);
    const fit = fitParetoNbd(data);
    expect(Math.abs(fit.r / truth.r - 1)).toBeLessThan(0.1);
    expect(Math.abs(fit.alpha / truth.alpha - 1)).toBeLessThan(0.1);
    expect(fit.logLik).toBeGreaterThanOrEqual(paretoNbdLogLik(truth, groupRfm(data)));
  });
  it("says it did not converge when nobody ever comes back", () => {
    const data = { frequency: [0, 0, 0, 0], recency: [0, 0, 0, 0], T: [10, 20, 30, 40] };
    expect(() => fitParetoNbd(data)).toThrow(LtvError);
    try {
      fitParetoNbd(data);
    } catch (e) {
      expect((e as LtvError).detail.kind).toBe("notConverged");
    }
  });
});

describe("Pareto/NBD predictions", () => {
  const fit = fitParetoNbd(cdnow);
  it("P(alive) is the first term's share of the likelihood bracket (checked by quadrature)", () => {
    for (const [x, tx, T] of [
      [2, 30.43, 38.86],
      [0, 0, 38],
      [5, 5, 35],
      [20, 37, 38],
    ]) {
      const ref = slowParts(fit, x, tx, T);
      expect(paretoNbdPAlive(fit, x, tx, T)).toBeCloseTo(ref.first / (ref.first + ref.second), 8);
    }
    expect(paretoNbdPAlive(fit, 3, 20, 20)).toBe(1);
  });
  it("expected purchases: the closed form, and its s = 1 limit", () => {
    const { r, alpha, s, beta } = fit;
    const [t, x, tx, T] = [39, 2, 30.43, 38.86];
    const closed =
      (((r + x) * (beta + T)) / ((alpha + T) * (s - 1))) *
      (1 - Math.pow((beta + T) / (beta + T + t), s - 1)) *
      paretoNbdPAlive(fit, x, tx, T);
    expect(paretoNbdExpected(fit, t, x, tx, T)).toBeCloseTo(closed, 10);
    const one = { ...fit, s: 1 };
    const near = { ...fit, s: 1 + 1e-7 };
    expect(paretoNbdExpected(one, t, x, tx, T)).toBeCloseTo(
      paretoNbdExpected(near, t, x, tx, T),
      6
    );
    expect(paretoNbdExpected(fit, 0, x, tx, T)).toBe(0);
  });
});

describe("fits are deterministic: the work limit is counted, not timed (quality fuzzer, issue 7)", () => {
  const errorOf = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(LtvError);
      return (e as LtvError).detail;
    }
    throw new Error("expected an error");
  };
  it("the same CDNOW fit twice gives bit-identical parameters, log-likelihood and step count", () => {
    const a = fitParetoNbd(cdnow);
    const b = fitParetoNbd(cdnow);
    expect(Object.is(a.r, b.r) && Object.is(a.alpha, b.alpha)).toBe(true);
    expect(Object.is(a.s, b.s) && Object.is(a.beta, b.beta)).toBe(true);
    expect(Object.is(a.logLik, b.logLik)).toBe(true);
    expect(a.iterations).toBe(b.iterations);
  });
  it("the fuzzer's 2-customer case (once 22, 28 or 25 steps by the clock) stops at the same step every time", () => {
    const data = { frequency: [1, 139], recency: [7, 26], T: [37.61279296875, 49.52217649010432] };
    const first = errorOf(() => fitParetoNbd(data));
    expect(first).toMatchObject({ kind: "notConverged", code: "fitTimeLimit", arg: "frequency" });
    for (let i = 0; i < 4; i++) expect(errorOf(() => fitParetoNbd(data))).toEqual(first);
  });
});

describe("Pareto/NBD P(alive) when its ₂F₁ cannot be summed", () => {
  it("is NaN, not a made-up certainty of 1, when α ≪ β puts z at 1 − 1e-12 with r + x ≤ 1 (plain series)", () => {
    const p = { r: 0.5, alpha: 1e-12, s: 0.5, beta: 1 };
    expect(paretoNbdPAlive(p, 0, 0, 1)).toBeNaN();
    // the same customer with an ordinary α is a probability
    const ordinary = paretoNbdPAlive({ ...p, alpha: 0.5 }, 0, 0, 1);
    expect(ordinary).toBeGreaterThan(0);
    expect(ordinary).toBeLessThanOrEqual(1);
  });
});
