/**
 * Probabilistic CLV ("buy till you die") in cells: CLV_SUMMARY, BG/NBD, Pareto/NBD, Gamma-Gamma, CLV_PREDICT
 * and sBG. Thin wrappers: read arguments with ./runner and src/core/models/inputs, call src/core/models, return
 * values or errors through run(). Fits return one row of parameters followed by the log-likelihood (and, when
 * asked `with_errors`, a second row of standard errors); the prediction functions take the first row as their
 * `params` argument, so fits and predictions chain in formulas.
 * Per-customer functions spill one value per row of the ranges given ("" for blank rows and the header).
 */

import { badValue } from "../core/errors";
import { readDate } from "../core/input/date";
import { toColumn } from "../core/input/columns";
import { readLedger } from "../core/ledger";
import {
  BGNBD,
  fitRow,
  GAMMA_GAMMA,
  PARETO_NBD,
  paramsOf,
  SBG,
  type Fitted,
  type ModelDescription,
  type PurchaseModelDescription,
} from "../core/models/catalog";
import { clvPredict } from "../core/models/clv-predict";
import { clvSummary, type ClvSummary } from "../core/models/clv-summary";
import { clvSummaryOfCustomers, readCustomerSummary } from "../core/summary-route";
import {
  atSheetRow,
  readNumberColumn,
  readNumericColumns,
  type NumericColumns,
} from "../core/models/inputs";
import { groupRfm, validateRfm, type RfmData, type RfmGroups } from "../core/models/rfm";
import type { SbgParams } from "../core/models/sbg";
import type { Covariance } from "../core/models/standard-errors";
import { parsePeriodUnit } from "../core/periods";
import { checkParam, PARAMS, type ParamRule } from "../core/params";
import { isBlank, isErrorCell, errorCellText } from "../core/input/cells";
import { formatError } from "../i18n/messages";
import { currentLanguage } from "../i18n/language";
import { numberArg, run, scalarArg, textArg } from "./runner";

/**
 * Per-customer summary for the models: one row per customer (header first) with frequency (repeat purchase days), recency (first to last purchase), T (first purchase to calibration end) and monetary (mean repeat spend). Same-day purchases are one purchase.
 * @customfunction CLV_SUMMARY CLV_SUMMARY
 * @param customer_ids Customer ids of the sales ledger (a column; whole columns work; header and blank rows are skipped).
 * @param order_dates Order dates, same size: date cells, 2024/1/5, 2024年1月5日 or 20240105.
 * @param [amounts] Amounts, same size (for monetary; without them monetary is blank).
 * @param [period] Time unit of recency and T: "week" (default), "day", "month", "quarter", "year" or a number of days.
 * @param [calibration_end] Last date that counts (default: the last order date). Later orders are ignored.
 * @returns A table: customer, frequency, recency, T, monetary.
 */
export function CLV_SUMMARY(
  customer_ids: any[][],
  order_dates: any[][],
  amounts?: any[][],
  period?: any,
  calibration_end?: any
): any[][] {
  return run(() => {
    const unit = parsePeriodUnit(textArg(period, "period"), "week");
    const endCell = scalarArg(calibration_end, "calibration_end");
    const end = readDate(endCell);
    if (end === undefined) throw badValue("notADate", { arg: "calibration_end", value: endCell });
    const ledger = readLedger({
      customers: toColumn(customer_ids, "customer_ids"),
      dates: toColumn(order_dates, "order_dates"),
      amounts: amounts === undefined || amounts === null ? undefined : toColumn(amounts, "amounts"),
    });
    return rfmTable(clvSummary(ledger, unit, end ?? undefined));
  });
}

/**
 * The models' per-customer summary from a customer summary (one row per customer, as a warehouse or ltv-workbook sql computes it): the same table as CLV_SUMMARY on the ledger the summary was made from (customer, frequency, recency, T, monetary), for BGNBD_FIT, PNBD_FIT and GG_FIT.
 * @customfunction CLV_SUMMARY_FROM CLV_SUMMARY_FROM
 * @param summary The customer summary: columns customer, first purchase date, last purchase date, repeat purchases (purchase days after the first), and optionally average repeat spend and first purchase amount; a header row and blank rows are skipped.
 * @param [period] Time unit of recency and T: "week" (default), "day", "month", "quarter", "year" or a number of days.
 * @param [calibration_end] The date the summary was taken (default: the latest last purchase); customers first seen after it are left out.
 * @returns A table: customer, frequency, recency, T, monetary.
 */
export function CLV_SUMMARY_FROM(summary: any[][], period?: any, calibration_end?: any): any[][] {
  return run(() => {
    const unit = parsePeriodUnit(textArg(period, "period"), "week");
    const endCell = scalarArg(calibration_end, "calibration_end");
    const end = readDate(endCell);
    if (end === undefined) throw badValue("notADate", { arg: "calibration_end", value: endCell });
    return rfmTable(clvSummaryOfCustomers(readCustomerSummary(summary), unit, end ?? undefined));
  });
}

/** CLV_SUMMARY's spill: a header, then customer, frequency, recency, T, monetary ("" without amounts). */
function rfmTable(s: ClvSummary): (number | string)[][] {
  const out: (number | string)[][] = [["customer", "frequency", "recency", "T", "monetary"]];
  for (let i = 0; i < s.customers.length; i++) {
    out.push([
      idCell(s.customers[i]),
      s.frequency[i],
      s.recency[i],
      s.T[i],
      s.monetary ? s.monetary[i] : "",
    ]);
  }
  return out;
}

/**
 * Fits the BG/NBD model (Fader, Hardie & Lee 2005) by maximum likelihood. Returns one row: r, alpha, a, b, log-likelihood (with_errors: a second row of standard errors). #N/A with a reason if the estimate does not converge.
 * @customfunction BGNBD_FIT BGNBD_FIT
 * @param frequency Repeat purchases per customer (a column, as from CLV_SUMMARY).
 * @param recency Time from first to last purchase, same size.
 * @param T Time from first purchase to the end of the data, same size.
 * @param [with_errors] TRUE to add a second row with the standard error of each estimate (default FALSE).
 * @returns r, alpha, a, b, log-likelihood; with_errors: standard errors below.
 */
export function BGNBD_FIT(
  frequency: any[][],
  recency: any[][],
  T: any[][],
  with_errors?: any
): any[][] {
  return run(() => fitPurchases(BGNBD, frequency, recency, T, with_errors));
}

/**
 * BG/NBD expected number of purchases in the next t periods, per customer (spills a column for ranges).
 * @customfunction BGNBD_EXPECTED BGNBD_EXPECTED
 * @param params The row returned by BGNBD_FIT (r, alpha, a, b).
 * @param t Periods ahead, in the unit of recency and T (e.g. 39 weeks).
 * @param frequency Repeat purchases (a value or a column).
 * @param recency Time from first to last purchase.
 * @param T Time from first purchase to the end of the data.
 * @returns Expected purchases per customer.
 */
export function BGNBD_EXPECTED(
  params: any[][],
  t: any,
  frequency: any[][],
  recency: any[][],
  T: any[][]
): any[][] {
  return run(() => expected(BGNBD, params, t, frequency, recency, T));
}

/**
 * BG/NBD probability that each customer is still active ("alive") at the end of the data.
 * @customfunction BGNBD_PALIVE BGNBD_PALIVE
 * @param params The row returned by BGNBD_FIT (r, alpha, a, b).
 * @param frequency Repeat purchases (a value or a column).
 * @param recency Time from first to last purchase.
 * @param T Time from first purchase to the end of the data.
 * @returns P(alive) per customer, 0–1.
 */
export function BGNBD_PALIVE(
  params: any[][],
  frequency: any[][],
  recency: any[][],
  T: any[][]
): any[][] {
  return run(() => pAlive(BGNBD, params, frequency, recency, T));
}

/**
 * Fits the Pareto/NBD model (Schmittlein, Morrison & Colombo 1987) by maximum likelihood. Returns one row: r, alpha, s, beta, log-likelihood (with_errors: a second row of standard errors). #N/A with a reason if the estimate does not converge.
 * @customfunction PNBD_FIT PNBD_FIT
 * @param frequency Repeat purchases per customer (a column, as from CLV_SUMMARY).
 * @param recency Time from first to last purchase, same size.
 * @param T Time from first purchase to the end of the data, same size.
 * @param [with_errors] TRUE to add a second row with the standard error of each estimate (default FALSE).
 * @returns r, alpha, s, beta, log-likelihood; with_errors: standard errors below.
 */
export function PNBD_FIT(
  frequency: any[][],
  recency: any[][],
  T: any[][],
  with_errors?: any
): any[][] {
  return run(() => fitPurchases(PARETO_NBD, frequency, recency, T, with_errors));
}

/**
 * Pareto/NBD expected number of purchases in the next t periods, per customer (spills a column for ranges).
 * @customfunction PNBD_EXPECTED PNBD_EXPECTED
 * @param params The row returned by PNBD_FIT (r, alpha, s, beta).
 * @param t Periods ahead, in the unit of recency and T.
 * @param frequency Repeat purchases (a value or a column).
 * @param recency Time from first to last purchase.
 * @param T Time from first purchase to the end of the data.
 * @returns Expected purchases per customer.
 */
export function PNBD_EXPECTED(
  params: any[][],
  t: any,
  frequency: any[][],
  recency: any[][],
  T: any[][]
): any[][] {
  return run(() => expected(PARETO_NBD, params, t, frequency, recency, T));
}

/**
 * Pareto/NBD probability that each customer is still active ("alive") at the end of the data.
 * @customfunction PNBD_PALIVE PNBD_PALIVE
 * @param params The row returned by PNBD_FIT (r, alpha, s, beta).
 * @param frequency Repeat purchases (a value or a column).
 * @param recency Time from first to last purchase.
 * @param T Time from first purchase to the end of the data.
 * @returns P(alive) per customer, 0–1.
 */
export function PNBD_PALIVE(
  params: any[][],
  frequency: any[][],
  recency: any[][],
  T: any[][]
): any[][] {
  return run(() => pAlive(PARETO_NBD, params, frequency, recency, T));
}

/**
 * Fits the Gamma-Gamma spend model on customers with at least one repeat purchase. Returns one row: p, q, v (gamma), log-likelihood (with_errors: a second row of standard errors).
 * @customfunction GG_FIT GG_FIT
 * @param frequency Repeat purchases per customer (a column, as from CLV_SUMMARY).
 * @param monetary Mean spend of the repeat purchases, same size (ignored where frequency is 0).
 * @param [with_errors] TRUE to add a second row with the standard error of each estimate (default FALSE).
 * @returns p, q, v, log-likelihood; with_errors: standard errors below.
 */
export function GG_FIT(frequency: any[][], monetary: any[][], with_errors?: any): any[][] {
  return run(() => {
    const c = spendColumns(frequency, monetary);
    const withErrors = flagArg(with_errors, "with_errors");
    const [x, m] = c.values;
    const f = atSheetRow(c.rows, () => GAMMA_GAMMA.fit(x, m));
    return fitRows(GAMMA_GAMMA, f, withErrors && (() => GAMMA_GAMMA.covariance(f, x, m)));
  });
}

/**
 * Gamma-Gamma expected spend per purchase of each customer: their mean spend shrunk toward the population mean, the less so the more they bought.
 * @customfunction GG_SPEND GG_SPEND
 * @param params The row returned by GG_FIT (p, q, v).
 * @param frequency Repeat purchases (a value or a column).
 * @param monetary Mean spend of the repeat purchases, same size.
 * @returns Expected spend per purchase.
 */
export function GG_SPEND(params: any[][], frequency: any[][], monetary: any[][]): any[][] {
  return run(() => {
    const p = paramsOf(GAMMA_GAMMA, params);
    const c = spendColumns(frequency, monetary);
    const [x, m] = c.values;
    return spill(c, (i) => GAMMA_GAMMA.spend(p, x[i], m[i]));
  });
}

/**
 * Customer lifetime value per customer: discounted expected margin over the horizon, from the BG/NBD (purchases) and Gamma-Gamma (spend) fits, in the data's time unit.
 * @customfunction CLV_PREDICT CLV_PREDICT
 * @param bgnbd_params The row returned by BGNBD_FIT.
 * @param gg_params The row returned by GG_FIT.
 * @param frequency Repeat purchases (a value or a column).
 * @param recency Time from first to last purchase.
 * @param T Time from first purchase to the end of the data.
 * @param monetary Mean spend of the repeat purchases.
 * @param [horizon] Periods ahead (default 52), in the unit of recency and T.
 * @param [discount_rate] Discount rate per period, 0–1 (default 0), e.g. 0.0019 a week for 10% a year.
 * @param [margin] Margin as a fraction of spend, 0–1 (default 1: revenue).
 * @returns CLV per customer.
 */
export function CLV_PREDICT(
  bgnbd_params: any[][],
  gg_params: any[][],
  frequency: any[][],
  recency: any[][],
  T: any[][],
  monetary: any[][],
  horizon?: any,
  discount_rate?: any,
  margin?: any
): any[][] {
  return run(() => {
    const bg = paramsOf(BGNBD, bgnbd_params, "bgnbd_params");
    const gg = paramsOf(GAMMA_GAMMA, gg_params, "gg_params");
    const options = {
      horizon: numberArg(horizon, PARAMS.horizon),
      discountRate: numberArg(discount_rate, PARAMS.discountRate),
      margin: numberArg(margin, PARAMS.clvMargin),
    };
    const c = readNumericColumns([
      ["frequency", frequency],
      ["recency", recency],
      ["T", T],
      ["monetary", monetary],
    ]);
    atSheetRow(c.rows, () => validateRfm(rfm(c)));
    const [x, tx, TT, m] = c.values;
    return spill(c, (i) => clvPredict(bg, gg, x[i], tx[i], TT[i], m[i], options));
  });
}

/**
 * Fits the shifted-beta-geometric retention model (Fader & Hardie 2007) to survivor counts. Returns one row: alpha, beta, log-likelihood (with_errors: a second row of standard errors).
 * @customfunction SBG_FIT SBG_FIT
 * @param survivors Customers still active at the start of period 0, 1, 2 … (a column, e.g. 1000, 631, 468 …).
 * @param [with_errors] TRUE to add a second row with the standard error of each estimate (default FALSE).
 * @returns alpha, beta, log-likelihood; with_errors: standard errors below.
 */
export function SBG_FIT(survivors: any[][], with_errors?: any): any[][] {
  return run(() => {
    const c = readNumberColumn(survivors, "survivors");
    const withErrors = flagArg(with_errors, "with_errors");
    const f = atSheetRow(c.rows, () => SBG.fit(c.values[0]));
    return fitRows(SBG, f, withErrors && (() => SBG.covariance(f, c.values[0])));
  });
}

/**
 * sBG retention rate of period t: the share of customers active in period t−1 who renew in period t.
 * @customfunction SBG_RETENTION SBG_RETENTION
 * @param params The row returned by SBG_FIT (alpha, beta).
 * @param t Period, 1, 2, 3 … (a value or a column).
 * @returns Retention rate, 0–1.
 */
export function SBG_RETENTION(params: any[][], t: any[][]): any[][] {
  return run(() => perPeriod(params, t, PARAMS.retentionPeriod, SBG.retention));
}

/**
 * sBG survival: the share of a cohort still active at period t.
 * @customfunction SBG_SURVIVAL SBG_SURVIVAL
 * @param params The row returned by SBG_FIT (alpha, beta).
 * @param t Period, 0, 1, 2 … (a value or a column).
 * @returns Share surviving, 0–1.
 */
export function SBG_SURVIVAL(params: any[][], t: any[][]): any[][] {
  return run(() => perPeriod(params, t, PARAMS.survivalPeriod, SBG.survival));
}

/**
 * sBG discounted expected residual lifetime (Fader & Hardie 2010): expected number of future payments, discounted, of a customer who has renewed a given number of times. Multiply by the payment per period for a residual value.
 * @customfunction SBG_DERL SBG_DERL
 * @param params The row returned by SBG_FIT (alpha, beta).
 * @param discount_rate Discount rate per period, above 0 and at most 1 (e.g. 0.1).
 * @param [renewals] Renewals made so far (default 0: a new customer).
 * @returns Discounted expected number of future payments.
 */
export function SBG_DERL(params: any[][], discount_rate: any, renewals?: any): number {
  return run(() => {
    const p = paramsOf(SBG, params);
    return SBG.derl(
      p,
      numberArg(discount_rate, PARAMS.derlDiscountRate),
      numberArg(renewals, PARAMS.renewals)
    );
  });
}

// ---- helpers ----

/**
 * Reads an optional TRUE/FALSE argument: blank or omitted → false; TRUE/FALSE, 1/0 (any number ≠ 0 is TRUE, as
 * in Excel) or the text "TRUE"/"FALSE" in any case or width.
 * @throws LtvError `errorCell`, `unknownOption`.
 */
function flagArg(value: unknown, arg: string): boolean {
  const cell = scalarArg(value, arg);
  if (isErrorCell(cell as never))
    throw badValue("errorCell", { arg, params: { error: errorCellText(cell as never) } });
  if (isBlank(cell as never)) return false;
  if (typeof cell === "boolean") return cell;
  if (typeof cell === "number") return cell !== 0;
  const text = typeof cell === "string" ? cell.normalize("NFKC").trim().toUpperCase() : "";
  if (text === "TRUE") return true;
  if (text === "FALSE") return false;
  throw badValue("unknownOption", { arg, value: cell, params: { options: "TRUE, FALSE" } });
}

/**
 * The second row of a fit with errors: the standard errors under the parameters, "" under what follows them (the
 * log-likelihood). Without a covariance (information not positive definite) the standard errors are blank and the
 * cell after them says why, in the user's language, so the estimates above still chain into predictions.
 */
function errorRow(cov: Covariance, params: number, extra: number): (number | string)[] {
  const row: (number | string)[] = Array.from({ length: params + extra }, () => "");
  if (cov.ok) for (let i = 0; i < params; i++) row[i] = cov.standardErrors[i];
  else
    row[params] = formatError(
      { kind: "notConverged", code: "noStandardErrors", arg: "with_errors" },
      currentLanguage()
    );
  return row;
}

/** Validated and grouped (x, tₓ, T) of the kept rows, with errors naming sheet rows. */
function groupedRfm(c: NumericColumns): RfmGroups {
  return atSheetRow(c.rows, () => {
    validateRfm(rfm(c));
    return groupRfm(rfm(c));
  });
}

function rfmColumns(frequency: unknown, recency: unknown, T: unknown): NumericColumns {
  return readNumericColumns([
    ["frequency", frequency],
    ["recency", recency],
    ["T", T],
  ]);
}

function rfm(c: NumericColumns): RfmData {
  return { frequency: c.values[0], recency: c.values[1], T: c.values[2] };
}

function spendColumns(frequency: unknown, monetary: unknown): NumericColumns {
  return readNumericColumns([
    ["frequency", frequency],
    ["monetary", monetary],
  ]);
}

/** A fit's row, and with `covariance` its standard errors below (blank under the log-likelihood). */
function fitRows<P>(
  model: ModelDescription<P>,
  fit: Fitted<P>,
  covariance: false | (() => Covariance)
): (number | string)[][] {
  const row = fitRow(model, fit);
  return covariance ? [row, errorRow(covariance(), model.params.length, 1)] : [row];
}

/** A purchase model's fit to (x, tₓ, T) columns, as its row (and its standard errors when asked). */
function fitPurchases<P>(
  model: PurchaseModelDescription<P>,
  frequency: unknown,
  recency: unknown,
  T: unknown,
  with_errors: unknown
): (number | string)[][] {
  const c = rfmColumns(frequency, recency, T);
  const withErrors = flagArg(with_errors, "with_errors");
  const g = groupedRfm(c);
  const f = atSheetRow(c.rows, () => model.fit(rfm(c), g));
  return fitRows(model, f, withErrors && (() => model.covariance(f, g)));
}

/** A purchase model's expected purchases in the next t periods, per customer. */
function expected<P>(
  model: PurchaseModelDescription<P>,
  params: unknown,
  t: unknown,
  frequency: unknown,
  recency: unknown,
  T: unknown
): (number | string)[][] {
  const p = paramsOf(model, params);
  const horizon = numberArg(t, PARAMS.periodsAhead);
  return perCustomer(rfmColumns(frequency, recency, T), (x, tx, TT) =>
    model.expected(p, horizon, x, tx, TT, "params")
  );
}

/** A purchase model's P(alive), per customer. */
function pAlive<P>(
  model: PurchaseModelDescription<P>,
  params: unknown,
  frequency: unknown,
  recency: unknown,
  T: unknown
): (number | string)[][] {
  const p = paramsOf(model, params);
  return perCustomer(rfmColumns(frequency, recency, T), (x, tx, TT) => model.pAlive(p, x, tx, TT));
}

/** An sBG quantity of period t, per value of t, each t checked by its rule. */
function perPeriod(
  params: unknown,
  t: unknown,
  rule: ParamRule,
  f: (p: SbgParams, t: number) => number
): (number | string)[][] {
  const p = paramsOf(SBG, params);
  const c = readNumberColumn(t, rule.arg);
  return spill(c, (i) => f(p, checkParam(c.values[0][i], rule, c.rows[i])));
}

/** Validates (x, tₓ, T) rows and spills f per customer. */
function perCustomer(
  c: NumericColumns,
  f: (x: number, tx: number, T: number) => number
): (number | string)[][] {
  atSheetRow(c.rows, () => validateRfm(rfm(c)));
  const [x, tx, T] = c.values;
  return spill(c, (i) => f(x[i], tx[i], T[i]));
}

/**
 * One value per row of the ranges, "" where a row was blank or the header; trailing blank rows (whole-column
 * references) are not spilled. With no values at all, the error names the first of the ranges given.
 */
function spill(c: NumericColumns, f: (i: number) => number): (number | string)[][] {
  if (c.rows.length === 0)
    throw badValue("tooFewValues", { arg: c.names[0], params: { limit: 1, count: 0 } });
  const height = c.rows[c.rows.length - 1];
  const out: (number | string)[][] = Array.from({ length: height }, () => [""]);
  for (let i = 0; i < c.rows.length; i++) {
    const v = f(i);
    if (!Number.isFinite(v)) throw badValue("resultNotFinite", { row: c.rows[i] });
    out[c.rows[i] - 1][0] = v;
  }
  return out;
}

/** A customer id back as a number when it was one (so lookups against numeric ids match). */
export function idCell(id: string): number | string {
  if (/^-?\d{1,15}(\.\d+)?$/.test(id)) {
    const n = Number(id);
    if (String(n) === id) return n;
  }
  return id;
}
