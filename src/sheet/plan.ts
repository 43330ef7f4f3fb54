/**
 * Builds the calculation-sheet plan (see `types.ts`) from the wizard's answers: pure data, no Office.
 *
 * Layout (rows are fixed so the docs and tests can point at them; ledger blocks only with a ledger):
 * ```
 * A1 title · A2 how to read it · A3 stamp
 * A5  1. Inputs        A6 header · A7:D17 the 11 inputs (B = value, C = unit, D = explanation)
 * A19 2. Calculation   A20 header · A21:D36 the formula chain, top to bottom
 * A38 4. From the sales ledger (ledger route) · A40:D50 facts, churn, expected lifetime, largest drop
 * F5  3. Sensitivity   F7:K12 LTV grid (avg order × frequency, −20 % … +20 %), colour scale
 * F14 Period units     F15:G18 unit table (month, quarter, year → days), used by VLOOKUP
 * F20 5. Cohorts (ledger route) · header, one row per cohort, the retention curve row, then its chart
 * right of everything (ledger route): the per-customer summary, one row per customer (values)
 * ```
 * Every formula is native, English syntax, and refers to inputs and steps by workbook name
 * (`=Input_AvgOrder*Input_Frequency`), so the chain reads like its explanation.
 */
import { absolute, cell, columnLetter, parseCell, quoteSheet, range } from "./a1";
import { PLAN_FONTS, printLayout } from "./print";
import { fill, SHEET_LABELS, type RowKey, type SheetLabels } from "./labels";
import type {
  CalculationPlan,
  CellBlock,
  CellStyle,
  ChartPlan,
  ConditionalFormat,
  DataValidation,
  LedgerAnalysis,
  NamedRange,
  PlanCell,
  PlanInputs,
  PlanLang,
  PlanUnit,
  StyleName,
  StyleRange,
} from "./types";

/** Days of each unit, as in `src/core/periods.ts` (a month is 365.25 / 12 days). */
export const PLAN_UNIT_DAYS: Readonly<Record<PlanUnit, number>> = {
  month: 365.25 / 12,
  quarter: 365.25 / 4,
  year: 365.25,
};

export const PLAN_UNITS: readonly PlanUnit[] = ["month", "quarter", "year"];

/** The default answers (the seed's Starbucks customer: ¥415, 12 orders a quarter, 3 years, CAC ¥5,000). */
export const DEFAULT_INPUTS: PlanInputs = {
  periodUnit: "quarter",
  avgOrder: 415,
  frequency: 12,
  lifespan: 3,
  lifespanUnit: "year",
  grossMargin: 1,
  discountRate: 0,
  acquisitionCost: 5000,
  retentionCost: 0,
  retentionBasis: "total",
  targetRatio: 3,
};

export const STYLES: Readonly<Record<StyleName, CellStyle>> = {
  title: { bold: true, fontSize: 16, fontColor: "#1F4E79" },
  subtitle: { italic: true, fontColor: "#595959" },
  section: { bold: true, fontSize: 12, fontColor: "#1F4E79" },
  label: {},
  input: { fill: "#DDEBF7", fontColor: "#1F4E79", border: "#8EA9DB", bold: true },
  derived: { fill: "#E2EFDA", fontColor: "#375623", border: "#A9D08E", bold: true },
  calc: { border: "#D9D9D9" },
  result: { bold: true, fill: "#FFF2CC", border: "#BF8F00" },
  note: { italic: true, fontColor: "#595959" },
  header: { bold: true, fill: "#F2F2F2", border: "#BFBFBF" },
  stamp: { italic: true, fontColor: "#7F7F7F" },
  warning: { bold: true, fontColor: "#C00000" },
};

export interface PlanOptions {
  /** the time stamped on the sheet; default now */
  now?: Date;
}

/** Where each fixed row is. */
const ROW = {
  title: 1,
  subtitle: 2,
  stamp: 3,
  inputsSection: 5,
  inputsHeader: 6,
  inputsFirst: 7,
  chainSection: 19,
  chainHeader: 20,
  chainFirst: 21,
  ledgerSection: 38,
  ledgerHeader: 39,
  ledgerFirst: 40,
  sensSection: 5,
  sensCaption: 6,
  sensHeader: 7,
  unitsSection: 14,
  unitsHeader: 15,
  unitsFirst: 16,
  cohortSection: 20,
} as const;

const COL = { label: 0, value: 1, unit: 2, explain: 3, right: 5 } as const;

const INPUT_KEYS = [
  "period",
  "avgOrder",
  "frequency",
  "lifespan",
  "lifespanUnit",
  "grossMargin",
  "discountRate",
  "acquisitionCost",
  "retentionCost",
  "retentionBasis",
  "targetRatio",
] as const satisfies readonly RowKey[];

const CHAIN_KEYS = [
  "periodDays",
  "revenue",
  "grossProfit",
  "periods",
  "annuity",
  "ltvBeforeCosts",
  "retentionTotal",
  "ltvBeforeAcquisition",
  "ltv",
  "ltvCac",
  "health",
  "maxCac",
  "payback",
  "marginalPeriod",
  "breakEvenPerUnit",
  "breakEvenTotal",
] as const satisfies readonly RowKey[];

const LEDGER_KEYS = [
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

/** The workbook name of each input and chain step. */
export const NAMES: Readonly<Partial<Record<RowKey, string>>> = {
  period: "Input_Period",
  avgOrder: "Input_AvgOrder",
  frequency: "Input_Frequency",
  lifespan: "Input_Lifespan",
  lifespanUnit: "Input_LifespanUnit",
  grossMargin: "Input_GrossMargin",
  discountRate: "Input_DiscountRate",
  acquisitionCost: "Input_AcquisitionCost",
  retentionCost: "Input_RetentionCost",
  retentionBasis: "Input_RetentionBasis",
  targetRatio: "Input_TargetRatio",
  periodDays: "Calc_PeriodDays",
  revenue: "Calc_RevenuePerPeriod",
  grossProfit: "Calc_GrossProfitPerPeriod",
  periods: "Calc_Periods",
  annuity: "Calc_AnnuityFactor",
  ltvBeforeCosts: "Calc_LTV_BeforeCosts",
  retentionTotal: "Calc_RetentionTotal",
  ltvBeforeAcquisition: "Calc_LTV_BeforeAcquisition",
  ltv: "Result_LTV",
  ltvCac: "Result_LTV_CAC",
  maxCac: "Result_Max_CAC",
  payback: "Result_CAC_Payback",
  marginalPeriod: "Calc_ValueOfOneMorePeriod",
  breakEvenPerUnit: "Calc_RetentionBreakEvenPerUnit",
  breakEvenTotal: "Calc_RetentionBreakEvenTotal",
  churn: "Ledger_Churn",
  lifespanFromChurn: "Ledger_ExpectedLifetime",
};

/**
 * Every workbook name any plan may define (manual or ledger route). A writer replacing the sheet removes all of
 * them, so a ledger-route name never survives as #REF! after a manual-route rewrite.
 */
export const ALL_PLAN_NAMES: readonly string[] = [
  ...Object.values(NAMES).filter((n): n is string => typeof n === "string"),
  "Units_Table",
  "Ledger_Customers",
  "Ledger_FirstOrder",
  "Ledger_LastOrder",
  "Ledger_Orders",
  "Ledger_Revenue",
  "Ledger_RetentionCurve",
];

/** Number formats by language (yen has no minor unit; other currencies show cents). */
function formats(lang: PlanLang) {
  return {
    money: lang === "ja" ? "#,##0" : "#,##0.00",
    number: "#,##0.00",
    count: "#,##0",
    ratio: "0.00",
    pct: "0.0%",
    days: "0.0000",
    date: lang === "ja" ? "yyyy/mm/dd" : "yyyy-mm-dd",
    change: "+0%;-0%;0%",
    text: "@",
  };
}

const v = (value: string | number | boolean, format?: string): PlanCell =>
  format ? { value, format } : { value };
const f = (formula: string, format?: string): PlanCell =>
  format ? { formula, format } : { formula };
const q = (text: string): string => `"${text.replace(/"/g, '""')}"`;

function stamp(now: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())} ${p(now.getHours())}:${p(now.getMinutes())}`;
}

/**
 * Builds the plan of the calculation sheet.
 *
 * @param inputs the wizard's answers (with a ledger, avg order and frequency become formulas over the summary,
 *   and the lifespan `1 / churn` when `inputs.lifespanFromChurn`)
 * @param lang the sheet's language
 * @param ledger the ledger analysis from `src/core/` (ledger route), see `analyseLedgerForPlan`
 * @returns the plan; O(customers + cohorts × periods) — the summary and cohort table are the only big blocks.
 */
export function buildCalculationPlan(
  inputs: PlanInputs,
  lang: PlanLang,
  ledger?: LedgerAnalysis,
  options: PlanOptions = {}
): CalculationPlan {
  const L: SheetLabels = SHEET_LABELS[lang];
  const F = formats(lang);
  const sheetName = L.sheetName;
  const blocks: CellBlock[] = [];
  const styles: StyleRange[] = [];
  const validations: DataValidation[] = [];
  const conditional: ConditionalFormat[] = [];
  const charts: ChartPlan[] = [];
  const names: NamedRange[] = [];
  const now = options.now ?? new Date();

  const addName = (name: string, addr: string, comment?: string) => {
    names.push({ name, range: addr, ref: `${quoteSheet(sheetName)}!${absolute(addr)}`, comment });
  };
  // the inputs and the chain are laid out alike: section title, header row, then one row per item whose
  // explanation column is a note
  const styleLabelledBlock = (
    sectionRow: number,
    headerRow: number,
    firstRow: number,
    count: number
  ) => {
    styles.push(
      { range: cell(COL.label, sectionRow), style: "section" },
      { range: range(COL.label, headerRow, COL.explain, headerRow), style: "header" },
      { range: range(COL.explain, firstRow, COL.explain, firstRow + count - 1), style: "note" }
    );
  };

  // ---- title -------------------------------------------------------------------------------------------------
  const stampText = ledger
    ? fill(L.sourceStamp, { source: ledger.source, time: stamp(now) })
    : fill(L.manualStamp, { time: stamp(now) });
  blocks.push({
    id: "title",
    address: "A1",
    cells: [[v(L.title)], [v(L.subtitle)], [v(stampText)]],
  });
  styles.push(
    { range: "A1", style: "title" },
    { range: "A2", style: "subtitle" },
    { range: "A3", style: "stamp" }
  );

  // ---- unit table (needed by the chain) ----------------------------------------------------------------------
  const unitsRange = range(
    COL.right,
    ROW.unitsFirst,
    COL.right + 1,
    ROW.unitsFirst + PLAN_UNITS.length - 1
  );
  blocks.push({
    id: "units",
    address: cell(COL.right, ROW.unitsSection),
    cells: [
      [v(L.unitsSection), null],
      [v(L.colUnit), v(L.unitsDays)],
      ...PLAN_UNITS.map((u) => [v(L.units[u]), v(PLAN_UNIT_DAYS[u], F.days)]),
    ],
  });
  styles.push(
    { range: cell(COL.right, ROW.unitsSection), style: "section" },
    { range: range(COL.right, ROW.unitsHeader, COL.right + 1, ROW.unitsHeader), style: "header" },
    { range: unitsRange, style: "calc" }
  );
  addName("Units_Table", unitsRange, "period units and their length in days");
  const unitList = PLAN_UNITS.map((u) => L.units[u]);

  // ---- ledger rows: where the summary goes (needed by the inputs' formulas) ---------------------------------
  const cohortPeriods = ledger
    ? Math.max(ledger.retention.length, ...ledger.cohorts.map((c) => c.shares.length), 1)
    : 0;
  const cohortLastCol = COL.right + 1 + cohortPeriods; // F label, G size, H… shares
  const summaryCol = Math.max(COL.right + 6, cohortLastCol) + 2;
  const summaryHeaderRow = 6;
  const summaryFirst = summaryHeaderRow + 1;
  const customers = ledger ? ledger.summary.length : 0;
  const summaryLast = summaryFirst + Math.max(customers, 1) - 1;
  const sumCol = (k: number) => range(summaryCol + k, summaryFirst, summaryCol + k, summaryLast);
  if (ledger) {
    addName("Ledger_Customers", sumCol(0), "customer ids (summary)");
    addName("Ledger_FirstOrder", sumCol(1), "first order date per customer");
    addName("Ledger_LastOrder", sumCol(2), "last order date per customer");
    addName("Ledger_Orders", sumCol(3), "orders per customer");
    addName("Ledger_Revenue", sumCol(4), "revenue per customer");
  }

  // ---- 1. inputs ---------------------------------------------------------------------------------------------
  const inputRow = (k: (typeof INPUT_KEYS)[number]) => ROW.inputsFirst + INPUT_KEYS.indexOf(k);
  const fromChurn = Boolean(
    ledger && inputs.lifespanFromChurn && ledger.churn !== null && ledger.churn > 0
  );
  const inputValue: Record<(typeof INPUT_KEYS)[number], [PlanCell, string, StyleName]> = {
    period: [v(L.units[inputs.periodUnit]), "", "input"],
    avgOrder: ledger
      ? [f("=SUM(Ledger_Revenue)/SUM(Ledger_Orders)", F.money), L.perOrder, "derived"]
      : [v(inputs.avgOrder, F.money), L.perOrder, "input"],
    frequency: ledger
      ? [
          f(
            "=SUM(Ledger_Orders)/COUNTA(Ledger_Customers)/((MAX(Ledger_LastOrder)-MIN(Ledger_FirstOrder)+1)/Calc_PeriodDays)",
            F.number
          ),
          L.ordersPerPeriod,
          "derived",
        ]
      : [v(inputs.frequency, F.number), L.ordersPerPeriod, "input"],
    lifespan: fromChurn
      ? [f("=Ledger_ExpectedLifetime", F.number), "", "derived"]
      : [v(inputs.lifespan, F.number), "", "input"],
    lifespanUnit: [
      v(L.units[fromChurn && ledger ? ledger.unit : inputs.lifespanUnit]),
      "",
      "input",
    ],
    grossMargin: [v(inputs.grossMargin, F.pct), "", "input"],
    discountRate: [v(inputs.discountRate, F.pct), "", "input"],
    acquisitionCost: [v(inputs.acquisitionCost, F.money), L.currency, "input"],
    retentionCost: [v(inputs.retentionCost, F.money), L.currency, "input"],
    retentionBasis: [
      v(inputs.retentionBasis === "perPeriod" ? L.basisPerPeriod : L.basisTotal),
      "",
      "input",
    ],
    targetRatio: [v(inputs.targetRatio, F.ratio), L.ratioUnit, "input"],
  };
  blocks.push({
    id: "inputs",
    address: cell(COL.label, ROW.inputsSection),
    cells: [
      [v(L.inputsSection), null, null, null],
      [v(L.colItem), v(L.colValue), v(L.colUnit), v(L.colExplain)],
      ...INPUT_KEYS.map((k) => {
        const [c, unit] = inputValue[k];
        return [v(L.rows[k][0]), c, unit ? v(unit) : null, v(L.rows[k][1])];
      }),
    ],
  });
  styleLabelledBlock(ROW.inputsSection, ROW.inputsHeader, ROW.inputsFirst, INPUT_KEYS.length);
  for (const k of INPUT_KEYS) {
    const addr = cell(COL.value, inputRow(k));
    styles.push({ range: addr, style: inputValue[k][2] });
    addName(NAMES[k] as string, addr, L.rows[k][0]);
  }
  const vd = (
    k: (typeof INPUT_KEYS)[number],
    rule: Omit<DataValidation & { kind: "decimal" }, "range" | "kind" | "error">,
    error: string
  ) =>
    validations.push({
      range: cell(COL.value, inputRow(k)),
      kind: "decimal",
      ...rule,
      error,
      prompt: L.rows[k][1],
    });
  const vl = (k: (typeof INPUT_KEYS)[number], items: string[]) =>
    validations.push({
      range: cell(COL.value, inputRow(k)),
      kind: "list",
      items,
      error: L.validation.list,
      prompt: L.rows[k][1],
    });
  vl("period", unitList);
  vd("avgOrder", { min: 0 }, L.validation.nonNegative);
  vd("frequency", { min: 0 }, L.validation.nonNegative);
  vd("lifespan", { min: 0 }, L.validation.nonNegative);
  vl("lifespanUnit", unitList);
  vd("grossMargin", { min: 0, max: 1 }, L.validation.fraction);
  vd("discountRate", { min: 0, max: 1 }, L.validation.fraction);
  vd("acquisitionCost", { min: 0 }, L.validation.nonNegative);
  vd("retentionCost", { min: 0 }, L.validation.nonNegative);
  vl("retentionBasis", [L.basisTotal, L.basisPerPeriod]);
  vd("targetRatio", { min: 0, minExclusive: true }, L.validation.positive);

  // ---- 2. the chain ------------------------------------------------------------------------------------------
  const chainRow = (k: (typeof CHAIN_KEYS)[number]) => ROW.chainFirst + CHAIN_KEYS.indexOf(k);
  const d = "Input_DiscountRate";
  const chain: Record<(typeof CHAIN_KEYS)[number], [string, string, string, StyleName]> = {
    periodDays: ["=VLOOKUP(Input_Period,Units_Table,2,0)", F.days, L.days, "calc"],
    revenue: ["=Input_AvgOrder*Input_Frequency", F.money, L.currency, "calc"],
    grossProfit: ["=Calc_RevenuePerPeriod*Input_GrossMargin", F.money, L.currency, "calc"],
    periods: [
      "=Input_Lifespan*VLOOKUP(Input_LifespanUnit,Units_Table,2,0)/Calc_PeriodDays",
      F.number,
      L.periodsWord,
      "calc",
    ],
    annuity: [
      `=IF(${d}=0,Calc_Periods,(1+${d})*(1-(1+${d})^(-Calc_Periods))/${d})`,
      F.number,
      L.periodsWord,
      "calc",
    ],
    ltvBeforeCosts: ["=Calc_GrossProfitPerPeriod*Calc_AnnuityFactor", F.money, L.currency, "calc"],
    retentionTotal: [
      `=IF(Input_RetentionBasis=${q(L.basisPerPeriod)},Input_RetentionCost*Calc_Periods,Input_RetentionCost)`,
      F.money,
      L.currency,
      "calc",
    ],
    ltvBeforeAcquisition: [
      "=Calc_LTV_BeforeCosts-Calc_RetentionTotal",
      F.money,
      L.currency,
      "calc",
    ],
    ltv: ["=Calc_LTV_BeforeAcquisition-Input_AcquisitionCost", F.money, L.currency, "result"],
    ltvCac: [
      '=IF(Input_AcquisitionCost>0,Calc_LTV_BeforeAcquisition/Input_AcquisitionCost,"")',
      F.ratio,
      L.ratioUnit,
      "result",
    ],
    health: [
      `=IF(Input_AcquisitionCost>0,IF(Result_LTV_CAC<1,${q(L.bandLoses)},IF(Result_LTV_CAC<3,${q(L.bandThin)},${q(L.bandHealthy)})),${q(L.bandNone)})`,
      "",
      "",
      "calc",
    ],
    maxCac: ["=Calc_LTV_BeforeAcquisition/Input_TargetRatio", F.money, L.currency, "result"],
    payback: [
      '=IF(Calc_GrossProfitPerPeriod>0,Input_AcquisitionCost/Calc_GrossProfitPerPeriod,"")',
      F.number,
      L.periodsWord,
      "result",
    ],
    marginalPeriod: [
      `=Calc_GrossProfitPerPeriod*IF(${d}=0,1,(1+${d})^(1-Calc_Periods)*LN(1+${d})/${d})`,
      F.money,
      L.currency,
      "calc",
    ],
    breakEvenPerUnit: [
      '=IF(Calc_ValueOfOneMorePeriod>0,1/Calc_ValueOfOneMorePeriod,"")',
      "0.0000",
      L.periodsWord,
      "calc",
    ],
    breakEvenTotal: [
      '=IF(Calc_ValueOfOneMorePeriod>0,Calc_RetentionTotal/Calc_ValueOfOneMorePeriod,"")',
      F.number,
      L.periodsWord,
      "calc",
    ],
  };
  blocks.push({
    id: "chain",
    address: cell(COL.label, ROW.chainSection),
    cells: [
      [v(L.chainSection), null, null, null],
      [v(L.colItem), v(L.colValue), v(L.colUnit), v(L.colExplain)],
      ...CHAIN_KEYS.map((k) => {
        const [formula, format, unit] = chain[k];
        return [
          v(L.rows[k][0]),
          f(formula, format || undefined),
          unit ? v(unit) : null,
          v(L.rows[k][1]),
        ];
      }),
    ],
  });
  styleLabelledBlock(ROW.chainSection, ROW.chainHeader, ROW.chainFirst, CHAIN_KEYS.length);
  for (const k of CHAIN_KEYS) {
    const addr = cell(COL.value, chainRow(k));
    styles.push({ range: addr, style: chain[k][3] });
    if (chain[k][3] === "result")
      styles.push({ range: cell(COL.label, chainRow(k)), style: "result" });
    const name = NAMES[k];
    if (name) addName(name, addr, L.rows[k][0]);
  }
  // health band colours on the ratio and its words
  const ratioAbs = absolute(cell(COL.value, chainRow("ltvCac")));
  const bandRange = range(COL.value, chainRow("ltvCac"), COL.value, chainRow("health"));
  conditional.push(
    {
      kind: "formula",
      range: bandRange,
      formula: `=AND(ISNUMBER(${ratioAbs}),${ratioAbs}<1)`,
      fill: "#FFC7CE",
      fontColor: "#9C0006",
    },
    {
      kind: "formula",
      range: bandRange,
      formula: `=AND(ISNUMBER(${ratioAbs}),${ratioAbs}>=1,${ratioAbs}<3)`,
      fill: "#FFEB9C",
      fontColor: "#9C5700",
    },
    {
      kind: "formula",
      range: bandRange,
      formula: `=AND(ISNUMBER(${ratioAbs}),${ratioAbs}>=3)`,
      fill: "#C6EFCE",
      fontColor: "#006100",
    }
  );

  // ---- 3. sensitivity ----------------------------------------------------------------------------------------
  const steps = [-0.2, -0.1, 0, 0.1, 0.2];
  const sensRowsFirst = ROW.sensHeader + 1;
  const gridRange = range(
    COL.right + 1,
    sensRowsFirst,
    COL.right + steps.length,
    sensRowsFirst + steps.length - 1
  );
  const grid: (PlanCell | null)[][] = [
    [v(L.sensitivitySection), null, null, null, null, null],
    [v(L.sensitivityCaption), null, null, null, null, null],
    [v(L.sensitivityCorner), ...steps.map((s) => v(s, F.change))],
  ];
  steps.forEach((s, i) => {
    const r = sensRowsFirst + i;
    const rowHead = `$${columnLetter(COL.right)}${r}`;
    grid.push([
      v(s, F.change),
      ...steps.map((_, j) => {
        const colHead = `${columnLetter(COL.right + 1 + j)}$${ROW.sensHeader}`;
        return f(
          `=Input_GrossMargin*Input_AvgOrder*(1+${rowHead})*Input_Frequency*(1+${colHead})*Calc_AnnuityFactor-Input_AcquisitionCost-Calc_RetentionTotal`,
          F.money
        );
      }),
    ]);
  });
  blocks.push({ id: "sensitivity", address: cell(COL.right, ROW.sensSection), cells: grid });
  styles.push(
    { range: cell(COL.right, ROW.sensSection), style: "section" },
    { range: cell(COL.right, ROW.sensCaption), style: "note" },
    {
      range: range(COL.right, ROW.sensHeader, COL.right + steps.length, ROW.sensHeader),
      style: "header",
    },
    {
      range: range(COL.right, sensRowsFirst, COL.right, sensRowsFirst + steps.length - 1),
      style: "header",
    },
    { range: gridRange, style: "calc" }
  );
  conditional.push({
    kind: "colorScale",
    range: gridRange,
    minColor: "#F8696B",
    midColor: "#FFEB84",
    maxColor: "#63BE7B",
  });
  const sensitivityCentre = cell(COL.right + 3, sensRowsFirst + 2);

  // ---- 4./5. ledger ------------------------------------------------------------------------------------------
  let anchorsLedger: { summary?: string; cohorts?: string; retention?: string } = {};
  if (ledger) {
    const unitWord = L.dropUnit[ledger.unit];
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    const dropText = ledger.largestDrop
      ? fill(L.dropWords, {
          unit: unitWord,
          from: ledger.largestDrop.period,
          to: ledger.largestDrop.period + 1,
          fromShare: pct(ledger.largestDrop.from),
          toShare: pct(ledger.largestDrop.to),
          drop: (ledger.largestDrop.drop * 100).toFixed(1),
        })
      : L.noDrop;
    const facts: Record<(typeof LEDGER_KEYS)[number], [PlanCell, string]> = {
      source: [v(ledger.source), ""],
      readAt: [v(ledger.readAt), ""],
      rowsRead: [v(ledger.rowsRead, F.count), ""],
      rowsSkipped: [v(ledger.rowsSkipped, F.count), ""],
      customers: [f("=COUNTA(Ledger_Customers)", F.count), ""],
      orders: [f("=SUM(Ledger_Orders)", F.count), ""],
      firstDate: [f("=MIN(Ledger_FirstOrder)", F.date), ""],
      lastDate: [f("=MAX(Ledger_LastOrder)", F.date), ""],
      churn: [ledger.churn === null ? v("") : v(ledger.churn, F.pct), L.units[ledger.unit]],
      lifespanFromChurn: [
        f('=IF(Ledger_Churn>0,1/Ledger_Churn,"")', F.number),
        L.unitPlural[ledger.unit],
      ],
      largestDrop: [v(dropText), ""],
    };
    blocks.push({
      id: "ledger",
      address: cell(COL.label, ROW.ledgerSection),
      cells: [
        [v(L.ledgerSection), null, null, null],
        [v(L.colItem), v(L.colValue), v(L.colUnit), v(L.colExplain)],
        ...LEDGER_KEYS.map((k) => {
          const [c, unit] = facts[k];
          return [v(L.rows[k][0]), c, unit ? v(unit) : null, v(L.rows[k][1])];
        }),
      ],
    });
    const ledgerRow = (k: (typeof LEDGER_KEYS)[number]) => ROW.ledgerFirst + LEDGER_KEYS.indexOf(k);
    styles.push(
      { range: cell(COL.label, ROW.ledgerSection), style: "section" },
      { range: range(COL.label, ROW.ledgerHeader, COL.explain, ROW.ledgerHeader), style: "header" },
      {
        range: range(
          COL.value,
          ROW.ledgerFirst,
          COL.value,
          ROW.ledgerFirst + LEDGER_KEYS.length - 1
        ),
        style: "calc",
      },
      {
        range: range(
          COL.explain,
          ROW.ledgerFirst,
          COL.explain,
          ROW.ledgerFirst + LEDGER_KEYS.length - 1
        ),
        style: "note",
      },
      { range: cell(COL.value, ledgerRow("largestDrop")), style: "warning" }
    );
    addName("Ledger_Churn", cell(COL.value, ledgerRow("churn")), L.rows.churn[0]);
    addName(
      "Ledger_ExpectedLifetime",
      cell(COL.value, ledgerRow("lifespanFromChurn")),
      L.rows.lifespanFromChurn[0]
    );

    // cohort table + retention curve
    const header = ROW.cohortSection + 2;
    const firstShareCol = COL.right + 2;
    const width = 2 + cohortPeriods;
    const pad = (row: (PlanCell | null)[]) => {
      while (row.length < width) row.push(null);
      return row;
    };
    const cohortRows: (PlanCell | null)[][] = [
      pad([v(L.cohortSection)]),
      pad([v(L.cohortCaption)]),
      [v(L.cohortLabel), v(L.cohortSize), ...Array.from({ length: cohortPeriods }, (_, k) => v(k))],
      ...ledger.cohorts.map((c) =>
        pad([
          v(c.label, F.text),
          v(c.size, F.count),
          ...c.shares.map((s) => (s === null ? null : v(s, "0%"))),
        ])
      ),
      pad([
        v(L.retentionRow),
        null,
        ...ledger.retention.slice(0, cohortPeriods).map((s) => v(s, "0.0%")),
      ]),
    ];
    blocks.push({
      id: "cohorts",
      address: cell(COL.right, ROW.cohortSection),
      cells: cohortRows,
      kind: "data",
    });
    const firstCohortRow = header + 1;
    const lastCohortRow = header + ledger.cohorts.length;
    const curveRow = lastCohortRow + 1;
    const lastShareCol = firstShareCol + cohortPeriods - 1;
    styles.push(
      { range: cell(COL.right, ROW.cohortSection), style: "section" },
      { range: cell(COL.right, ROW.cohortSection + 1), style: "note" },
      { range: range(COL.right, header, COL.right + width - 1, header), style: "header" },
      { range: range(COL.right, curveRow, COL.right + width - 1, curveRow), style: "result" }
    );
    if (ledger.cohorts.length > 0) {
      conditional.push({
        kind: "colorScale",
        range: range(firstShareCol, firstCohortRow, lastShareCol, lastCohortRow),
        minColor: "#FFFFFF",
        maxColor: "#5B9BD5",
      });
    }
    if (ledger.largestDrop) {
      // outline the two retention-curve points around the drop
      const c0 = firstShareCol + ledger.largestDrop.period;
      conditional.push({
        kind: "formula",
        range: range(c0, curveRow, c0 + 1, curveRow),
        formula: "=TRUE",
        fill: "#F8CBAD",
        fontColor: "#C00000",
        bold: true,
      });
    }
    const chartTop = curveRow + 2;
    charts.push({
      id: "retention",
      kind: "line",
      title: L.retentionChart,
      categories: range(firstShareCol, header, lastShareCol, header),
      series: [
        { name: L.retentionRow, values: range(firstShareCol, curveRow, lastShareCol, curveRow) },
      ],
      from: cell(COL.right, chartTop),
      to: cell(COL.right + 7, chartTop + 16),
      xAxisTitle: fill(L.retentionAxis, { unit: L.unitPlural[ledger.unit] }),
      valueFormat: "0%",
    });
    addName(
      "Ledger_RetentionCurve",
      range(firstShareCol, curveRow, lastShareCol, curveRow),
      L.retentionRow
    );

    // per-customer summary (values, possibly large)
    blocks.push({
      id: "summaryHeader",
      address: cell(summaryCol, summaryHeaderRow - 1),
      cells: [[v(L.summarySection), null, null, null, null], L.summaryHeaders.map((h) => v(h))],
    });
    styles.push(
      { range: cell(summaryCol, summaryHeaderRow - 1), style: "section" },
      {
        range: range(summaryCol, summaryHeaderRow, summaryCol + 4, summaryHeaderRow),
        style: "header",
      }
    );
    const rows: (PlanCell | null)[][] = new Array(ledger.summary.length);
    for (let i = 0; i < ledger.summary.length; i++) {
      const s = ledger.summary[i];
      rows[i] = [
        v(s.customer, F.text),
        v(s.first, F.date),
        v(s.last, F.date),
        v(s.orders, F.count),
        v(s.revenue, F.money),
      ];
    }
    if (rows.length > 0)
      blocks.push({
        id: "summary",
        address: cell(summaryCol, summaryFirst),
        cells: rows,
        kind: "data",
      });
    anchorsLedger = {
      summary: cell(summaryCol, summaryHeaderRow),
      cohorts: cell(COL.right, header),
      retention: range(firstShareCol, curveRow, lastShareCol, curveRow),
    };
  }

  const widths: Record<string, number> = {
    A: 44,
    B: 16,
    C: 12,
    D: 92,
    E: 3,
    F: 30,
    G: 13,
    H: 13,
    I: 13,
    J: 13,
    K: 13,
  };
  if (ledger) {
    for (let c = COL.right + 2; c <= cohortLastCol; c++)
      widths[columnLetter(c)] = Math.max(widths[columnLetter(c)] ?? 0, 8);
    [16, 13, 13, 9, 14].forEach((w, k) => (widths[columnLetter(summaryCol + k)] = w));
  }

  const at = (k: (typeof CHAIN_KEYS)[number]) => cell(COL.value, chainRow(k));
  // print: the calculation with its explanations (A…D), then the sections to its right down to the chart
  const chartEnds = charts.map((c) => parseCell(c.to));
  const print = printLayout(lang, [
    {
      c1: COL.label,
      r1: 1,
      c2: COL.explain,
      r2: ledger
        ? ROW.ledgerFirst + LEDGER_KEYS.length - 1
        : ROW.chainFirst + CHAIN_KEYS.length - 1,
    },
    {
      c1: COL.right,
      r1: ROW.sensSection,
      c2: Math.max(COL.right + 5, ledger ? cohortLastCol : 0, ...chartEnds.map((e) => e.col)),
      r2: Math.max(ROW.unitsFirst + PLAN_UNITS.length - 1, ...chartEnds.map((e) => e.row)),
    },
  ]);
  return {
    version: 1,
    lang,
    sheet: {
      name: sheetName,
      blocks,
      styles,
      columnWidths: widths,
      validations,
      conditionalFormats: conditional,
      charts,
      freeze: { rows: 0, columns: 0 },
      select: cell(COL.value, ROW.inputsFirst + 1),
      print,
    },
    names,
    styles: { ...STYLES },
    font: PLAN_FONTS[lang],
    anchors: {
      ltv: at("ltv"),
      ltvBeforeCosts: at("ltvBeforeCosts"),
      ltvBeforeAcquisition: at("ltvBeforeAcquisition"),
      ltvCac: at("ltvCac"),
      maxCac: at("maxCac"),
      cacPayback: at("payback"),
      retentionBreakEven: at("breakEvenPerUnit"),
      periods: at("periods"),
      annuity: at("annuity"),
      sensitivity: sensitivityCentre,
      ...anchorsLedger,
    },
    source: ledger?.source,
  };
}
