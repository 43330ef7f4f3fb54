/**
 * The ledger route's sections: the facts read from the ledger (section 4), the cohort table with its retention
 * curve and chart (section 5), and the per-customer summary the inputs' formulas sum over. Without a ledger they
 * contribute nothing.
 */
import { cell, columnLetter, range } from "../a1";
import type { PlanCell, StyleRange } from "../types";
import { COL, ROW, f, fill, named, stampTime, v, type Fragment, type PlanContext } from "./context";
import { labelledBlock, noteStyle, titleStyles, valueCell, type LabelledRow } from "./labelled";
import {
  LEDGER_NAMES,
  SUMMARY_NAMES,
  firstRowOf,
  ledgerKeysOf,
  leftSectionsOf,
  summaryColumnsOf,
  type LedgerKey,
} from "./rows";

/** The names of the summary's columns: the ledger route's inputs and facts are formulas over them. */
export function summaryNamesSection(c: PlanContext): Fragment {
  if (!c.ledger) return {};
  const { summaryCol, summaryFirst, summaryLast } = c.layout;
  return {
    names: SUMMARY_NAMES.slice(0, summaryColumnsOf(c)).map(([name, comment], k) =>
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

/** "Predicted 864 purchases in the last 122 days of the ledger; there were 852 (+1.4 %)." */
function holdoutText(c: PlanContext): string {
  const { L } = c;
  const h = c.value?.holdout;
  if (!h) return L.holdoutNone;
  const locale = c.lang === "ja" ? "ja-JP" : "en-US";
  const n = (x: number) => Math.round(x).toLocaleString(locale);
  const error =
    h.error === null ? "—" : `${h.error >= 0 ? "+" : "−"}${Math.abs(h.error * 100).toFixed(1)} %`;
  const words = fill(L.holdoutWords, {
    predicted: n(h.predicted),
    days: h.days,
    actual: n(h.actual),
    error,
  });
  return h.error !== null && Math.abs(h.error) > HOLDOUT_WARNING ? words + L.holdoutWarning : words;
}

/** A holdout error beyond this share is called out on the sheet and in the wizard. */
export const HOLDOUT_WARNING = 0.2;

/** Section 4: what was read, and the churn behind the lifespan the inputs may take. */
export function ledgerFactsSection(c: PlanContext): Fragment {
  const { L, F } = c;
  const ledger = c.ledger;
  if (!ledger) return {};
  const churnCell: [PlanCell, string] = [
    ledger.churn === null ? v("") : v(ledger.churn, F.pct),
    L.units[ledger.unit],
  ];
  const drop = ledger.largestDrop;
  // a customer summary: the facts only order lines give are said to be unknown, never shown as a figure
  const O = ledger.origin ? L.summaryOrigin : undefined;
  const facts: Record<LedgerKey, LabelledRow> = {
    source: ["source", v(O ? `${ledger.source} ${O.source}` : ledger.source), ""],
    // local time in the sheet's format, like the stamp on row 3 (the analysis keeps the ISO instant)
    readAt: ["readAt", v(stampTime(new Date(ledger.readAt), c.lang)), ""],
    rowsRead: ["rowsRead", v(ledger.rowsRead, F.count), ""],
    rowsSkipped: ["rowsSkipped", v(ledger.rowsSkipped, F.count), ""],
    customers: ["customers", f("=COUNTA(Ledger_Customers)", F.count), ""],
    orders: ["orders", f("=SUM(Ledger_Orders)", F.count), "", O?.orders],
    firstDate: ["firstDate", f("=MIN(Ledger_FirstOrder)", F.date), ""],
    lastDate: ["lastDate", f("=MAX(Ledger_LastOrder)", F.date), ""],
    churn: ["churn", ...churnCell, O?.lapse],
    lapse: ["lapse", ...churnCell, O?.lapse],
    lifespanFromChurn: [
      "lifespanFromChurn",
      f(`=IF(${LEDGER_NAMES.churn}>0,1/${LEDGER_NAMES.churn},"")`, F.number),
      L.unitPlural[ledger.unit],
    ],
    holdout: [
      "holdout",
      c.value?.holdout && c.value.holdout.error !== null
        ? v(c.value.holdout.error, "+0.0%;-0.0%;0.0%")
        : v(""),
      "",
      O ? O.holdout : holdoutText(c),
    ],
    // the sentence goes in the wide explanation column, where it can be read; the value cell names the periods
    largestDrop: [
      "largestDrop",
      v(drop ? fill(L.dropShort, { from: drop.period, to: drop.period + 1 }) : ""),
      drop ? L.unitPlural[ledger.unit] : "",
      O ? O.drop : dropText(c),
    ],
  };
  const keys = ledgerKeysOf(c);
  const section = leftSectionsOf(c).ledger;
  const first = firstRowOf(section);
  const at = (k: LedgerKey) => valueCell(section, keys.indexOf(k));
  const churnKey = keys.includes("lapse") ? "lapse" : "churn";
  const styles: StyleRange[] = [
    ...titleStyles(section),
    { range: range(COL.value, first, COL.value, first + keys.length - 1), style: "calc" },
    noteStyle(section, keys.length),
    { range: at("largestDrop"), style: "warning" },
  ];
  const h = c.value?.holdout;
  if (h && h.error !== null && Math.abs(h.error) > HOLDOUT_WARNING)
    styles.push({ range: at("holdout"), style: "warning" });
  return {
    blocks: [
      labelledBlock(
        c,
        "ledger",
        section,
        L.ledgerSection,
        keys.map((k) => facts[k])
      ),
    ],
    styles,
    names: [
      named(c, LEDGER_NAMES.churn, at(churnKey), L.rows[churnKey][0]),
      ...(keys.includes("lifespanFromChurn")
        ? [
            named(
              c,
              LEDGER_NAMES.lifespanFromChurn,
              at("lifespanFromChurn"),
              L.rows.lifespanFromChurn[0]
            ),
          ]
        : []),
    ],
  };
}

/** Section 5: one row per cohort (share still buying k periods on), the retention curve, and its chart. */
export function cohortsSection(c: PlanContext): Fragment {
  const { L, F } = c;
  const ledger = c.ledger;
  if (!ledger) return {};
  if (ledger.origin) return summaryCohortsNote(c);
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
    { range: cell(COL.right, ROW.cohortSection + 1), style: "caption" },
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

/** A customer summary's section 5: why there is no cohort table, in words (nothing estimated in its place). */
function summaryCohortsNote(c: PlanContext): Fragment {
  const { L } = c;
  return {
    blocks: [
      {
        id: "cohorts",
        address: cell(COL.right, ROW.cohortSection),
        cells: [[v(L.cohortSection)], [v(L.summaryOrigin.cohorts)]],
      },
    ],
    styles: [
      { range: cell(COL.right, ROW.cohortSection), style: "section" },
      { range: cell(COL.right, ROW.cohortSection + 1), style: "note" },
    ],
  };
}

/** The per-customer summary (values, one row per customer: the one block that grows with the ledger). */
export function summarySection(c: PlanContext): Fragment {
  const { L, F } = c;
  const ledger = c.ledger;
  if (!ledger) return {};
  const { summaryCol, summaryFirst } = c.layout;
  const headerRow = ROW.summaryHeader;
  const width = summaryColumnsOf(c);
  const rows: (PlanCell | null)[][] = new Array(ledger.summary.length);
  for (let i = 0; i < ledger.summary.length; i++) {
    const s = ledger.summary[i];
    const row: (PlanCell | null)[] = [
      v(s.customer, F.text),
      v(s.first, F.date),
      v(s.last, F.date),
      v(s.orders, F.count),
      v(s.revenue, F.money),
    ];
    if (width === 7)
      row.push(
        // a customer summary without first amounts leaves them blank (not 0: they are unknown)
        ledger.origin && s.firstAmount === undefined ? null : v(s.firstAmount ?? 0, F.money),
        v(s.repeatPurchases ?? 0, F.count)
      );
    rows[i] = row;
  }
  const columnWidths: Record<string, number> = {};
  [16, 13, 13, 9, 14, 14, 12]
    .slice(0, width)
    .forEach((w, k) => (columnWidths[columnLetter(summaryCol + k)] = w));
  const title: (PlanCell | null)[] = [v(L.summarySection)];
  while (title.length < width) title.push(null);
  return {
    blocks: [
      {
        id: "summaryHeader",
        address: cell(summaryCol, headerRow - 1),
        cells: [title, L.summaryHeaders.slice(0, width).map((h) => v(h))],
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
      { range: range(summaryCol, headerRow, summaryCol + width - 1, headerRow), style: "header" },
    ],
    columnWidths,
    anchors: { summary: cell(summaryCol, headerRow) },
  };
}
