/**
 * Standard errors of the four fits, checked three ways: against published peers on the same data (lifetimes'
 * BG/NBD summary and CLVTools' Pareto/NBD test figures on the CDNOW sample), against a slow reference that uses
 * only log-likelihood values and Gauss–Jordan inversion (./se-reference.ts), and for meaning: on data simulated
 * from a known truth, the standard error must match the spread of the estimates over many simulated data sets.
 */
import { readFileSync } from "fs";
import { join } from "path";
import gammaln from "@stdlib/math-base-special-gammaln";
import { fitBgNbd } from "../../../src/core/models/bgnbd";
import { fitGammaGamma, type GammaGammaParams } from "../../../src/core/models/gamma-gamma";
import { fitNbd, nbdLogLik } from "../../../src/core/models/nbd";
import { fitParetoNbd, paretoNbdLogLik } from "../../../src/core/models/pareto-nbd";
import { readParams } from "../../../src/core/models/inputs";
import { groupRfm } from "../../../src/core/models/rfm";
import { fitSbg, type SbgParams } from "../../../src/core/models/sbg";
import { gammaDraw, seededRandom, simulateParetoNbd } from "../../support/simulate";
import {
  bgNbdCovariance,
  blockDiagonal,
  cholesky,
  covarianceFromInformation,
  covarianceFromLogLikGradient,
  gammaGammaCovariance,
  hessianFromGradient,
  nbdCovariance,
  paretoNbdCovariance,
  sbgCovariance,
  type Covariance,
} from "../../../src/core/models/standard-errors";
import { cdnowSummary, DATA_DIR } from "./cdnow";
import { informationFromValues, median, referenceStandardErrors, sd } from "./se-reference";

const cdnow = cdnowSummary();
const groups = groupRfm(cdnow);

function ok(c: Covariance): { covariance: Float64Array; standardErrors: Float64Array } {
  if (!c.ok) throw new Error(`no covariance: ${c.reason}`);
  return c;
}

function expectRelative(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number) {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    // relative, or absolute where the expected value is 0
    const rel = Math.abs(actual[i] - expected[i]) / (Math.abs(expected[i]) || 1);
    if (!(rel <= tol)) throw new Error(`entry ${i}: ${actual[i]} vs ${expected[i]} (rel ${rel})`);
  }
}

describe("hessianFromGradient", () => {
  it("is exact on a cubic (the documented example) and accurate to ~1e-10 on a transcendental function", () => {
    const H = hessianFromGradient(
      (x, out) => {
        out[0] = 2 * x[0] * x[1];
        out[1] = x[0] * x[0] + 3 * x[1] * x[1];
      },
      [1, 2]
    );
    expectRelative(H, [4, 2, 2, 12], 1e-10);
    // f = exp(x·y) + x³·ln y at (0.7, 1.9)
    const [x, y] = [0.7, 1.9];
    const e = Math.exp(x * y);
    const G = hessianFromGradient(
      (p, out) => {
        const ee = Math.exp(p[0] * p[1]);
        out[0] = p[1] * ee + 3 * p[0] * p[0] * Math.log(p[1]);
        out[1] = p[0] * ee + (p[0] * p[0] * p[0]) / p[1];
      },
      [x, y]
    );
    const exact = [
      y * y * e + 6 * x * Math.log(y),
      e + x * y * e + (3 * x * x) / y,
      e + x * y * e + (3 * x * x) / y,
      x * x * e - (x * x * x) / (y * y),
    ];
    expectRelative(G, exact, 1e-9);
  });
  it("steps by relativeStep itself at a coordinate that is 0, and returns a symmetric matrix", () => {
    const H = hessianFromGradient(
      (p, out) => {
        // f = x²·y + sin(x)·y² (mixed partials 2x + 2y·cos x, equal in exact arithmetic)
        out[0] = 2 * p[0] * p[1] + Math.cos(p[0]) * p[1] * p[1];
        out[1] = p[0] * p[0] + 2 * Math.sin(p[0]) * p[1];
      },
      [0, 1.5]
    );
    expect(H[1]).toBe(H[2]);
    // exact: 2y − sin(x)·y² = 3, 2x + 2y·cos x = 3, 2·sin x = 0
    [3, 3, 3, 0].forEach((v, i) => expect(Math.abs(H[i] - v)).toBeLessThan(1e-9));
  });
});

describe("covarianceFromInformation", () => {
  it("inverts a positive definite matrix (the documented example)", () => {
    const c = ok(covarianceFromInformation([4, 2, 2, 5], 2));
    expectRelative(c.covariance, [0.3125, -0.125, -0.125, 0.25], 1e-14);
    expectRelative(c.standardErrors, [Math.sqrt(0.3125), 0.5], 1e-14);
    expect(Array.from(cholesky([4, 2, 2, 5], 2)!)).toEqual([2, 0, 1, 2]);
  });
  it("does not depend on the parameters' units (the positive-definiteness test works on the correlation form)", () => {
    // the same information with the second parameter in units 10⁶ times smaller
    const k = 1e6;
    const c = ok(covarianceFromInformation([4, 2 / k, 2 / k, 5 / (k * k)], 2));
    expectRelative(c.standardErrors, [Math.sqrt(0.3125), 0.5 * k], 1e-12);
  });
  it("refuses a saddle, a flat direction, a non-positive diagonal and non-finite entries — never NaN", () => {
    expect(covarianceFromInformation([1, 2, 2, 1], 2)).toEqual({
      ok: false,
      reason: "notPositiveDefinite",
    });
    // singular up to rounding: correlation 1 − 1e-12
    expect(covarianceFromInformation([1, 1 - 1e-12, 1 - 1e-12, 1], 2)).toEqual({
      ok: false,
      reason: "notPositiveDefinite",
    });
    expect(covarianceFromInformation([0, 0, 0, 1], 2)).toEqual({
      ok: false,
      reason: "notPositiveDefinite",
    });
    expect(covarianceFromInformation([-1, 0, 0, 1], 2).ok).toBe(false);
    expect(covarianceFromInformation([1, NaN, NaN, 1], 2)).toEqual({
      ok: false,
      reason: "notFinite",
    });
    expect(covarianceFromInformation([Infinity, 0, 0, 1], 2)).toEqual({
      ok: false,
      reason: "notFinite",
    });
    // a curvature so small that its inverse overflows
    expect(covarianceFromInformation([1e-320, 0, 0, 1], 2)).toEqual({
      ok: false,
      reason: "notFinite",
    });
  });
});

describe("BG/NBD standard errors on the CDNOW sample", () => {
  const fit = fitBgNbd(cdnow);
  const c = ok(bgNbdCovariance(fit, groups));
  it("match lifetimes' published summary (se(coef) r 0.012557, α 0.378221, a 0.185719, b 0.705345)", () => {
    // lifetimes' estimates differ from ours in the 5th digit (its optimiser stops elsewhere), so 1e-3
    expectRelative(c.standardErrors, [0.012557, 0.378221, 0.185719, 0.705345], 1e-3);
    expect(c.standardErrors[0].toFixed(4)).toBe("0.0126");
    expect(c.standardErrors[1].toFixed(3)).toBe("0.378");
    expect(c.standardErrors[2].toFixed(3)).toBe("0.186");
    expect(c.standardErrors[3].toFixed(3)).toBe("0.705");
  });
  it("match the values-only reference (FHL eq. 6 per customer, second differences, Gauss–Jordan)", () => {
    const { frequency: x, recency: tx, T } = cdnow;
    const lnB = (a: number, b: number) => gammaln(a) + gammaln(b) - gammaln(a + b);
    const ll = ([r, alpha, a, b]: number[]) => {
      let s = 0;
      for (let i = 0; i < x.length; i++) {
        const A3 = Math.pow(alpha + T[i], -(r + x[i]));
        const A4 = x[i] > 0 ? (a / (b + x[i] - 1)) * Math.pow(alpha + tx[i], -(r + x[i])) : 0;
        s +=
          gammaln(r + x[i]) -
          gammaln(r) +
          r * Math.log(alpha) +
          lnB(a, b + x[i]) -
          lnB(a, b) +
          Math.log(A3 + A4);
      }
      return s;
    };
    const ref = referenceStandardErrors(
      informationFromValues(ll, [fit.r, fit.alpha, fit.a, fit.b])
    );
    expectRelative(c.standardErrors, ref, 1e-5);
  });
  it("describe a covariance that is symmetric with correlations inside (−1, 1)", () => {
    const C = c.covariance;
    for (let i = 0; i < 4; i++)
      for (let j = 0; j < 4; j++) {
        expect(C[i * 4 + j]).toBe(C[j * 4 + i]);
        if (i !== j)
          expect(Math.abs(C[i * 4 + j]) / Math.sqrt(C[i * 5] * C[j * 5])).toBeLessThan(1);
      }
    // a and b move together (the known ridge of the BG/NBD dropout part): correlation 0.94
    expect(C[2 * 4 + 3] / Math.sqrt(C[10] * C[15])).toBeCloseTo(0.94, 2);
  });
});

describe("Pareto/NBD standard errors on the CDNOW sample", () => {
  const fit = fitParetoNbd(cdnow);
  const c = ok(paretoNbdCovariance(fit, groups));
  it("match CLVTools' figures for the same data and split (r 0.0476264, α 0.8427222, s 0.1872594, β 6.2105448)", () => {
    expectRelative(c.standardErrors, [0.0476264, 0.8427222, 0.1872594, 6.2105448], 1e-3);
  });
  it("match the values-only reference on the likelihood's values", () => {
    const ll = ([r, alpha, s, beta]: number[]) => paretoNbdLogLik({ r, alpha, s, beta }, groups);
    const ref = referenceStandardErrors(
      informationFromValues(ll, [fit.r, fit.alpha, fit.s, fit.beta])
    );
    expectRelative(c.standardErrors, ref, 1e-5);
  });
  it("are the same whether α ≥ β or α < β branch of the ₂F₁ is used around the estimate", () => {
    // a fit with α just above β: the difference steps straddle the branch switch
    const near = { r: fit.r, alpha: 11.0, s: fit.s, beta: 10.995 };
    const c1 = ok(paretoNbdCovariance(near, groups));
    const ll = ([r, alpha, s, beta]: number[]) => paretoNbdLogLik({ r, alpha, s, beta }, groups);
    // away from the optimum the information is still a Hessian: compare against the reference there
    const ref = informationFromValues(ll, [near.r, near.alpha, near.s, near.beta]);
    const inv = referenceStandardErrors(ref);
    expectRelative(c1.standardErrors, inv, 1e-4);
  });
});

describe("Gamma-Gamma standard errors on the CDNOW sample's 946 repeat buyers", () => {
  const m = cdnow.monetary!;
  const fit = fitGammaGamma(cdnow.frequency, m);
  const c = ok(gammaGammaCovariance(fit, cdnow.frequency, m));
  it("match the values-only reference (the note's density written out)", () => {
    const ll = ([p, q, v]: number[]) => {
      let s = 0;
      for (let i = 0; i < m.length; i++) {
        const x = cdnow.frequency[i];
        if (x === 0) continue;
        s +=
          gammaln(p * x + q) -
          gammaln(p * x) -
          gammaln(q) +
          q * Math.log(v) +
          (p * x - 1) * Math.log(m[i]) +
          p * x * Math.log(x) -
          (p * x + q) * Math.log(v + m[i] * x);
      }
      return s;
    };
    const ref = referenceStandardErrors(informationFromValues(ll, [fit.p, fit.q, fit.v]));
    expectRelative(c.standardErrors, ref, 1e-5);
    // p 1.19, q 0.290, γ 4.16
    expect(c.standardErrors[0].toFixed(2)).toBe("1.19");
    expect(c.standardErrors[1].toFixed(3)).toBe("0.290");
    expect(c.standardErrors[2].toFixed(2)).toBe("4.16");
  });
  it("match the spread of estimates over 100 data sets simulated from the fit (same frequencies)", () => {
    const truth: GammaGammaParams = { p: fit.p, q: fit.q, v: fit.v };
    const rand = seededRandom(13);
    const est: number[][] = [[], [], []];
    const ses: number[][] = [[], [], []];
    for (let k = 0; k < 100; k++) {
      const mm = new Float64Array(m.length);
      for (let i = 0; i < m.length; i++) {
        const x = cdnow.frequency[i];
        if (x === 0) continue;
        const nu = gammaDraw(rand, truth.q, truth.v);
        mm[i] = gammaDraw(rand, truth.p * x, nu) / x;
      }
      const f = fitGammaGamma(cdnow.frequency, mm);
      const s = ok(gammaGammaCovariance(f, cdnow.frequency, mm)).standardErrors;
      [f.p, f.q, f.v].forEach((v, i) => est[i].push(v));
      s.forEach((v, i) => ses[i].push(v));
    }
    for (let i = 0; i < 3; i++) {
      const ratio = sd(est[i]) / median(ses[i]);
      if (!(ratio > 0.8 && ratio < 1.25))
        throw new Error(`param ${i}: sd ${sd(est[i])} vs se ${median(ses[i])}`);
    }
  });
});

describe("sBG standard errors on Fader & Hardie (2007)", () => {
  const rows = readFileSync(join(DATA_DIR, "sbg_survivors_fader_hardie_2007.csv"), "utf8")
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((l) => l.split(",").map(Number))
    .filter((r) => r[0] <= 7);
  // the likelihood by the recursion P(1) = α/(α+β), P(t) = P(t−1)·(β+t−2)/(α+β+t−1): no beta functions
  const recursionLogLik = (survivors: ArrayLike<number>) => (par: number[]) => {
    const [a, b] = par;
    let P = a / (a + b);
    let S = 1 - P;
    let ll = (survivors[0] - survivors[1]) * Math.log(P);
    for (let t = 2; t < survivors.length; t++) {
      P *= (b + t - 2) / (a + b + t - 1);
      S -= P;
      ll += (survivors[t - 1] - survivors[t]) * Math.log(P);
    }
    return ll + survivors[survivors.length - 1] * Math.log(S);
  };
  for (const [name, col] of [
    ["regular", 1],
    ["high-end", 2],
  ] as const) {
    it(`match the values-only reference on the ${name} cohort`, () => {
      const survivors = rows.map((r) => r[col]);
      const fit = fitSbg(survivors);
      const c = ok(sbgCovariance(fit, survivors));
      const ref = referenceStandardErrors(
        informationFromValues(recursionLogLik(survivors), [fit.alpha, fit.beta])
      );
      expectRelative(c.standardErrors, ref, 1e-5);
    });
  }
  it("are α 0.066, β 0.152 on the regular cohort and match the spread over 300 simulated cohorts of 1,000", () => {
    const survivors = rows.map((r) => r[1]);
    const fit = fitSbg(survivors);
    const c = ok(sbgCovariance(fit, survivors));
    expect(c.standardErrors[0].toFixed(3)).toBe("0.066");
    expect(c.standardErrors[1].toFixed(3)).toBe("0.152");
    const truth: SbgParams = { alpha: fit.alpha, beta: fit.beta };
    const rand = seededRandom(5);
    const est: number[][] = [[], []];
    for (let k = 0; k < 300; k++) {
      const counts = new Array<number>(8).fill(0);
      for (let i = 0; i < 1000; i++) {
        const ga = gammaDraw(rand, truth.alpha, 1);
        const theta = ga / (ga + gammaDraw(rand, truth.beta, 1));
        // renewals survived: geometric; the customer is active at the start of periods 0 … T−1
        let t = 1;
        while (t < 8 && rand() >= theta) t++;
        for (let j = 0; j < t; j++) counts[j]++;
      }
      const f = fitSbg(counts);
      est[0].push(f.alpha);
      est[1].push(f.beta);
    }
    expect(sd(est[0]) / c.standardErrors[0]).toBeGreaterThan(0.85);
    expect(sd(est[0]) / c.standardErrors[0]).toBeLessThan(1.18);
    expect(sd(est[1]) / c.standardErrors[1]).toBeGreaterThan(0.85);
    expect(sd(est[1]) / c.standardErrors[1]).toBeLessThan(1.18);
  });
});

describe("an information that is not positive definite", () => {
  it("gets a reason, not NaN standard errors (BG/NBD on CDNOW away from its maximum, where ln L is not concave)", () => {
    for (const p of [
      { r: 0.24, alpha: 4.4, a: 5, b: 0.5 },
      { r: 5, alpha: 0.5, a: 0.8, b: 2.4 },
      { r: 0.24, alpha: 4.4, a: 1e-6, b: 1e6 },
    ])
      expect(bgNbdCovariance(p, groups)).toEqual({ ok: false, reason: "notPositiveDefinite" });
  });
});

describe("readParams and a fit with errors", () => {
  it("reads the first row of a two-row spill (estimates over standard errors), as before for one row", () => {
    const spill = [
      [0.243, 4.414, 0.793, 2.426, -9582.4],
      [0.0126, 0.378, 0.186, 0.705, ""],
    ];
    expect(readParams(spill, "params", 4, "BGNBD_FIT")).toEqual([0.243, 4.414, 0.793, 2.426]);
    expect(readParams([spill[0]], "params", 4, "BGNBD_FIT")).toEqual([0.243, 4.414, 0.793, 2.426]);
    // a column of parameters is still read as a column
    expect(readParams([[0.7], [1.2]], "params", 2, "SBG_FIT")).toEqual([0.7, 1.2]);
  });
});

describe("parameters a fit held at its shape cap", () => {
  it("are left out of the information and get variance 0 (the documented example)", () => {
    const grad = (x: Float64Array, out: Float64Array) => {
      out[0] = -2 * (x[0] - 1);
      out[1] = -4 * (x[1] - 3);
    };
    expectRelative(
      ok(covarianceFromLogLikGradient(grad, [1, 3])).covariance,
      [0.5, 0, 0, 0.25],
      1e-9
    );
    const held = ok(covarianceFromLogLikGradient(grad, [1, 3], [false, true]));
    expect(Array.from(held.covariance)).toEqual([held.covariance[0], 0, 0, 0]);
    expect(held.covariance[0]).toBeCloseTo(0.5, 9);
    expect(Array.from(held.standardErrors)).toEqual([Math.sqrt(held.covariance[0]), 0]);
    // everything held: nothing to estimate
    expect(
      Array.from(ok(covarianceFromLogLikGradient(grad, [1, 3], [true, true])).covariance)
    ).toEqual([0, 0, 0, 0]);
  });
  it("Pareto/NBD on regular buyers (r at the cap of 100): SEs of α, s, β match the reference with r fixed", () => {
    // everyone buys at 0.5 a week: the fit holds r at its cap
    const data = simulateParetoNbd(
      { r: 1e5, alpha: 2e5, s: 0.6, beta: 11.67 },
      { n: 2000, seed: 3, stepsPerPeriod: 7, calibrationEnd: 78, cohortSpan: 26 }
    );
    const g = groupRfm(data);
    const fit = fitParetoNbd(data, g, { shapeCap: 100 });
    expect(fit.capped).toEqual(["r"]);
    const c = ok(paretoNbdCovariance(fit, g));
    expect(c.standardErrors[0]).toBe(0);
    for (let i = 0; i < 4; i++) expect(c.covariance[i]).toBe(0);
    const ll = ([alpha, s, beta]: number[]) => paretoNbdLogLik({ r: fit.r, alpha, s, beta }, g);
    const ref = referenceStandardErrors(informationFromValues(ll, [fit.alpha, fit.s, fit.beta]));
    expectRelative(c.standardErrors.subarray(1), ref, 1e-5);
  });
  it("the NBD (no dropout) has its own: CDNOW r and α match the values-only reference", () => {
    const fit = fitNbd(cdnow, groups);
    const c = ok(nbdCovariance(fit, groups));
    const ref = referenceStandardErrors(
      informationFromValues(([r, alpha]) => nbdLogLik({ r, alpha }, groups), [fit.r, fit.alpha])
    );
    expectRelative(c.standardErrors, ref, 1e-5);
  });
});

describe("blockDiagonal", () => {
  it("puts independent fits' covariances side by side (the documented example)", () => {
    expect(Array.from(blockDiagonal([0.5], [1, 0.2, 0.2, 2]))).toEqual([
      0.5, 0, 0, 0, 1, 0.2, 0, 0.2, 2,
    ]);
  });
});
