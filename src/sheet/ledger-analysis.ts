/**
 * The ledger route's analysis, from `src/core/` only (the same code as the custom functions): per-customer
 * summary, cohort retention table, retention curve and its largest drop, churn per period, and the model of a
 * new customer's value (fitted parameters, the per-period table, the holdout check, the cohort value curve).
 * It turns the core's results into the plain arrays the plan stamps on the sheet.
 */
import { cohortTable, largestRetentionDrop, retentionCurve } from "../core/cohorts";
import { churnRate } from "../core/churn";
import { contractValue, fitContractModel } from "../core/contract-value";
import { badValue, LtvError } from "../core/errors";
import { holdoutCheck } from "../core/holdout";
import type { Ledger } from "../core/ledger";
import {
  contractValueDraws,
  drawsInterval,
  ledgerValueDraws,
  type ValueDraws,
} from "../core/ledger-interval";
import { fitLedgerModel, newCustomerValue, type LedgerModel } from "../core/ledger-value";
import { thinDataWarnings } from "../core/thin-data";
import { clvSummary, type ClvSummary } from "../core/models/clv-summary";
import { convertPeriods, namedUnit, type Duration, type PeriodUnit } from "../core/periods";
import { customerSummary } from "../core/summary";
import {
  clvSummaryOfCustomers,
  fitCustomerSummaryModel,
  type CustomerSummaryTable,
} from "../core/summary-route";
import { cohortValueCurve } from "../core/value-curve";
import type { Lang } from "../i18n/language";
import { formatError } from "../i18n/messages";
import { ltvResults, type LtvResults } from "../core/results";
import type { Business, LedgerAnalysis, LedgerValueInfo, PlanInputs, PlanUnit } from "./types";

/** The default period of frequency and lifetime, in the wizard and the CLI alike: a month. */
export const DEFAULT_PERIOD: PlanUnit = "month";

/** The ledger route's default horizon: three years. */
export const DEFAULT_HORIZON: Readonly<{ amount: number; unit: PlanUnit }> = {
  amount: 3,
  unit: "year",
};

export interface AnalyseOptions {
  /** where the data came from, e.g. "Sales!A1:D6920" */
  source: string;
  /** when it was read; default now */
  readAt?: Date;
  /** how far ahead the new customer's value counts; default {@link DEFAULT_HORIZON} */
  horizon?: { amount: number; unit: PlanUnit };
  /** repeat purchase (default) or contract */
  business?: Business;
  /** repeat purchase: the model (default "auto") */
  model?: "auto" | "pnbd" | "bgnbd";
  /** the language of `valueError` (default en) */
  lang?: Lang;
}

/** Runs `fn`, or returns `fallback` when the ledger is too short for it (LtvError notEnoughData). */
function orWhenTooShort<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof LtvError && e.detail.kind === "notEnoughData") return fallback;
    throw e;
  }
}

/**
 * Analyses a (lenient-mode) ledger for the plan.
 *
 * Cohort, retention and churn need at least one (two for churn) complete period; a shorter ledger gets empty
 * tables and no churn, and the wizard then asks for the lifespan instead of proposing 1 ÷ churn.
 * @throws LtvError `noOrders` for an empty ledger, `requiredFor` without ids, dates or amounts.
 * O(n + C + cohorts × periods).
 */
export function analyseLedgerForPlan(
  ledger: Ledger,
  unit: PlanUnit,
  options: AnalyseOptions
): LedgerAnalysis {
  const period = namedUnit(unit);
  const summary: LedgerAnalysis["summary"] = customerSummary(ledger).map((r) => ({
    customer: r.customer,
    first: r.firstOrder,
    last: r.lastOrder,
    orders: r.orders,
    revenue: r.revenue,
  }));
  const curve = orWhenTooShort(() => retentionCurve(ledger, period), []);
  const table = orWhenTooShort(() => cohortTable(ledger, period, "retention"), null);
  const churn = orWhenTooShort(() => churnRate(ledger, period).rate, null);
  // a drop is a story only where enough customers were observed on both sides of it (not 46 → 31 of 600)
  const observedAtStart = curve.length > 0 ? curve[0].customersObserved : 0;
  const drop = largestRetentionDrop(curve, {
    minObserved: Math.max(MIN_DROP_CUSTOMERS, MIN_DROP_SHARE * observedAtStart),
  });
  let value: LedgerValueInfo | undefined;
  let valueError: string | undefined;
  try {
    value = valueInfo(ledger, unit, options, summary);
  } catch (e) {
    if (!(e instanceof LtvError)) throw e;
    valueError = formatError(e.detail, options.lang ?? "en");
  }
  let firstDate = Infinity;
  let lastDate = -Infinity;
  for (const s of summary) {
    if (s.first < firstDate) firstDate = s.first;
    if (s.last > lastDate) lastDate = s.last;
  }
  return {
    source: options.source,
    readAt: (options.readAt ?? new Date()).toISOString(),
    rowsRead: ledger.n,
    rowsSkipped: ledger.skipped.length,
    summary,
    cohorts: table
      ? table.cohorts.map((c, i) => ({
          label: c.label,
          size: c.customers,
          shares: table.values[i],
        }))
      : [],
    retention: curve.map((p) => p.share),
    unit,
    firstDate,
    lastDate,
    churn,
    largestDrop: drop ?? undefined,
    ...(value ? { value } : {}),
    ...(valueError ? { valueError } : {}),
  };
}

/** The fewest customers, and the least share of the first period's, on each side of a drop worth naming. */
export const MIN_DROP_CUSTOMERS = 30;
export const MIN_DROP_SHARE = 0.2;

/**
 * The model of a new customer's value, stamped for the sheet: fitted on the whole ledger, tabulated over the
 * horizon in `unit` periods; the summary rows gain each customer's first amount and repeat purchases (the
 * quantities the model was fitted on). O(n log n) + the fits.
 * @throws LtvError from the fits (nobody bought twice, nobody cancelled, no convergence).
 */
function valueInfo(
  ledger: Ledger,
  unit: PlanUnit,
  options: AnalyseOptions,
  summary: LedgerAnalysis["summary"]
): LedgerValueInfo {
  const period = namedUnit(unit);
  const h = options.horizon ?? DEFAULT_HORIZON;
  const horizon: Duration = { amount: h.amount, unit: namedUnit(h.unit) };
  const horizonPeriods = convertPeriods(horizon.amount, horizon.unit, period);
  const business = options.business ?? "repeat";
  // the quantities the models see: first-purchase amount and repeat purchase days per customer
  attachPurchases(summary, clvSummary(ledger, namedUnit("week")));
  const valueOptions = { period, horizon: horizonPeriods };
  const horizonDays = horizonPeriods * period.days;
  if (business === "contract") {
    const m = fitContractModel(ledger);
    const v = contractValue(m, valueOptions);
    const draws = withoutInterval(() => contractValueDraws(m, valueOptions));
    return {
      business,
      model: "sbg",
      params: [
        { name: "alpha", value: m.params.alpha },
        { name: "beta", value: m.params.beta },
      ],
      unitDays: m.billingDays,
      spend: null,
      horizonPeriods,
      table: v.table.map((r) => ({ purchases: r.purchases, time: r.time })),
      firstOrder: v.firstOrder,
      avgOrder: v.avgOrder,
      frequency: v.frequency,
      periods: v.periods,
      holdout: null,
      curve: [],
      customers: m.customers,
      repeatBuyers: m.cancelled,
      ...(draws ? { draws } : {}),
      warnings: thinDataWarnings({
        business,
        customers: m.customers,
        repeatBuyers: m.cancelled,
        windowDays: m.windowDays ?? 0,
        horizonDays,
        model: "sbg",
        interval: draws !== undefined,
      }),
    };
  }
  const fit = fitLedgerModel(ledger, { model: options.model });
  const h2 = holdoutCheck(ledger, options.model ?? "auto");
  return repeatValueInfo(fit, valueOptions, horizonDays, {
    holdout: h2
      ? { days: h2.days, predicted: h2.predicted, actual: h2.actual, error: h2.error }
      : null,
    curve: cohortValueCurve(ledger, fit, period),
  });
}

/**
 * The repeat-purchase model's value info from a fit, whichever source it was fitted on (a ledger or a customer
 * summary: one code, so both give the same sheet). `observed` is what only order lines tell: the holdout check and
 * the cohort value curve. O(horizon) + the interval's draws.
 */
function repeatValueInfo(
  fit: LedgerModel,
  valueOptions: { period: PeriodUnit; horizon: number },
  horizonDays: number,
  observed: Pick<LedgerValueInfo, "holdout" | "curve">
): LedgerValueInfo {
  const v = newCustomerValue(fit, valueOptions);
  const draws = withoutInterval(() => ledgerValueDraws(fit, valueOptions));
  return {
    business: "repeat",
    model: fit.model.kind,
    params: Object.entries(fit.model.params).map(([name, value]) => ({ name, value })),
    unitDays: 7,
    spend: fit.spend?.kind === "gammaGamma" ? { ...fit.spend.params } : null,
    horizonPeriods: valueOptions.horizon,
    table: v.table.map((r) => ({ purchases: r.purchases, time: r.time })),
    firstOrder: v.firstOrder,
    avgOrder: v.avgOrder,
    frequency: v.frequency,
    periods: v.periods,
    holdout: observed.holdout,
    curve: observed.curve,
    customers: fit.customers,
    repeatBuyers: fit.repeatBuyers,
    ...(draws ? { draws } : {}),
    warnings: thinDataWarnings({
      business: "repeat",
      customers: fit.customers,
      repeatBuyers: fit.repeatBuyers,
      windowDays: fit.calibrationEnd - fit.firstDate,
      horizonDays,
      capped: fit.capped,
      model: fit.model.kind,
      interval: draws !== undefined,
    }),
  };
}

/** The draws, or undefined when the fit gives no interval (its information is singular, too many draws fail). */
function withoutInterval(fn: () => ValueDraws): ValueDraws | undefined {
  try {
    return fn();
  } catch (e) {
    if (e instanceof LtvError && e.detail.kind === "notConverged") return undefined;
    throw e;
  }
}

/** Each summary row's first-purchase amount and repeat purchase days, from the models' summary. O(C). */
function attachPurchases(summary: LedgerAnalysis["summary"], s: ClvSummary): void {
  const at = new Map<string, number>();
  s.customers.forEach((c, i) => at.set(c, i));
  for (const row of summary) {
    const i = at.get(row.customer);
    row.firstAmount = i === undefined || !s.firstAmount ? 0 : s.firstAmount[i];
    row.repeatPurchases = i === undefined ? 0 : s.frequency[i];
  }
}

/**
 * The results chain of the ledger route for the plan's inputs, as the sheet computes it: the periods and their
 * discounted sum from the new-customer table (each period's expected active time × (1 + d)^−its time), the first
 * purchase beside the repeat purchases. The wizard's review and the command line's summary read this, so they show
 * the sheet's numbers. O(horizon).
 * @throws LtvError for an input outside its rule.
 */
export function ledgerResults(inputs: PlanInputs, value: LedgerValueInfo): LtvResults {
  const lnDiscount = Math.log1p(inputs.discountRate);
  let periods = 0;
  let discounted = 0;
  for (const row of value.table) {
    const active = value.frequency > 0 ? row.purchases / value.frequency : 0;
    periods += active;
    discounted += active * Math.exp(-row.time * lnDiscount);
  }
  return ltvResults({
    avgOrder: value.avgOrder,
    frequency: value.frequency,
    periods,
    grossMargin: inputs.grossMargin,
    discountRate: inputs.discountRate,
    acquisitionCost: inputs.acquisitionCost,
    retentionCost: inputs.retentionCost,
    retentionBasis: inputs.retentionBasis,
    targetRatio: inputs.targetRatio,
    ledger: { firstOrder: value.firstOrder, discountedPeriods: discounted },
  });
}

/**
 * The 90 % interval of the sheet's LTV (Result_LTV, after the costs) for the plan's inputs: the results chain of
 * {@link ledgerResults} at every kept parameter draw, and its 5 % and 95 % points. Stamped on the sheet as
 * Result_LTV_Low and Result_LTV_High, shown by the wizard's review and the command line. Null when the ledger
 * gave no interval. O(draws × horizon), about 10 ms for 1,000 draws of 36 periods.
 */
export function ledgerInterval(
  inputs: PlanInputs,
  value: LedgerValueInfo
): { low: number; high: number } | null {
  const draws = value.draws;
  if (!draws || draws.count === 0) return null;
  try {
    return drawsInterval(draws, (d) => ledgerResults(inputs, { ...value, ...d }).ltv);
  } catch (e) {
    if (e instanceof LtvError && e.detail.kind === "notConverged") return null;
    throw e;
  }
}

export interface SummaryAnalyseOptions extends Omit<AnalyseOptions, "business"> {
  /** the date the summary was taken (calibration end, a 1900 serial); default the latest last purchase */
  calibrationEnd?: number;
}

/**
 * Analyses a customer summary (one row per customer, `core/summary-route.ts`) for the plan: the second source of
 * the ledger route's analysis, for data too large for a workbook. The model of a new customer's value, its
 * interval and thin-data warnings are those of {@link analyseLedgerForPlan} on the ledger the summary was made from
 * (one fit, one {@link repeatValueInfo}); the per-customer rows carry purchase occasions (1 + repeat purchases) as
 * their orders, and revenue = first amount + repeat purchases × average repeat spend (the repeat revenue alone
 * when the summary has no first amounts; the first-amount cells are then blank).
 *
 * What only order lines tell is left out, not estimated: the cohort retention table and curve, its largest drop,
 * the period-to-period lapse rate, the holdout check and the cohort value curve (`origin` tells the sheet, which
 * says so in words). Repeat purchase only: a contract's tenures need the payment lines.
 *
 * Example: the demo ledger's summary (`ledgerCustomerSummary`) → the same `value` (parameters, table, first
 * purchase, average order, frequency) as the ledger's analysis, to 1e-9.
 * @throws LtvError `noOrders` (#N/A) when no customer's first purchase is on or before the calibration end;
 *   `summaryAfterEnd`. A fit that fails (`noRepeatPurchases`, `summaryNoSpend`, `notConverged`) is `valueError`.
 *   Cost: O(C) + the fit + the interval's draws.
 */
export function analyseSummaryForPlan(
  table: CustomerSummaryTable,
  unit: PlanUnit,
  options: SummaryAnalyseOptions
): LedgerAnalysis {
  // the customers the fit counts (first purchase on or before the end), in weeks: checked before the fit
  const models = clvSummaryOfCustomers(table, namedUnit("week"), options.calibrationEnd, "summary");
  const kept = new Set(models.customers);
  const first = table.firstAmount;
  const spend = table.avgRepeat;
  const summary: LedgerAnalysis["summary"] = [];
  let firstDate = Infinity;
  let lastDate = -Infinity;
  for (let i = 0; i < table.customers.length; i++) {
    if (!kept.has(table.customers[i])) continue;
    const repeats = table.repeats[i];
    const repeatRevenue = spend ? repeats * spend[i] : 0;
    summary.push({
      customer: table.customers[i],
      first: table.first[i],
      last: table.last[i],
      orders: 1 + repeats,
      revenue: (first ? first[i] : 0) + repeatRevenue,
      ...(first ? { firstAmount: first[i] } : {}),
      repeatPurchases: repeats,
    });
    if (table.first[i] < firstDate) firstDate = table.first[i];
    if (table.last[i] > lastDate) lastDate = table.last[i];
  }
  let value: LedgerValueInfo | undefined;
  let valueError: string | undefined;
  try {
    if (!spend) throw badValue("summaryNoSpend", { arg: "summary" });
    const fit = fitCustomerSummaryModel(table, {
      model: options.model,
      calibrationEnd: options.calibrationEnd,
    });
    const period = namedUnit(unit);
    const h = options.horizon ?? DEFAULT_HORIZON;
    const horizonPeriods = convertPeriods(h.amount, namedUnit(h.unit), period);
    value = repeatValueInfo(
      fit,
      { period, horizon: horizonPeriods },
      horizonPeriods * period.days,
      {
        holdout: null,
        curve: [],
      }
    );
  } catch (e) {
    if (!(e instanceof LtvError)) throw e;
    valueError = formatError(e.detail, options.lang ?? "en");
  }
  return {
    source: options.source,
    readAt: (options.readAt ?? new Date()).toISOString(),
    rowsRead: table.customers.length,
    rowsSkipped: 0,
    summary,
    cohorts: [],
    retention: [],
    unit,
    firstDate,
    lastDate,
    churn: null,
    origin: { kind: "summary", firstAmounts: first !== null },
    ...(value ? { value } : {}),
    ...(valueError ? { valueError } : {}),
  };
}
