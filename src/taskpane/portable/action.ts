/**
 * The Office.js side of "Make portable" (the decisions are in `src/sheet/portable.ts`, pure and tested):
 * 1. `scanPortable` reads the selected range (within the used range) or the active sheet's used range and
 *    counts the cells that will change (native formula or value), so the task pane can ask first.
 * 2. `applyPortable` copies the original formulas into a hidden sheet (`LTV_Portable_Undo`, one row per cell:
 *    sheet, address, spill range, formula, batch, time), then writes the native formulas and the values.
 *    A cell that spills (CUSTOMER_SUMMARY …) is replaced by its whole spilled block of values; text that Excel
 *    would read as a formula or a number is written as text.
 * 3. `undoPortable` puts the formulas of the last batch back and removes that batch from the hidden sheet
 *    (the sheet itself when it is empty).
 * Every read and write goes in requests under Excel on the web's 5 MB limit (./requests.ts): an ordinary sheet
 * takes the same few syncs as one request would, a sheet of a million cells as many as its size needs.
 * Nothing else is touched: no other cell, format or sheet.
 */
import { cellValue } from "../../sheet/cell-text";
import { planPortable, type PortableChange, type PortableOptions } from "../../sheet/portable";
import { BUDGET_BYTES, gridWrites, jsonBytes, readRows, runWrites, type Write } from "./requests";

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

/** Options of the Office.js steps: the request budget (tests make it small to see the slicing). */
export interface PortableRequestOptions {
  budgetBytes?: number;
}

/**
 * Finds what "Make portable" would change in the selection (within the sheet's used range: a whole-column
 * selection reads only the used rows) or the active sheet. Reads in requests under the budget: 1 sync for the
 * range's size, the formulas and values in row slices (1 sync for an ordinary sheet), 1 for the spills of cells
 * that will become values and their values in slices (1 for ordinary spills).
 */
export async function scanPortable(
  context: Excel.RequestContext,
  scope: "selection" | "sheet",
  options: PortableOptions = {},
  request: PortableRequestOptions = {}
): Promise<PortableScan> {
  const budget = request.budgetBytes ?? BUDGET_BYTES;
  const range =
    scope === "selection"
      ? (() => {
          const selected = context.workbook.getSelectedRange();
          const used = selected.worksheet.getUsedRangeOrNullObject(true);
          return selected.getIntersectionOrNullObject(used);
        })()
      : context.workbook.worksheets.getActiveWorksheet().getUsedRangeOrNullObject(true);
  range.load(["address", "rowCount", "columnCount", "isNullObject"]);
  await context.sync();
  if (range.isNullObject) return { sheet: "", address: "", changes: [], native: 0, values: 0 };
  const { sheet, col, row, local } = splitAddress(range.address);
  const ws = context.workbook.worksheets.getItem(sheet);
  const columns = range.columnCount;
  const { grids } = await readRows(
    context,
    (first, count) => ws.getRange(block(col, row + first, columns, count)),
    range.rowCount,
    columns,
    ["formulas", "values"],
    budget
  );
  const changes: ScannedChange[] = planPortable(
    grids.formulas as unknown[][] as string[][],
    options,
    grids.values
  ).map((c) => ({
    ...c,
    address: `${colLetter(col + c.column)}${row + c.row}`,
    value: c.result.kind === "value" ? grids.values[c.row][c.column] : undefined,
  }));
  const spills = changes.map((c) => {
    if (c.result.kind !== "value") return null;
    const s = ws.getRange(c.address).getSpillingToRangeOrNullObject();
    s.load(["address", "rowCount", "columnCount", "isNullObject"]);
    return s;
  });
  if (spills.some((s) => s)) await context.sync();
  for (let i = 0; i < spills.length; i++) {
    const s = spills[i];
    if (!s || s.isNullObject) continue;
    const at = splitAddress(s.address);
    const width = s.columnCount;
    const read = await readRows(
      context,
      (first, count) => ws.getRange(block(at.col, at.row + first, width, count)),
      s.rowCount,
      width,
      ["values"],
      budget
    );
    changes[i].spill = { address: at.local, values: read.grids.values };
  }
  return {
    sheet,
    address: local,
    changes,
    native: changes.filter((c) => c.result.kind === "native").length,
    values: changes.filter((c) => c.result.kind === "value").length,
  };
}

/** "B3:D9" for the block of `rows` × `columns` cells whose top-left is (col, row). */
function block(col: number, row: number, columns: number, rows: number): string {
  return `${colLetter(col)}${row}:${colLetter(col + columns - 1)}${row + rows - 1}`;
}

const RECORD_FORMATS = ["@", "@", "@", "@", "0", "@"];

/**
 * Applies a scan: saves the original formulas in the hidden undo sheet, then writes — in requests under the
 * budget, the copy of the originals always before the cells it lets undo restore (2 syncs for an ordinary
 * sheet: one to look at the undo sheet, one to write). If a request fails, what this call wrote is taken back
 * (each cell gets its formula again, the copy's rows go) before the error is rethrown; if even that fails, the
 * copy is complete, so Undo can put everything back.
 * @returns the number of cells changed and the batch id (for undo).
 */
export async function applyPortable(
  context: Excel.RequestContext,
  scan: PortableScan,
  now: Date = new Date(),
  request: PortableRequestOptions = {}
): Promise<{ changed: number; batch: number }> {
  if (scan.changes.length === 0) return { changed: 0, batch: 0 };
  const budget = request.budgetBytes ?? BUDGET_BYTES;
  const sheets = context.workbook.worksheets;
  const undo = sheets.getItemOrNullObject(UNDO_SHEET);
  undo.load("isNullObject");
  const used = undo.getUsedRangeOrNullObject(true);
  used.load(["rowCount", "isNullObject"]);
  const batches = undo.getRange("E:E").getUsedRangeOrNullObject(true);
  batches.load(["values", "isNullObject"]);
  await context.sync();

  const created = undo.isNullObject;
  let nextRow = 2;
  let batch = 1;
  if (!created) {
    nextRow = used.isNullObject ? 2 : used.rowCount + 1;
    const column = batches.isNullObject ? [] : batches.values;
    for (const [b] of column) if (typeof b === "number" && b >= batch) batch = b + 1;
  }
  const record = scan.changes.map((c) => [
    scan.sheet,
    c.address,
    c.spill?.address ?? "",
    c.before,
    batch,
    now.toISOString(),
  ]);
  // the sheet the copy goes to: added by the first write when there is none (again if that request is re-sent)
  let added: Excel.Worksheet | undefined;
  const target = () => (created ? (added as Excel.Worksheet) : undo);
  const writes: Write[] = [
    {
      bytes: 256,
      queue: () => {
        if (created) {
          added = sheets.add(UNDO_SHEET);
          added.getRange("A1:F1").values = [UNDO_HEADER];
        }
        target().visibility = Excel.SheetVisibility.hidden;
      },
    },
    // text format first, so a formula copied as text stays text
    ...gridWrites(
      record,
      (first, rows) => {
        const r = target().getRange(`A${nextRow + first}:F${nextRow + first + rows.length - 1}`);
        r.numberFormat = rows.map(() => RECORD_FORMATS);
        r.values = rows;
      },
      budget,
      jsonBytes(RECORD_FORMATS)
    ),
    ...changeWrites(sheets.getItem(scan.sheet), scan, budget),
  ];
  try {
    await runWrites(context, writes, budget);
  } catch (e) {
    await takeBack(context, scan, created, nextRow, record.length, budget).catch(() => undefined);
    throw e;
  }
  return { changed: scan.changes.length, batch };
}

/** The writes of the changes themselves: values go back as what they were (text stays text, see cellText). */
function changeWrites(ws: Excel.Worksheet, scan: PortableScan, budget: number): Write[] {
  const out: Write[] = [];
  for (const c of scan.changes) {
    if (c.result.kind === "native") {
      const formula = c.result.formula;
      out.push({
        bytes: jsonBytes(formula) + 64,
        queue: () => (ws.getRange(c.address).formulas = [[formula]]),
      });
    } else if (c.spill) {
      const at = splitAddress(c.spill.address);
      const width = c.spill.values[0]?.length ?? 1;
      out.push(
        ...gridWrites(
          c.spill.values.map((r) => r.map(cellValue)),
          (first, rows) =>
            (ws.getRange(block(at.col, at.row + first, width, rows.length)).values = rows),
          budget
        )
      );
    } else {
      const value = cellValue(c.value);
      out.push({
        bytes: jsonBytes(value) + 64,
        queue: () => (ws.getRange(c.address).values = [[value]]),
      });
    }
  }
  return out;
}

/** After a failed apply: every changed cell gets its formula back, and the copy's rows (or sheet) go. */
async function takeBack(
  context: Excel.RequestContext,
  scan: PortableScan,
  created: boolean,
  firstRow: number,
  rows: number,
  budget: number
): Promise<void> {
  const sheets = context.workbook.worksheets;
  const ws = sheets.getItem(scan.sheet);
  await runWrites(
    context,
    restoreWrites(
      ws,
      scan.changes.map((c) => [c.address, c.spill?.address ?? "", c.before])
    ),
    budget
  );
  const undo = sheets.getItemOrNullObject(UNDO_SHEET);
  undo.load("isNullObject");
  await context.sync();
  if (undo.isNullObject) return;
  if (created) undo.delete();
  else undo.getRange(`A${firstRow}:F${firstRow + rows - 1}`).delete(Excel.DeleteShiftDirection.up);
  await context.sync();
}

/** Puts formulas back: clears the block a cell's values were spilled over, then writes its formula. */
function restoreWrites(
  ws: Excel.Worksheet,
  cells: [address: string, spill: string, formula: string][]
): Write[] {
  return cells.map(([address, spill, formula]) => ({
    bytes: jsonBytes(formula) + 128,
    queue: () => {
      if (spill) ws.getRange(spill).clear(Excel.ClearApplyTo.contents);
      ws.getRange(address).formulas = [[formula]];
    },
  }));
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
 * its cell, and removes the batch's rows from the undo sheet (the sheet when nothing is left). Reads and writes
 * in requests under the budget: 2 syncs for an ordinary batch, 3 when the sheet goes.
 * @returns the number of cells restored (0 when there was nothing to undo).
 */
export async function undoPortable(
  context: Excel.RequestContext,
  request: PortableRequestOptions = {}
): Promise<{ restored: number }> {
  const budget = request.budgetBytes ?? BUDGET_BYTES;
  const sheets = context.workbook.worksheets;
  const undo = sheets.getItemOrNullObject(UNDO_SHEET);
  const used = undo.getUsedRangeOrNullObject(true);
  undo.load("isNullObject");
  used.load(["rowCount", "isNullObject"]);
  await context.sync();
  if (undo.isNullObject || used.isNullObject || used.rowCount < 2) return { restored: 0 };
  const { grids } = await readRows(
    context,
    (first, count) => undo.getRange(`A${2 + first}:F${1 + first + count}`),
    used.rowCount - 1,
    6,
    ["values"],
    budget
  );
  const rows = grids.values.map((r, i) => ({ r, line: i + 2 }));
  const last = Math.max(...rows.map(({ r }) => Number(r[4]) || 0));
  const mine = rows.filter(({ r }) => Number(r[4]) === last);
  const bySheet = new Map<string, [string, string, string][]>();
  for (const { r } of mine) {
    const list = bySheet.get(String(r[0])) ?? [];
    list.push([String(r[1]), r[2] ? String(r[2]) : "", String(r[3])]);
    bySheet.set(String(r[0]), list);
  }
  const writes: Write[] = [];
  for (const [name, cells] of bySheet) writes.push(...restoreWrites(sheets.getItem(name), cells));
  const keep = rows.filter(({ r }) => Number(r[4]) !== last);
  writes.push({
    bytes: 128,
    queue: () => {
      if (keep.length === 0) undo.delete();
      else {
        // batches are appended in order, so the last batch is the last rows: delete them
        const first = Math.min(...mine.map((m) => m.line));
        undo.getRange(`A${first}:F${used.rowCount}`).delete(Excel.DeleteShiftDirection.up);
      }
    },
  });
  await runWrites(context, writes, budget);
  return { restored: mine.length };
}
