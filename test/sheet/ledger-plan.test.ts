/**
 * The ledger route's plan, computed by HyperFormula: inputs derived by formula from the per-customer summary
 * equal src/core's averageOrderValue / purchaseFrequency, and the LTV, ratio and payback equal the core's.
 * Ledgers: a small hand-made shop whose retention falls between month 6 and 7, and the CDNOW sample
 * (Fader, Hardie & Lee 2005; ../shared/data/cdnow_sample_elog.csv).
 */
import { readFileSync } from "fs";
import { lifetimeValue } from "../../src/core/ltv";
import { readLedger, type Ledger } from "../../src/core/ledger";
import { averageOrderValue } from "../../src/core/orders";
import { purchaseFrequency } from "../../src/core/frequency";
import { namedUnit } from "../../src/core/periods";
import { lifetimePeriods, ltvResults } from "../../src/core/results";
import { cacPayback, ltvToCac } from "../../src/core/unit-economics";
import { churnRate } from "../../src/core/churn";
import { shopLedger } from "./fixtures";
import { analyseLedgerForPlan } from "../../src/sheet/ledger-analysis";
import { buildCalculationPlan, DEFAULT_INPUTS } from "../../src/sheet/plan";
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

function check(ledger: Ledger, unit: PlanUnit, inputs: PlanInputs, lang: "en" | "ja") {
  const analysis = analyseLedgerForPlan(ledger, unit, {
    source: "Sales!A1:D100",
    readAt: new Date(Date.UTC(2025, 0, 1)),
  });
  const plan = buildCalculationPlan({ ...inputs, periodUnit: unit }, lang, analysis, {
    now: new Date(2025, 0, 1),
  });
  const e = evaluatePlan(plan);
  expect(e.errors()).toEqual([]);
  const period = namedUnit(unit);
  const avg = averageOrderValue(ledger);
  const freq = purchaseFrequency(ledger, period);
  close(e.get("Input_AvgOrder"), avg);
  close(e.get("Input_Frequency"), freq);
  const churn = churnRate(ledger, period).rate;
  const n = lifetimePeriods(
    inputs.lifespanFromChurn
      ? { churn }
      : { lifespan: inputs.lifespan, unit: namedUnit(inputs.lifespanUnit) },
    period
  );
  close(e.get("Calc_Periods"), n);
  const want = ltvResults({ ...inputs, avgOrder: avg, frequency: freq, periods: n });
  close(e.get("Result_LTV"), want.ltv);
  close(e.get("Result_LTV_CAC"), want.ltvCac as number);
  close(e.get("Result_CAC_Payback"), want.payback as number);
  close(e.get("Result_Max_CAC"), want.maxCac);
  close(e.get("Calc_LTV_BeforeAcquisition"), want.ltvBeforeAcquisition);
  // the chain's LTV is =LTV's, and its ratio and payback the unit-economics functions'
  expect(want.ltv).toBe(
    lifetimeValue({
      avgOrder: avg,
      frequency: freq,
      periods: n,
      grossMargin: inputs.grossMargin,
      discountRate: inputs.discountRate,
      acquisitionCost: inputs.acquisitionCost,
      retentionCost:
        inputs.retentionBasis === "perPeriod" ? inputs.retentionCost * n : inputs.retentionCost,
    })
  );
  close(want.ltvCac as number, ltvToCac(want.ltv + inputs.acquisitionCost, inputs.acquisitionCost));
  close(
    want.payback as number,
    cacPayback(inputs.acquisitionCost, avg * freq * inputs.grossMargin)
  );
  return { plan, e, analysis };
}

describe("the ledger route's sheet computes what src/core computes", () => {
  const shop = readLedger(columns(shopLedger()), { mode: "lenient" });

  it("derives avg order and frequency by formula from the summary, and the lifespan from churn", () => {
    const { e, analysis } = check(
      shop,
      "month",
      {
        ...DEFAULT_INPUTS,
        lifespanFromChurn: true,
        grossMargin: 0.4,
        discountRate: 0.01,
        acquisitionCost: 3000,
      },
      "ja"
    );
    expect(e.get("B44")).toBe(shop.customers.length); // customers = COUNTA(Ledger_Customers)
    expect(e.get("B45")).toBe(shop.orderIds!.length); // orders = SUM(Ledger_Orders)
    expect(analysis.rowsSkipped).toBe(2);
    expect(analysis.largestDrop?.period).toBe(6);
    expect(e.get("B50")).toMatch(/6か月目 → 7か月目/);
  });

  it("keeps a typed lifespan when the user overrides the churn estimate, in quarters", () => {
    check(
      shop,
      "quarter",
      {
        ...DEFAULT_INPUTS,
        lifespan: 2,
        lifespanUnit: "year",
        grossMargin: 0.5,
        acquisitionCost: 2500,
        retentionCost: 200,
        retentionBasis: "perPeriod",
      },
      "en"
    );
  });

  it("handles the CDNOW sample (2,357 customers) by month, lifespan from churn", () => {
    const ledger = cdnow();
    const { plan, e } = check(
      ledger,
      "month",
      {
        ...DEFAULT_INPUTS,
        lifespanFromChurn: true,
        grossMargin: 0.3,
        discountRate: 0.01,
        acquisitionCost: 20,
      },
      "en"
    );
    expect(ledger.customers.length).toBe(2357);
    expect(plan.sheet.blocks.find((b) => b.id === "summary")!.cells).toHaveLength(2357);
    expect(e.get("B44")).toBe(2357);
    expect(plan.sheet.charts).toHaveLength(1);
  });

  it("stamps the source and time next to the values", () => {
    const { e } = check(shop, "month", { ...DEFAULT_INPUTS, lifespanFromChurn: true }, "en");
    expect(e.get("A3")).toMatch(/Sales!A1:D100/);
    expect(e.get("B40")).toBe("Sales!A1:D100");
  });
});
