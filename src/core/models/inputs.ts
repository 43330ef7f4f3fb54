/**
 * Cells → model inputs: parameter rows (the output of a *_FIT function passed on to a prediction) and aligned
 * per-customer numeric columns (frequency, recency, T, monetary), with the same header/blank-row rules as the
 * ledger: a row whose cells are all blank is skipped, a first row of text only is a header, anything else must
 * be a number, and the first bad cell is an error naming the argument and the row. Empty cells may arrive as 0
 * (some Excel builds pass them so): the trailing rows whose cells are all 0 or blank are the empty tail of a whole
 * column, not customers (nor survivor counts, nor parameters).
 */
import { badValue, LtvError } from "../errors";
import { errorCellText, isBlank, isErrorCell, type Cell } from "../input/cells";
import { requireSameLength, toColumn } from "../input/columns";
import { readNumber } from "../input/number";

/**
 * Reads a parameter row: `count` positive numbers, optionally followed by the log-likelihood a fit appends.
 * A 1-row or 1-column range, an array, or a fit's spilled row all work; of a range of several rows and columns
 * only the first row is read (a fit `with_errors` spills its standard errors in a second row).
 * Example: `readParams([[0.243, 4.414, 0.793, 2.426, -9582.4]], "params", 4, "BGNBD_FIT")` → [0.243, 4.414, 0.793, 2.426].
 * @throws LtvError `paramCount` for the wrong number of values (naming the fit that produces them),
 *   `errorCell`, `notANumber`, `mustBeAbove` (a parameter ≤ 0) with the position. O(count).
 */
export function readParams(value: unknown, arg: string, count: number, fit: string): number[] {
  const rows = Array.isArray(value) && Array.isArray(value[0]) && value[0].length > 1;
  const cells = toColumn(rows ? [value[0]] : value, arg).filter((c) => !isBlank(c));
  // a whole row or column of a fit's output: its empty tail may arrive as zeros (no parameter is 0)
  while (cells.length > count && cells[cells.length - 1] === 0) cells.pop();
  if (cells.length !== count && cells.length !== count + 1) {
    throw badValue("paramCount", {
      arg,
      params: {
        expected: count,
        fit,
        count: cells.length,
      },
    });
  }
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const v = numberCell(cells[i], arg, i + 1);
    if (!(v > 0))
      throw badValue("mustBeAbove", { arg, row: i + 1, value: v, params: { limit: 0 } });
    out.push(v);
  }
  return out;
}

/** Aligned numeric columns with the 1-based range row of each kept entry. */
export interface NumericColumns {
  /** the arguments' names, in the order given */
  names: string[];
  /** columns by argument name, each of length `rows.length` */
  values: Float64Array[];
  /** 1-based row (within the ranges) of each kept entry */
  rows: Int32Array;
  /** number of rows of the ranges */
  total: number;
}

/**
 * Reads ranges that go together (one value per customer) into numeric columns. Blank rows, the trailing rows of
 * zeros and blanks, and a text-only first row are left out; `rows` maps what is kept back to the sheet, so
 * per-customer results can be put back in place (blank for a skipped row).
 * @throws LtvError `sizeMismatch`, `notAColumn`, `blankCell`, `errorCell`, `notANumber` naming argument and row. O(n).
 */
export function readNumericColumns(
  ranges: ReadonlyArray<readonly [string, unknown]>
): NumericColumns {
  const cols = ranges.map(([name, v]) => [name, toColumn(v, name)] as const);
  requireSameLength(cols);
  const total = cols[0][1].length;
  const values = cols.map(() => new Float64Array(total));
  const rows = new Int32Array(total);
  let n = 0;
  let seenData = false;
  let end = total;
  while (end > 0 && cols.every(([, c]) => c[end - 1] === 0 || isBlank(c[end - 1]))) end--;
  for (let i = 0; i < end; i++) {
    const cells = cols.map(([, c]) => c[i]);
    if (cells.every((c) => isBlank(c))) continue;
    if (!seenData && cells.every((c) => typeof c === "string" && readNumber(c) === undefined)) {
      seenData = true; // a header
      continue;
    }
    seenData = true;
    for (let k = 0; k < cols.length; k++) values[k][n] = numberCell(cells[k], cols[k][0], i + 1);
    rows[n++] = i + 1;
  }
  return {
    names: cols.map(([name]) => name),
    values: values.map((v) => v.subarray(0, n)),
    rows: rows.subarray(0, n),
    total,
  };
}

/** Reads a column of plain numbers (survivor counts, horizons): the one-column case of {@link readNumericColumns}. */
export function readNumberColumn(value: unknown, arg: string): NumericColumns {
  return readNumericColumns([[arg, value]]);
}

function numberCell(cell: Cell, arg: string, row: number): number {
  if (isErrorCell(cell))
    throw badValue("errorCell", { arg, row, params: { error: errorCellText(cell) } });
  if (isBlank(cell)) throw badValue("blankCell", { arg, row });
  const v = readNumber(cell);
  if (v === null || v === undefined) throw badValue("notANumber", { arg, row, value: cell });
  return v;
}

/**
 * Rewrites an error about position i of the kept values so that it names the sheet row instead.
 * The core numbers rows 1 … n over what it was given; the sheet may have had a header or blank rows.
 */
export function atSheetRow<T>(rows: Int32Array, body: () => T): T {
  try {
    return body();
  } catch (e) {
    if (
      e instanceof LtvError &&
      e.detail.row !== undefined &&
      e.detail.row >= 1 &&
      e.detail.row <= rows.length
    ) {
      throw new LtvError({ ...e.detail, row: rows[e.detail.row - 1] });
    }
    throw e;
  }
}
