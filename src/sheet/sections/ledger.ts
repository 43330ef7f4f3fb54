/**
 * The ledger route's sections: the facts read from the ledger (section 4), the cohort table with its retention
 * curve and chart (section 5), and the per-customer summary the inputs' formulas sum over. Without a ledger they
 * contribute nothing.
 */
import { cell, columnLetter, range } from "../a1";
import type { PlanCell, StyleRange } from "../types";
import { COL, ROW, f, fill, named, v, type Fragment, type PlanContext } from "./context";
import { labelledBlock, noteStyle, titleStyles, valueCell } from "./labelled";
import { LEDGER_KEYS, LEDGER_NAMES, LEFT_SECTIONS, SUMMARY_NAMES, firstRowOf } from "./rows";

type LedgerKey = (typeof LEDGER_KEYS)[number];

/** The names of the summary's columns: the ledger route's inputs and facts are formulas over them. */
export function summaryNamesSection(c: PlanContext): Fragment {
  if (!c.ledger) return {};
  const { summaryCol, summaryFirst, summaryLast } = c.layout;
  return {
    names: SUMMARY_NAMES.map(([name, comment], k) =>
      named(c, name, range(summaryCol + k, summaryFirst, summaryCol + k, summaryLast), comment)
    ),
  };
}

/** "Retention falls most between month 6 and month 7 …", or that it never falls. */
function dropText(c: PlanContext): string {
  const { L } = c;
  const ledger = c.ledger!;
  const drop = ledger.largestDrop;
  if (!drop) return L.noDrop;
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  return fill(L.dropWords, {
    unit: L.dropUnit[ledger.unit],
    from: drop.period,
    to: drop.period + 1,
    fromShare: pct(drop.from),
    toShare: pct(drop.to),
    drop: (drop.drop * 100).toFixed(1),
  });
}

/** Section 4: what was read, and the churn behind the lifespan the inputs may take. */
export function ledgerFactsSection(c: PlanContext): Fragment {
  const { L, F } = c;
  const ledger = c.ledger;
  if (!ledger) return {};
  const facts: Record<LedgerKey, [PlanCell, string]> = {
    source: [v(ledger.source), ""],
    readAt: [v(ledger.readAt), ""],
    rowsRead: [v(ledger.rowsRead, F.count), ""],
    rowsSkipped: [v(ledger.rowsSkipped, F.count), ""],
    customers: [f("=COUNTA(Ledger_Customers)", F.count), ""],
    orders: [f("=SUM(Ledger_Orders)", F.count), ""],
    firstDate: [f("=MIN(Ledger_FirstOrder)", F.date), ""],
    lastDate: [f("=MAX(Ledger_LastOrder)", F.date), ""],
    churn: [ledger.churn === null ? v("") : v(ledger.churn, F.pct), L.units[ledger.unit]],
    lifespanFromChurn: [
      f(`=IF(${LEDGER_NAMES.churn}>0,1/${LEDGER_NAMES.churn},"")`, F.number),
      L.unitPlural[ledger.unit],
    ],
    largestDrop: [v(dropText(c)), ""],
  };
  const section = LEFT_SECTIONS.ledger;
  const first = firstRowOf(section);
  const at = (k: LedgerKey) => valueCell(section, LEDGER_KEYS.indexOf(k));
  return {
    blocks: [
      labelledBlock(
        c,
        "ledger",
        section,
        L.ledgerSection,
        LEDGER_KEYS.map((k) => [k, facts[k][0], facts[k][1]])
      ),
    ],
    styles: [
      ...titleStyles(section),
      {
        range: range(COL.value, first, COL.value, first + LEDGER_KEYS.length - 1),
        style: "calc",
      },
      noteStyle(section, LEDGER_KEYS.length),
      { range: at("largestDrop"), style: "warning" },
    ],
    names: (Object.keys(LEDGER_NAMES) as (keyof typeof LEDGER_NAMES)[]).map((k) =>
      named(c, LEDGER_NAMES[k], at(k), L.rows[k][0])
    ),
  };
}

/** Section 5: one row per cohort (share still buying k periods on), the retention curve, and its chart. */
export function cohortsSection(c: PlanContext): Fragment {
  const { L, F } = c;
  const ledger = c.ledger;
  if (!ledger) return {};
  const periods = c.layout.cohortPeriods;
  const header = ROW.cohortSection + 2;
  const firstShareCol = COL.right + 2;
  const lastShareCol = firstShareCol + periods - 1;
  const width = 2 + periods;
  const pad = (row: (PlanCell | null)[]) => {
    while (row.length < width) row.push(null);
    return row;
  };
  const cells: (PlanCell | null)[][] = [
    pad([v(L.cohortSection)]),
    pad([v(L.cohortCaption)]),
    [v(L.cohortLabel), v(L.cohortSize), ...Array.from({ length: periods }, (_, k) => v(k))],
    ...ledger.cohorts.map((h) =>
      pad([
        v(h.label, F.text),
        v(h.size, F.count),
        ...h.shares.map((s) => (s === null ? null : v(s, "0%"))),
      ])
    ),
    pad([v(L.retentionRow), null, ...ledger.retention.slice(0, periods).map((s) => v(s, "0.0%"))]),
  ];
  const firstCohortRow = header + 1;
  const lastCohortRow = header + ledger.cohorts.length;
  const curveRow = lastCohortRow + 1;
  const curve = range(firstShareCol, curveRow, lastShareCol, curveRow);
  const styles: StyleRange[] = [
    { range: cell(COL.right, ROW.cohortSection), style: "section" },
    { range: cell(COL.right, ROW.cohortSection + 1), style: "note" },
    { range: range(COL.right, header, COL.right + width - 1, header), style: "header" },
    { range: range(COL.right, curveRow, COL.right + width - 1, curveRow), style: "result" },
  ];
  const fragment: Fragment = {
    blocks: [{ id: "cohorts", address: cell(COL.right, ROW.cohortSection), cells, kind: "data" }],
    styles,
    conditionalFormats: [],
    names: [named(c, "Ledger_RetentionCurve", curve, L.retentionRow)],
    columnWidths: {},
    anchors: { cohorts: cell(COL.right, header), retention: curve },
  };
  if (ledger.cohorts.length > 0) {
    fragment.conditionalFormats!.push({
      kind: "colorScale",
      range: range(firstShareCol, firstCohortRow, lastShareCol, lastCohortRow),
      minColor: "#FFFFFF",
      maxColor: "#5B9BD5",
    });
  }
  if (ledger.largestDrop) {
    // outline the two retention-curve points around the drop
    const c0 = firstShareCol + ledger.largestDrop.period;
    fragment.conditionalFormats!.push({
      kind: "formula",
      range: range(c0, curveRow, c0 + 1, curveRow),
      formula: "=TRUE",
      fill: "#F8CBAD",
      fontColor: "#C00000",
      bold: true,
    });
  }
  const chartTop = curveRow + 2;
  fragment.charts = [
    {
      id: "retention",
      kind: "line",
      title: L.retentionChart,
      categories: range(firstShareCol, header, lastShareCol, header),
      series: [{ name: L.retentionRow, values: curve }],
      from: cell(COL.right, chartTop),
      to: cell(COL.right + 7, chartTop + 16),
      xAxisTitle: fill(L.retentionAxis, { unit: L.unitPlural[ledger.unit] }),
      valueFormat: "0%",
    },
  ];
  for (let col = firstShareCol; col <= c.layout.cohortLastCol; col++)
    fragment.columnWidths![columnLetter(col)] = 8;
  return fragment;
}

/** The per-customer summary (values, one row per customer: the one block that grows with the ledger). */
export function summarySection(c: PlanContext): Fragment {
  const { L, F } = c;
  const ledger = c.ledger;
  if (!ledger) return {};
  const { summaryCol, summaryFirst } = c.layout;
  const headerRow = ROW.summaryHeader;
  const rows: (PlanCell | null)[][] = new Array(ledger.summary.length);
  for (let i = 0; i < ledger.summary.length; i++) {
    const s = ledger.summary[i];
    rows[i] = [
      v(s.customer, F.text),
      v(s.first, F.date),
      v(s.last, F.date),
      v(s.orders, F.count),
      v(s.revenue, F.money),
    ];
  }
  const columnWidths: Record<string, number> = {};
  [16, 13, 13, 9, 14].forEach((w, k) => (columnWidths[columnLetter(summaryCol + k)] = w));
  return {
    blocks: [
      {
        id: "summaryHeader",
        address: cell(summaryCol, headerRow - 1),
        cells: [[v(L.summarySection), null, null, null, null], L.summaryHeaders.map((h) => v(h))],
      },
      ...(rows.length > 0
        ? [
            {
              id: "summary",
              address: cell(summaryCol, summaryFirst),
              cells: rows,
              kind: "data" as const,
            },
          ]
        : []),
    ],
    styles: [
      { range: cell(summaryCol, headerRow - 1), style: "section" },
      { range: range(summaryCol, headerRow, summaryCol + 4, headerRow), style: "header" },
    ],
    columnWidths,
    anchors: { summary: cell(summaryCol, headerRow) },
  };
}
