/**
 * The one runner every custom function goes through: read arguments by declared rules, call the core, and
 * turn whatever happens into something Excel can show.
 *
 * The promise kept here: a custom function returns a finite number, a string, a rectangular 2-D array of
 * those, or a `CustomFunctions.Error` with a message — never a thrown exception, NaN or ±Infinity.
 * `LtvError`s of kind notEnoughData / notConverged become #N/A (nothing to show yet), all others #VALUE!.
 *
 * Error cells reach the functions: the metadata sets `allowErrorForDataTypeAny`, so Excel passes a cell holding
 * #N/A, #DIV/0! … to every `any` parameter — alone or inside a range's 2-D array — as a `CustomFunctions.Error`
 * whose `code` is the error's text ("#N/A"), instead of answering with a bare error without calling the
 * function. The readers report it like any unreadable cell ("amounts, row 6: the cell holds the error #DIV/0!");
 * an #N/A input gives #N/A (as Excel's own functions propagate it), any other #VALUE!.
 */
import { LtvError, badValue } from "../core/errors";
import { isBlank, isErrorCell, errorCellText } from "../core/input/cells";
import { readNumber } from "../core/input/number";
import { boundViolation, type Bounds, type ParamRule } from "../core/params";
import { currentLanguage } from "../i18n/language";
import { formatError, formatInternalError } from "../i18n/messages";

/** What a custom function may hand back to Excel. */
export type CellResult = number | string;
export type FunctionResult = CellResult | CellResult[][] | CustomFunctions.Error;

/**
 * Runs a function body and maps its outcome; see the module comment.
 *
 * Typed as returning the body's own type so the metadata generator sees `number` or `any[][]` (it cannot read
 * type aliases or unions); at run time an error is returned in place of the value, as Excel's contract allows.
 */
export function run<T extends CellResult | CellResult[][]>(body: () => T): T {
  try {
    return checkResult(body()) as T;
  } catch (error) {
    return toExcelError(error) as unknown as T;
  }
}

/** An `LtvError` (or anything thrown) as a `CustomFunctions.Error` in the user's language. */
export function toExcelError(error: unknown): CustomFunctions.Error {
  const lang = currentLanguage();
  if (error instanceof LtvError) {
    // an #N/A cell among the inputs (Excel passes error cells in, as the metadata allows) stays #N/A, as it
    // would through any Excel formula; every other unreadable cell is #VALUE!, with the row and the error named
    const inputNA = error.detail.code === "errorCell" && error.detail.params?.error === "#N/A";
    const na =
      inputNA || error.detail.kind === "notEnoughData" || error.detail.kind === "notConverged";
    return new CustomFunctions.Error(
      na ? CustomFunctions.ErrorCode.notAvailable : CustomFunctions.ErrorCode.invalidValue,
      formatError(error.detail, lang)
    );
  }
  return new CustomFunctions.Error(
    CustomFunctions.ErrorCode.invalidValue,
    formatInternalError(error, lang)
  );
}

function checkResult(result: CellResult | CellResult[][]): CellResult | CellResult[][] {
  if (Array.isArray(result)) {
    const width = result[0]?.length ?? 0;
    if (result.length === 0 || width === 0)
      throw new LtvError({ kind: "notEnoughData", code: "noOrders" });
    for (const row of result) {
      if (row.length !== width) throw new Error("ragged result");
      for (const v of row)
        if (typeof v === "number" && !Number.isFinite(v)) throw badValue("resultNotFinite");
    }
    return result;
  }
  if (typeof result === "number" && !Number.isFinite(result)) throw badValue("resultNotFinite");
  return result;
}

/** A declared rule for a scalar numeric argument: an entry of the core's parameter registry (`PARAMS`). */
export type NumberRule = Pick<ParamRule, "arg" | "default" | "zeroLooksEmpty"> & Bounds;

/**
 * Unwraps a scalar argument: a 1×1 range becomes its cell; a larger range is an error.
 * @throws LtvError `notASingleValue`.
 */
export function scalarArg(value: unknown, arg: string): unknown {
  if (!Array.isArray(value)) return value;
  if (value.length === 1 && Array.isArray(value[0]) && value[0].length === 1) return value[0][0];
  const cols = Array.isArray(value[0]) ? value[0].length : 1;
  throw badValue("notASingleValue", {
    arg,
    params: {
      rows: value.length,
      columns: cols,
    },
  });
}

/**
 * Reads a numeric argument by its rule: numbers, numeric text (`¥5,000`, `40%`, full-width digits), blank → default.
 * @throws LtvError `notANumber`, `errorCell`, `blankCell` (required and blank), or a bound code.
 */
export function numberArg(value: unknown, rule: NumberRule): number {
  const cell = scalarArg(value, rule.arg);
  if (isErrorCell(cell as never)) {
    throw badValue("errorCell", {
      arg: rule.arg,
      params: {
        error: errorCellText(cell as never),
      },
    });
  }
  if (isBlank(cell as never)) {
    if (rule.default !== undefined) return rule.default;
    throw badValue("blankCell", { arg: rule.arg });
  }
  const v = readNumber(cell);
  if (v === null || v === undefined) throw badValue("notANumber", { arg: rule.arg, value: cell });
  if (rule.zeroLooksEmpty && cell === 0)
    throw badValue("zeroLooksEmpty", {
      arg: rule.arg,
      value: v,
      params: { default: rule.default ?? "" },
    });
  const broken = boundViolation(v, rule);
  if (broken)
    throw badValue(broken.code, { arg: rule.arg, value: v, params: { limit: broken.limit } });
  return v;
}

/** Reads an optional text argument (a unit, a measure): blank → undefined; errors are errors. */
export function textArg(value: unknown, arg: string): unknown {
  const cell = scalarArg(value, arg);
  if (isErrorCell(cell as never))
    throw badValue("errorCell", { arg, params: { error: errorCellText(cell as never) } });
  return cell;
}

/**
 * Reads an optional choice among words (English or Japanese, NFKC, case-insensitive): blank → `fallback`.
 * Example: `optionArg("Window", "method", words, "active")` → "window".
 * @throws LtvError `unknownOption` listing the English choices, `errorCell`.
 */
export function optionArg<T extends string>(
  value: unknown,
  arg: string,
  words: ReadonlyMap<string, T>,
  fallback: T
): T {
  const cell = textArg(value, arg);
  if (cell === null || cell === undefined || (typeof cell === "string" && cell.trim() === ""))
    return fallback;
  const choice =
    typeof cell === "string" ? words.get(cell.normalize("NFKC").trim().toLowerCase()) : undefined;
  if (choice === undefined) {
    const options = [...new Set(words.values())].join(", ");
    throw badValue("unknownOption", { arg, value: cell, params: { options } });
  }
  return choice;
}
