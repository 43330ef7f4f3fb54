/**
 * The calculation-sheet PLAN: pure, writer-neutral data describing the sheet the wizard (Office.js) and the
 * command line (exceljs) write. One plan, two writers — neither writer builds cells by hand.
 *
 * Conventions every writer can rely on:
 * - Addresses are A1 strings on the plan's own sheet, without a sheet name (`"B5"`, `"B5:F9"`); absolute `$`
 *   markers may appear inside formulas but never in `address`/`range` fields.
 * - Formulas are English (en-US) Excel syntax with a leading `"="`: comma argument separators, `.` decimal point,
 *   English function names (`=IF(Input_DiscountRate=0,Input_Periods,…)`). Office.js `range.formulas` and
 *   exceljs `{ formula }` (without the `=`) both take this form. Only native, non-dynamic-array functions are
 *   used (IF, SUM, COUNTA, MAX, MIN, INDEX, MATCH, LN, ABS …), so the sheet works without the add-in, in
 *   Excel desktop/web/Mac and in LibreOffice. Formulas may refer to the workbook names in `CalculationPlan.names`.
 * - A cell holds either a `value` or a `formula`, never both. Text values are literal: a text value that starts
 *   with `=` is still text (writers must escape it, e.g. Office.js needs a leading `'`).
 * - Dates are Excel serial numbers (1 = 1900-01-01) with a date `format`.
 * - Number formats are Excel format codes (`"#,##0"`, `"0.0%"`, `"yyyy-mm-dd"`).
 * - Colours are `#RRGGBB`. Column widths are in characters of the default font (Excel's own unit; Office.js
 *   writers convert to points, ≈ 7 px per character).
 * - Names (`names`) are workbook-scoped and refer to absolute ranges on the plan's sheet, written as
 *   `'<sheet name>'!$B$5`; the `ref` field is given both with the sheet (`ref`) and without (`range`).
 * - Blocks never overlap; a block's rows are all the same length. `null` is an empty cell (nothing written).
 */
import type { ValueDraws } from "../core/ledger-interval";
import type { ThinDataWarning } from "../core/thin-data";

import type { Currency } from "../core/input/currency";

/** The language the sheet is written in. */
export type PlanLang = "en" | "ja";

/** A constant a cell can hold. */
export type PlanScalar = string | number | boolean;

/** One cell of a block: a constant, a formula, or nothing; optionally with a number format. */
export interface PlanCell {
  /** a constant (text is literal even if it begins with "=") */
  value?: PlanScalar;
  /** an English-syntax formula with a leading "=" */
  formula?: string;
  /** an Excel number-format code */
  format?: string;
}

/**
 * A rectangle of cells written together (a 2-D write), anchored at its top-left cell.
 * `kind` tells writers what the block is: `"data"` blocks hold stamped values that may be large
 * (the per-customer summary, 1 row per customer) and are the ones writers split into several requests.
 */
export interface CellBlock {
  /** stable id, for writers that report progress and for finding a block ("inputs", "chain", "summary" …) */
  id: string;
  /** the top-left cell, e.g. "A3" */
  address: string;
  /** rows of cells; every row has the same length; `null` = leave empty */
  cells: (PlanCell | null)[][];
  kind?: "layout" | "data";
}

/** The named styles of the sheet; `CalculationPlan.styles` says what each looks like. */
export type StyleName =
  | "title"
  | "subtitle"
  | "section"
  | "label"
  | "input"
  | "derived"
  | "calc"
  | "result"
  | "note"
  | "caption"
  | "header"
  | "stamp"
  | "warning";

/** What a style looks like. All fields optional: an absent field leaves the writer's default. */
export interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  /** font size in points */
  fontSize?: number;
  fontColor?: string;
  fill?: string;
  /** a thin border around every cell of the range, in this colour */
  border?: string;
  wrap?: boolean;
  hAlign?: "left" | "center" | "right";
}

/** A style applied to a range. Later entries win where ranges overlap. */
export interface StyleRange {
  range: string;
  style: StyleName;
}

/** Data validation on a range of input cells. Messages are in the plan's language. */
export type DataValidation =
  | {
      range: string;
      kind: "decimal";
      /** inclusive bounds; omitted = unbounded on that side */
      min?: number;
      /** when true, `min` itself is not allowed (value > min) */
      minExclusive?: boolean;
      max?: number;
      prompt?: string;
      error: string;
    }
  | {
      range: string;
      kind: "list";
      /** the allowed texts (written as a comma-separated inline list, so none may contain a comma) */
      items: string[];
      prompt?: string;
      error: string;
    };

/** Conditional formats: a 2- or 3-colour scale, or a fill/font set when an English formula is true. */
export type ConditionalFormat =
  | {
      kind: "colorScale";
      range: string;
      /** lowest value's colour, optional midpoint (50th percentile) colour, highest value's colour */
      minColor: string;
      midColor?: string;
      maxColor: string;
    }
  | {
      kind: "formula";
      range: string;
      /** English formula relative to the range's top-left cell, e.g. "=$B$30<1" */
      formula: string;
      fill?: string;
      fontColor?: string;
      bold?: boolean;
    };

/** A chart over ranges of the sheet. */
export interface ChartPlan {
  id: string;
  kind: "line" | "column";
  title: string;
  /** categories (x axis), a single row or column range */
  categories: string;
  series: { name: string; values: string }[];
  /** where the chart sits: top-left and bottom-right cells */
  from: string;
  to: string;
  xAxisTitle?: string;
  yAxisTitle?: string;
  /** number format of the value axis */
  valueFormat?: string;
}

/** A workbook-scoped name. */
export interface NamedRange {
  /** e.g. "Result_LTV", "Input_AvgOrder" */
  name: string;
  /** the range on the plan's sheet, without sheet: "B12" or "B12:B14" */
  range: string;
  /** the full reference: `'LTV calculation'!$B$12` */
  ref: string;
  /** a one-line comment (shown in Excel's Name Manager) */
  comment?: string;
}

/**
 * How the sheet prints: paper, orientation, fitted to one page wide (as many pages tall as it needs), the rows
 * repeated at the top of every page and the ranges printed.
 */
export interface PrintPlan {
  /** A4 (Japan and most of the world) or US Letter */
  paper: "A4" | "Letter";
  orientation: "landscape" | "portrait";
  /** pages wide the print is scaled to; the height is free (as many pages as needed) */
  fitToWidth: 1;
  /** rows repeated at the top of every printed page, first and last (1-based), e.g. { first: 1, last: 3 } */
  titleRows?: { first: number; last: number };
  /** the ranges printed, each starting on a new page, e.g. ["A1:D50", "F5:AE40"]; omitted = the used range */
  area?: string[];
}

/**
 * The font of every cell the plan writes (and of its charts' text).
 * `theme: "minor"` means the workbook theme's body font: a writer that can refer to the theme does so (xlsx
 * `<scheme val="minor"/>`, with `name` as the font the theme names), one that cannot leaves the font alone.
 */
export interface PlanFont {
  /** the font's name as Excel writes it, e.g. "游ゴシック" or "Calibri" */
  name: string;
  /** East Asian typeface for charts' text, when different from `name` */
  eastAsian?: string;
  theme?: "minor";
}

/** One sheet's plan. */
export interface SheetPlan {
  /** the sheet name, in the plan's language (≤ 31 characters, none of : \ / ? * [ ]) */
  name: string;
  blocks: CellBlock[];
  styles: StyleRange[];
  /** column widths in characters, by column letter */
  columnWidths: Record<string, number>;
  /** row heights in points, by 1-based row: the rows whose explanation wraps onto more than one line */
  rowHeights?: Record<number, number>;
  validations: DataValidation[];
  conditionalFormats: ConditionalFormat[];
  charts: ChartPlan[];
  /** rows/columns to freeze at the top-left, if any */
  freeze?: { rows: number; columns: number };
  /** the cell to select after writing */
  select?: string;
  /** the print layout; omitted = the spreadsheet's defaults */
  print?: PrintPlan;
  /** Excel tables (filters on every column, banded rows) over ranges the blocks have already written */
  tables?: TablePlan[];
}

/**
 * An Excel table (a ListObject) over a range whose first row is its header: filter buttons on every column and
 * the style's banded rows. The cells themselves come from the blocks; the table is laid over them (Office.js
 * `worksheet.tables.add(range, true)`, exceljs `addTable`).
 */
export interface TablePlan {
  /** workbook-unique: letters, digits and underscores, starting with a letter ("CustomerList") */
  name: string;
  /** the header row and the data rows, e.g. "A6:J2363" */
  range: string;
  /** a built-in table style, e.g. "TableStyleMedium2" */
  style: string;
}

/**
 * Where the key cells are, so writers, the UI and other tools can find them without searching.
 * Values are A1 addresses on the sheet.
 */
export interface PlanAnchors {
  ltv: string;
  ltvBeforeCosts: string;
  ltvBeforeAcquisition: string;
  ltvCac: string;
  maxCac: string;
  cacPayback: string;
  /** manual route only (the ledger route has no typed lifetime to extend) */
  retentionBreakEven?: string;
  periods: string;
  annuity: string;
  sensitivity: string;
  /** ledger route only */
  summary?: string;
  cohorts?: string;
  retention?: string;
}

/** The whole plan: one sheet (the calculation sheet), its workbook names, and the styles it uses. */
export interface CalculationPlan {
  version: 1;
  lang: PlanLang;
  sheet: SheetPlan;
  names: NamedRange[];
  styles: Record<StyleName, CellStyle>;
  anchors: PlanAnchors;
  /** the font of the sheet's cells and charts; omitted = the workbook's default */
  font?: PlanFont;
  /** text stamped on the sheet saying where the data came from (ledger route), for writers' logs */
  source?: string;
}

/** The period units the wizard offers (the sheet's unit table holds exactly these). */
export type PlanUnit = "month" | "quarter" | "year";

/**
 * The wizard's answers, as numbers. Money is in the ledger's (or the user's) currency.
 * With a ledger, `avgOrder` and `frequency` are ignored: the sheet derives them by formula from the summary.
 */
export interface PlanInputs {
  /** the period of frequency, lifespan in periods, discount rate and retention-per-period cost */
  periodUnit: PlanUnit;
  /** average order value (currency per order) */
  avgOrder: number;
  /** orders per customer per period */
  frequency: number;
  /** how long customers keep buying, in `lifespanUnit` (ignored when `lifespanFromChurn`) */
  lifespan: number;
  lifespanUnit: PlanUnit;
  /** ledger route: lifespan in periods = 1 / churn per period, as a formula over the churn cell */
  lifespanFromChurn?: boolean;
  /** gross margin, 0…1 */
  grossMargin: number;
  /** discount rate per period, ≥ 0 */
  discountRate: number;
  /** acquisition cost per customer */
  acquisitionCost: number;
  /** retention cost per customer, as a lifetime total or per period (`retentionBasis`) */
  retentionCost: number;
  retentionBasis: "total" | "perPeriod";
  /** target LTV:CAC ratio (default 3) */
  targetRatio: number;
  /**
   * ledger route: how far ahead from the first purchase the LTV counts, in `horizonUnit` (default 3 years); the
   * lifespan fields are then unused (the ledger's model gives the expected active periods within the horizon)
   */
  horizon?: number;
  horizonUnit?: PlanUnit;
  /** ledger route: repeat purchase without a contract (default) or a contract / subscription business */
  business?: Business;
  /** ledger route, repeat purchase: the model (default "auto": the better-fitting one) */
  model?: "auto" | "pnbd" | "bgnbd";
  /** the money's currency: the ledger's sign, else the language's (yen for Japanese, dollars for English) */
  currency?: Currency;
}

/** The two kinds of business the ledger route tells apart. */
export type Business = "repeat" | "contract";

/**
 * The ledger route's model of a new customer, as the sheet stamps it: the fitted parameters (the sheet's
 * formulas derive the inputs from them), and the per-period values no native formula can compute.
 */
export interface LedgerValueInfo {
  business: Business;
  /** the model used: Pareto/NBD, BG/NBD, NBD without dropout (repeat purchase) or sBG (contract) */
  model: "pnbd" | "bgnbd" | "nbd" | "sbg";
  /** the fitted parameters in the model's time unit, in the model's order (r, alpha, s, beta / r, alpha, a, b …) */
  params: { name: string; value: number }[];
  /** the model's time unit in days: a week (7), or the billing period of a contract */
  unitDays: number;
  /** the Gamma-Gamma fit of spend (p, q, γ), or null when the average order is the observed mean */
  spend: { p: number; q: number; v: number } | null;
  /** the horizon the table covers, in periods of `LedgerAnalysis.unit` */
  horizonPeriods: number;
  /**
   * per period k = 1 … ⌈horizon⌉ of the new customer's life: expected purchases (repeat purchases or renewals)
   * and, for a contract, the mean time of the period's renewals (in periods, for its discount factor)
   */
  table: { purchases: number; time: number }[];
  /** the core's figures at writing time (the sheet's formulas give the same) */
  firstOrder: number;
  avgOrder: number;
  frequency: number;
  periods: number;
  /** the holdout check (repeat purchase), or null when the ledger is too short for one */
  holdout: {
    days: number;
    predicted: number;
    actual: number;
    error: number | null;
  } | null;
  /** cumulative revenue per acquired customer by periods since the first purchase: observed and expected */
  curve: { period: number; customers: number; observed: number; expected: number }[];
  /** customers in the fit, and of those, who bought again (repeat) or cancelled (contract) */
  customers: number;
  repeatBuyers: number;
  /**
   * the new-customer value at each parameter draw of the fit's sampling distribution (src/core/ledger-interval.ts),
   * from which the LTV's 90 % interval is read for any inputs; absent when the ledger gives no interval
   */
  draws?: ValueDraws;
  /** where the ledger is thin (src/core/thin-data.ts), most important first; the words are the edge's */
  warnings?: ThinDataWarning[];
}

/**
 * What the ledger route stamps on the sheet, computed by `src/core/` (see `src/sheet/ledger-analysis.ts`).
 * Kept as plain arrays so the plan builder needs nothing from Office or from the ledger itself.
 */
export interface LedgerAnalysis {
  /** where the data came from, e.g. "Sales!A1:D6920" or "orders.csv" */
  source: string;
  /** when it was read (ISO 8601), stamped next to the values */
  readAt: string;
  rowsRead: number;
  rowsSkipped: number;
  /**
   * per customer, in order of first appearance: id, first and last order (date serials), orders, revenue, and
   * (ledger route's model) the amount of the first purchase and the repeat purchases (purchase days after the first)
   */
  summary: {
    customer: string;
    first: number;
    last: number;
    orders: number;
    revenue: number;
    firstAmount?: number;
    repeatPurchases?: number;
  }[];
  /** cohort retention: one row per first-purchase period label, customers in it, then the share active per period since (null = not yet observable) */
  cohorts: { label: string; size: number; shares: (number | null)[] }[];
  /** the retention curve: share of customers active k periods after their first, k = 0, 1, 2 … */
  retention: number[];
  /** the period unit the cohorts, retention and churn were computed in */
  unit: PlanUnit;
  /** first and last order dates (serials) */
  firstDate: number;
  lastDate: number;
  /** churn per period (0…1), or null when the ledger spans fewer than two complete periods */
  churn: number | null;
  /** the largest drop in the retention curve: from period `period` (share `from`) to `period + 1` (share `to`) */
  largestDrop?: { period: number; from: number; to: number; drop: number };
  /**
   * a customer summary rather than order lines (`analyseSummaryForPlan`): no cohorts, retention, lapse or holdout
   * (the sheet says so); `firstAmounts` false when the summary had no first purchase amounts (the first purchase
   * is then the average order). Absent for a ledger.
   */
  origin?: { kind: "summary"; firstAmounts: boolean };
  /** the model of a new customer's value (ledger route); absent when the ledger cannot be fitted */
  value?: LedgerValueInfo;
  /** why `value` is absent, in the user's language (e.g. "nobody bought a second time") */
  valueError?: string;
}
