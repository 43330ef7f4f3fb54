/**
 * The Pareto/NBD model (Schmittlein, Morrison & Colombo 1987): while alive a customer buys as a Poisson process
 * with rate λ ~ Gamma(r, α) and dies after an exponential lifetime with rate μ ~ Gamma(s, β). Time is in the
 * data's own period unit, so α and β are too.
 *
 * The likelihood (Fader & Hardie 2005, "A note on deriving the Pareto/NBD model and related expressions") is
 *   L = Γ(r+x) αʳ βˢ / Γ(r) · [ (α+T)^−(r+x) (β+T)^−s + s/(r+s+x) · A₀ ],
 *   A₀ = F(tₓ) − F(T),  F(τ) = ₂F₁(r+s+x, s+1; r+s+x+1; (α−β)/(α+τ)) / (α+τ)^(r+s+x)   when α ≥ β,
 *                       F(τ) = ₂F₁(r+s+x, r+x; r+s+x+1; (β−α)/(β+τ)) / (β+τ)^(r+s+x)   when α < β,
 * so the ₂F₁ argument is always in [0, 1). Everything is evaluated in logs (log ₂F₁ with its derivatives, a
 * log-difference for A₀ and a log-sum-exp for the bracket), so large x and extreme parameters neither
 * overflow nor lose the small term.
 */
import digamma from "@stdlib/math-base-special-digamma";
import gammaln from "@stdlib/math-base-special-gammaln";
import { fitPositive } from "./optimize";
import { fitGroups, type RfmData, type RfmGroups, type ShapeCapOptions } from "./rfm";
import { log1mExp, logHyp2f1A1 } from "./special";

export interface ParetoNbdParams {
  r: number;
  alpha: number;
  s: number;
  beta: number;
}

export interface ParetoNbdFit extends ParetoNbdParams {
  logLik: number;
  iterations: number;
  /** shape parameters held at {@link ShapeCapOptions.shapeCap} */
  capped: string[];
}

/** The distinct (x, τ) pairs where F(τ) is needed, and for each group the pair of its tₓ and of its T. */
interface PairTable {
  x: Float64Array;
  tau: Float64Array;
  ofTx: Int32Array;
  ofT: Int32Array;
}

const pairCache = new WeakMap<RfmGroups, PairTable>();

function pairTable(g: RfmGroups): PairTable {
  const cached = pairCache.get(g);
  if (cached) return cached;
  const nTx = g.txs.length;
  const nT = g.Ts.length;
  const index = new Map<number, number>();
  const xs: number[] = [];
  const taus: number[] = [];
  const ofTx = new Int32Array(g.count);
  const ofT = new Int32Array(g.count);
  const pair = (xi: number, tauKey: number, tau: number): number => {
    const key = xi * (nTx + nT) + tauKey;
    let k = index.get(key);
    if (k === undefined) {
      k = xs.length;
      index.set(key, k);
      xs.push(g.xs[xi]);
      taus.push(tau);
    }
    return k;
  };
  for (let i = 0; i < g.count; i++) {
    ofTx[i] = pair(g.xi[i], g.txi[i], g.txs[g.txi[i]]);
    ofT[i] = pair(g.xi[i], nTx + g.Ti[i], g.Ts[g.Ti[i]]);
  }
  const table = { x: Float64Array.from(xs), tau: Float64Array.from(taus), ofTx, ofT };
  pairCache.set(g, table);
  return table;
}

/**
 * log F(τ) and its derivatives ∂/∂(r, α, s, β) for every pair, written to `out` (5 numbers per pair).
 * NaN when the ₂F₁ series cannot converge (parameters so extreme that z ≈ 1).
 */
function logF(p: ParetoNbdParams, pairs: PairTable, out: Float64Array): void {
  const { r, alpha, s, beta } = p;
  const h = new Float64Array(4);
  const alphaBig = alpha >= beta;
  for (let k = 0; k < pairs.x.length; k++) {
    const x = pairs.x[k];
    const tau = pairs.tau[k];
    const a = r + s + x;
    const o = 5 * k;
    if (alphaBig) {
      const m = alpha + tau;
      const lm = Math.log(m);
      logHyp2f1A1(a, s + 1, (alpha - beta) / m, h);
      out[o] = h[0] - a * lm;
      out[o + 1] = h[1] - lm;
      out[o + 2] = (h[3] * (beta + tau)) / (m * m) - a / m;
      out[o + 3] = h[1] + h[2] - lm;
      out[o + 4] = -h[3] / m;
    } else {
      const m = beta + tau;
      const lm = Math.log(m);
      logHyp2f1A1(a, r + x, (beta - alpha) / m, h);
      out[o] = h[0] - a * lm;
      out[o + 1] = h[1] + h[2] - lm;
      out[o + 2] = -h[3] / m;
      out[o + 3] = h[1] - lm;
      out[o + 4] = (h[3] * (alpha + tau)) / (m * m) - a / m;
    }
  }
}

/**
 * Log-likelihood of (r, α, s, β) over grouped customers, with its gradient ∂/∂(r, α, s, β) in `grad`.
 * Cost: O(groups + distinct (x, τ) pairs × ₂F₁ terms); the ₂F₁ terms are few (z ≤ 0.1 on CDNOW).
 */
export function paretoNbdLogLik(p: ParetoNbdParams, g: RfmGroups, grad?: Float64Array): number {
  const { r, alpha, s, beta } = p;
  const pairs = pairTable(g);
  const F = new Float64Array(5 * pairs.x.length);
  logF(p, pairs, F);

  const nx = g.xs.length;
  const cx = new Float64Array(nx);
  const drx = new Float64Array(nx);
  const lnAlpha = Math.log(alpha);
  const lnBeta = Math.log(beta);
  const base = -gammaln(r) + r * lnAlpha + s * lnBeta;
  const psiR = digamma(r);
  for (let k = 0; k < nx; k++) {
    cx[k] = base + gammaln(r + g.xs[k]);
    if (grad) drx[k] = digamma(r + g.xs[k]) - psiR + lnAlpha;
  }
  const laT = g.Ts.map((T) => Math.log(alpha + T));
  const lbT = g.Ts.map((T) => Math.log(beta + T));
  const iaT = g.Ts.map((T) => 1 / (alpha + T));
  const ibT = g.Ts.map((T) => 1 / (beta + T));
  const lnS = Math.log(s);
  // per distinct x: ln(s/(r+s+x)) and 1/(r+s+x)
  const lsa = new Float64Array(nx);
  const ia = new Float64Array(nx);
  for (let k = 0; k < nx; k++) {
    ia[k] = 1 / (r + s + g.xs[k]);
    lsa[k] = lnS + Math.log(ia[k]);
  }
  const rOverAlpha = r / alpha;
  const sOverBeta = s / beta;
  const invS = 1 / s;

  let ll = 0;
  let gr = 0;
  let gAlpha = 0;
  let gs = 0;
  let gBeta = 0;
  // hot loop (one pass per likelihood evaluation over up to ~10⁵ groups): four transcendental calls per group
  for (let i = 0; i < g.count; i++) {
    const w = g.weight[i];
    const xk = g.xi[i];
    const rx = r + g.xs[xk];
    const Tk = g.Ti[i];
    const l1 = -rx * laT[Tk] - s * lbT[Tk];
    const ot = 5 * pairs.ofTx[i];
    const oT = 5 * pairs.ofT[i];
    const diff = F[oT] - F[ot];
    let l2 = -Infinity;
    let q = 0;
    if (diff < 0) {
      q = Math.exp(diff);
      // log(1 − q), accurate for q near 1 and near 0 (Mächler 2012)
      l2 = lsa[xk] + F[ot] + (diff < -Math.LN2 ? Math.log1p(-q) : Math.log(-Math.expm1(diff)));
    } else if (Number.isNaN(diff)) l2 = NaN;
    // log-sum-exp of the "alive at T" and "died in (tₓ, T]" terms; pw is the second one's share
    let lse: number;
    let pw: number;
    if (l2 === -Infinity) {
      lse = l1;
      pw = 0;
    } else if (l1 >= l2) {
      const e = Math.exp(l2 - l1);
      lse = l1 + Math.log1p(e);
      pw = e / (1 + e);
    } else {
      const e = Math.exp(l1 - l2);
      lse = l2 + Math.log1p(e);
      pw = 1 / (1 + e);
    }
    ll += w * (cx[xk] + lse);
    if (grad) {
      const qw = 1 - pw;
      let d2r = 0;
      let d2a = 0;
      let d2s = 0;
      let d2b = 0;
      if (pw > 0) {
        const inv = 1 / (1 - q);
        d2r = -ia[xk] + (F[ot + 1] - q * F[oT + 1]) * inv;
        d2a = (F[ot + 2] - q * F[oT + 2]) * inv;
        d2s = invS - ia[xk] + (F[ot + 3] - q * F[oT + 3]) * inv;
        d2b = (F[ot + 4] - q * F[oT + 4]) * inv;
      }
      gr += w * (drx[xk] - qw * laT[Tk] + pw * d2r);
      gAlpha += w * (rOverAlpha - qw * rx * iaT[Tk] + pw * d2a);
      gs += w * (lnBeta - qw * lbT[Tk] + pw * d2s);
      gBeta += w * (sOverBeta - qw * s * ibT[Tk] + pw * d2b);
    }
  }
  if (grad) {
    grad[0] = gr;
    grad[1] = gAlpha;
    grad[2] = gs;
    grad[3] = gBeta;
  }
  return ll;
}

/**
 * Maximum-likelihood Pareto/NBD fit: BFGS in (ln r, ln α, ln s, ln β) with the analytic gradient, from
 * r = s = 1, α = ΣT/Σx (mean purchase rate as observed; at least β/1000), β = mean T (a lifetime of the order of
 * the window).
 * Example (CDNOW sample, weeks): r = 0.553, α = 10.58, s = 0.606, β = 11.66, ln L = −9595.0.
 * @throws LtvError `tooFewValues`, `notConverged` (#N/A). Cost: O(n) grouping + O(iterations × groups).
 */
export function fitParetoNbd(
  data: RfmData,
  groups?: RfmGroups,
  options: ShapeCapOptions = {}
): ParetoNbdFit {
  const { g, n, sx, sT } = fitGroups(data, groups);
  // A customer without repeat purchases needs ₂F₁ at z = 1 − α/β (α < β): with a few very heavy buyers ΣT/Σx
  // is tiny next to the mean T, z is within 10⁻⁶ of 1 and the series cannot be summed at the very start. So α
  // starts at β/1000 at least (z ≤ 0.999, some thousands of terms); the optimiser goes on from there as usual.
  const beta0 = sT / n;
  const alpha0 = Math.max(sx > 0 ? sT / sx : beta0, beta0 / 1000);
  const grad = new Float64Array(4);
  const fit = fitPositive(
    [
      { name: "r", start: 1, cap: options.shapeCap },
      { name: "alpha", start: alpha0 },
      { name: "s", start: 1, cap: options.shapeCap },
      { name: "beta", start: beta0 },
    ],
    (p, out) => {
      const v = paretoNbdLogLik({ r: p[0], alpha: p[1], s: p[2], beta: p[3] }, g, grad);
      for (let i = 0; i < 4; i++) out[i] = -grad[i] / n;
      return -v / n;
    },
    n,
    "frequency",
    { workBase: options.workBase, maxIterations: options.maxIterations }
  );
  const [r, alpha, s, beta] = fit.params;
  return { r, alpha, s, beta, logLik: fit.logLik, iterations: fit.iterations, capped: fit.capped };
}

/**
 * P(alive | x, tₓ, T) = (α+T)^−(r+x)(β+T)^−s / [that + s/(r+s+x)·A₀], the first term's share of the
 * likelihood bracket. Example: CDNOW fit, x = 2, tₓ = 30.43, T = 38.86 → about 0.72. O(₂F₁ terms).
 */
export function paretoNbdPAlive(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  const g: RfmGroups = {
    total: 1,
    count: 1,
    weight: Float64Array.of(1),
    xi: Int32Array.of(0),
    txi: Int32Array.of(0),
    Ti: Int32Array.of(0),
    xs: Float64Array.of(x),
    txs: Float64Array.of(tx),
    Ts: Float64Array.of(T),
  };
  const pairs = pairTable(g);
  const F = new Float64Array(10);
  logF(p, pairs, F);
  const l1 = -(p.r + x) * Math.log(p.alpha + T) - p.s * Math.log(p.beta + T);
  const diff = F[5 * pairs.ofT[0]] - F[5 * pairs.ofTx[0]];
  if (!(diff < 0)) return Number.isNaN(diff) ? NaN : 1;
  const l2 = Math.log(p.s) - Math.log(p.r + p.s + x) + F[5 * pairs.ofTx[0]] + log1mExp(diff);
  return 1 / (1 + Math.exp(l2 - l1));
}

/**
 * E[purchases in (T, T+t] | x, tₓ, T] (Schmittlein et al. 1987; Fader & Hardie 2005 note, eq. 22):
 *   (r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)] · P(alive),
 * with the bracket ÷ (s−1) taken as −expm1(−(s−1)·ln(1+t/(β+T)))/(s−1), whose limit at s = 1 is ln(1+t/(β+T)).
 * O(₂F₁ terms).
 */
export function paretoNbdExpected(
  p: ParetoNbdParams,
  t: number,
  x: number,
  tx: number,
  T: number
): number {
  if (t === 0) return 0;
  return paretoNbdExpectedIfAlive(p, t, x, T) * paretoNbdPAlive(p, x, tx, T);
}

/**
 * The first factor of {@link paretoNbdExpected}: E[purchases in (T, T+t] | alive at T, x, T], so that a caller
 * that needs P(alive) too (the customer list) evaluates its series once; 0 at t = 0. O(1).
 */
export function paretoNbdExpectedIfAlive(
  p: ParetoNbdParams,
  t: number,
  x: number,
  T: number
): number {
  const { r, alpha, s, beta } = p;
  const l = Math.log1p(t / (beta + T));
  const sm1 = s - 1;
  const g = Math.abs(sm1) < 1e-12 ? l : -Math.expm1(-sm1 * l) / sm1;
  return (((r + x) * (beta + T)) / (alpha + T)) * g;
}
