/**
 * A new customer's expected purchases under the Pareto/NBD and the BG/NBD, checked against independent
 * computations: numerical integration of the survival curve, stdlib's ₂F₁ in the textbook formula, and
 * simulation of the generative stories.
 */
import stdlibHyp2f1 from "@stdlib/math-base-special-hyp2f1";
import { LtvError } from "../../../src/core/errors";
import {
  bgnbdExpectedNewCustomer,
  expectedNewPurchases,
  MAX_TABLE_PERIODS,
  newCustomerTable,
  paretoNbdActiveTime,
  paretoNbdExpectedNew,
  paretoNbdSurvival,
} from "../../../src/core/models/new-customer";
import { gammaDraw, seededRandom } from "../../support/simulate";

const CDNOW_PNBD = { r: 0.553, alpha: 10.58, s: 0.606, beta: 11.67 };
const CDNOW_BGNBD = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

/** ∫ f over [a, b] by composite Simpson's rule with m (even) steps. */
function simpson(f: (u: number) => number, a: number, b: number, m = 20000): number {
  const h = (b - a) / m;
  let s = f(a) + f(b);
  for (let i = 1; i < m; i++) s += (i % 2 ? 4 : 2) * f(a + i * h);
  return (s * h) / 3;
}

describe("Pareto/NBD for a new customer", () => {
  it("survival S(t) = (β/(β+t))^s: 1 at the start, the CDNOW share alive after a year of weeks", () => {
    expect(paretoNbdSurvival(CDNOW_PNBD, 0)).toBe(1);
    expect(paretoNbdSurvival(CDNOW_PNBD, 52)).toBeCloseTo(Math.pow(11.67 / 63.67, 0.606), 12);
  });
  it("expected time alive equals the integral of the survival curve, for s below, at and above 1", () => {
    for (const s of [0.606, 1, 1 + 1e-12, 2.5]) {
      const p = { ...CDNOW_PNBD, s };
      for (const [t0, t1] of [
        [0, 39],
        [13, 52],
        [100, 400],
      ]) {
        const slow = simpson((u) => Math.pow(p.beta / (p.beta + u), s), t0, t1);
        expect(paretoNbdActiveTime(p, t0, t1)).toBeCloseTo(slow, 8);
      }
    }
    expect(paretoNbdActiveTime(CDNOW_PNBD, 5, 5)).toBe(0);
    expect(paretoNbdActiveTime(CDNOW_PNBD, 6, 5)).toBe(0);
  });
  it("E[X(t)] = r/α · E[min(τ, t)] matches a simulation of the generative story", () => {
    const p = { r: 0.8, alpha: 4, s: 1.5, beta: 60 };
    const rand = seededRandom(11);
    const n = 200_000;
    const t = 52;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const lambda = gammaDraw(rand, p.r, p.alpha);
      const mu = gammaDraw(rand, p.s, p.beta);
      const life = Math.min(t, -Math.log(1 - rand()) / mu);
      // purchases while alive: Poisson(λ · life), drawn by counting exponential gaps
      let k = 0;
      for (let clock = -Math.log(1 - rand()) / lambda; clock <= life; k++)
        clock += -Math.log(1 - rand()) / lambda;
      total += k;
    }
    const mean = total / n;
    expect(paretoNbdExpectedNew(p, t)).toBeGreaterThan(mean * 0.98);
    expect(paretoNbdExpectedNew(p, t)).toBeLessThan(mean * 1.02);
  });
});

describe("BG/NBD for a new customer", () => {
  it("equals the textbook formula (FHL 2005 eq. 9) evaluated with stdlib's ₂F₁", () => {
    const { r, alpha, a, b } = CDNOW_BGNBD;
    for (const t of [1, 39, 78, 156]) {
      const z = t / (alpha + t);
      const textbook =
        ((a + b - 1) / (a - 1)) *
        (1 - Math.pow(alpha / (alpha + t), r) * stdlibHyp2f1(r, b, a + b - 1, z));
      expect(bgnbdExpectedNewCustomer(CDNOW_BGNBD, t)).toBeCloseTo(textbook, 9);
    }
    expect(bgnbdExpectedNewCustomer(CDNOW_BGNBD, 0)).toBe(0);
  });
  it("is what expectedNewPurchases gives for either tagged model", () => {
    expect(expectedNewPurchases({ kind: "bgnbd", params: CDNOW_BGNBD }, 39)).toBe(
      bgnbdExpectedNewCustomer(CDNOW_BGNBD, 39)
    );
    expect(expectedNewPurchases({ kind: "pnbd", params: CDNOW_PNBD }, 39)).toBe(
      paretoNbdExpectedNew(CDNOW_PNBD, 39)
    );
  });
});

describe("newCustomerTable", () => {
  it("splits the horizon into periods whose purchases add up to E[X(H)], in any period unit", () => {
    for (const model of [
      { kind: "pnbd" as const, params: CDNOW_PNBD },
      { kind: "bgnbd" as const, params: CDNOW_BGNBD },
    ]) {
      const weeks = 156;
      const total = expectedNewPurchases(model, weeks);
      // months: a model week is 7 / 30.4375 months; 36 months = 156.54 weeks
      for (const [unitLength, horizon] of [
        [7 / 30.4375, (weeks * 7) / 30.4375],
        [7 / 91.3125, (weeks * 7) / 91.3125],
        [1, weeks],
      ]) {
        const rows = newCustomerTable(model, horizon, unitLength);
        const sum = rows.reduce((acc, r) => acc + r.purchases, 0);
        expect(sum).toBeCloseTo(total, 9);
        expect(rows.length).toBe(Math.ceil(horizon - 1e-9));
        expect(rows[rows.length - 1].end).toBeCloseTo(horizon, 12);
        for (const r of rows) expect(r.purchases).toBeGreaterThanOrEqual(0);
      }
    }
  });
  it("refuses a horizon that is not positive or longer than a sheet's table", () => {
    const model = { kind: "pnbd" as const, params: CDNOW_PNBD };
    for (const h of [0, -1, NaN, Infinity]) {
      expect(() => newCustomerTable(model, h, 1)).toThrow(LtvError);
    }
    expect(() => newCustomerTable(model, MAX_TABLE_PERIODS + 1, 1)).toThrow(/tooManyPeriods/);
    expect(newCustomerTable(model, MAX_TABLE_PERIODS, 1)).toHaveLength(MAX_TABLE_PERIODS);
  });
});
