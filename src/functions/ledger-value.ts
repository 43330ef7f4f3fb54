/**
 * The ledger route's lifetime value in cells: LEDGER_LTV (the five inputs and the LTV of a new customer, from one
 * fitted model) and the models' expectations for a new customer (BGNBD_EXPECTED_NEW, PNBD_EXPECTED_NEW). Thin
 * wrappers over src/core/ledger-value.ts and src/core/models/new-customer.ts.
 */

import { toColumn } from "../core/input/columns";
import { readDate } from "../core/input/date";
import { readLedger } from "../core/ledger";
import { contractValue, fitContractModel } from "../core/contract-value";
import { badValue, LtvError } from "../core/errors";
import { contractLtvInterval, ledgerLtvInterval, type LtvInterval } from "../core/ledger-interval";
import {
  fitLedgerModel,
  newCustomerValue,
  type LedgerModelKind,
  type NewCustomerValue,
  type NewCustomerValueOptions,
} from "../core/ledger-value";
import { BGNBD, PARETO_NBD, paramsOf } from "../core/models/catalog";
import { fitCustomerSummaryModel, readCustomerSummary } from "../core/summary-route";
import { PARAMS } from "../core/params";
import { bgnbdExpectedNewCustomer, paretoNbdExpectedNew } from "../core/models/new-customer";
import {
  convertPeriods,
  parseDuration,
  parsePeriodUnit,
  UNIT_DAYS,
  type Duration,
} from "../core/periods";
import { currentLanguage } from "../i18n/language";
import { formatError } from "../i18n/messages";
import { LEDGER_LTV_LABELS, LEDGER_LTV_ROWS, MODEL_NAMES } from "../i18n/ledger-value";
import { numberArg, optionArg, run, scalarArg, textArg } from "./runner";

/** The default horizon of the ledger route: three years. */
const DEFAULT_HORIZON: Duration = { amount: 3, unit: { days: UNIT_DAYS.year, name: "year" } };

/** The ledger route's models as typed: the repeat-purchase models, or "contract" (sBG on tenures). */
const MODEL_WORDS: ReadonlyMap<string, LedgerModelKind | "contract"> = new Map<
  string,
  LedgerModelKind | "contract"
>([
  ["auto", "auto"],
  ["自動", "auto"],
  ["pnbd", "pnbd"],
  ["pareto/nbd", "pnbd"],
  ["bgnbd", "bgnbd"],
  ["bg/nbd", "bgnbd"],
  ["contract", "contract"],
  ["subscription", "contract"],
  ["sbg", "contract"],
  ["契約", "contract"],
  ["定期", "contract"],
  ["サブスク", "contract"],
]);

/**
 * Lifetime value of a new customer from a sales ledger, with its inputs: first purchase, average order, purchases per period while active, expected active periods within the horizon, the LTV before costs and its 90 % interval. Fitted by a buy-till-you-die model (Pareto/NBD or BG/NBD, whichever fits the ledger better; Gamma-Gamma for spend). The interval is the sampling uncertainty of the fitted model (1,000 parameter draws, fixed seed: the same answer every time), not doubt about the model itself. The period unit changes how the numbers are shown, never the LTV.
 * @customfunction LEDGER_LTV LEDGER_LTV
 * @param customer_ids Customer ids of the sales ledger (a column; whole columns work; header and blank rows are skipped).
 * @param order_dates Order dates, same size: date cells or text such as 2024/1/5 or 2024年1月5日.
 * @param amounts Amounts, same size: numbers or text such as ¥1,200 or 1,200円.
 * @param [horizon] How far ahead from the first purchase: a number of periods, or text such as "3y", "36m", "12q", "3年" (default 3 years).
 * @param [period] The period the per-period figures are given in: "month", "quarter", "year" (default), "week" or "day"; Japanese 月, 四半期, 年 too.
 * @param [order_ids] Optional order numbers, same size: line items sharing a number are one order.
 * @param [gross_margin] Gross margin as a fraction 0–1 (default 1: revenue LTV).
 * @param [discount_rate] Discount rate per period, 0–1 (default 0). Each period's purchases are discounted from the middle of the period; the first purchase is not.
 * @param [model] Repeat purchase without a contract: "auto" (default: the better-fitting model), "pnbd" (Pareto/NBD) or "bgnbd" (BG/NBD). Contracts and subscriptions: "contract" (sBG on how long customers keep paying; the billing period is read from the ledger).
 * @returns Two columns, label and value: first purchase, average order, frequency, periods, horizon, expected repeat purchases, LTV before costs, LTV 90 % low and high, model.
 */
export function LEDGER_LTV(
  customer_ids: any[][],
  order_dates: any[][],
  amounts: any[][],
  horizon?: any,
  period?: any,
  order_ids?: any[][],
  gross_margin?: any,
  discount_rate?: any,
  model?: any
): any[][] {
  return run(() => {
    const options = valueOptions(horizon, period, gross_margin, discount_rate);
    const kind = optionArg(model, "model", MODEL_WORDS, "auto");
    const ledger = readLedger({
      customers: toColumn(customer_ids, "customer_ids"),
      dates: toColumn(order_dates, "order_dates"),
      amounts: toColumn(amounts, "amounts"),
      orders:
        order_ids === undefined || order_ids === null
          ? undefined
          : toColumn(order_ids, "order_ids"),
    });
    let v: NewCustomerValue;
    let name: string;
    let interval: () => LtvInterval;
    if (kind === "contract") {
      const fit = fitContractModel(ledger);
      v = contractValue(fit, options);
      name = MODEL_NAMES.sbg;
      interval = () => contractLtvInterval(fit, options);
    } else {
      const fit = fitLedgerModel(ledger, { model: kind });
      v = newCustomerValue(fit, options);
      name = MODEL_NAMES[fit.model.kind];
      interval = () => ledgerLtvInterval(fit, options);
    }
    return valueTable(v, name, interval);
  });
}

/** The summary route's models: repeat purchase only (a contract's tenures need the payment lines). */
const SUMMARY_MODEL_WORDS: ReadonlyMap<string, LedgerModelKind> = new Map(
  [...MODEL_WORDS].filter((e): e is [string, LedgerModelKind] => e[1] !== "contract")
);

/**
 * Lifetime value of a new customer from a customer summary (one row per customer, as a warehouse or ltv-workbook sql computes it), with its inputs: the same figures as LEDGER_LTV on the ledger the summary was made from. Without a first purchase amount column, the first purchase is estimated by the average order.
 * @customfunction LEDGER_LTV_SUMMARY LEDGER_LTV_SUMMARY
 * @param summary The customer summary: columns customer, first purchase date, last purchase date, repeat purchases (purchase days after the first), average repeat spend, and optionally the first purchase amount; a header row and blank rows are skipped.
 * @param [horizon] How far ahead from the first purchase: a number of periods, or text such as "3y", "36m", "12q", "3年" (default 3 years).
 * @param [period] The period the per-period figures are given in: "month", "quarter", "year" (default), "week" or "day"; Japanese 月, 四半期, 年 too.
 * @param [gross_margin] Gross margin as a fraction 0–1 (default 1: revenue LTV).
 * @param [discount_rate] Discount rate per period, 0–1 (default 0). Each period's purchases are discounted from the middle of the period; the first purchase is not.
 * @param [model] "auto" (default: the better-fitting model), "pnbd" (Pareto/NBD) or "bgnbd" (BG/NBD).
 * @param [as_of] The date the summary was taken (calibration end; default: the latest last purchase).
 * @returns Two columns, label and value: first purchase, average order, frequency, periods, horizon, expected repeat purchases, LTV before costs, LTV 90 % low and high, model.
 */
export function LEDGER_LTV_SUMMARY(
  summary: any[][],
  horizon?: any,
  period?: any,
  gross_margin?: any,
  discount_rate?: any,
  model?: any,
  as_of?: any
): any[][] {
  return run(() => {
    const options = valueOptions(horizon, period, gross_margin, discount_rate);
    const kind = optionArg(model, "model", SUMMARY_MODEL_WORDS, "auto");
    const endCell = scalarArg(as_of, "as_of");
    const end = readDate(endCell);
    if (end === undefined) throw badValue("notADate", { arg: "as_of", value: endCell });
    const table = readCustomerSummary(summary);
    if (!table.avgRepeat) throw badValue("summaryNoSpend", { arg: "summary" });
    const fit = fitCustomerSummaryModel(table, { model: kind, calibrationEnd: end ?? undefined });
    const v = newCustomerValue(fit, options);
    return valueTable(v, MODEL_NAMES[fit.model.kind], () => ledgerLtvInterval(fit, options));
  });
}

/** The value options LEDGER_LTV and LEDGER_LTV_SUMMARY read alike: the horizon in `period`s, margin and rate. */
function valueOptions(
  horizon: unknown,
  period: unknown,
  gross_margin: unknown,
  discount_rate: unknown
): NewCustomerValueOptions {
  const unit = parsePeriodUnit(textArg(period, "period"), "year");
  const horizonCell = textArg(horizon, "horizon");
  const span =
    horizonCell === null || horizonCell === undefined || horizonCell === ""
      ? DEFAULT_HORIZON
      : parseDuration(horizonCell, unit, "horizon");
  return {
    period: unit,
    horizon: convertPeriods(span.amount, span.unit, unit),
    grossMargin: numberArg(gross_margin, PARAMS.grossMargin),
    discountRate: numberArg(discount_rate, PARAMS.discountRate),
  };
}

/**
 * LEDGER_LTV's two-column spill: label, value. A ledger too thin for an interval still gets its LTV; the interval's
 * cells then say why in words.
 */
function valueTable(v: NewCustomerValue, name: string, interval: () => LtvInterval): any[][] {
  const lang = currentLanguage();
  let low: number | string;
  let high: number | string;
  try {
    ({ low, high } = interval());
  } catch (e) {
    if (!(e instanceof LtvError)) throw e;
    low = high = formatError(e.detail, lang);
  }
  const labels = LEDGER_LTV_LABELS[lang];
  const values: Record<(typeof LEDGER_LTV_ROWS)[number], number | string> = {
    firstOrder: v.firstOrder,
    avgOrder: v.avgOrder,
    frequency: v.frequency,
    periods: v.periods,
    horizon: v.horizon,
    repeatPurchases: v.repeatPurchases,
    ltvBeforeCosts: v.ltvBeforeCosts,
    ltvLow: low,
    ltvHigh: high,
    model: name,
  };
  return LEDGER_LTV_ROWS.map((k) => [labels[k], values[k]]);
}

/**
 * BG/NBD expected number of repeat purchases of a new customer within t periods of the first purchase (Fader, Hardie & Lee 2005, eq. 9).
 * @customfunction BGNBD_EXPECTED_NEW BGNBD_EXPECTED_NEW
 * @param params The row returned by BGNBD_FIT (r, alpha, a, b).
 * @param t Periods after the first purchase, in the unit of the fit (e.g. 52 weeks).
 * @returns Expected repeat purchases.
 */
export function BGNBD_EXPECTED_NEW(params: any[][], t: any): number {
  return run(() => {
    return bgnbdExpectedNewCustomer(
      paramsOf(BGNBD, params),
      numberArg(t, PARAMS.periodsAhead),
      "params"
    );
  });
}

/**
 * Pareto/NBD expected number of repeat purchases of a new customer within t periods of the first purchase: r/α × E[min(lifetime, t)].
 * @customfunction PNBD_EXPECTED_NEW PNBD_EXPECTED_NEW
 * @param params The row returned by PNBD_FIT (r, alpha, s, beta).
 * @param t Periods after the first purchase, in the unit of the fit (e.g. 52 weeks).
 * @returns Expected repeat purchases.
 */
export function PNBD_EXPECTED_NEW(params: any[][], t: any): number {
  return run(() => {
    return paretoNbdExpectedNew(paramsOf(PARETO_NBD, params), numberArg(t, PARAMS.periodsAhead));
  });
}
