/**
 * The contract route: sBG fitted to customers' tenures from a payment ledger, checked against the published
 * single-cohort fit (Fader & Hardie 2007) and against simulated subscription ledgers with a known truth.
 */
import {
  billingPeriod,
  contractValue,
  fitContractModel,
  sbgTenureLogLik,
  type ContractModel,
} from "../../src/core/contract-value";
import { fitPositive } from "../../src/core/models/optimize";
import { fitSbg, sbgLogLik } from "../../src/core/models/sbg";
import { UNIT_DAYS } from "../../src/core/periods";
import {
  ledgerOf,
  simulateLedgerRows,
  subscriptionProcess,
  subscriptionTruth,
} from "../support/ledger-sim";

const MONTH = { days: UNIT_DAYS.month, name: "month" as const };
const QUARTER = { days: UNIT_DAYS.quarter, name: "quarter" as const };
const YEAR = { days: UNIT_DAYS.year, name: "year" as const };
/** Fader & Hardie (2007), "regular" customers: survivors at t = 0 … 7. */
const REGULAR = [1000, 631, 468, 382, 326, 289, 262, 241];

describe("the tenure likelihood", () => {
  it("is the survivor-count likelihood for one cohort: same value, same fit (α 0.704, β 1.182)", () => {
    const cancelled = new Map<number, number>();
    for (let t = 1; t < REGULAR.length; t++) cancelled.set(t, REGULAR[t - 1] - REGULAR[t]);
    const paying = new Map([[REGULAR.length, REGULAR[REGULAR.length - 1]]]);
    for (const par of [
      { alpha: 0.7, beta: 1.2 },
      { alpha: 3, beta: 0.5 },
    ]) {
      expect(sbgTenureLogLik(par, cancelled, paying)).toBeCloseTo(sbgLogLik(par, REGULAR), 9);
    }
    const grad = new Float64Array(2);
    const fit = fitPositive(
      [
        { name: "alpha", start: 1 },
        { name: "beta", start: 1 },
      ],
      (p, out) => {
        const v = sbgTenureLogLik({ alpha: p[0], beta: p[1] }, cancelled, paying, grad);
        out[0] = -grad[0];
        out[1] = -grad[1];
        return -v;
      },
      1,
      "survivors"
    );
    const published = fitSbg(REGULAR);
    expect(fit.params[0]).toBeCloseTo(published.alpha, 5);
    expect(fit.params[1]).toBeCloseTo(published.beta, 5);
    expect(fit.params[0]).toBeCloseTo(0.704, 3);
  });
  it("has the gradient of its values (central differences)", () => {
    const cancelled = new Map([
      [1, 30],
      [4, 12],
    ]);
    const paying = new Map([
      [1, 5],
      [6, 40],
    ]);
    const g = new Float64Array(2);
    const p = { alpha: 1.3, beta: 2.7 };
    sbgTenureLogLik(p, cancelled, paying, g);
    const h = 1e-6;
    const da =
      (sbgTenureLogLik({ ...p, alpha: p.alpha + h }, cancelled, paying) -
        sbgTenureLogLik({ ...p, alpha: p.alpha - h }, cancelled, paying)) /
      (2 * h);
    const db =
      (sbgTenureLogLik({ ...p, beta: p.beta + h }, cancelled, paying) -
        sbgTenureLogLik({ ...p, beta: p.beta - h }, cancelled, paying)) /
      (2 * h);
    expect(g[0]).toBeCloseTo(da, 5);
    expect(g[1]).toBeCloseTo(db, 5);
  });
});

describe("a subscription ledger", () => {
  const price = 2980;
  it("detects the billing period from the payments", () => {
    for (const [days, unit] of [
      [UNIT_DAYS.month, "month"],
      [UNIT_DAYS.quarter, "quarter"],
      [7, "week"],
      [UNIT_DAYS.year, "year"],
    ] as const) {
      const ledger = ledgerOf(
        simulateLedgerRows({
          process: subscriptionProcess(1, 6, days, price),
          customers: 300,
          acquisitionDays: 700,
          windowDays: 4 * 365,
          seed: 3,
        })
      );
      expect(billingPeriod(ledger)).toBe(unit);
    }
  });
  it("recovers the true value of a new subscriber within 10 %, in every period unit", () => {
    for (const [a, b, seed] of [
      [1, 9, 1],
      [0.7, 1.2, 2],
      [3, 30, 3],
    ]) {
      const ledger = ledgerOf(
        simulateLedgerRows({
          process: subscriptionProcess(a, b, UNIT_DAYS.month, price),
          customers: 2000,
          acquisitionDays: 2 * 365.25,
          windowDays: 2 * 365.25,
          seed,
        })
      );
      const m = fitContractModel(ledger);
      expect(m.billing).toBe("month");
      const truth = subscriptionTruth(a, b, UNIT_DAYS.month, price, 3 * 365.25);
      const values = [MONTH, QUARTER, YEAR].map(
        (p) => contractValue(m, { period: p, horizon: (3 * 365.25) / p.days }).ltvBeforeCosts
      );
      for (const v of values) {
        expect(v / truth).toBeGreaterThan(0.9);
        expect(v / truth).toBeLessThan(1.1);
        expect(v / values[0]).toBeCloseTo(1, 12);
      }
    }
  });
});

describe("contractValue", () => {
  const m: ContractModel = {
    params: { alpha: 1, beta: 9 },
    logLik: 0,
    billingDays: UNIT_DAYS.month,
    billing: "month",
    firstOrder: 1000,
    avgOrder: 1000,
    customers: 1,
    cancelled: 1,
  };
  it("sums the renewals due within the horizon: Σⱼ₌₁..₁₁ 9/(9+j) in a year of monthly billing", () => {
    let expected = 0;
    for (let j = 1; j <= 11; j++) expected += 9 / (9 + j);
    const v = contractValue(m, { period: MONTH, horizon: 12 });
    expect(v.repeatPurchases).toBeCloseTo(expected, 12);
    expect(v.frequency).toBe(1);
    expect(v.ltvBeforeCosts).toBeCloseTo(1000 * (1 + expected), 9);
    // the same in quarters: three renewals a quarter while paying
    const q = contractValue(m, { period: QUARTER, horizon: 4 });
    expect(q.frequency).toBeCloseTo(3, 12);
    expect(q.ltvBeforeCosts).toBeCloseTo(v.ltvBeforeCosts, 9);
    expect(q.table.reduce((s, r) => s + r.purchases, 0)).toBeCloseTo(expected, 12);
  });
  it("discounts each renewal from its own date, the first payment not at all", () => {
    const d = 0.01;
    let expected = 1;
    for (let j = 1; j <= 11; j++) expected += (9 / (9 + j)) * Math.pow(1 + d, -j);
    expect(
      contractValue(m, { period: MONTH, horizon: 12, discountRate: d }).ltvBeforeCosts
    ).toBeCloseTo(1000 * expected, 9);
  });
  it("refuses what it cannot compute", () => {
    expect(() => contractValue(m, { period: MONTH, horizon: 0 })).toThrow(/mustBeAbove/);
    expect(() => contractValue(m, { period: MONTH, horizon: 1201 })).toThrow(/tooManyPeriods/);
    expect(() => contractValue(m, { period: MONTH, horizon: 12, grossMargin: 2 })).toThrow(
      /mustBeAtMost/
    );
    expect(() => contractValue(m, { period: MONTH, horizon: 12, discountRate: -1 })).toThrow(
      /mustBeAtLeast/
    );
  });
  it("refuses a ledger where nobody has cancelled yet, in words", () => {
    const ledger = ledgerOf(
      simulateLedgerRows({
        process: subscriptionProcess(1, 1e6, UNIT_DAYS.month, 2980),
        customers: 50,
        acquisitionDays: 60,
        windowDays: 200,
        seed: 4,
      })
    );
    expect(() => fitContractModel(ledger)).toThrow(/noCancellations/);
  });
});
