/**
 * Period units: the single table every function uses to turn days into periods and back.
 *
 * A month is 365.25 / 12 days, a quarter 365.25 / 4, a year 365.25 (the Julian year: the mean length over a
 * leap cycle, so a 4-year window holds exactly 4 years). A unit is named in English or Japanese, or given as a
 * positive number of days.
 */
import { badValue } from "./errors";

/** A named unit: it also decides whether cohort-style functions count calendar periods or elapsed time. */
export type NamedUnit = "day" | "week" | "month" | "quarter" | "year";

/** A resolved period unit: its length in days and, for named units, its name. */
export interface PeriodUnit {
  /** length in days (month = 30.4375, quarter = 91.3125, year = 365.25) */
  days: number;
  /** the canonical English name, or undefined for a number of days */
  name?: NamedUnit;
}

export const DAYS_PER_YEAR = 365.25;

export const UNIT_DAYS: Readonly<Record<NamedUnit, number>> = {
  day: 1,
  week: 7,
  month: DAYS_PER_YEAR / 12,
  quarter: DAYS_PER_YEAR / 4,
  year: DAYS_PER_YEAR,
};

/**
 * A named unit as a resolved period unit. Example: `namedUnit("quarter")` → `{ days: 91.3125, name: "quarter" }`.
 * O(1).
 */
export function namedUnit(name: NamedUnit): PeriodUnit {
  return { days: UNIT_DAYS[name], name };
}

/**
 * Every accepted spelling (after NFKC normalisation, trimming and lower-casing) and the unit it means.
 * Japanese: 日, 週, 月 (also か月/ヶ月/カ月/箇月), 四半期, 年.
 */
export const UNIT_WORDS: ReadonlyMap<string, NamedUnit> = new Map<string, NamedUnit>([
  ...["day", "days", "d", "daily", "日", "日次", "日間"].map(
    (w) => [w, "day"] as [string, NamedUnit]
  ),
  ...["week", "weeks", "w", "wk", "weekly", "週", "週次", "週間"].map(
    (w) => [w, "week"] as [string, NamedUnit]
  ),
  ...[
    "month",
    "months",
    "m",
    "mo",
    "monthly",
    "月",
    "月次",
    "か月",
    "ヶ月",
    "ケ月",
    "カ月",
    "箇月",
    "ヵ月",
  ].map((w) => [w, "month"] as [string, NamedUnit]),
  ...["quarter", "quarters", "q", "quarterly", "四半期", "四半期ごと"].map(
    (w) => [w, "quarter"] as [string, NamedUnit]
  ),
  ...["year", "years", "y", "yr", "yearly", "annual", "annually", "年", "年次", "年間"].map(
    (w) => [w, "year"] as [string, NamedUnit]
  ),
]);

/** The English names, in order, for messages and UI pickers. */
export const NAMED_UNITS: readonly NamedUnit[] = ["day", "week", "month", "quarter", "year"];

/**
 * Reads a period unit from a cell value.
 *
 * @param value a unit word ("month", "四半期" …), a positive number of days (30, "30"), or blank for `fallback`
 * @param fallback the unit used when `value` is blank
 * @param arg the argument's name, for error messages
 * @returns the unit and its length in days. Example: `parsePeriodUnit("quarter", "year")` → `{ days: 91.3125, name: "quarter" }`
 * @throws LtvError `unknownPeriod` for any other text, `mustBeAbove` for a number of days ≤ 0, `notANumber` for
 *   one too large for a double (Infinity). O(1).
 */
export function parsePeriodUnit(value: unknown, fallback: NamedUnit, arg = "period"): PeriodUnit {
  if (value === null || value === undefined || (typeof value === "string" && value.trim() === "")) {
    return namedUnit(fallback);
  }
  if (typeof value === "number") return daysUnit(value, value, arg);
  if (typeof value === "string") {
    const text = value.normalize("NFKC").trim().toLowerCase();
    const named = UNIT_WORDS.get(text);
    if (named) return namedUnit(named);
    if (/^[+]?\d+(\.\d+)?$/.test(text)) return daysUnit(Number(text), value, arg);
  }
  throw badValue("unknownPeriod", { arg, value, params: { units: NAMED_UNITS.join(", ") } });
}

function daysUnit(days: number, raw: unknown, arg: string): PeriodUnit {
  // a digit string too long for a double reads as Infinity: not a number of days, and not "too small"
  if (!Number.isFinite(days)) throw badValue("notANumber", { arg, value: raw });
  if (days <= 0) throw badValue("mustBeAbove", { arg, value: raw, params: { limit: 0 } });
  return { days };
}

/**
 * How many periods of one unit fit in a span measured in another.
 *
 * Formula: amount × days(from) ÷ days(to). Example: `convertPeriods(3, year, quarter)` → 12;
 * `convertPeriods(18, month, quarter)` → 6. O(1).
 */
export function convertPeriods(amount: number, from: PeriodUnit, to: PeriodUnit): number {
  return (amount * from.days) / to.days;
}

/** A span of time: an amount of a named unit. */
export interface Duration {
  amount: number;
  unit: PeriodUnit;
}

/**
 * Reads a span of time such as a horizon or a lifespan: a number (an amount of `fallback`) or text with a unit,
 * `3y`, `36m`, `12q`, `3 years`, `3年`, `36か月` (a bare number in text is an amount of `fallback` too).
 *
 * Example: `parseDuration("36か月", year)` → 36 months; `parseDuration(12, quarter)` → 12 quarters.
 * @throws LtvError `mustBeAbove` for an amount ≤ 0, `notANumber` for an infinite one, `unknownPeriod` for an
 *   unknown unit. O(1).
 */
export function parseDuration(value: unknown, fallback: PeriodUnit, arg: string): Duration {
  if (typeof value === "number") {
    if (!Number.isFinite(value) && !Number.isNaN(value))
      throw badValue("notANumber", { arg, value });
    if (!(value > 0)) throw badValue("mustBeAbove", { arg, value, params: { limit: 0 } });
    return { amount: value, unit: fallback };
  }
  const text = typeof value === "string" ? value.normalize("NFKC").trim().toLowerCase() : "";
  const m = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*(.*)$/.exec(text);
  if (!m)
    throw badValue("unknownPeriod", { arg, value, params: { units: NAMED_UNITS.join(", ") } });
  const amount = Number(m[1]);
  if (!Number.isFinite(amount)) throw badValue("notANumber", { arg, value });
  if (!(amount > 0)) throw badValue("mustBeAbove", { arg, value, params: { limit: 0 } });
  if (m[2] === "") return { amount, unit: fallback };
  const named = UNIT_WORDS.get(m[2]);
  if (!named)
    throw badValue("unknownPeriod", { arg, value, params: { units: NAMED_UNITS.join(", ") } });
  return { amount, unit: { days: UNIT_DAYS[named], name: named } };
}
