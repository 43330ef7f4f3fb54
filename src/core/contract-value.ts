/**
 * The lifetime value of a new customer of a contract or subscription business, from its payment ledger: the
 * shifted-beta-geometric (sBG) model fitted to how long each customer kept paying.
 *
 * A customer pays once a billing period (detected from the ledger: the median gap between a customer's
 * payments) until they cancel; at each renewal they cancel with probability θ, θ ~ Beta(α, β) across customers.
 * Here a cohort's period-to-period churn is a real churn (unlike a repeat-purchase ledger, where a customer who
 * skips a period has not left). Each customer's record is censored at the end of the ledger: one whose last
 * payment is more than 1.5 billing periods before the end has cancelled; the others are still paying.
 *
 * The LTV chain is the same as the repeat-purchase route's: first payment + average payment × renewals per
 * period × expected paying periods within the horizon (after the first), each renewal discounted from its own
 * date (payments fall at the start of each billing period).
 */
import betaln from "@stdlib/math-base-special-betaln";
import digamma from "@stdlib/math-base-special-digamma";
import { badValue, notEnoughData } from "./errors";
import type { Ledger } from "./ledger";
import { checkParam, PARAMS } from "./params";
import type { NewCustomerValue, NewCustomerValueOptions, ValuePeriod } from "./ledger-value";
import { MAX_TABLE_PERIODS } from "./models/new-customer";
import { fitPositive } from "./models/optimize";
import { covarianceFromLogLikGradient, type Covariance } from "./models/standard-errors";
import type { SbgParams } from "./models/sbg";
import { NAMED_UNITS, UNIT_DAYS, type NamedUnit } from "./periods";

/** A customer has cancelled when the ledger ends more than this many billing periods after their last payment. */
export const GRACE_PERIODS = 1.5;

/** A contract ledger's fitted model. */
export interface ContractModel {
  params: SbgParams;
  logLik: number;
  /** the billing period in days, and the named unit it is closest to */
  billingDays: number;
  billing: NamedUnit;
  /** mean first payment, mean later payment (currency) */
  firstOrder: number;
  avgOrder: number;
  customers: number;
  cancelled: number;
  /** the covariance of (α, β) from the tenure likelihood's information (see ./ledger-interval) */
  covariance?: Covariance;
  /** sampling variances of `firstOrder` and `avgOrder` (currency²): a payment's variance ÷ payments counted */
  spendVariance?: { firstOrder: number; avgOrder: number };
  /** days from the first payment to the end of the ledger */
  windowDays?: number;
}

/**
 * The billing period of a payment ledger: the median gap, in days, between consecutive payment days of the same
 * customer, rounded to the nearest named unit (week, month, quarter or year) by ratio.
 * Example: customers paying on the 5th of each month → month (30.44 days).
 * @throws LtvError `noRepeatPurchases` (#N/A) when nobody paid twice. O(n log n).
 */
export function billingPeriod(ledger: Ledger): NamedUnit {
  const { dates, customerOf } = ledger;
  if (!dates || !customerOf) throw badValue("requiredFor", { arg: "order_dates", params: {} });
  const order = Array.from({ length: ledger.n }, (_, i) => i).sort(
    (i, j) => customerOf[i] - customerOf[j] || dates[i] - dates[j]
  );
  const gaps: number[] = [];
  for (let k = 1; k < order.length; k++) {
    const a = order[k - 1];
    const b = order[k];
    if (customerOf[a] === customerOf[b] && dates[b] > dates[a]) gaps.push(dates[b] - dates[a]);
  }
  if (gaps.length === 0)
    throw notEnoughData("noRepeatPurchases", {
      arg: "customer_ids",
      params: {
        customers: ledger.customers.length,
      },
    });
  gaps.sort((a, b) => a - b);
  const median = gaps[Math.floor(gaps.length / 2)];
  let best: NamedUnit = "month";
  for (const u of NAMED_UNITS) {
    if (u === "day") continue;
    if (Math.abs(Math.log(median / UNIT_DAYS[u])) < Math.abs(Math.log(median / UNIT_DAYS[best])))
      best = u;
  }
  return best;
}

/** Customers by tenure (payments made, counted in billing periods) and whether they cancelled. */
interface Tenures {
  /** tenure k → customers who cancelled after k payments / who are still paying after k payments */
  cancelled: Map<number, number>;
  paying: Map<number, number>;
  firstSum: number;
  laterSum: number;
  laterCount: number;
  /** sums of squares of the first payments and of the later payment rows, and how many such rows */
  firstSq: number;
  laterSq: number;
  laterRows: number;
  customers: number;
  /** days from the first payment to the end */
  windowDays: number;
}

function tenures(ledger: Ledger, billingDays: number): Tenures {
  const { dates, customerOf, amounts } = ledger;
  if (!dates || !customerOf) throw badValue("requiredFor", { arg: "order_dates", params: {} });
  if (!amounts) throw badValue("requiredFor", { arg: "amounts", params: {} });
  const nc = ledger.customers.length;
  const first = new Float64Array(nc).fill(Infinity);
  const last = new Float64Array(nc).fill(-Infinity);
  let end = -Infinity;
  for (let i = 0; i < ledger.n; i++) {
    const c = customerOf[i];
    if (dates[i] < first[c]) first[c] = dates[i];
    if (dates[i] > last[c]) last[c] = dates[i];
    if (dates[i] > end) end = dates[i];
  }
  // amounts by payment day: the first day's is the first payment, later days' are renewals (a renewal paid in
  // two rows on one day is one renewal, as a purchase is in the repeat-purchase route)
  let firstSum = 0;
  let laterSum = 0;
  let laterSq = 0;
  let laterRows = 0;
  let start = Infinity;
  const firstOf = new Float64Array(nc);
  const laterDays = new Set<number>();
  const span = end + 1;
  for (let i = 0; i < ledger.n; i++) {
    const c = customerOf[i];
    if (dates[i] < start) start = dates[i];
    if (dates[i] === first[c]) {
      firstSum += amounts[i];
      firstOf[c] += amounts[i];
    } else {
      laterSum += amounts[i];
      laterSq += amounts[i] * amounts[i];
      laterRows++;
      laterDays.add(c * span + dates[i]);
    }
  }
  let firstSq = 0;
  for (let c = 0; c < nc; c++) firstSq += firstOf[c] * firstOf[c];
  const laterCount = laterDays.size;
  const cancelled = new Map<number, number>();
  const paying = new Map<number, number>();
  for (let c = 0; c < nc; c++) {
    const k = Math.round((last[c] - first[c]) / billingDays) + 1;
    const map = end - last[c] > GRACE_PERIODS * billingDays ? cancelled : paying;
    map.set(k, (map.get(k) ?? 0) + 1);
  }
  return {
    cancelled,
    paying,
    firstSum,
    laterSum,
    laterCount,
    firstSq,
    laterSq,
    laterRows,
    customers: nc,
    windowDays: end - start,
  };
}

/**
 * Log-likelihood of (α, β) over customers' tenures, with its gradient: a customer who cancelled after k payments
 * contributes ln P(T = k) = ln B(α+1, β+k−1) − ln B(α, β); one still paying after k payments has renewed k−1
 * times: ln S(k−1) = ln B(α, β+k−1) − ln B(α, β). For a single cohort this is the survivor-count likelihood of
 * `sbgLogLik`. O(distinct tenures).
 */
export function sbgTenureLogLik(
  par: SbgParams,
  cancelled: ReadonlyMap<number, number>,
  paying: ReadonlyMap<number, number>,
  grad?: Float64Array
): number {
  const { alpha: a, beta: b } = par;
  const lnB0 = betaln(a, b);
  const psiAB = digamma(a + b);
  const psiA = digamma(a);
  const psiB = digamma(b);
  let ll = 0;
  let ga = 0;
  let gb = 0;
  for (const [k, n] of cancelled) {
    ll += n * (betaln(a + 1, b + k - 1) - lnB0);
    const psi = digamma(a + b + k);
    ga += n * (digamma(a + 1) - psi - psiA + psiAB);
    gb += n * (digamma(b + k - 1) - psi - psiB + psiAB);
  }
  for (const [k, n] of paying) {
    if (k <= 1) continue; // S(0) = 1: nothing learnt yet
    ll += n * (betaln(a, b + k - 1) - lnB0);
    const psi = digamma(a + b + k - 1);
    ga += n * (psiAB - psi);
    gb += n * (digamma(b + k - 1) - psi - psiB + psiAB);
  }
  if (grad) {
    grad[0] = ga;
    grad[1] = gb;
  }
  return ll;
}

/**
 * Fits the contract route's sBG model to a payment ledger.
 * Example: 1,000 monthly subscribers with θ ~ Beta(1, 9) (10 % cancel at the first renewal on average, fewer
 * later) observed for two years → α ≈ 1, β ≈ 9.
 * @param billing the billing period; default {@link billingPeriod}
 * @throws LtvError `requiredFor` without ids, dates or amounts, `noRepeatPurchases` when nobody paid twice,
 *   `noCancellations` (#N/A) when no customer has cancelled yet (nothing tells how long they stay),
 *   `notConverged`. Cost: O(n log n) + O(iterations × distinct tenures).
 */
export function fitContractModel(ledger: Ledger, billing?: NamedUnit): ContractModel {
  const unit = billing ?? billingPeriod(ledger);
  const billingDays = UNIT_DAYS[unit];
  const t = tenures(ledger, billingDays);
  let cancelledCount = 0;
  for (const n of t.cancelled.values()) cancelledCount += n;
  if (cancelledCount === 0)
    throw notEnoughData("noCancellations", {
      arg: "customer_ids",
      params: { customers: t.customers },
    });
  const grad = new Float64Array(2);
  const n = t.customers;
  const fit = fitPositive(
    [
      { name: "alpha", start: 1 },
      { name: "beta", start: 1 },
    ],
    (p, out) => {
      const v = sbgTenureLogLik({ alpha: p[0], beta: p[1] }, t.cancelled, t.paying, grad);
      out[0] = -grad[0] / n;
      out[1] = -grad[1] / n;
      return -v / n;
    },
    n,
    "customer_ids"
  );
  const params = { alpha: fit.params[0], beta: fit.params[1] };
  const firstOrder = t.firstSum / n;
  const avgOrder = t.laterCount > 0 ? t.laterSum / t.laterCount : firstOrder;
  // a mean's sampling variance: the amounts' variance ÷ how many were averaged (0 with one amount)
  const meanVariance = (sq: number, sum: number, count: number, divisor: number): number =>
    count > 1 ? Math.max(0, (sq - (sum * sum) / count) / (count - 1)) / divisor : 0;
  return {
    params,
    logLik: fit.logLik,
    billingDays,
    billing: unit,
    firstOrder,
    avgOrder,
    customers: n,
    cancelled: cancelledCount,
    covariance: covarianceFromLogLikGradient(
      (x, out) => {
        sbgTenureLogLik({ alpha: x[0], beta: x[1] }, t.cancelled, t.paying, out);
      },
      [params.alpha, params.beta]
    ),
    spendVariance: {
      firstOrder: meanVariance(t.firstSq, t.firstSum, n, n),
      avgOrder:
        t.laterCount > 0
          ? meanVariance(t.laterSq, t.laterSum, t.laterRows, t.laterCount)
          : meanVariance(t.firstSq, t.firstSum, n, n),
    },
    windowDays: t.windowDays,
  };
}

/**
 * A new contract customer's expected value over a horizon, in the same shape as the repeat-purchase route's.
 *
 * Renewal j (j = 1, 2, … billing periods after the first payment, within the horizon) is paid with probability
 * S(j) = B(α, β+j)/B(α, β); a period's renewals are discounted by (1+d)^−(their mean time in periods), which is
 * exact when a period holds one renewal (monthly billing shown by month). frequency = renewals per period while
 * paying (period ÷ billing period); periods = Σ S(j) ÷ frequency (expected paying periods after the first).
 * Example: monthly billing, α = 1, β = 9, horizon 12 months → Σⱼ₌₁..₁₁ S(j) = Σ 9/(9+j) = 6.92 renewals.
 * @throws LtvError for the horizon, margin or discount rate, as `newCustomerValue`. Cost: O(horizon in billing
 *   periods), at most {@link MAX_TABLE_PERIODS} × 12.
 */
export function contractValue(m: ContractModel, o: NewCustomerValueOptions): NewCustomerValue {
  const margin = checkParam(o.grossMargin ?? 1, PARAMS.grossMargin);
  const d = checkParam(o.discountRate ?? 0, PARAMS.discountRate);
  if (!(o.horizon > 0) || !Number.isFinite(o.horizon))
    throw badValue("mustBeAbove", { arg: "horizon", value: o.horizon, params: { limit: 0 } });
  if (o.horizon > MAX_TABLE_PERIODS)
    throw badValue("tooManyPeriods", {
      arg: "horizon",
      value: o.horizon,
      params: { limit: MAX_TABLE_PERIODS },
    });
  const step = m.billingDays / o.period.days; // one billing period, in periods
  const frequency = 1 / step;
  const lnDiscount = Math.log1p(d);
  const rows = Math.ceil(o.horizon - 1e-9);
  const renewals = new Float64Array(rows);
  const timed = new Float64Array(rows);
  // S(j) by its recursion S(j) = S(j−1)·(β+j−1)/(α+β+j−1): no Beta function per term
  let survival = 1;
  for (let j = 1; j * step < o.horizon - 1e-9; j++) {
    survival *= (m.params.beta + j - 1) / (m.params.alpha + m.params.beta + j - 1);
    const at = j * step;
    const row = Math.min(rows - 1, Math.floor(at + 1e-12));
    renewals[row] += survival;
    timed[row] += survival * at;
    if (survival < 1e-12) break;
  }
  let periods = 0;
  let discountedPeriods = 0;
  const table: ValuePeriod[] = [];
  for (let k = 0; k < rows; k++) {
    // a period's renewals are discounted from their (survival-weighted) mean time: exact for one renewal a period,
    // and what the sheet's one formula a row computes
    const time = renewals[k] > 0 ? timed[k] / renewals[k] : (k + Math.min(k + 1, o.horizon)) / 2;
    const discount = Math.exp(-time * lnDiscount);
    periods += renewals[k] / frequency;
    discountedPeriods += (renewals[k] / frequency) * discount;
    table.push({
      period: k + 1,
      activeTime: renewals[k] / frequency,
      purchases: renewals[k],
      time,
      discount,
    });
  }
  return {
    firstOrder: m.firstOrder,
    avgOrder: m.avgOrder,
    frequency,
    periods,
    discountedPeriods,
    repeatPurchases: frequency * periods,
    ltvBeforeCosts: margin * (m.firstOrder + m.avgOrder * frequency * discountedPeriods),
    horizon: o.horizon,
    table,
  };
}
