/**
 * The ledger route's lifetime value against a known truth. Ledgers are simulated from processes whose rules we
 * own (test/support/ledger-sim.ts): the Pareto/NBD and BG/NBD stories, and processes the models do not assume (a
 * regular buyer, a small B2B distributor, the demo shop's step drop after month 6). The true value of a new
 * customer over three years comes from the process (closed form, or a Monte Carlo run of its rules that is
 * independent of the ledger sample); the product must recover it within the tolerances the product promises,
 * whatever the period unit, the row order, blank rows, a header or the header's language.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { serialFromDate } from "../../src/core/input/date";
import { readLedger, type Ledger } from "../../src/core/ledger";
import { holdoutCheck } from "../../src/core/holdout";
import { fitLedgerModel, newCustomerValue, type LedgerModel } from "../../src/core/ledger-value";
import { cohortValueCurve } from "../../src/core/value-curve";
import { expectedNewPurchases } from "../../src/core/models/new-customer";
import { UNIT_DAYS, type PeriodUnit } from "../../src/core/periods";
import {
  b2bProcess,
  bgNbdProcess,
  demoProcess,
  ledgerOf,
  monteCarloTruth,
  paretoNbdProcess,
  paretoNbdTruth,
  regularProcess,
  simulateLedgerRows,
  type Process,
  type SimRow,
} from "../support/ledger-sim";
import { readCdnowElog } from "./models/cdnow";

const YEAR = 365.25;
const HORIZON_DAYS = 3 * YEAR;
const MONTH: PeriodUnit = { days: UNIT_DAYS.month, name: "month" };
const QUARTER: PeriodUnit = { days: UNIT_DAYS.quarter, name: "quarter" };
const YEAR_UNIT: PeriodUnit = { days: UNIT_DAYS.year, name: "year" };
const SPEND = { p: 6, q: 4, v: 1500 }; // mean order 3,000

/** LTV before costs over three years, in months (the period does not matter: tested below). */
function ltv(m: LedgerModel, period = MONTH, yearlyDiscount = 0): number {
  const perYear = YEAR / period.days;
  return newCustomerValue(m, {
    period,
    horizon: 3 * perYear,
    discountRate: Math.pow(1 + yearlyDiscount, 1 / perYear) - 1,
  }).ltvBeforeCosts;
}

function simulated(process: Process, customers: number, seed: number, years = 2): Ledger {
  return ledgerOf(
    simulateLedgerRows({
      process,
      customers,
      acquisitionDays: years * YEAR,
      windowDays: years * YEAR,
      seed,
    })
  );
}

function demoLedger(): Ledger {
  const lines = readFileSync(join(__dirname, "../../demo/sample-ledger.csv"), "utf8")
    .replace(/^\uFEFF/, "")
    .trim()
    .split(/\r?\n/)
    .map((l) => l.split(","));
  const col = (k: number) => lines.map((l) => l[k]);
  // the header row (顧客ID, 購入日, 金額, 注文番号) is recognised and skipped by the reader
  return readLedger({ customers: col(0), dates: col(1), amounts: col(2), orders: col(3) });
}

describe("the ledger route recovers the true lifetime value of a new customer", () => {
  const pnbd = paretoNbdProcess(0.8, 0.8 * 30, 1.2, 1.2 * 400, SPEND);
  const pnbdTruth = paretoNbdTruth(0.8, 0.8 * 30, 1.2, 1.2 * 400, SPEND, HORIZON_DAYS);

  it("the Monte Carlo truth agrees with the Pareto/NBD closed form (the simulator is right)", () => {
    const mc = monteCarloTruth(pnbd, HORIZON_DAYS, 100_000, 3);
    expect(Math.abs(mc.mean - pnbdTruth)).toBeLessThan(3 * mc.se);
  });

  it("within ±10 % on ledgers that follow the Pareto/NBD's assumptions (2,000 customers, three ledgers)", () => {
    for (const seed of [1, 2, 3]) {
      const m = fitLedgerModel(simulated(pnbd, 2000, seed));
      expect(ltv(m) / pnbdTruth).toBeGreaterThan(0.9);
      expect(ltv(m) / pnbdTruth).toBeLessThan(1.1);
    }
  });

  it("within ±10 % on ledgers that follow the BG/NBD's assumptions (the likelihood picks the BG/NBD)", () => {
    const process = bgNbdProcess(0.6, 0.6 * 25, 0.8, 4, SPEND);
    const truth = monteCarloTruth(process, HORIZON_DAYS, 100_000, 4).mean;
    for (const seed of [1, 2]) {
      const m = fitLedgerModel(simulated(process, 2000, seed));
      expect(m.model.kind).toBe("bgnbd");
      expect(ltv(m) / truth).toBeGreaterThan(0.9);
      expect(ltv(m) / truth).toBeLessThan(1.1);
    }
  });

  it("within ±20 % for a regular, non-Poisson monthly buyer", () => {
    const process = regularProcess(30, 365, 2);
    const truth = monteCarloTruth(process, HORIZON_DAYS, 100_000, 5).mean;
    for (const seed of [1, 2]) {
      const ratio = ltv(fitLedgerModel(simulated(process, 1000, seed))) / truth;
      expect(ratio).toBeGreaterThan(0.8);
      expect(ratio).toBeLessThan(1.2);
    }
  });

  it("a small B2B distributor (200 customers, lumpy orders, long lives): within ±25 % each, ±10 % on average", () => {
    const process = b2bProcess();
    const truth = monteCarloTruth(process, HORIZON_DAYS, 100_000, 6).mean;
    const ratios = [1, 2, 3, 4].map(
      (seed) => ltv(fitLedgerModel(simulated(process, 200, seed, 3))) / truth
    );
    for (const r of ratios) {
      expect(r).toBeGreaterThan(0.75);
      expect(r).toBeLessThan(1.25);
    }
    const mean = ratios.reduce((a, b) => a + b) / ratios.length;
    expect(Math.abs(mean - 1)).toBeLessThan(0.1);
  });

  it("the demo ledger: within ±10 % of the value its generating rules give", () => {
    const truth = monteCarloTruth(demoProcess, HORIZON_DAYS, 200_000, 7).mean;
    const m = fitLedgerModel(demoLedger());
    expect(ltv(m) / truth).toBeGreaterThan(0.9);
    expect(ltv(m) / truth).toBeLessThan(1.1);
  });

  it("the simulator's demo rules are the demo file's: first-year revenue per customer agrees", () => {
    // customers acquired in the file's first year, revenue within 365 days of their first purchase
    const ledger = demoLedger();
    const first = new Map<number, number>();
    const revenue = new Map<number, number>();
    const dates = ledger.dates as Float64Array;
    const of = ledger.customerOf as Int32Array;
    for (let i = 0; i < ledger.n; i++)
      first.set(of[i], Math.min(first.get(of[i]) ?? Infinity, dates[i]));
    const end = serialFromDate(2023, 12, 31) as number;
    for (let i = 0; i < ledger.n; i++) {
      const f = first.get(of[i]) as number;
      if (f <= end && dates[i] < f + 365)
        revenue.set(of[i], (revenue.get(of[i]) ?? 0) + (ledger.amounts as Float64Array)[i]);
    }
    const values = [...revenue.values()];
    const mean = values.reduce((a, b) => a + b) / values.length;
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
    const truth = monteCarloTruth(demoProcess, 365, 100_000, 8).mean;
    expect(Math.abs(mean - truth)).toBeLessThan((3 * sd) / Math.sqrt(values.length));
  });
});

describe("the period unit changes the presentation, never the value", () => {
  const m = fitLedgerModel(demoLedger());
  it("month, quarter and year give the same LTV within 2 % (undiscounted: exactly)", () => {
    const values = [MONTH, QUARTER, YEAR_UNIT].map((u) => ltv(m, u));
    for (const v of values) expect(v / values[0]).toBeCloseTo(1, 12);
  });
  it("with a 10 % yearly discount rate converted to each period: within 2 %", () => {
    const values = [MONTH, QUARTER, YEAR_UNIT].map((u) => ltv(m, u, 0.1));
    expect(Math.max(...values) / Math.min(...values)).toBeLessThan(1.02);
    expect(values[0]).toBeLessThan(ltv(m, MONTH));
  });
  it("frequency × periods is the model's expected repeat purchases, in every unit, to 1e-9", () => {
    for (const u of [MONTH, QUARTER, YEAR_UNIT]) {
      const v = newCustomerValue(m, { period: u, horizon: HORIZON_DAYS / u.days });
      const expected = expectedNewPurchases(m.model, HORIZON_DAYS / 7);
      expect(Math.abs(v.frequency * v.periods - expected)).toBeLessThan(1e-9 * expected);
      // one chain: the LTV is exactly first + average order × frequency × periods (no discount, margin 1)
      const chain = v.firstOrder + v.avgOrder * v.frequency * v.periods;
      expect(Math.abs(v.ltvBeforeCosts - chain)).toBeLessThan(1e-9 * chain);
    }
  });
});

describe("presentation does not move the number", () => {
  const rows = simulateLedgerRows({
    process: demoProcess,
    customers: 300,
    acquisitionDays: 600,
    windowDays: 730,
    seed: 21,
  });
  const base = ltv(fitLedgerModel(ledgerOf(rows)));
  const close = (v: number) => expect(Math.abs(v / base - 1)).toBeLessThan(1e-9);
  it("row order", () => {
    const shuffled = [...rows];
    let s = 17;
    for (let i = shuffled.length - 1; i > 0; i--) {
      s = (s * 1103515245 + 12345) % 2147483648;
      const j = s % (i + 1);
      [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
    }
    close(ltv(fitLedgerModel(ledgerOf(shuffled))));
  });
  it("blank rows, a header row in English or Japanese, dates and amounts as text", () => {
    const cells = (r: SimRow) => [r.customer, r.date, r.amount] as (string | number | null)[];
    const withBlanks = rows.flatMap((r, i) =>
      i % 7 === 0 ? [cells(r), [null, null, null]] : [cells(r)]
    );
    for (const header of [
      ["customer", "date", "amount"],
      ["顧客ID", "購入日", "金額"],
    ]) {
      const table = [header, ...withBlanks];
      const ledger = readLedger({
        customers: table.map((r) => r[0]),
        dates: table.map((r) => r[1]),
        amounts: table.map((r) => r[2]),
      });
      close(ltv(fitLedgerModel(ledger)));
    }
    const text = readLedger({
      customers: rows.map((r) => r.customer),
      dates: rows.map((r) => {
        const d = new Date(Date.UTC(1899, 11, 30) + r.date * 86_400_000);
        return `${d.getUTCFullYear()}/${d.getUTCMonth() + 1}/${d.getUTCDate()}`;
      }),
      amounts: rows.map((r) => `¥${r.amount.toLocaleString("en-US")}`),
    });
    close(ltv(fitLedgerModel(text)));
  });
});

describe("fits accept what real ledgers produce", () => {
  it("a customer whose first purchase is on the last day (T = 0) adds nothing and breaks nothing", () => {
    const rows = simulateLedgerRows({
      process: demoProcess,
      customers: 200,
      acquisitionDays: 600,
      windowDays: 730,
      seed: 5,
    });
    const last = Math.max(...rows.map((r) => r.date));
    const plus = [...rows, { customer: "NEW", date: last, amount: 2000 }];
    const a = fitLedgerModel(ledgerOf(rows), { model: "pnbd" });
    const b = fitLedgerModel(ledgerOf(plus), { model: "pnbd" });
    expect(b.startedOnEnd).toBeGreaterThanOrEqual(1);
    expect(b.customers).toBe(a.customers + 1);
    for (const k of ["r", "alpha", "s", "beta"] as const) {
      expect((b.model.params as unknown as Record<string, number>)[k]).toBeCloseTo(
        (a.model.params as unknown as Record<string, number>)[k],
        4
      );
    }
  });
  it("refuses a ledger where nobody bought twice, in words", () => {
    const ledger = ledgerOf([
      { customer: "A", date: 45000, amount: 10 },
      { customer: "B", date: 45100, amount: 10 },
    ]);
    expect(() => fitLedgerModel(ledger)).toThrow(/noRepeatPurchases/);
  });
});

describe("CDNOW: the ledger route's fits are the published ones", () => {
  const e = readCdnowElog();
  const ledger = readLedger({ customers: e.ids, dates: e.dates, amounts: e.sales });
  const calibrationEnd = serialFromDate(1997, 9, 30) as number;
  it("Pareto/NBD r 0.553, α 10.58, s 0.606, β 11.67 (weeks); auto picks the BG/NBD, whose likelihood is higher", () => {
    const p = fitLedgerModel(ledger, { model: "pnbd", calibrationEnd });
    expect(p.model.params).toMatchObject({
      r: expect.closeTo(0.553, 3),
      alpha: expect.closeTo(10.58, 2),
      s: expect.closeTo(0.606, 3),
    });
    const auto = fitLedgerModel(ledger, { calibrationEnd });
    expect(auto.model.kind).toBe("bgnbd");
    expect(auto.logLik).toBeCloseTo(-9582.4, 1);
    expect(auto.logLik).toBeGreaterThan(p.logLik);
  });
});

describe("holdout check", () => {
  it("on model-conforming data the predicted purchases of the last sixth are within 10 % of what happened", () => {
    const ledger = simulated(paretoNbdProcess(0.8, 0.8 * 30, 1.2, 1.2 * 400, SPEND), 2000, 9);
    const h = holdoutCheck(ledger);
    expect(h).not.toBeNull();
    expect(Math.abs(h?.error ?? 1)).toBeLessThan(0.1);
    expect(h?.days).toBe(Math.round(730 / 6));
  });
  it("the demo ledger: within 10 %", () => {
    const h = holdoutCheck(demoLedger());
    expect(Math.abs(h?.error ?? 1)).toBeLessThan(0.1);
  });
  it("is not made when the holdout would be under four weeks", () => {
    const ledger = ledgerOf([
      { customer: "A", date: 45000, amount: 10 },
      { customer: "A", date: 45050, amount: 10 },
    ]);
    expect(holdoutCheck(ledger)).toBeNull();
  });
});

describe("cohort value curve", () => {
  it("observed revenue per acquired customer equals a brute-force count, customer by customer", () => {
    const rows = simulateLedgerRows({
      process: demoProcess,
      customers: 400,
      acquisitionDays: 500,
      windowDays: 730,
      seed: 31,
    });
    const ledger = ledgerOf(rows);
    const m = fitLedgerModel(ledger);
    const curve = cohortValueCurve(ledger, m, MONTH);
    expect(curve.length).toBeGreaterThan(10);
    const end = Math.max(...rows.map((r) => r.date));
    const firstOf = new Map<string, number>();
    for (const r of rows)
      firstOf.set(r.customer, Math.min(firstOf.get(r.customer) ?? Infinity, r.date));
    for (const p of curve) {
      const span = p.period * MONTH.days;
      const eligible = [...firstOf].filter(([, f]) => end - f + 1 >= span).map(([c]) => c);
      const set = new Set(eligible);
      const total = rows
        .filter((r) => set.has(r.customer) && r.date < (firstOf.get(r.customer) as number) + span)
        .reduce((a, r) => a + r.amount, 0);
      expect(p.customers).toBe(eligible.length);
      expect(p.observed).toBeCloseTo(total / eligible.length, 6);
      expect(p.expected).toBeCloseTo(
        (m.firstOrder as number) + (m.avgOrder as number) * expectedNewPurchases(m.model, span / 7),
        6
      );
    }
  });
});
