/**
 * A1 addresses: column letters ↔ indexes, cell and range strings. Pure; shared by the plan and its writers.
 */

/** 0-based column index → letters: 0 → "A", 25 → "Z", 26 → "AA". O(log n). */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Letters → 0-based column index: "A" → 0, "AA" → 26. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** A cell address from a 0-based column and a 1-based row: (1, 5) → "B5". */
export function cell(col: number, row: number): string {
  return `${columnLetter(col)}${row}`;
}

/** An absolute cell reference: (1, 5) → "$B$5". */
export function absCell(col: number, row: number): string {
  return `$${columnLetter(col)}$${row}`;
}

/** A range address; a single cell when both corners are equal. */
export function range(c1: number, r1: number, c2: number, r2: number): string {
  const a = cell(c1, r1);
  const b = cell(c2, r2);
  return a === b ? a : `${a}:${b}`;
}

/** Parses "B5" → { col: 1, row: 5 }. */
export function parseCell(address: string): { col: number; row: number } {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address);
  if (!m) throw new Error(`not a cell address: ${address}`);
  return { col: columnIndex(m[1]), row: Number(m[2]) };
}

/** Parses "B5:D9" (or "B5") → corners, 0-based columns and 1-based rows. */
export function parseRange(address: string): { c1: number; r1: number; c2: number; r2: number } {
  const [a, b] = address.split(":");
  const p = parseCell(a);
  const q = b ? parseCell(b) : p;
  return {
    c1: Math.min(p.col, q.col),
    r1: Math.min(p.row, q.row),
    c2: Math.max(p.col, q.col),
    r2: Math.max(p.row, q.row),
  };
}

/** Makes every cell of a range address absolute: "B5:D9" → "$B$5:$D$9". */
export function absolute(address: string): string {
  const { c1, r1, c2, r2 } = parseRange(address);
  const a = absCell(c1, r1);
  const b = absCell(c2, r2);
  return a === b ? a : `${a}:${b}`;
}

/** A sheet name quoted for a formula reference: `LTV calculation` → `'LTV calculation'` (quotes doubled). */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}
