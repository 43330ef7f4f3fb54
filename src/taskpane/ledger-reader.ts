/**
 * Reading the sales ledger from the workbook: which range to propose, and its values in slices small enough for
 * Excel on the web's 5 MB response limit. Read-only: nothing here writes to the workbook.
 *
 * Whole columns (`Sales!A:D`) and whole rows are cut to the sheet's used range first: a million empty rows are
 * not a ledger, and reading them would take a thousand requests.
 */
import { dateSystemFromSamples, type DateSystem } from "../core/input/date";
import { columnIndex, columnLetter, range as a1Range } from "../sheet/a1";

/** Excel's grid: rows and columns of a sheet. */
const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;

/** A rectangle of cells, inclusive: 0-based columns (as in ../sheet/a1), 1-based rows. */
export interface CellBox {
  c1: number;
  r1: number;
  c2: number;
  r2: number;
}

/**
 * The rectangle of an address without its sheet: `A1:D10`, `B7`, whole columns `A:D` and whole rows `3:7`.
 * @returns undefined for anything else. O(length).
 */
export function cellBox(cells: string): CellBox | undefined {
  const a = cells.replace(/\$/g, "").toUpperCase();
  let m = /^([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?$/.exec(a);
  if (m)
    return {
      c1: columnIndex(m[1]),
      r1: Number(m[2]),
      c2: columnIndex(m[3] ?? m[1]),
      r2: Number(m[4] ?? m[2]),
    };
  m = /^([A-Z]{1,3}):([A-Z]{1,3})$/.exec(a);
  if (m) return { c1: columnIndex(m[1]), r1: 1, c2: columnIndex(m[2]), r2: MAX_ROWS };
  m = /^(\d+):(\d+)$/.exec(a);
  if (m) return { c1: 0, r1: Number(m[1]), c2: MAX_COLUMNS - 1, r2: Number(m[2]) };
  return undefined;
}

/** A1 text of a box: `A1:D10`, or `A1` for one cell. */
function boxAddress(b: CellBox): string {
  return b.c1 === b.c2 && b.r1 === b.r2
    ? `${columnLetter(b.c1)}${b.r1}`
    : a1Range(b.c1, b.r1, b.c2, b.r2);
}

/**
 * A whole-column or whole-row range cut to the used range (`A:D` with data in A1:F120 → `A1:D120`); any other
 * range unchanged; null when a whole-column range meets no data. Pure, O(1).
 */
export function trimToUsed(cells: string, used: string): string | null {
  const box = cellBox(cells);
  if (!box) return cells;
  const whole =
    (box.r1 === 1 && box.r2 === MAX_ROWS) || (box.c1 === 0 && box.c2 === MAX_COLUMNS - 1);
  if (!whole) return cells;
  const u = cellBox(used);
  if (!u) return cells;
  const out = {
    c1: Math.max(box.c1, u.c1),
    r1: Math.max(box.r1, u.r1),
    c2: Math.min(box.c2, u.c2),
    r2: Math.min(box.r2, u.r2),
  };
  if (out.c1 > out.c2 || out.r1 > out.r2) return null;
  return boxAddress(out);
}

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
  if (!cellBox(cells)) return undefined;
  return { sheet, cells };
}

/** The cells part of an address as Excel reports it ("Sales!A1:D9" → "A1:D9"). */
function cellsOf(address: string): string {
  return splitAddress(address)?.cells ?? address.slice(address.lastIndexOf("!") + 1);
}

/**
 * The range the wizard proposes: the selection when it is more than one cell (whole columns or rows cut to the
 * used range), else the table on the active sheet, else the active sheet's used range. One sync (two with a
 * table).
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
  if (selection.rowCount * selection.columnCount > 1) {
    const i = selection.address.lastIndexOf("!");
    const trimmed = trimToUsed(selection.address.slice(i + 1), cellsOf(used.address));
    // a whole column on a sheet whose data lies elsewhere: propose the data instead
    return trimmed === null ? used.address : selection.address.slice(0, i + 1) + trimmed;
  }
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
 * Reads a range's values, in row slices; whole columns or rows (`Sales!A:D`) only as far as the used range goes.
 * O(cells); syncs = 1 + ⌈cells / 50,000⌉.
 * @throws Error with "errRange" for an address that is not Sheet!A1:B2, Sheet!A:D or Sheet!3:7.
 */
export async function readSource(
  context: Excel.RequestContext,
  address: string
): Promise<unknown[][]> {
  const parts = splitAddress(address);
  if (!parts) throw new Error("errRange");
  const ws = context.workbook.worksheets.getItem(parts.sheet);
  const used = ws.getUsedRange();
  used.load("address");
  await context.sync();
  const cells = trimToUsed(parts.cells, cellsOf(used.address));
  if (cells === null) return [];
  const { c1, r1, c2, r2 } = cellBox(cells) as CellBox;
  const whole = { rowCount: r2 - r1 + 1, columnCount: c2 - c1 + 1 };
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

/** Date cells looked at to tell the workbook's date system. */
const DATE_PROBE_ROWS = 50;

/**
 * The workbook's date system (1900, or 1904 for some Mac workbooks), so the wizard can read date cells and text
 * dates alike (`readLedger`'s `dateSystem`) and write dates back in the workbook's own serials.
 *
 * Office.js has the setting as `Workbook.use1904DateSystem` only in a preview API set; where the host's library
 * has it, it is read. Elsewhere the date column tells: a date cell's value (its serial) against the text Excel
 * displays for it, which differ by 1,462 days in a 1904 workbook (`dateSystemFromSamples`, over the first 50
 * rows). 1900 when nothing tells (no date cells, dates typed as text). One or two syncs.
 */
export async function readDateSystem(
  context: Excel.RequestContext,
  address: string,
  dateColumn: number
): Promise<DateSystem> {
  const wb = context.workbook as Excel.Workbook & { use1904DateSystem?: boolean };
  if ("use1904DateSystem" in wb) {
    try {
      wb.load("use1904DateSystem");
      await context.sync();
      if (typeof wb.use1904DateSystem === "boolean") return wb.use1904DateSystem ? 1904 : 1900;
    } catch {
      // a host whose library knows the property but whose Excel does not: ask the cells instead
    }
  }
  const parts = splitAddress(address);
  const ws = parts && context.workbook.worksheets.getItem(parts.sheet);
  if (!parts || !ws) return 1900;
  const used = ws.getUsedRange();
  used.load("address");
  await context.sync();
  const cells = trimToUsed(parts.cells, cellsOf(used.address));
  const box = cells === null ? undefined : cellBox(cells);
  if (!box || box.c1 + dateColumn > box.c2) return 1900;
  const c = box.c1 + dateColumn;
  const probe = ws.getRange(a1Range(c, box.r1, c, Math.min(box.r2, box.r1 + DATE_PROBE_ROWS - 1)));
  probe.load("values,text");
  await context.sync();
  const values = probe.values;
  const texts = probe.text;
  const samples = values.map((row, i) => [row[0], texts[i]?.[0]] as const);
  return dateSystemFromSamples(samples) ?? 1900;
}
