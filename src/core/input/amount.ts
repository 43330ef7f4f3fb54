/**
 * Reading an amount of money from a cell.
 *
 * Accepted: numbers; text such as `1200`, `1,200`, `¥1,200`, `￥１，２００`, `1,200円`, `$35.10`, `35.10 USD`,
 * `-500`, `(500)` and the Japanese accounting negatives `△500` / `▲500`. Thousands separators must group by
 * three (`1,20` is refused rather than guessed). Currency symbols are dropped: an amount is a plain number in
 * whatever currency the ledger uses.
 *
 * A leading backslash is the yen sign: Shift_JIS writes ¥ as byte 0x5C, which decodes as `\`, and Japanese fonts
 * draw that byte as ¥ (so a cell typed `\5,400` in Japanese Excel shows ¥5,400). `\5,400` is 5,400, read from a
 * cell or a Shift_JIS file alike; the full-width `￥` folds to ¥ as every full-width form does.
 */
import { normalizeText } from "./cells";

const CURRENCY = /^(?:[¥$€£]|円|jpy|usd|eur|gbp|yen|us\$)$/i;
// digits with optional strict thousands grouping and an optional decimal part
const NUMBER = /^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^\.\d+$/;

/**
 * Parses the text of an amount.
 *
 * @returns the amount, or `undefined` when the text is no amount. Example: `parseAmountText("¥1,200")` → 1200;
 * `parseAmountText("\\5,400")` → 5400 (Shift_JIS yen);
 * `parseAmountText("△500")` → −500; `parseAmountText("1,2x0")` → undefined. O(length).
 */
export function parseAmountText(text: string): number | undefined {
  let s = normalizeText(text);
  if (s === "") return undefined;
  let negative = false;
  let signed = false;
  if (s.startsWith("(") && s.endsWith(")")) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  // one sign at most: (500), △500, -500, +500 or ¥-500
  if (s.startsWith("△") || s.startsWith("▲") || s.startsWith("-")) {
    if (negative) return undefined;
    negative = true;
    signed = true;
    s = s.slice(1).trim();
  } else if (s.startsWith("+")) {
    signed = true;
    s = s.slice(1).trim();
  }
  // currency before or after the number, optionally separated by a space; a sign may follow a leading symbol
  const m = /^([^\d.\s-]*)\s*(-?)\s*([\d.,]+)\s*([^\d.\s]*)$/.exec(s);
  if (!m) return undefined;
  const [, before, innerMinus, digits, after] = m;
  if (before && before !== "\\" && !CURRENCY.test(before)) return undefined;
  if (after && !CURRENCY.test(after)) return undefined;
  if (before && after) return undefined;
  if (innerMinus) {
    if (signed || negative || !before) return undefined;
    negative = true;
  }
  if (!NUMBER.test(digits)) return undefined;
  const value = Number(digits.replace(/,/g, ""));
  if (!Number.isFinite(value)) return undefined;
  return negative ? -value : value;
}

/**
 * Reads a cell as an amount: finite numbers pass through, text is parsed by {@link parseAmountText}.
 *
 * @returns the amount, `null` for a blank cell, `undefined` when the cell holds no amount (text, boolean,
 * error, ±Infinity). O(1) for numbers.
 */
export function readAmount(cell: unknown): number | null | undefined {
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : undefined;
  if (cell === null || cell === undefined) return null;
  if (typeof cell === "string") {
    if (cell.trim() === "") return null;
    return parseAmountText(cell);
  }
  return undefined;
}
