/**
 * The left-hand blocks (inputs, chain, ledger facts) share one shape: a section title, a header row (item,
 * value, unit, explanation), then one row per item whose label and explanation come from the labels table.
 */
import { cell, range } from "../a1";
import type { RowKey } from "../labels";
import type { CellBlock, PlanCell, StyleRange } from "../types";
import { COL, v, type PlanContext } from "./context";
import { firstRowOf } from "./rows";

/**
 * One item: its key (label and explanation), its value cell, its unit text ("" for none) and, when the
 * explanation is a sentence about this sheet's numbers (a holdout check, the largest drop), that sentence.
 */
export type LabelledRow = [key: RowKey, value: PlanCell, unit: string, explain?: string];

/** The block of a left-hand section whose title is on row `section`. */
export function labelledBlock(
  c: PlanContext,
  id: string,
  section: number,
  title: string,
  rows: readonly LabelledRow[]
): CellBlock {
  const { L } = c;
  return {
    id,
    address: cell(COL.label, section),
    cells: [
      [v(title), null, null, null],
      [v(L.colItem), v(L.colValue), v(L.colUnit), v(L.colExplain)],
      ...rows.map(([key, value, unit, explain]): (PlanCell | null)[] => [
        v(L.rows[key][0]),
        value,
        unit ? v(unit) : null,
        v(explain ?? L.rows[key][1]),
      ]),
    ],
  };
}

/** The section title's and header row's styles. */
export function titleStyles(section: number): StyleRange[] {
  return [
    { range: cell(COL.label, section), style: "section" },
    { range: range(COL.label, section + 1, COL.explain, section + 1), style: "header" },
  ];
}

/** The explanation column's style, over `count` rows. */
export function noteStyle(section: number, count: number): StyleRange {
  const first = firstRowOf(section);
  return { range: range(COL.explain, first, COL.explain, first + count - 1), style: "note" };
}

/** The value cell of the i-th row. */
export const valueCell = (section: number, i: number): string =>
  cell(COL.value, firstRowOf(section) + i);
