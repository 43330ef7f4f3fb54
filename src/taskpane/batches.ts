/**
 * Splits a plan into write requests for Office.js: each request is what goes between two `context.sync()` calls,
 * and none may exceed Excel on the web's 5 MB payload limit. Pure (no Office), so the benchmark and the tests
 * measure exactly what the writer sends.
 *
 * Order: one request with the sheet's layout (every small block, styles, widths, validation, conditional
 * formats), then the large `data` blocks in row slices, then names, the chart and the selection — names last so
 * they never point at a half-written sheet.
 */
import { parseCell, range } from "../sheet/a1";
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
} from "../sheet/types";

/** Excel on the web rejects a request (one sync's batch) above 5 MB; keep a margin for the protocol's envelope. */
export const REQUEST_LIMIT_BYTES = 5 * 1024 * 1024;
export const DEFAULT_BUDGET_BYTES = 4 * 1024 * 1024;

/** One 2-D write: formulas (constants or formulas, as Office.js `range.formulas` takes them) and number formats. */
export interface ValuesOp {
  op: "values";
  block: string;
  address: string;
  formulas: (string | number | boolean)[][];
  /** null when no cell of the slice has a number format */
  formats: string[][] | null;
}

export type WriteOp =
  | ValuesOp
  | { op: "style"; style: StyleRange }
  | { op: "width"; column: string; chars: number }
  | { op: "validation"; rule: DataValidation }
  | { op: "conditional"; format: ConditionalFormat }
  | { op: "chart"; chart: ChartPlan }
  | { op: "name"; name: NamedRange }
  | { op: "select"; address: string };

export interface WriteRequest {
  ops: WriteOp[];
  /** estimated payload: the JSON size of what the request carries */
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

/** UTF-8 size of a string, without allocating a buffer. */
function utf8Bytes(s: string): number {
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

/** The JSON size of an op (what Office.js serialises for it, give or take its envelope). */
export function opBytes(op: WriteOp): number {
  return utf8Bytes(JSON.stringify(op)) + 64;
}

function valuesOp(block: CellBlock, first: number, count: number): ValuesOp {
  const { col, row } = parseCell(block.address);
  const rows = block.cells.slice(first, first + count);
  const width = rows[0].length;
  const formulas = rows.map((r) => r.map(officeCell));
  const anyFormat = rows.some((r) => r.some((c) => c?.format));
  const formats = anyFormat ? rows.map((r) => r.map((c) => c?.format ?? "General")) : null;
  return {
    op: "values",
    block: block.id,
    address: range(col, row + first, col + width - 1, row + first + count - 1),
    formulas,
    formats,
  };
}

/**
 * Splits a data block into row slices under `budget` bytes each. Rows are measured, not guessed, so a ledger
 * of long Japanese names gets smaller slices than one of short ids. O(cells).
 */
export function sliceBlock(block: CellBlock, budget: number): ValuesOp[] {
  const out: ValuesOp[] = [];
  let first = 0;
  let size = 0;
  const rowBytes = block.cells.map(
    (r) =>
      utf8Bytes(JSON.stringify(r.map(officeCell))) +
      utf8Bytes(JSON.stringify(r.map((c) => c?.format ?? "General"))) +
      2
  );
  for (let i = 0; i < block.cells.length; i++) {
    if (i > first && size + rowBytes[i] > budget - 512) {
      out.push(valuesOp(block, first, i - first));
      first = i;
      size = 0;
    }
    size += rowBytes[i];
  }
  if (block.cells.length > first) out.push(valuesOp(block, first, block.cells.length - first));
  return out;
}

/**
 * The requests that write a plan. Small things share one request; data blocks are sliced; a request is closed
 * before it would pass `budget`. O(cells).
 */
export function planRequests(plan: CalculationPlan, budget = DEFAULT_BUDGET_BYTES): WriteRequest[] {
  const requests: WriteRequest[] = [];
  let current: WriteRequest = { ops: [], bytes: 0 };
  const push = (op: WriteOp) => {
    const b = opBytes(op);
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
  for (const rule of s.validations) push({ op: "validation", rule });
  for (const format of s.conditionalFormats) push({ op: "conditional", format });
  for (const chart of s.charts) push({ op: "chart", chart });
  for (const name of plan.names) push({ op: "name", name });
  if (s.select) push({ op: "select", address: s.select });
  flush();
  return requests;
}
