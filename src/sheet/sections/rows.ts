/**
 * The labelled rows of the calculation sheet as data: one spec per row. A row's label and explanation are
 * `SHEET_LABELS[lang].rows[key]`; everything else about it is here. Adding an input is one entry in
 * `INPUT_ROWS` and its two labels (en, ja); the sections lay the rows out in this order.
 */
import type { ParamKey } from "../../core/params";
import type { LtvResults } from "../../core/results";
import type { SheetLabels, RowKey } from "../labels";
import type { PlanAnchors, PlanScalar, StyleName } from "../types";
import { q, type FormatName, type PlanContext } from "./context";
import { BREAK_EVEN_RATIO, HEALTHY_RATIO } from "../../core/results";

/** One row of the inputs block: the value column is an input cell (blue) or, derived, a formula (green). */
export interface InputRow {
  key: RowKey;
  /** the workbook name of the value cell */
  name: string;
  /** a typed number: its rule (data validation) and kind (number format) are the registry's */
  param?: ParamKey;
  /** a choice: the texts its list validation offers */
  list?: (c: PlanContext) => string[];
  /** the value the user gave */
  value: (c: PlanContext) => PlanScalar;
  /** when it returns a formula, the cell is derived from the ledger instead of typed */
  formula?: (c: PlanContext) => string | undefined;
  /** the unit column's text */
  unit?: (L: SheetLabels) => string;
}

const ledgerFormula = (formula: string) => (c: PlanContext) => (c.ledger ? formula : undefined);

export const INPUT_ROWS: readonly InputRow[] = [
  {
    key: "period",
    name: "Input_Period",
    list: (c) => c.unitList,
    value: (c) => c.L.units[c.inputs.periodUnit],
  },
  {
    key: "avgOrder",
    name: "Input_AvgOrder",
    param: "avgOrder",
    value: (c) => c.inputs.avgOrder,
    formula: ledgerFormula("=SUM(Ledger_Revenue)/SUM(Ledger_Orders)"),
    unit: (L) => L.perOrder,
  },
  {
    key: "frequency",
    name: "Input_Frequency",
    param: "frequency",
    value: (c) => c.inputs.frequency,
    // orders ÷ customers ÷ periods in the window (first to last order, both days included): FREQ's estimate
    formula: ledgerFormula(
      "=SUM(Ledger_Orders)/COUNTA(Ledger_Customers)/((MAX(Ledger_LastOrder)-MIN(Ledger_FirstOrder)+1)/Calc_PeriodDays)"
    ),
    unit: (L) => L.ordersPerPeriod,
  },
  {
    key: "lifespan",
    name: "Input_Lifespan",
    param: "lifespan",
    value: (c) => c.inputs.lifespan,
    formula: (c) => (c.fromChurn ? "=Ledger_ExpectedLifetime" : undefined),
  },
  {
    key: "lifespanUnit",
    name: "Input_LifespanUnit",
    list: (c) => c.unitList,
    // 1 ÷ churn counts periods of the ledger's unit
    value: (c) => c.L.units[c.fromChurn && c.ledger ? c.ledger.unit : c.inputs.lifespanUnit],
  },
  {
    key: "grossMargin",
    name: "Input_GrossMargin",
    param: "grossMargin",
    value: (c) => c.inputs.grossMargin,
  },
  {
    key: "discountRate",
    name: "Input_DiscountRate",
    param: "discountRate",
    value: (c) => c.inputs.discountRate,
  },
  {
    key: "acquisitionCost",
    name: "Input_AcquisitionCost",
    param: "acquisitionCost",
    value: (c) => c.inputs.acquisitionCost,
    unit: (L) => L.currency,
  },
  {
    key: "retentionCost",
    name: "Input_RetentionCost",
    param: "retentionCost",
    value: (c) => c.inputs.retentionCost,
    unit: (L) => L.currency,
  },
  {
    key: "retentionBasis",
    name: "Input_RetentionBasis",
    list: (c) => [c.L.basisTotal, c.L.basisPerPeriod],
    value: (c) => (c.inputs.retentionBasis === "perPeriod" ? c.L.basisPerPeriod : c.L.basisTotal),
  },
  {
    key: "targetRatio",
    name: "Input_TargetRatio",
    param: "targetRatio",
    value: (c) => c.inputs.targetRatio,
    unit: (L) => L.ratioUnit,
  },
];

/** One step of the formula chain. */
export interface ChainRow {
  key: RowKey;
  /** the workbook name of its cell, when other formulas or people refer to it */
  name?: string;
  /** English formula over workbook names */
  formula: string | ((c: PlanContext) => string);
  format?: FormatName;
  unit?: (L: SheetLabels) => string;
  /** "result" rows are highlighted, label included */
  style: Extract<StyleName, "calc" | "result">;
  /** the figure of the core's results chain this cell equals */
  result?: keyof LtvResults;
  /** the anchor that points at this cell */
  anchor?: keyof PlanAnchors;
}

const d = "Input_DiscountRate";

export const CHAIN_ROWS: readonly ChainRow[] = [
  {
    key: "periodDays",
    name: "Calc_PeriodDays",
    formula: "=VLOOKUP(Input_Period,Units_Table,2,0)",
    format: "days",
    unit: (L) => L.days,
    style: "calc",
  },
  {
    key: "revenue",
    name: "Calc_RevenuePerPeriod",
    formula: "=Input_AvgOrder*Input_Frequency",
    format: "money",
    unit: (L) => L.currency,
    style: "calc",
    result: "revenuePerPeriod",
  },
  {
    key: "grossProfit",
    name: "Calc_GrossProfitPerPeriod",
    formula: "=Calc_RevenuePerPeriod*Input_GrossMargin",
    format: "money",
    unit: (L) => L.currency,
    style: "calc",
    result: "grossProfitPerPeriod",
  },
  {
    key: "periods",
    name: "Calc_Periods",
    formula: "=Input_Lifespan*VLOOKUP(Input_LifespanUnit,Units_Table,2,0)/Calc_PeriodDays",
    format: "number",
    unit: (L) => L.periodsWord,
    style: "calc",
    result: "periods",
    anchor: "periods",
  },
  {
    key: "annuity",
    name: "Calc_AnnuityFactor",
    formula: `=IF(${d}=0,Calc_Periods,(1+${d})*(1-(1+${d})^(-Calc_Periods))/${d})`,
    format: "number",
    unit: (L) => L.periodsWord,
    style: "calc",
    result: "annuity",
    anchor: "annuity",
  },
  {
    key: "ltvBeforeCosts",
    name: "Calc_LTV_BeforeCosts",
    formula: "=Calc_GrossProfitPerPeriod*Calc_AnnuityFactor",
    format: "money",
    unit: (L) => L.currency,
    style: "calc",
    result: "ltvBeforeCosts",
    anchor: "ltvBeforeCosts",
  },
  {
    key: "retentionTotal",
    name: "Calc_RetentionTotal",
    formula: (c) =>
      `=IF(Input_RetentionBasis=${q(c.L.basisPerPeriod)},Input_RetentionCost*Calc_Periods,Input_RetentionCost)`,
    format: "money",
    unit: (L) => L.currency,
    style: "calc",
    result: "retentionTotal",
  },
  {
    key: "ltvBeforeAcquisition",
    name: "Calc_LTV_BeforeAcquisition",
    formula: "=Calc_LTV_BeforeCosts-Calc_RetentionTotal",
    format: "money",
    unit: (L) => L.currency,
    style: "calc",
    result: "ltvBeforeAcquisition",
    anchor: "ltvBeforeAcquisition",
  },
  {
    key: "ltv",
    name: "Result_LTV",
    formula: "=Calc_LTV_BeforeAcquisition-Input_AcquisitionCost",
    format: "money",
    unit: (L) => L.currency,
    style: "result",
    result: "ltv",
    anchor: "ltv",
  },
  {
    key: "ltvCac",
    name: "Result_LTV_CAC",
    formula: '=IF(Input_AcquisitionCost>0,Calc_LTV_BeforeAcquisition/Input_AcquisitionCost,"")',
    format: "ratio",
    unit: (L) => L.ratioUnit,
    style: "result",
    result: "ltvCac",
    anchor: "ltvCac",
  },
  {
    key: "health",
    formula: ({ L }) =>
      `=IF(Input_AcquisitionCost>0,IF(Result_LTV_CAC<${BREAK_EVEN_RATIO},${q(L.bandLoses)},IF(Result_LTV_CAC<${HEALTHY_RATIO},${q(L.bandThin)},${q(L.bandHealthy)})),${q(L.bandNone)})`,
    style: "calc",
  },
  {
    key: "maxCac",
    name: "Result_Max_CAC",
    formula: "=Calc_LTV_BeforeAcquisition/Input_TargetRatio",
    format: "money",
    unit: (L) => L.currency,
    style: "result",
    result: "maxCac",
    anchor: "maxCac",
  },
  {
    key: "payback",
    name: "Result_CAC_Payback",
    formula: '=IF(Calc_GrossProfitPerPeriod>0,Input_AcquisitionCost/Calc_GrossProfitPerPeriod,"")',
    format: "number",
    unit: (L) => L.periodsWord,
    style: "result",
    result: "payback",
    anchor: "cacPayback",
  },
  {
    key: "marginalPeriod",
    name: "Calc_ValueOfOneMorePeriod",
    // d(annuity)/d(periods) × gross profit per period
    formula: `=Calc_GrossProfitPerPeriod*IF(${d}=0,1,(1+${d})^(1-Calc_Periods)*LN(1+${d})/${d})`,
    format: "money",
    unit: (L) => L.currency,
    style: "calc",
    result: "valueOfOneMorePeriod",
  },
  {
    key: "breakEvenPerUnit",
    name: "Calc_RetentionBreakEvenPerUnit",
    formula: '=IF(Calc_ValueOfOneMorePeriod>0,1/Calc_ValueOfOneMorePeriod,"")',
    format: "fine",
    unit: (L) => L.periodsWord,
    style: "calc",
    result: "breakEvenPerUnit",
    anchor: "retentionBreakEven",
  },
  {
    key: "breakEvenTotal",
    name: "Calc_RetentionBreakEvenTotal",
    formula: '=IF(Calc_ValueOfOneMorePeriod>0,Calc_RetentionTotal/Calc_ValueOfOneMorePeriod,"")',
    format: "number",
    unit: (L) => L.periodsWord,
    style: "calc",
    result: "breakEvenTotal",
  },
];

/** The ledger facts block's rows, in order (their cells depend on the ledger; see `ledger-facts.ts`). */
export const LEDGER_KEYS = [
  "source",
  "readAt",
  "rowsRead",
  "rowsSkipped",
  "customers",
  "orders",
  "firstDate",
  "lastDate",
  "churn",
  "lifespanFromChurn",
  "largestDrop",
] as const satisfies readonly RowKey[];

/** The workbook names of the ledger facts other cells refer to. */
export const LEDGER_NAMES = {
  churn: "Ledger_Churn",
  lifespanFromChurn: "Ledger_ExpectedLifetime",
} as const satisfies Partial<Record<(typeof LEDGER_KEYS)[number], string>>;

/** The per-customer summary's columns, by the names the inputs' formulas use. */
export const SUMMARY_NAMES = [
  ["Ledger_Customers", "customer ids (summary)"],
  ["Ledger_FirstOrder", "first order date per customer"],
  ["Ledger_LastOrder", "last order date per customer"],
  ["Ledger_Orders", "orders per customer"],
  ["Ledger_Revenue", "revenue per customer"],
] as const;

/**
 * Where the left-hand blocks start: a section title, its header on the next row, its rows after it, then one
 * empty row. A row added to a block moves the blocks below it.
 */
export const LEFT_SECTIONS = (() => {
  const inputs = 5;
  const chain = inputs + 2 + INPUT_ROWS.length + 1;
  const ledger = chain + 2 + CHAIN_ROWS.length + 1;
  return { inputs, chain, ledger } as const;
})();

/** The first row of a left-hand block's rows. */
export const firstRowOf = (section: number): number => section + 2;
