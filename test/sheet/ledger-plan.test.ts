/**
 * The ledger route's plan, computed by HyperFormula: the five inputs derived by formula from the ledger's model
 * and the per-customer summary equal src/core's (`fitLedgerModel` / `newCustomerValue`, the functions'
 * LEDGER_LTV), and the LTV, ratio and payback equal the core's results chain. Ledgers: a small hand-made shop
 * whose retention falls between month 6 and 7, the demo ledger, and the CDNOW sample (Fader, Hardie & Lee 2005;
 * ../shared/data/cdnow_sample_elog.csv).
 */
import { readFileSync } from "fs";
import { join } from "path";
import { fitLedgerModel, newCustomerValue } from "../../src/core/ledger-value";
import { readLedger, type Ledger } from "../../src/core/ledger";
import { namedUnit } from "../../src/core/periods";
import { shopLedger } from "./fixtures";
import {
  analyseLedgerForPlan,
  ledgerInterval,
  ledgerResults,
} from "../../src/sheet/ledger-analysis";
import { buildCalculationPlan, DEFAULT_INPUTS } from "../../src/sheet/plan";
import { SHEET_LABELS } from "../../src/sheet/labels";
import type { PlanInputs, PlanUnit } from "../../src/sheet/types";
import { evaluatePlan } from "./evaluate";

const close = (actual: unknown, expected: number) => {
  expect(typeof actual).toBe("number");
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(
    1e-9 * Math.max(1, Math.abs(expected))
  );
};

function columns(rows: unknown[][]) {
  return {
    customers: rows.map((r) => r[0]),
    dates: rows.map((r) => r[1]),
    amounts: rows.map((r) => r[2]),
    orders: rows.map((r) => r[3]),
  } as Parameters<typeof readLedger>[0];
}

function cdnow(): Ledger {
  const text = readFileSync(`${__dirname}/../../../shared/data/cdnow_sample_elog.csv`, "utf8")
    .trim()
    .split("\n");
  const rows = text.slice(1).map((l) => l.split(","));
  return readLedger(
    {
      customers: rows.map((r) => r[1]),
      dates: rows.map((r) => Number(r[2])),
      amounts: rows.map((r) => Number(r[4])),
    },
    { mode: "lenient" }
  );
}

function demo(): Ledger {
  const lines = readFileSync(join(__dirname, "../../demo/sample-ledger.csv"), "utf8")
    .replace(/^\uFEFF/, "")
    .trim()
    .split(/\r?\n/)
    .map((l) => l.split(","));
  return readLedger(columns(lines), { mode: "lenient" });
}

function check(ledger: Ledger, unit: PlanUnit, inputs: PlanInputs, lang: "en" | "ja") {
  const horizon = { amount: inputs.horizon ?? 3, unit: inputs.horizonUnit ?? ("year" as const) };
  const analysis = analyseLedgerForPlan(ledger, unit, {
    source: "Sales!A1:D100",
    readAt: new Date(Date.UTC(2025, 0, 1)),
    horizon,
    model: inputs.model,
  });
  const plan = buildCalculationPlan({ ...inputs, periodUnit: unit }, lang, analysis, {
    now: new Date(2025, 0, 1),
  });
  const e = evaluatePlan(plan);
  expect(e.errors()).toEqual([]);
  // the core, independently of the sheet's plumbing: the model of the ledger and a new customer's value
  const period = namedUnit(unit);
  const core = newCustomerValue(fitLedgerModel(ledger, { model: inputs.model }), {
    period,
    horizon: (horizon.amount * namedUnit(horizon.unit).days) / period.days,
    grossMargin: inputs.grossMargin,
    discountRate: inputs.discountRate,
  });
  close(e.get("Input_FirstOrder"), core.firstOrder);
  close(e.get("Input_AvgOrder"), core.avgOrder);
  close(e.get("Input_Frequency"), core.frequency);
  close(e.get("Calc_Periods"), core.periods);
  close(e.get("Calc_AnnuityFactor"), core.discountedPeriods);
  close(e.get("Calc_LTV_BeforeCosts"), core.ltvBeforeCosts);
  // one chain: the sheet's figures are the results chain's, which the wizard and the command line show
  const want = ledgerResults({ ...inputs, periodUnit: unit }, analysis.value!);
  close(want.ltvBeforeCosts, core.ltvBeforeCosts);
  close(e.get("Result_LTV"), want.ltv);
  if (want.ltvCac !== null) close(e.get("Result_LTV_CAC"), want.ltvCac);
  if (want.payback !== null) close(e.get("Result_CAC_Payback"), want.payback);
  close(e.get("Result_Max_CAC"), want.maxCac);
  close(e.get("Calc_LTV_BeforeAcquisition"), want.ltvBeforeAcquisition);
  // the interval, stamped by the core for these inputs, brackets the sheet's live LTV
  const iv = ledgerInterval({ ...inputs, periodUnit: unit }, analysis.value!);
  if (iv) {
    close(e.get("Result_LTV_Low"), iv.low);
    close(e.get("Result_LTV_High"), iv.high);
    expect(iv.low).toBeLessThan(e.get("Result_LTV") as number);
    expect(iv.high).toBeGreaterThan(e.get("Result_LTV") as number);
  } else expect(analysis.value!.warnings!.map((w) => w.code)).toContain("noInterval");
  return { plan, e, analysis, core };
}

describe("the ledger route's sheet computes what src/core computes", () => {
  const shop = readLedger(columns(shopLedger()), { mode: "lenient" });

  it("derives the five inputs by formula from the model and the summary (the shop, by month, in Japanese)", () => {
    const { e, analysis, plan } = check(
      shop,
      "month",
      { ...DEFAULT_INPUTS, grossMargin: 0.4, discountRate: 0.01, acquisitionCost: 3000 },
      "ja"
    );
    const at = (name: string) => plan.names.find((n) => n.name === name)!.range;
    expect(analysis.rowsSkipped).toBe(2);
    expect(analysis.largestDrop?.period).toBe(6);
    // the facts: customers = COUNTA(Ledger_Customers), orders = SUM(Ledger_Orders)
    const facts = plan.sheet.blocks.find((b) => b.id === "ledger")!;
    const labels = facts.cells.map((r) => r[0]?.value);
    const row = (label: string) => facts.cells[labels.indexOf(label)];
    expect(row(SHEET_LABELS.ja.rows.customers[0])[1]?.formula).toBe("=COUNTA(Ledger_Customers)");
    expect(e.get(at("Ledger_Churn"))).toBe(analysis.churn);
    // the largest drop: where, in the value cell; the sentence in the wide explanation column
    const drop = row(SHEET_LABELS.ja.rows.largestDrop[0]);
    expect(drop[1]?.value).toBe("6 → 7");
    expect(drop[3]?.value).toMatch(/6か月目 → 7か月目/);
    // for repeat purchase the period-to-period figure is a lapse rate, and says so
    expect(labels).toContain(SHEET_LABELS.ja.rows.lapse[0]);
    expect(labels).not.toContain(SHEET_LABELS.ja.rows.churn[0]);
  });

  it("the same ledger by quarter, retention cost per period, a 2-year horizon, the Pareto/NBD", () => {
    check(
      shop,
      "quarter",
      {
        ...DEFAULT_INPUTS,
        horizon: 2,
        horizonUnit: "year",
        model: "pnbd",
        grossMargin: 0.5,
        acquisitionCost: 2500,
        retentionCost: 200,
        retentionBasis: "perPeriod",
      },
      "en"
    );
  });

  it("the demo ledger: month, quarter and year give the same LTV (undiscounted: to the last digit)", () => {
    const ledger = demo();
    const ltvs = (["month", "quarter", "year"] as const).map(
      (u) =>
        check(ledger, u, { ...DEFAULT_INPUTS, acquisitionCost: 500 }, "en").e.get(
          "Result_LTV"
        ) as number
    );
    for (const v of ltvs) expect(v / ltvs[0]).toBeCloseTo(1, 9);
  });

  it("changing the discount rate or the horizon on the sheet recomputes the table live", () => {
    const ledger = demo();
    const { plan, e } = check(ledger, "month", { ...DEFAULT_INPUTS, model: "pnbd" }, "en");
    const cellOf = (name: string) => plan.names.find((n) => n.name === name)!.range;
    const before = e.get("Calc_LTV_BeforeCosts") as number;
    const [col, row] = [
      cellOf("Input_Horizon").charCodeAt(0) - 65,
      Number(cellOf("Input_Horizon").slice(1)),
    ];
    e.hf.setCellContents({ sheet: e.sheet, col, row: row - 1 }, 2);
    const twoYears = e.get("Calc_LTV_BeforeCosts") as number;
    const core = newCustomerValue(fitLedgerModel(ledger, { model: "pnbd" }), {
      period: namedUnit("month"),
      horizon: 24,
    });
    close(twoYears, core.ltvBeforeCosts);
    expect(twoYears).toBeLessThan(before);
  });

  it("handles the CDNOW sample (2,357 customers) by month", () => {
    const ledger = cdnow();
    const { plan, e } = check(
      ledger,
      "month",
      { ...DEFAULT_INPUTS, grossMargin: 0.3, discountRate: 0.01, acquisitionCost: 20 },
      "en"
    );
    expect(ledger.customers.length).toBe(2357);
    expect(plan.sheet.blocks.find((b) => b.id === "summary")!.cells).toHaveLength(2357);
    const at = (name: string) => plan.names.find((n) => n.name === name)!.range;
    expect(e.get("Ledger_Customers")).toBeDefined();
    expect(e.get(at("Input_Frequency"))).toBeGreaterThan(0);
    // the retention chart and the value curve
    expect(plan.sheet.charts.map((c) => c.id)).toEqual(["retention", "valueCurve"]);
  });

  it("stamps the source and time next to the values", () => {
    const { e, plan } = check(shop, "month", { ...DEFAULT_INPUTS }, "en");
    expect(e.get("A3")).toMatch(/Sales!A1:D100/);
    const facts = plan.sheet.blocks.find((b) => b.id === "ledger")!;
    expect(facts.cells[2][1]?.value).toBe("Sales!A1:D100");
  });

  it("stamps the LTV's interval and says it in words, the warnings beside it; without draws, says there is none", () => {
    const inputs = { ...DEFAULT_INPUTS, grossMargin: 0.4, acquisitionCost: 3000 };
    const { e, analysis } = check(shop, "month", inputs, "en");
    expect(typeof e.get("Result_LTV_Low")).toBe("number");
    expect(typeof e.get("Result_LTV_High")).toBe("number");
    const plan = (value: typeof analysis.value) =>
      evaluatePlan(
        buildCalculationPlan(
          { ...inputs, periodUnit: "month" },
          "en",
          { ...analysis, value },
          {
            now: new Date(2025, 0, 1),
          }
        )
      );
    // the sentences stand in the explanation column (D), which wraps: in the narrow value cell they were clipped
    const cellText = (ev: ReturnType<typeof evaluatePlan>, label: string) => {
      for (let r = 1; r < 80; r++) if (ev.get(`A${r}`) === label) return ev.get(`D${r}`);
      return undefined;
    };
    const L = SHEET_LABELS.en.rows;
    const withDraws = plan(analysis.value);
    // dollars (an English sheet over plain amounts) with cents, as the money cells show them
    expect(String(cellText(withDraws, L.ltvInWords[0]))).toMatch(
      /^LTV [\d,−-]+\.\d\d; 90 %: [\d,−-]+\.\d\d–[\d,−-]+\.\d\d\. As written: /
    );
    expect(String(cellText(withDraws, L.ltvWarnings[0]))).toMatch(/would help\./);
    const { draws: _draws, ...noDraws } = analysis.value!;
    const without = plan({ ...noDraws, warnings: [{ code: "noInterval" }] });
    expect(without.errors()).toEqual([]);
    expect(without.get("Result_LTV_Low") ?? "").toBe("");
    expect(String(cellText(without, L.ltvInWords[0]))).toMatch(/no 90 % interval/);
    expect(String(cellText(without, L.ltvWarnings[0]))).toMatch(/^No 90 % interval/);
  });
});
