/**
 * The holdout check of the ledger route: does the model predict what its own ledger did next? The model is
 * fitted again on the ledger without its last sixth, and the repeat purchases it expects the customers acquired
 * by then to make in that last sixth are compared with what they made. A model that does not track its own
 * ledger is not shown as the answer without a warning.
 */
import { LtvError } from "./errors";
import type { Ledger } from "./ledger";
import {
  fitLedgerModel,
  MODEL_UNIT_DAYS,
  type LedgerModel,
  type LedgerModelKind,
} from "./ledger-value";
import { bgnbdExpected } from "./models/bgnbd";
import { paretoNbdExpected } from "./models/pareto-nbd";
import { groupRfm } from "./models/rfm";

/** The result of a holdout check. */
export interface HoldoutCheck {
  /** date serials: the calibration end of the check's own fit, and the ledger's last date */
  calibrationEnd: number;
  lastDate: number;
  /** length of the holdout, days */
  days: number;
  /** customers acquired by the calibration end, whose holdout purchases are predicted */
  customers: number;
  predicted: number;
  actual: number;
  /** (predicted − actual) ÷ actual; null when there were no actual purchases */
  error: number | null;
}

/** The share of the ledger's window the holdout check keeps back: its last sixth. */
export const HOLDOUT_SHARE = 1 / 6;

/** The shortest holdout, in days, a check is made with (shorter windows cannot say much). */
export const MIN_HOLDOUT_DAYS = 28;

/**
 * Holdout check: fits the model on the ledger without its last sixth, predicts the repeat purchases the
 * customers acquired before then make in that last sixth (Σ of each one's conditional expectation), and compares
 * with what they did.
 *
 * Example: a ledger of 2023-01-01 … 2024-12-31 → calibration end 2024-08-31 (121 days kept back);
 * "predicted 1,234 purchases, there were 1,198: +3 %".
 * @returns null when the holdout would be shorter than {@link MIN_HOLDOUT_DAYS} or the calibration part has no
 *   repeat purchase. @throws LtvError from the fit (`notConverged`).
 * Cost: one more fit + O(groups × series terms).
 */
export function holdoutCheck(ledger: Ledger, model: LedgerModelKind = "auto"): HoldoutCheck | null {
  const dates = ledger.dates;
  if (!dates || !ledger.customerOf || ledger.n === 0) return null;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < ledger.n; i++) {
    if (dates[i] < lo) lo = dates[i];
    if (dates[i] > hi) hi = dates[i];
  }
  const days = Math.round((hi - lo + 1) * HOLDOUT_SHARE);
  if (days < MIN_HOLDOUT_DAYS) return null;
  const calibrationEnd = hi - days;
  let fit: LedgerModel;
  try {
    fit = fitLedgerModel(ledger, { model, calibrationEnd });
  } catch (e) {
    if (e instanceof LtvError && e.detail.kind === "notEnoughData") return null;
    throw e;
  }
  const s = fit.summary;
  const t = days / MODEL_UNIT_DAYS;
  const groups = groupRfm({ frequency: s.frequency, recency: s.recency, T: s.T });
  let predicted = 0;
  for (let i = 0; i < groups.count; i++) {
    const x = groups.xs[groups.xi[i]];
    const tx = groups.txs[groups.txi[i]];
    const T = groups.Ts[groups.Ti[i]];
    const e =
      fit.model.kind === "pnbd"
        ? paretoNbdExpected(fit.model.params, t, x, tx, T)
        : fit.model.kind === "bgnbd"
          ? bgnbdExpected(fit.model.params, t, x, tx, T)
          : nbdExpected(fit.model.params, t, x, T);
    predicted += groups.weight[i] * e;
  }
  const actual = holdoutPurchases(ledger, calibrationEnd, hi, new Set(s.customers));
  return {
    calibrationEnd,
    lastDate: hi,
    days,
    customers: s.customers.length,
    predicted,
    actual,
    error: actual > 0 ? (predicted - actual) / actual : null,
  };
}

/** NBD without dropout: E[purchases in (T, T+t] | x, T] = (r+x)/(α+T) · t (the rate's posterior mean × t). */
function nbdExpected(p: { r: number; alpha: number }, t: number, x: number, T: number): number {
  return ((p.r + x) / (p.alpha + T)) * t;
}

/** Purchase occasions (distinct customer-days) in (from, to] of the given customers. O(n). */
function holdoutPurchases(
  ledger: Ledger,
  from: number,
  to: number,
  customers: Set<string>
): number {
  const dates = ledger.dates as Float64Array;
  const of = ledger.customerOf as Int32Array;
  const inCalibration = new Uint8Array(ledger.customers.length);
  ledger.customers.forEach((c, i) => (inCalibration[i] = customers.has(c) ? 1 : 0));
  const seen = new Set<number>();
  const span = to - from + 1;
  for (let i = 0; i < ledger.n; i++) {
    const d = dates[i];
    if (d > from && d <= to && inCalibration[of[i]]) seen.add(of[i] * span + (d - from));
  }
  return seen.size;
}
