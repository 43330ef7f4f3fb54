/**
 * Reading a plain number (a rate, a count, a cost) from a cell: numbers, numeric text in any form an amount
 * may take (`¥5,000`, `５０００`), and percentages (`40%`, `４０％` → 0.4).
 */
import { parseAmountText } from "./amount";
import { normalizeText } from "./cells";

/**
 * @returns the number, `null` for a blank cell, `undefined` for anything else (booleans, errors, other text,
 * ±Infinity). Example: `readNumber("40%")` → 0.4; `readNumber("¥5,000")` → 5000. O(length).
 */
export function readNumber(cell: unknown): number | null | undefined {
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : undefined;
  if (cell === null || cell === undefined) return null;
  if (typeof cell !== "string") return undefined;
  const s = normalizeText(cell);
  if (s === "") return null;
  if (s.endsWith("%")) {
    const v = parseAmountText(s.slice(0, -1));
    return v === undefined ? undefined : v / 100;
  }
  const plain = Number(s.replace(/^\+/, ""));
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s) && Number.isFinite(plain)) return plain;
  return parseAmountText(s);
}
