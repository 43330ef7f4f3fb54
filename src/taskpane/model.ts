/**
 * The wizard's state rules, without React or Office: reading typed numbers, validating every field, previewing
 * a ledger and turning the answers into plan inputs. The UI only renders what this says.
 */
import { LtvError, type MessageCode } from "../core/errors";
import { churnRate } from "../core/churn";
import { normalizeText } from "../core/input/cells";
import {
  CURRENCY_DIGITS,
  currencyOfAmounts,
  defaultCurrency,
  type Currency,
} from "../core/input/currency";
import { isoFromSerial, type DateSystem } from "../core/input/date";
import { readLedger, unreadableSummary, type Ledger, type UnreadableSummary } from "../core/ledger";
import { countOrders } from "../core/orders";
import { namedUnit } from "../core/periods";
import { lifetimePeriods, ltvResults, type Lifetime, type LtvResults } from "../core/results";
import type { ColumnMapping } from "../core/input/headers";
import { boundViolation, PARAMS, type BoundViolation, type ParamRule } from "../core/params";
import type { Lang } from "../i18n/language";
import { uiText, type UiKey } from "../i18n/ui";
import { DEFAULT_INPUTS } from "../sheet/plan";
import { DEFAULT_HORIZON, DEFAULT_PERIOD } from "../sheet/ledger-analysis";
import type { Business, PlanInputs, PlanUnit } from "../sheet/types";

export type NumField =
  | "avgOrder"
  | "frequency"
  | "lifespan"
  | "horizon"
  | "grossMargin"
  | "discountRate"
  | "acquisitionCost"
  | "retentionCost"
  | "targetRatio";

/** Each typed number's rule: the registry's, so the wizard refuses exactly what =LTV and the sheet refuse. */
export const FIELD_RULES: Readonly<Record<NumField, ParamRule>> = {
  avgOrder: PARAMS.avgOrder,
  frequency: PARAMS.frequency,
  lifespan: PARAMS.lifespan,
  horizon: PARAMS.horizon,
  grossMargin: PARAMS.grossMargin,
  discountRate: PARAMS.discountRate,
  acquisitionCost: PARAMS.acquisitionCost,
  retentionCost: PARAMS.retentionCost,
  targetRatio: PARAMS.targetRatio,
};

/** The fields as typed (strings), so a half-typed number is never lost. Percentages are typed as 0…100. */
export interface Fields {
  periodUnit: PlanUnit;
  /** ledger route: the kind of business and the horizon (how far ahead a new customer's value counts) */
  business: Business;
  horizon: string;
  horizonUnit: PlanUnit;
  avgOrder: string;
  frequency: string;
  lifespan: string;
  lifespanUnit: PlanUnit;
  lifespanFromChurn: boolean;
  grossMargin: string;
  discountRate: string;
  acquisitionCost: string;
  retentionCost: string;
  retentionBasis: "total" | "perPeriod";
  targetRatio: string;
}

/**
 * How a field is typed: fractions (margin, discount rate) as percentages. Presentation only: the rule and the
 * stored value are the registry's.
 */
const shownScale = (k: NumField): number => (FIELD_RULES[k].kind === "fraction" ? 100 : 1);

/** The fields showing plan inputs (percent fields × 100). */
export function fieldsFrom(inputs: PlanInputs): Fields {
  const text = (k: Exclude<NumField, "horizon">) =>
    String(Number((inputs[k] * shownScale(k)).toPrecision(12)));
  return {
    periodUnit: inputs.periodUnit,
    business: inputs.business ?? "repeat",
    horizon: String(inputs.horizon ?? DEFAULT_HORIZON.amount),
    horizonUnit: inputs.horizonUnit ?? DEFAULT_HORIZON.unit,
    avgOrder: text("avgOrder"),
    frequency: text("frequency"),
    lifespan: text("lifespan"),
    lifespanUnit: inputs.lifespanUnit,
    lifespanFromChurn: inputs.lifespanFromChurn ?? false,
    grossMargin: text("grossMargin"),
    discountRate: text("discountRate"),
    acquisitionCost: text("acquisitionCost"),
    retentionCost: text("retentionCost"),
    retentionBasis: inputs.retentionBasis,
    targetRatio: text("targetRatio"),
  };
}

/**
 * The example answers (a coffee-shop customer: ¥415 an order, 12 a quarter, 3 years, CAC ¥5,000): shown as
 * placeholders and typed in only by the "use the example" button, never written unless the user takes them.
 */
export const EXAMPLE_FIELDS: Fields = fieldsFrom(DEFAULT_INPUTS);

/**
 * The fields the user must give are empty until they type: the example's order value, frequency, lifespan and
 * acquisition cost are placeholders, not answers. The neutral settings (100 % margin, no discount, no retention
 * cost, target 3, the horizon) are the registry's defaults. On the ledger route the lifespan is proposed from churn.
 */
export const DEFAULT_FIELDS: Fields = {
  ...EXAMPLE_FIELDS,
  // the CLI's default too (one constant)
  periodUnit: DEFAULT_PERIOD,
  avgOrder: "",
  frequency: "",
  lifespan: "",
  acquisitionCost: "",
  lifespanFromChurn: true,
};

/** Fields that may stay empty: no acquisition or retention cost given (LTV:CAC and payback are then left blank). */
export const OPTIONAL_FIELDS: ReadonlySet<NumField> = new Set(["acquisitionCost", "retentionCost"]);

/**
 * The currency of the answers: the ledger's sign (¥, 円, $ in the amount column's text), else the language's.
 * O(rows looked at, at most 1,000).
 */
export function currencyFor(
  lang: "en" | "ja",
  rows?: readonly (readonly unknown[])[] | null,
  amountColumn?: number
): Currency {
  const fromLedger =
    rows && amountColumn !== undefined
      ? currencyOfAmounts(rows.slice(0, 1000).map((r) => r[amountColumn]))
      : undefined;
  return fromLedger ?? defaultCurrency(lang);
}

/**
 * An amount as every view shows it: the currency's sign and its one rounding rule (yen 0 decimals, $ 2).
 * Example: `moneyText(54760, "ja", "JPY")` → "￥54,760"; `moneyText(133683.181, "en", "USD")` → "$133,683.18".
 */
export function moneyText(x: number, lang: "en" | "ja", currency: Currency): string {
  const d = CURRENCY_DIGITS[currency];
  return x.toLocaleString(lang === "ja" ? "ja-JP" : "en-US", {
    style: "currency",
    currency,
    minimumFractionDigits: d,
    maximumFractionDigits: d,
  });
}

/** Reads a typed number: full-width digits, thousands separators, ¥, 円, % and spaces are accepted. */
export function parseTyped(text: string): number | undefined {
  const s = normalizeText(text).replace(/[,¥$円%\s]/g, "");
  if (s === "" || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

export interface FieldError {
  key: UiKey;
  params?: Record<string, number>;
}

const ERROR_KEYS: Record<BoundViolation["code"], { key: UiKey; param: "min" | "max" }> = {
  mustBeAtLeast: { key: "errMin", param: "min" },
  mustBeAbove: { key: "errAbove", param: "min" },
  mustBeAtMost: { key: "errMax", param: "max" },
  mustBeBelow: { key: "errBelow", param: "max" },
};

/** A typed number's error, with its bound in the unit typed (percent fields in %), or undefined. */
function fieldError(k: NumField, text: string): FieldError | undefined {
  if (OPTIONAL_FIELDS.has(k) && normalizeText(text).trim() === "") return undefined;
  const n = parseTyped(text);
  if (n === undefined) return { key: "errNumber" };
  const scale = shownScale(k);
  const r = FIELD_RULES[k];
  const at = (b: number | undefined) => (b === undefined ? undefined : b * scale);
  const broken = boundViolation(n, {
    min: at(r.min),
    above: at(r.above),
    max: at(r.max),
    below: at(r.below),
  });
  if (!broken) return undefined;
  const e = ERROR_KEYS[broken.code];
  return { key: e.key, params: { [e.param]: broken.limit } };
}

/** The fields the user must type on the route (ledger: avg order and frequency come from the ledger). */
export function activeFields(route: "manual" | "ledger"): NumField[] {
  // the ledger route's model gives the average order, the frequency and how long customers stay; the user gives
  // the horizon it counts over
  const out: NumField[] = route === "manual" ? ["avgOrder", "frequency", "lifespan"] : ["horizon"];
  out.push("grossMargin", "discountRate", "acquisitionCost", "retentionCost", "targetRatio");
  return out;
}

/** Every field's error, or none. */
export function validate(
  route: "manual" | "ledger",
  f: Fields
): Partial<Record<NumField, FieldError>> {
  const errors: Partial<Record<NumField, FieldError>> = {};
  for (const k of activeFields(route)) {
    const e = fieldError(k, f[k]);
    if (e) errors[k] = e;
  }
  return errors;
}

/** The plan inputs from valid fields (an optional cost left empty is 0: none). */
export function toPlanInputs(f: Fields, route: "manual" | "ledger"): PlanInputs {
  const num = (s: string) => parseTyped(s) ?? 0;
  const ledger = route === "ledger";
  return {
    periodUnit: f.periodUnit,
    avgOrder: num(f.avgOrder),
    frequency: num(f.frequency),
    lifespan: num(f.lifespan),
    lifespanUnit: f.lifespanUnit,
    ...(ledger
      ? { horizon: num(f.horizon), horizonUnit: f.horizonUnit, business: f.business }
      : {}),
    grossMargin: num(f.grossMargin) / shownScale("grossMargin"),
    discountRate: num(f.discountRate) / shownScale("discountRate"),
    acquisitionCost: num(f.acquisitionCost),
    retentionCost: num(f.retentionCost),
    retentionBasis: f.retentionBasis,
    targetRatio: num(f.targetRatio),
  };
}

/** What the preview shows about a ledger. */
export interface LedgerPreview {
  ledger: Ledger;
  usedRows: number;
  orders: number;
  customers: number;
  first: string;
  last: string;
  skipped: number;
  reasons: [MessageCode, number][];
  /** what could not be read, and whether it is too much to go on without asking */
  unreadable: UnreadableSummary;
  /** the first row was a header (not an order) */
  header: boolean;
  /** rows whose mapped cells are all blank, left out */
  blankRows: number;
  /** the first orders as read: the row in the range (1-based), customer, date (ISO), amount */
  firstRows: { row: number; customer: string; date: string; amount: number | null }[];
}

/** How many rows the preview shows as read. */
export const PREVIEW_ROWS = 5;

/**
 * Reads the mapped columns leniently (date cells in the workbook's `dateSystem`) and summarises them; its messages
 * name the columns in `lang`'s words ("Order date, row 12: …"), not the custom functions' argument names, and its
 * dates are written as the sheet writes them (2024/01/05 in Japanese, 2024-01-05 in English).
 * @throws LtvError (e.g. an order spanning customers).
 */
export function previewLedger(
  rows: readonly (readonly unknown[])[],
  mapping: ColumnMapping,
  dateSystem: DateSystem = 1900,
  lang: Lang = "en"
): LedgerPreview {
  const col = (i: number | undefined) =>
    i === undefined ? undefined : rows.map((r) => r[i] as never);
  const ledger = readLedger(
    {
      customers: col(mapping.customer),
      dates: col(mapping.date),
      amounts: col(mapping.amount),
      orders: col(mapping.order),
    },
    {
      mode: "lenient",
      dateSystem,
      argNames: {
        customers: uiText(lang, "argCustomer"),
        dates: uiText(lang, "argDate"),
        amounts: uiText(lang, "argAmount"),
        orders: uiText(lang, "argOrder"),
      },
    }
  );
  // dates as the sheet's date cells show them: yyyy/mm/dd in Japanese, yyyy-mm-dd in English
  const day = (serial: number) =>
    lang === "ja" ? isoFromSerial(serial).replace(/-/g, "/") : isoFromSerial(serial);
  let lo = Infinity;
  let hi = -Infinity;
  if (ledger.dates)
    for (const d of ledger.dates) {
      if (d < lo) lo = d;
      if (d > hi) hi = d;
    }
  const counts = new Map<MessageCode, number>();
  for (const s of ledger.skipped) counts.set(s.reason, (counts.get(s.reason) ?? 0) + 1);
  return {
    ledger,
    usedRows: ledger.n,
    orders: countOrders(ledger),
    customers: ledger.customers.length,
    first: Number.isFinite(lo) ? day(lo) : "",
    last: Number.isFinite(hi) ? day(hi) : "",
    skipped: ledger.skipped.length,
    reasons: [...counts.entries()],
    unreadable: unreadableSummary(ledger),
    header: ledger.headerSkipped,
    blankRows: ledger.blankRows,
    firstRows: Array.from({ length: Math.min(PREVIEW_ROWS, ledger.n) }, (_, i) => ({
      row: ledger.rows[i],
      customer: ledger.customerOf ? ledger.customers[ledger.customerOf[i]] : "",
      date: ledger.dates ? day(ledger.dates[i]) : "",
      amount: ledger.amounts ? ledger.amounts[i] : null,
    })),
  };
}

/** The churn estimate behind "1 ÷ churn", or null when the ledger is too short. */
export function churnFor(ledger: Ledger, unit: PlanUnit): { rate: number; periods: number } | null {
  try {
    const c = churnRate(ledger, namedUnit(unit));
    return { rate: c.rate, periods: c.periodsUsed };
  } catch (e) {
    if (e instanceof LtvError) return null;
    throw e;
  }
}

/**
 * The figures the manual route's sheet will show, computed now by the core's results chain (the review step
 * shows the LTV and the ratio); the ledger route's come from `ledgerResults` over the ledger's model.
 * @throws LtvError as {@link ltvResults}.
 */
export function previewResults(inputs: PlanInputs): LtvResults {
  const unit = namedUnit(inputs.periodUnit);
  const lifetime: Lifetime = { lifespan: inputs.lifespan, unit: namedUnit(inputs.lifespanUnit) };
  return ltvResults({
    avgOrder: inputs.avgOrder,
    frequency: inputs.frequency,
    periods: lifetimePeriods(lifetime, unit),
    grossMargin: inputs.grossMargin,
    discountRate: inputs.discountRate,
    acquisitionCost: inputs.acquisitionCost,
    retentionCost: inputs.retentionCost,
    retentionBasis: inputs.retentionBasis,
    targetRatio: inputs.targetRatio,
  });
}
