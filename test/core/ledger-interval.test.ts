/**
 * The 90 % interval of the ledger route's new-customer LTV: deterministic, close to the delta-method interval where
 * both apply, the same draws for any figure, the contract route too — and, the point of it, coverage on simulated
 * ledgers whose true LTV is known in closed form (test/support/ledger-sim.ts), with widths that shrink like 1/√n.
 */
import { contractValue, fitContractModel } from "../../src/core/contract-value";
import { LtvError } from "../../src/core/errors";
import {
  contractLtvInterval,
  drawsFor,
  drawsInterval,
  ledgerLtvInterval,
  ledgerUncertainty,
  ledgerValueDraws,
  MAX_DRAW_CELLS,
  MIN_LTV_DRAWS,
} from "../../src/core/ledger-interval";
import { fitLedgerModel, newCustomerValue, type LedgerModel } from "../../src/core/ledger-value";
import { UNIT_DAYS, type PeriodUnit } from "../../src/core/periods";
import {
  ledgerOf,
  paretoNbdProcess,
  paretoNbdTruth,
  simulateLedgerRows,
  subscriptionProcess,
  subscriptionTruth,
} from "../support/ledger-sim";
import { median } from "./models/se-reference";

const YEAR = 365.25;
const MONTH: PeriodUnit = { days: UNIT_DAYS.month, name: "month" };
const SPEND = { p: 6, q: 4, v: 1500 }; // mean order 3,000
const TRUE = { r: 0.8, alpha: 24, s: 1.2, beta: 480 }; // per day: a purchase a month while alive, ~2 years alive
const process = paretoNbdProcess(TRUE.r, TRUE.alpha, TRUE.s, TRUE.beta, SPEND);
const truth = paretoNbdTruth(TRUE.r, TRUE.alpha, TRUE.s, TRUE.beta, SPEND, 3 * YEAR);
const VALUE = { period: MONTH, horizon: 36 };

function ledger(customers: number, seed: number) {
  return ledgerOf(
    simulateLedgerRows({
      process,
      customers,
      acquisitionDays: 2 * YEAR,
      windowDays: 2 * YEAR,
      seed,
    })
  );
}

/** The fit of a simulated ledger, or null when the small ledger leaves the model undetermined (#N/A). */
function fitted(customers: number, seed: number): LedgerModel | null {
  try {
    return fitLedgerModel(ledger(customers, seed), { model: "pnbd" });
  } catch (e) {
    if (e instanceof LtvError && e.detail.kind === "notConverged") return null;
    throw e;
  }
}

describe("ledgerLtvInterval", () => {
  const m = fitLedgerModel(ledger(1600, 1), { model: "pnbd" });
  const iv = ledgerLtvInterval(m, VALUE);

  it("is the same every time (a fixed seed), another seed moves it only a little", () => {
    expect(ledgerLtvInterval(m, VALUE)).toEqual(iv);
    const other = ledgerLtvInterval(m, VALUE, { seed: 2 });
    expect(other.low).not.toBe(iv.low);
    expect(Math.abs(other.low - iv.low) / (iv.high - iv.low)).toBeLessThan(0.1);
  });

  it("contains the estimate, which is the LTV of newCustomerValue", () => {
    expect(iv.estimate).toBeCloseTo(newCustomerValue(m, VALUE).ltvBeforeCosts, 6);
    expect(iv.low).toBeLessThan(iv.estimate);
    expect(iv.high).toBeGreaterThan(iv.estimate);
    expect(iv.draws).toBe(1000);
    expect(iv.failed).toBe(0);
  });

  it("agrees with the delta-method interval on a large ledger (both bounds within 10 % of the width)", () => {
    const d = iv.delta!;
    const width = iv.high - iv.low;
    expect(Math.abs(iv.low - d.low) / width).toBeLessThan(0.1);
    expect(Math.abs(iv.high - d.high) / width).toBeLessThan(0.1);
    // and the delta interval's width is 2 × 1.645 se
    expect((d.high - d.low) / d.standardError).toBeCloseTo(2 * 1.6448536, 5);
  });

  it("draws the spend too: with the spend fixed the interval is narrower", () => {
    const u = ledgerUncertainty(m);
    expect(u.names).toEqual(["r", "alpha", "s", "beta", "avgOrder", "firstOrder"]);
    expect(u.covariance[4 * 6 + 4]).toBeGreaterThan(0);
    expect(u.covariance[5 * 6 + 5]).toBeGreaterThan(0);
    // first and later spend of the same customers go together
    expect(u.covariance[4 * 6 + 5]).toBeGreaterThan(0);
    // the same draws read with the spend held at its estimate: only the purchase model's noise is left
    const purchasesOnly = drawsInterval(ledgerValueDraws(m, VALUE), (v) => {
      let periods = 0;
      for (const r of v.table) periods += r.purchases;
      return m.firstOrder! + (m.avgOrder as number) * periods;
    });
    expect(purchasesOnly.high - purchasesOnly.low).toBeLessThan(iv.high - iv.low);
  });

  it("gives any figure of the same draws: at margin 0.4 the interval is 0.4 times as large", () => {
    const draws = ledgerValueDraws(m, VALUE);
    const half = drawsInterval(draws, (v) => {
      let d = 0;
      for (const r of v.table) d += r.purchases / v.frequency;
      return 0.4 * (v.firstOrder + v.avgOrder * v.frequency * d);
    });
    expect(half.low / iv.low).toBeCloseTo(0.4, 9);
    expect(half.high / iv.high).toBeCloseTo(0.4, 9);
  });

  it("bounds its work: fewer draws for long tables, never under the minimum", () => {
    expect(drawsFor(36)).toBe(1000);
    expect(drawsFor(1200)).toBe(Math.max(MIN_LTV_DRAWS, Math.floor(MAX_DRAW_CELLS / 2400)));
    expect(drawsFor(1200) * 1200 * 2).toBeLessThanOrEqual(MAX_DRAW_CELLS * 2.5);
  });

  it("holds a capped shape fixed (variance 0) and still gives an interval", () => {
    const capped: LedgerModel = { ...m, capped: ["s"] };
    const u = ledgerUncertainty(capped);
    expect(u.covariance[2 * 6 + 2]).toBe(0);
    const c = ledgerLtvInterval(capped, VALUE);
    expect(c.low).toBeLessThan(c.estimate);
    expect(c.high).toBeGreaterThan(c.estimate);
  });
});

describe("contractLtvInterval", () => {
  it("covers the true value of a new subscriber, agrees with the delta method, and narrows with more customers", () => {
    const price = 2980;
    const t = subscriptionTruth(1, 9, UNIT_DAYS.month, price, 3 * YEAR);
    const widths = [400, 1600].map((customers) => {
      const m = fitContractModel(
        ledgerOf(
          simulateLedgerRows({
            process: subscriptionProcess(1, 9, UNIT_DAYS.month, price),
            customers,
            acquisitionDays: 2 * YEAR,
            windowDays: 2 * YEAR,
            seed: 5,
          })
        )
      );
      const iv = contractLtvInterval(m, VALUE);
      expect(iv.estimate).toBeCloseTo(contractValue(m, VALUE).ltvBeforeCosts, 6);
      expect(iv.low).toBeLessThan(t);
      expect(iv.high).toBeGreaterThan(t);
      const width = iv.high - iv.low;
      expect(Math.abs(iv.low - iv.delta!.low) / width).toBeLessThan(0.15);
      expect(Math.abs(iv.high - iv.delta!.high) / width).toBeLessThan(0.15);
      return width;
    });
    expect(widths[1] / widths[0]).toBeGreaterThan(0.3);
    expect(widths[1] / widths[0]).toBeLessThan(0.7);
  });
});

/**
 * SLOW (about 20–40 s under jest): fits 120 + 40 Pareto/NBD ledgers. The truth: E[first] + E[spend]·r/α·E[min(τ, H)]
 * of the generating process over 3 years (closed form). Customers join over two years and are observed to the end
 * of the second; the LTV extrapolates a year beyond the longest-observed customer.
 */
describe("coverage of the 90 % LTV interval on simulated ledgers (known truth)", () => {
  function study(customers: number, reps: number, seed0: number, draws: number) {
    let covered = 0;
    let coveredDelta = 0;
    let notFitted = 0;
    const widths: number[] = [];
    for (let k = 0; k < reps; k++) {
      const m = fitted(customers, seed0 + k);
      if (!m) {
        notFitted++;
        continue;
      }
      const iv = ledgerLtvInterval(m, VALUE, { draws, seed: k + 1 });
      if (iv.low <= truth && truth <= iv.high) covered++;
      if (iv.delta && iv.delta.low <= truth && truth <= iv.delta.high) coveredDelta++;
      widths.push((iv.high - iv.low) / truth);
    }
    const judged = widths.length;
    return {
      customers,
      judged,
      notFitted,
      coverage: covered / judged,
      deltaCoverage: coveredDelta / judged,
      medianWidth: median(widths),
    };
  }

  it("covers the truth in close to 90 % of 120 ledgers of 200 customers; width shrinks 100 → 400 → 1600", () => {
    const main = study(200, 120, 1000, 400);
    const widths = [
      study(100, 20, 2000, 400),
      study(400, 12, 3000, 400),
      study(1600, 5, 4000, 400),
    ];
    console.log(
      [main, ...widths]
        .map(
          (s) =>
            `n = ${s.customers}: ${s.judged} intervals (${s.notFitted} fits #N/A), coverage ` +
            `${s.coverage.toFixed(3)} (delta ${s.deltaCoverage.toFixed(3)}), median width ` +
            `${(100 * s.medianWidth).toFixed(1)} % of the true LTV`
        )
        .join("\n")
    );
    expect(main.judged).toBeGreaterThanOrEqual(100);
    // 120 replications: the binomial standard error around 0.9 is 0.027; 0.82–0.97 allows about 3 of them
    expect(main.coverage).toBeGreaterThan(0.82);
    expect(main.coverage).toBeLessThan(0.97);
    const [w100, w400, w1600] = widths.map((s) => s.medianWidth);
    // four times the customers, about half the width
    expect(w400 / w100).toBeGreaterThan(0.35);
    expect(w400 / w100).toBeLessThan(0.7);
    expect(w1600 / w400).toBeGreaterThan(0.35);
    expect(w1600 / w400).toBeLessThan(0.7);
  }, 120_000);
});
