/**
 * Who to call next: every customer's probability of still being a customer, expected purchases and expected
 * revenue over a horizon, ranked by value and sorted into a few segments a marketer acts on.
 *
 * The model is the ledger route's (`ledger-value.ts`: Pareto/NBD, BG/NBD or the NBD without dropout, fitted in
 * weeks, with Gamma-Gamma spend), so one fit gives both the value of a new customer and this list. For a
 * customer with x repeat purchase days, the last at tₓ and the first T weeks before the calibration end:
 *   probability still active  P(alive | x, tₓ, T)                    (the NBD has no dropout: 1)
 *   expected purchases        E[X(T, T + h) | x, tₓ, T], h = the horizon in weeks
 *   expected revenue          expected purchases × E[spend | x, m̄]   (Gamma-Gamma's conditional mean; the average
 *                             repeat order when spend could not be modelled)
 *   rank                      1 = highest expected revenue (ties: more expected purchases, then higher P(alive),
 *                             then the customer id), so the list is the same whatever the order of the rows.
 *
 * Segments — one per customer, the first rule that applies ({@link SEGMENT_RULE} holds the numbers):
 *   new        first purchase within the last period (of `period`) before the calibration end: the model has
 *              almost nothing on them yet; welcome them.
 *   best       the top 10 % of the ranking (⌈C/10⌉ customers, new ones excepted): protect them.
 *   followUp   past revenue in the top quarter and P(alive) below 70 %: valuable customers slipping away; call.
 *   dormant    expected purchases below a quarter of what a customer who has just made a first purchase is
 *              expected to make over the same horizon: barely expected to buy again (under the BG/NBD a one-time
 *              buyer's P(alive) is 1 by assumption, so this rule, not P(alive), is what finds them).
 *   regular    everyone else.
 */
import { badValue } from "./errors";
import { customerTotals, TOTAL, TOTALS_STRIDE, type Ledger } from "./ledger";
import {
  fitLedgerModel,
  MODEL_UNIT_DAYS,
  type LedgerModel,
  type LedgerModelKind,
} from "./ledger-value";
import { bgnbdExpected, bgnbdPAlive } from "./models/bgnbd";
import { fitCustomerSummaryModel, type CustomerSummaryTable } from "./summary-route";
import { gammaGammaSpend } from "./models/gamma-gamma";
import { expectedNewPurchases } from "./models/new-customer";
import { paretoNbdExpectedIfAlive, paretoNbdPAlive } from "./models/pareto-nbd";
import type { PeriodUnit } from "./periods";

/** The segments, in the order the rule tries them (and the order tables list them). */
export type Segment = "new" | "best" | "followUp" | "dormant" | "regular";
export const SEGMENTS: readonly Segment[] = ["best", "followUp", "regular", "dormant", "new"];

/** The segment rule's numbers: see the module comment. */
export const SEGMENT_RULE = Object.freeze({
  /** "new": first purchase within this many periods before the calibration end */
  newPeriods: 1,
  /** "best": this share of the customers, from the top of the ranking */
  bestShare: 0.1,
  /** "followUp": past revenue within this top share of customers … */
  followUpShare: 0.25,
  /** … and P(alive) below this */
  followUpPAlive: 0.7,
  /** "dormant": expected purchases below this fraction of a new customer's over the same horizon */
  dormantRatio: 0.25,
});

/** Most periods a horizon may span (in the period of the list): a century of months. */
export const MAX_HORIZON_PERIODS = 1200;

export interface CustomerValueOptions {
  /** the period `horizon` is counted in; also the "new" window */
  period: PeriodUnit;
  /** how far ahead from the calibration end, in periods of `period` (> 0) */
  horizon: number;
  /** default "auto" */
  model?: LedgerModelKind;
  /** a date serial; orders after it are left out (default the ledger's last date) */
  calibrationEnd?: number;
}

/** One customer of the list. Dates are serials, money in the ledger's currency. */
export interface CustomerValue {
  customer: string;
  /** probability of still being a customer at the calibration end, 0…1 */
  pAlive: number;
  /** expected purchase days within the horizon after the calibration end */
  purchases: number;
  /** expected revenue within the horizon */
  revenue: number;
  /** 1 = most valuable */
  rank: number;
  segment: Segment;
  firstOrder: number;
  lastOrder: number;
  /** orders up to the calibration end: rows, or distinct order ids when the ledger has them */
  orders: number;
  /** revenue up to the calibration end */
  pastRevenue: number;
}

/** The thresholds the segment rule used on this ledger, in the list's own terms (for the sheet's note). */
export interface SegmentThresholds {
  /** a first purchase on or after this date serial is "new" */
  newSince: number;
  /** customers in "best" at most (⌈C × bestShare⌉ minus the new among them) */
  bestCount: number;
  /** the lowest expected revenue in "best", or null when it is empty */
  bestMinRevenue: number | null;
  /** past revenue at or above this is "high past value" */
  followUpMinPastRevenue: number;
  /** P(alive) below this with a high past value is "followUp" */
  followUpPAlive: number;
  /** expected purchases below this are "dormant" */
  dormantMaxPurchases: number;
  /** what a customer who has just made a first purchase is expected to buy within the horizon */
  newCustomerPurchases: number;
}

/** The list, sorted by rank, with what the sheet's headline and note say. */
export interface CustomerValueList {
  rows: CustomerValue[];
  model: LedgerModel;
  period: PeriodUnit;
  horizon: number;
  thresholds: SegmentThresholds;
  /** the top ⌈C × bestShare⌉ of the ranking: how many, and their share of expected purchases and revenue */
  top: { customers: number; purchaseShare: number; revenueShare: number };
  counts: Record<Segment, number>;
}

/**
 * The ranked customer list of a ledger: fits the ledger route's model (see `fitLedgerModel`) and scores every
 * customer acquired by the calibration end.
 *
 * Example: the CDNOW sample, calibration end 1997-09-30, period week, horizon 39 → BG/NBD; the top 236 of
 * 2,357 customers are expected to make 49.5 % of the next 39 weeks' purchases (they made 46.1 %); customer 509
 * first, P(alive) 0.95, 12.8 expected purchases, $995 expected revenue, "best".
 * @throws LtvError as `fitLedgerModel` (`requiredFor`, `noOrders`, `noRepeatPurchases`, `notConverged`),
 *   `requiredFor` without amounts, `mustBeAbove`/`tooManyPeriods` for the horizon.
 * Cost: O(n log n) for the summary and the ranking + O(distinct (x, tₓ, T) × series terms) + the fit.
 */
export function customerValueList(
  ledger: Ledger,
  options: CustomerValueOptions
): CustomerValueList {
  checkHorizon(options.horizon);
  if (!ledger.amounts) throw badValue("requiredFor", { arg: "amounts", params: {} });
  const model = fitLedgerModel(ledger, {
    model: options.model,
    calibrationEnd: options.calibrationEnd,
  });
  return scoreCustomers(ledger, model, options);
}

function checkHorizon(h: number): void {
  if (!(h > 0) || !Number.isFinite(h))
    throw badValue("mustBeAbove", { arg: "horizon", value: h, params: { limit: 0 } });
  if (h > MAX_HORIZON_PERIODS)
    throw badValue("tooManyPeriods", {
      arg: "horizon",
      value: h,
      params: { limit: MAX_HORIZON_PERIODS },
    });
}

/** P(alive) and expected purchases within `t` weeks, for one (x, tₓ, T) under a fitted model. */
function expectations(
  m: LedgerModel["model"],
  t: number,
  x: number,
  tx: number,
  T: number
): { pAlive: number; purchases: number } {
  if (m.kind === "pnbd") {
    // P(alive) once: it is the costly part (a ₂F₁), and E[X] = E[X | alive] × P(alive)
    const pAlive = paretoNbdPAlive(m.params, x, tx, T);
    return { pAlive, purchases: paretoNbdExpectedIfAlive(m.params, t, x, T) * pAlive };
  }
  if (m.kind === "bgnbd")
    return {
      pAlive: bgnbdPAlive(m.params, x, tx, T),
      purchases: bgnbdExpected(m.params, t, x, tx, T),
    };
  // no dropout: the rate's posterior mean (r + x)/(α + T) for t weeks
  return { pAlive: 1, purchases: ((m.params.r + x) / (m.params.alpha + T)) * t };
}

/**
 * The ranked customer list of a customer summary (`summary-route.ts`): the same list as {@link customerValueList}
 * on the ledger the summary was made from, but orders are purchase occasions (1 + repeat purchases), and without
 * first purchase amounts the past revenue counts the first purchase at the average order.
 * @throws LtvError as `fitCustomerSummaryModel`, `requiredFor` without the average repeat spend column, the
 *   horizon's bounds. Cost: O(C log C) + O(distinct (x, tₓ, T) × series terms) + the fit.
 */
export function customerValueListOfSummary(
  table: CustomerSummaryTable,
  options: CustomerValueOptions & { arg?: string }
): CustomerValueList {
  checkHorizon(options.horizon);
  if (!table.avgRepeat) throw badValue("summaryNoSpend", { arg: options.arg ?? "summary" });
  const model = fitCustomerSummaryModel(table, {
    model: options.model,
    calibrationEnd: options.calibrationEnd,
    arg: options.arg,
  });
  return scoreCustomers(null, model, options);
}

/**
 * Scores the customers of an already fitted ledger model (the list without a second fit: the wizard and the CLI
 * fit once for the sheet and the list). `ledger` must be the one `model` was fitted on, or null for a model
 * fitted on a customer summary (orders are then 1 + repeat purchases).
 * @throws LtvError `requiredFor` without amounts, the horizon's bounds. Cost: as {@link customerValueList}
 *   without the fit.
 */
export function scoreCustomers(
  ledger: Ledger | null,
  model: LedgerModel,
  options: Pick<CustomerValueOptions, "period" | "horizon">
): CustomerValueList {
  checkHorizon(options.horizon);
  const s = model.summary;
  if (!s.monetary || model.avgOrder === null || model.firstOrder === null)
    throw badValue("requiredFor", { arg: "amounts", params: {} });
  const monetary = s.monetary;
  const firstAmount = s.firstAmount;
  const firstEstimate = model.firstOrder;
  const weeks = (options.horizon * options.period.days) / MODEL_UNIT_DAYS;
  const end = s.calibrationEnd;
  const C = s.customers.length;
  // a customer summary has no order lines: its orders are purchase occasions, the first plus the repeats
  const { orders, index } = ledger
    ? ordersByCustomer(ledger, end, s.customers)
    : { orders: Float64Array.from(s.frequency, (x) => x + 1), index: null };
  // one evaluation per distinct (x, tₓ, T): real ledgers repeat them a lot
  const memo = new Map<string, { pAlive: number; purchases: number }>();
  const gg = model.spend?.kind === "gammaGamma" ? model.spend.params : null;
  const rows: CustomerValue[] = new Array(C);
  for (let i = 0; i < C; i++) {
    const x = s.frequency[i];
    const tx = s.recency[i];
    const T = s.T[i];
    const key = `${x}|${tx}|${T}`;
    let e = memo.get(key);
    if (!e) {
      e = expectations(model.model, weeks, x, tx, T);
      memo.set(key, e);
    }
    const spend = gg ? gammaGammaSpend(gg, x, monetary[i]) : model.avgOrder;
    const first = Math.round(end - T * MODEL_UNIT_DAYS);
    rows[i] = {
      customer: s.customers[i],
      pAlive: e.pAlive,
      purchases: e.purchases,
      revenue: e.purchases * spend,
      rank: 0,
      segment: "regular",
      firstOrder: first,
      lastOrder: Math.round(first + tx * MODEL_UNIT_DAYS),
      orders: orders[index ? index[i] : i],
      pastRevenue: (firstAmount ? firstAmount[i] : firstEstimate) + x * monetary[i],
    };
  }
  rows.sort(
    (a, b) =>
      b.revenue - a.revenue ||
      b.purchases - a.purchases ||
      b.pAlive - a.pAlive ||
      (a.customer < b.customer ? -1 : 1) // ids are distinct
  );
  rows.forEach((r, k) => (r.rank = k + 1));
  const thresholds = segment(rows, model, options, weeks, end);
  const topCount = Math.ceil(C * SEGMENT_RULE.bestShare);
  let totalP = 0;
  let totalR = 0;
  let topP = 0;
  let topR = 0;
  for (let k = 0; k < C; k++) {
    totalP += rows[k].purchases;
    totalR += rows[k].revenue;
    if (k < topCount) {
      topP += rows[k].purchases;
      topR += rows[k].revenue;
    }
  }
  const counts: Record<Segment, number> = { new: 0, best: 0, followUp: 0, dormant: 0, regular: 0 };
  for (const r of rows) counts[r.segment]++;
  return {
    rows,
    model,
    period: options.period,
    horizon: options.horizon,
    thresholds,
    top: {
      customers: topCount,
      purchaseShare: totalP > 0 ? topP / totalP : 0,
      revenueShare: totalR > 0 ? topR / totalR : 0,
    },
    counts,
  };
}

/** Applies the segment rule to rows sorted by rank; returns the thresholds it used. O(C log C). */
function segment(
  rows: CustomerValue[],
  model: LedgerModel,
  options: Pick<CustomerValueOptions, "period" | "horizon">,
  weeks: number,
  end: number
): SegmentThresholds {
  const C = rows.length;
  const R = SEGMENT_RULE;
  // whole days: a first purchase less than one period before the end (end − first < period) is new
  const newSince = Math.floor(end - R.newPeriods * options.period.days) + 1;
  const bestTop = Math.ceil(C * R.bestShare);
  const past = Float64Array.from(rows, (r) => r.pastRevenue).sort();
  const followUpMinPastRevenue = past[C - Math.ceil(C * R.followUpShare)];
  const newCustomerPurchases = expectedNewPurchases(model.model, weeks);
  const dormantMaxPurchases = R.dormantRatio * newCustomerPurchases;
  let bestCount = 0;
  let bestMinRevenue: number | null = null;
  for (let k = 0; k < C; k++) {
    const r = rows[k];
    if (r.firstOrder >= newSince) r.segment = "new";
    else if (k < bestTop) {
      r.segment = "best";
      bestCount++;
      bestMinRevenue = r.revenue;
    } else if (r.pastRevenue >= followUpMinPastRevenue && r.pAlive < R.followUpPAlive)
      r.segment = "followUp";
    else if (r.purchases < dormantMaxPurchases) r.segment = "dormant";
    else r.segment = "regular";
  }
  return {
    newSince,
    bestCount,
    bestMinRevenue,
    followUpMinPastRevenue,
    followUpPAlive: R.followUpPAlive,
    dormantMaxPurchases,
    newCustomerPurchases,
  };
}

/**
 * Orders per customer up to `end`: rows, or distinct order ids when the ledger has them (as CUSTOMER_SUMMARY
 * counts them; the totals when `end` is past every order, the only count of a ledger folded to purchase
 * occasions, which before an earlier `end` counts occasions). Returns the counts by ledger customer index and the
 * index of each summary customer. O(n + C).
 */
function ordersByCustomer(
  ledger: Ledger,
  end: number,
  customers: readonly string[]
): { orders: Float64Array; index: Int32Array } {
  const at = new Map<string, number>();
  ledger.customers.forEach((c, k) => at.set(c, k));
  const index = Int32Array.from(customers, (c) => at.get(c) as number);
  const totals = customerTotals(ledger);
  const C = ledger.customers.length;
  // every order is on or before the end: the reading pass counted them (the only count a ledger folded to
  // purchase occasions has)
  if (totals && end >= totals.maxDate) {
    const orders = new Float64Array(C);
    for (let c = 0; c < C; c++) orders[c] = totals.data[c * TOTALS_STRIDE + TOTAL.orders];
    return { orders, index };
  }
  const cust = ledger.customerOf as Int32Array;
  const dates = ledger.dates as Float64Array;
  const orders = new Float64Array(C);
  const orderOf = ledger.orderOf;
  const seen = new Uint8Array(orderOf ? (ledger.orderIds as string[]).length : 0);
  for (let i = 0; i < ledger.n; i++) {
    if (dates[i] > end) continue;
    if (orderOf) {
      if (seen[orderOf[i]]) continue;
      seen[orderOf[i]] = 1;
    }
    orders[cust[i]]++;
  }
  return { orders, index };
}
