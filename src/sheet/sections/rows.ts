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
import { intervalOf, ltvWordsExplained, warningsWords } from "./interval";

/** One row of the inputs block: the value column is an input cell (blue) or, derived, a formula (green). */
export interface InputRow {
  key: RowKey;
  /** the workbook name of the value cell */
  name: string;
  /** a typed number: its rule (data validation) and kind (number format) are the registry's */
  param?: ParamKey;
  /** a choice: the texts its list validation offers */
  list?: (c: PlanContext) => string[];
  /** the value the user gave; null leaves the cell empty (a figure the user did not give is not invented) */
  value: (c: PlanContext) => PlanScalar | null;
  /** when it returns a formula, the cell is derived from the ledger instead of typed */
  formula?: (c: PlanContext) => string | undefined;
  /** the unit column's text */
  unit?: (L: SheetLabels) => string;
  /** a value the wizard set and the sheet shows, neither typed over nor validated (styled as derived) */
  fixed?: boolean;
  /** an explanation in place of the row's usual one (undefined: the usual) */
  explain?: (c: PlanContext) => string | undefined;
}

/** A customer summary without first purchase amounts: the first purchase is the average order (the fit's rule). */
const firstAmountsUnknown = (c: PlanContext): boolean => c.ledger?.origin?.firstAmounts === false;

const ledgerFormula = (formula: string) => (c: PlanContext) => (c.ledger ? formula : undefined);

export const INPUT_ROWS: readonly InputRow[] = [
  {
    key: "period",
    name: "Input_Period",
    // not a drop-down: the per-period inputs (frequency, discount rate, per-period costs) are typed in this unit
    // and would not convert with it, so the period is the wizard's choice, shown as a fixed value
    fixed: true,
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
    // none given: the cell stays empty, so LTV:CAC, the health and the payback are blank rather than 0
    value: (c) => (c.inputs.acquisitionCost > 0 ? c.inputs.acquisitionCost : null),
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
  formula?: string | ((c: PlanContext) => string);
  /** instead of a formula, a value the core computed when the sheet was written (the LTV's interval) */
  stamped?: (c: PlanContext) => string | number;
  /**
   * a sentence about this sheet's numbers, written in the explanation column in place of the row's explanation:
   * that column wraps and its row gets the lines it needs, where a sentence in the narrow value cell is clipped
   */
  explained?: (c: PlanContext) => string;
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
    formula:
      '=IF(AND(Input_AcquisitionCost>0,Calc_GrossProfitPerPeriod>0),Input_AcquisitionCost/Calc_GrossProfitPerPeriod,"")',
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
    // no retention cost: nothing to break even, a blank (as results.ts's breakEvenTotal)
    formula:
      '=IF(AND(Calc_ValueOfOneMorePeriod>0,Calc_RetentionTotal>0),Calc_RetentionTotal/Calc_ValueOfOneMorePeriod,"")',
    format: "number",
    unit: (L) => L.periodsWord,
    style: "calc",
    result: "breakEvenTotal",
  },
];

/** The names of the model cells the ledger route's formulas read (see `sections/model.ts`). */
export const MODEL_NAMES = {
  unitDays: "Model_UnitDays",
  p: "Model_GG_p",
  q: "Model_GG_q",
  v: "Model_GG_gamma",
} as const;

/** The workbook name of a fitted parameter: `Model_r`, `Model_alpha` … */
export const modelParamName = (param: string): string => `Model_${param}`;

/** The new-customer table's columns by name: expected active time and discount factor per period. */
export const TABLE_NAMES = { active: "Table_Active", discount: "Table_Discount" } as const;

/** The average order value: Gamma-Gamma's population mean pγ/(q−1), or the observed mean of repeat purchases. */
function ledgerAvgOrder(c: PlanContext): string {
  if (c.value?.spend) return `=${MODEL_NAMES.p}*${MODEL_NAMES.v}/(${MODEL_NAMES.q}-1)`;
  return "=(SUM(Ledger_Revenue)-SUM(Ledger_FirstAmount))/SUM(Ledger_RepeatPurchases)";
}

/** Purchases (or renewals) per period while a customer is active. */
function ledgerFrequency(c: PlanContext): string {
  if (c.value?.business === "contract") return `=Calc_PeriodDays/${MODEL_NAMES.unitDays}`;
  return `=${modelParamName("r")}/${modelParamName("alpha")}*Calc_ModelUnitsPerPeriod`;
}

/**
 * The ledger route's inputs: the period and the kind of business as the wizard set them; first purchase, average
 * order and frequency derived from the ledger's model; the horizon typed; margin, discount and costs as in the
 * manual route.
 */
export const LEDGER_INPUT_ROWS: readonly InputRow[] = [
  INPUT_ROWS[0],
  {
    key: "business",
    name: "Input_Business",
    fixed: true,
    value: (c) => (c.value?.business === "contract" ? c.L.businessContract : c.L.businessRepeat),
  },
  {
    key: "firstOrder",
    name: "Input_FirstOrder",
    param: "avgOrder",
    value: (c) => c.value?.firstOrder ?? 0,
    formula: (c) => (firstAmountsUnknown(c) ? "=Input_AvgOrder" : "=AVERAGE(Ledger_FirstAmount)"),
    explain: (c) => (firstAmountsUnknown(c) ? c.L.summaryOrigin.firstOrderEstimated : undefined),
    unit: (L) => L.currency,
  },
  {
    key: "ledgerAvgOrder",
    name: "Input_AvgOrder",
    param: "avgOrder",
    value: (c) => c.value?.avgOrder ?? 0,
    formula: ledgerAvgOrder,
    unit: (L) => L.perOrder,
  },
  {
    key: "ledgerFrequency",
    name: "Input_Frequency",
    param: "frequency",
    value: (c) => c.value?.frequency ?? 0,
    formula: ledgerFrequency,
    unit: (L) => L.ordersPerPeriod,
  },
  {
    key: "horizon",
    name: "Input_Horizon",
    param: "horizon",
    value: (c) => c.inputs.horizon ?? 3,
  },
  {
    key: "horizonUnit",
    name: "Input_HorizonUnit",
    list: (c) => c.unitList,
    value: (c) => c.L.units[c.inputs.horizonUnit ?? "year"],
  },
  ...INPUT_ROWS.slice(INPUT_ROWS.findIndex((r) => r.key === "grossMargin")),
];

const chainRow = (key: RowKey): ChainRow => {
  const row = CHAIN_ROWS.find((r) => r.key === key);
  if (!row) throw new Error(`no chain row ${key}`);
  return row;
};

/**
 * The ledger route's chain: the horizon in periods, the model's time unit, then the manual chain with the
 * periods and their discounted sum taken from the new-customer table, the first purchase added to the LTV and
 * taken off what the payback must earn. The figures that read a typed lifetime (one more period, the retention
 * break-evens) are left out.
 */
export const LEDGER_CHAIN_ROWS: readonly ChainRow[] = [
  chainRow("periodDays"),
  {
    key: "horizonPeriods",
    name: "Calc_HorizonPeriods",
    // at most the table's length: the table has one row per period of the horizon the sheet was written with
    formula: (c) =>
      `=MIN(Input_Horizon*VLOOKUP(Input_HorizonUnit,Units_Table,2,0)/Calc_PeriodDays,${c.value?.table.length ?? 0})`,
    format: "number",
    unit: (L) => L.periodsWord,
    style: "calc",
  },
  {
    key: "modelUnits",
    name: "Calc_ModelUnitsPerPeriod",
    formula: `=Calc_PeriodDays/${MODEL_NAMES.unitDays}`,
    format: "fine",
    style: "calc",
  },
  chainRow("revenue"),
  chainRow("grossProfit"),
  {
    key: "expectedPeriods",
    name: "Calc_Periods",
    formula: `=SUM(${TABLE_NAMES.active})`,
    format: "number",
    unit: (L) => L.periodsWord,
    style: "calc",
    result: "periods",
    anchor: "periods",
  },
  {
    key: "discountedPeriods",
    name: "Calc_AnnuityFactor",
    formula: `=SUMPRODUCT(${TABLE_NAMES.active},${TABLE_NAMES.discount})`,
    format: "number",
    unit: (L) => L.periodsWord,
    style: "calc",
    result: "annuity",
    anchor: "annuity",
  },
  {
    key: "repeatPurchases",
    name: "Calc_RepeatPurchases",
    formula: "=Input_Frequency*Calc_Periods",
    format: "number",
    style: "calc",
  },
  {
    ...chainRow("ltvBeforeCosts"),
    key: "ledgerLtvBeforeCosts",
    formula: "=Input_GrossMargin*Input_FirstOrder+Calc_GrossProfitPerPeriod*Calc_AnnuityFactor",
  },
  chainRow("retentionTotal"),
  chainRow("ltvBeforeAcquisition"),
  chainRow("ltv"),
  {
    key: "ltvLow",
    name: "Result_LTV_Low",
    stamped: (c) => intervalOf(c)?.low ?? "",
    format: "money",
    unit: (L) => L.currency,
    style: "calc",
  },
  {
    key: "ltvHigh",
    name: "Result_LTV_High",
    stamped: (c) => intervalOf(c)?.high ?? "",
    format: "money",
    unit: (L) => L.currency,
    style: "calc",
  },
  { key: "ltvInWords", explained: ltvWordsExplained, style: "calc" },
  { key: "ltvWarnings", explained: warningsWords, style: "calc" },
  chainRow("ltvCac"),
  chainRow("health"),
  chainRow("maxCac"),
  {
    ...chainRow("payback"),
    key: "ledgerPayback",
    formula:
      '=IF(AND(Input_AcquisitionCost>0,Calc_GrossProfitPerPeriod>0),MAX(0,Input_AcquisitionCost-Input_GrossMargin*Input_FirstOrder)/Calc_GrossProfitPerPeriod,"")',
  },
];

/** The rows of the route being written: the ledger route's when a model of the ledger is on the sheet. */
export function inputRowsOf(c: PlanContext): readonly InputRow[] {
  return c.value ? LEDGER_INPUT_ROWS : INPUT_ROWS;
}

export function chainRowsOf(c: PlanContext): readonly ChainRow[] {
  return c.value ? LEDGER_CHAIN_ROWS : CHAIN_ROWS;
}

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

/**
 * The ledger facts when the sheet carries the ledger's model: the model's holdout check takes the place of the
 * expected lifetime 1 ÷ churn (the model gives the lifetime), and the churn row is a real churn only for a
 * contract business (for repeat purchase it is a lapse rate, and says so).
 */
export const MODEL_LEDGER_KEYS = [
  "source",
  "readAt",
  "rowsRead",
  "rowsSkipped",
  "customers",
  "orders",
  "firstDate",
  "lastDate",
  "holdout",
  "churn",
  "largestDrop",
] as const satisfies readonly RowKey[];

export type LedgerKey = (typeof LEDGER_KEYS)[number] | (typeof MODEL_LEDGER_KEYS)[number] | "lapse";

export function ledgerKeysOf(c: PlanContext): readonly LedgerKey[] {
  const value = c.value;
  if (!value) return LEDGER_KEYS;
  return MODEL_LEDGER_KEYS.map((k) => (k === "churn" && value.business === "repeat" ? "lapse" : k));
}

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
  ["Ledger_FirstAmount", "amount of the first purchase per customer"],
  ["Ledger_RepeatPurchases", "repeat purchase days per customer"],
] as const;

/** The summary's columns: the first five on every ledger sheet, all seven with the ledger's model. */
export const summaryColumnsOf = (c: PlanContext): number => (c.value ? 7 : 5);

/**
 * Where the left-hand blocks start: a section title, its header on the next row, its rows after it, then one
 * empty row. A row added to a block moves the blocks below it.
 */
export const LEFT_SECTIONS = sectionRows(INPUT_ROWS.length, CHAIN_ROWS.length, LEDGER_KEYS.length);

function sectionRows(inputs: number, chain: number, ledger: number) {
  const at = { inputs: 5, chain: 0, ledger: 0, model: 0 };
  at.chain = at.inputs + 2 + inputs + 1;
  at.ledger = at.chain + 2 + chain + 1;
  at.model = at.ledger + 2 + ledger + 1;
  return at;
}

/** Where the left-hand blocks start on the sheet being written (the ledger route's model adds rows). */
export function leftSectionsOf(c: PlanContext): ReturnType<typeof sectionRows> {
  return sectionRows(inputRowsOf(c).length, chainRowsOf(c).length, ledgerKeysOf(c).length);
}

/** The first row of a left-hand block's rows. */
export const firstRowOf = (section: number): number => section + 2;
