/**
 * The one error type of the core.
 *
 * Core code throws `LtvError` (never a bare `Error`) so the edges can turn it into words: `functions/` maps
 * it to a `CustomFunctions.Error` (#VALUE! or #N/A) with a message in the user's language, the task pane shows
 * it inline. The English `message` is for logs and tests only; user-facing text comes from `src/i18n/`.
 */

/** What went wrong, in the categories a spreadsheet user can act on. */
export type LtvErrorKind =
  /** a value that cannot be read as what the argument needs (text that is no amount, a negative margin …) */
  | "badValue"
  /** ranges that must line up but have different sizes */
  | "sizeMismatch"
  /** valid input, but too little of it to answer (no orders, one period …) */
  | "notEnoughData"
  /** an estimate that did not converge */
  | "notConverged";

/**
 * Message codes: each names one situation and has an English and a Japanese text in `src/i18n/messages.ts`.
 * `params` fills the `{placeholders}` of that text.
 */
export type MessageCode =
  | "notAnAmount"
  | "notADate"
  | "notANumber"
  | "notASingleValue"
  | "notAnId"
  | "blankCell"
  | "errorCell"
  | "notAColumn"
  | "sizeMismatch"
  | "negativeTotal"
  | "noOrders"
  | "mustBeAtLeast"
  | "mustBeAbove"
  | "mustBeAtMost"
  | "mustBeBelow"
  | "unknownPeriod"
  | "unknownOption"
  | "orderSpansCustomers"
  | "resultNotFinite"
  | "infiniteLifetime"
  | "tooFewValues"
  | "notConverged"
  | "requiredFor"
  | "tooManyPeriods"
  | "wholeNumber"
  | "paramCount"
  | "tooManyPurchases"
  | "repeatWithoutRecency"
  | "timeTooShort"
  | "likelihoodNotFinite"
  | "fitTimeLimit"
  | "periodBelowDay"
  | "tooManyPeriodsSpan"
  | "tableTooLarge"
  | "noRepeatPurchases"
  | "noCancellations"
  | "noStandardErrors"
  | "intervalUnstable"
  | "zeroLooksEmpty"
  | "notPaidBack"
  | "summaryColumns"
  | "summaryNoSpend"
  | "duplicateCustomer"
  | "summaryLastBeforeFirst"
  | "summaryRepeatSameDay"
  | "summaryNoRepeatSpan"
  | "summaryAfterEnd";

/** Everything an edge needs to explain an error. Rows are 1-based positions within the range passed. */
export interface LtvErrorDetail {
  kind: LtvErrorKind;
  code: MessageCode;
  /** the argument's name as documented (`amounts`, `order_dates` …) */
  arg?: string;
  /** 1-based row (or position) within that argument's range */
  row?: number;
  /** the offending cell content, as the user typed it */
  value?: unknown;
  /** more placeholders for the message (limits, expected sizes, units …) */
  params?: Record<string, string | number>;
}

/** The core's error. `detail` carries the structured facts; `message` is an English rendering for logs. */
export class LtvError extends Error {
  readonly detail: LtvErrorDetail;
  constructor(detail: LtvErrorDetail) {
    super(describe(detail));
    this.name = "LtvError";
    this.detail = detail;
  }
}

/** Where an error is and what it is about: every field of the detail but its kind and code, all optional. */
export type ErrorAt = Omit<LtvErrorDetail, "kind" | "code">;

/**
 * A value that cannot be used as the argument needs. Example:
 * `badValue("mustBeAtLeast", { arg: "periods", value: -1, params: { limit: 0 } })`. O(1).
 */
export function badValue(code: MessageCode, at: ErrorAt = {}): LtvError {
  return new LtvError({ kind: "badValue", code, ...at });
}

/** Valid input, but too little of it to answer (shown as #N/A). Example: `notEnoughData("noOrders", { arg: "amounts" })`. */
export function notEnoughData(code: MessageCode, at: ErrorAt = {}): LtvError {
  return new LtvError({ kind: "notEnoughData", code, ...at });
}

/** An estimate that did not converge (shown as #N/A). */
export function notConverged(code: MessageCode, at: ErrorAt = {}): LtvError {
  return new LtvError({ kind: "notConverged", code, ...at });
}

function describe(d: LtvErrorDetail): string {
  const where = [d.arg, d.row !== undefined ? `row ${d.row}` : undefined]
    .filter(Boolean)
    .join(", ");
  const value = d.value !== undefined ? ` '${String(d.value)}'` : "";
  const params = d.params ? ` ${JSON.stringify(d.params)}` : "";
  return `${d.code}${where ? ` (${where})` : ""}${value}${params}`;
}
