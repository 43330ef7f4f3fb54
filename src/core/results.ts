/**
 * The results chain: from the five inputs and the costs to every figure the calculation sheet names, in the
 * order the sheet computes them. The wizard's review, the command line's summary and the checks of the sheet's
 * formulas all read this one function, so a figure cannot mean one thing on screen and another in a cell.
 */
import { badValue } from "./errors";
import { annuityFactor, lifetimeValue, retentionPeriods } from "./ltv";
import { checkParam, PARAMS } from "./params";
import type { PeriodUnit } from "./periods";
import { cacPayback, ltvToCac, maxCac } from "./unit-economics";

/** LTV:CAC below this loses money on each customer. */
export const BREAK_EVEN_RATIO = 1;
/** LTV:CAC from which the common rule of thumb reads a business as healthy. */
export const HEALTHY_RATIO = 3;

/** How a retention cost is given: a total over the lifetime, or an amount per period. */
export type RetentionBasis = "total" | "perPeriod";

/** The inputs of {@link ltvResults}. Rules and defaults are the registry's (`PARAMS`). */
export interface ResultInputs {
  /** currency per order, ≥ 0 */
  avgOrder: number;
  /** orders per customer per period, ≥ 0 */
  frequency: number;
  /** how many periods a customer keeps buying (see {@link lifetimePeriods}), ≥ 0 */
  periods: number;
  /** 0…1; default 1 */
  grossMargin?: number;
  /** per period, 0…1; default 0 */
  discountRate?: number;
  /** per customer; default 0 */
  acquisitionCost?: number;
  /** per customer, a lifetime total or per period (`retentionBasis`); default 0 */
  retentionCost?: number;
  /** default "total" */
  retentionBasis?: RetentionBasis;
  /** target LTV:CAC, > 0; default 3 */
  targetRatio?: number;
  /**
   * the ledger route: the first purchase (currency, ≥ 0), counted at once beside the repeat purchases, and the
   * periods as a discounted stream (Σ expected active time × discount factor over the horizon), which replaces
   * the annuity factor of `periods` equal periods
   */
  ledger?: { firstOrder: number; discountedPeriods: number };
}

/** Where an LTV:CAC ratio stands: no acquisition cost, below 1, 1 to 3, 3 or more. */
export type HealthBand = "none" | "loses" | "thin" | "healthy";

/** Every figure the sheet names, per customer. `null` where the sheet shows a blank. */
export interface LtvResults {
  /** avg order × frequency (currency per period) */
  revenuePerPeriod: number;
  /** × gross margin */
  grossProfitPerPeriod: number;
  periods: number;
  /** the annuity factor of `periods` at the discount rate ({@link annuityFactor}) */
  annuity: number;
  /** gross profit per period × annuity */
  ltvBeforeCosts: number;
  /** the retention cost over the lifetime (per period × periods on that basis) */
  retentionTotal: number;
  /** LTV before costs − retention total: what a customer is worth before winning them */
  ltvBeforeAcquisition: number;
  /** − acquisition cost: the LTV of =LTV */
  ltv: number;
  /** LTV before acquisition ÷ acquisition cost; null without an acquisition cost */
  ltvCac: number | null;
  health: HealthBand;
  /** the most one may spend to win a customer at the target ratio */
  maxCac: number;
  /** periods of gross profit to earn back the acquisition cost; null without an acquisition cost or gross profit */
  payback: number | null;
  /** d(LTV before costs)/d(periods): what one more period of lifetime is worth; null in the ledger route */
  valueOfOneMorePeriod: number | null;
  /** periods of lifetime one unit of retention spend must add to pay for itself; null when no period adds value */
  breakEvenPerUnit: number | null;
  /** periods of lifetime the whole retention spend must add to pay for itself; null likewise, and null without a
   * retention cost (nothing to break even: a blank cell, not "0 periods") */
  breakEvenTotal: number | null;
}

/**
 * The results chain, as the calculation sheet computes it.
 *
 * Formulas: LTV before costs = m × avg × f × A(n, d); retention total = cost (or cost × n per period);
 * LTV = {@link lifetimeValue} (so it equals =LTV to the bit); LTV:CAC = (LTV + CAC) ÷ CAC; max CAC = (LTV + CAC)
 * ÷ target; payback = CAC ÷ (m × avg × f); one more period = m × avg × f × dA/dn with
 * dA/dn = (1 + d)^(1 − n) × ln(1 + d) ÷ d (1 when d = 0).
 * Example (415 a order, 12 a quarter, 12 quarters, CAC 5,000): LTV 54,760, LTV:CAC 11.952, max CAC 19,920,
 * payback 1.004 quarters, health "healthy".
 * @throws LtvError for an input outside its rule (`PARAMS`), `resultNotFinite` on overflow. O(1).
 */
export function ltvResults(inputs: ResultInputs): LtvResults {
  const { avgOrder, frequency, periods } = inputs;
  const margin = inputs.grossMargin ?? (PARAMS.grossMargin.default as number);
  const d = inputs.discountRate ?? (PARAMS.discountRate.default as number);
  const acquisition = inputs.acquisitionCost ?? (PARAMS.acquisitionCost.default as number);
  const cost = checkParam(
    inputs.retentionCost ?? (PARAMS.retentionCost.default as number),
    PARAMS.retentionCost
  );
  const target = inputs.targetRatio ?? (PARAMS.targetRatio.default as number);
  const retentionTotal = inputs.retentionBasis === "perPeriod" ? cost * periods : cost;
  if (inputs.ledger)
    return ledgerResults(inputs, inputs.ledger, margin, acquisition, target, retentionTotal);
  const ltv = lifetimeValue({
    avgOrder,
    frequency,
    periods,
    grossMargin: margin,
    discountRate: d,
    acquisitionCost: acquisition,
    retentionCost: retentionTotal,
  });
  const grossProfitPerPeriod = margin * avgOrder * frequency;
  const annuity = annuityFactor(periods, d);
  const ltvBeforeCosts = grossProfitPerPeriod * annuity;
  const ltvBeforeAcquisition = ltvBeforeCosts - retentionTotal;
  const ltvCac = acquisition > 0 ? ltvToCac(ltvBeforeAcquisition, acquisition) : null;
  const slope = d === 0 ? 1 : (Math.pow(1 + d, 1 - periods) * Math.log1p(d)) / d;
  const valueOfOneMorePeriod = grossProfitPerPeriod * slope;
  const results: LtvResults = {
    revenuePerPeriod: avgOrder * frequency,
    grossProfitPerPeriod,
    periods,
    annuity,
    ltvBeforeCosts,
    retentionTotal,
    ltvBeforeAcquisition,
    ltv,
    ltvCac,
    health: healthOf(ltvCac),
    maxCac: maxCac(ltvBeforeAcquisition, target),
    // no acquisition cost given: nothing to pay back (null, a blank cell), not 0 periods
    payback:
      acquisition > 0 && grossProfitPerPeriod > 0
        ? cacPayback(acquisition, grossProfitPerPeriod)
        : null,
    valueOfOneMorePeriod,
    breakEvenPerUnit: valueOfOneMorePeriod > 0 ? 1 / valueOfOneMorePeriod : null,
    // no retention cost: nothing to earn back, so a blank rather than "0 periods" (as the payback without a CAC)
    breakEvenTotal:
      valueOfOneMorePeriod > 0 && retentionTotal > 0 ? retentionTotal / valueOfOneMorePeriod : null,
  };
  // LTV itself is checked by lifetimeValue; a ratio over a tiny target or a tiny marginal value can still overflow
  for (const v of Object.values(results))
    if (typeof v === "number" && !Number.isFinite(v)) throw badValue("resultNotFinite");
  return results;
}

/**
 * The ledger route's chain: LTV before costs = m × first + m × avg × f × D, D the discounted expected active
 * periods; payback = what the first purchase leaves of the CAC ÷ gross profit per period. The figures of a
 * typed lifetime that have no meaning for a model's expected one (one more period, the retention break-evens)
 * are null: the sheet leaves them out.
 */
function ledgerResults(
  inputs: ResultInputs,
  ledger: { firstOrder: number; discountedPeriods: number },
  margin: number,
  acquisition: number,
  target: number,
  retentionTotal: number
): LtvResults {
  const { avgOrder, frequency, periods } = inputs;
  for (const [arg, x] of [
    ["first_order", ledger.firstOrder],
    ["periods", ledger.discountedPeriods],
  ] as const) {
    if (!Number.isFinite(x)) throw badValue("notANumber", { arg, value: x });
    if (x < 0) throw badValue("mustBeAtLeast", { arg, value: x, params: { limit: 0 } });
  }
  checkParam(avgOrder, PARAMS.avgOrder);
  checkParam(frequency, PARAMS.frequency);
  checkParam(margin, PARAMS.grossMargin);
  checkParam(acquisition, PARAMS.acquisitionCost);
  const grossProfitPerPeriod = margin * avgOrder * frequency;
  const ltvBeforeCosts =
    margin * ledger.firstOrder + grossProfitPerPeriod * ledger.discountedPeriods;
  const ltvBeforeAcquisition = ltvBeforeCosts - retentionTotal;
  const ltvCac = acquisition > 0 ? ltvToCac(ltvBeforeAcquisition, acquisition) : null;
  const results: LtvResults = {
    revenuePerPeriod: avgOrder * frequency,
    grossProfitPerPeriod,
    periods,
    annuity: ledger.discountedPeriods,
    ltvBeforeCosts,
    retentionTotal,
    ltvBeforeAcquisition,
    ltv: ltvBeforeAcquisition - acquisition,
    ltvCac,
    health: healthOf(ltvCac),
    maxCac: maxCac(ltvBeforeAcquisition, target),
    payback:
      acquisition > 0 && grossProfitPerPeriod > 0
        ? Math.max(0, acquisition - margin * ledger.firstOrder) / grossProfitPerPeriod
        : null,
    valueOfOneMorePeriod: null,
    breakEvenPerUnit: null,
    breakEvenTotal: null,
  };
  for (const v of Object.values(results))
    if (typeof v === "number" && !Number.isFinite(v)) throw badValue("resultNotFinite");
  return results;
}

/** The band of an LTV:CAC ratio. */
export function healthOf(ltvCac: number | null): HealthBand {
  if (ltvCac === null) return "none";
  if (ltvCac < BREAK_EVEN_RATIO) return "loses";
  return ltvCac < HEALTHY_RATIO ? "thin" : "healthy";
}

/** How long customers keep buying, as one of the three ways the wizard and the command line offer. */
export type Lifetime =
  /** a number of periods, as typed */
  | { periods: number }
  /** a lifespan in its own unit (3 years), converted to the frequency's period like RETENTION_PERIODS */
  | { lifespan: number; unit: PeriodUnit }
  /** the expected lifetime of a constant churn per period: 1 ÷ churn */
  | { churn: number };

/**
 * The number of frequency periods a lifetime stands for.
 *
 * Formulas: periods as given; lifespan × days(unit) ÷ days(period) ({@link retentionPeriods}); 1 ÷ churn (the
 * mean of a geometric lifetime that counts the first period). Examples, in quarters: `{ lifespan: 3, unit: year }`
 * → 12; `{ churn: 0.25 }` → 4.
 * @throws LtvError `mustBeAtLeast` for a negative amount, `mustBeAtMost` for a churn above 1,
 * `infiniteLifetime` for a churn of 0. O(1).
 */
export function lifetimePeriods(lifetime: Lifetime, period: PeriodUnit): number {
  if ("periods" in lifetime) return checkParam(lifetime.periods, PARAMS.periods);
  if ("lifespan" in lifetime) return retentionPeriods(lifetime.lifespan, lifetime.unit, period);
  const churn = checkParam(lifetime.churn, PARAMS.churnRate);
  if (churn === 0) throw badValue("infiniteLifetime", { arg: PARAMS.churnRate.arg, value: churn });
  return 1 / churn;
}
