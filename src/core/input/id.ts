/**
 * Reading an identifier (customer id, order number) from a cell.
 *
 * Ids compare as text after NFKC folding and trimming, so `Ａ００１` and `A001` are one customer, and the number
 * 1001 and the text "1001" are one customer (a column often mixes both after a paste).
 */

/**
 * @returns the id's canonical text, `null` for a blank cell, `undefined` for a cell that is no id (a boolean,
 * an error, NaN). Example: `readId(" Ａ００１ ")` → "A001"; `readId(1001)` → "1001". O(length).
 */
export function readId(cell: unknown): string | null | undefined {
  if (typeof cell === "string") {
    // fast path: plain ASCII ids need no normalisation

    if (/^[\x21-\x7e]+$/.test(cell)) return cell;
    const s = cell.normalize("NFKC").trim();
    return s === "" ? null : s;
  }
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : undefined;
  if (cell === null || cell === undefined) return null;
  return undefined;
}
