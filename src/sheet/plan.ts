/**
 * Builds the calculation-sheet plan (see `types.ts`) from the wizard's answers: pure data, no Office.
 *
 * Layout (ledger blocks only with a ledger; the left-hand rows follow from the row specs in `sections/rows.ts`):
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
 *
 * Each section is a builder in `sections/` returning its fragment; this file only composes them. A new section
 * is one builder and one entry in `SECTIONS`.
 */
import { cell, parseCell } from "./a1";
import { PLAN_FONTS, printLayout, type PrintBox } from "./print";
import {
  COL,
  PLAN_UNITS,
  ROW,
  planContext,
  type Fragment,
  type PlanContext,
} from "./sections/context";
import { chainSection } from "./sections/chain";
import { sensitivitySection, titleSection, unitsSection } from "./sections/grid";
import { inputsSection } from "./sections/inputs";
import { curveSection, modelSection, tableSection } from "./sections/model";
import {
  cohortsSection,
  ledgerFactsSection,
  summaryNamesSection,
  summarySection,
} from "./sections/ledger";
import {
  CHAIN_ROWS,
  INPUT_ROWS,
  LEDGER_CHAIN_ROWS,
  LEDGER_INPUT_ROWS,
  LEDGER_NAMES,
  MODEL_NAMES,
  SUMMARY_NAMES,
  TABLE_NAMES,
  firstRowOf,
  leftSectionsOf,
  modelParamName,
} from "./sections/rows";
import type { RowKey } from "./labels";
import type {
  CalculationPlan,
  CellStyle,
  LedgerAnalysis,
  PlanAnchors,
  PlanInputs,
  PlanLang,
  StyleName,
} from "./types";

export { PLAN_UNITS };

/** The default answers: a coffee-shop customer (¥415 an order, 12 orders a quarter, 3 years, CAC ¥5,000). */
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
  // explanations wrap in their column (rowHeights gives their rows the lines they need)
  note: { italic: true, fontColor: "#595959", wrap: true },
  // a right-hand section's one-line caption: not wrapped, so it runs on over the empty cells beside it (wrapped in
  // its one cell it overflowed its row and printed over the section's title)
  caption: { italic: true, fontColor: "#595959" },
  header: { bold: true, fill: "#F2F2F2", border: "#BFBFBF" },
  stamp: { italic: true, fontColor: "#7F7F7F" },
  warning: { bold: true, fontColor: "#C00000" },
};

export interface PlanOptions {
  /** the time stamped on the sheet; default now */
  now?: Date;
  /** who writes the sheet, so its stamp says how to refresh it (default the wizard) */
  writer?: "wizard" | "cli";
}

/** The workbook name of each input, chain step and named ledger fact. */
export const NAMES: Readonly<Partial<Record<RowKey, string>>> = Object.fromEntries([
  ...[...INPUT_ROWS, ...LEDGER_INPUT_ROWS].map((r) => [r.key, r.name]),
  ...[...CHAIN_ROWS, ...LEDGER_CHAIN_ROWS].flatMap((r) => (r.name ? [[r.key, r.name]] : [])),
  ...Object.entries(LEDGER_NAMES),
]);

/** The model cells' names any plan may define (every model's parameters, the time unit, the spend model). */
const MODEL_PARAMS = ["r", "alpha", "s", "beta", "a", "b"];

/**
 * Every workbook name any plan may define (manual or ledger route). A writer replacing the sheet removes all of
 * them, so a ledger-route name never survives as #REF! after a manual-route rewrite.
 */
export const ALL_PLAN_NAMES: readonly string[] = [
  ...Object.values(NAMES).filter((n): n is string => typeof n === "string"),
  "Units_Table",
  ...SUMMARY_NAMES.map(([name]) => name),
  "Ledger_RetentionCurve",
  ...MODEL_PARAMS.map(modelParamName),
  ...Object.values(MODEL_NAMES),
  ...Object.values(TABLE_NAMES),
];

/**
 * The sections, in the order their fragments are appended. The summary's names come before the inputs that
 * refer to them; everything else reads top to bottom, left to right.
 */
const SECTIONS: readonly ((c: PlanContext) => Fragment)[] = [
  titleSection,
  unitsSection,
  summaryNamesSection,
  inputsSection,
  chainSection,
  sensitivitySection,
  ledgerFactsSection,
  modelSection,
  cohortsSection,
  tableSection,
  curveSection,
  summarySection,
];

/** Column widths of the fixed blocks, in characters. */
const BASE_WIDTHS: Readonly<Record<string, number>> = {
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

/** The anchors in a fixed order (the ledger route's last). */
const ANCHOR_ORDER: readonly (keyof PlanAnchors)[] = [
  "ltv",
  "ltvBeforeCosts",
  "ltvBeforeAcquisition",
  "ltvCac",
  "maxCac",
  "cacPayback",
  "retentionBreakEven",
  "periods",
  "annuity",
  "sensitivity",
  "summary",
  "cohorts",
  "retention",
];

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
  const c = planContext(inputs, lang, ledger, options.now ?? new Date(), options.writer);
  const plan: CalculationPlan = {
    version: 1,
    lang,
    sheet: {
      name: c.L.sheetName,
      blocks: [],
      styles: [],
      columnWidths: { ...BASE_WIDTHS },
      validations: [],
      conditionalFormats: [],
      charts: [],
      freeze: { rows: 0, columns: 0 },
      // the first number to type: the average order value (manual route), the horizon (ledger route)
      select: cell(
        COL.value,
        firstRowOf(leftSectionsOf(c).inputs) +
          (c.value ? LEDGER_INPUT_ROWS.findIndex((r) => r.key === "horizon") : 1)
      ),
    },
    names: [],
    styles: { ...STYLES },
    anchors: {} as PlanAnchors,
    source: ledger?.source,
  };
  const anchors: Partial<PlanAnchors> = {};
  for (const section of SECTIONS) {
    const part = section(c);
    const s = plan.sheet;
    s.blocks.push(...(part.blocks ?? []));
    s.styles.push(...(part.styles ?? []));
    s.validations.push(...(part.validations ?? []));
    s.conditionalFormats.push(...(part.conditionalFormats ?? []));
    s.charts.push(...(part.charts ?? []));
    plan.names.push(...(part.names ?? []));
    for (const [col, w] of Object.entries(part.columnWidths ?? {}))
      s.columnWidths[col] = Math.max(s.columnWidths[col] ?? 0, w);
    Object.assign(anchors, part.anchors);
  }
  for (const key of ANCHOR_ORDER) if (anchors[key] !== undefined) plan.anchors[key] = anchors[key];
  plan.sheet.rowHeights = wrappedRowHeights(plan, lang);
  plan.sheet.print = printArea(c, plan);
  plan.font = PLAN_FONTS[lang];
  return plan;
}

/** Points per line of 11 pt text: Calibri's default row; Yu Gothic / Meiryo need a taller one. */
const LINE_POINTS: Readonly<Record<PlanLang, number>> = { en: 15, ja: 18.75 };

/**
 * How many character widths a text takes: East Asian wide characters (kana, kanji, full-width forms) two, the
 * rest one. An estimate, as Excel's own auto-fit is not available to a file writer; it errs on the wide side.
 */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text)
    w +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
        ch
      )
        ? 2
        : 1;
  return w;
}

/**
 * The height of every row whose explanation (column D, wrapped) needs more than one line, so each sentence is
 * read where it stands, in Excel and in print. Lines = ⌈text width ÷ (column width − 2)⌉. O(left-hand cells).
 */
function wrappedRowHeights(plan: CalculationPlan, lang: PlanLang): Record<number, number> {
  const letter = String.fromCharCode(65 + COL.explain);
  const usable = Math.max(1, (plan.sheet.columnWidths[letter] ?? 10) - 2);
  const heights: Record<number, number> = {};
  for (const b of plan.sheet.blocks) {
    if (b.kind === "data") continue;
    const at = parseCell(b.address);
    const j = COL.explain - at.col;
    if (j < 0) continue;
    b.cells.forEach((row, i) => {
      const text = row[j]?.value;
      if (typeof text !== "string") return;
      const lines = Math.ceil(textWidth(text) / usable);
      if (lines > 1) heights[at.row + i] = lines * LINE_POINTS[lang];
    });
  }
  return heights;
}

/**
 * The print layout: the calculation with its explanations (A…D, down to the last left-hand row; from the ledger's
 * section on, a range of its own), then the sections to its right (sensitivity, units, cohorts and the chart) —
 * not the per-customer summary. O(blocks).
 */
function printArea(c: PlanContext, plan: CalculationPlan) {
  let leftLast = 1;
  for (const b of plan.sheet.blocks) {
    const at = parseCell(b.address);
    if (at.col === COL.label) leftLast = Math.max(leftLast, at.row + b.cells.length - 1);
  }
  // the right-hand sections down to the retention chart; with the ledger's model, its table and value curve
  // (below that chart) as a third range
  const retention = plan.sheet.charts.find((ch) => ch.id === "retention");
  const retentionEnd = retention ? parseCell(retention.to) : undefined;
  // the ledger's section starts a page of its own, so its title never sits at the foot of the calculation's page
  // apart from its rows (manual page breaks are ignored when a print is fitted to a page width; a range is not)
  const ledger = plan.sheet.blocks.find((b) => b.id === "ledger");
  const ledgerRow = ledger ? parseCell(ledger.address).row : 0;
  const left: PrintBox[] =
    ledgerRow > ROW.inputsSection && ledgerRow <= leftLast
      ? [
          { c1: COL.label, r1: 1, c2: COL.explain, r2: ledgerRow - 1 },
          { c1: COL.label, r1: ledgerRow, c2: COL.explain, r2: leftLast },
        ]
      : [{ c1: COL.label, r1: 1, c2: COL.explain, r2: leftLast }];
  const boxes: PrintBox[] = [
    ...left,
    {
      c1: COL.right,
      r1: ROW.sensSection,
      c2: Math.max(COL.right + 5, c.ledger ? c.layout.cohortLastCol : 0, retentionEnd?.col ?? 0),
      r2: Math.max(ROW.unitsFirst + PLAN_UNITS.length - 1, retentionEnd?.row ?? 0),
    },
  ];
  if (c.value) {
    const ends = plan.sheet.charts.filter((ch) => ch !== retention).map((ch) => parseCell(ch.to));
    const tableEnd = c.layout.tableSection + 3 + c.value.table.length - 1;
    boxes.push({
      c1: COL.right,
      r1: c.layout.tableSection,
      c2: Math.max(COL.right + 7, ...ends.map((e) => e.col)),
      r2: Math.max(tableEnd, ...ends.map((e) => e.row)),
    });
  }
  return printLayout(c.lang, boxes);
}
