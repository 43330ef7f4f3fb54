/**
 * Standard errors of the models' maximum-likelihood estimates.
 *
 * The covariance of an estimate θ̂ is taken, as usual for maximum likelihood, from the observed information: the
 * Hessian of the negative log-likelihood at θ̂, inverted, in the natural parameters (r, α, a, b; r, α, s, β; p, q,
 * γ; α, β). Its diagonal's square roots are the standard errors. That rests on the large-sample theory of the
 * estimator (approximately normal around the truth, with that covariance) and on the model being the right one:
 * it measures the sampling noise of the fit, not the doubt about the model itself.
 *
 * The Hessian is a central difference of the analytic gradient each model already has (4 gradient evaluations
 * per parameter): steps of 10⁻³ of each parameter and half that, combined by Richardson extrapolation, so the
 * truncation error is of order 10⁻¹² relative while the rounding error of the gradient is divided by a step that
 * is not tiny. The matrix is then symmetrised and inverted through a Cholesky factorisation of its correlation
 * form, which doubles as the test that it is positive definite, i.e. that the estimate is a proper maximum that
 * the data pin down in every direction.
 *
 * Why by hand: the job is a 2–4-dimensional finite difference and a Cholesky factorisation, a few dozen lines;
 * the libraries in the project's dependencies do neither.
 */
import { bgnbdLogLik, type BgNbdParams } from "./bgnbd";
import { gammaGammaLogLik, type GammaGammaParams } from "./gamma-gamma";
import { nbdLogLik } from "./nbd";
import type { NbdParams } from "./new-customer";
import { paretoNbdLogLik, type ParetoNbdParams } from "./pareto-nbd";
import type { RfmGroups } from "./rfm";
import { sbgLogLik, type SbgParams } from "./sbg";

/** Writes the gradient of a function at `x` into `out`. */
export type GradientFn = (x: Float64Array, out: Float64Array) => void;

/** Coarse difference step as a fraction of each parameter (the fine step is half of it). */
export const RELATIVE_STEP = 1e-3;

/**
 * The smallest pivot accepted in the Cholesky factorisation of the information's correlation form (whose
 * diagonal is 1). A smaller one means some combination of the parameters is determined to fewer digits than the
 * Hessian is computed with: the information is numerically singular, and its inverse would be noise.
 */
export const MIN_PIVOT = 1e-8;

/**
 * The Hessian of a function from its gradient, by Richardson-extrapolated central differences.
 *
 * Column i is (4·D(hᵢ/2) − D(hᵢ))/3 with D(h) = (∇f(x + h·eᵢ) − ∇f(x − h·eᵢ))/(2h) and hᵢ = `relativeStep`·|xᵢ|
 * (`relativeStep` itself where xᵢ = 0); the result is symmetrised, (H + Hᵀ)/2. Row-major d×d.
 * Example: f(x, y) = x²y + y³ at (1, 2) → [[4, 2], [2, 12]] (to about 1e-10).
 * Cost: 4d gradient evaluations and O(d²).
 */
export function hessianFromGradient(
  gradient: GradientFn,
  at: ArrayLike<number>,
  relativeStep = RELATIVE_STEP
): Float64Array {
  const d = at.length;
  const H = new Float64Array(d * d);
  const x = Float64Array.from(at);
  const up = new Float64Array(d);
  const down = new Float64Array(d);
  const coarse = new Float64Array(d);
  const fine = new Float64Array(d);
  const central = (i: number, h: number, out: Float64Array): void => {
    const hi = at[i] + h;
    const lo = at[i] - h;
    x[i] = hi;
    gradient(x, up);
    x[i] = lo;
    gradient(x, down);
    x[i] = at[i];
    // divide by the step as represented, not as intended
    const width = hi - lo;
    for (let j = 0; j < d; j++) out[j] = (up[j] - down[j]) / width;
  };
  for (let i = 0; i < d; i++) {
    const h = relativeStep * (at[i] === 0 ? 1 : Math.abs(at[i]));
    central(i, h, coarse);
    central(i, h / 2, fine);
    for (let j = 0; j < d; j++) H[j * d + i] = fine[j] + (fine[j] - coarse[j]) / 3;
  }
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < i; j++) {
      const m = (H[i * d + j] + H[j * d + i]) / 2;
      H[i * d + j] = m;
      H[j * d + i] = m;
    }
  }
  return H;
}

/**
 * The lower Cholesky factor L (A = L·Lᵀ) of a symmetric row-major d×d matrix, or `undefined` when A is not
 * positive definite with every pivot above `minPivot` (in A's own scale). O(d³).
 * Example: [[4, 2], [2, 5]] → [[2, 0], [1, 2]].
 */
export function cholesky(A: ArrayLike<number>, d: number, minPivot = 0): Float64Array | undefined {
  const L = new Float64Array(d * d);
  for (let j = 0; j < d; j++) {
    let pivot = A[j * d + j];
    for (let k = 0; k < j; k++) pivot -= L[j * d + k] * L[j * d + k];
    // written so that NaN fails too
    if (!(pivot > minPivot)) return undefined;
    const ljj = Math.sqrt(pivot);
    L[j * d + j] = ljj;
    for (let i = j + 1; i < d; i++) {
      let s = A[i * d + j];
      for (let k = 0; k < j; k++) s -= L[i * d + k] * L[j * d + k];
      L[i * d + j] = s / ljj;
    }
  }
  return L;
}

/** Why no covariance could be given: the information has a non-finite entry, or it is not positive definite. */
export type CovarianceFailure = "notFinite" | "notPositiveDefinite";

/** A covariance matrix (row-major d×d, natural parameters) and its standard errors, or the reason there is none. */
export type Covariance =
  | { ok: true; covariance: Float64Array; standardErrors: Float64Array }
  | { ok: false; reason: CovarianceFailure };

/**
 * The inverse of an observed-information matrix (the Hessian of the negative log-likelihood), with the test that
 * it is positive definite.
 *
 * The matrix is first scaled to its correlation form S = D⁻¹·I·D⁻¹, D = diag(√Iᵢᵢ), so that the test does not
 * depend on the parameters' units; S is factorised by Cholesky (every pivot above {@link MIN_PIVOT}) and
 * Σ = D⁻¹·S⁻¹·D⁻¹. Example: [[4, 2], [2, 5]] → Σ = [[0.3125, −0.125], [−0.125, 0.25]], standard errors
 * 0.559 and 0.5. A Hessian at a saddle point or along a flat ridge gives `notPositiveDefinite`; NaN or ±∞
 * anywhere gives `notFinite`. Never NaN in a result. O(d³).
 */
export function covarianceFromInformation(information: ArrayLike<number>, d: number): Covariance {
  for (let i = 0; i < d * d; i++)
    if (!Number.isFinite(information[i])) return { ok: false, reason: "notFinite" };
  const scale = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    const v = information[i * d + i];
    if (!(v > 0)) return { ok: false, reason: "notPositiveDefinite" };
    scale[i] = Math.sqrt(v);
  }
  const S = new Float64Array(d * d);
  for (let i = 0; i < d; i++)
    for (let j = 0; j < d; j++) S[i * d + j] = information[i * d + j] / (scale[i] * scale[j]);
  const L = cholesky(S, d, MIN_PIVOT);
  if (!L) return { ok: false, reason: "notPositiveDefinite" };
  // S⁻¹ = L⁻ᵀ·L⁻¹: invert the triangle by forward substitution, then multiply
  const Li = new Float64Array(d * d);
  for (let j = 0; j < d; j++) {
    Li[j * d + j] = 1 / L[j * d + j];
    for (let i = j + 1; i < d; i++) {
      let s = 0;
      for (let k = j; k < i; k++) s -= L[i * d + k] * Li[k * d + j];
      Li[i * d + j] = s / L[i * d + i];
    }
  }
  const covariance = new Float64Array(d * d);
  const standardErrors = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let k = Math.max(i, j); k < d; k++) s += Li[k * d + i] * Li[k * d + j];
      covariance[i * d + j] = s / (scale[i] * scale[j]);
    }
    standardErrors[i] = Math.sqrt(covariance[i * d + i]);
  }
  // an information just above the pivot limit can still overflow once unscaled
  if (!covariance.every(Number.isFinite)) return { ok: false, reason: "notFinite" };
  return { ok: true, covariance, standardErrors };
}

/**
 * Covariance of a maximum-likelihood estimate from the gradient of its log-likelihood: the observed information
 * −∇²ln L at `estimate` ({@link hessianFromGradient}), inverted ({@link covarianceFromInformation}).
 *
 * Parameters marked in `fixed` (a shape the fit held at its cap) are not estimated: the information is taken over
 * the others only, and the fixed ones get variance 0 — the covariance is conditional on them, and
 * {@link ./interval!drawParameters} keeps them at their value.
 * Example: for ln L = −(x−1)² − 2(y−3)² at (1, 3), Σ = diag(1/2, 1/4); with y fixed, diag(1/2, 0).
 * Cost: 4 gradient evaluations per free parameter and O(d³).
 */
export function covarianceFromLogLikGradient(
  logLikGradient: GradientFn,
  estimate: ArrayLike<number>,
  fixed: readonly boolean[] = []
): Covariance {
  const d = estimate.length;
  const free = Array.from({ length: d }, (_, i) => i).filter((i) => !fixed[i]);
  const f = free.length;
  const full = Float64Array.from(estimate);
  const fullGrad = new Float64Array(d);
  const H = hessianFromGradient(
    (x, out) => {
      for (let k = 0; k < f; k++) full[free[k]] = x[k];
      logLikGradient(full, fullGrad);
      for (let k = 0; k < f; k++) out[k] = fullGrad[free[k]];
    },
    free.map((i) => estimate[i])
  );
  for (let i = 0; i < f * f; i++) H[i] = -H[i];
  const c = covarianceFromInformation(H, f);
  if (!c.ok || f === d) return c;
  const covariance = new Float64Array(d * d);
  const standardErrors = new Float64Array(d);
  for (let a = 0; a < f; a++) {
    standardErrors[free[a]] = c.standardErrors[a];
    for (let b = 0; b < f; b++) covariance[free[a] * d + free[b]] = c.covariance[a * f + b];
  }
  return { ok: true, covariance, standardErrors };
}

/** Which of `names` a fit held at its cap, as flags in the order of `names`. */
function heldAt(names: readonly string[], capped: readonly string[] | undefined): boolean[] {
  return names.map((n) => capped?.includes(n) ?? false);
}

/**
 * The covariance of independent estimates side by side (e.g. a purchase model and the Gamma-Gamma spend model,
 * fitted on separate likelihoods): the block-diagonal matrix of the square row-major blocks given.
 * Example: (0.5) and (1, 0.2; 0.2, 2) → 3×3 with zeros off the blocks. O(d²).
 */
export function blockDiagonal(...blocks: ReadonlyArray<ArrayLike<number>>): Float64Array {
  const sizes = blocks.map((b) => Math.round(Math.sqrt(b.length)));
  const d = sizes.reduce((a, b) => a + b, 0);
  const out = new Float64Array(d * d);
  let offset = 0;
  blocks.forEach((b, k) => {
    const n = sizes[k];
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) out[(offset + i) * d + offset + j] = b[i * n + j];
    offset += n;
  });
  return out;
}

/** A fit's parameters with the names of those it held at a shape cap (as the fits report them). */
type Fitted<P> = P & { capped?: readonly string[] };

/**
 * Covariance of a BG/NBD fit in (r, α, a, b) over the grouped customers it was fitted on; shapes in `capped` are
 * held fixed (see {@link covarianceFromLogLikGradient}).
 * Example (CDNOW sample, weeks): standard errors r 0.0126, α 0.378, a 0.186, b 0.705.
 * Cost: 16 likelihood-gradient evaluations, O(groups) each.
 */
export function bgNbdCovariance(p: Fitted<BgNbdParams>, groups: RfmGroups): Covariance {
  return covarianceFromLogLikGradient(
    (x, out) => {
      bgnbdLogLik({ r: x[0], alpha: x[1], a: x[2], b: x[3] }, groups, out);
    },
    [p.r, p.alpha, p.a, p.b],
    heldAt(["r", "alpha", "a", "b"], p.capped)
  );
}

/**
 * Covariance of a Pareto/NBD fit in (r, α, s, β) over the grouped customers it was fitted on; shapes in `capped`
 * are held fixed. Example (CDNOW sample, weeks): standard errors r 0.048, α 0.84, s 0.19, β 6.2.
 * Cost: 16 likelihood-gradient evaluations, O(groups + ₂F₁ terms) each.
 */
export function paretoNbdCovariance(p: Fitted<ParetoNbdParams>, groups: RfmGroups): Covariance {
  return covarianceFromLogLikGradient(
    (x, out) => {
      paretoNbdLogLik({ r: x[0], alpha: x[1], s: x[2], beta: x[3] }, groups, out);
    },
    [p.r, p.alpha, p.s, p.beta],
    heldAt(["r", "alpha", "s", "beta"], p.capped)
  );
}

/**
 * Covariance of an NBD fit (no dropout) in (r, α); a capped r is held fixed. Cost: 8 gradient evaluations,
 * O(groups) each.
 */
export function nbdCovariance(p: Fitted<NbdParams>, groups: RfmGroups): Covariance {
  return covarianceFromLogLikGradient(
    (x, out) => {
      nbdLogLik({ r: x[0], alpha: x[1] }, groups, out);
    },
    [p.r, p.alpha],
    heldAt(["r", "alpha"], p.capped)
  );
}

/**
 * Covariance of a Gamma-Gamma fit in (p, q, γ) over the customers it was fitted on (those with frequency 0 add
 * nothing). Cost: 12 likelihood-gradient evaluations, O(n) each.
 */
export function gammaGammaCovariance(
  p: GammaGammaParams,
  frequency: ArrayLike<number>,
  monetary: ArrayLike<number>
): Covariance {
  return covarianceFromLogLikGradient(
    (x, out) => {
      gammaGammaLogLik({ p: x[0], q: x[1], v: x[2] }, frequency, monetary, out);
    },
    [p.p, p.q, p.v]
  );
}

/** Covariance of an sBG fit in (α, β) from the survivor counts it was fitted on. Cost: 8 gradient evaluations, O(K) each. */
export function sbgCovariance(p: SbgParams, survivors: ArrayLike<number>): Covariance {
  return covarianceFromLogLikGradient(
    (x, out) => {
      sbgLogLik({ alpha: x[0], beta: x[1] }, survivors, out);
    },
    [p.alpha, p.beta]
  );
}
