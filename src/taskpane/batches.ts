/**
 * Splits a plan into write requests for Office.js: each request is what goes between two `context.sync()` calls,
 * and none may exceed Excel on the web's 5 MB payload limit. Pure (no Office), so the benchmark and the tests
 * measure exactly what the writer sends.
 *
 * Order: one request with the sheet's layout (every small block, styles, widths, validation, conditional
 * formats), then the large `data` blocks in row slices, then the Excel tables, names, the chart and the selection — names last so
 * they never point at a half-written sheet.
 *
 * Sizes are what office.js sends, not our own JSON: office.js turns the request into a `ProcessQuery` body
 * (actions and object paths, `JSON.stringify`ed), and on the web that body travels as a string inside the host
 * channel's own JSON message, so each `"` and `\` of it is escaped once more. {@link officeBytes} counts exactly
 * that (checked against office.js itself in test/taskpane/request-size.test.ts); the budget leaves 20 % of the
 * limit for what it cannot see. Number formats go per column (one `[[format]]` for a column whose cells share it,
 * which Excel applies to the whole range), not per cell: a million-cell format array would be half the payload.
 */
import { parseCell, parseRange, range } from "../sheet/a1";
import { cellText } from "../sheet/cell-text";
import type {
  CalculationPlan,
  CellBlock,
  ChartPlan,
  ConditionalFormat,
  DataValidation,
  NamedRange,
  PlanCell,
  StyleRange,
  TablePlan,
} from "../sheet/types";

/**
 * What the writer needs of a plan: one sheet, its names, styles and font. The calculation plan is one; the
 * customer list and cohort value plans (`src/sheet/customer-list.ts`, `cohort-value.ts`) are others.
 */
export type SheetWritePlan = Pick<CalculationPlan, "lang" | "sheet" | "names" | "styles" | "font">;

/** Excel on the web rejects a request (one sync's batch) above 5 MB. */
export const REQUEST_LIMIT_BYTES = 5 * 1024 * 1024;
/** The budget of one request, as {@link officeBytes} counts it: 4 MB, a fifth of the limit left as margin. */
export const DEFAULT_BUDGET_BYTES = 4 * 1024 * 1024;
/** office.js's fixed cost of one range write (its object paths and actions), in bytes of the host message. */
const OP_OVERHEAD_BYTES = 600;
/**
 * office.js's request for a style, a validation, a chart … is several times the JSON of the op (each property
 * set is an action on an object path of its own: format, font, borders.getItem(edge) …); measured ≤ 6× for
 * every kind (test/taskpane/request-size.test.ts), counted as 8×.
 */
const SMALL_OP_FACTOR = 8;
/** …plus its object paths: a chart or a selection is a few actions whatever its JSON. */
const SMALL_OP_BYTES = 2000;

/** Number formats for part of a slice: a 2-D array the size of `address`, or `[[format]]` for all of it. */
export interface FormatWrite {
  address: string;
  /** `null` leaves a cell's format as it is (General on the new sheet) */
  formats: (string | null)[][];
}

/** One 2-D write: formulas (constants or formulas, as Office.js `range.formulas` takes them) and number formats. */
export interface ValuesOp {
  op: "values";
  block: string;
  address: string;
  formulas: (string | number | boolean)[][];
  /**
   * Number formats to set before the formulas ("@" must be in place before "00123" arrives): one `[[format]]`
   * per column whose cells share a format, a per-cell column array where they differ; empty when none.
   */
  formats: FormatWrite[];
}

export type WriteOp =
  | ValuesOp
  | { op: "style"; style: StyleRange }
  | { op: "width"; column: string; chars: number }
  | { op: "height"; row: number; points: number }
  | { op: "validation"; rule: DataValidation }
  | { op: "conditional"; format: ConditionalFormat }
  | { op: "chart"; chart: ChartPlan }
  | { op: "table"; table: TablePlan }
  /** freeze the top `rows` rows and left `columns` columns of the sheet's view */
  | { op: "freeze"; rows: number; columns: number }
  | { op: "name"; name: NamedRange }
  | { op: "select"; address: string };

export interface WriteRequest {
  ops: WriteOp[];
  /** what office.js sends for it, as {@link officeBytes} counts (the host message, in bytes) */
  bytes: number;
}

/** How Office.js needs a cell: text Excel could read as a formula or a number keeps its text (cellText); blanks are "". */
export function officeCell(c: PlanCell | null): string | number | boolean {
  if (!c) return "";
  if (c.formula !== undefined) return c.formula;
  const v = c.value;
  if (v === undefined) return "";
  if (typeof v === "string") return cellText(v);
  return v;
}

/** UTF-8 size of a string, without allocating a buffer. O(length). */
export function utf8Bytes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * Bytes of a JSON text as the web host's channel carries it: its UTF-8 size plus one escape for each `"` and `\`
 * (the text travels as a JSON string inside the channel's message). O(length).
 */
export function carriedBytes(json: string): number {
  let n = utf8Bytes(json);
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c === 34 || c === 92) n++;
  }
  return n;
}

/**
 * What office.js sends for an op, in bytes of the host message: the JSON of its arguments as office.js embeds
 * them in the request, carried once more, plus its object path and actions. O(size of the op).
 */
export function officeBytes(op: WriteOp, styles?: CalculationPlan["styles"]): number {
  if (op.op === "values") {
    let n = arrayBytes(op.formulas);
    for (const f of op.formats) n += arrayBytes(f.formats);
    return n;
  }
  // a style op names its style; what office.js sends is the style's properties
  const style = op.op === "style" && styles ? JSON.stringify(styles[op.style.style] ?? null) : "";
  return SMALL_OP_BYTES + SMALL_OP_FACTOR * carriedBytes(JSON.stringify(op) + style);
}

/**
 * office.js sets a 2-D array above 1,500 cells in chunks of whole rows of at most 1,500 cells (each its own
 * `getRow(i).getBoundingRect(getRow(j))` object paths and action, about 700 bytes carried).
 */
const OFFICE_CHUNK_CELLS = 1500;
const CHUNK_OVERHEAD_BYTES = 800;

/** A 2-D array set on a range, as office.js sends it. O(cells). */
function arrayBytes(values: readonly (readonly unknown[])[]): number {
  const cells = values.length * (values[0]?.length ?? 0);
  const perChunk = Math.max(
    1,
    Math.round(OFFICE_CHUNK_CELLS / Math.max(1, values[0]?.length ?? 1))
  );
  const chunks = cells > OFFICE_CHUNK_CELLS ? Math.ceil(values.length / perChunk) : 1;
  return OP_OVERHEAD_BYTES + chunks * CHUNK_OVERHEAD_BYTES + carriedBytes(JSON.stringify(values));
}

/** The number formats of rows `first … first + count − 1` of a block, per column (see {@link ValuesOp.formats}). */
function formatWrites(block: CellBlock, first: number, count: number): FormatWrite[] {
  const { col, row } = parseCell(block.address);
  const width = block.cells[0].length;
  const out: FormatWrite[] = [];
  for (let j = 0; j < width; j++) {
    const f0 = block.cells[first][j]?.format ?? null;
    let same = true;
    let any = f0 !== null;
    for (let i = first + 1; i < first + count; i++) {
      const f = block.cells[i][j]?.format ?? null;
      if (f !== f0) same = false;
      if (f !== null) any = true;
    }
    if (!any) continue;
    const address = range(col + j, row + first, col + j, row + first + count - 1);
    out.push({
      address,
      formats: same
        ? [[f0]]
        : block.cells.slice(first, first + count).map((r) => [r[j]?.format ?? null]),
    });
  }
  return out;
}

function valuesOp(block: CellBlock, first: number, count: number): ValuesOp {
  const { col, row } = parseCell(block.address);
  const rows = block.cells.slice(first, first + count);
  const width = rows[0].length;
  return {
    op: "values",
    block: block.id,
    address: range(col, row + first, col + width - 1, row + first + count - 1),
    formulas: rows.map((r) => r.map(officeCell)),
    formats: formatWrites(block, first, count),
  };
}

/**
 * Cuts a run of items into consecutive slices whose sizes add up to at most `budget` each (an item larger than
 * the budget gets a slice of its own). For anything sent to Excel in pieces — the wizard's data blocks, Make
 * portable's reads and writes — with `size` the item's bytes as office.js sends them. O(items).
 * @example sliceByBudget([3, 3, 3, 3], (x) => x, 7) // [[0, 2], [2, 4]] (index ranges [start, end))
 */
export function sliceByBudget<T>(
  items: readonly T[],
  size: (item: T, index: number) => number,
  budget: number
): Array<[start: number, end: number]> {
  const out: Array<[number, number]> = [];
  let start = 0;
  let used = 0;
  for (let i = 0; i < items.length; i++) {
    const b = size(items[i], i);
    if (i > start && used + b > budget) {
      out.push([start, i]);
      start = i;
      used = 0;
    }
    used += b;
  }
  if (items.length > start) out.push([start, items.length]);
  return out;
}

/**
 * Splits a data block into row slices under `budget` bytes each, as office.js sends them. Rows are measured, not
 * guessed, so a ledger of long Japanese names gets smaller slices than one of short ids. O(cells).
 */
export function sliceBlock(block: CellBlock, budget: number): ValuesOp[] {
  // per row: its formulas as carried, and a per-cell format when its column's formats differ (counted for all)
  const width = block.cells[0]?.length ?? 1;
  // office.js's chunk overhead, spread over the rows of a chunk
  const chunkShare = Math.ceil(
    CHUNK_OVERHEAD_BYTES / Math.max(1, Math.round(OFFICE_CHUNK_CELLS / Math.max(1, width)))
  );
  const rowBytes = (r: (PlanCell | null)[]) =>
    carriedBytes(JSON.stringify(r.map(officeCell))) +
    r.reduce((n, c) => n + (c?.format ? carriedBytes(JSON.stringify([c.format])) : 0), 0) +
    2 +
    2 * chunkShare;
  return sliceByBudget(block.cells, rowBytes, budget - OP_OVERHEAD_BYTES * 16).map(([a, b]) =>
    valuesOp(block, a, b - a)
  );
}

/**
 * Halves a request that Excel refused as too large (`RequestPayloadSizeLimitExceeded`): its values ops are cut in
 * two by rows and the ops shared out over two requests, so the writer can retry them in its place. Returns null
 * when there is nothing left to halve (a single op of a single row). O(size of the request).
 */
export function splitRequest(request: WriteRequest): [WriteRequest, WriteRequest] | null {
  const ops: WriteOp[] = [];
  for (const op of request.ops) {
    if (op.op === "values" && op.formulas.length > 1) ops.push(...halveValues(op));
    else ops.push(op);
  }
  if (ops.length < 2) return null;
  const total = ops.reduce((n, op) => n + officeBytes(op), 0);
  let used = 0;
  let cut = 1;
  for (; cut < ops.length - 1; cut++) {
    used += officeBytes(ops[cut - 1]);
    if (used * 2 >= total) break;
  }
  const part = (o: WriteOp[]): WriteRequest => ({
    ops: o,
    bytes: o.reduce((n, op) => n + officeBytes(op), 0),
  });
  return [part(ops.slice(0, cut)), part(ops.slice(cut))];
}

function halveValues(op: ValuesOp): [ValuesOp, ValuesOp] {
  const { c1, r1, c2 } = parseRange(op.address);
  const h = Math.ceil(op.formulas.length / 2);
  const half = (first: number, count: number): ValuesOp => ({
    op: "values",
    block: op.block,
    address: range(c1, r1 + first, c2, r1 + first + count - 1),
    formulas: op.formulas.slice(first, first + count),
    formats: op.formats.map((f) => {
      const b = parseRange(f.address);
      return {
        address: range(b.c1, r1 + first, b.c2, r1 + first + count - 1),
        formats: f.formats.length === 1 ? f.formats : f.formats.slice(first, first + count),
      };
    }),
  });
  return [half(0, h), half(h, op.formulas.length - h)];
}

/** True for Office.js's refusal of a request above the payload limit. */
export function isPayloadTooLarge(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "RequestPayloadSizeLimitExceeded" || code === "PayloadTooLarge";
}

/**
 * The requests that write a plan. Small things share one request; data blocks are sliced; a request is closed
 * before it would pass `budget`. O(cells).
 */
export function planRequests(plan: SheetWritePlan, budget = DEFAULT_BUDGET_BYTES): WriteRequest[] {
  const requests: WriteRequest[] = [];
  let current: WriteRequest = { ops: [], bytes: 0 };
  const push = (op: WriteOp) => {
    const b = officeBytes(op, plan.styles);
    if (current.ops.length > 0 && current.bytes + b > budget) {
      requests.push(current);
      current = { ops: [], bytes: 0 };
    }
    current.ops.push(op);
    current.bytes += b;
  };
  const flush = () => {
    if (current.ops.length > 0) requests.push(current);
    current = { ops: [], bytes: 0 };
  };
  const s = plan.sheet;
  for (const block of s.blocks) {
    if (block.kind === "data") for (const op of sliceBlock(block, budget)) push(op);
    else push(valuesOp(block, 0, block.cells.length));
  }
  for (const style of s.styles) push({ op: "style", style });
  for (const [column, chars] of Object.entries(s.columnWidths))
    push({ op: "width", column, chars });
  for (const [row, points] of Object.entries(s.rowHeights ?? {}))
    push({ op: "height", row: Number(row), points });
  for (const rule of s.validations) push({ op: "validation", rule });
  for (const format of s.conditionalFormats) push({ op: "conditional", format });
  // a table over cells already written (its header row is the plan's header block)
  for (const table of s.tables ?? []) push({ op: "table", table });
  if (s.freeze && (s.freeze.rows > 0 || s.freeze.columns > 0))
    push({ op: "freeze", rows: s.freeze.rows, columns: s.freeze.columns });
  for (const chart of s.charts) push({ op: "chart", chart });
  for (const name of plan.names) push({ op: "name", name });
  if (s.select) push({ op: "select", address: s.select });
  flush();
  return requests;
}
