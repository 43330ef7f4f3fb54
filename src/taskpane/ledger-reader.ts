/**
 * Reading the sales ledger from the workbook: which range to propose, and its values in slices small enough for
 * Excel on the web's 5 MB response limit. Read-only: nothing here writes to the workbook.
 */
import { parseRange, range as a1Range } from "../sheet/a1";

/** A range address split into its sheet and its cells: "'Sales 2024'!A1:D10" → { sheet: "Sales 2024", cells: "A1:D10" }. */
export function splitAddress(address: string): { sheet: string; cells: string } | undefined {
  const i = address.lastIndexOf("!");
  if (i <= 0) return undefined;
  let sheet = address.slice(0, i).trim();
  const cells = address
    .slice(i + 1)
    .trim()
    .replace(/\$/g, "")
    .toUpperCase();
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  if (!/^[A-Z]{1,3}\d+(:[A-Z]{1,3}\d+)?$/.test(cells)) return undefined;
  return { sheet, cells };
}

/**
 * The range the wizard proposes: the selection when it is more than one cell, else the table on the active
 * sheet, else the active sheet's used range. One sync.
 */
export async function proposeSource(context: Excel.RequestContext): Promise<string> {
  const selection = context.workbook.getSelectedRange();
  selection.load("address,rowCount,columnCount");
  const sheet = context.workbook.worksheets.getActiveWorksheet();
  // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read -- `tables` is a collection proxy, loaded on the next line
  const tables = sheet.tables;
  tables.load("items/name");
  const used = sheet.getUsedRange();
  used.load("address");
  await context.sync();
  if (selection.rowCount * selection.columnCount > 1) return selection.address;
  if (tables.items.length > 0) {
    const r = tables.items[0].getRange();
    r.load("address");
    await context.sync();
    return r.address;
  }
  return used.address;
}

/** Cells per read request: about 40 bytes a cell in JSON keeps a slice near 2 MB, well under the 5 MB limit. */
const CELLS_PER_READ = 50_000;

/**
 * Reads a range's values, in row slices. O(cells); syncs = 1 + ⌈cells / 50,000⌉.
 * @throws Error with "errRange" for an address that is not Sheet!A1:B2.
 */
export async function readSource(
  context: Excel.RequestContext,
  address: string
): Promise<unknown[][]> {
  const parts = splitAddress(address);
  if (!parts) throw new Error("errRange");
  const ws = context.workbook.worksheets.getItem(parts.sheet);
  const whole = ws.getRange(parts.cells);
  whole.load("rowCount,columnCount");
  await context.sync();
  const { c1, r1, c2 } = parseRange(parts.cells);
  const rowsPerRead = Math.max(1, Math.floor(CELLS_PER_READ / Math.max(1, whole.columnCount)));
  const out: unknown[][] = [];
  for (let first = 0; first < whole.rowCount; first += rowsPerRead) {
    const last = Math.min(whole.rowCount, first + rowsPerRead) - 1;
    const slice = ws.getRange(a1Range(c1, r1 + first, c2, r1 + last));
    slice.load("values");
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per slice on purpose: each response must stay under Excel on the web's 5 MB limit
    await context.sync();
    for (const row of slice.values) out.push(row);
  }
  return out;
}
