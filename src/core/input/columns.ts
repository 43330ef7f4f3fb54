/**
 * Turning the ranges Excel passes into columns that line up.
 *
 * A range argument that stands for one column of a ledger may be a column (n×1), a row (1×n) or a single
 * value. Ranges that go together (ids, dates, amounts) must have the same length. O(n) per range.
 */
import { badValue, LtvError } from "../errors";
import type { Cell } from "./cells";

/** One column of cells, from a range or a single value. Positions are 0-based; messages add 1. */
export type Column = readonly Cell[];

/**
 * Flattens a range argument into one column.
 *
 * @param value a 2-D array (n×1 or 1×n), or a single cell
 * @param arg the argument's name, for the error
 * @throws LtvError `notAColumn` when the range has more than one row and more than one column.
 */
export function toColumn(value: unknown, arg: string): Column {
  if (!Array.isArray(value)) return [value as Cell];
  if (value.length === 0) return [];
  const first = value[0];
  if (!Array.isArray(first)) return value as Cell[];
  if (first.length === 1) {
    const n = value.length;
    const out = new Array<Cell>(n);
    for (let i = 0; i < n; i++) {
      const row = value[i] as unknown;
      if (!Array.isArray(row) || row.length !== 1) throw notAColumn(value, arg);
      out[i] = row[0] as Cell;
    }
    return out;
  }
  if (value.length === 1) return first as Cell[];
  throw notAColumn(value, arg);
}

function notAColumn(value: unknown[], arg: string): LtvError {
  // both callers get here only once row 0 is known to be an array (toColumn returns a flat list before,
  // rangeCell is only used on isColumnRange values), so its length is the width
  const cols = (value[0] as unknown[]).length;
  return badValue("notAColumn", { arg, params: { rows: value.length, columns: cols } });
}

/**
 * Checks that columns that go together have the same length.
 *
 * @param columns the columns by argument name, the first one being the reference
 * @throws LtvError `sizeMismatch` naming both arguments and both lengths.
 */
export function requireSameLength(columns: ReadonlyArray<readonly [string, Column]>): void {
  const [refName, ref] = columns[0];
  for (const [name, col] of columns.slice(1)) {
    if (col.length !== ref.length) {
      throw new LtvError({
        kind: "sizeMismatch",
        code: "sizeMismatch",
        arg: name,
        params: { other: refName, rows: col.length, otherRows: ref.length },
      });
    }
  }
}

/** A column as Excel passes it: a range of n rows of one cell each. */
export type ColumnRange = readonly (readonly Cell[])[];

/**
 * True when `value` is a range of single-cell rows (n×1), judged by its first row; `readLedger` checks the other
 * rows as it reads them. O(1).
 */
export function isColumnRange(value: unknown): value is ColumnRange {
  return (
    Array.isArray(value) && value.length > 0 && Array.isArray(value[0]) && value[0].length === 1
  );
}

/**
 * The cell in row `i` of an n×1 range.
 * @throws LtvError `notAColumn` (as {@link toColumn} would) when that row is not a single cell. O(1).
 */
export function rangeCell(range: ColumnRange, i: number, arg: string): Cell {
  const row = range[i] as unknown;
  if (!Array.isArray(row) || row.length !== 1) throw notAColumn(range as unknown[], arg);
  return row[0] as Cell;
}

/**
 * A ledger column argument for `readLedger`: an n×1 range as it is — read in place, row by row, which spares a
 * copy of a million-cell column (allocating that copy costs more than the plain sum of its numbers) — anything
 * else (a 1×n row, a single value) through {@link toColumn}. Same errors as toColumn, raised while reading.
 */
export function columnArg(value: unknown, arg: string): Column | ColumnRange {
  return isColumnRange(value) ? value : toColumn(value, arg);
}
