/**
 * Churn rate (離脱率) per period, estimated from a ledger's activity.
 */
import { activeBits, customerSpans, eachActivePeriod } from "./activity";
import { checkPeriodLength, lastCompletePeriod, periodIndexes, periodScheme } from "./calendar";
import { notEnoughData } from "./errors";
import type { Ledger } from "./ledger";
import type { PeriodUnit } from "./periods";

/** One pair of consecutive periods (t, t + 1) used by the estimator. */
export interface ChurnPeriod {
  /** period t: "2024-01", "2024-Q1", "2024", or its first day for elapsed units */
  label: string;
  /** first day of period t (serial) */
  start: number;
  /** customers who bought in period t (A_t) */
  active: number;
  /** of those, customers who also bought in period t + 1 (R_t) */
  retained: number;
  /** A_t − R_t */
  churned: number;
  /** (A_t − R_t) ÷ A_t, or null when nobody bought in period t */
  rate: number | null;
}

/** The churn estimate with everything it rests on. */
export interface ChurnEstimate {
  /** Σ(A_t − R_t) ÷ ΣA_t over the pairs used: the share of active customers who are not active next period */
  rate: number;
  unit: PeriodUnit;
  /** true for month, quarter, year (calendar periods); false for windows of days from the first order date */
  calendar: boolean;
  /** number of consecutive-period pairs (t, t + 1) used */
  periodsUsed: number;
  /** ΣA_t */
  activeCustomers: number;
  /** Σ(A_t − R_t) */
  churnedCustomers: number;
  /** the unweighted mean of the per-period rates, for comparison (periods with A_t > 0) */
  meanOfRates: number;
  /** every pair (t, t + 1) of the window, empty periods included; built on first access, O(P) */
  byPeriod: ChurnPeriod[];
}

/**
 * Churn rate per period: the share of customers active in one period who are not active in the next, averaged
 * over the observed window.
 *
 * Estimator: periods t run from the period of the first order to the last period that has ended by the last
 * order date (calendar months, quarters, years; or windows of D days starting at the first order date). With
 * A_t = customers who bought in t and R_t = those who also bought in t + 1, over every pair (t, t + 1) of
 * observed periods: churn = Σ(A_t − R_t) ÷ ΣA_t — the average of the per-period churn shares weighted by A_t,
 * which is the maximum-likelihood estimate of a constant per-period churn probability and is not thrown about by
 * a nearly empty period. "Active" means at least one purchase occasion (same-day or same-period orders count
 * once). A customer who skips a period and returns counts as churned once and won back later, so for customers
 * who buy less often than once a period this measures lapse, not permanent loss; choose a period at least as
 * long as the usual gap between purchases.
 * Example: A buys Jan, Feb, Mar; B buys Jan; C buys Feb, Mar; ledger ending 2024-03-31, "month" →
 * Jan: A_t 2, R_t 1; Feb: 2, 2 → churn = 1 ÷ 4 = 0.25.
 * @throws LtvError `noOrders`; `tooFewValues` (not enough data) with fewer than two observed periods;
 * `periodBelowDay` for a number of days below 1 (dates are whole days).
 *
 * Cost: O(n + C + A) time for the rate, A ≤ n being the distinct (customer, period) pairs — independent of the
 * number of periods P in the window: an empty period adds nothing to either sum, so only periods with activity
 * are visited. No cap on P is needed (the result is one number, and a long window with a typo date still answers
 * at once, with P ≤ 2,958,466 daily periods as a period is at least a day); memory is O(n + C + P) typed arrays
 * (a few MB at most), allocated zeroed with no pass over them. `byPeriod` lists every pair, empty ones included,
 * so it is built on first access only, in O(P).
 */
export function churnRate(ledger: Ledger, unit: PeriodUnit): ChurnEstimate {
  checkPeriodLength(unit);
  const g = customerSpans(ledger);
  const scheme = periodScheme(unit, g.minDate);
  const base = scheme.index(g.minDate);
  const P = scheme.index(g.maxDate) - base + 1;
  const lastComplete = lastCompletePeriod(scheme, g.maxDate) - base;
  if (lastComplete < 1)
    throw notEnoughData("tooFewValues", {
      arg: "order_dates",
      params: {
        limit: 2,
        count: Math.max(0, lastComplete + 1),
      },
    });

  const n = ledger.n;
  const dates = ledger.dates as Float64Array;
  let tOf: Int32Array;
  if (scheme.calendar)
    tOf = periodIndexes(scheme, dates.subarray(0, n), base, g.minDate, g.maxDate);
  else {
    tOf = new Int32Array(n);
    const origin = scheme.origin;
    const D = unit.days;
    for (let i = 0; i < n; i++) tOf[i] = Math.floor((dates[i] - origin) / D);
  }
  // A_t and R_t for the pairs t < lastComplete: visits come customer by customer, so each customer's periods are
  // marked (stamp[t] = c + 1), then counted when the next customer starts. The periods with A_t > 0 are listed as
  // they first appear, so the sums never walk the empty periods.
  const A = new Int32Array(P);
  const R = new Int32Array(P);
  const stamp = new Int32Array(P + 1);
  const seen = new Int32Array(Math.min(P, n)); // one customer's distinct periods: at most P, at most n
  const touched: number[] = [];
  let activeSum = 0;
  let retainedSum = 0;
  let current = -1;
  let m = 0;
  const finish = (): void => {
    const mark = current + 1;
    for (let i = 0; i < m; i++) {
      const t = seen[i];
      if (t >= lastComplete) continue;
      if (A[t]++ === 0) touched.push(t);
      activeSum++;
      if (stamp[t + 1] === mark) {
        R[t]++;
        retainedSum++;
      }
    }
    m = 0;
  };
  const active = activeBits(ledger, tOf, P);
  if (active) {
    // the same visits as below, read off the bitmap in place: customer by customer, periods ascending, and
    // "also active in t + 1" is the next bit (of the next word for the last bit of a word)
    const { bits, W } = active;
    const C = ledger.customers.length;
    for (let c = 0; c < C; c++) {
      const o = c * W;
      for (let w = 0; w < W; w++) {
        let x = bits[o + w];
        const next = (x >>> 1) | (w + 1 < W ? bits[o + w + 1] << 31 : 0);
        while (x !== 0) {
          const low = x & -x;
          const t = (w << 5) + 31 - Math.clz32(low);
          if (t >= lastComplete) break;
          if (A[t]++ === 0) touched.push(t);
          activeSum++;
          if ((next & low) !== 0) {
            R[t]++;
            retainedSum++;
          }
          x ^= low;
        }
      }
    }
  } else {
    eachActivePeriod(ledger, tOf, P, (c, t) => {
      if (c !== current) {
        finish();
        current = c;
      }
      stamp[t] = c + 1;
      seen[m++] = t;
    });
    finish();
  }

  let rateSum = 0;
  for (const t of touched) rateSum += (A[t] - R[t]) / A[t];
  let byPeriod: ChurnPeriod[] | undefined;
  const estimate: ChurnEstimate = {
    rate: (activeSum - retainedSum) / activeSum,
    unit,
    calendar: scheme.calendar,
    periodsUsed: lastComplete,
    activeCustomers: activeSum,
    churnedCustomers: activeSum - retainedSum,
    meanOfRates: rateSum / touched.length,
    byPeriod: [],
  };
  Object.defineProperty(estimate, "byPeriod", {
    enumerable: true,
    get(): ChurnPeriod[] {
      if (byPeriod) return byPeriod;
      byPeriod = new Array<ChurnPeriod>(lastComplete);
      for (let t = 0; t < lastComplete; t++) {
        const a = A[t];
        const r = R[t];
        const rate = a > 0 ? (a - r) / a : null;
        byPeriod[t] = {
          label: scheme.label(base + t),
          start: scheme.start(base + t),
          active: a,
          retained: r,
          churned: a - r,
          rate,
        };
      }
      return byPeriod;
    },
  });
  return estimate;
}
