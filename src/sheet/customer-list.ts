/**
 * The customer list sheet: every customer ranked by expected revenue, as an Excel table (filters on every
 * column), the segment coloured, the last order date and order count beside the predictions, and a sentence on
 * top ("the 10 % most valuable customers are expected to make 49 % of the next 12 months' purchases"). Pure
 * data (see `types.ts`): the wizard's writer and the command line's apply the same plan.
 *
 * Layout:
 * ```
 * A1 title · A2 the headline (a formula over the table) · A3 where the numbers come from · A4 how to read them
 * A6:J6 header · A7:J(6+C) one row per customer, by rank (a "data" block: writers slice it) — the Excel table
 * L6:M11 facts (customers, the top 10 %, their shares, totals: formulas over the table)
 * L13:P18 segments: name, customers, expected revenue, share (formulas), and the rule with this ledger's thresholds
 * ```
 * The predictions are stamped values (the model is fitted by the add-in, not by Excel); everything summarised
 * from them is a native formula (COUNTA, ROUNDUP, SUMIFS, SUMIF, COUNTIF, TEXT), so a filter or an edit of the
 * stamped values recalculates the headline and the segment table without the add-in.
 */
import { cell, columnLetter, range } from "./a1";
import type { CustomerValueList, Segment } from "../core/customer-value";
import { SEGMENTS, SEGMENT_RULE } from "../core/customer-value";
import { isoFromSerial } from "../core/input/date";
import type { PeriodUnit } from "../core/periods";
import { SEGMENT_NAMES } from "../i18n/customer-value";
import { fill } from "./labels";
import { STYLES } from "./plan";
import { PLAN_FONTS, printLayout } from "./print";
import { formats, f, q, stampTime, v } from "./sections/context";
import type {
  CellBlock,
  CellStyle,
  ConditionalFormat,
  NamedRange,
  PlanCell,
  PlanFont,
  PlanLang,
  SheetPlan,
  StyleName,
  StyleRange,
} from "./types";

/** The customer list's plan: one sheet, as a calculation plan has, without the calculation's anchors. */
export interface CustomerListPlan {
  version: 1;
  lang: PlanLang;
  sheet: SheetPlan;
  names: NamedRange[];
  styles: Record<StyleName, CellStyle>;
  font?: PlanFont;
  anchors: {
    /** the headline sentence */
    headline: string;
    /** the table's header row and data rows */
    table: string;
    /** the facts' values: top customers, their share of expected purchases and of expected revenue */
    topCustomers: string;
    topPurchaseShare: string;
    topRevenueShare: string;
    /** the segment table (header included) */
    segments: string;
  };
  source?: string;
}

export interface CustomerListOptions {
  /** where the ledger came from ("orders.csv", "Sales!A1:D6920"), stamped on the sheet */
  source: string;
  /** when it was read (the stamp's time) */
  now: Date;
}

/** The table's columns, in order. */
export const LIST_COLUMNS = [
  "rank",
  "customer",
  "segment",
  "pAlive",
  "purchases",
  "revenue",
  "lastOrder",
  "orders",
  "pastRevenue",
  "firstOrder",
] as const;
type ListColumn = (typeof LIST_COLUMNS)[number];

interface ListLabels {
  sheetName: string;
  title: string;
  /** {top} customers, {share} of purchases, {horizon} */
  headline: string;
  /** {source} {time} {model} {end} {horizon} */
  stamp: string;
  note: string;
  columns: Record<ListColumn, string>;
  facts: [string, string, string, string, string, string];
  segmentHeader: [string, string, string, string, string];
  /** the rule of each segment, with its thresholds: {best} {past} {pAlive} {dormant} {newPurchases} {newSince} */
  rules: Record<Segment, string>;
  /** "{n} {unit}" words for the horizon */
  units: Record<"day" | "week" | "month" | "quarter" | "year", [string, string]>;
  days: string;
}

const LABELS: Record<PlanLang, ListLabels> = {
  en: {
    sheetName: "Customer list",
    title: "Who to call next: customers ranked by expected revenue",
    headline:
      "The 10 % most valuable customers ({top}) are expected to make {share} of the purchases of the next {horizon}.",
    stamp:
      "From {source}, read {time}. Model: {model} with Gamma-Gamma spend, fitted on the orders up to {end}; horizon: the next {horizon}.",
    note: "Probability still active, expected purchases and expected revenue are the model's, per customer (values). The table is sorted by expected revenue; use its filters to pick a segment. The summaries on the right recalculate.",
    columns: {
      rank: "Rank",
      customer: "Customer",
      segment: "Segment",
      pAlive: "Probability still active",
      purchases: "Expected purchases",
      revenue: "Expected revenue",
      lastOrder: "Last order",
      orders: "Orders",
      pastRevenue: "Revenue to date",
      firstOrder: "First order",
    },
    facts: [
      "Customers",
      "Top 10 %: customers",
      "Their share of expected purchases",
      "Their share of expected revenue",
      "Expected purchases (all)",
      "Expected revenue (all)",
    ],
    segmentHeader: [
      "Segment",
      "Customers",
      "Expected revenue",
      "Share",
      "Rule (this ledger's thresholds)",
    ],
    rules: {
      new: "First order on or after {newSince} (within the last period): too new to judge; welcome them.",
      best: "The top 10 % of the ranking (expected revenue {best} or more): protect them.",
      followUp:
        "Revenue to date in the top quarter ({past} or more) and probability still active below {pAlive}: valuable customers slipping away; call them.",
      dormant:
        "Expected purchases below {dormant}, a quarter of a new customer's {newPurchases}: barely expected to buy again.",
      regular: "Everyone else.",
    },
    units: {
      day: ["day", "days"],
      week: ["week", "weeks"],
      month: ["month", "months"],
      quarter: ["quarter", "quarters"],
      year: ["year", "years"],
    },
    days: "days",
  },
  ja: {
    sheetName: "顧客リスト",
    title: "次に連絡すべき顧客：期待売上の高い順",
    headline:
      "価値の高い上位10%の顧客（{top}人）が、今後{horizon}の購入の{share}を占める見込みです。",
    stamp:
      "{source} を {time} に読み込み。モデル：{model}（金額は Gamma-Gamma）、{end} までの注文に当てはめ。対象期間：今後{horizon}。",
    note: "継続している確率・期待購入回数・期待売上は顧客ごとのモデルの値（値の貼り付け）です。表は期待売上の高い順で、フィルターでセグメントを絞り込めます。右の集計は自動で再計算されます。",
    columns: {
      rank: "順位",
      customer: "顧客ID",
      segment: "セグメント",
      pAlive: "継続している確率",
      purchases: "期待購入回数",
      revenue: "期待売上",
      lastOrder: "最終購入日",
      orders: "注文数",
      pastRevenue: "これまでの売上",
      firstOrder: "初回購入日",
    },
    facts: [
      "顧客数",
      "上位10%の顧客数",
      "上位10%の期待購入回数の割合",
      "上位10%の期待売上の割合",
      "期待購入回数（全体）",
      "期待売上（全体）",
    ],
    segmentHeader: ["セグメント", "顧客数", "期待売上", "割合", "判定ルール（この台帳のしきい値）"],
    rules: {
      new: "初回購入が {newSince} 以降（直近1期間以内）：判断には早すぎます。歓迎の連絡を。",
      best: "ランキングの上位10%（期待売上 {best} 以上）：大切に。",
      followUp:
        "これまでの売上が上位4分の1（{past} 以上）で、継続している確率が {pAlive} 未満：離れかけている価値の高い顧客。連絡を。",
      dormant:
        "期待購入回数が {dormant} 未満（新規顧客の {newPurchases} の4分の1）：再購入はほとんど見込めません。",
      regular: "上記以外。",
    },
    units: {
      day: ["日", "日"],
      week: ["週間", "週間"],
      month: ["か月", "か月"],
      quarter: ["四半期", "四半期"],
      year: ["年", "年"],
    },
    days: "日",
  },
};

/** The customer list sheet's name in a language ("Customer list", "顧客リスト"). */
export function customerListSheetName(lang: PlanLang): string {
  return LABELS[lang].sheetName;
}

/** Fill and font of each segment, on the table and in the segment summary. */
export const SEGMENT_COLORS: Readonly<Record<Segment, { fill: string; font: string } | null>> = {
  best: { fill: "#C6EFCE", font: "#006100" },
  followUp: { fill: "#FFEB9C", font: "#9C5700" },
  dormant: { fill: "#E7E6E6", font: "#595959" },
  new: { fill: "#DDEBF7", font: "#1F4E79" },
  regular: null,
};

const MODEL_NAMES: Record<string, string> = {
  pnbd: "Pareto/NBD",
  bgnbd: "BG/NBD",
  nbd: "NBD",
};

/** The first data row of the table, and its header's row. */
const HEADER_ROW = 6;
const FIRST_ROW = HEADER_ROW + 1;
/** The first column of the summaries on the right (L). */
const RIGHT = LIST_COLUMNS.length + 1;

/**
 * A sentence as a formula: the template's text as string literals, each `{placeholder}` as the Excel expression
 * given for it, joined with `&`. Example: `sentenceFormula("{n} customers", { n: "COUNTA(B:B)" })` →
 * `=COUNTA(B:B)&" customers"`. O(length).
 */
export function sentenceFormula(template: string, expressions: Record<string, string>): string {
  const parts = template.split(/\{(\w+)\}/);
  const out: string[] = [];
  parts.forEach((p, i) => {
    if (i % 2 === 1) out.push(p in expressions ? expressions[p] : q(`{${p}}`));
    else if (p !== "") out.push(q(p));
  });
  return `=${out.length > 0 ? out.join("&") : '""'}`;
}

/** "12 months", "39 weeks", "26.5 weeks", "今後12か月". */
export function horizonWords(horizon: number, period: PeriodUnit, lang: PlanLang): string {
  const L = LABELS[lang];
  const n = Number(horizon.toFixed(2));
  const text = n.toLocaleString(lang === "ja" ? "ja-JP" : "en-US", { maximumFractionDigits: 2 });
  if (!period.name) {
    const days = Number((horizon * period.days).toFixed(1));
    return lang === "ja" ? `${days}${L.days}` : `${days} ${L.days}`;
  }
  const [one, many] = L.units[period.name];
  return lang === "ja" ? `${text}${one}` : `${text} ${n === 1 ? one : many}`;
}

/**
 * The customer list sheet's plan from a scored list (`customerValueList` / `scoreCustomers`).
 *
 * Example: the demo ledger (510 customers), month, 12 months → a table A6:J516 sorted by expected revenue, the
 * headline "The 10 % most valuable customers (51) are expected to make 14 % of the purchases of the next 12
 * months.", and the segment summary with its rule.
 * Cost: O(customers) cells (10 a customer); the one "data" block is what writers slice.
 */
export function buildCustomerListPlan(
  list: CustomerValueList,
  lang: PlanLang,
  options: CustomerListOptions
): CustomerListPlan {
  const L = LABELS[lang];
  const F = formats(lang);
  const names = SEGMENT_NAMES[lang];
  const C = list.rows.length;
  const lastRow = FIRST_ROW + Math.max(C, 1) - 1;
  const width = LIST_COLUMNS.length;
  const colOf = (c: ListColumn) => LIST_COLUMNS.indexOf(c);
  const columnRange = (c: ListColumn) => range(colOf(c), FIRST_ROW, colOf(c), lastRow);
  const abs = (r: string) => r.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");
  const horizon = horizonWords(list.horizon, list.period, lang);
  const t = list.thresholds;

  // the table: header and one row per customer, in rank order
  const header = LIST_COLUMNS.map((c) => v(L.columns[c]));
  const rows: (PlanCell | null)[][] = new Array(C);
  for (let i = 0; i < C; i++) {
    const r = list.rows[i];
    rows[i] = [
      v(r.rank, F.count),
      v(r.customer, F.text),
      v(names[r.segment]),
      v(r.pAlive, "0%"),
      v(r.purchases, F.number),
      v(r.revenue, F.money),
      v(r.lastOrder, F.date),
      v(r.orders, F.count),
      v(r.pastRevenue, F.money),
      v(r.firstOrder, F.date),
    ];
  }
  if (C === 0) rows.push(new Array(width).fill(null));

  // facts: formulas over the table
  const rank = abs(columnRange("rank"));
  const purchases = abs(columnRange("purchases"));
  const revenue = abs(columnRange("revenue"));
  const segment = abs(columnRange("segment"));
  const factCol = RIGHT + 1;
  const at = (k: number) => cell(factCol, HEADER_ROW + k);
  const share = (values: string) =>
    `=IF(SUM(${values})=0,0,SUMIFS(${values},${rank},"<="&${abs(at(1))})/SUM(${values}))`;
  const facts: [string, PlanCell][] = [
    [L.facts[0], f(`=COUNTA(${abs(columnRange("customer"))})`, F.count)],
    [L.facts[1], f(`=ROUNDUP(${abs(at(0))}*${SEGMENT_RULE.bestShare},0)`, F.count)],
    [L.facts[2], f(share(purchases), "0.0%")],
    [L.facts[3], f(share(revenue), "0.0%")],
    [L.facts[4], f(`=SUM(${purchases})`, F.number)],
    [L.facts[5], f(`=SUM(${revenue})`, F.money)],
  ];

  // the headline: the sentence with the facts' numbers, in words
  const headline = sentenceFormula(fill(L.headline, { horizon }), {
    top: `TEXT(${abs(at(1))},"#,##0")`,
    share: `ROUND(${abs(at(2))}*100,0)&"%"`,
  });

  // segments: counts and revenue by formula, the rule with this ledger's thresholds
  const money = (x: number | null) =>
    x === null
      ? "—"
      : x.toLocaleString(lang === "ja" ? "ja-JP" : "en-US", {
          maximumFractionDigits: lang === "ja" ? 0 : 2,
        });
  const num = (x: number) =>
    x.toLocaleString(lang === "ja" ? "ja-JP" : "en-US", { maximumFractionDigits: 2 });
  const ruleParams = {
    best: money(t.bestMinRevenue),
    past: money(t.followUpMinPastRevenue),
    pAlive: `${Math.round(t.followUpPAlive * 100)}%`,
    dormant: num(t.dormantMaxPurchases),
    newPurchases: num(t.newCustomerPurchases),
    newSince: isoFromSerial(t.newSince),
  };
  const segTop = HEADER_ROW + facts.length + 2;
  const segRows = SEGMENTS.map((s, k) => {
    const row = segTop + 1 + k;
    const name = abs(cell(RIGHT, row));
    return [
      v(names[s]),
      f(`=COUNTIF(${segment},${name})`, F.count),
      f(`=SUMIF(${segment},${name},${revenue})`, F.money),
      f(`=IF(SUM(${revenue})=0,0,${abs(cell(RIGHT + 2, row))}/SUM(${revenue}))`, "0.0%"),
      v(fill(L.rules[s], ruleParams)),
    ];
  });
  const segLast = segTop + SEGMENTS.length;

  const blocks: CellBlock[] = [
    {
      id: "listTitle",
      address: "A1",
      cells: [
        [v(L.title)],
        [f(headline)],
        [
          v(
            fill(L.stamp, {
              source: options.source,
              time: stampTime(options.now),
              model: MODEL_NAMES[list.model.model.kind],
              end: isoFromSerial(list.model.calibrationEnd),
              horizon,
            })
          ),
        ],
        [v(L.note)],
      ],
    },
    { id: "listHeader", address: cell(0, HEADER_ROW), cells: [header] },
    { id: "customerList", address: cell(0, FIRST_ROW), cells: rows, kind: "data" },
    {
      id: "listFacts",
      address: cell(RIGHT, HEADER_ROW),
      cells: facts.map(([label, value]) => [v(label), value]),
    },
    {
      id: "listSegments",
      address: cell(RIGHT, segTop),
      cells: [L.segmentHeader.map((h) => v(h)), ...segRows],
    },
  ];

  const styles: StyleRange[] = [
    { range: "A1", style: "title" },
    { range: "A2", style: "section" },
    { range: "A3", style: "stamp" },
    { range: "A4", style: "note" },
    { range: range(0, HEADER_ROW, width - 1, HEADER_ROW), style: "header" },
    { range: range(RIGHT, HEADER_ROW, RIGHT, HEADER_ROW + facts.length - 1), style: "label" },
    {
      range: range(factCol, HEADER_ROW, factCol, HEADER_ROW + facts.length - 1),
      style: "calc",
    },
    { range: range(factCol, HEADER_ROW + 2, factCol, HEADER_ROW + 2), style: "result" },
    { range: range(RIGHT, segTop, RIGHT + 4, segTop), style: "header" },
    { range: range(RIGHT + 1, segTop + 1, RIGHT + 3, segLast), style: "calc" },
    { range: range(RIGHT + 4, segTop + 1, RIGHT + 4, segLast), style: "note" },
  ];

  // the segment coloured, in the table and in the summary; probability still active on a red-to-green scale
  const conditionalFormats: ConditionalFormat[] = [];
  const segCol = columnLetter(colOf("segment"));
  const rightCol = columnLetter(RIGHT);
  for (const s of SEGMENTS) {
    const color = SEGMENT_COLORS[s];
    if (!color) continue;
    conditionalFormats.push({
      kind: "formula",
      range: columnRange("segment"),
      formula: `=$${segCol}${FIRST_ROW}=${q(names[s])}`,
      fill: color.fill,
      fontColor: color.font,
      bold: s === "best",
    });
    conditionalFormats.push({
      kind: "formula",
      range: range(RIGHT, segTop + 1, RIGHT, segLast),
      formula: `=$${rightCol}${segTop + 1}=${q(names[s])}`,
      fill: color.fill,
      fontColor: color.font,
      bold: s === "best",
    });
  }
  if (C > 0)
    conditionalFormats.push({
      kind: "colorScale",
      range: columnRange("pAlive"),
      minColor: "#F8696B",
      midColor: "#FFEB84",
      maxColor: "#63BE7B",
    });

  const columnWidths: Record<string, number> = {};
  // wide enough for the headers in either language (the Japanese ones are shorter but double-width)
  [8, 16, 12, 24, 20, 18, 13, 9, 17, 13].forEach((w, k) => (columnWidths[columnLetter(k)] = w));
  columnWidths[columnLetter(RIGHT - 1)] = 3;
  columnWidths[columnLetter(RIGHT)] = 34;
  columnWidths[columnLetter(RIGHT + 1)] = 12;
  columnWidths[columnLetter(RIGHT + 2)] = 18;
  columnWidths[columnLetter(RIGHT + 3)] = 8;
  columnWidths[columnLetter(RIGHT + 4)] = 90;

  const table = range(0, HEADER_ROW, width - 1, lastRow);
  return {
    version: 1,
    lang,
    sheet: {
      name: L.sheetName,
      blocks,
      styles,
      columnWidths,
      validations: [],
      conditionalFormats,
      charts: [],
      freeze: { rows: HEADER_ROW, columns: 2 },
      select: cell(0, FIRST_ROW),
      tables: [{ name: "CustomerList", range: table, style: "TableStyleLight9" }],
      // the list with its header on every page, then the summaries on a page of their own
      print: {
        ...printLayout(lang, [
          { c1: 0, r1: 1, c2: width - 1, r2: lastRow },
          { c1: RIGHT, r1: HEADER_ROW, c2: RIGHT + 4, r2: segLast },
        ]),
        titleRows: { first: HEADER_ROW, last: HEADER_ROW },
      },
    },
    names: [],
    styles: { ...STYLES },
    font: PLAN_FONTS[lang],
    anchors: {
      headline: "A2",
      table,
      topCustomers: at(1),
      topPurchaseShare: at(2),
      topRevenueShare: at(3),
      segments: range(RIGHT, segTop, RIGHT + 4, segLast),
    },
    source: options.source,
  };
}
