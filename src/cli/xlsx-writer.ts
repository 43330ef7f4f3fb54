/**
 * The command line's writer: applies a calculation plan (`src/sheet/types.ts`) to an exceljs workbook — the
 * same plan the task pane applies through Office.js, so both write the same sheet.
 *
 * Written: values, formulas (without cached results: the workbook asks the spreadsheet to recalculate fully
 * on load), number formats, styles and the plan's font on every cell it writes, column widths, workbook names,
 * data validation, conditional formats (colour scales and formula rules), Excel tables (filters, banded rows),
 * the frozen panes, the selected cell, the print layout (paper, orientation, fit to one page wide, title rows,
 * print area) and, in `planToXlsx`, the charts (exceljs writes none: `./xlsx-chart.ts` adds their parts to the
 * package) — for the calculation sheet and for any further sheets (the customer list, the cohort value sheet).
 * O(cells of the plans).
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { absolute, parseCell, parseRange, quoteSheet } from "../sheet/a1";
import { tokenize } from "../sheet/formula-tokens";
import { addChartParts, xmlEscape } from "./xlsx-chart";
import type {
  CalculationPlan,
  CellStyle,
  ConditionalFormat,
  DataValidation,
  PlanFont,
  PrintPlan,
  StyleName,
} from "../sheet/types";

/** Excel's paper-size codes (ECMA-376 Part 1, 18.3.1.64 `pageSetup@paperSize`). */
export const PAPER_SIZE: Readonly<Record<PrintPlan["paper"], number>> = { Letter: 1, A4: 9 };

/** The size cells get when their style names none (Excel's default, 11 pt). */
const DEFAULT_FONT_SIZE = 11;

/**
 * What the writer needs of a plan: its sheet, names, styles and font. A calculation plan is one; so are the plans
 * of the other sheets (the customer list, the cohort value sheet), which have no calculation anchors.
 */
export type SheetWritePlan = Pick<CalculationPlan, "lang" | "sheet" | "names" | "styles" | "font">;

/**
 * Functions newer than Excel 2007, which the file format stores with the `_xlfn.` prefix (ECMA-376 Part 1,
 * 18.17.7, "future functions"): Excel and LibreOffice show them without it, but read an unprefixed one as an
 * unknown name (#NAME?). The plans' formulas use MINIFS; the others are here so a plan may.
 */
const FUTURE_FUNCTIONS = new Set([
  "MINIFS",
  "MAXIFS",
  "IFS",
  "SWITCH",
  "IFNA",
  "CONCAT",
  "TEXTJOIN",
  "XLOOKUP",
  "XMATCH",
]);
const FUTURE_CALL = new RegExp(`\\b(${[...FUTURE_FUNCTIONS].join("|")})\\s*\\(`, "i");

/** A plan formula as the file stores it: without the "=", future functions prefixed. O(length). */
export function fileFormula(formula: string): string {
  const body = formula.replace(/^=/, "");
  if (!FUTURE_CALL.test(body)) return body;
  return tokenize(body)
    .map((t) =>
      t.type === "func" && FUTURE_FUNCTIONS.has(t.text.toUpperCase()) ? `_xlfn.${t.text}` : t.text
    )
    .join("");
}

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

/**
 * The plan's font as an exceljs font: a theme font keeps its theme scheme (Excel then draws the workbook theme's
 * body font), a named one carries its name, a sans-serif family and, for a Japanese sheet, the Shift-JIS
 * charset (128) — so a spreadsheet without that font still falls back to a sans-serif Japanese one.
 */
function baseFont(
  font: PlanFont | undefined,
  lang: CalculationPlan["lang"]
): Partial<ExcelJS.Font> {
  if (!font) return {};
  return {
    name: font.name,
    family: 2,
    ...(font.theme ? { scheme: "minor" as const } : {}),
    ...(lang === "ja" ? { charset: 128 } : {}),
  };
}

/** The exceljs style fields a plan style sets, built once per distinct style and shared by its cells. */
type StylePatch = Partial<Pick<ExcelJS.Style, "font" | "fill" | "border" | "alignment">>;

function stylePatch(s: CellStyle, base: Partial<ExcelJS.Font>): StylePatch {
  const patch: StylePatch = {};
  // every font is complete (name, size, weight): a font with only <b/> makes some spreadsheets fall back to
  // their default font, often a serif one
  const font: Partial<ExcelJS.Font> = { ...base };
  if (Object.keys(base).length) font.size = s.fontSize ?? DEFAULT_FONT_SIZE;
  if (s.bold !== undefined) font.bold = s.bold;
  if (s.italic !== undefined) font.italic = s.italic;
  if (s.fontSize !== undefined) font.size = s.fontSize;
  if (s.fontColor !== undefined) font.color = { argb: argb(s.fontColor) };
  if (Object.keys(font).length) patch.font = font;
  if (s.fill) patch.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(s.fill) } };
  if (s.border) {
    const side: Partial<ExcelJS.Border> = { style: "thin", color: { argb: argb(s.border) } };
    patch.border = { top: side, left: side, bottom: side, right: side };
  }
  if (s.wrap !== undefined || s.hAlign !== undefined) {
    patch.alignment = {
      ...(s.wrap !== undefined ? { wrapText: s.wrap } : {}),
      ...(s.hAlign ? { horizontal: s.hAlign } : {}),
    };
  }
  return patch;
}

function applyPatch(cell: ExcelJS.Cell, p: StylePatch): void {
  if (p.font) cell.font = p.font as ExcelJS.Font;
  if (p.fill) cell.fill = p.fill;
  if (p.border) cell.border = p.border as ExcelJS.Borders;
  if (p.alignment) cell.alignment = p.alignment;
}

/** A cell's key in the style map: one number (a sheet has at most 16,384 columns). */
const cellKey = (row: number, col: number) => row * 16_385 + col;

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
 * Lays the sheet's Excel tables over the cells already written: exceljs writes a table's header and rows itself,
 * so they are given the cells' own values (their number formats stay). O(cells of the tables).
 */
function addTables(ws: ExcelJS.Worksheet, sheet: CalculationPlan["sheet"]): void {
  for (const t of sheet.tables ?? []) {
    const { c1, r1, c2, r2 } = parseRange(t.range);
    const columns: ExcelJS.TableColumnProperties[] = [];
    for (let c = c1; c <= c2; c++)
      columns.push({ name: String(ws.getCell(r1, c + 1).value ?? ""), filterButton: true });
    const rows: ExcelJS.CellValue[][] = [];
    for (let r = r1 + 1; r <= r2; r++) {
      const row: ExcelJS.CellValue[] = [];
      for (let c = c1; c <= c2; c++) row.push(ws.getCell(r, c + 1).value);
      rows.push(row);
    }
    ws.addTable({
      name: t.name,
      ref: t.range.split(":")[0],
      headerRow: true,
      style: { theme: t.style as ExcelJS.TableStyleProperties["theme"], showRowStripes: true },
      columns,
      rows,
    });
  }
}

/**
 * Adds the plan's sheet, names and formats to a workbook. The workbook is set to recalculate fully on load,
 * so no cached results are needed.
 * @returns the worksheet written.
 */
export function writePlanToWorkbook(plan: SheetWritePlan, wb: ExcelJS.Workbook): ExcelJS.Worksheet {
  const sheet = plan.sheet;
  const ws = wb.addWorksheet(sheet.name);

  for (const block of sheet.blocks) {
    const { col, row } = parseCell(block.address);
    block.cells.forEach((cells, i) =>
      cells.forEach((c, j) => {
        if (!c) return;
        const cell = ws.getCell(row + i, col + j + 1);
        if (c.formula !== undefined)
          cell.value = { formula: fileFormula(c.formula) } as ExcelJS.CellFormulaValue;
        else if (c.value !== undefined) cell.value = c.value; // exceljs writes strings as text, never as formulas
        if (c.format) cell.numFmt = c.format;
      })
    );
  }

  // styles: merged per cell in order, then applied once; every written cell gets at least the plan's font. A
  // sheet has a handful of distinct merged styles and may have hundreds of thousands of cells (the customer
  // table of a large ledger): each merge and each exceljs style object is made once and shared.
  const none: CellStyle = {};
  const merged = new Map<number, CellStyle>();
  if (plan.font)
    for (const block of sheet.blocks) {
      const { col, row } = parseCell(block.address);
      block.cells.forEach((cells, i) =>
        cells.forEach((c, j) => {
          if (c) merged.set(cellKey(row + i, col + j + 1), none);
        })
      );
    }
  const merges = new Map<CellStyle, Map<CellStyle, CellStyle>>();
  const mergeOnce = (prev: CellStyle, s: CellStyle): CellStyle => {
    let byStyle = merges.get(prev);
    if (!byStyle) merges.set(prev, (byStyle = new Map()));
    let out = byStyle.get(s);
    if (!out) byStyle.set(s, (out = mergeStyle(prev, s)));
    return out;
  };
  for (const { range, style } of sheet.styles) {
    const s = plan.styles[style as StyleName] ?? none;
    for (const at of cellsOf(range)) {
      const key = cellKey(at.row, at.col);
      merged.set(key, mergeOnce(merged.get(key) ?? none, s));
    }
  }
  const base = baseFont(plan.font, plan.lang);
  const patches = new Map<CellStyle, StylePatch>();
  for (const [key, style] of merged) {
    let patch = patches.get(style);
    if (!patch) patches.set(style, (patch = stylePatch(style, base)));
    applyPatch(ws.getCell(Math.floor(key / 16_385), key % 16_385), patch);
  }

  for (const [letter, width] of Object.entries(sheet.columnWidths))
    ws.getColumn(letter).width = width;
  for (const [row, height] of Object.entries(sheet.rowHeights ?? {}))
    ws.getRow(Number(row)).height = height;

  for (const v of sheet.validations) {
    const rule = validationOf(v);
    for (const at of cellsOf(v.range)) ws.getCell(at.row, at.col).dataValidation = rule;
  }

  sheet.conditionalFormats.forEach((cf, i) =>
    ws.addConditionalFormatting(conditionalOf(cf, i + 1))
  );

  addTables(ws, sheet);

  for (const n of plan.names) wb.definedNames.add(n.ref, n.name);

  if (sheet.freeze || sheet.select) {
    const fr = sheet.freeze;
    ws.views = [
      fr && (fr.rows > 0 || fr.columns > 0)
        ? { state: "frozen", xSplit: fr.columns, ySplit: fr.rows, activeCell: sheet.select }
        : { state: "normal", activeCell: sheet.select },
    ];
  }
  if (sheet.print) applyPrint(ws, sheet.print);
  wb.calcProperties = { ...(wb.calcProperties ?? {}), fullCalcOnLoad: true };
  return ws;
}

/**
 * Paper, orientation, fit to one page wide (as many pages tall as needed: fitToHeight 0) and the title rows.
 * The print area is not set here: exceljs writes several areas as several `_xlnm.Print_Area` names, of which
 * Excel keeps only the last, so `planToXlsx` writes it into the package (`setPrintArea`).
 */
function applyPrint(ws: ExcelJS.Worksheet, print: PrintPlan): void {
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: PAPER_SIZE[print.paper] as ExcelJS.PageSetup["paperSize"],
    orientation: print.orientation,
    fitToPage: true,
    fitToWidth: print.fitToWidth,
    fitToHeight: 0,
    ...(print.titleRows
      ? { printTitlesRow: `${print.titleRows.first}:${print.titleRows.last}` }
      : {}),
  };
}

/**
 * Writes the plan's print area as the sheet's one `_xlnm.Print_Area` name (several ranges, comma-separated, each
 * printed from a new page), in the workbook part of a package.
 */
export async function setPrintArea(zip: JSZip, plan: SheetWritePlan): Promise<void> {
  const area = plan.sheet.print?.area;
  if (!area || area.length === 0) return;
  const file = zip.file("xl/workbook.xml");
  if (!file) throw new Error("xlsx: missing part xl/workbook.xml");
  let xml = await file.async("string");
  const sheets = [...xml.matchAll(/<sheet\s[^>]*name="([^"]*)"/g)].map((m) => m[1]);
  const index = sheets.indexOf(xmlEscape(plan.sheet.name));
  if (index < 0) throw new Error(`xlsx: no sheet named ${plan.sheet.name}`);
  const ref = area.map((a) => `${quoteSheet(plan.sheet.name)}!${absolute(a)}`).join(",");
  const name = `<definedName name="_xlnm.Print_Area" localSheetId="${index}">${xmlEscape(ref)}</definedName>`;
  if (xml.includes("</definedNames>"))
    xml = xml.replace("</definedNames>", `${name}</definedNames>`);
  else {
    // CT_Workbook: definedNames come right after sheets (and any functionGroups / externalReferences)
    const after = xml.search(/<\/externalReferences>|<\/functionGroups>|<\/sheets>/);
    const end = xml.indexOf(">", after) + 1;
    xml = xml.slice(0, end) + `<definedNames>${name}</definedNames>` + xml.slice(end);
  }
  zip.file("xl/workbook.xml", xml);
}

/** A new workbook holding the plan, and after it the sheets of `more` (in order), as .xlsx bytes. */
export async function planToXlsx(
  plan: CalculationPlan,
  meta: { creator?: string; created?: Date } = {},
  more: readonly SheetWritePlan[] = []
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = meta.creator ?? "ltv-workbook";
  wb.created = meta.created ?? new Date();
  const plans: SheetWritePlan[] = [plan, ...more];
  for (const p of plans) writePlanToWorkbook(p, wb);
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  if (plans.every((p) => p.sheet.charts.length === 0 && !p.sheet.print?.area?.length)) return bytes;
  // what exceljs cannot write (charts) or writes wrongly (several print ranges) goes into the package it wrote
  const zip = await JSZip.loadAsync(bytes);
  for (const p of plans) {
    await addChartParts(zip, p);
    await setPrintArea(zip, p);
  }
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}
