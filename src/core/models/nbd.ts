/**
 * The NBD purchase model without dropout (Ehrenberg 1959, in continuous time): each customer buys as a Poisson
 * process with rate λ ~ Gamma(r, α) and never stops. It is the limit of the Pareto/NBD and the BG/NBD when a ledger
 * shows no customer stopping (a young business, a short ledger), where their dropout estimates run off to
 * "never": the purchase rate is still well estimated, and the horizon bounds the lifetime.
 */
import digamma from "@stdlib/math-base-special-digamma";
import gammaln from "@stdlib/math-base-special-gammaln";
import type { NbdParams } from "./new-customer";
import { fitPositive } from "./optimize";
import { fitGroups, type RfmData, type RfmGroups, type ShapeCapOptions } from "./rfm";

export interface NbdFit extends NbdParams {
  logLik: number;
  iterations: number;
  capped: string[];
}

/**
 * Log-likelihood of (r, α) with its gradient: per customer ln Γ(r+x) − ln Γ(r) + r ln α − (r+x) ln(α+T), the
 * density of x purchases at their observed times in (0, T] (the Pareto/NBD's "alive at T" term with μ = 0).
 * O(groups).
 */
export function nbdLogLik(p: NbdParams, g: RfmGroups, grad?: Float64Array): number {
  const { r, alpha } = p;
  const lnAlpha = Math.log(alpha);
  const base = -gammaln(r) + r * lnAlpha;
  const psiR = digamma(r);
  let ll = 0;
  let gr = 0;
  let ga = 0;
  for (let i = 0; i < g.count; i++) {
    const w = g.weight[i];
    const x = g.xs[g.xi[i]];
    const lT = Math.log(alpha + g.Ts[g.Ti[i]]);
    ll += w * (base + gammaln(r + x) - (r + x) * lT);
    if (grad) {
      gr += w * (digamma(r + x) - psiR + lnAlpha - lT);
      ga += w * (r / alpha - (r + x) / (alpha + g.Ts[g.Ti[i]]));
    }
  }
  if (grad) {
    grad[0] = gr;
    grad[1] = ga;
  }
  return ll;
}

/**
 * Maximum-likelihood NBD fit from r = 1, α = ΣT/Σx (the observed mean purchase rate).
 * Example: customers with x = 1, 2, 3 repeat purchases over T = 10, 10, 10 weeks, shape capped at 100 → r at the
 * cap and r/α ≈ 6/30 = 0.2 a week (the customers look alike).
 * @throws LtvError as the other fits (`tooFewValues`, `notConverged`). Cost: O(iterations × groups).
 */
export function fitNbd(data: RfmData, groups?: RfmGroups, options: ShapeCapOptions = {}): NbdFit {
  const { g, n, sx, sT } = fitGroups(data, groups);
  const grad = new Float64Array(2);
  const fit = fitPositive(
    [
      { name: "r", start: 1, cap: options.shapeCap },
      { name: "alpha", start: sx > 0 ? sT / sx : sT / n },
    ],
    (p, out) => {
      const v = nbdLogLik({ r: p[0], alpha: p[1] }, g, grad);
      out[0] = -grad[0] / n;
      out[1] = -grad[1] / n;
      return -v / n;
    },
    n,
    "frequency"
  );
  const [r, alpha] = fit.params;
  return { r, alpha, logLik: fit.logLik, iterations: fit.iterations, capped: fit.capped };
}
