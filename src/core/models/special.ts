/**
 * Special functions the buy-till-you-die models need beyond stdlib-js: log-sum-exp, log(1 − eˣ), and the
 * Gauss hypergeometric function ₂F₁ on the arguments these models produce (0 ≤ z < 1).
 *
 * Why our own ₂F₁: the Pareto/NBD likelihood needs log ₂F₁(a, b; a+1; z) *and its derivatives in a, b and z*
 * (for analytic gradients), possibly far beyond the double range (b = r + x can be in the hundreds). stdlib's
 * `hyp2f1` (a port of Cephes) gives neither derivatives nor a log scale.
 */

/** log(eᵃ + eᵇ) without overflow. Example: `logAddExp(1000, 1000)` → 1000 + ln 2. O(1). */
export function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/**
 * log(1 − eˣ) for x ≤ 0, accurate near 0 and for very negative x (Mächler 2012).
 * Example: `log1mExp(-1e-20)` → ln(1e-20) ≈ −46.05. O(1).
 */
export function log1mExp(x: number): number {
  if (x > -Math.LN2) return Math.log(-Math.expm1(x));
  return Math.log1p(-Math.exp(x));
}

/** Largest number of series terms before ₂F₁ gives up (z within ~1e-5 of 1); the caller sees NaN. */
export const MAX_TERMS = 400_000;

/**
 * Series terms summed so far by every ₂F₁ here, a running count. The fits read it before and after to charge each
 * likelihood evaluation its true cost, so their work limit is counted, not timed: the same input always takes
 * the same path (JavaScript runs one call at a time, so nothing else moves the count in between).
 */
export const seriesWork = { terms: 0 };
/** Rescale the running sums when they pass this, keeping the log of the scale separately. */
const RESCALE = 1e250;
const EPS = 1e-17;
/** Largest term ÷ sum beyond which cancellation has left fewer than ~7 significant digits. */
const CANCELLATION = 1e9;

/**
 * ₂F₁(a, b; c; z) by its power series, for 0 ≤ z < 1 and c > 0, any real a and b.
 *
 * Formula: Σₙ (a)ₙ(b)ₙ / ((c)ₙ n!) zⁿ. Terms are summed until they stop changing the sum; a non-positive
 * integer a or b ends the series exactly. Example: `hyp2f1(1, 1, 2, 0.5)` → −ln(0.5)/0.5 = 1.386294…
 * @returns the value, or NaN when the series would need more than 400,000 terms (z extremely close to 1).
 * Cost: O(1/(1 − z)) terms.
 */
export function hyp2f1(
  a: number,
  b: number,
  c: number,
  z: number,
  maxTerms: number = MAX_TERMS
): number {
  if (z === 0) return 1;
  let term = 1;
  let sum = 1;
  let largest = 1;
  for (let n = 0; n < maxTerms; n++) {
    const ratio = ((a + n) * (b + n)) / ((c + n) * (n + 1));
    term *= ratio * z;
    sum += term;
    largest = Math.max(largest, Math.abs(term));
    // once the terms shrink geometrically, stop when they no longer matter
    const q = Math.abs(ratio * z);
    // the tail after a term is at most term·q/(1 − q) once the ratio q stays below 1
    if (term === 0 || (q < 1 && Math.abs(term) <= EPS * (1 - q) * Math.abs(sum))) {
      seriesWork.terms += n + 1;
      // terms of alternating sign far larger than the sum cancel away the digits (a ≪ 0): not a number to trust
      return largest > CANCELLATION * Math.abs(sum) ? NaN : sum;
    }
  }
  seriesWork.terms += maxTerms;
  return NaN;
}

/**
 * log ₂F₁(a, b; a+1; z) and its partial derivatives, the form the Pareto/NBD likelihood takes.
 *
 * Series: ₂F₁(a, b; a+1; z) = Σₙ a/(a+n) · (b)ₙ/n! · zⁿ, all terms positive for a, b > 0 and 0 ≤ z < 1, so
 * the sum and its derivatives in a, b, z accumulate without cancellation:
 * ∂/∂a term = (b)ₙ zⁿ/n! · n/(a+n)², ∂/∂b term = term · Σₖ<ₙ 1/(b+k), ∂/∂z term = n·term/z.
 * Sums are rescaled when they grow past 1e250, so the log stays exact when the value itself would overflow.
 *
 * @param out receives [log F, ∂log F/∂a, ∂log F/∂b, ∂log F/∂z]; all NaN when the series does not converge
 *   within 400,000 terms (the optimiser then treats the point as infeasible).
 * For b > 1 the terms first grow like n^(b−1) zⁿ (thousands of terms for a heavy buyer, b = r + x ≈ 200,
 * at z ≈ 0.99), so there (when also a + 1 − b > 0, as in both Pareto/NBD branches) Euler's transformation is
 * summed instead, see {@link logHyp2f1A1Euler}.
 * Example: a = 1, b = 1, z = 0.5 → log(2 ln 2) = 0.3266…  Cost: O(1/(1 − z)) terms at worst.
 */
export function logHyp2f1A1(a: number, b: number, z: number, out: Float64Array): void {
  if (b > 1 && a + 1 - b > 0) {
    logHyp2f1A1Euler(a, b, z, out);
    return;
  }
  let u = 1; // (b)ₙ zⁿ / n!, scaled
  let h = 0; // Σₖ<ₙ 1/(b+k)
  let s = 1;
  let sa = 0;
  let sb = 0;
  let sz = 0;
  let logScale = 0;
  let done = z === 0;
  let n = 1;
  for (; !done && n < MAX_TERMS; n++) {
    h += 1 / (b + n - 1);
    const uPrev = u;
    u = (uPrev * (b + n - 1) * z) / n;
    const an = a + n;
    const t = (a * u) / an;
    s += t;
    sa += (u * n) / (an * an);
    sb += t * h;
    sz += (a * uPrev * (b + n - 1)) / an; // n·t/z, without dividing by z
    if (s > RESCALE) {
      s /= RESCALE;
      sa /= RESCALE;
      sb /= RESCALE;
      sz /= RESCALE;
      u /= RESCALE;
      logScale += Math.log(RESCALE);
    }
    const q = ((b + n) * z) / (n + 1);
    // tail bound: the next terms shrink at least by q each; the a- and b-derivative terms are ≤ t/a and t·h
    if (q < 1 && t * (1 + h + 1 / a) <= EPS * (1 - q) * s) done = true;
  }
  seriesWork.terms += n;
  if (!done) {
    out[0] = out[1] = out[2] = out[3] = NaN;
    return;
  }
  out[0] = Math.log(s) + logScale;
  out[1] = sa / s;
  out[2] = sb / s;
  out[3] = z === 0 ? (a * b) / (a + 1) : sz / s;
}

/**
 * The same quantities through Euler's transformation, for b > 1:
 *   ₂F₁(a, b; a+1; z) = (1−z)^(1−b) · G,   G = ₂F₁(1, e; c; z) = Σₙ Pₙ zⁿ,   e = a+1−b, c = a+1,
 * Pₙ = Πₖ<ₙ (e+k)/(c+k). With e < c every term ratio is below z and the terms fall like n^−b zⁿ from the start,
 * so a large b (many purchases) makes the series shorter instead of longer. G ≤ 1/(1−z): no overflow.
 * Requires e > 0, which holds for both Pareto/NBD branches (e = r+x or s+1). Derivatives:
 *   ∂/∂a log F = Σ Pₙ Dₙ zⁿ / G,  Dₙ = Σₖ<ₙ 1/(e+k) − 1/(c+k);
 *   ∂/∂b log F = −ln(1−z) − Σ Pₙ Hₙ zⁿ / G,  Hₙ = Σₖ<ₙ 1/(e+k);
 *   ∂/∂z log F = (b−1)/(1−z) + Σ n Pₙ zⁿ⁻¹ / G.
 */
export function logHyp2f1A1Euler(a: number, b: number, z: number, out: Float64Array): void {
  const e = a + 1 - b;
  const c = a + 1;
  let p = 1;
  let zPrev = 1; // zⁿ⁻¹
  let d = 0;
  let h = 0;
  let g = 1;
  let ga = 0;
  let gb = 0;
  let gz = 0;
  let done = z === 0;
  let n = 1;
  for (; !done && n < MAX_TERMS; n++) {
    const ek = e + n - 1;
    const ck = c + n - 1;
    p *= ek / ck;
    d += 1 / ek - 1 / ck;
    h += 1 / ek;
    const pz = p * zPrev; // Pₙ zⁿ⁻¹
    zPrev *= z;
    const t = p * zPrev;
    g += t;
    ga += t * d;
    gb += t * h;
    gz += n * pz;
    // every later ratio is below z: the tails of the value and of the weighted sums are O(t·(n + h + d)/(1−z)²)
    if (t * (1 + n + h + d) <= EPS * (1 - z) * (1 - z) * g) done = true;
  }
  seriesWork.terms += n;
  if (!done) {
    out[0] = out[1] = out[2] = out[3] = NaN;
    return;
  }
  const l1z = Math.log1p(-z);
  out[0] = (1 - b) * l1z + Math.log(g);
  out[1] = ga / g;
  out[2] = -l1z - gb / g;
  out[3] = (b - 1) / (1 - z) + gz / g;
}
