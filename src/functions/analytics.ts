/**
 * Ledger analytics: CUSTOMER_SUMMARY, RETENTION_CURVE, COHORT_TABLE, CHURN_RATE, and the unit economics
 * LTV_CHURN, LTV_CAC, MAX_CAC, CAC_PAYBACK. Thin wrappers: read arguments with ./runner and the shared ledger
 * reader, call `src/core/`, shape the spill. Spilled tables start with a header row in the user's language and use
 * "" for a cell that is not yet observable. Reference: docs/reference/analytics.md.
 */

import { churnRate } from "../core/churn";
import { COHORT_MEASURES, cohortTable, retentionCurve, type CohortMeasure } from "../core/cohorts";
import { badValue } from "../core/errors";
import { columnArg } from "../core/input/columns";
import { readLedger } from "../core/ledger";
import { parsePeriodUnit } from "../core/periods";
import { PARAMS, required } from "../core/params";
import { eachCustomerSummary } from "../core/summary";
import { cacPayback, ltvFromChurn, ltvToCac, maxCac } from "../core/unit-economics";
import { ANALYTICS_HEADERS } from "../i18n/functions/analytics";
import { currentLanguage } from "../i18n/language";
import { cohortValueSpill } from "./customer-value";
import { numberArg, run, textArg } from "./runner";

function optionalColumn(value: any, arg: string) {
  return value === undefined || value === null ? undefined : columnArg(value, arg);
}

/**
 * One row per customer, in order of first appearance: customer, first order, last order (date serials), orders, revenue, average order. Spills with a header row.
 * @customfunction CUSTOMER_SUMMARY CUSTOMER_SUMMARY
 * @param customer_ids Customer ids of the sales ledger (a column; whole columns work; header and blank rows are skipped).
 * @param order_dates Order dates, same size: date cells or text such as 2024/1/5 or 2024年1月5日.
 * @param amounts Amounts, same size (¥1,200 and 1,200円 are read; negative amounts are returns).
 * @param [order_ids] Optional order numbers, same size: rows sharing a number count as one order.
 * @returns A table: customer, first order, last order, orders, revenue, average order.
 */
export function CUSTOMER_SUMMARY(
  customer_ids: any[][],
  order_dates: any[][],
  amounts: any[][],
  order_ids?: any[][]
): any[][] {
  return run(() => {
    const ledger = readLedger({
      customers: columnArg(customer_ids, "customer_ids"),
      dates: columnArg(order_dates, "order_dates"),
      amounts: columnArg(amounts, "amounts"),
      orders: optionalColumn(order_ids, "order_ids"),
    });
    const out: (number | string)[][] = [ANALYTICS_HEADERS[currentLanguage()].summary.slice()];
    // the spill's rows straight from the summary's figures: no object per customer in between
    eachCustomerSummary(ledger, (customer, first, last, orders, revenue, average) => {
      out.push([customer, first, last, orders, revenue, average]);
    });
    return out;
  });
}

/**
 * Share of customers who bought again in each period since their first purchase (0, 1, 2 …), counting only customers observed that long. Month, quarter and year are calendar periods. Spills: period, retention, customers observed.
 * @customfunction RETENTION_CURVE RETENTION_CURVE
 * @param customer_ids Customer ids of the sales ledger (a column).
 * @param order_dates Order dates, same size.
 * @param [period] "month" (default), "quarter", "year" (calendar periods), or "day", "week", a number of days (elapsed time); 月, 四半期, 年, 日, 週 too.
 * @returns A table: periods since first purchase, retention (0–1), customers observed.
 */
export function RETENTION_CURVE(
  customer_ids: any[][],
  order_dates: any[][],
  period?: any
): any[][] {
  return run(() => {
    const unit = parsePeriodUnit(textArg(period, "period"), "month");
    const ledger = readLedger({
      customers: columnArg(customer_ids, "customer_ids"),
      dates: columnArg(order_dates, "order_dates"),
    });
    const curve = retentionCurve(ledger, unit);
    const out: (number | string)[][] = [ANALYTICS_HEADERS[currentLanguage()].curve.slice()];
    for (const p of curve) out.push([p.periodsSince, p.share, p.customersObserved]);
    return out;
  });
}

const MEASURE_WORDS: ReadonlyMap<string, CohortMeasure | "ltv"> = new Map<
  string,
  CohortMeasure | "ltv"
>([
  ["customers", "customers"],
  ["customer", "customers"],
  ["count", "customers"],
  ["顧客数", "customers"],
  ["人数", "customers"],
  ["retention", "retention"],
  ["share", "retention"],
  ["rate", "retention"],
  ["継続率", "retention"],
  ["リテンション", "retention"],
  ["revenue", "revenue"],
  ["sales", "revenue"],
  ["amount", "revenue"],
  ["売上", "revenue"],
  ["金額", "revenue"],
  // cumulative value per acquired customer (./customer-value.ts)
  ["ltv", "ltv"],
  ["value", "ltv"],
  ["cumulative", "ltv"],
  ["累積", "ltv"],
  ["累積売上", "ltv"],
  ["累積ltv", "ltv"],
]);

function measureArg(value: any): CohortMeasure | "ltv" {
  const cell = textArg(value, "measure");
  if (cell === null || cell === undefined || (typeof cell === "string" && cell.trim() === ""))
    return "customers";
  const m =
    typeof cell === "string"
      ? MEASURE_WORDS.get(cell.normalize("NFKC").trim().toLowerCase())
      : undefined;
  if (!m)
    throw badValue("unknownOption", {
      arg: "measure",
      value: cell,
      params: {
        options: [...COHORT_MEASURES, "ltv"].join(", "),
      },
    });
  return m;
}

/**
 * Cohort matrix: one row per first-purchase period, one column per period since first purchase; cells not yet observable are blank. Spills with a header row: cohort, customers, 0, 1, 2 …
 * @customfunction COHORT_TABLE COHORT_TABLE
 * @param customer_ids Customer ids of the sales ledger (a column).
 * @param order_dates Order dates, same size.
 * @param [period] "month" (default), "quarter", "year" (calendar periods), or "day", "week", a number of days (elapsed time).
 * @param [measure] "customers" (default: customers who bought), "retention" (their share of the cohort), "revenue" (needs amounts) or "ltv" (cumulative revenue per acquired customer up to each period; needs amounts).
 * @param [amounts] Amounts, same size; needed for measures "revenue" and "ltv".
 * @param [gross_margin] Measure "ltv": gross margin as a fraction 0–1 (default 1: revenue), for cumulative margin.
 * @param [group] Measure "ltv": a column of groups, same size (acquisition channel, first product, region); each customer counts in the group of their first purchase, and the table gets one row per group and cohort.
 * @returns The cohort table.
 */
export function COHORT_TABLE(
  customer_ids: any[][],
  order_dates: any[][],
  period?: any,
  measure?: any,
  amounts?: any[][],
  gross_margin?: any,
  group?: any[][]
): any[][] {
  return run(() => {
    const unitText = textArg(period, "period");
    const unit = parsePeriodUnit(unitText, "month");
    const m = measureArg(measure);
    if (m === "ltv")
      return cohortValueSpill(customer_ids, order_dates, unitText, amounts, gross_margin, group);
    if (m === "revenue" && (amounts === undefined || amounts === null)) {
      throw badValue("requiredFor", { arg: "amounts", params: { what: "revenue" } });
    }
    const ledger = readLedger({
      customers: columnArg(customer_ids, "customer_ids"),
      dates: columnArg(order_dates, "order_dates"),
      amounts: m === "revenue" ? optionalColumn(amounts, "amounts") : undefined,
    });
    const table = cohortTable(ledger, unit, m);
    const header: (number | string)[] = ANALYTICS_HEADERS[currentLanguage()].cohort.slice();
    for (let k = 0; k < table.periods; k++) header.push(k);
    const out: (number | string)[][] = [header];
    for (let h = 0; h < table.cohorts.length; h++) {
      const c = table.cohorts[h];
      const row: (number | string)[] = [c.label, c.customers];
      for (const v of table.values[h]) row.push(v === null ? "" : v);
      out.push(row);
    }
    return out;
  });
}

/**
 * Churn rate per period: of the customers who bought in one period, the share who did not buy in the next, averaged over the observed window (weighted by active customers).
 * @customfunction CHURN_RATE CHURN_RATE
 * @param customer_ids Customer ids of the sales ledger (a column).
 * @param order_dates Order dates, same size.
 * @param [period] "month" (default), "quarter", "year" (calendar periods), or "day", "week", a number of days.
 * @returns Churn rate per period (0–1).
 */
export function CHURN_RATE(customer_ids: any[][], order_dates: any[][], period?: any): number {
  return run(() => {
    const unit = parsePeriodUnit(textArg(period, "period"), "month");
    const ledger = readLedger({
      customers: columnArg(customer_ids, "customer_ids"),
      dates: columnArg(order_dates, "order_dates"),
    });
    return churnRate(ledger, unit).rate;
  });
}

/**
 * Lifetime value from a churn rate: Σ margin × (1 − churn)^t ÷ (1 + discount)^t over t = 0, 1, 2 … = margin × (1 + discount) ÷ (discount + churn), minus acquisition cost. Example: =LTV_CHURN(1000, 0.25) → 4000.
 * @customfunction LTV_CHURN LTV_CHURN
 * @param margin_per_period Margin (or revenue) per customer per period, e.g. 1000.
 * @param churn_rate Churn rate per period, 0–1 (e.g. 0.05 or 5%), such as CHURN_RATE's result.
 * @param [discount_rate] Discount rate per period, 0–1 (default 0).
 * @param [acquisition_cost] Acquisition cost per customer, subtracted (default 0).
 * @returns Lifetime value per customer.
 */
export function LTV_CHURN(
  margin_per_period: any,
  churn_rate: any,
  discount_rate?: any,
  acquisition_cost?: any
): number {
  return run(() =>
    ltvFromChurn(
      numberArg(margin_per_period, PARAMS.marginPerPeriod),
      numberArg(churn_rate, PARAMS.churnRate),
      numberArg(discount_rate, PARAMS.discountRate),
      numberArg(acquisition_cost, PARAMS.acquisitionCost)
    )
  );
}

/**
 * LTV:CAC ratio: lifetime value (before acquisition cost) ÷ acquisition cost. Example: =LTV_CAC(15000, 5000) → 3.
 * @customfunction LTV_CAC LTV_CAC
 * @param ltv Lifetime value per customer, before subtracting the acquisition cost.
 * @param acquisition_cost Acquisition cost per customer (above 0).
 * @returns The ratio (3 or more is commonly read as healthy).
 */
export function LTV_CAC(ltv: any, acquisition_cost: any): number {
  return run(() =>
    ltvToCac(numberArg(ltv, PARAMS.ltv), numberArg(acquisition_cost, PARAMS.cacDivisor))
  );
}

/**
 * The most one may spend to win a customer at a target LTV:CAC ratio: LTV ÷ target ratio. Example: =MAX_CAC(15000) → 5000.
 * @customfunction MAX_CAC MAX_CAC
 * @param ltv_before_acquisition Lifetime value per customer before acquisition cost.
 * @param [target_ratio] Target LTV:CAC ratio (default 3).
 * @returns The largest acquisition cost per customer.
 */
export function MAX_CAC(ltv_before_acquisition: any, target_ratio?: any): number {
  return run(() =>
    maxCac(
      numberArg(ltv_before_acquisition, PARAMS.ltvBeforeAcquisition),
      numberArg(target_ratio, PARAMS.targetRatio)
    )
  );
}

/**
 * Periods of margin needed to earn back the acquisition cost: acquisition cost ÷ margin per period (fractional). Example: =CAC_PAYBACK(5000, 1200) → 4.17.
 * @customfunction CAC_PAYBACK CAC_PAYBACK
 * @param acquisition_cost Acquisition cost per customer.
 * @param margin_per_period Margin per customer per period (above 0).
 * @returns Number of periods.
 */
export function CAC_PAYBACK(acquisition_cost: any, margin_per_period: any): number {
  return run(() =>
    cacPayback(
      numberArg(acquisition_cost, required(PARAMS.acquisitionCost)),
      numberArg(margin_per_period, PARAMS.paybackMargin)
    )
  );
}
