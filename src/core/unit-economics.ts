/**
 * Unit economics: lifetime value from a churn rate, LTV:CAC, the most one may spend to win a customer, and how
 * long a customer takes to pay back that spend.
 */
import { badValue } from "./errors";
import { checkParam, PARAMS } from "./params";

/**
 * Lifetime value from a per-period margin and churn rate (the discounted Σ form).
 *
 * Formula: LTV = Σₜ₌₀^∞ m·(1 − c)ᵗ / (1 + d)ᵗ − CAC = m·(1 + d) / (d + c) − CAC: the first period's margin
 * arrives at once, and each later one is kept with probability (1 − c) per period and discounted by (1 + d).
 * Units: m in currency per customer per period, c and d per period (the same period). Example:
 * `ltvFromChurn(1000, 0.05, 0.01, 5000)` → 1000 × 1.01 / 0.06 − 5000 ≈ 11,833.33; with d = 0 the expected
 * lifetime is 1/c periods: `ltvFromChurn(1000, 0.25)` → 4,000.
 * @throws LtvError `mustBeAtLeast` / `mustBeAtMost` for c or d outside 0…1 or CAC < 0; `infiniteLifetime` when
 * c = 0 and d = 0 (customers never leave and nothing is discounted, so the sum diverges). O(1).
 */
export function ltvFromChurn(
  marginPerPeriod: number,
  churnRate: number,
  discountRate = 0,
  acquisitionCost = 0
): number {
  checkParam(marginPerPeriod, PARAMS.marginPerPeriod);
  checkParam(churnRate, PARAMS.churnRate);
  checkParam(discountRate, PARAMS.discountRate);
  checkParam(acquisitionCost, PARAMS.acquisitionCost);
  if (churnRate === 0 && discountRate === 0)
    throw badValue("infiniteLifetime", { arg: "churn_rate", value: churnRate });
  const value =
    (marginPerPeriod * (1 + discountRate)) / (discountRate + churnRate) - acquisitionCost;
  if (!Number.isFinite(value)) throw badValue("resultNotFinite", { arg: "margin_per_period" });
  return value;
}

/**
 * LTV:CAC ratio: how many times over a customer's lifetime value repays what it cost to win them.
 *
 * Formula: LTV ÷ CAC. A common rule of thumb reads 3 or more as healthy and below 1 as losing money on each
 * customer. Pass the LTV *before* acquisition cost. Example: `ltvToCac(15000, 5000)` → 3.
 * @throws LtvError `mustBeAbove` for CAC ≤ 0 (nothing to repay). O(1).
 */
export function ltvToCac(ltv: number, acquisitionCost: number): number {
  checkParam(ltv, PARAMS.ltv);
  checkParam(acquisitionCost, PARAMS.cacDivisor);
  return ltv / acquisitionCost;
}

/**
 * The most one may spend to win a customer and still reach a target LTV:CAC ratio.
 *
 * Formula: LTV (before acquisition cost) ÷ target ratio, default 3. Example: `maxCac(15000)` → 5,000;
 * `maxCac(15000, 1)` → 15,000 (break-even). A negative LTV gives a negative result: no spend pays back.
 * @throws LtvError `mustBeAbove` for a ratio ≤ 0. O(1).
 */
export function maxCac(
  ltvBeforeAcquisition: number,
  targetRatio = PARAMS.targetRatio.default as number
): number {
  checkParam(ltvBeforeAcquisition, PARAMS.ltvBeforeAcquisition);
  checkParam(targetRatio, PARAMS.targetRatio);
  return ltvBeforeAcquisition / targetRatio;
}

/**
 * CAC payback: how many periods of margin it takes to earn back the cost of winning a customer.
 *
 * Formula: CAC ÷ margin per period (fractional periods, no churn or discounting — the simple payback that
 * finance teams quote). Example: `cacPayback(5000, 1200)` → 4.1667 periods.
 * @throws LtvError `mustBeAtLeast` for CAC < 0, `mustBeAbove` for a margin ≤ 0 (it never pays back). O(1).
 */
export function cacPayback(acquisitionCost: number, marginPerPeriod: number): number {
  checkParam(acquisitionCost, PARAMS.acquisitionCost);
  checkParam(marginPerPeriod, PARAMS.paybackMargin);
  return acquisitionCost / marginPerPeriod;
}
