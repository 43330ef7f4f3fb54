/**
 * Customer lifetime value (顧客生涯価値) from its five inputs, with margin and discounting.
 */
import { badValue } from "./errors";
import { checkParam, PARAMS } from "./params";
import { convertPeriods, type PeriodUnit } from "./periods";

/** The inputs of {@link lifetimeValue}. Costs are totals per customer over the whole lifetime. */
export interface LtvInputs {
  /** average order value (currency per order), ≥ 0 */
  avgOrder: number;
  /** purchase frequency (orders per customer per period), ≥ 0 */
  frequency: number;
  /** number of periods a customer keeps buying, ≥ 0 (fractional allowed) */
  periods: number;
  /** acquisition cost per customer (currency), ≥ 0; default 0 */
  acquisitionCost?: number;
  /** retention cost per customer over the lifetime (currency), ≥ 0; default 0 */
  retentionCost?: number;
  /** gross margin as a fraction 0…1; default 1 (revenue LTV) */
  grossMargin?: number;
  /** discount rate per period, 0…1; default 0 */
  discountRate?: number;
}

/**
 * The annuity factor A: how many "present periods" a stream of `periods` equal payments is worth.
 *
 * Formula: A = n when d = 0, else A = (1 + d)(1 − (1 + d)^−n) / d = Σₜ₌₀ⁿ⁻¹ (1 + d)^−t — the first period's
 * value arrives at once and each later one is discounted (an annuity due). Fractional n uses the closed form.
 * Example: `annuityFactor(3, 0.1)` → 1 + 1/1.1 + 1/1.21 ≈ 2.7355. O(1).
 */
export function annuityFactor(periods: number, discountRate: number): number {
  if (discountRate === 0) return periods;
  // expm1/log1p keep precision for small rates, where (1 + d)^−n is close to 1
  return ((1 + discountRate) * -Math.expm1(-periods * Math.log1p(discountRate))) / discountRate;
}

/**
 * LTV = gross_margin × avg_order × frequency × A − acquisition_cost − retention_cost.
 *
 * A is {@link annuityFactor}. Units: currency per customer. Example: avg order 415, 12 orders a
 * quarter, 12 quarters, acquisition 5,000 → 415 × 12 × 12 − 5,000 = 54,760.
 * @throws LtvError `notANumber` for NaN or ±Infinity, `mustBeAtLeast` for a negative input, `mustBeAtMost` for a
 * margin or a discount rate above 1 (the rules of `PARAMS`), `resultNotFinite` when the result overflows. O(1).
 */
export function lifetimeValue(inputs: LtvInputs): number {
  const { avgOrder, frequency, periods } = inputs;
  const acquisition = inputs.acquisitionCost ?? (PARAMS.acquisitionCost.default as number);
  const retention = inputs.retentionCost ?? (PARAMS.retentionCost.default as number);
  const margin = inputs.grossMargin ?? (PARAMS.grossMargin.default as number);
  const rate = inputs.discountRate ?? (PARAMS.discountRate.default as number);
  checkParam(avgOrder, PARAMS.avgOrder);
  checkParam(frequency, PARAMS.frequency);
  checkParam(periods, PARAMS.periods);
  checkParam(acquisition, PARAMS.acquisitionCost);
  checkParam(retention, PARAMS.retentionCost);
  checkParam(margin, PARAMS.grossMargin);
  checkParam(rate, PARAMS.discountRate);
  const value =
    margin * avgOrder * frequency * annuityFactor(periods, rate) - acquisition - retention;
  if (!Number.isFinite(value)) throw badValue("resultNotFinite", { arg: "avg_order" });
  return value;
}

/**
 * Converts a lifespan into a number of frequency periods (継続購入期間 ÷ 購買頻度の期間), so that it counts the
 * same periods as the frequency it is multiplied by. Formula: lifespan × days(lifespan unit) ÷ days(period).
 * Example: 3 years in quarters → 12; 18 months in quarters → 6. O(1).
 * @throws LtvError `mustBeAtLeast` for a negative lifespan.
 */
export function retentionPeriods(
  lifespan: number,
  lifespanUnit: PeriodUnit,
  period: PeriodUnit
): number {
  checkParam(lifespan, PARAMS.lifespan);
  return convertPeriods(lifespan, lifespanUnit, period);
}
