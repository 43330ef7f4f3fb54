/**
 * How sure a figure computed from fitted parameters is: an interval for g(θ̂) — a new customer's expected
 * purchases, an LTV — from the estimated sampling distribution of θ̂.
 *
 * Parametric bootstrap over the parameters: θ̂ is approximately normal with the covariance Σ of
 * ./standard-errors; its logarithm, by the delta method, has covariance Σ_ln = D⁻¹·Σ·D⁻¹ with D = diag(θ̂).
 * Draws are taken on the log scale, ln θ* = ln θ̂ + L·z (L·Lᵀ = Σ_ln, z standard normal), so every drawn parameter
 * is positive, as the models need; the interval is the quantiles of g(θ*) over the draws. g is evaluated as it
 * is, so a skewed or bounded figure gets a skewed or bounded interval. The delta-method interval
 * g(θ̂) ± z·√(∇gᵀ·Σ·∇g) is given beside it for comparison (it is symmetric and may leave the figure's range).
 *
 * Both describe the sampling noise of the fit only: they take the model as true and the data as a random sample
 * of its customers. Deterministic: the same seed gives the same draws, on every machine and every time.
 */
import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";
import { badValue, LtvError } from "../errors";
import { cholesky } from "./standard-errors";

/** A uniform (0, 1) generator. */
export type Uniform = () => number;

/**
 * A seeded uniform generator: xoshiro128** (Blackman & Vigna 2018), its 128-bit state filled by splitmix32 from
 * the seed. Values are (k + ½)/2³², k a 32-bit integer, so never 0 or 1. Why by hand: stdlib-js's seeded
 * generators bring some sixty packages into the bundle for what is ten lines.
 * Example: two generators from seed 7 give the same sequence. O(1) per draw.
 */
export function seededUniform(seed: number): Uniform {
  let x = seed >>> 0;
  const next = (): number => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad) >>> 0;
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97) >>> 0;
    return (z ^ (z >>> 15)) >>> 0;
  };
  const s = Uint32Array.of(next(), next(), next(), next());
  const rotl = (v: number, k: number): number => ((v << k) | (v >>> (32 - k))) >>> 0;
  return () => {
    const result = Math.imul(rotl(Math.imul(s[1], 5) >>> 0, 7), 9) >>> 0;
    const t = (s[1] << 9) >>> 0;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return (result + 0.5) / 4294967296;
  };
}

export interface DrawOptions {
  /** number of parameter draws (default {@link DEFAULT_DRAWS}) */
  draws?: number;
  /** seed of the generator (default {@link DEFAULT_SEED}) */
  seed?: number;
}

export const DEFAULT_DRAWS = 1000;
export const DEFAULT_SEED = 1;
/** The most draws one call may take: the work stays bounded whatever the caller passes. */
export const MAX_DRAWS = 1_000_000;

/**
 * Parameter vectors drawn from the estimate's sampling distribution, log-normal by the delta method (see the module
 * comment): ln θ* ~ N(ln θ̂, D⁻¹ΣD⁻¹). Each draw is positive; their medians are θ̂. A parameter with variance 0
 * (held at a cap by its fit) keeps its value in every draw.
 * Example: θ̂ = (2), Σ = (0.04) → draws of 2·exp(0.1·z).
 * @param covariance row-major d×d in the natural parameters (as ./standard-errors gives), positive definite
 *   over the parameters whose variance is not 0
 * @throws LtvError `mustBeAbove` for an estimate ≤ 0, `wholeNumber` / `mustBeAtLeast` / `mustBeAtMost` for a
 *   draw count outside 1 … {@link MAX_DRAWS}, `noStandardErrors` (#N/A) for a covariance that is not positive
 *   definite. Cost: O(d³ + draws·d²).
 */
export function drawParameters(
  estimate: ArrayLike<number>,
  covariance: ArrayLike<number>,
  options: DrawOptions = {}
): Float64Array[] {
  const d = estimate.length;
  const draws = drawCount(options.draws);
  for (let i = 0; i < d; i++) {
    if (!(estimate[i] > 0))
      throw badValue("mustBeAbove", {
        arg: "params",
        row: i + 1,
        value: estimate[i],
        params: { limit: 0 },
      });
  }
  // the parameters that vary; the others stay at the estimate
  const v = Array.from({ length: d }, (_, i) => i).filter((i) => covariance[i * d + i] !== 0);
  const m = v.length;
  const logCov = new Float64Array(m * m);
  for (let a = 0; a < m; a++)
    for (let b = 0; b < m; b++)
      logCov[a * m + b] = covariance[v[a] * d + v[b]] / (estimate[v[a]] * estimate[v[b]]);
  const L = cholesky(logCov, m);
  if (!L) throw new LtvError({ kind: "notConverged", code: "noStandardErrors", arg: "params" });
  const uniform = seededUniform(options.seed ?? DEFAULT_SEED);
  const logEstimate = v.map((i) => Math.log(estimate[i]));
  const z = new Float64Array(m);
  const out: Float64Array[] = [];
  for (let k = 0; k < draws; k++) {
    for (let a = 0; a < m; a++) z[a] = normalQuantile(uniform(), 0, 1);
    const p = Float64Array.from(estimate);
    for (let a = 0; a < m; a++) {
      let s = logEstimate[a];
      for (let b = 0; b <= a; b++) s += L[a * m + b] * z[b];
      p[v[a]] = Math.exp(s);
    }
    out.push(p);
  }
  return out;
}

export interface IntervalOptions extends DrawOptions {
  /** coverage of the interval, between 0 and 1 (default 0.9) */
  level?: number;
}

/** A delta-method interval: g(θ̂) ± z·se with se = √(∇gᵀ·Σ·∇g) and z the standard normal's (1+level)/2 quantile. */
export interface DeltaInterval {
  standardError: number;
  low: number;
  high: number;
}

export interface IntervalResult {
  /** g at the estimate */
  estimate: number;
  level: number;
  /** the (1−level)/2 and (1+level)/2 quantiles of g over the draws */
  low: number;
  high: number;
  /** draws taken, and how many of them g could not evaluate (left out of the quantiles) */
  draws: number;
  failed: number;
  /** the delta-method interval, for comparison */
  delta: DeltaInterval;
}

/**
 * An interval for g(θ̂) by parametric bootstrap over the parameters (see the module comment), with the
 * delta-method interval beside it.
 *
 * g receives each drawn parameter vector (natural parameters, in the order of `estimate`). A draw at which g
 * throws an LtvError or returns a non-finite value counts as failed and is left out; when more than half of one
 * tail's share of the draws fail (25 of 1,000 at level 0.9), the quantiles would be guesswork and the call
 * refuses. Quantiles are interpolated between order statistics (Excel's PERCENTILE.INC).
 * Example: g(θ) = θ₁ with θ̂ = (2), Σ = (0.04), level 0.9 → about (1.70, 2.36), the 5 % and 95 % points of
 * 2·exp(0.1·z); the delta interval is 2 ± 1.645·0.2 = (1.67, 2.33).
 * @throws LtvError from {@link drawParameters}, `mustBeAbove` / `mustBeBelow` for a level outside (0, 1),
 *   `intervalUnstable` (#N/A) when too many draws fail, and whatever g throws at the estimate itself.
 * Cost: O(d³ + draws·(d² + cost of g) + draws·log draws).
 */
export function interval(
  g: (p: Float64Array) => number,
  estimate: ArrayLike<number>,
  covariance: ArrayLike<number>,
  options: IntervalOptions = {}
): IntervalResult {
  const level = intervalLevel(options.level);
  const delta = deltaInterval(g, estimate, covariance, level);
  const sample = drawParameters(estimate, covariance, options);
  const values: number[] = [];
  for (const p of sample) {
    let v: number;
    try {
      v = g(p);
    } catch (e) {
      if (!(e instanceof LtvError)) throw e;
      v = NaN;
    }
    if (Number.isFinite(v)) values.push(v);
  }
  const draws = sample.length;
  const failed = draws - values.length;
  if (failed > (draws * (1 - level)) / 4 || values.length === 0) {
    throw new LtvError({
      kind: "notConverged",
      code: "intervalUnstable",
      params: { failed, draws },
    });
  }
  values.sort((a, b) => a - b);
  return {
    estimate: g(Float64Array.from(estimate)),
    level,
    low: quantileOfSorted(values, (1 - level) / 2),
    high: quantileOfSorted(values, (1 + level) / 2),
    draws,
    failed,
    delta,
  };
}

/**
 * The delta-method interval for g(θ̂): ∇g by central differences with steps of 10⁻⁴ of each parameter (error of
 * order 10⁻⁸ relative), se = √(∇gᵀ·Σ·∇g), g(θ̂) ± z·se with z = Φ⁻¹((1+level)/2) (1.645 at 0.9).
 * Example: g(θ) = θ₁θ₂ at (2, 3), Σ = diag(0.01, 0.04) → se = √(9·0.01 + 4·0.04) = 0.5, 6 ± 0.822 at level 0.9.
 * @throws LtvError `mustBeAbove` / `mustBeBelow` for a level outside (0, 1), `resultNotFinite` when g gives no
 *   finite value near the estimate, and whatever g throws there. Cost: 2d + 1 evaluations of g and O(d²).
 */
export function deltaInterval(
  g: (p: Float64Array) => number,
  estimate: ArrayLike<number>,
  covariance: ArrayLike<number>,
  level = 0.9
): DeltaInterval {
  const d = estimate.length;
  const lv = intervalLevel(level);
  const x = Float64Array.from(estimate);
  const center = g(Float64Array.from(estimate));
  const grad = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    const h = 1e-4 * (estimate[i] === 0 ? 1 : Math.abs(estimate[i]));
    const hi = estimate[i] + h;
    const lo = estimate[i] - h;
    x[i] = hi;
    const up = g(Float64Array.from(x));
    x[i] = lo;
    const down = g(Float64Array.from(x));
    x[i] = estimate[i];
    grad[i] = (up - down) / (hi - lo);
  }
  let variance = 0;
  for (let i = 0; i < d; i++)
    for (let j = 0; j < d; j++) variance += grad[i] * covariance[i * d + j] * grad[j];
  const standardError = Math.sqrt(Math.max(0, variance));
  const z = normalQuantile((1 + lv) / 2, 0, 1);
  const out = { standardError, low: center - z * standardError, high: center + z * standardError };
  if (!Number.isFinite(out.low) || !Number.isFinite(out.high))
    throw badValue("resultNotFinite", { arg: "params" });
  return out;
}

/**
 * The p-quantile of sorted values, interpolated between order statistics: position p·(n−1) (Excel's
 * PERCENTILE.INC, R's type 7). Example: [1, 2, 3, 4] at 0.5 → 2.5. O(1).
 */
export function quantileOfSorted(sorted: ArrayLike<number>, p: number): number {
  const pos = p * (sorted.length - 1);
  const k = Math.floor(pos);
  if (k >= sorted.length - 1) return sorted[sorted.length - 1];
  return sorted[k] + (pos - k) * (sorted[k + 1] - sorted[k]);
}

function intervalLevel(level: number | undefined): number {
  const lv = level ?? 0.9;
  if (!(lv > 0)) throw badValue("mustBeAbove", { arg: "level", value: lv, params: { limit: 0 } });
  if (!(lv < 1)) throw badValue("mustBeBelow", { arg: "level", value: lv, params: { limit: 1 } });
  return lv;
}

function drawCount(draws: number | undefined): number {
  const n = draws ?? DEFAULT_DRAWS;
  if (!Number.isInteger(n)) throw badValue("wholeNumber", { arg: "draws", value: n });
  if (n < 1) throw badValue("mustBeAtLeast", { arg: "draws", value: n, params: { limit: 1 } });
  if (n > MAX_DRAWS)
    throw badValue("mustBeAtMost", { arg: "draws", value: n, params: { limit: MAX_DRAWS } });
  return n;
}
