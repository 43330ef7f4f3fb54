/**
 * A small bounded quasi-Newton minimiser (BFGS) for the models' maximum-likelihood fits.
 *
 * Why by hand: no maintained JavaScript L-BFGS-B / BFGS package is among the project's dependencies (and
 * adding one is not an option here); the problems are tiny (2–4 parameters), so a dense BFGS with an
 * inverse-Hessian update, a backtracking Armijo line search and box bounds is ~100 lines and needs nothing
 * else. The models optimise in log-parameter space (every parameter is positive), with analytic gradients.
 *
 * Convergence: ‖∇f‖∞ ≤ gtol. A search that hits a bound, runs out of iterations or cannot make progress while
 * the gradient is still large is reported as not converged, with the reason — never as a solution.
 */
import { notConverged } from "../errors";
import { seriesWork } from "./special";

/** Objective: returns f(x) and writes ∇f(x) into `grad`. May return NaN or ±Infinity for infeasible points. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

export interface MinimizeOptions {
  /** stop when every gradient component is at most this in absolute value (default 1e-8) */
  gtol?: number;
  /** iteration limit (default 500) */
  maxIterations?: number;
  /** lower bounds per coordinate (default −Infinity) */
  lower?: ArrayLike<number>;
  /** upper bounds per coordinate (default +Infinity) */
  upper?: ArrayLike<number>;
  /**
   * give up (reason "budget") once `work()` passes this, checked before each evaluation after the first; `work`
   * is a count the objective advances (default: the number of evaluations), never a clock, so the same input
   * always stops at the same place
   */
  maxWork?: number;
  work?: () => number;
  /** for {@link fitPositive}: the fixed part of its work budget (default {@link WORK_BASE}) */
  workBase?: number;
}

export interface MinimizeResult {
  x: Float64Array;
  value: number;
  gradient: Float64Array;
  iterations: number;
  evaluations: number;
  converged: boolean;
  /** why the search stopped: "gradient", "bound", "iterations", "no progress", "not finite", "budget" */
  reason: string;
  /** for reason "bound": the coordinate that sits on its bound */
  boundIndex?: number;
}

/**
 * Minimises `f` from `x0` by BFGS within box bounds.
 *
 * Each iteration: direction p = −H∇f (H the inverse-Hessian estimate), step t ≤ 1 shrunk until
 * f(x + tp) ≤ f(x) + 10⁻⁴·t·∇fᵀp and inside the box, then the BFGS update of H when the curvature sᵀy > 0.
 * Example: f(x) = (x₀−1)² + 10(x₁+2)² from (0, 0) → (1, −2) in a handful of iterations.
 * Cost: O(iterations × (evaluation + d²)), d the dimension.
 */
export function minimize(
  f: Objective,
  x0: ArrayLike<number>,
  options: MinimizeOptions = {}
): MinimizeResult {
  const d = x0.length;
  const gtol = options.gtol ?? 1e-8;
  const maxIter = options.maxIterations ?? 500;
  const maxWork = options.maxWork ?? Infinity;
  const lo = Float64Array.from({ length: d }, (_, i) => options.lower?.[i] ?? -Infinity);
  const hi = Float64Array.from({ length: d }, (_, i) => options.upper?.[i] ?? Infinity);

  let x = Float64Array.from(x0, (v, i) => Math.min(hi[i], Math.max(lo[i], v)));
  let g = new Float64Array(d);
  let fx = f(x, g);
  let evaluations = 1;
  const work = options.work ?? (() => evaluations);
  const done = (
    converged: boolean,
    reason: string,
    iterations: number,
    boundIndex?: number
  ): MinimizeResult => ({
    x,
    value: fx,
    gradient: g,
    iterations,
    evaluations,
    converged,
    reason,
    boundIndex,
  });
  if (!Number.isFinite(fx) || !g.every(Number.isFinite)) return done(false, "not finite", 0);

  const H = identity(d);
  const p = new Float64Array(d);
  const xNew = new Float64Array(d);
  let gNew = new Float64Array(d);
  const s = new Float64Array(d);
  const y = new Float64Array(d);
  let firstUpdate = true;
  let stalls = 0;

  for (let iter = 0; iter < maxIter; iter++) {
    if (maxAbs(g) <= gtol) return done(true, "gradient", iter);
    if (work() > maxWork) return done(false, "budget", iter);

    // direction, falling back to steepest descent if H has lost positive definiteness
    matVec(H, g, p);
    let slope = 0;
    for (let i = 0; i < d; i++) {
      p[i] = -p[i];
      slope += p[i] * g[i];
    }
    if (!(slope < 0)) {
      // never in exact arithmetic (the update keeps H positive definite while sᵀy > 0), but sᵀy is accepted down
      // to 1e-12·|s||y|, and rounding in so ill-conditioned an update can break it: restart rather than go uphill
      H.set(identity(d));
      slope = 0;
      for (let i = 0; i < d; i++) {
        p[i] = -g[i];
        slope += p[i] * g[i];
      }
    }

    // the longest step that stays in the box
    let tMax = Infinity;
    let blocking = -1;
    for (let i = 0; i < d; i++) {
      const room = p[i] > 0 ? (hi[i] - x[i]) / p[i] : p[i] < 0 ? (lo[i] - x[i]) / p[i] : Infinity;
      if (room < tMax) {
        tMax = room;
        blocking = i;
      }
    }
    if (tMax <= 1e-12) return done(false, "bound", iter, blocking);

    let t = Math.min(1, tMax);
    let fNew = NaN;
    let accepted = false;
    for (let k = 0; k < 60; k++) {
      // each evaluation may be costly where the likelihood is hard to compute (a ₂F₁ with z near 1): watch the budget
      if (k > 0 && work() > maxWork) return done(false, "budget", iter);
      for (let i = 0; i < d; i++) xNew[i] = x[i] + t * p[i];
      fNew = f(xNew, gNew);
      evaluations++;
      if (Number.isFinite(fNew) && gNew.every(Number.isFinite) && fNew <= fx + 1e-4 * t * slope) {
        accepted = true;
        break;
      }
      // a non-finite value means the step left the region where the likelihood can be evaluated: back off hard
      t *= Number.isFinite(fNew) ? Math.max(0.1, quadraticStep(fx, slope, t, fNew) / t) : 0.1;
    }
    if (!accepted) {
      // at the floor of floating-point resolution a tiny gradient is as good as it gets
      if (maxAbs(g) <= Math.max(gtol, 1e-5)) return done(true, "gradient", iter);
      return done(false, "no progress", iter);
    }

    let sy = 0;
    let yy = 0;
    for (let i = 0; i < d; i++) {
      s[i] = xNew[i] - x[i];
      y[i] = gNew[i] - g[i];
      sy += s[i] * y[i];
      yy += y[i] * y[i];
    }
    stalls = fx - fNew <= 1e-15 * Math.abs(fx) ? stalls + 1 : 0;
    x = Float64Array.from(xNew);
    const gOld = g;
    g = gNew;
    gNew = gOld;
    fx = fNew;
    if (t === tMax && tMax < 1) {
      // stopped on a bound: converged only if the gradient no longer pushes outward there
      if (maxAbs(g) > gtol) {
        const i = blocking;
        if ((x[i] >= hi[i] && g[i] < 0) || (x[i] <= lo[i] && g[i] > 0))
          return done(false, "bound", iter + 1, i);
      }
    }
    if (stalls >= 5) {
      return maxAbs(g) <= Math.max(gtol, 1e-5)
        ? done(true, "gradient", iter + 1)
        : done(false, "no progress", iter + 1);
    }
    if (sy > 1e-12 * Math.sqrt(yy) * Math.sqrt(dot(s, s))) {
      if (firstUpdate) {
        // scale the first H to the observed curvature (Nocedal & Wright 6.20)
        const scale = sy / yy;
        for (let i = 0; i < d * d; i++) H[i] *= scale;
        firstUpdate = false;
      }
      bfgsUpdate(H, s, y, sy, d);
    }
  }
  return maxAbs(g) <= gtol ? done(true, "gradient", maxIter) : done(false, "iterations", maxIter);
}

/**
 * Minimiser of the quadratic through f(0), f'(0) and f(t). Called only after t failed the Armijo test with a
 * finite f(t), i.e. f(t) > f(0) + 10⁻⁴·t·f'(0) with f'(0) < 0, so f(t) − f(0) − t·f'(0) > −0.9999·t·f'(0) > 0:
 * the quadratic is always convex and the denominator positive (no fallback needed).
 */
function quadraticStep(f0: number, slope: number, t: number, ft: number): number {
  return (-slope * t * t) / (2 * (ft - f0 - slope * t));
}

/** H ← (I − ρsyᵀ) H (I − ρysᵀ) + ρssᵀ, ρ = 1/sᵀy, written out to avoid temporaries of size d². */
function bfgsUpdate(
  H: Float64Array,
  s: Float64Array,
  y: Float64Array,
  sy: number,
  d: number
): void {
  const rho = 1 / sy;
  const Hy = new Float64Array(d);
  matVec(H, y, Hy);
  const yHy = dot(y, Hy);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      H[i * d + j] += -rho * (s[i] * Hy[j] + Hy[i] * s[j]) + (rho * rho * yHy + rho) * s[i] * s[j];
    }
  }
}

function identity(d: number): Float64Array {
  const m = new Float64Array(d * d);
  for (let i = 0; i < d; i++) m[i * d + i] = 1;
  return m;
}

function matVec(m: Float64Array, v: Float64Array, out: Float64Array): void {
  const d = v.length;
  for (let i = 0; i < d; i++) {
    let acc = 0;
    for (let j = 0; j < d; j++) acc += m[i * d + j] * v[j];
    out[i] = acc;
  }
}

function dot(a: Float64Array, b: Float64Array): number {
  let acc = 0;
  for (let i = 0; i < a.length; i++) acc += a[i] * b[i];
  return acc;
}

function maxAbs(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]));
  return m;
}

/** A named positive parameter and its start value, for {@link fitPositive}. */
export interface ParamSpec {
  name: string;
  start: number;
  /**
   * An upper bound at which the estimate is accepted (a cap). A shape parameter of a mixing distribution that
   * runs to ∞ means the customers are alike in that respect, and any large value predicts the same: the fit then
   * holds the parameter at its cap and maximises over the others, instead of reporting "r → ∞".
   */
  cap?: number;
}

/** What {@link fitPositive} returns. */
export interface FitPositiveResult {
  params: Float64Array;
  logLik: number;
  iterations: number;
  evaluations: number;
  /** names of the parameters held at their cap */
  capped: string[];
}

/** Log-space bounds: parameters between 1e-10 and 1e10; reaching one means the estimate runs off to 0 or ∞. */
const LOG_BOUND = Math.log(1e10);
/**
 * Work allowed for a fit, counted rather than timed so that a spreadsheet recalculation gives the same answer on
 * every machine and every time. One evaluation costs {@link EVALUATION_UNITS} plus the ₂F₁ series terms it sums
 * (`seriesWork`, for the Pareto/NBD); the budget is {@link WORK_BASE} plus {@link WORK_PER_EVALUATION} times the
 * cost of the evaluation at the start. A fit needs a few tens of BFGS steps (CDNOW: 23 for the BG/NBD, 27 for
 * the Pareto/NBD), each one or two evaluations, so a well-posed fit of any size stays far inside the limit; a
 * pathological input whose evaluations grow a hundredfold on the way (₂F₁ series of hundreds of thousands of
 * terms as z → 1) runs into it and gets #N/A after some tens of millions of terms (about a tenth of a second), not after seconds.
 */
export const EVALUATION_UNITS = 100;
export const WORK_BASE = 20_000_000;
export const WORK_PER_EVALUATION = 200;

/** Mean log-likelihood change per customer below which a 1.5-fold change of a parameter counts as "flat". */
const FLAT = 1e-7;
const PROBE = Math.log(1.5);

/**
 * Maximum likelihood over positive parameters, optimised in θ = log(parameter) space.
 *
 * @param negLogLik returns −log-likelihood ÷ scale at the natural parameters and writes its gradient with
 *   respect to the natural parameters into `grad` (the chain rule to log space, ∂/∂θ = p·∂/∂p, is done here)
 * @param scale the divisor used by negLogLik (the number of customers), to report the total log-likelihood
 * @throws LtvError (#N/A) `notConverged` naming the runaway parameter ("b → ∞") or the search's state,
 *   `likelihoodNotFinite` when the likelihood overflows at the start or cannot be evaluated anywhere near it,
 *   `fitTimeLimit` when the fit runs past its work budget (see {@link WORK_BASE}).
 * Cost: O(iterations × evaluation).
 */
export function fitPositive(
  specs: readonly ParamSpec[],
  negLogLik: (p: Float64Array, grad: Float64Array) => number,
  scale: number,
  arg: string,
  options: MinimizeOptions = {}
): FitPositiveResult {
  const d = specs.length;
  const p = new Float64Array(d);
  const objective: Objective = (theta, grad) => {
    for (let i = 0; i < d; i++) p[i] = Math.exp(theta[i]);
    const v = negLogLik(p, grad);
    for (let i = 0; i < d; i++) grad[i] *= p[i];
    return v;
  };
  const upper = specs.map((s) => (s.cap !== undefined ? Math.log(s.cap) : LOG_BOUND));
  const theta = Float64Array.from(specs, (s, i) => Math.min(Math.log(s.start), upper[i]));
  // charge each evaluation a fixed cost plus the ₂F₁ terms it sums; the start's cost sets the budget relative to
  // the size of the problem (the same for the same input: counted, not timed)
  let units = 0;
  const work = () => units + seriesWork.terms;
  const w0 = work();
  objective(Float64Array.from(theta), new Float64Array(d));
  const base = options.workBase ?? WORK_BASE;
  const maxWork = w0 + base + WORK_PER_EVALUATION * (EVALUATION_UNITS + work() - w0);

  // the search runs over the parameters not held at a cap; it is restarted, from where it stood, each time it
  // stops on a cap (at most once per capped parameter)
  const held = new Array<boolean>(d).fill(false);
  const full = new Float64Array(d);
  const fullGrad = new Float64Array(d);
  let iterations = 0;
  let evaluations = 0;
  let free: number[] = [];
  let result: MinimizeResult;
  for (;;) {
    free = specs.map((_, i) => i).filter((i) => !held[i]);
    const counted: Objective = (x, grad) => {
      units += EVALUATION_UNITS;
      full.set(theta);
      for (let k = 0; k < free.length; k++) full[free[k]] = x[k];
      const v = objective(full, fullGrad);
      for (let k = 0; k < free.length; k++) grad[k] = fullGrad[free[k]];
      return v;
    };
    result = minimize(
      counted,
      free.map((i) => theta[i]),
      {
        lower: free.map(() => -LOG_BOUND),
        upper: free.map((i) => upper[i]),
        maxWork,
        work,
        ...options,
      }
    );
    iterations += result.iterations;
    evaluations += result.evaluations;
    for (let k = 0; k < free.length; k++) theta[free[k]] = result.x[k];
    const k = result.boundIndex;
    if (!result.converged && result.reason === "bound" && k !== undefined) {
      const i = free[k];
      if (specs[i].cap !== undefined && result.x[k] > 0 && free.length > 1) {
        held[i] = true;
        theta[i] = upper[i];
        continue;
      }
    }
    break;
  }
  if (!result.converged) {
    const gradientSize = maxAbs(result.gradient);
    if (
      result.reason === "not finite" ||
      !Number.isFinite(result.value) ||
      !Number.isFinite(gradientSize)
    ) {
      throw notConverged("likelihoodNotFinite", { arg });
    }
    if (result.reason === "budget") {
      throw notConverged("fitTimeLimit", {
        arg,
        params: { iterations },
      });
    }
    let reason: string;
    // minimize names the coordinate whenever it stops on a bound (reason "bound"), and only then
    const k = result.boundIndex;
    if (k !== undefined) {
      reason = `${specs[free[k]].name} → ${result.x[k] > 0 ? "∞" : "0"}`;
    } else reason = `BFGS ${iterations}, |∇| = ${gradientSize.toExponential(1)}`;
    // reasons are formulas, not words, so they read the same inside the English and the Japanese message
    throw notConverged("notConverged", { arg, params: { reason } });
  }
  // A gradient can vanish simply because the likelihood has gone flat while a parameter runs off to 0 or ∞
  // (e.g. no dropout in the data): the estimate is then not identified. Check that scaling each parameter by
  // 1.5 either way costs likelihood; if it does not, report the runaway instead of a meaningless number. (A
  // modest factor: the probes stay where the likelihood is cheap to evaluate, and a real optimum still shows a
  // change of order 0.4²·curvature, far above the threshold.) A parameter at its cap is probed downwards only:
  // above the cap is where it is allowed to be flat.
  const probe = Float64Array.from(theta);
  const scratch = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    for (const dir of [1, -1]) {
      if (dir > 0 && theta[i] >= upper[i] && specs[i].cap !== undefined) continue;
      probe[i] = theta[i] + dir * PROBE;
      const v = objective(probe, scratch);
      probe[i] = theta[i];
      if (Number.isFinite(v) && v - result.value < FLAT) {
        const reason = `${specs[i].name} → ${dir > 0 ? "∞" : "0"}`;
        throw notConverged("notConverged", { arg, params: { reason } });
      }
    }
  }
  const params = Float64Array.from(theta, Math.exp);
  return {
    params,
    logLik: -result.value * scale,
    iterations,
    evaluations,
    capped: specs.filter((s, i) => s.cap !== undefined && theta[i] >= upper[i]).map((s) => s.name),
  };
}
