/**
 * The parameter registry: every scalar numeric parameter's bounds, default and kind, written once.
 *
 * Everything that accepts one of these numbers reads its rule from here: the custom functions' argument reader,
 * the core functions' own checks, the wizard's inline validation, the calculation sheet's data validation, the
 * command line's option checks and the parameter table in the docs. A rule changes in one line, everywhere.
 * (The idea is HyperFormula's: a parameter's rule is data, and one reader applies it.)
 *
 * Bounds: `min` / `max` are inclusive, `above` / `below` exclusive. `kind` says what the number is, so each edge
 * can present it (a `fraction` is stored as 0…1 and shown as a percentage by the wizard and the sheet).
 */
import { badValue, type MessageCode } from "./errors";

/** What a number is: it decides its display (currency, percentage …), never its value. */
export type ParamKind = "money" | "number" | "fraction" | "ratio" | "periods" | "count";

/** Inclusive and exclusive bounds of a number; an absent bound is no bound. */
export interface Bounds {
  /** inclusive lower bound */
  min?: number;
  /** exclusive lower bound */
  above?: number;
  /** inclusive upper bound */
  max?: number;
  /** exclusive upper bound */
  below?: number;
}

/** One parameter's rule. */
export interface ParamRule extends Bounds {
  /** the documented argument name, as the functions' metadata and the messages spell it */
  arg: string;
  kind: ParamKind;
  /** used when the argument is blank or omitted; without it the argument is required */
  default?: number;
  /**
   * The custom functions refuse a 0 with a message: for an optional parameter whose default is not 0 and whose 0
   * would change the answer's meaning (a gross margin), since some Excel versions pass an empty cell as 0.
   */
  zeroLooksEmpty?: boolean;
}

const rule = <T extends Record<string, ParamRule>>(rules: T): Readonly<T> => Object.freeze(rules);

const grossMargin: ParamRule = {
  arg: "gross_margin",
  kind: "fraction",
  min: 0,
  max: 1,
  default: 1,
  zeroLooksEmpty: true,
};
// above 100 % per period the money is worth less than half a period later: not a rate anyone means
const discountRate: ParamRule = {
  arg: "discount_rate",
  kind: "fraction",
  min: 0,
  max: 1,
  default: 0,
};
const acquisitionCost: ParamRule = { arg: "acquisition_cost", kind: "money", min: 0, default: 0 };

/**
 * Every rule, by key. A key names what the number means; two keys may share an `arg` when one function needs a
 * stricter rule (SBG_DERL's discount rate must be above 0: its sum does not converge without discounting).
 */
export const PARAMS = rule({
  // the five inputs of LTV and its costs
  avgOrder: { arg: "avg_order", kind: "money", min: 0 },
  frequency: { arg: "frequency", kind: "number", min: 0 },
  periods: { arg: "periods", kind: "periods", min: 0 },
  lifespan: { arg: "lifespan", kind: "number", min: 0 },
  acquisitionCost,
  retentionCost: { arg: "retention_cost", kind: "money", min: 0, default: 0 },
  grossMargin,
  discountRate,
  // unit economics
  targetRatio: { arg: "target_ratio", kind: "ratio", above: 0, default: 3 },
  churnRate: { arg: "churn_rate", kind: "fraction", min: 0, max: 1 },
  marginPerPeriod: { arg: "margin_per_period", kind: "money" },
  ltv: { arg: "ltv", kind: "money" },
  ltvBeforeAcquisition: { arg: "ltv_before_acquisition", kind: "money" },
  /** LTV_CAC divides by it */
  cacDivisor: { arg: "acquisition_cost", kind: "money", above: 0 },
  /** CAC_PAYBACK divides by it */
  paybackMargin: { arg: "margin_per_period", kind: "money", above: 0 },
  // the models
  /** at most 100,000 periods (274 years of days): beyond, nothing means anything, and the work would grow with it */
  horizon: { arg: "horizon", kind: "periods", above: 0, max: 100_000, default: 52 },
  periodsAhead: { arg: "t", kind: "periods", min: 0 },
  clvMargin: { ...grossMargin, arg: "margin" },
  derlDiscountRate: { arg: "discount_rate", kind: "fraction", above: 0, max: discountRate.max },
  renewals: { arg: "renewals", kind: "count", min: 0, default: 0 },
  /** SBG_RETENTION's t: the first renewal is period 1 */
  retentionPeriod: { arg: "t", kind: "periods", min: 1 },
  /** SBG_SURVIVAL's t: everyone is there at period 0 */
  survivalPeriod: { arg: "t", kind: "periods", min: 0 },
} satisfies Record<string, ParamRule>);

export type ParamKey = keyof typeof PARAMS;

/** A broken bound: the message code that says so and the limit it names. */
export interface BoundViolation {
  code: Extract<MessageCode, "mustBeAtLeast" | "mustBeAbove" | "mustBeAtMost" | "mustBeBelow">;
  limit: number;
}

/**
 * The first bound `value` breaks, lower bounds first, or null. Example: `boundViolation(2, PARAMS.discountRate)`
 * → `{ code: "mustBeAtMost", limit: 1 }`. O(1).
 */
export function boundViolation(value: number, b: Bounds): BoundViolation | null {
  if (b.min !== undefined && value < b.min) return { code: "mustBeAtLeast", limit: b.min };
  if (b.above !== undefined && value <= b.above) return { code: "mustBeAbove", limit: b.above };
  if (b.max !== undefined && value > b.max) return { code: "mustBeAtMost", limit: b.max };
  if (b.below !== undefined && value >= b.below) return { code: "mustBeBelow", limit: b.below };
  return null;
}

/**
 * Checks a number against its rule and returns it. Example: `checkParam(0.4, PARAMS.grossMargin)` → 0.4.
 * @param row 1-based row within the argument's range, for per-row values
 * @throws LtvError `notANumber` for NaN or ±Infinity, else the code of the broken bound with its limit. O(1).
 */
export function checkParam(value: number, r: ParamRule, row?: number): number {
  if (!Number.isFinite(value)) throw badValue("notANumber", { arg: r.arg, row, value });
  const broken = boundViolation(value, r);
  if (broken)
    throw badValue(broken.code, { arg: r.arg, row, value, params: { limit: broken.limit } });
  return value;
}

/** The rule without its default: for a function where the argument must be given. */
export function required(r: ParamRule): ParamRule {
  const { default: _omitted, ...rest } = r;
  return rest;
}
