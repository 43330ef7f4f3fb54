/**
 * The shifted-beta-geometric (sBG) model of contract renewals (Fader & Hardie 2007, "How to project customer
 * retention"): each customer churns at the end of a period with probability θ, θ ~ Beta(α, β) across customers.
 *
 *   P(T = t) = B(α+1, β+t−1) / B(α, β),   S(t) = B(α, β+t) / B(α, β),   r(t) = (β+t−1) / (α+β+t−1).
 */
import betaln from "@stdlib/math-base-special-betaln";
import digamma from "@stdlib/math-base-special-digamma";
import { badValue, notEnoughData } from "../errors";
import { fitPositive } from "./optimize";
import { hyp2f1 } from "./special";

export interface SbgParams {
  alpha: number;
  beta: number;
}

export interface SbgFit extends SbgParams {
  logLik: number;
  iterations: number;
}

/**
 * Log-likelihood of survivor counts n₀ ≥ n₁ ≥ … ≥ n_K (customers still active at t = 0 … K):
 *   Σₜ₌₁..K (nₜ₋₁ − nₜ) ln P(T = t) + n_K ln S(K), with its gradient ∂/∂(α, β) in `grad`. O(K).
 */
export function sbgLogLik(
  par: SbgParams,
  survivors: ArrayLike<number>,
  grad?: Float64Array
): number {
  const { alpha: a, beta: b } = par;
  const K = survivors.length - 1;
  const lnB0 = betaln(a, b);
  const psiAB = digamma(a + b);
  const psiA = digamma(a);
  const psiB = digamma(b);
  const psiA1 = digamma(a + 1);
  let ll = 0;
  let ga = 0;
  let gb = 0;
  for (let t = 1; t <= K; t++) {
    const died = survivors[t - 1] - survivors[t];
    if (died === 0) continue;
    ll += died * (betaln(a + 1, b + t - 1) - lnB0);
    if (grad) {
      const psiABt = digamma(a + b + t);
      ga += died * (psiA1 - psiABt - psiA + psiAB);
      gb += died * (digamma(b + t - 1) - psiABt - psiB + psiAB);
    }
  }
  const nK = survivors[K];
  if (nK > 0) {
    ll += nK * (betaln(a, b + K) - lnB0);
    if (grad) {
      const psiABK = digamma(a + b + K);
      ga += nK * (psiAB - psiABK);
      gb += nK * (digamma(b + K) - psiABK - psiB + psiAB);
    }
  }
  if (grad) {
    grad[0] = ga;
    grad[1] = gb;
  }
  return ll;
}

/**
 * Maximum-likelihood sBG fit from survivor counts (customers active at the start of period 0, 1, 2 …).
 * Start α = β = 1 (uniform churn probabilities). Example (Fader & Hardie 2007, years 0–7, "regular"
 * 1000, 631, 468, 382, 326, 289, 262, 241): α = 0.704, β = 1.182.
 * @throws LtvError `tooFewValues` (#N/A) for fewer than 2 counts; `mustBeAbove` for n₀ ≤ 0; `mustBeAtMost` for
 *   a count that rises; `mustBeAtLeast` for a negative count; `notConverged` (#N/A) e.g. when nobody churns.
 * O(iterations × K).
 */
export function fitSbg(survivors: ArrayLike<number>): SbgFit {
  const K = survivors.length - 1;
  if (K < 1)
    throw notEnoughData("tooFewValues", {
      arg: "survivors",
      params: { limit: 2, count: survivors.length },
    });
  if (!(survivors[0] > 0))
    throw badValue("mustBeAbove", {
      arg: "survivors",
      row: 1,
      value: survivors[0],
      params: { limit: 0 },
    });
  for (let t = 1; t <= K; t++) {
    if (!(survivors[t] >= 0))
      throw badValue("mustBeAtLeast", {
        arg: "survivors",
        row: t + 1,
        value: survivors[t],
        params: { limit: 0 },
      });
    if (survivors[t] > survivors[t - 1]) {
      throw badValue("mustBeAtMost", {
        arg: "survivors",
        row: t + 1,
        value: survivors[t],
        params: { limit: survivors[t - 1] },
      });
    }
  }
  const n0 = survivors[0];
  const grad = new Float64Array(2);
  const fit = fitPositive(
    [
      { name: "alpha", start: 1 },
      { name: "beta", start: 1 },
    ],
    (p, out) => {
      const ll = sbgLogLik({ alpha: p[0], beta: p[1] }, survivors, grad);
      out[0] = -grad[0] / n0;
      out[1] = -grad[1] / n0;
      return -ll / n0;
    },
    n0,
    "survivors"
  );
  return {
    alpha: fit.params[0],
    beta: fit.params[1],
    logLik: fit.logLik,
    iterations: fit.iterations,
  };
}

/**
 * Retention rate of period t (the share of those active in t−1 who renew at t): (β+t−1)/(α+β+t−1), t ≥ 1.
 * Example (regular cohort): t = 1 → 1.182/1.886 = 0.627. O(1).
 */
export function sbgRetention(par: SbgParams, t: number): number {
  return (par.beta + t - 1) / (par.alpha + par.beta + t - 1);
}

/** Survival S(t) = B(α, β+t)/B(α, β): the share of a cohort still active at t. Example: regular, t = 7 → ≈ 0.24. O(1). */
export function sbgSurvival(par: SbgParams, t: number): number {
  return Math.exp(betaln(par.alpha, par.beta + t) - betaln(par.alpha, par.beta));
}

/**
 * Discounted expected residual lifetime of a customer who has made `renewals` renewals (Fader & Hardie 2010,
 * "Customer-base valuation in a contractual setting", eq. 6, with n − 1 = renewals):
 *   DERL = (β+n)/(α+β+n) · ₂F₁(1, β+n+1; α+β+n+1; 1/(1+d)),
 * i.e. Σⱼ≥₀ E[(1−θ)ʲ⁺¹ | n renewals]/(1+d)ʲ: expected future payments, the next one undiscounted, each
 * discounted one period more. Multiply by the payment per period for a residual value.
 * Example: α = β = 1 (θ uniform), d = 0.1, no renewals → Σⱼ 1/((j+2)·1.1ʲ) = 1.8015.
 * @throws LtvError `resultNotFinite` when the series cannot be summed (d extremely close to 0).
 * Cost: O(1/d) terms.
 */
export function sbgDerl(par: SbgParams, discountRate: number, renewals = 0): number {
  const { alpha: a, beta: b } = par;
  const n = renewals;
  const v = ((b + n) / (a + b + n)) * hyp2f1(1, b + n + 1, a + b + n + 1, 1 / (1 + discountRate));
  if (!Number.isFinite(v)) throw badValue("resultNotFinite", { arg: "discount_rate" });
  return v;
}
