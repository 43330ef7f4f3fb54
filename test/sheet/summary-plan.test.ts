/**
 * The customer-summary source of the ledger route's sheet: the same ledger, once as order lines and once as its
 * customer summary (made by the core, `ledgerCustomerSummary`, as the warehouse SQL makes it), gives plans whose
 * model block, new-customer table and LTV agree to 1e-9, computed by HyperFormula; what a summary cannot tell
 * (cohorts, retention, lapse, the holdout check) is said in words, never given a figure.
 */
import { readLedger, type Ledger } from "../../src/core/ledger";
import { ledgerCustomerSummary, type CustomerSummaryTable } from "../../src/core/summary-route";
import {
  analyseLedgerForPlan,
  analyseSummaryForPlan,
  ledgerInterval,
  ledgerResults,
} from "../../src/sheet/ledger-analysis";
import { SHEET_LABELS } from "../../src/sheet/labels";
import { buildCalculationPlan, DEFAULT_INPUTS } from "../../src/sheet/plan";
import type { CalculationPlan, PlanInputs, PlanUnit } from "../../src/sheet/types";
import { demoLedger } from "../support/demo-ledger";
import { evaluatePlan } from "./evaluate";
import { shopLedger } from "./fixtures";

const close = (actual: unknown, expected: unknown) => {
  expect(typeof actual).toBe("number");
  expect(typeof expected).toBe("number");
  expect(Math.abs((actual as number) - (expected as number))).toBeLessThanOrEqual(
    1e-9 * Math.max(1, Math.abs(expected as number))
  );
};

const readAt = new Date(Date.UTC(2025, 0, 1));
const now = new Date(2025, 0, 1);

function bothPlans(
  ledger: Ledger,
  table: CustomerSummaryTable,
  unit: PlanUnit,
  inputs: PlanInputs,
  lang: "en" | "ja"
) {
  const horizon = { amount: inputs.horizon ?? 3, unit: inputs.horizonUnit ?? ("year" as const) };
  const options = { source: "Sales!A1:D100", readAt, horizon, model: inputs.model, lang };
  const byLedger = analyseLedgerForPlan(ledger, unit, options);
  const bySummary = analyseSummaryForPlan(table, unit, { ...options, source: "Summary!A1:F600" });
  const i = { ...inputs, periodUnit: unit };
  return {
    byLedger,
    bySummary,
    ledgerPlan: buildCalculationPlan(i, lang, byLedger, { now }),
    summaryPlan: buildCalculationPlan(i, lang, bySummary, { now }),
    inputs: i,
  };
}

/** The names defined on the model block and the new-customer table, with their computed values. */
function modelValues(plan: CalculationPlan) {
  const e = evaluatePlan(plan);
  expect(e.errors()).toEqual([]);
  const names = plan.names
    .map((n) => n.name)
    .filter((n) => /^(Model_|Input_|Calc_|Result_)/.test(n))
    .sort();
  return { e, names };
}

describe("a customer summary writes the ledger route's sheet with the ledger's figures", () => {
  const demo = demoLedger();
  const cases: [string, Ledger, PlanUnit, PlanInputs, "en" | "ja"][] = [
    [
      "the demo ledger, by month, margin and discount, English",
      demo,
      "month",
      { ...DEFAULT_INPUTS, grossMargin: 0.4, discountRate: 0.01, acquisitionCost: 3000 },
      "en",
    ],
    [
      "the demo ledger, by quarter, a 2-year horizon, the Pareto/NBD, Japanese",
      demo,
      "quarter",
      {
        ...DEFAULT_INPUTS,
        horizon: 2,
        horizonUnit: "year",
        model: "pnbd",
        acquisitionCost: 2000,
        retentionCost: 100,
        retentionBasis: "perPeriod",
      },
      "ja",
    ],
    [
      "the hand-made shop (line items, unreadable rows), by month",
      readLedger(
        {
          customers: shopLedger().map((r) => r[0]),
          dates: shopLedger().map((r) => r[1]),
          amounts: shopLedger().map((r) => r[2]),
          orders: shopLedger().map((r) => r[3]),
        } as Parameters<typeof readLedger>[0],
        { mode: "lenient" }
      ),
      "month",
      { ...DEFAULT_INPUTS, acquisitionCost: 1000 },
      "en",
    ],
  ];

  it.each(cases)("%s", (_, ledger, unit, inputs, lang) => {
    const p = bothPlans(ledger, ledgerCustomerSummary(ledger), unit, inputs, lang);
    const a = p.byLedger.value!;
    const b = p.bySummary.value!;
    expect(b).toBeDefined();
    // the model's parameters, the spend model, the table, the five inputs: the same fit
    expect(b.model).toBe(a.model);
    expect(b.params.map((x) => x.name)).toEqual(a.params.map((x) => x.name));
    b.params.forEach((x, k) => close(x.value, a.params[k].value));
    if (a.spend) Object.entries(a.spend).forEach(([k, x]) => close(b.spend![k as "p"], x));
    else expect(b.spend).toBeNull();
    expect(b.table.length).toBe(a.table.length);
    b.table.forEach((r, k) => {
      close(r.purchases, a.table[k].purchases);
      close(r.time, a.table[k].time);
    });
    for (const k of ["firstOrder", "avgOrder", "frequency", "periods"] as const) close(b[k], a[k]);
    expect(b.warnings?.map((w) => w.code)).toEqual(a.warnings?.map((w) => w.code));
    // the sheets, computed: every name of the model block, the inputs, the chain and the results agree
    const L = modelValues(p.ledgerPlan);
    const S = modelValues(p.summaryPlan);
    expect(S.names).toEqual(L.names);
    for (const name of L.names) {
      const x = L.e.get(name);
      if (typeof x === "number") close(S.e.get(name), x);
      else expect(S.e.get(name)).toEqual(x);
    }
    // and the one results chain the wizard's review and the CLI show
    const want = ledgerResults(p.inputs, a);
    close(ledgerResults(p.inputs, b).ltv, want.ltv);
    close(S.e.get("Result_LTV"), want.ltv);
    const ia = ledgerInterval(p.inputs, a);
    const ib = ledgerInterval(p.inputs, b);
    if (ia) {
      close(ib!.low, ia.low);
      close(ib!.high, ia.high);
    } else expect(ib).toBeNull();
    // per customer: orders are purchase occasions, revenue the same total as the ledger's
    const revenue = (x: typeof p.byLedger) => x.summary.reduce((s, r) => s + r.revenue, 0);
    close(revenue(p.bySummary), revenue(p.byLedger));
  });

  it("what only order lines tell is left out and said in words", () => {
    const p = bothPlans(demo, ledgerCustomerSummary(demo), "month", DEFAULT_INPUTS, "ja");
    const s = p.bySummary;
    expect(s.cohorts).toEqual([]);
    expect(s.retention).toEqual([]);
    expect(s.churn).toBeNull();
    expect(s.largestDrop).toBeUndefined();
    expect(s.value!.holdout).toBeNull();
    expect(s.value!.curve).toEqual([]);
    const O = SHEET_LABELS.ja.summaryOrigin;
    const cohorts = p.summaryPlan.sheet.blocks.find((b) => b.id === "cohorts")!;
    expect(cohorts.cells[1][0]?.value).toBe(O.cohorts);
    expect(p.summaryPlan.sheet.charts.map((c) => c.id)).not.toContain("retention");
    const facts = p.summaryPlan.sheet.blocks.find((b) => b.id === "ledger")!;
    const texts = facts.cells.map((r) => r[3]?.value);
    expect(texts).toEqual(expect.arrayContaining([O.orders, O.lapse, O.holdout, O.drop]));
    const lapse = facts.cells.find((r) => r[0]?.value === SHEET_LABELS.ja.rows.lapse[0])!;
    expect(lapse[1]?.value).toBe("");
    const source = facts.cells.find((r) => r[0]?.value === SHEET_LABELS.ja.rows.source[0])!;
    expect(source[1]?.value).toBe(`Summary!A1:F600 ${O.source}`);
  });

  it("without first purchase amounts: the first purchase is the average order, by formula, and said so", () => {
    const t = ledgerCustomerSummary(demo);
    const five = { ...t, firstAmount: null };
    const p = bothPlans(demo, five, "month", DEFAULT_INPUTS, "en");
    const b = p.bySummary.value!;
    const a = p.byLedger.value!;
    close(b.avgOrder, a.avgOrder);
    close(b.firstOrder, b.avgOrder);
    b.params.forEach((x, k) => close(x.value, a.params[k].value));
    const S = modelValues(p.summaryPlan);
    close(S.e.get("Input_FirstOrder"), b.avgOrder);
    const inputs = p.summaryPlan.sheet.blocks.find((b) => b.id === "inputs")!;
    const row = inputs.cells.find((r) => r[1]?.formula === "=Input_AvgOrder")!;
    expect(row[3]?.value).toBe(SHEET_LABELS.en.summaryOrigin.firstOrderEstimated);
    // the first amounts are blank, not 0: unknown
    const summary = p.summaryPlan.sheet.blocks.find((b) => b.id === "summary")!;
    expect(summary.cells.every((r) => r[5] === null)).toBe(true);
    close(S.e.get("Result_LTV"), ledgerResults(p.inputs, b).ltv);
  });

  it("a summary the models cannot fit says why, in the user's language", () => {
    const t = ledgerCustomerSummary(demo);
    const once = { ...t, repeats: new Float64Array(t.repeats.length), last: t.first };
    const s = analyseSummaryForPlan(once, "month", { source: "S!A1:F9", lang: "ja" });
    expect(s.value).toBeUndefined();
    expect(s.valueError).toMatch(/[ぁ-んァ-ン]/);
    const noSpend = analyseSummaryForPlan({ ...t, avgRepeat: null }, "month", { source: "S" });
    expect(noSpend.valueError).toMatch(/average repeat spend/);
  });
});
