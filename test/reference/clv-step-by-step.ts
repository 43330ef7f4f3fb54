/**
 * The CLV sum as it was first written, step by step, for comparison: E[Y(k)] from FHL 2005 eq. 10 evaluated
 * directly with stdlib's ₂F₁ (the Cephes port; no Euler transformation, nothing shared with
 * src/core/models/bgnbd-expected.ts), one evaluation per period. O(horizon): for moderate horizons only.
 */
import hyp2f1 from "@stdlib/math-base-special-hyp2f1";
import type { BgNbdParams } from "../../src/core/models/bgnbd";

/** E[Y(t) | x, tₓ, T], eq. 10 as printed. */
export function expectedEq10(p: BgNbdParams, t: number, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = p;
  if (t === 0) return 0;
  const z = t / (alpha + T + t);
  const head =
    ((a + b + x - 1) / (a - 1)) *
    (1 - Math.pow((alpha + T) / (alpha + T + t), r + x) * hyp2f1(r + x, b + x, a + b + x - 1, z));
  const odds = x > 0 ? (a / (b + x - 1)) * Math.pow((alpha + T) / (alpha + tx), r + x) : 0;
  return head / (1 + odds);
}

/** Σₖ (E[Y(k)] − E[Y(k−1)]) / (1+d)ᵏ, k = 1 … ⌈H⌉, the last step ending at H (without spend and margin). */
export function discountedPurchasesStepByStep(
  p: BgNbdParams,
  x: number,
  tx: number,
  T: number,
  H: number,
  d: number
): number {
  let value = 0;
  let previous = 0;
  for (let k = 1; k <= Math.ceil(H); k++) {
    const t = Math.min(k, H);
    const e = expectedEq10(p, t, x, tx, T);
    value += (e - previous) / Math.pow(1 + d, t);
    previous = e;
  }
  return value;
}
