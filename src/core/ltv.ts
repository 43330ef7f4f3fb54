/**
 * Customer lifetime value (顧客生涯価値) from its five inputs, with margin and discounting.
 */
import { badValue } from "./errors";
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
  /** discount rate per period, ≥ 0; default 0 */
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
 * A is {@link annuityFactor}. Units: currency per customer. Example (the seed): avg order 415, 12 orders a
 * quarter, 12 quarters, acquisition 5,000 → 415 × 12 × 12 − 5,000 = 54,760.
 * @throws LtvError `mustBeAtLeast` for a negative input, `mustBeAtMost` for a margin above 1,
 * `resultNotFinite` when the result overflows. O(1).
 */
export function lifetimeValue(inputs: LtvInputs): number {
  const { avgOrder, frequency, periods } = inputs;
  const acquisition = inputs.acquisitionCost ?? 0;
  const retention = inputs.retentionCost ?? 0;
  const margin = inputs.grossMargin ?? 1;
  const rate = inputs.discountRate ?? 0;
  const checks: Array<[string, number]> = [
    ["avg_order", avgOrder],
    ["frequency", frequency],
    ["periods", periods],
    ["acquisition_cost", acquisition],
    ["retention_cost", retention],
    ["gross_margin", margin],
    ["discount_rate", rate],
  ];
  for (const [arg, v] of checks) {
    if (!Number.isFinite(v)) throw badValue("notANumber", arg, undefined, v);
    if (v < 0) throw badValue("mustBeAtLeast", arg, undefined, v, { limit: 0 });
  }
  if (margin > 1) throw badValue("mustBeAtMost", "gross_margin", undefined, margin, { limit: 1 });
  const value =
    margin * avgOrder * frequency * annuityFactor(periods, rate) - acquisition - retention;
  if (!Number.isFinite(value)) throw badValue("resultNotFinite", "avg_order");
  return value;
}

/**
 * Converts a lifespan into a number of frequency periods (継続購入期間 ÷ 購買頻度の期間), as the seed says to
 * before multiplying. Formula: lifespan × days(lifespan unit) ÷ days(period).
 * Example: 3 years in quarters → 12 (the seed's "6" is an arithmetic slip); 18 months in quarters → 6. O(1).
 * @throws LtvError `mustBeAtLeast` for a negative lifespan.
 */
export function retentionPeriods(
  lifespan: number,
  lifespanUnit: PeriodUnit,
  period: PeriodUnit
): number {
  if (!Number.isFinite(lifespan)) throw badValue("notANumber", "lifespan", undefined, lifespan);
  if (lifespan < 0) throw badValue("mustBeAtLeast", "lifespan", undefined, lifespan, { limit: 0 });
  return convertPeriods(lifespan, lifespanUnit, period);
}
