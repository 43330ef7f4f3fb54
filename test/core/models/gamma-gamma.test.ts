/** Gamma-Gamma on the CDNOW sample's 946 repeat buyers (Fader & Hardie 2013, "The Gamma-Gamma model of monetary value"). */
import gammaln from "@stdlib/math-base-special-gammaln";
import { LtvError } from "../../../src/core/errors";
import {
  fitGammaGamma,
  gammaGammaLogLik,
  gammaGammaSpend,
} from "../../../src/core/models/gamma-gamma";
import { gammaDraw, seededRandom } from "../../support/simulate";
import { cdnowSummary } from "./cdnow";

const cdnow = cdnowSummary();

describe("fitGammaGamma", () => {
  it("reproduces the published CDNOW estimates p = 6.25, q = 3.74, γ = 15.44", () => {
    const fit = fitGammaGamma(cdnow.frequency, cdnow.monetary!);
    expect(fit.customers).toBe(946);
    expect(fit.p.toFixed(2)).toBe("6.25");
    expect(fit.q.toFixed(2)).toBe("3.74");
    expect(fit.v.toFixed(2)).toBe("15.44");
  });
  it("has a likelihood equal to the note's density written out, and its gradient", () => {
    const par = { p: 6, q: 4, v: 15 };
    const x = [1, 3, 7];
    const m = [20, 35.5, 12];
    let ref = 0;
    for (let i = 0; i < 3; i++) {
      const px = par.p * x[i];
      ref +=
        gammaln(px + par.q) -
        gammaln(px) -
        gammaln(par.q) +
        par.q * Math.log(par.v) +
        (px - 1) * Math.log(m[i]) +
        px * Math.log(x[i]) -
        (px + par.q) * Math.log(par.v + m[i] * x[i]);
    }
    const grad = new Float64Array(3);
    expect(gammaGammaLogLik(par, x, m, grad)).toBeCloseTo(ref, 10);
    (["p", "q", "v"] as const).forEach((k, i) => {
      const e = 1e-6 * par[k];
      const f = (v: number) => gammaGammaLogLik({ ...par, [k]: v }, x, m);
      expect(grad[i]).toBeCloseTo((f(par[k] + e) - f(par[k] - e)) / (2 * e), 5);
    });
  });
  it("recovers known parameters from simulated spend (seeded)", () => {
    const truth = { p: 6, q: 4, v: 15 };
    const rand = seededRandom(5);
    const x: number[] = [];
    const m: number[] = [];
    for (let i = 0; i < 20000; i++) {
      const n = 1 + Math.floor(rand() * 6);
      const nu = gammaDraw(rand, truth.q, truth.v);
      let sum = 0;
      for (let j = 0; j < n; j++) sum += gammaDraw(rand, truth.p, nu);
      x.push(n);
      m.push(sum / n);
    }
    const fit = fitGammaGamma(x, m);
    for (const k of ["p", "q", "v"] as const)
      expect(Math.abs(fit[k] / truth[k] - 1)).toBeLessThan(0.1);
  });
  it("refuses bad input and says when there are too few repeat buyers", () => {
    expect(() => fitGammaGamma([1, 2], [10, -3])).toThrow(/mustBeAbove \(monetary, row 2\)/);
    expect(() => fitGammaGamma([1, 0.5], [10, 3])).toThrow(/wholeNumber \(frequency, row 2\)/);
    try {
      fitGammaGamma([0, 0, 3], [0, 0, 10]);
    } catch (e) {
      expect((e as LtvError).detail.kind).toBe("notEnoughData");
    }
  });
});

describe("gammaGammaSpend", () => {
  it("shrinks a customer's mean toward the population mean, more so for few purchases", () => {
    const par = { p: 6.25, q: 3.74, v: 15.44 };
    const population = (par.p * par.v) / (par.q - 1);
    expect(gammaGammaSpend(par, 0, 0)).toBeCloseTo(population, 12);
    expect(gammaGammaSpend(par, 2, 30)).toBeCloseTo(((15.44 + 60) * 6.25) / (12.5 + 2.74), 12);
    expect(Math.abs(gammaGammaSpend(par, 50, 100) - 100)).toBeLessThan(
      Math.abs(gammaGammaSpend(par, 1, 100) - 100)
    );
    expect(() => gammaGammaSpend({ p: 1, q: 0.9, v: 1 }, 1, 1)).toThrow(/mustBeAbove/);
  });
});

describe("Gamma-Gamma refusals and zero-frequency customers", () => {
  it("refuses a negative frequency (mustBeAtLeast 0) and one above the count limit, naming the row", () => {
    expect(() => fitGammaGamma([1, -2], [10, 3])).toThrow(/mustBeAtLeast \(frequency, row 2\)/);
    expect(() => fitGammaGamma([1, 2, 2 ** 21], [10, 3, 5])).toThrow(
      /tooManyPurchases \(frequency, row 3\)/
    );
  });
  it("the likelihood ignores customers without repeat purchases (their m̄ says nothing about spend)", () => {
    const par = { p: 6.25, q: 3.74, v: 15.44 };
    const gWith = new Float64Array(3);
    const gWithout = new Float64Array(3);
    const withZeros = gammaGammaLogLik(par, [2, 0, 5, 0], [30, 0, 12, 99], gWith);
    const without = gammaGammaLogLik(par, [2, 5], [30, 12], gWithout);
    expect(withZeros).toBe(without);
    expect(Array.from(gWith)).toEqual(Array.from(gWithout));
  });
});
