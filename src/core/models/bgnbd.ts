/**
 * The BG/NBD model (Fader, Hardie & Lee 2005, "Counting your customers the easy way"): while alive a customer
 * buys as a Poisson process with rate λ ~ Gamma(r, α); after each purchase she drops out with probability
 * p ~ Beta(a, b). Time is in the data's own period unit (weeks on CDNOW), so α is too.
 */
import digamma from "@stdlib/math-base-special-digamma";
import gammaln from "@stdlib/math-base-special-gammaln";
import { fitPositive } from "./optimize";
import { bgnbdHead, EXPECTED_MAX_TERMS } from "./bgnbd-expected";
import { fitGroups, type RfmData, type RfmGroups, type ShapeCapOptions } from "./rfm";

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

export interface BgNbdFit extends BgNbdParams {
  logLik: number;
  iterations: number;
  /** shape parameters held at {@link ShapeCapOptions.shapeCap} */
  capped: string[];
}

/**
 * Log-likelihood of (r, α, a, b) and its gradient, summed over grouped customers.
 *
 * Per customer: ln L = ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b)
 *   + ln[ (α+T)^−(r+x) + 1{x>0} · a/(b+x−1) · (α+tₓ)^−(r+x) ]   (FHL 2005, eq. 6, in log-sum-exp form)
 * @param grad receives ∂/∂(r, α, a, b) of the total. Cost: O(groups + distinct x).
 */
export function bgnbdLogLik(p: BgNbdParams, g: RfmGroups, grad?: Float64Array): number {
  const { r, alpha, a, b } = p;
  const nx = g.xs.length;
  // terms that depend on x only
  const cx = new Float64Array(nx);
  const dr = new Float64Array(nx);
  const da = new Float64Array(nx);
  const db = new Float64Array(nx);
  const lnAlpha = Math.log(alpha);
  const base = -gammaln(r) + r * lnAlpha + gammaln(a + b) - gammaln(b);
  const psiR = digamma(r);
  const psiAB = digamma(a + b);
  const psiB = digamma(b);
  for (let k = 0; k < nx; k++) {
    const x = g.xs[k];
    cx[k] = base + gammaln(r + x) + gammaln(b + x) - gammaln(a + b + x);
    if (grad) {
      const psiABX = digamma(a + b + x);
      dr[k] = digamma(r + x) - psiR + lnAlpha;
      da[k] = psiAB - psiABX;
      db[k] = psiAB + digamma(b + x) - psiB - psiABX;
    }
  }
  const lT = g.Ts.map((T) => Math.log(alpha + T));
  const ltx = g.txs.map((t) => Math.log(alpha + t));
  const iT = g.Ts.map((T) => 1 / (alpha + T));
  const itx = g.txs.map((t) => 1 / (alpha + t));
  // per distinct x: ln(a/(b+x−1)) and 1/(b+x−1) (unused for x = 0)
  const lab = new Float64Array(nx);
  const ib = new Float64Array(nx);
  for (let k = 0; k < nx; k++) {
    const x = g.xs[k];
    ib[k] = x > 0 ? 1 / (b + x - 1) : 0;
    lab[k] = x > 0 ? Math.log(a) + Math.log(ib[k]) : -Infinity;
  }
  const rOverAlpha = r / alpha;
  const invA = 1 / a;

  let ll = 0;
  let gr = 0;
  let gAlpha = 0;
  let ga = 0;
  let gb = 0;
  for (let i = 0; i < g.count; i++) {
    const w = g.weight[i];
    const k = g.xi[i];
    const rx = r + g.xs[k];
    const a3 = -rx * lT[g.Ti[i]];
    let lse = a3;
    let pw = 0; // share of the "dropped out after the last purchase" term in the log-sum-exp
    if (lab[k] !== -Infinity) {
      const a4 = lab[k] - rx * ltx[g.txi[i]];
      if (a3 >= a4) {
        const e = Math.exp(a4 - a3);
        lse = a3 + Math.log1p(e);
        pw = e / (1 + e);
      } else {
        const e = Math.exp(a3 - a4);
        lse = a4 + Math.log1p(e);
        pw = 1 / (1 + e);
      }
    }
    ll += w * (cx[k] + lse);
    if (grad) {
      const qw = 1 - pw;
      gr += w * (dr[k] - qw * lT[g.Ti[i]] - pw * ltx[g.txi[i]]);
      gAlpha += w * (rOverAlpha - rx * (qw * iT[g.Ti[i]] + pw * itx[g.txi[i]]));
      ga += w * (da[k] + pw * invA);
      gb += w * (db[k] - pw * ib[k]);
    }
  }
  if (grad) {
    grad[0] = gr;
    grad[1] = gAlpha;
    grad[2] = ga;
    grad[3] = gb;
  }
  return ll;
}

/**
 * Maximum-likelihood BG/NBD fit.
 *
 * Optimises (ln r, ln α, ln a, ln b) by BFGS with the analytic gradient from r = 1, α = ΣT/Σx (so that
 * r/α, the mean purchase rate, starts at the observed one, in any time unit), a = 1, b = 1.
 * Example (CDNOW sample, weeks): r = 0.243, α = 4.414, a = 0.793, b = 2.426, ln L = −9582.4.
 * @throws LtvError `tooFewValues` for no customers, `notConverged` (#N/A) when the estimate runs off to a bound
 *   or stalls. Cost: O(n) to group, then O(iterations × groups).
 */
export function fitBgNbd(
  data: RfmData,
  groups?: RfmGroups,
  options: ShapeCapOptions = {}
): BgNbdFit {
  const { g, n, sx, sT } = fitGroups(data, groups);
  const alpha0 = sx > 0 ? sT / sx : sT / n;
  const grad = new Float64Array(4);
  const fit = fitPositive(
    [
      { name: "r", start: 1, cap: options.shapeCap },
      { name: "alpha", start: alpha0 },
      { name: "a", start: 1, cap: options.shapeCap },
      { name: "b", start: 1, cap: options.shapeCap },
    ],
    (p, out) => {
      const v = bgnbdLogLik({ r: p[0], alpha: p[1], a: p[2], b: p[3] }, g, grad);
      for (let i = 0; i < 4; i++) out[i] = -grad[i] / n;
      return -v / n;
    },
    n,
    "frequency",
    { workBase: options.workBase, maxIterations: options.maxIterations }
  );
  const [r, alpha, a, b] = fit.params;
  return { r, alpha, a, b, logLik: fit.logLik, iterations: fit.iterations, capped: fit.capped };
}

/**
 * P(alive | x, tₓ, T): the probability the customer has not dropped out by T.
 *
 * Formula: 1 / (1 + 1{x>0} · a/(b+x−1) · ((α+T)/(α+tₓ))^(r+x)). Example: CDNOW fit, x = 2, tₓ = 30.43,
 * T = 38.86 → 0.727. O(1).
 */
export function bgnbdPAlive(p: BgNbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  const logOdds =
    Math.log(p.a) -
    Math.log(p.b + x - 1) +
    (p.r + x) * (Math.log(p.alpha + T) - Math.log(p.alpha + tx));
  return 1 / (1 + Math.exp(logOdds));
}

export { EXPECTED_MAX_TERMS };

/**
 * E[purchases in (T, T+t] | x, tₓ, T] (FHL 2005, eq. 10):
 *
 * [(a+b+x−1)/(a−1)] · [1 − ((α+T)/(α+T+t))^(r+x) · ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))] / [1 + 1{x>0} a/(b+x−1) ((α+T)/(α+tₓ))^(r+x)],
 *
 * i.e. P(alive) × the expected purchases of an alive customer, {@link bgnbdHead}: summed in powers of
 * z = t/(α+T+t) for short horizons and, through the 1 − z transformation, in powers of 1 − z for long ones, so
 * the work does not grow with t; a = 1 (where the first factor is 0/0) needs no special value.
 * Example: CDNOW fit, x = 2, tₓ = 30.43, T = 38.86, t = 39 → 1.226 (FHL 2005, section 5). O(1) in t: at most
 * 2 × {@link EXPECTED_MAX_TERMS} series terms.
 * @throws LtvError `resultNotFinite` naming `arg` when the series cannot give a trustworthy value (parameters so
 *   extreme that every series cancels its digits away).
 */
export function bgnbdExpected(
  p: BgNbdParams,
  t: number,
  x: number,
  tx: number,
  T: number,
  arg = "params"
): number {
  if (t === 0) return 0;
  return bgnbdExpectation(p, x, tx, T, arg)(t);
}

/**
 * {@link bgnbdExpected} for one customer as a function of t: P(alive) and the series' constants computed once,
 * for callers that need many horizons (CLV). Cost: O(1) to build, O(1) per t.
 */
export function bgnbdExpectation(
  p: BgNbdParams,
  x: number,
  tx: number,
  T: number,
  arg = "params"
): (t: number) => number {
  const head = bgnbdHead(p, x, p.alpha + T, arg);
  const alive = bgnbdPAlive(p, x, tx, T);
  return (t) => head(t) * alive;
}
