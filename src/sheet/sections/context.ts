/**
 * What every section builder of the calculation sheet shares: the context it reads (answers, labels, formats,
 * where things go) and the fragment it returns (its blocks, styles, names …), plus small cell helpers.
 *
 * A section is a function `(c: PlanContext) => Fragment`; `buildCalculationPlan` concatenates the fragments in a
 * fixed order. Positions come from `layoutOf`, so a section never needs another section's output.
 */
import { absolute, quoteSheet } from "../a1";
import { CURRENCY_DIGITS, defaultCurrency, type Currency } from "../../core/input/currency";
import { fill, SHEET_LABELS, type SheetLabels } from "../labels";
import type {
  CellBlock,
  ChartPlan,
  ConditionalFormat,
  DataValidation,
  LedgerAnalysis,
  LedgerValueInfo,
  NamedRange,
  PlanAnchors,
  PlanCell,
  PlanInputs,
  PlanLang,
  PlanUnit,
  StyleRange,
} from "../types";

/** The period units the sheet's unit table holds, in order. */
export const PLAN_UNITS: readonly PlanUnit[] = ["month", "quarter", "year"];

/** The part of the sheet one section contributes. Every list is appended in section order. */
export interface Fragment {
  blocks?: CellBlock[];
  styles?: StyleRange[];
  validations?: DataValidation[];
  conditionalFormats?: ConditionalFormat[];
  charts?: ChartPlan[];
  names?: NamedRange[];
  /** widths in characters; where two sections size one column, the wider wins */
  columnWidths?: Record<string, number>;
  anchors?: Partial<PlanAnchors>;
}

/** The currency of a plan's money: the one given, else the language's. */
export function planCurrency(inputs: Pick<PlanInputs, "currency">, lang: PlanLang): Currency {
  return inputs.currency ?? defaultCurrency(lang);
}

/** Number formats by language and currency (yen has no minor unit; dollars show cents: `CURRENCY_DIGITS`). */
export function formats(lang: PlanLang, currency: Currency = defaultCurrency(lang)) {
  return {
    money: CURRENCY_DIGITS[currency] === 0 ? "#,##0" : "#,##0.00",
    number: "#,##0.00",
    count: "#,##0",
    ratio: "0.00",
    pct: "0.0%",
    days: "0.0000",
    fine: "0.0000",
    date: lang === "ja" ? "yyyy/mm/dd" : "yyyy-mm-dd",
    change: "+0%;-0%;0%",
    text: "@",
  };
}

export type Formats = ReturnType<typeof formats>;
export type FormatName = keyof Formats;

/** Columns of the left-hand blocks, and the first column of the right-hand ones. */
export const COL = { label: 0, value: 1, unit: 2, explain: 3, right: 5 } as const;

/** Fixed rows of the right-hand blocks and of the title. */
export const ROW = {
  title: 1,
  subtitle: 2,
  stamp: 3,
  inputsSection: 5,
  sensSection: 5,
  sensCaption: 6,
  sensHeader: 7,
  unitsSection: 14,
  unitsHeader: 15,
  unitsFirst: 16,
  cohortSection: 20,
  summaryHeader: 6,
} as const;

/** Where the blocks that depend on the ledger's size go. */
export interface Layout {
  /** the first row of the new-customer table's section and of the value curve's (ledger route's model) */
  tableSection: number;
  curveSection: number;
  /** columns of shares in the cohort table (periods since first purchase); 0 without a ledger */
  cohortPeriods: number;
  /** the last column of the cohort table */
  cohortLastCol: number;
  /** the first column of the per-customer summary */
  summaryCol: number;
  summaryFirst: number;
  summaryLast: number;
}

/** The layout for a ledger (or none). O(cohorts). */
export function layoutOf(ledger: LedgerAnalysis | undefined): Layout {
  const cohortPeriods = ledger
    ? Math.max(ledger.retention.length, ...ledger.cohorts.map((c) => c.shares.length), 1)
    : 0;
  const cohortLastCol = COL.right + 1 + cohortPeriods; // F label, G size, H… shares
  const summaryFirst = ROW.summaryHeader + 1;
  // below the retention chart: section title, caption, header, the cohorts, the curve row, a gap, the chart
  const chartBottom = ROW.cohortSection + 3 + (ledger ? ledger.cohorts.length : 0) + 2 + 16;
  const tableSection = chartBottom + 2;
  const tableRows = ledger?.value ? ledger.value.table.length : 0;
  const curveSection = tableSection + 3 + tableRows + 1;
  return {
    tableSection,
    curveSection,
    cohortPeriods,
    cohortLastCol,
    summaryCol: Math.max(COL.right + 6, cohortLastCol) + 2,
    summaryFirst,
    summaryLast: summaryFirst + Math.max(ledger ? ledger.summary.length : 0, 1) - 1,
  };
}

/** Everything a section reads. */
export interface PlanContext {
  inputs: PlanInputs;
  lang: PlanLang;
  L: SheetLabels;
  F: Formats;
  ledger?: LedgerAnalysis;
  now: Date;
  /** who writes the sheet (the stamp says how to refresh it) */
  writer: "wizard" | "cli";
  layout: Layout;
  /** ledger route with a churn estimate, and the user chose 1 ÷ churn as the lifespan */
  fromChurn: boolean;
  /** the unit names of the unit table, as the period inputs' lists offer them */
  unitList: string[];
  /** the ledger route's model of a new customer, when the ledger could be fitted */
  value?: LedgerValueInfo;
}

export function planContext(
  inputs: PlanInputs,
  lang: PlanLang,
  ledger: LedgerAnalysis | undefined,
  now: Date,
  writer: "wizard" | "cli" = "wizard"
): PlanContext {
  const currency = planCurrency(inputs, lang);
  // the unit column names the money's currency (円, ¥, $), never the word "currency"
  const L = { ...SHEET_LABELS[lang], currency: SHEET_LABELS[lang].currencies[currency] };
  return {
    inputs,
    lang,
    L,
    F: formats(lang, currency),
    ledger,
    now,
    writer,
    layout: layoutOf(ledger),
    fromChurn: Boolean(
      ledger && inputs.lifespanFromChurn && ledger.churn !== null && ledger.churn > 0
    ),
    unitList: PLAN_UNITS.map((u) => L.units[u]),
    value: ledger?.value,
  };
}

/** A constant cell. */
export const v = (value: string | number | boolean, format?: string): PlanCell =>
  format ? { value, format } : { value };
/** A formula cell. */
export const f = (formula: string, format?: string): PlanCell =>
  format ? { formula, format } : { formula };
/** A text as a formula string literal. */
export const q = (text: string): string => `"${text.replace(/"/g, '""')}"`;

/** A workbook name for a range of the plan's sheet. */
export function named(c: PlanContext, name: string, range: string, comment?: string): NamedRange {
  return { name, range, ref: `${quoteSheet(c.L.sheetName)}!${absolute(range)}`, comment };
}

/** The stamp's time, local, to the minute. */
export function stampTime(now: Date, lang: PlanLang = "en"): string {
  const p = (n: number) => String(n).padStart(2, "0");
  // the date as the sheet's date cells show it (yyyy/mm/dd in Japanese), local time: one clock on the sheet
  const sep = lang === "ja" ? "/" : "-";
  return `${now.getFullYear()}${sep}${p(now.getMonth() + 1)}${sep}${p(now.getDate())} ${p(now.getHours())}:${p(now.getMinutes())}`;
}

export { fill };
