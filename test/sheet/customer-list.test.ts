/**
 * The customer list and cohort value sheets: their formulas computed by an independent engine (HyperFormula)
 * equal the core's figures (the top 10 %'s shares, the segment counts, each cohort's payback period — also after
 * the acquisition cost is changed on the sheet), their layout is what the writers need (a "data" block, the Excel
 * table over the header and rows, the segment colours), and the list for 100,000 customers is written in requests
 * under Excel on the web's 5 MB limit.
 */
import { cohortValueTable, paybackPeriod } from "../../src/core/cohort-value";
import {
  customerValueList,
  SEGMENTS,
  type CustomerValue,
  type CustomerValueList,
} from "../../src/core/customer-value";
import { demoLedger } from "../support/demo-ledger";
import { namedUnit } from "../../src/core/periods";
import { cell, parseCell } from "../../src/sheet/a1";
import { buildCohortValuePlan } from "../../src/sheet/cohort-value";
import {
  buildCustomerListPlan,
  horizonWords,
  sentenceFormula,
} from "../../src/sheet/customer-list";
import type { CalculationPlan } from "../../src/sheet/types";
import {
  DEFAULT_BUDGET_BYTES,
  planRequests,
  REQUEST_LIMIT_BYTES,
} from "../../src/taskpane/batches";
import { evaluatePlan } from "./evaluate";

const ledger = demoLedger();
const MONTH = namedUnit("month");
const NOW = new Date(2025, 0, 15, 9, 30);
const list = customerValueList(ledger, { period: MONTH, horizon: 12 });

/**
 * HyperFormula's TEXT ignores a thousands separator in its format ("#,##0" → "5000,##0"); the sentences' exact
 * words are checked where LibreOffice computes them (test/cli/libreoffice.test.ts). Here a number written with
 * TEXT(…,"#,##0") is matched whichever way the engine renders it.
 */
const counted = (n: number) => `(${n.toLocaleString("en-US")}|${n},##0)`;

/** Every formula cell of a plan and its value in HyperFormula: none may be an error. */
function formulaErrors(plan: { sheet: CalculationPlan["sheet"] }, get: (a: string) => unknown) {
  const out: string[] = [];
  for (const b of plan.sheet.blocks) {
    const at = parseCell(b.address);
    b.cells.forEach((row, i) =>
      row.forEach((c, j) => {
        if (!c?.formula) return;
        const a = cell(at.col + j, at.row + i);
        const x = get(a);
        if (typeof x === "object" && x !== null) out.push(`${a}: ${JSON.stringify(x)}`);
      })
    );
  }
  return out;
}

describe("the customer list sheet", () => {
  const plan = buildCustomerListPlan(list, "en", { source: "sample-ledger.csv", now: NOW });
  const e = evaluatePlan(plan as unknown as CalculationPlan);

  it("computes, in an independent engine, the core's top 10 % and its shares", () => {
    expect(formulaErrors(plan, e.get)).toEqual([]);
    expect(e.get(plan.anchors.topCustomers)).toBe(list.top.customers);
    expect(e.get(plan.anchors.topPurchaseShare)).toBeCloseTo(list.top.purchaseShare, 12);
    expect(e.get(plan.anchors.topRevenueShare)).toBeCloseTo(list.top.revenueShare, 12);
    expect(e.get(plan.anchors.headline)).toMatch(
      new RegExp(
        `^The 10 % most valuable customers \\(${counted(list.top.customers)}\\) are expected to make ` +
          `${Math.round(list.top.purchaseShare * 100)}% of the purchases of the next 12 months\\.$`
      )
    );
  });

  it("counts each segment as the core does, beside its rule with this ledger's thresholds", () => {
    const { c1, r1 } = (() => {
      const [a] = plan.anchors.segments.split(":");
      const p = parseCell(a);
      return { c1: p.col, r1: p.row };
    })();
    SEGMENTS.forEach((s, k) => {
      expect(e.get(cell(c1 + 1, r1 + 1 + k))).toBe(list.counts[s]);
      const revenue = list.rows.filter((r) => r.segment === s).reduce((x, r) => x + r.revenue, 0);
      expect(e.get(cell(c1 + 2, r1 + 1 + k))).toBeCloseTo(revenue, 6);
    });
    const rules = plan.sheet.blocks
      .find((b) => b.id === "listSegments")!
      .cells.map((r) => r[4]?.value);
    expect(rules[1 + SEGMENTS.indexOf("best")]).toContain(
      list.thresholds.bestMinRevenue!.toLocaleString("en-US", { maximumFractionDigits: 2 })
    );
  });

  it("is one data block in rank order, under an Excel table, with the segments coloured", () => {
    const data = plan.sheet.blocks.find((b) => b.id === "customerList")!;
    expect(data.kind).toBe("data");
    expect(data.address).toBe("A7");
    expect(data.cells).toHaveLength(list.rows.length);
    data.cells.forEach((row, i) => {
      expect(row[0]?.value).toBe(i + 1);
      expect(row[1]?.value).toBe(list.rows[i].customer);
      expect(row[6]?.format).toBe("yyyy-mm-dd");
    });
    expect(plan.sheet.tables).toEqual([
      { name: "CustomerList", range: `A6:J${6 + list.rows.length}`, style: "TableStyleLight9" },
    ]);
    const colours = plan.sheet.conditionalFormats.filter((c) => c.kind === "formula");
    expect(colours).toHaveLength(8); // four coloured segments, on the table and in the summary
    expect(colours.map((c) => (c as { formula: string }).formula)).toContain('=$C7="Follow up"');
    expect(plan.sheet.freeze).toEqual({ rows: 6, columns: 2 });
    expect(plan.sheet.print?.titleRows).toEqual({ first: 6, last: 6 });
  });

  it("speaks Japanese: the headline, the columns, the segments and their colours", () => {
    const ja = buildCustomerListPlan(list, "ja", { source: "sample-ledger.csv", now: NOW });
    const j = evaluatePlan(ja as unknown as CalculationPlan);
    expect(formulaErrors(ja, j.get)).toEqual([]);
    expect(j.get("A2")).toMatch(
      new RegExp(
        `^価値の高い上位10%の顧客（${counted(list.top.customers)}人）が、今後12か月の購入の` +
          `${Math.round(list.top.purchaseShare * 100)}%を占める見込みです。$`
      )
    );
    expect(ja.sheet.name).toBe("顧客リスト");
    expect(ja.sheet.blocks.find((b) => b.id === "listHeader")!.cells[0][3]?.value).toBe(
      "継続している確率"
    );
    expect(
      ja.sheet.conditionalFormats.some((c) => c.kind === "formula" && c.formula === '=$C7="優良"')
    ).toBe(true);
    expect(ja.font?.name).toBe("游ゴシック");
  });

  it("words for the horizon and sentences as formulas", () => {
    expect(horizonWords(12, MONTH, "en")).toBe("12 months");
    expect(horizonWords(1, namedUnit("year"), "en")).toBe("1 year");
    expect(horizonWords(39, namedUnit("week"), "ja")).toBe("39週間");
    expect(horizonWords(2.5, { days: 10 }, "en")).toBe("25 days");
    expect(horizonWords(2.5, { days: 10 }, "ja")).toBe("25日");
    expect(sentenceFormula('{n} "best" of {all}', { n: "A1" })).toBe('=A1&" ""best"" of "&"{all}"');
    expect(sentenceFormula("", {})).toBe('=""');
  });
});

describe("the cohort value sheet", () => {
  const table = cohortValueTable(ledger, MONTH, { grossMargin: 0.4 });
  const plan = buildCohortValuePlan(table, "en", {
    source: "sample-ledger.csv",
    now: NOW,
    acquisitionCost: 5000,
    grossMargin: 0.4,
  });
  const e = evaluatePlan(plan as unknown as CalculationPlan);
  const payback = (h: number) => e.get(cell(2, 7 + h));

  it("each cohort's payback period by formula is PAYBACK_PERIOD's, and follows the cost typed in B4", () => {
    expect(formulaErrors(plan, e.get)).toEqual([]);
    const check = (cost: number) =>
      table.rows.forEach((r, h) => {
        const want = r.customers === 0 ? "" : (paybackPeriod(r.values, cost) ?? "not yet");
        expect({ cohort: r.label, payback: payback(h) }).toEqual({
          cohort: r.label,
          payback: want,
        });
      });
    check(5000);
    const paid = table.rows.filter((r) => paybackPeriod(r.values, 5000) !== null).length;
    expect(String(e.get("A2"))).toMatch(
      new RegExp(
        `^${paid} of ${table.rows.length} cohorts have earned back the acquisition cost of ${counted(5000)} ` +
          "per customer; the median payback is month \\d+(\\.5)?, counting the month of the first purchase as month 0\\.$"
      )
    );
    for (const cost of [1000, 9000.5, 0]) {
      e.hf.setCellContents({ sheet: e.sheet, row: 3, col: 1 }, cost);
      check(cost);
    }
    expect(e.get("A2")).toMatch(/^Enter the acquisition cost/);
    e.hf.setCellContents({ sheet: e.sheet, row: 3, col: 1 }, 1e9);
    expect(e.get("A2")).toMatch(
      new RegExp(
        `^No cohort has earned back the acquisition cost of ${counted(1e9)} per customer yet\\.$`
      )
    );
  });

  it("the curves of at most eight cohorts and the CAC line, in a chart", () => {
    const chart = plan.sheet.charts[0];
    expect(chart.series.length).toBeLessThanOrEqual(9);
    expect(chart.series[chart.series.length - 1].name).toBe("Acquisition cost");
    expect(chart.series[0].name).toBe(table.rows[0].label);
    const data = plan.sheet.blocks.find((b) => b.id === "cohortValues")!;
    expect(data.kind).toBe("data");
    expect(data.cells).toHaveLength(table.rows.length);
  });

  it("in Japanese, with the margin in the title", () => {
    const ja = buildCohortValuePlan(table, "ja", {
      source: "x.csv",
      now: NOW,
      acquisitionCost: 5000,
      grossMargin: 0.4,
    });
    const j = evaluatePlan(ja as unknown as CalculationPlan);
    expect(formulaErrors(ja, j.get)).toEqual([]);
    expect(ja.sheet.blocks[0].cells[0][0]?.value).toContain("累積粗利");
    expect(String(j.get("A2"))).toMatch(
      new RegExp(
        `コホートが1人あたりの獲得コスト ${counted(5000)} を回収済みです。.*（0 は初回購入の月）です。$`
      )
    );
    const revenue = buildCohortValuePlan(cohortValueTable(ledger, MONTH), "en", {
      source: "x.csv",
      now: NOW,
      acquisitionCost: 0,
      grossMargin: 1,
    });
    expect(revenue.sheet.blocks[0].cells[0][0]?.value).toContain("revenue");
  });
});

describe("the list for 100,000 customers fits the wizard's request limits", () => {
  /** A list of n customers with ids of the given form (the values do not matter for the size, only their text). */
  function bigList(n: number, id: (i: number) => string): CustomerValueList {
    const rows: CustomerValue[] = Array.from({ length: n }, (_, i) => ({
      customer: id(i),
      pAlive: 0.123456789 + (i % 1000) / 1e4,
      purchases: 12.3456789 / (1 + i / 1000),
      revenue: 12345.6789 / (1 + i / 1000),
      rank: i + 1,
      segment: SEGMENTS[i % SEGMENTS.length],
      firstOrder: 45000 + (i % 700),
      lastOrder: 45300 + (i % 400),
      orders: 1 + (i % 40),
      pastRevenue: 98765.4321 / (1 + (i % 77)),
    }));
    return { ...list, rows, top: { ...list.top, customers: Math.ceil(n / 10) } };
  }
  it.each([
    ["ASCII ids", (i: number) => `C${String(i).padStart(7, "0")}`],
    ["Japanese names", (i: number) => `株式会社サンプル商事${i}様`],
  ])("%s", (_name, id) => {
    const plan = buildCustomerListPlan(bigList(100_000, id), "ja", { source: "x", now: NOW });
    const requests = planRequests(plan as unknown as CalculationPlan);
    const largest = Math.max(...requests.map((r) => r.bytes));
    expect(largest).toBeLessThanOrEqual(DEFAULT_BUDGET_BYTES);
    expect(largest).toBeLessThan(REQUEST_LIMIT_BYTES);
    const data = requests
      .flatMap((r) => r.ops)
      .filter((o) => o.op === "values" && o.block === "customerList");
    const total = requests.reduce((s, r) => s + r.bytes, 0);
    // how big it is (printed for the record): requests, the largest, the total
    console.log(
      `customer list, 100,000 customers (${_name}): ${requests.length} requests, ${data.length} slices of the table, largest ${(largest / 1e6).toFixed(2)} MB, total ${(total / 1e6).toFixed(1)} MB`
    );
    expect(data.length).toBeGreaterThan(1);
  });
});
