/**
 * What a cell can hold when Excel hands it to a custom function, and the checks shared by every reader.
 *
 * Excel sends numbers, strings, booleans, and for empty cells `null` or `""` (it differs by host); a cell that
 * holds an error arrives as an error object. Dates arrive as serial numbers unless the cell holds text.
 */

/** One cell as Excel passes it. */
export type Cell = number | string | boolean | null | undefined | object;

/** A range as Excel passes it: rows of cells. */
export type Range = readonly (readonly Cell[])[];

/** True for an empty cell: `null`, `undefined`, `""` or whitespace only. O(length of the text). */
export function isBlank(cell: Cell): boolean {
  if (cell === null || cell === undefined) return true;
  if (typeof cell === "string") {
    if (cell.length === 0) return true;
    // fast path: text starting with a printable ASCII character is not blank (trim() is a runtime call)
    const first = cell.charCodeAt(0);
    if (first > 32 && first < 127) return false;
    return cell.trim().length === 0;
  }
  return false;
}

/** True for a cell that holds an Excel error (#N/A, #DIV/0! …), which arrives as an object. O(1). */
export function isErrorCell(cell: Cell): boolean {
  return typeof cell === "object" && cell !== null;
}

/**
 * A short text for an error cell, for messages. Excel passes an error cell as a `CustomFunctions.Error`, whose
 * `code` is the error as Excel shows it (`#N/A`, `#DIV/0!`); a data type (an entity card, a linked type) arrives
 * as an object too, with the value formulas see as `basicValue` (`#VALUE!`). Anything else: `#ERROR`. O(1).
 */
export function errorCellText(cell: Cell): string {
  const o = cell as { code?: unknown; basicValue?: unknown };
  if (typeof o.code === "string" && o.code !== "")
    return o.code.startsWith("#") ? o.code : `#${o.code}`;
  if (typeof o.basicValue === "string" && o.basicValue.startsWith("#")) return o.basicValue;
  return "#ERROR";
}

/**
 * Normalises text the way Japanese and English users type it: NFKC folds full-width digits, letters, `￥`,
 * `，` and `．` to their ASCII forms; the minus sign (U+2212) and dashes become `-`.
 */
export function normalizeText(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[\u2212\u2010-\u2015\uFE63\uFF0D]/g, "-")
    .trim();
}
