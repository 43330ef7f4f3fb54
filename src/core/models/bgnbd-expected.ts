/**
 * The BG/NBD expected number of purchases of a customer known to be alive, at any horizon, in work that does not
 * grow with the horizon.
 *
 * For a customer with x repeat purchases, alive at T, the posterior is λ ~ Gamma(R, β) and p ~ Beta(a, b′), with
 * R = r + x, β = α + T, b′ = b + x. While alive she buys at rate λ and drops out after each purchase with
 * probability p, so E[Y(t) | λ, p] = (1 − e^(−λpt))/p and
 *
 *   H(t) = E[(1 − (β/(β+pt))^R) / p] = C/(a−1) · [1 − w^(a−1) ₂F₁(A, a−1; C; z)],
 *
 * with C = a + b′ − 1, A = C − R = a + b − 1 − r, z = t/(β+t), w = 1 − z = β/(β+t) (FHL 2005, eq. 10 after
 * Euler's transformation). The power series in z needs about 40/w terms, which grows without bound with t; so
 * for z near 1 the same function is summed in powers of w instead, through the 1 − z transformation
 * (Abramowitz & Stegun 15.3.6), with m = C − A − (a−1) = R − a + 1:
 *
 *   H(t) = C/(a−1) · [1 − G w^(a−1) ₂F₁(A, a−1; 1−m; w)] − Γ(C+1)Γ(−m)/(Γ(A)Γ(a)) · w^R ₂F₁(R, b′; 1+m; w),
 *   G = Γ(C)Γ(m) / (Γ(R)Γ(b′)).
 *
 * Each evaluation takes the series that needs fewer terms, so its work is bounded by the parameters, not by t.
 * The Γ ratios are logs of Γ(x+s)/Γ(x) by Stirling's series ({@link logGammaRatioOver}), which keep their digits
 * for large parameters (a difference of two large log-gammas does not).
 *
 * Where the formulas divide 0 by 0, H (analytic in a) keeps its digits another way:
 * - a = 1: both forms are summed as (F − 1)/(a−1), and ln G divided by a − 1;
 * - C = 0 (a + b + x = 1): the z series is extrapolated from a ± ε, a ± 2ε, a ± 3ε, ε = 10⁻⁴ (nothing cancels);
 * - m within 5·10⁻⁵ of an integer (r − a a whole number, as typed parameters often are): the two terms of the
 *   transformation are near-infinite and cancel, so the z series is summed if it needs at most 1,000 terms, else
 *   the w series is extrapolated likewise with ε = 0.01/(1 + |ln w|).
 * Accuracy, against mpmath at 60 digits over 3,880 cases (t from 10⁻³ to 10⁵, x up to 1,000, a = 1, C = 0,
 * r − a whole, and 2,000 drawn at random over r ≤ 50, α ≤ 100, a ≤ 10, b ≤ 300, x < 300, T ≤ 500):
 * 6·10⁻¹² relative at worst.
 *
 * Written by hand because no JavaScript library sums ₂F₁ near z = 1 for these parameters: stdlib's Cephes port
 * overflows Γ(c) beyond c ≈ 171 (a heavy buyer) and loses digits when c − a − b is near, not at, an integer.
 */
import digamma from "@stdlib/math-base-special-digamma";
import gammaln from "@stdlib/math-base-special-gammaln";
import { badValue } from "../errors";
import type { BgNbdParams } from "./bgnbd";
import { seriesWork } from "./special";

/** Builtins bound once: global lookups in the hot loops are slow in a bare JavaScript context (the custom functions' runtime, the tests' worker). */
const { abs, ceil, exp, expm1, floor, log, log1p, log2, max, min, round, sign } = Math;
const isFinite_ = Number.isFinite;

/** Series terms one ₂F₁ series may sum: a bound on any one evaluation (about a millisecond). */
export const EXPECTED_MAX_TERMS = 100_000;
const EPS = 1e-17;
/** A series whose largest term exceeds its sum by more than this is tried the other way (≈ 13 digits left). */
const RETRY_LOSS = 1e3;
/** ... and refused when neither way keeps about 7 digits. */
const REFUSE_LOSS = 1e9;
/** m this close to an integer: extrapolate from shifted a (see the module comment). */
const DEGENERATE = 5e-5;
const SHIFT = 1e-2;
/** The z series near C = 0 loses nothing to the shift (no near-infinite terms cancel): a small ε keeps O(ε⁸) nil. */
const SHIFT_Z = 1e-4;
/** Terms of the z series worth summing rather than extrapolating a degenerate w series. */
const DEGENERATE_Z_TERMS = 1_000;
/** Terms the other series may take to replace one that lost more than three digits. */
const RETRY_TERMS = 5_000;
/** |a − 1| below this: Γ ratios by {@link logGammaRatioOver} rather than by differences of log-gammas. */
const NEAR_ONE = 0.25;

/** log(1 + u·s)/u, and its limit s at u = 0. Requires 1 + u·s > 0. */
function log1pOver(u: number, s: number): number {
  return u === 0 ? s : log1p(u * s) / u;
}

/** (e^(u·y) − 1)/u, and its limit y at u = 0. */
function expm1Over(u: number, y: number): number {
  return u === 0 ? y : expm1(u * y) / u;
}

/** Sign of Γ(x) for real x that is not a non-positive integer. */
function gammaSign(x: number): number {
  return x > 0 || floor(x) % 2 === 0 ? 1 : -1;
}

const STIRLING = [
  1 / 12,
  -1 / 360,
  1 / 1260,
  -1 / 1680,
  1 / 1188,
  -691 / 360360,
  1 / 156,
  -3617 / 122400,
];

/**
 * (ln Γ(x+u) − ln Γ(x)) / u for x > 0, x + u > 0, and its limit ψ(x) at u = 0, accurate to the last digits even
 * for u → 0 (a difference of two log-gammas would lose them). Stirling's series for x ≥ 10, the recurrence
 * Γ(x+1) = xΓ(x) below. O(1).
 */
export function logGammaRatioOver(x: number, u: number): number {
  if (u === 0) return digamma(x);
  let shift = 0;
  while (x < 10 || x + u < 10) {
    shift += log1pOver(u, 1 / x);
    x += 1;
  }
  const l = log1pOver(u, 1 / x); // log(1 + u/x)/u
  let s = (x - 0.5) * l + log(x + u) - 1;
  let xp = 1 / x; // x^(1−2k)
  const ix2 = 1 / (x * x);
  for (let k = 1; k <= STIRLING.length; k++) {
    s += STIRLING[k - 1] * xp * expm1Over(u, (1 - 2 * k) * l);
    xp *= ix2;
  }
  return s - shift;
}

interface Series {
  /** Σₙ≥₁ of the terms (NaN when the series did not converge within its bound) */
  sum: number;
  /** largest |term| ÷ |sum|: how many digits cancellation may have cost */
  loss: number;
}

/**
 * Σₙ≥₁ cₙ with c₁ = first and cₙ₊₁/cₙ = (p+n)(q+n)/((s+n)(n+1)) · y: a ₂F₁(p, q; s; y) series without its
 * leading 1 (and, with first divided by q, the series of (F − 1)/q). Stops once the rest is below 10⁻¹⁷ of the
 * sum, bounding the rest by the current ratio or its limit y, whichever is larger, and not before p + n, q + n and
 * s + n are all positive (a factor passing through 0 makes one term tiny and later ones large again). Counts its terms in
 * {@link seriesWork}.
 */
function seriesTail(
  first: number,
  p: number,
  q: number,
  s: number,
  y: number,
  maxTerms: number
): Series {
  seriesWork.terms += 1;
  if (first === 0) return { sum: 0, loss: 0 };
  if (!isFinite_(first)) return { sum: NaN, loss: Infinity };
  let term = first;
  let sum = first;
  let largest = abs(first);
  for (let n = 1; n < maxTerms; n++) {
    const ratio = (((p + n) * (q + n)) / ((s + n) * (n + 1))) * y;
    term *= ratio;
    if (!isFinite_(term)) {
      seriesWork.terms += n;
      return { sum: NaN, loss: Infinity };
    }
    sum += term;
    const a = abs(term);
    if (a > largest) largest = a;
    const bound = max(abs(ratio), y);
    // the rest is bounded so only once every factor of the ratio has passed its sign change: before, a
    // factor near 0 makes one term tiny and a later one large
    const settled = p + n > 0 && q + n > 0 && s + n > 0;
    if (term === 0 || (settled && bound < 1 && a <= EPS * (1 - bound) * abs(sum))) {
      seriesWork.terms += n;
      return { sum, loss: sum === 0 ? Infinity : largest / abs(sum) };
    }
  }
  seriesWork.terms += maxTerms;
  return { sum: NaN, loss: Infinity };
}

interface Head {
  h: number;
  loss: number;
}

const FAILED: Head = { h: NaN, loss: Infinity };

/** The parameters of one customer's H(t), for one value of a (shifted copies serve the extrapolation). */
export class HeadAt {
  readonly u: number;
  readonly C: number;
  readonly A: number;
  readonly m: number;
  private w?: {
    /** ln G / u near a = 1, else ln |G| with its sign */
    lnG: number;
    signG: number;
    overU: boolean;
    lnU2: number;
    signU2: number;
  };

  constructor(
    readonly a: number,
    readonly R: number,
    readonly bp: number
  ) {
    this.u = a - 1;
    this.C = a + bp - 1;
    this.A = this.C - R;
    this.m = R - this.u;
  }

  /** The series in z: (F − 1)/u summed directly, so the bracket keeps its digits near a = 1. */
  inZ(z: number, lnw: number): Head {
    const { u, C, A } = this;
    const s = seriesTail((A * z) / C, A, u, C, z, EXPECTED_MAX_TERMS);
    if (Number.isNaN(s.sum)) return FAILED;
    const us = u * s.sum;
    const h =
      us > -1
        ? -C * expm1Over(u, lnw + log1pOver(u, s.sum))
        : (C * (1 - exp(u * lnw) * (1 + us))) / u;
    return { h, loss: s.loss };
  }

  private constantsW() {
    if (this.w) return this.w;
    const { a, R, bp, u, C, A, m } = this;
    const overU = abs(u) < NEAR_ONE && m > 0 && C > 0;
    // G = Γ(C)Γ(m)/(Γ(R)Γ(b′)) with C = b′ + u and R = m + u: as ratios Γ(x+s)/Γ(x), whose logs keep their
    // digits when x is large (a difference of two large log-gammas does not)
    const ratio = (x: number, s: number) => s * logGammaRatioOver(x, s);
    const cOverB = C > 0 ? ratio(bp, u) : gammaln(C) - gammaln(bp);
    const mOverR = m > 0 ? -ratio(m, u) : gammaln(m) - gammaln(R);
    const lnG = overU ? logGammaRatioOver(bp, u) - logGammaRatioOver(m, u) : cOverB + mOverR;
    const signG = gammaSign(C) * gammaSign(m);
    // Γ(C+1)Γ(−m)/(Γ(A)Γ(a)) with C + 1 = A + R + 1 and a = −m + R + 1; zero when A is a non-positive integer
    const aPole = A <= 0 && Number.isInteger(A);
    const cOverA = A > 0 ? ratio(A, R + 1) : gammaln(C + 1) - gammaln(A);
    const mOverA = -m > 0 ? -ratio(-m, R + 1) : gammaln(-m) - gammaln(a);
    const lnU2 = aPole ? -Infinity : cOverA + mOverA;
    const signU2 = aPole ? 0 : gammaSign(C + 1) * gammaSign(-m) * gammaSign(A);
    this.w = { lnG, signG, overU, lnU2, signU2 };
    return this.w;
  }

  /** The 1 − z transformation: two series in w. */
  inW(w: number, lnw: number): Head {
    const { u, C, A, m, R, bp } = this;
    const k = this.constantsW();
    const s1 = seriesTail((A * w) / (1 - m), A, u, 1 - m, w, EXPECTED_MAX_TERMS);
    const s2 = seriesTail((R * bp * w) / (1 + m), R, bp, 1 + m, w, EXPECTED_MAX_TERMS);
    if (Number.isNaN(s1.sum) || Number.isNaN(s2.sum)) return FAILED;
    // part 1 = C/u · (1 − G w^u F₁), F₁ = 1 + u·s₁
    const f1 = 1 + u * s1.sum;
    let part1: number;
    if (k.overU && k.signG > 0 && f1 > 0)
      part1 = -C * expm1Over(u, k.lnG + lnw + log1pOver(u, s1.sum));
    else {
      const lnT1 = (k.overU ? u * k.lnG : k.lnG) + u * lnw + log(abs(f1));
      part1 = (C * (1 - k.signG * sign(f1) * exp(lnT1))) / u;
    }
    const f2 = 1 + s2.sum;
    const part2 =
      k.signU2 === 0 || f2 === 0 ? 0 : k.signU2 * sign(f2) * exp(k.lnU2 + R * lnw + log(abs(f2)));
    const h = part1 - part2;
    const spread = (abs(part1) + abs(part2)) / abs(h);
    return { h, loss: max(s1.loss, s2.loss, spread) };
  }
}

/** Distance from x to the nearest integer. */
function offInteger(x: number): number {
  return abs(x - round(x));
}

/**
 * H(t) for one customer, as a function of t ≥ 0 (the constants are computed once: CLV evaluates it at hundreds
 * of t). See the module comment for the formula and the choice of series.
 * @param arg the argument named when the parameters are too extreme to evaluate
 * @throws LtvError `resultNotFinite` naming `arg` when neither series gives a trustworthy value (parameters so
 *   extreme that every series cancels its digits away, e.g. r ≫ a + b with a long horizon and few purchases).
 * Cost: O(1) per t, at most 2 × {@link EXPECTED_MAX_TERMS} series terms (8 × near a degenerate m).
 */
export function bgnbdHead(
  p: BgNbdParams,
  x: number,
  beta: number,
  arg: string
): (t: number) => number {
  const R = p.r + x;
  const bp = p.b + x;
  const base = new HeadAt(p.a, R, bp);
  const shifted = new Map<number, HeadAt>();
  const at = (da: number) => {
    let h = shifted.get(da);
    if (!h) shifted.set(da, (h = new HeadAt(p.a + da, R, bp)));
    return h;
  };
  /**
   * The value at a from a ± ε, a ± 2ε, a ± 3ε (error O(ε⁸)): 1.5·g(ε) − 0.6·g(2ε) + 0.1·g(3ε), g the mean of
   * the two sides. ε shrinks with |ln w|, the scale on which H varies with a.
   */
  const extrapolated = (scale: number, f: (h: HeadAt) => Head): Head => {
    const eps = min(scale, p.a / 4);
    const g = (j: number) => {
      const l = f(at(j * eps));
      const r = f(at(-j * eps));
      return { h: (l.h + r.h) / 2, loss: max(l.loss, r.loss) };
    };
    const [g1, g2, g3] = [g(1), g(2), g(3)];
    return { h: 1.5 * g1.h - 0.6 * g2.h + 0.1 * g3.h, loss: max(g1.loss, g2.loss, g3.loss) };
  };
  const zDegenerate = offInteger(base.C) < DEGENERATE && round(base.C) <= 0;
  const wDegenerate = offInteger(base.m) < DEGENERATE;
  const viaZ = (z: number, lnw: number): Head =>
    zDegenerate ? extrapolated(SHIFT_Z, (h) => h.inZ(z, lnw)) : base.inZ(z, lnw);
  // ε halves as |ln w| doubles: a handful of shifted copies per customer, whatever the t
  const viaW = (w: number, lnw: number): Head =>
    wDegenerate
      ? extrapolated(SHIFT / 2 ** ceil(log2(1 - lnw)), (h) => h.inW(w, lnw))
      : base.inW(w, lnw);
  return (t: number) => {
    if (t === 0) return 0;
    const z = t / (beta + t);
    const w = beta / (beta + t);
    const lnw = -log1p(t / beta);
    // terms each series needs, roughly: the z series falls like zⁿ (its stopping rule needs that geometric fall,
    // so it is reckoned by it alone); the w series like wⁿ after its largest term, near max(|A|, R, b′)·w/(1−w).
    // An extrapolated w series costs six and is a few digits less exact: the z series is preferred while short.
    const inZ = 37 / log1p(beta / t); // −ln z, exact even where z rounds to 1
    const inW =
      37 / -lnw +
      (2 * max(abs(base.A), R, bp) * w) / z +
      10 +
      (wDegenerate ? DEGENERATE_Z_TERMS : 0);
    const zFirst = z <= 0.5 || inZ <= inW;
    let best = zFirst ? viaZ(z, lnw) : viaW(w, lnw);
    // the other way, if the first lost digits (and the other is not hopelessly long) or failed outright
    const failed = !(best.loss <= REFUSE_LOSS) || !isFinite_(best.h);
    // an extrapolated w series spreads by ~1/ε by design (its two terms near-infinite): it keeps ~12 digits
    const retry = !zFirst && wDegenerate ? RETRY_LOSS * 1e3 : RETRY_LOSS;
    if (failed || (best.loss > retry && (zFirst ? inW : inZ) <= RETRY_TERMS)) {
      const other = zFirst ? viaW(w, lnw) : viaZ(z, lnw);
      if (isFinite_(other.h) && (!isFinite_(best.h) || other.loss < best.loss)) best = other;
    }
    if (!(best.loss <= REFUSE_LOSS) || !isFinite_(best.h))
      throw badValue("resultNotFinite", { arg });
    return best.h;
  };
}
