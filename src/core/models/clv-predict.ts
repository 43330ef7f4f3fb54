/**
 * Customer lifetime value from the BG/NBD (how many purchases, and when) and the Gamma-Gamma model (how much
 * each is worth): the discounted expected margin over a horizon, per customer, in the data's own time unit.
 */
import { checkParam, PARAMS } from "../params";
import { bgnbdExpected, type BgNbdParams } from "./bgnbd";
import { gammaGammaSpend, type GammaGammaParams } from "./gamma-gamma";

export interface ClvOptions {
  /** periods ahead, in the unit of the data (default 52: a year of weeks); may be fractional */
  horizon?: number;
  /** discount rate per period, 0…1 (default 0) */
  discountRate?: number;
  /** margin as a fraction of spend, 0…1 (default 1: revenue) */
  margin?: number;
}

/**
 * CLV = Σₖ margin × E[spend | x, m̄] × (E[Y(k)] − E[Y(k−1)]) / (1+d)ᵏ, k = 1 … horizon, where Y(k) is the
 * BG/NBD expected number of purchases in the next k periods and E[spend] is the Gamma-Gamma expectation.
 * A fractional horizon adds a last step ending at the horizon, discounted by (1+d)^horizon. No hidden month
 * conversion: the periods are the data's (weeks on CDNOW, so d is a weekly rate there).
 * Example (CDNOW fits, weeks): x = 2, tₓ = 30.43, T = 38.86, m̄ = 30, horizon 52, d = 0, margin 1 →
 * E[Y(52)] × 30.9. Cost: O(horizon × ₂F₁ terms).
 * @throws LtvError `mustBeAbove` for a non-positive horizon, `mustBeAtLeast` / `mustBeAtMost` for a rate or margin
 *   outside 0…1,
 *   `resultNotFinite` naming `bgnbd_params` when those are too extreme to evaluate (see {@link bgnbdExpected}).
 */
export function clvPredict(
  bg: BgNbdParams,
  gg: GammaGammaParams,
  x: number,
  tx: number,
  T: number,
  monetary: number,
  options: ClvOptions = {}
): number {
  const horizon = checkParam(options.horizon ?? (PARAMS.horizon.default as number), PARAMS.horizon);
  const d = checkParam(options.discountRate ?? 0, PARAMS.discountRate);
  const margin = checkParam(options.margin ?? 1, PARAMS.clvMargin);
  const spend = gammaGammaSpend(gg, x, monetary);
  let value = 0;
  let previous = 0;
  const steps = Math.ceil(horizon);
  for (let k = 1; k <= steps; k++) {
    const t = Math.min(k, horizon);
    const e = bgnbdExpected(bg, t, x, tx, T, "bgnbd_params");
    value += (e - previous) / Math.pow(1 + d, t);
    previous = e;
  }
  return margin * spend * value;
}
