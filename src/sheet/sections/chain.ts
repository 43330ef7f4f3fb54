/**
 * Section 2, the formula chain: one row per `CHAIN_ROWS` step, top to bottom, each a native formula over
 * workbook names; the results highlighted and the LTV:CAC ratio banded by colour.
 */
import { absolute, cell, range } from "../a1";
import { BREAK_EVEN_RATIO, HEALTHY_RATIO } from "../../core/results";
import type { ConditionalFormat, PlanAnchors, StyleRange } from "../types";
import { COL, f, named, v, type Fragment, type PlanContext } from "./context";
import { labelledBlock, noteStyle, titleStyles, valueCell } from "./labelled";
import { chainRowsOf, firstRowOf, leftSectionsOf } from "./rows";

/** Red below break-even, amber up to the healthy ratio, green from it; over the ratio and its words. */
function healthBands(ratio: string, bands: string): ConditionalFormat[] {
  const r = absolute(ratio);
  const band = (test: string, fill: string, fontColor: string): ConditionalFormat => ({
    kind: "formula",
    range: bands,
    formula: `=AND(ISNUMBER(${r}),${test})`,
    fill,
    fontColor,
  });
  return [
    band(`${r}<${BREAK_EVEN_RATIO}`, "#FFC7CE", "#9C0006"),
    band(`${r}>=${BREAK_EVEN_RATIO},${r}<${HEALTHY_RATIO}`, "#FFEB9C", "#9C5700"),
    band(`${r}>=${HEALTHY_RATIO}`, "#C6EFCE", "#006100"),
  ];
}

export function chainSection(c: PlanContext): Fragment {
  const { L, F } = c;
  const section = leftSectionsOf(c).chain;
  const CHAIN_ROWS = chainRowsOf(c);
  const at = (i: number) => valueCell(section, i);
  const index = (key: string) => CHAIN_ROWS.findIndex((r) => r.key === key);
  const styles: StyleRange[] = [...titleStyles(section), noteStyle(section, CHAIN_ROWS.length)];
  const anchors: Partial<PlanAnchors> = {};
  CHAIN_ROWS.forEach((row, i) => {
    styles.push({ range: at(i), style: row.style });
    if (row.style === "result")
      styles.push({ range: cell(COL.label, firstRowOf(section) + i), style: "result" });
    if (row.anchor) anchors[row.anchor] = at(i);
  });
  const ratioRow = firstRowOf(section) + index("ltvCac");
  const healthRow = firstRowOf(section) + index("health");
  return {
    blocks: [
      labelledBlock(
        c,
        "chain",
        section,
        L.chainSection,
        CHAIN_ROWS.map((row) => [
          row.key,
          row.stamped
            ? v(row.stamped(c), row.format ? F[row.format] : undefined)
            : row.explained
              ? v("")
              : f(
                  typeof row.formula === "string" ? row.formula : (row.formula?.(c) ?? ""),
                  row.format ? F[row.format] : undefined
                ),
          row.unit?.(L) ?? "",
          row.explained?.(c),
        ])
      ),
    ],
    styles,
    names: CHAIN_ROWS.flatMap((row, i) =>
      row.name ? [named(c, row.name, at(i), L.rows[row.key][0])] : []
    ),
    conditionalFormats: healthBands(
      cell(COL.value, ratioRow),
      range(COL.value, ratioRow, COL.value, healthRow)
    ),
    anchors,
  };
}
