/**
 * What the purchase models say about a customer who has just made a first purchase: how long they stay, how
 * often they buy while they stay, and how many repeat purchases that makes within a horizon. These are the
 * unconditional ("new customer") quantities; the conditional ones (given a customer's own history) are in
 * `bgnbd.ts` and `pareto-nbd.ts`. Time is in the unit the parameters were fitted in.
 */
import { badValue } from "../errors";
import { bgnbdExpected, type BgNbdParams } from "./bgnbd";
import type { ParetoNbdParams } from "./pareto-nbd";

/**
 * The Pareto/NBD share of new customers still alive at t: S(t) = E[e^(−μt)] = (β/(β+t))^s.
 * Example: s = 0.606, β = 11.67 (CDNOW, weeks), t = 52 → 0.358. O(1).
 */
export function paretoNbdSurvival(p: ParetoNbdParams, t: number): number {
  return Math.exp(-p.s * Math.log1p(t / p.beta));
}

/**
 * Expected time alive between t0 and t1 for a new customer: ∫ S(u) du over [t0, t1], i.e.
 * E[min(τ, t1)] − E[min(τ, t0)] = β/(s−1) · [(β/(β+t0))^(s−1) − (β/(β+t1))^(s−1)]
 * (the limit β · ln((β+t1)/(β+t0)) at s = 1).
 * Example: s = 2, β = 10, [0, 10] → 10 · (1 − 1/2) = 5. O(1).
 */
export function paretoNbdActiveTime(p: ParetoNbdParams, t0: number, t1: number): number {
  if (!(t1 > t0)) return 0;
  const { s, beta } = p;
  const l0 = Math.log1p(t0 / beta);
  const l1 = Math.log1p(t1 / beta);
  const sm1 = s - 1;
  if (Math.abs(sm1) < 1e-9) return beta * (l1 - l0);
  // β/(s−1)·(e^{−(s−1)l0} − e^{−(s−1)l1}) = β·e^{−(s−1)l0}·(−expm1(−(s−1)(l1−l0)))/(s−1): no cancellation
  return (beta * Math.exp(-sm1 * l0) * -Math.expm1(-sm1 * (l1 - l0))) / sm1;
}

/**
 * Purchases per unit of time while alive, averaged over new customers: E[λ] = r/α (both models).
 * Example: r = 0.553, α = 10.58 (CDNOW, weeks) → 0.0523 a week. O(1).
 */
export function purchaseRateWhileAlive(p: { r: number; alpha: number }): number {
  return p.r / p.alpha;
}

/**
 * Pareto/NBD: a new customer's expected repeat purchases in (0, t]. Purchase rate and lifetime are
 * independent, so E[X(t)] = E[λ] · E[min(τ, t)] = r/α · β/(s−1) · [1 − (β/(β+t))^(s−1)] exactly.
 * Example: r = 0.553, α = 10.58, s = 0.606, β = 11.67 (CDNOW, weeks), t = 39 → 0.0523 × 23.20 ≈ 1.213.
 * O(1). (lifetimes: `expected_number_of_purchases_up_to_time`.)
 */
export function paretoNbdExpectedNew(p: ParetoNbdParams, t: number): number {
  return purchaseRateWhileAlive(p) * paretoNbdActiveTime(p, 0, t);
}

/**
 * BG/NBD: a new customer's expected repeat purchases in (0, t] (Fader, Hardie & Lee 2005, eq. 9),
 * (a+b−1)/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b; a+b−1; t/(α+t))], evaluated as the conditional expectation at
 * x = 0, T = 0 (Euler-transformed series, see `bgnbdExpected`).
 * Example: CDNOW fit (r 0.243, α 4.414, a 0.793, b 2.426), t = 39 → 1.197. O(series terms).
 * @throws LtvError `resultNotFinite` naming `arg` when the series cannot be summed.
 */
export function bgnbdExpectedNewCustomer(p: BgNbdParams, t: number, arg = "params"): number {
  if (!(t > 0)) return 0;
  return bgnbdExpected(p, t, 0, 0, 0, arg);
}

/**
 * A fitted purchase model, tagged, in the time unit it was fitted in. "nbd" is the limit of both models when the
 * data show no customer stopping: every customer keeps buying at their own rate through the horizon.
 */
export type PurchaseModel =
  | { kind: "pnbd"; params: ParetoNbdParams }
  | { kind: "bgnbd"; params: BgNbdParams }
  | { kind: "nbd"; params: NbdParams };

/** The NBD without dropout: λ ~ Gamma(r, α), and customers never stop buying (within the horizon). */
export interface NbdParams {
  r: number;
  alpha: number;
}

/**
 * E[repeat purchases in (0, t]] of a new customer under either model. O(1) (Pareto/NBD) or O(series terms).
 */
export function expectedNewPurchases(m: PurchaseModel, t: number): number {
  if (m.kind === "pnbd") return paretoNbdExpectedNew(m.params, t);
  if (m.kind === "bgnbd") return bgnbdExpectedNewCustomer(m.params, t);
  return purchaseRateWhileAlive(m.params) * Math.max(0, t);
}

/**
 * Most periods a new-customer table may have: 1,200 (a century of months). The per-period tables are written
 * on the sheet one row a period; a horizon longer than this in the chosen unit is refused, not computed.
 */
export const MAX_TABLE_PERIODS = 1200;

/** One period of a new customer's expected life (period k covers (k−1, k] periods after the first purchase). */
export interface NewCustomerPeriod {
  /** 1, 2, … */
  period: number;
  /** end of the period, in periods (the horizon for a partial last one) */
  end: number;
  /** expected time alive within the period, in periods (Pareto/NBD: ∫ S over the period; BG/NBD: purchases ÷ rate) */
  activeTime: number;
  /** expected repeat purchases within the period */
  purchases: number;
}

/**
 * The per-period table of a new customer's expected repeat purchases over a horizon.
 *
 * @param m the model, fitted with time in units of `unitLength` periods (e.g. weeks: a fitted time of 1 is
 *   `unitLength` = 7 / 30.4375 months); the table's periods are periods of the caller's unit
 * @param horizon in periods (> 0, ≤ {@link MAX_TABLE_PERIODS})
 * @param unitLength the model's time unit measured in periods
 * Example: Pareto/NBD per week, periods of a quarter (unitLength = 7/91.3125), horizon 12 → 12 rows.
 * @throws LtvError `mustBeAbove` for a horizon ≤ 0, `tooManyPeriods` beyond {@link MAX_TABLE_PERIODS}.
 * Cost: O(horizon) (BG/NBD: O(horizon × series terms)).
 */
export function newCustomerTable(
  m: PurchaseModel,
  horizon: number,
  unitLength: number
): NewCustomerPeriod[] {
  if (!(horizon > 0) || !Number.isFinite(horizon))
    throw badValue("mustBeAbove", { arg: "horizon", value: horizon, params: { limit: 0 } });
  if (horizon > MAX_TABLE_PERIODS)
    throw badValue("tooManyPeriods", {
      arg: "horizon",
      value: horizon,
      params: { limit: MAX_TABLE_PERIODS },
    });
  const rate = purchaseRateWhileAlive(m.params) / unitLength; // purchases per period while alive
  const rows: NewCustomerPeriod[] = [];
  let previous = 0;
  const count = Math.ceil(horizon - 1e-9);
  for (let k = 1; k <= count; k++) {
    const end = Math.min(k, horizon);
    let activeTime: number;
    let purchases: number;
    if (m.kind === "pnbd") {
      activeTime =
        paretoNbdActiveTime(m.params, (k - 1) / unitLength, end / unitLength) * unitLength;
      purchases = rate * activeTime;
    } else if (m.kind === "nbd") {
      activeTime = end - (k - 1);
      purchases = rate * activeTime;
    } else {
      const cumulative = bgnbdExpectedNewCustomer(m.params, end / unitLength, "horizon");
      purchases = Math.max(0, cumulative - previous);
      previous = cumulative;
      activeTime = rate > 0 ? purchases / rate : 0;
    }
    rows.push({ period: k, end, activeTime, purchases });
  }
  return rows;
}
