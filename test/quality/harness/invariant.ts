/**
 * The promise every custom function keeps, as one checker (used by the property suite and by its self-test).
 *
 * A call returns one of:
 * - a finite number (−0 allowed);
 * - a string of at most 32,767 characters (Excel's cell limit);
 * - for a function whose metadata declares a matrix result: a non-empty rectangular 2-D array whose cells are
 *   finite numbers or such strings (`""` for a blank cell) — not a scalar;
 * - a `CustomFunctions.Error` of the runtime under test, with a known code and a non-empty message that is not
 *   the runner's "Unexpected error" (an internal failure that was caught, i.e. a bug) and does not show the words
 *   NaN, Infinity, undefined or [object Object] unless the user's own input contained them.
 * It never throws, never returns NaN, ±Infinity, `undefined`, `null`, a boolean, a Promise or a ragged array, and
 * it leaves its arguments as they were (Excel's arrays are the user's data).
 */
import { ERROR_CODES } from "./arbitraries";

/** Excel's limit on the length of text in one cell. */
export const MAX_CELL_TEXT = 32_767;

/** Words that in a message betray a bug (a number or object printed raw), unless the user typed them. */
const SUSPICIOUS_WORDS = ["NaN", "Infinity", "undefined", "[object Object]", "null"];

export interface RuntimeUnderTest {
  /** the `CustomFunctions.Error` class of the runtime (results must be instances of it) */
  ErrorClass: new (...args: never[]) => object;
  /** the start of the runner's message for an internal failure ("Unexpected error (") */
  internalErrorPrefix: string;
}

export interface Expectation {
  /** the metadata says the function spills a matrix */
  matrix: boolean;
}

/** What is wrong with a result, or `undefined` when it keeps the promise. */
export function resultViolation(
  result: unknown,
  rt: RuntimeUnderTest,
  expect: Expectation,
  inputs: unknown[] = []
): string | undefined {
  if (result instanceof rt.ErrorClass)
    return errorViolation(result as { code?: unknown; message?: unknown }, rt, inputs);
  if (Array.isArray(result)) {
    if (!expect.matrix) return "returned an array, but the metadata declares a scalar result";
    return matrixViolation(result);
  }
  if (expect.matrix)
    return `returned ${describe(result)}, but the metadata declares a matrix result`;
  return cellViolation(result, "the result");
}

function cellViolation(v: unknown, where: string): string | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? undefined : `${where} is ${v}`;
  if (typeof v === "string")
    return v.length <= MAX_CELL_TEXT
      ? undefined
      : `${where} is text of ${v.length} characters (Excel's limit is ${MAX_CELL_TEXT})`;
  return `${where} is ${describe(v)}`;
}

function matrixViolation(rows: unknown[]): string | undefined {
  if (rows.length === 0) return "returned an empty array";
  if (!Array.isArray(rows[0])) return "returned a 1-D array (Excel needs rows of cells)";
  const width = (rows[0] as unknown[]).length;
  if (width === 0) return "returned rows with no cells";
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (!Array.isArray(row)) return `row ${r + 1} is ${describe(row)}, not an array`;
    if (row.length !== width)
      return `ragged array: row 1 has ${width} cells, row ${r + 1} has ${row.length}`;
    for (let c = 0; c < width; c++) {
      const bad = cellViolation(row[c], `cell (${r + 1}, ${c + 1})`);
      if (bad) return bad;
    }
  }
  return undefined;
}

function errorViolation(
  e: { code?: unknown; message?: unknown },
  rt: RuntimeUnderTest,
  inputs: unknown[]
): string | undefined {
  if (typeof e.code !== "string" || !(ERROR_CODES as readonly string[]).includes(e.code))
    return `error with unknown code ${String(e.code)}`;
  if (typeof e.message !== "string" || e.message.trim() === "")
    return `${e.code} with an empty message`;
  if (e.message.startsWith(rt.internalErrorPrefix))
    return `internal error caught by the runner: ${e.message}`;
  const typed = inputText(inputs);
  for (const w of SUSPICIOUS_WORDS) {
    if (e.message.includes(w) && !typed.includes(w)) return `message shows "${w}": ${e.message}`;
  }
  return undefined;
}

/** Every text the user could have typed, for the suspicious-word check. */
function inputText(inputs: unknown[]): string {
  const parts: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === "string") parts.push(v, v.normalize("NFKC"));
    else if (typeof v === "number") parts.push(String(v));
    else if (v === undefined || v === null) parts.push(String(v));
  };
  walk(inputs);
  return parts.join("\u0000");
}

/** A value that could not be brought back from the worker, standing for what it was ("a Promise" …). */
export class Opaque {
  constructor(readonly description: string) {}
}

function describe(v: unknown): string {
  if (v === null) return "null";
  if (v instanceof Opaque) return v.description;
  if (Array.isArray(v)) return "an array";
  if (typeof v === "object" && typeof (v as { then?: unknown }).then === "function")
    return "a Promise";
  if (typeof v === "object") return `an object (${Object.prototype.toString.call(v)})`;
  if (typeof v === "string") return `text of ${v.length} characters`;
  return `${typeof v} ${String(v)}`;
}

/** A structural copy of arguments, to check afterwards that a call left them unchanged. */
export function snapshot(args: unknown[]): unknown {
  const copy = (v: unknown): unknown => (Array.isArray(v) ? v.map(copy) : v);
  return copy(args);
}

/** True when two snapshots hold the same values (by Object.is, so −0 and NaN are compared exactly). */
export function sameArgs(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => sameArgs(x, b[i]));
  return Object.is(a, b);
}
