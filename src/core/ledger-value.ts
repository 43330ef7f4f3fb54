/**
 * The lifetime value of a new customer, from a sales ledger — the five inputs of the LTV formula derived from one
 * model, so that they describe the same customer and multiply to the model's expectation.
 *
 * Why a model: the plain estimators do not belong together. Orders ÷ customers ÷ the whole window counts time
 * before a customer was acquired and after they stopped, and 1 ÷ a period-to-period lapse rate counts a customer
 * who skips one period as lost; their product moves with the period unit and misses the truth by large factors.
 *
 * The model (repeat purchase without a contract): while alive a customer buys as a Poisson process with rate
 * λ ~ Gamma(r, α) and stays alive for τ ~ Exp(μ), μ ~ Gamma(s, β) (Pareto/NBD; BG/NBD as the alternative), with
 * spend per purchase from the Gamma-Gamma model. For a new customer and a horizon H:
 *   frequency while active  = E[λ] = r/α                                  (purchases per period)
 *   expected active periods = E[min(τ, H)] = Σₖ ∫ S(u) du over period k   (S(u) = (β/(β+u))^s)
 *   average order           = E[spend per purchase] = pγ/(q−1)             (Gamma-Gamma population mean)
 *   first purchase          = the mean amount of customers' first purchase (observed)
 *   LTV before costs        = margin × (first + average order × frequency × Σₖ activeₖ × (1+d)^−(k−½))
 * λ and τ are independent, so frequency × periods is exactly the expected number of repeat purchases in H.
 *
 * Time: the models are fitted in weeks (the unit of the literature); every figure is then converted to the
 * caller's period, so the period unit changes how numbers are presented, never the value (the fit itself is the
 * same whatever period is shown). Discounting: each period's expected purchases are discounted from the middle
 * of the period, where they fall on average; the first purchase is not discounted.
 */
import { badValue, LtvError, notEnoughData } from "./errors";
import type { Ledger } from "./ledger";
import { checkParam, PARAMS } from "./params";
import { fitBgNbd } from "./models/bgnbd";
import { clvSummary, type ClvSummary } from "./models/clv-summary";
import { fitGammaGamma, type GammaGammaParams } from "./models/gamma-gamma";
import {
  newCustomerTable,
  purchaseRateWhileAlive,
  expectedNewPurchases,
  type PurchaseModel,
} from "./models/new-customer";
import { fitParetoNbd } from "./models/pareto-nbd";
import { fitNbd } from "./models/nbd";
import { groupRfm } from "./models/rfm";
import { UNIT_DAYS, type PeriodUnit } from "./periods";

/**
 * The models the ledger route offers: Pareto/NBD, BG/NBD, or "auto" (the default): both are fitted and the one
 * with the higher likelihood is used (they have the same number of parameters, so this is also the AIC's
 * choice); when one cannot be fitted, the other.
 */
export type LedgerModelKind = "auto" | "pnbd" | "bgnbd";

/** The time unit the ledger models are fitted in: a week, in days. */
export const MODEL_UNIT_DAYS = UNIT_DAYS.week;

/**
 * The cap on the models' shape parameters in the ledger route (see `ShapeCapOptions`): 100 allows purchase and
 * dropout rates that vary by as little as 10 % (1/√100) between customers — regular buyers such as a monthly
 * subscription box reach it — while keeping the fit's series short.
 */
export const LEDGER_SHAPE_CAP = 100;

/** Repeat buyers the Gamma-Gamma fit needs before its population mean is used instead of the observed mean. */
export const MIN_SPEND_FIT_BUYERS = 10;

/** How the average order value was estimated. */
export type SpendEstimate =
  | { kind: "gammaGamma"; params: GammaGammaParams }
  /** the mean amount of all repeat purchases (too few repeat buyers for the model, or its mean is infinite) */
  | { kind: "observed" };

/** A ledger's fitted purchase and spend model, in weeks. */
export interface LedgerModel {
  model: PurchaseModel;
  /** the fit's log-likelihood (weeks) */
  logLik: number;
  /** the shape parameters the fit held at {@link LEDGER_SHAPE_CAP} (not estimated: see ./ledger-interval) */
  capped?: readonly string[];
  /** expected spend per repeat purchase (currency), or null when the ledger has no amounts */
  avgOrder: number | null;
  spend: SpendEstimate | null;
  /** mean amount of a customer's first purchase, or null without amounts */
  firstOrder: number | null;
  /** customers in the fit (first purchase on or before the calibration end) */
  customers: number;
  /** of those, customers whose first purchase is on the calibration end (they add nothing to the fit) */
  startedOnEnd: number;
  repeatBuyers: number;
  repeatPurchases: number;
  /** date serials: first order, calibration end */
  firstDate: number;
  calibrationEnd: number;
  /** the per-customer summary the models were fitted on (weeks) */
  summary: ClvSummary;
}

export interface LedgerModelOptions {
  /** default "auto" */
  model?: LedgerModelKind;
  /** a date serial; default the ledger's last date */
  calibrationEnd?: number;
}

/**
 * Fits the ledger route's models: the per-customer summary (same-day purchases are one purchase occasion), then
 * Pareto/NBD or BG/NBD on (x, tₓ, T) in weeks, and Gamma-Gamma on the repeat buyers' spend.
 *
 * Example: the CDNOW sample (2,357 customers, calibration end 1997-09-30) → Pareto/NBD r 0.553, α 10.58,
 * s 0.606, β 11.67 (weeks), as published.
 * @throws LtvError `requiredFor` without customer ids or dates, `noOrders` (#N/A) for an empty ledger,
 *   `noRepeatPurchases` (#N/A) when no customer bought twice (nothing tells how often or how long customers buy),
 *   `notConverged` (#N/A) from the fit. Cost: O(n log n) summary + O(iterations × groups) fit.
 */
export function fitLedgerModel(ledger: Ledger, options: LedgerModelOptions = {}): LedgerModel {
  if (!ledger.customerOf) throw badValue("requiredFor", { arg: "customer_ids", params: {} });
  if (!ledger.dates) throw badValue("requiredFor", { arg: "order_dates", params: {} });
  if (ledger.n === 0) throw notEnoughData("noOrders", { arg: "order_dates" });
  const unit: PeriodUnit = { days: MODEL_UNIT_DAYS, name: "week" };
  return fitClvSummary(clvSummary(ledger, unit, options.calibrationEnd), options.model);
}

/**
 * The fits of {@link fitLedgerModel} on a per-customer summary already made (in weeks): from a ledger, or from a
 * customer summary computed elsewhere (`summary-route.ts`). `summary` must hold whole repeat counts and
 * 0 ≤ tₓ ≤ T, as `clvSummary` and `clvSummaryOfCustomers` make them.
 * @throws LtvError `noRepeatPurchases` (#N/A) when no customer bought twice, `notConverged` (#N/A) from the fit.
 * Cost: O(C) + O(iterations × groups).
 */
export function fitClvSummary(
  summary: ClvSummary,
  kind: LedgerModelKind = "auto",
  arg = "customer_ids"
): LedgerModel {
  const n = summary.customers.length;
  let repeatBuyers = 0;
  let startedOnEnd = 0;
  let firstDate = Infinity;
  for (let i = 0; i < n; i++) {
    if (summary.frequency[i] > 0) repeatBuyers++;
    if (summary.T[i] === 0) startedOnEnd++;
    const first = summary.calibrationEnd - summary.T[i] * MODEL_UNIT_DAYS;
    if (first < firstDate) firstDate = first;
  }
  if (repeatBuyers === 0)
    throw notEnoughData("noRepeatPurchases", { arg, params: { customers: n } });
  const data = { frequency: summary.frequency, recency: summary.recency, T: summary.T };
  // the summary's rows are valid by construction (whole counts, 0 ≤ tₓ ≤ T in whole days, some T > 0 since a
  // repeat buyer exists), so the fits are given the groups and skip their row checks
  const groups = groupRfm(data);
  const fits: PurchaseFit[] = [];
  let failure: LtvError | undefined;
  // auto: the BG/NBD first (its likelihood needs no series, so it is cheap on any data), then the Pareto/NBD on a
  // smaller budget — where its series grow long (z → 1) the BG/NBD answers
  for (const k of kind === "auto" ? (["bgnbd", "pnbd"] as const) : [kind]) {
    try {
      fits.push(fitPurchaseModel(k, data, groups, kind === "auto"));
    } catch (e) {
      if (!(e instanceof LtvError)) throw e;
      failure ??= e;
    }
  }
  if (
    fits.length === 0 &&
    failure?.detail.kind === "notConverged" &&
    failure.detail.code === "notConverged"
  ) {
    // both dropout models ran off to "never stops" (or could not tell): what the ledger does show is how often
    // customers buy, so the model without dropout answers, and the horizon bounds the lifetime
    fits.push(fitNoDropout(data, groups));
  }
  if (fits.length === 0) throw failure as LtvError;
  const best = fits.reduce((a, b) => (b.logLik > a.logLik ? b : a));
  const model = best.model;
  const { avgOrder, spend, firstOrder } = spendOf(summary);
  return {
    model,
    logLik: best.logLik,
    capped: best.capped,
    avgOrder,
    spend,
    firstOrder,
    customers: n,
    startedOnEnd,
    repeatBuyers,
    repeatPurchases: summary.repeatPurchases,
    firstDate: Math.round(firstDate),
    calibrationEnd: summary.calibrationEnd,
    summary,
  };
}

interface PurchaseFit {
  model: PurchaseModel;
  logLik: number;
  capped: readonly string[];
}

function fitNoDropout(
  data: Parameters<typeof groupRfm>[0],
  groups: ReturnType<typeof groupRfm>
): PurchaseFit {
  const f = fitNbd(data, groups, { shapeCap: LEDGER_SHAPE_CAP });
  return {
    model: { kind: "nbd", params: { r: f.r, alpha: f.alpha } },
    logLik: f.logLik,
    capped: f.capped,
  };
}

/**
 * The limits of each fit in "auto": a quarter of a fit's usual work budget (about 50 ms of series) and 150 BFGS
 * steps (well-posed fits take 20–60; a ledger where nobody seems to stop sends the dropout estimates wandering
 * along a flat ridge, and the model without dropout then answers).
 */
export const AUTO_WORK_BASE = 5_000_000;
export const AUTO_MAX_ITERATIONS = 150;

function fitPurchaseModel(
  kind: "pnbd" | "bgnbd",
  data: Parameters<typeof groupRfm>[0],
  groups: ReturnType<typeof groupRfm>,
  auto: boolean
): PurchaseFit {
  const options = {
    shapeCap: LEDGER_SHAPE_CAP,
    ...(auto ? { workBase: AUTO_WORK_BASE, maxIterations: AUTO_MAX_ITERATIONS } : {}),
  };
  if (kind === "pnbd") {
    const f = fitParetoNbd(data, groups, options);
    return {
      model: { kind, params: { r: f.r, alpha: f.alpha, s: f.s, beta: f.beta } },
      logLik: f.logLik,
      capped: f.capped,
    };
  }
  const f = fitBgNbd(data, groups, options);
  return {
    model: { kind, params: { r: f.r, alpha: f.alpha, a: f.a, b: f.b } },
    logLik: f.logLik,
    capped: f.capped,
  };
}

function spendOf(s: ClvSummary): {
  avgOrder: number | null;
  spend: SpendEstimate | null;
  firstOrder: number | null;
} {
  if (!s.monetary) return { avgOrder: null, spend: null, firstOrder: null };
  const first = spendEstimate(s, s.monetary);
  // a customer summary without first purchase amounts: the first purchase is estimated by the average order
  const firstOrder = first.firstOrder ?? first.avgOrder;
  return { avgOrder: first.avgOrder, spend: first.spend, firstOrder };
}

function spendEstimate(
  s: ClvSummary,
  monetary: Float64Array
): { avgOrder: number; spend: SpendEstimate; firstOrder: number | null } {
  let firstSum = 0;
  let repeatSum = 0;
  let repeats = 0;
  let buyers = 0;
  let positive = true;
  const firstAmount = s.firstAmount;
  for (let i = 0; i < s.customers.length; i++) {
    if (firstAmount) firstSum += firstAmount[i];
    const x = s.frequency[i];
    if (x > 0) {
      buyers++;
      repeats += x;
      repeatSum += x * monetary[i];
      if (!(monetary[i] > 0)) positive = false;
    }
  }
  const firstOrder = firstAmount ? firstSum / s.customers.length : null;
  // fitClvSummary guarantees a repeat buyer; the first-order fallback covers direct callers
  const observed = repeats > 0 ? repeatSum / repeats : (firstOrder ?? 0);
  if (buyers >= MIN_SPEND_FIT_BUYERS && positive) {
    // the fit's sums in a canonical order (by x, then m̄), so shuffled rows give the same bits
    const order = Array.from(s.frequency.keys()).sort(
      (i, j) => s.frequency[i] - s.frequency[j] || monetary[i] - monetary[j]
    );
    const x = Float64Array.from(order, (i) => s.frequency[i]);
    const m = Float64Array.from(order, (i) => monetary[i]);
    try {
      const gg = fitGammaGamma(x, m);
      if (gg.q > 1) {
        const params = { p: gg.p, q: gg.q, v: gg.v };
        return {
          avgOrder: (params.p * params.v) / (params.q - 1),
          spend: { kind: "gammaGamma", params },
          firstOrder,
        };
      }
    } catch (e) {
      if (!(e instanceof LtvError)) throw e;
    }
  }
  return { avgOrder: observed, spend: { kind: "observed" }, firstOrder };
}

export interface NewCustomerValueOptions {
  /** the period every per-period figure is given in */
  period: PeriodUnit;
  /** the horizon, in periods of `period` (> 0) */
  horizon: number;
  /** 0…1, default 1 */
  grossMargin?: number;
  /** per period of `period`, ≥ 0, default 0 */
  discountRate?: number;
}

/** One period of the new-customer table, as the sheet shows it. */
export interface ValuePeriod {
  period: number;
  /** expected time alive within the period (periods) */
  activeTime: number;
  /** expected repeat purchases within the period */
  purchases: number;
  /** when the period's purchases fall on average, in periods: its middle (a contract: its renewals' mean time) */
  time: number;
  /** (1 + d)^−time */
  discount: number;
}

/** The five inputs and the LTV before costs, all per new customer, in the caller's period. */
export interface NewCustomerValue {
  /** mean amount of the first purchase */
  firstOrder: number;
  /** expected spend per repeat purchase */
  avgOrder: number;
  /** expected purchases per period while active */
  frequency: number;
  /** expected active periods within the horizon, E[min(τ, H)] (BG/NBD: expected purchases ÷ frequency) */
  periods: number;
  /** Σ active time × discount: the periods as a discounted stream */
  discountedPeriods: number;
  /** expected repeat purchases within the horizon = frequency × periods */
  repeatPurchases: number;
  /** margin × (first + avgOrder × frequency × discountedPeriods) */
  ltvBeforeCosts: number;
  horizon: number;
  table: ValuePeriod[];
}

/**
 * A new customer's expected value over a horizon, from a fitted ledger model, with its five inputs.
 *
 * Formula: see the module comment. Units: currency per customer; frequency per `period`; periods in `period`s.
 * Example: Pareto/NBD r 0.5, α 10 (weeks), s 1, β 52 (weeks), first and average order 30, period month,
 * horizon 36 → frequency 0.5/10 × 30.4375/7 = 0.217 a month; periods = 52·ln(1 + 156.54/52)/4.348 = 16.61;
 * LTV before costs = 30 + 30 × 0.217 × 16.61 = 138.33.
 * @throws LtvError `requiredFor` when the ledger had no amounts, `mustBeAbove`/`tooManyPeriods` for the horizon
 *   (at most 1,200 periods), `mustBeAtLeast`/`mustBeAtMost` for the margin or discount rate.
 * Cost: O(horizon) (BG/NBD: × series terms).
 */
export function newCustomerValue(m: LedgerModel, o: NewCustomerValueOptions): NewCustomerValue {
  if (m.avgOrder === null || m.firstOrder === null)
    throw badValue("requiredFor", { arg: "amounts", params: {} });
  const margin = checkParam(o.grossMargin ?? 1, PARAMS.grossMargin);
  const d = checkParam(o.discountRate ?? 0, PARAMS.discountRate);
  const unitLength = MODEL_UNIT_DAYS / o.period.days; // one model week, in periods
  const rows = newCustomerTable(m.model, o.horizon, unitLength);
  const frequency = frequencyPerPeriod(m, o.period);
  const lnDiscount = Math.log1p(d);
  let periods = 0;
  let discountedPeriods = 0;
  const table: ValuePeriod[] = rows.map((row) => {
    const mid = (row.period - 1 + row.end) / 2;
    const discount = Math.exp(-mid * lnDiscount);
    periods += row.activeTime;
    discountedPeriods += row.activeTime * discount;
    return {
      period: row.period,
      activeTime: row.activeTime,
      purchases: row.purchases,
      time: mid,
      discount,
    };
  });
  const ltvBeforeCosts = margin * (m.firstOrder + m.avgOrder * frequency * discountedPeriods);
  return {
    firstOrder: m.firstOrder,
    avgOrder: m.avgOrder,
    frequency,
    periods,
    discountedPeriods,
    repeatPurchases: frequency * periods,
    ltvBeforeCosts,
    horizon: o.horizon,
    table,
  };
}

/**
 * Expected repeat purchases of a new customer within `t` periods of `period` (the model's cumulative curve).
 * O(1) (Pareto/NBD) or O(series terms).
 */
export function expectedNewCustomerPurchases(
  m: LedgerModel,
  t: number,
  period: PeriodUnit
): number {
  return expectedNewPurchases(m.model, (t * period.days) / MODEL_UNIT_DAYS);
}

/**
 * Purchases per period while a customer is active, as the ledger route estimates it: E[λ] = r/α of the fitted
 * model, in `period`s. The "active" frequency of FREQ; the same number the ledger route's LTV multiplies.
 * Example: a ledger whose customers buy about once a month while they stay → about 1 a month, 3 a quarter.
 * @throws LtvError as {@link fitLedgerModel}. Cost: that of the fit.
 */
export function activeFrequency(
  ledger: Ledger,
  period: PeriodUnit,
  options: LedgerModelOptions = {}
): number {
  return frequencyPerPeriod(fitLedgerModel(ledger, options), period);
}

/** E[λ] of a fitted ledger model in purchases per `period` (the model is fitted in weeks). O(1). */
export function frequencyPerPeriod(m: LedgerModel, period: PeriodUnit): number {
  return purchaseRateWhileAlive(m.model.params) / (MODEL_UNIT_DAYS / period.days);
}
