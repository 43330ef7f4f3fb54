/**
 * Text that an add-in writes into a cell and that must stay that text.
 *
 * Excel reads a string written through `range.values` or `range.formulas` as if a person had typed it: text
 * starting with "=", "+" or "-" becomes a formula (Office.js documents this for Range.values), and so does "@"
 * (the old implicit-intersection prefix Excel still accepts); "00123", "1/2", "(500)", "1e5", "50%", "TRUE" or
 * "#N/A" become numbers, dates, booleans or errors. A customer id `=HYPERLINK("http://…?"&A1,"Click")` copied back
 * as a value would be a live formula; "00123" would lose its zeros. The one protection Excel offers for typed text
 * is a leading apostrophe: Excel keeps the rest as text and does not make the apostrophe part of the value.
 *
 * So every string that Excel could read as something other than itself gets the apostrophe; others are written
 * as they are. Used by every path that writes text through Office.js (the wizard's writer, Make portable).
 */

/** First characters that make typed text a formula (ASCII and full-width, as Japanese input can produce). */
const FORMULA_START = /^[=+\-@＝＋－＠]/;

/**
 * Whether Excel could read `text` as anything but that text: a formula start, a leading apostrophe (which
 * Excel would take as the mark and drop), a leading tab or line break, a digit anywhere (numbers, dates, times,
 * fractions, "(500)", "1e5", "50%", "R6.2.29"), a boolean word, or an error literal.
 * Example: `needsTextMark("C-001")` → true (a digit); `needsTextMark("Tokyo")` → false. O(length).
 */
export function needsTextMark(text: string): boolean {
  if (text === "") return false;
  if (FORMULA_START.test(text) || /^['\t\r\n]/.test(text)) return true;
  if (/[0-9０-９]/.test(text)) return true;
  const t = text.trim();
  return /^(true|false)$/i.test(t) || t.startsWith("#");
}

/**
 * The string to write so that the cell holds exactly `text`, as text: `'` + text where Excel would read it as
 * something else, else `text` itself.
 * Example: `cellText("=HYPERLINK(\"http://x\")")` → `'=HYPERLINK("http://x")`; `cellText("Tokyo")` → `Tokyo`. O(length).
 */
export function cellText(text: string): string {
  return needsTextMark(text) ? `'${text}` : text;
}

/** A cell value for `range.values`: strings through {@link cellText}, numbers and booleans as they are. */
export function cellValue<T>(value: T): T | string {
  return typeof value === "string" ? cellText(value) : value;
}
