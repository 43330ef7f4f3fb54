/**
 * The Gamma-Gamma model of spend per transaction (Fader, Hardie & Lee 2005, "RFM and CLV"; Fader & Hardie
 * 2013, "The Gamma-Gamma model of monetary value"): a customer's transaction values are Gamma(p, ν) with
 * ν ~ Gamma(q, γ) across customers. Fitted on the customers with at least one repeat purchase, from x (their
 * number of repeat transactions) and m̄ (the mean value of those transactions).
 */
import digamma from "@stdlib/math-base-special-digamma";
import gammaln from "@stdlib/math-base-special-gammaln";
import { badValue, notEnoughData } from "../errors";
import { fitPositive } from "./optimize";
import { MAX_FREQUENCY } from "./rfm";

export interface GammaGammaParams {
  p: number;
  q: number;
  /** γ, called v in lifetimes */
  v: number;
}

export interface GammaGammaFit extends GammaGammaParams {
  logLik: number;
  /** customers used (frequency > 0) */
  customers: number;
  iterations: number;
}

/**
 * Log-likelihood (Fader & Hardie 2013, eq. 3) of the customers with x > 0:
 *   ln f(m̄ | x) = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m̄ + px ln x − (px+q) ln(γ + m̄x),
 * with its gradient ∂/∂(p, q, γ) in `grad`. O(n).
 */
export function gammaGammaLogLik(
  par: GammaGammaParams,
  x: ArrayLike<number>,
  m: ArrayLike<number>,
  grad?: Float64Array
): number {
  const { p, q, v } = par;
  const lnV = Math.log(v);
  const base = -gammaln(q) + q * lnV;
  const psiQ = digamma(q);
  let ll = 0;
  let gp = 0;
  let gq = 0;
  let gv = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    if (!(xi > 0)) continue;
    const px = p * xi;
    const lm = Math.log(m[i]);
    const lvm = Math.log(v + m[i] * xi);
    ll += base + gammaln(px + q) - gammaln(px) + (px - 1) * lm + px * Math.log(xi) - (px + q) * lvm;
    if (grad) {
      const psiPQ = digamma(px + q);
      gp += xi * (psiPQ - digamma(px) + lm + Math.log(xi) - lvm);
      gq += psiPQ - psiQ + lnV - lvm;
      gv += q / v - (px + q) / (v + m[i] * xi);
    }
  }
  if (grad) {
    grad[0] = gp;
    grad[1] = gq;
    grad[2] = gv;
  }
  return ll;
}

/**
 * Maximum-likelihood Gamma-Gamma fit on the customers with frequency > 0 (others are ignored, as the model
 * says nothing about them). Start: p = q = 2 and γ chosen so the prior mean spend pγ/(q−1) equals the observed
 * mean of m̄ — so the start does not depend on the currency.
 * Example (CDNOW sample, 946 repeat buyers): p = 6.25, q = 3.74, γ = 15.44.
 * @throws LtvError `wholeNumber` / `mustBeAtLeast` / `tooManyPurchases` for a frequency that is not a count in
 *   0 … 1,048,576 (see {@link MAX_FREQUENCY}), `badValue` for a negative or zero mean spend of a repeat buyer (the model needs m̄ > 0),
 *   `tooFewValues` (#N/A) for fewer than 2 repeat buyers, `notConverged` (#N/A). O(iterations × n).
 */
export function fitGammaGamma(
  frequency: ArrayLike<number>,
  monetary: ArrayLike<number>
): GammaGammaFit {
  const xs: number[] = [];
  const ms: number[] = [];
  for (let i = 0; i < frequency.length; i++) {
    const x = frequency[i];
    if (!Number.isFinite(x) || x < 0 || Math.floor(x) !== x) {
      throw badValue(x < 0 ? "mustBeAtLeast" : "wholeNumber", {
        arg: "frequency",
        row: i + 1,
        value: x,
        params: { limit: 0 },
      });
    }
    if (x > MAX_FREQUENCY)
      throw badValue("tooManyPurchases", {
        arg: "frequency",
        row: i + 1,
        value: x,
        params: { limit: MAX_FREQUENCY },
      });
    if (x === 0) continue;
    if (!Number.isFinite(monetary[i]) || monetary[i] <= 0) {
      throw badValue("mustBeAbove", {
        arg: "monetary",
        row: i + 1,
        value: monetary[i],
        params: { limit: 0 },
      });
    }
    xs.push(x);
    ms.push(monetary[i]);
  }
  const n = xs.length;
  if (n < 2)
    throw notEnoughData("tooFewValues", { arg: "frequency", params: { limit: 2, count: n } });
  let mean = 0;
  for (const m of ms) mean += m / n;
  const grad = new Float64Array(3);
  const fit = fitPositive(
    [
      { name: "p", start: 2 },
      { name: "q", start: 2 },
      { name: "v", start: mean / 2 },
    ],
    (par, out) => {
      const ll = gammaGammaLogLik({ p: par[0], q: par[1], v: par[2] }, xs, ms, grad);
      for (let i = 0; i < 3; i++) out[i] = -grad[i] / n;
      return -ll / n;
    },
    n,
    "monetary"
  );
  const [p, q, v] = fit.params;
  return { p, q, v, logLik: fit.logLik, customers: n, iterations: fit.iterations };
}

/**
 * E[spend per transaction | x, m̄] = (γ + m̄x)·p / (px + q − 1): a weighted mean of the population mean
 * pγ/(q−1) and the customer's own m̄. For x = 0 it is the population mean. Needs q > 1.
 * Example (CDNOW fit): x = 2, m̄ = 30 → (15.44 + 60)·6.25 / (12.5 + 2.74) ≈ 30.9. O(1).
 * @throws LtvError `mustBeAbove` when q ≤ 1 (the population mean spend is then infinite).
 */
export function gammaGammaSpend(par: GammaGammaParams, x: number, m: number): number {
  if (par.q <= 1) throw badValue("mustBeAbove", { arg: "q", value: par.q, params: { limit: 1 } });
  return ((par.v + m * x) * par.p) / (par.p * x + par.q - 1);
}
