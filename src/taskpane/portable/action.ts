/**
 * The Office.js side of "Make portable" (the decisions are in `src/sheet/portable.ts`, pure and tested):
 * 1. `scanPortable` reads the selected range or the active sheet's used range and counts the cells that will
 *    change (native formula or value), so the task pane can ask first. 2 syncs.
 * 2. `applyPortable` copies the original formulas into a hidden sheet (`LTV_Portable_Undo`, one row per cell:
 *    sheet, address, spill range, formula, batch, time), then writes the native formulas and the values.
 *    A cell that spills (CUSTOMER_SUMMARY …) is replaced by its whole spilled block of values. 2 syncs.
 * 3. `undoPortable` puts the formulas of the last batch back and removes that batch from the hidden sheet
 *    (the sheet itself when it is empty). 2–3 syncs.
 * Nothing else is touched: no other cell, format or sheet.
 */
import { cellValue } from "../../sheet/cell-text";
import { planPortable, type PortableChange, type PortableOptions } from "../../sheet/portable";

export const UNDO_SHEET = "LTV_Portable_Undo";
const UNDO_HEADER = ["sheet", "address", "spill", "formula", "batch", "time"];

/** One cell to change, with absolute addresses on its sheet. */
export interface ScannedChange extends PortableChange {
  address: string;
  /** the value to write (kind "value"), as Office.js read it */
  value?: unknown;
  /** the spilled block of a value change that spills: its address and values */
  spill?: { address: string; values: unknown[][] };
}

export interface PortableScan {
  sheet: string;
  /** the scanned range, e.g. "A1:K40" */
  address: string;
  changes: ScannedChange[];
  native: number;
  values: number;
}

function colLetter(i: number): string {
  let s = "";
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** "Sheet1!B3:D9" / "'My sheet'!B3" → the top-left corner (0-based column, 1-based row) and the sheet. */
export function splitAddress(address: string): {
  sheet: string;
  col: number;
  row: number;
  local: string;
} {
  const bang = address.lastIndexOf("!");
  const sheetPart = bang >= 0 ? address.slice(0, bang) : "";
  const local = address.slice(bang + 1).replace(/\$/g, "");
  const sheet = sheetPart.startsWith("'") ? sheetPart.slice(1, -1).replace(/''/g, "'") : sheetPart;
  const m = /^([A-Z]+)(\d+)/i.exec(local);
  if (!m) throw new Error(`not a cell address: ${address}`);
  return { sheet, col: colIndex(m[1]), row: Number(m[2]), local };
}

/**
 * Finds what "Make portable" would change in the selection or the active sheet. 2 syncs (formulas, then the
 * spills of cells that will become values).
 */
export async function scanPortable(
  context: Excel.RequestContext,
  scope: "selection" | "sheet",
  options: PortableOptions = {}
): Promise<PortableScan> {
  const range =
    scope === "selection"
      ? context.workbook.getSelectedRange()
      : context.workbook.worksheets.getActiveWorksheet().getUsedRangeOrNullObject(true);
  range.load(["formulas", "values", "address", "isNullObject"]);
  await context.sync();
  if (range.isNullObject) return { sheet: "", address: "", changes: [], native: 0, values: 0 };
  const { sheet, col, row, local } = splitAddress(range.address);
  const changes: ScannedChange[] = planPortable(range.formulas, options, range.values).map((c) => ({
    ...c,
    address: `${colLetter(col + c.column)}${row + c.row}`,
    value: c.result.kind === "value" ? range.values[c.row][c.column] : undefined,
  }));
  const ws = context.workbook.worksheets.getItem(sheet);
  const spills = changes.map((c) => {
    if (c.result.kind !== "value") return null;
    const s = ws.getRange(c.address).getSpillingToRangeOrNullObject();
    s.load(["address", "values", "isNullObject"]);
    return s;
  });
  if (spills.some((s) => s)) await context.sync();
  spills.forEach((s, i) => {
    if (s && !s.isNullObject)
      changes[i].spill = { address: splitAddress(s.address).local, values: s.values };
  });
  return {
    sheet,
    address: local,
    changes,
    native: changes.filter((c) => c.result.kind === "native").length,
    values: changes.filter((c) => c.result.kind === "value").length,
  };
}

/**
 * Applies a scan: saves the original formulas in the hidden undo sheet, then writes. 2 syncs.
 * @returns the number of cells changed and the batch id (for undo).
 */
export async function applyPortable(
  context: Excel.RequestContext,
  scan: PortableScan,
  now: Date = new Date()
): Promise<{ changed: number; batch: number }> {
  if (scan.changes.length === 0) return { changed: 0, batch: 0 };
  const sheets = context.workbook.worksheets;
  const undo = sheets.getItemOrNullObject(UNDO_SHEET);
  undo.load("isNullObject");
  const used = undo.getUsedRangeOrNullObject(true);
  used.load(["rowCount", "values", "isNullObject"]);
  await context.sync();

  let target: Excel.Worksheet;
  let nextRow: number;
  let batch = 1;
  if (undo.isNullObject) {
    target = sheets.add(UNDO_SHEET);
    target.getRange("A1:F1").values = [UNDO_HEADER];
    nextRow = 2;
  } else {
    target = undo;
    const rows = used.isNullObject ? [] : used.values;
    nextRow = used.isNullObject ? 2 : used.rowCount + 1;
    for (const r of rows.slice(1)) if (typeof r[4] === "number" && r[4] >= batch) batch = r[4] + 1;
  }
  target.visibility = Excel.SheetVisibility.hidden;
  const record = scan.changes.map((c) => [
    scan.sheet,
    c.address,
    c.spill?.address ?? "",
    c.before,
    batch,
    now.toISOString(),
  ]);
  const block = target.getRange(`A${nextRow}:F${nextRow + record.length - 1}`);
  // text format first, so a formula copied as text stays text
  block.numberFormat = record.map(() => ["@", "@", "@", "@", "0", "@"]);
  block.values = record;

  context.application.suspendApiCalculationUntilNextSync();
  const ws = sheets.getItem(scan.sheet);
  for (const c of scan.changes) {
    // values go back as what they were: text that Excel would read as a formula or a number stays text
    if (c.result.kind === "native") ws.getRange(c.address).formulas = [[c.result.formula]];
    else if (c.spill)
      ws.getRange(c.spill.address).values = c.spill.values.map((r) => r.map(cellValue));
    else ws.getRange(c.address).values = [[cellValue(c.value)]];
  }
  await context.sync();
  return { changed: scan.changes.length, batch };
}

/** True when there is something to undo. 1 sync. */
export async function canUndoPortable(context: Excel.RequestContext): Promise<boolean> {
  const undo = context.workbook.worksheets.getItemOrNullObject(UNDO_SHEET);
  const used = undo.getUsedRangeOrNullObject(true);
  used.load(["rowCount", "isNullObject"]);
  undo.load("isNullObject");
  await context.sync();
  return !undo.isNullObject && !used.isNullObject && used.rowCount > 1;
}

/**
 * Restores the formulas of the last batch: clears each spilled block it had written, puts the formula back in
 * its cell, and removes the batch's rows from the undo sheet (the sheet when nothing is left). 2 syncs.
 * @returns the number of cells restored (0 when there was nothing to undo).
 */
export async function undoPortable(context: Excel.RequestContext): Promise<{ restored: number }> {
  const sheets = context.workbook.worksheets;
  const undo = sheets.getItemOrNullObject(UNDO_SHEET);
  const used = undo.getUsedRangeOrNullObject(true);
  undo.load("isNullObject");
  used.load(["values", "rowCount", "isNullObject"]);
  await context.sync();
  if (undo.isNullObject || used.isNullObject || used.rowCount < 2) return { restored: 0 };
  const rows = used.values.slice(1).map((r, i) => ({ r, line: i + 2 }));
  const last = Math.max(...rows.map(({ r }) => Number(r[4]) || 0));
  const mine = rows.filter(({ r }) => Number(r[4]) === last);
  context.application.suspendApiCalculationUntilNextSync();
  for (const { r } of mine) {
    const ws = sheets.getItem(String(r[0]));
    if (r[2]) ws.getRange(String(r[2])).clear(Excel.ClearApplyTo.contents);
    ws.getRange(String(r[1])).formulas = [[String(r[3])]];
  }
  const keep = rows.filter(({ r }) => Number(r[4]) !== last);
  if (keep.length === 0) undo.delete();
  else {
    // batches are appended in order, so the last batch is the last rows: delete them
    const first = Math.min(...mine.map((m) => m.line));
    undo.getRange(`A${first}:F${used.rowCount}`).delete(Excel.DeleteShiftDirection.up);
  }
  await context.sync();
  return { restored: mine.length };
}
