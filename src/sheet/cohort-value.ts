/**
 * The cohort value sheet: cumulative revenue (or margin) per acquired customer by period since the first
 * purchase, one row per cohort, laid against the acquisition cost (CAC) — each cohort's payback period by native
 * formula, the payback in words on top, and the curves with the CAC line as a chart. Pure data (see `types.ts`).
 *
 * Layout:
 * ```
 * A1 title · A2 the payback in words (a formula) · A3 where the numbers come from
 * A4 acquisition cost per customer (an input: change it and the paybacks, the sentence and the CAC line follow)
 * A6 header: cohort, customers, payback, 0, 1, 2 … · one row per cohort (a "data" block) · the CAC line row
 * below: the chart (up to eight cohorts, evenly spread over time, and the CAC line)
 * ```
 * Payback per cohort: =IF(customers=0,"",IF(COUNTIF(values,">="&CAC)=0,"not yet",MINIFS(periods,values,">="&CAC)))
 * — the first period whose cumulative value reaches the cost, reached exactly included (PAYBACK_PERIOD's rule;
 * MINIFS needs Excel 2019 / Microsoft 365 or LibreOffice 5.2).
 */
import { cell, columnLetter, range } from "./a1";
import type { CohortValueTable } from "../core/cohort-value";
import type { PeriodUnit } from "../core/periods";
import { sentenceFormula } from "./customer-list";
import { fill } from "./labels";
import { STYLES } from "./plan";
import { PLAN_FONTS, printLayout } from "./print";
import { formats, f, q, stampTime, v } from "./sections/context";
import type {
  CellBlock,
  CellStyle,
  ChartPlan,
  NamedRange,
  PlanCell,
  PlanFont,
  PlanLang,
  SheetPlan,
  StyleName,
} from "./types";

/** The cohort value sheet's plan (one sheet, like a calculation plan without its anchors). */
export interface CohortValuePlan {
  version: 1;
  lang: PlanLang;
  sheet: SheetPlan;
  names: NamedRange[];
  styles: Record<StyleName, CellStyle>;
  font?: PlanFont;
  anchors: {
    /** the acquisition cost input */
    cac: string;
    /** the payback sentence */
    sentence: string;
    /** the header row (cohort, customers, payback, periods) */
    header: string;
    /** the payback column, one cell per cohort */
    payback: string;
    /** the values, cohorts × periods */
    values: string;
  };
  source?: string;
}

export interface CohortValueSheetOptions {
  source: string;
  now: Date;
  /** the acquisition cost per customer written in the input cell (0: the sentence asks for it) */
  acquisitionCost: number;
  /** the margin the table was computed with (1 = revenue) */
  grossMargin: number;
}

interface Labels {
  sheetName: string;
  titleRevenue: string;
  titleMargin: string;
  /** {source} {time} {margin} */
  stamp: string;
  cac: string;
  cacNote: string;
  cohort: string;
  customers: string;
  /** the payback column's header: {unit} */
  payback: string;
  notYet: string;
  cacLine: string;
  chart: string;
  /** {unit} */
  axis: string;
  askCac: string;
  /** {cac} */
  none: string;
  /** {paid} {cohorts} {cac} {median} {unit} {unitNoun} */
  some: string;
  /** the period as a counter ("4 か月目") and as a noun ("初回購入の月"); the same words in English */
  units: Record<string, string>;
  unitNouns: Record<string, string>;
}

const LABELS: Record<PlanLang, Labels> = {
  en: {
    sheetName: "Cohort value",
    titleRevenue:
      "Cumulative revenue per acquired customer, by cohort, against the acquisition cost",
    titleMargin:
      "Cumulative gross margin per acquired customer, by cohort, against the acquisition cost",
    stamp:
      "From {source}, read {time}. Row: customers whose first purchase falls in the period; column k: their average spend up to k periods after it (k = 0: the period of the first purchase){margin}. Blank = not yet observed.",
    cac: "Acquisition cost per customer (CAC)",
    cacNote: "Change it: the paybacks, the sentence and the chart's CAC line follow.",
    cohort: "Cohort",
    customers: "Customers",
    payback: "Paid back in {unit}",
    notYet: "not yet",
    cacLine: "Acquisition cost",
    chart: "Cumulative value per customer by cohort, and the acquisition cost",
    axis: "{unit} since the first purchase",
    askCac: "Enter the acquisition cost per customer in B4 to see when each cohort pays it back.",
    none: "No cohort has earned back the acquisition cost of {cac} per customer yet.",
    some: "{paid} of {cohorts} cohorts have earned back the acquisition cost of {cac} per customer; the median payback is {unit} {median}, counting the {unitNoun} of the first purchase as {unit} 0.",
    unitNouns: {
      day: "day",
      week: "week",
      month: "month",
      quarter: "quarter",
      year: "year",
      days: "period",
    },
    units: {
      day: "day",
      week: "week",
      month: "month",
      quarter: "quarter",
      year: "year",
      days: "period",
    },
  },
  ja: {
    sheetName: "コホート累積価値",
    titleRevenue: "コホート別・獲得顧客1人あたりの累積売上と獲得コスト",
    titleMargin: "コホート別・獲得顧客1人あたりの累積粗利と獲得コスト",
    stamp:
      "{source} を {time} に読み込み。行：初回購入がその期間の顧客。列 k：初回購入から k 期間後までの1人あたり平均購入額（k = 0 は初回購入の期間）{margin}。空白はまだ観測していない期間です。",
    cac: "顧客1人あたりの獲得コスト（CAC）",
    cacNote: "変更すると、回収期間・文・グラフの獲得コスト線が追従します。",
    cohort: "コホート",
    customers: "顧客数",
    payback: "回収（初回購入から何{unit}目）",
    notYet: "未回収",
    cacLine: "獲得コスト",
    chart: "コホート別の1人あたり累積額と獲得コスト",
    axis: "初回購入からの{unit}",
    askCac: "B4 に顧客1人あたりの獲得コストを入力すると、コホートごとの回収期間が分かります。",
    none: "1人あたりの獲得コスト {cac} を回収したコホートはまだありません。",
    some: "{cohorts} コホートのうち {paid} コホートが1人あたりの獲得コスト {cac} を回収済みです。回収期間の中央値は初回購入から {median} {unit}目（0 は初回購入の{unitNoun}）です。",
    unitNouns: { day: "日", week: "週", month: "月", quarter: "四半期", year: "年", days: "期間" },
    units: { day: "日", week: "週", month: "か月", quarter: "四半期", year: "年", days: "期間" },
  },
};

const HEADER_ROW = 6;
const FIRST_ROW = HEADER_ROW + 1;
/** Most cohorts drawn on the chart (evenly spread over time): more lines cannot be told apart. */
export const MAX_CHART_COHORTS = 8;

/**
 * The rows of a cumulative-value table drawn on its chart: of the rows with customers, at most
 * {@link MAX_CHART_COHORTS}, evenly spread over time (every ⌈n ÷ 8⌉-th from the first). The sheet's chart and the
 * wizard's review draw the same ones. Example: 24 cohorts → rows 0, 3, 6 … 21. O(rows).
 */
export function chartCohorts(table: CohortValueTable): number[] {
  const withCustomers = table.rows.flatMap((r, h) => (r.customers > 0 ? [h] : []));
  const step = Math.max(1, Math.ceil(withCustomers.length / MAX_CHART_COHORTS));
  return withCustomers.filter((_, i) => i % step === 0).slice(0, MAX_CHART_COHORTS);
}

/** The cohort value sheet's name in a language ("Cohort value", "コホート累積価値"). */
export function cohortValueSheetName(lang: PlanLang): string {
  return LABELS[lang].sheetName;
}

/**
 * The words for a cohort table's period in the payback sentence: the counter ("month" / "か月") and the noun of the
 * first purchase's period ("month" / "月"). Example: month, "ja" → { unit: "か月", unitNoun: "月" }.
 */
export function cohortUnitWords(
  unit: PeriodUnit,
  lang: PlanLang
): { unit: string; unitNoun: string } {
  return { unit: unitWord(unit, lang), unitNoun: LABELS[lang].unitNouns[unit.name ?? "days"] };
}

function unitWord(unit: PeriodUnit, lang: PlanLang): string {
  return LABELS[lang].units[unit.name ?? "days"];
}

/**
 * The cohort value sheet's plan from a cumulative-value table (`cohortValueTable`, without groups).
 * Example: the demo ledger, months, CAC 500 → 24 cohorts × 24 periods, paybacks by MINIFS, "23 of 24 cohorts
 * have earned back the acquisition cost of 500 per customer; the median payback is month 0 …".
 * Cost: O(cohorts × periods) cells; the table is one "data" block.
 */
export function buildCohortValuePlan(
  table: CohortValueTable,
  lang: PlanLang,
  options: CohortValueSheetOptions
): CohortValuePlan {
  const L = LABELS[lang];
  const F = formats(lang);
  const unit = unitWord(table.unit, lang);
  const K = table.periods;
  const H = Math.max(table.rows.length, 1);
  const firstValueCol = 3;
  const lastValueCol = firstValueCol + K - 1;
  const lastRow = FIRST_ROW + H - 1;
  const cacRow = lastRow + 1;
  const cacCell = "$B$4";
  const paybackRange = range(2, FIRST_ROW, 2, lastRow);
  const absRange = (r: string) => r.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");
  const periodsHeader = absRange(range(firstValueCol, HEADER_ROW, lastValueCol, HEADER_ROW));

  const rows: (PlanCell | null)[][] = table.rows.map((r, h) => {
    const row = FIRST_ROW + h;
    const values = range(firstValueCol, row, lastValueCol, row);
    const customers = cell(1, row);
    return [
      v(r.label, F.text),
      v(r.customers, F.count),
      f(
        `=IF(${customers}=0,"",IF(COUNTIF(${values},">="&${cacCell})=0,${q(L.notYet)},MINIFS(${periodsHeader},${values},">="&${cacCell})))`,
        F.count
      ),
      ...r.values.map((x) => (x === null ? null : v(x, F.money))),
    ];
  });
  if (rows.length === 0) rows.push(new Array(3 + K).fill(null));

  const paid = `COUNT(${absRange(paybackRange)})`;
  const cohorts = `COUNTIF(${absRange(range(1, FIRST_ROW, 1, lastRow))},">0")`;
  const cac = `TEXT(${cacCell},"#,##0")`;
  const sentence = `=IF(${cacCell}<=0,${q(L.askCac)},IF(${paid}=0,${sentenceFormula(L.none, { cac }).slice(1)},${sentenceFormula(
    L.some,
    {
      paid,
      cohorts,
      cac,
      median: `MEDIAN(${absRange(paybackRange)})`,
      unit: q(unit),
      unitNoun: q(L.unitNouns[table.unit.name ?? "days"]),
    }
  ).slice(1)}))`;

  const marginWords =
    options.grossMargin < 1
      ? lang === "ja"
        ? `、粗利率 ${Math.round(options.grossMargin * 1000) / 10}% を掛けた粗利`
        : `, times the gross margin of ${Math.round(options.grossMargin * 1000) / 10} %`
      : "";
  const header: PlanCell[] = [
    v(L.cohort),
    v(L.customers),
    v(fill(L.payback, { unit })),
    ...Array.from({ length: K }, (_, k) => v(k)),
  ];
  const cacLine: (PlanCell | null)[] = [
    v(L.cacLine),
    null,
    null,
    ...Array.from({ length: K }, () => f(`=${cacCell}`, F.money)),
  ];
  const blocks: CellBlock[] = [
    {
      id: "cohortValueTitle",
      address: "A1",
      cells: [
        [v(options.grossMargin < 1 ? L.titleMargin : L.titleRevenue), null, null],
        [f(sentence), null, null],
        [
          v(
            fill(L.stamp, {
              source: options.source,
              time: stampTime(options.now),
              margin: marginWords,
            })
          ),
          null,
          null,
        ],
        [v(L.cac), v(options.acquisitionCost, F.money), v(L.cacNote)],
      ],
    },
    { id: "cohortValueHeader", address: cell(0, HEADER_ROW), cells: [header] },
    { id: "cohortValues", address: cell(0, FIRST_ROW), cells: rows, kind: "data" },
    { id: "cohortValueCac", address: cell(0, cacRow), cells: [cacLine] },
  ];

  // the chart: up to eight cohorts spread evenly over time (those with customers), and the CAC line
  const drawn = chartCohorts(table).map((h) => ({ r: table.rows[h], h }));
  const chartTop = cacRow + 2;
  const chartRight = Math.max(9, Math.min(lastValueCol, 14));
  const charts: ChartPlan[] = [
    {
      id: "cohortValue",
      kind: "line",
      title: L.chart,
      categories: range(firstValueCol, HEADER_ROW, lastValueCol, HEADER_ROW),
      series: [
        ...drawn.map(({ r, h }) => ({
          name: r.label,
          values: range(firstValueCol, FIRST_ROW + h, lastValueCol, FIRST_ROW + h),
        })),
        { name: L.cacLine, values: range(firstValueCol, cacRow, lastValueCol, cacRow) },
      ],
      from: cell(0, chartTop),
      to: cell(chartRight, chartTop + 20),
      xAxisTitle: fill(L.axis, { unit }),
      valueFormat: "#,##0",
    },
  ];

  const valuesRange = range(firstValueCol, FIRST_ROW, lastValueCol, lastRow);
  const columnWidths: Record<string, number> = { A: 34, B: 12, C: lang === "ja" ? 30 : 20 };
  for (let c = firstValueCol; c <= lastValueCol; c++) columnWidths[columnLetter(c)] = 9;
  return {
    version: 1,
    lang,
    sheet: {
      name: L.sheetName,
      blocks,
      styles: [
        { range: "A1", style: "title" },
        { range: "A2", style: "section" },
        { range: "A3", style: "stamp" },
        { range: "A4", style: "label" },
        { range: "B4", style: "input" },
        { range: "C4", style: "note" },
        { range: range(0, HEADER_ROW, lastValueCol, HEADER_ROW), style: "header" },
        { range: paybackRange, style: "derived" },
        { range: range(0, cacRow, lastValueCol, cacRow), style: "warning" },
      ],
      columnWidths,
      validations: [
        {
          range: "B4",
          kind: "decimal",
          min: 0,
          error: lang === "ja" ? "0 以上の数を入力してください。" : "Enter a number of 0 or more.",
        },
      ],
      conditionalFormats: [
        {
          kind: "formula",
          range: valuesRange,
          formula: `=AND(${cacCell}>0,ISNUMBER(${cell(firstValueCol, FIRST_ROW)}),${cell(firstValueCol, FIRST_ROW)}>=${cacCell})`,
          fill: "#C6EFCE",
          fontColor: "#006100",
        },
      ],
      charts,
      freeze: { rows: HEADER_ROW, columns: 3 },
      select: "B4",
      print: printLayout(lang, [
        { c1: 0, r1: 1, c2: Math.max(lastValueCol, chartRight), r2: chartTop + 20 },
      ]),
    },
    names: [],
    styles: { ...STYLES },
    font: PLAN_FONTS[lang],
    anchors: {
      cac: "B4",
      sentence: "A2",
      header: range(0, HEADER_ROW, lastValueCol, HEADER_ROW),
      payback: paybackRange,
      values: valuesRange,
    },
    source: options.source,
  };
}
