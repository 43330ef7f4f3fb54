/**
 * The command line's writer: applies a calculation plan (`src/sheet/types.ts`) to an exceljs workbook — the
 * same plan the task pane applies through Office.js, so both write the same sheet.
 *
 * Written: values, formulas (without cached results: the workbook asks the spreadsheet to recalculate fully
 * on load), number formats, styles, column widths, workbook names, data validation, conditional formats
 * (colour scales and formula rules), the frozen panes and the selected cell.
 * Not written: charts — exceljs cannot write them; the chart's data (the retention curve row) is on the sheet,
 * and the wizard's writer adds the chart in Excel. O(cells of the plan).
 */
import ExcelJS from "exceljs";
import { parseCell, parseRange } from "../sheet/a1";
import type {
  CalculationPlan,
  CellStyle,
  ConditionalFormat,
  DataValidation,
  StyleName,
} from "../sheet/types";

/** `#RRGGBB` → exceljs' `FFRRGGBB`. */
function argb(color: string): string {
  return "FF" + color.replace(/^#/, "").toUpperCase();
}

/** Every cell address of a range ("B7:B9" → B7, B8, B9; "B7" → B7). */
function* cellsOf(range: string): Generator<{ row: number; col: number }> {
  const { c1, r1, c2, r2 } = range.includes(":")
    ? parseRange(range)
    : (() => {
        const { col, row } = parseCell(range);
        return { c1: col, r1: row, c2: col, r2: row };
      })();
  for (let r = r1; r <= r2; r++) for (let c = c1; c <= c2; c++) yield { row: r, col: c + 1 };
}

/** Style fields merged in order: later styles override the fields they set. */
function mergeStyle(into: CellStyle, style: CellStyle): CellStyle {
  const out: CellStyle = { ...into };
  for (const [k, v] of Object.entries(style))
    if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

function applyStyle(cell: ExcelJS.Cell, s: CellStyle): void {
  const font: Partial<ExcelJS.Font> = {};
  if (s.bold !== undefined) font.bold = s.bold;
  if (s.italic !== undefined) font.italic = s.italic;
  if (s.fontSize !== undefined) font.size = s.fontSize;
  if (s.fontColor !== undefined) font.color = { argb: argb(s.fontColor) };
  if (Object.keys(font).length) cell.font = font;
  if (s.fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(s.fill) } };
  if (s.border) {
    const side: Partial<ExcelJS.Border> = { style: "thin", color: { argb: argb(s.border) } };
    cell.border = { top: side, left: side, bottom: side, right: side };
  }
  if (s.wrap !== undefined || s.hAlign !== undefined) {
    cell.alignment = {
      ...(s.wrap !== undefined ? { wrapText: s.wrap } : {}),
      ...(s.hAlign ? { horizontal: s.hAlign } : {}),
    };
  }
}

function validationOf(v: DataValidation): ExcelJS.DataValidation {
  const common = {
    allowBlank: false,
    showErrorMessage: true,
    errorStyle: "stop",
    error: v.error,
    ...(v.prompt ? { showInputMessage: true, prompt: v.prompt } : {}),
  } as const;
  if (v.kind === "list") {
    return { ...common, type: "list", formulae: [`"${v.items.join(",")}"`] };
  }
  const lowOp = v.minExclusive ? "greaterThan" : "greaterThanOrEqual";
  if (v.min !== undefined && v.max !== undefined && !v.minExclusive) {
    return { ...common, type: "decimal", operator: "between", formulae: [v.min, v.max] };
  }
  if (v.min !== undefined && v.max !== undefined) {
    // "above min and at most max" has no single operator: a custom rule says it exactly
    return {
      ...common,
      type: "custom",
      formulae: [
        `AND(ISNUMBER(${firstCell(v.range)}),${firstCell(v.range)}>${v.min},${firstCell(v.range)}<=${v.max})`,
      ],
    };
  }
  if (v.min !== undefined)
    return { ...common, type: "decimal", operator: lowOp, formulae: [v.min] };
  if (v.max !== undefined)
    return { ...common, type: "decimal", operator: "lessThanOrEqual", formulae: [v.max] };
  return { ...common, type: "decimal", operator: "between", formulae: [-1e307, 1e307] };
}

function firstCell(range: string): string {
  return range.split(":")[0];
}

function conditionalOf(
  cf: ConditionalFormat,
  priority: number
): ExcelJS.ConditionalFormattingOptions {
  if (cf.kind === "colorScale") {
    const cfvo: { type: "min" | "max" | "percentile"; value?: number }[] = [{ type: "min" }];
    const color = [{ argb: argb(cf.minColor) }];
    if (cf.midColor) {
      cfvo.push({ type: "percentile", value: 50 });
      color.push({ argb: argb(cf.midColor) });
    }
    cfvo.push({ type: "max" });
    color.push({ argb: argb(cf.maxColor) });
    return {
      ref: cf.range,
      rules: [
        {
          type: "colorScale",
          priority,
          cfvo,
          color,
        } as unknown as ExcelJS.ConditionalFormattingRule,
      ],
    };
  }
  const style: Partial<ExcelJS.Style> = {};
  if (cf.fill) style.fill = { type: "pattern", pattern: "solid", bgColor: { argb: argb(cf.fill) } };
  if (cf.fontColor || cf.bold)
    style.font = {
      ...(cf.fontColor ? { color: { argb: argb(cf.fontColor) } } : {}),
      ...(cf.bold ? { bold: true } : {}),
    };
  return {
    ref: cf.range,
    rules: [{ type: "expression", priority, formulae: [cf.formula.replace(/^=/, "")], style }],
  };
}

/**
 * Adds the plan's sheet, names and formats to a workbook. The workbook is set to recalculate fully on load,
 * so no cached results are needed.
 * @returns the worksheet written.
 */
export function writePlanToWorkbook(
  plan: CalculationPlan,
  wb: ExcelJS.Workbook
): ExcelJS.Worksheet {
  const sheet = plan.sheet;
  const ws = wb.addWorksheet(sheet.name);

  for (const block of sheet.blocks) {
    const { col, row } = parseCell(block.address);
    block.cells.forEach((cells, i) =>
      cells.forEach((c, j) => {
        if (!c) return;
        const cell = ws.getCell(row + i, col + j + 1);
        if (c.formula !== undefined)
          cell.value = { formula: c.formula.replace(/^=/, "") } as ExcelJS.CellFormulaValue;
        else if (c.value !== undefined) cell.value = c.value; // exceljs writes strings as text, never as formulas
        if (c.format) cell.numFmt = c.format;
      })
    );
  }

  // styles: merged per cell in order, then applied once
  const merged = new Map<string, { row: number; col: number; style: CellStyle }>();
  for (const { range, style } of sheet.styles) {
    const s = plan.styles[style as StyleName] ?? {};
    for (const at of cellsOf(range)) {
      const key = `${at.row}:${at.col}`;
      const prev = merged.get(key);
      merged.set(key, { ...at, style: mergeStyle(prev?.style ?? {}, s) });
    }
  }
  for (const { row, col, style } of merged.values()) applyStyle(ws.getCell(row, col), style);

  for (const [letter, width] of Object.entries(sheet.columnWidths))
    ws.getColumn(letter).width = width;

  for (const v of sheet.validations) {
    const rule = validationOf(v);
    for (const at of cellsOf(v.range)) ws.getCell(at.row, at.col).dataValidation = rule;
  }

  sheet.conditionalFormats.forEach((cf, i) =>
    ws.addConditionalFormatting(conditionalOf(cf, i + 1))
  );

  for (const n of plan.names) wb.definedNames.add(n.ref, n.name);

  if (sheet.freeze || sheet.select) {
    const fr = sheet.freeze;
    ws.views = [
      fr && (fr.rows > 0 || fr.columns > 0)
        ? { state: "frozen", xSplit: fr.columns, ySplit: fr.rows, activeCell: sheet.select }
        : { state: "normal", activeCell: sheet.select },
    ];
  }
  wb.calcProperties = { ...(wb.calcProperties ?? {}), fullCalcOnLoad: true };
  return ws;
}

/** A new workbook holding the plan, as .xlsx bytes. */
export async function planToXlsx(
  plan: CalculationPlan,
  meta: { creator?: string; created?: Date } = {}
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = meta.creator ?? "ltv-workbook";
  wb.created = meta.created ?? new Date();
  writePlanToWorkbook(plan, wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
