/**
 * LTV, AVG_ORDER, FREQ, RETENTION_PERIODS: thin wrappers that read Excel's arguments by declared rules, call
 * `src/core/`, and map errors (see runner.ts). The JSDoc here is the English metadata: the build turns it into
 * `functions.json`; Japanese texts live in `src/i18n/functions/`.
 */

import { readLedger } from "../core/ledger";
import { averageOrderValue } from "../core/orders";
import { purchaseFrequency } from "../core/frequency";
import { activeFrequency } from "../core/ledger-value";
import { lifetimeValue, retentionPeriods } from "../core/ltv";
import { parsePeriodUnit } from "../core/periods";
import { columnArg } from "../core/input/columns";
import { PARAMS } from "../core/params";
import { numberArg, optionArg, run, textArg } from "./runner";

/**
 * Customer lifetime value: gross_margin × avg_order × frequency × periods (discounted) − acquisition_cost − retention_cost. Example: =LTV(415, 12, 12, 5000) → 54760.
 * @customfunction LTV LTV
 * @param avg_order Average order value (currency per order), e.g. 415.
 * @param frequency Purchase frequency: orders per customer per period, e.g. 12 a quarter.
 * @param periods Number of periods a customer keeps buying, in the frequency's period unit (3 years in quarters = 12).
 * @param [acquisition_cost] Acquisition cost per customer, total (default 0).
 * @param [retention_cost] Retention cost per customer, total over the lifetime (default 0).
 * @param [gross_margin] Gross margin as a fraction 0–1, e.g. 0.4 or 40% (default 1: revenue LTV). Omit it rather than pointing at an empty cell.
 * @param [discount_rate] Discount rate per period, 0–1, e.g. 0.02 (default 0: no discounting). The first period is not discounted.
 * @returns Lifetime value per customer (currency).
 */
export function LTV(
  avg_order: any,
  frequency: any,
  periods: any,
  acquisition_cost?: any,
  retention_cost?: any,
  gross_margin?: any,
  discount_rate?: any
): number {
  return run(() =>
    lifetimeValue({
      avgOrder: numberArg(avg_order, PARAMS.avgOrder),
      frequency: numberArg(frequency, PARAMS.frequency),
      periods: numberArg(periods, PARAMS.periods),
      acquisitionCost: numberArg(acquisition_cost, PARAMS.acquisitionCost),
      retentionCost: numberArg(retention_cost, PARAMS.retentionCost),
      grossMargin: numberArg(gross_margin, PARAMS.grossMargin),
      discountRate: numberArg(discount_rate, PARAMS.discountRate),
    })
  );
}

/**
 * Average order value: total amount ÷ number of orders. With order ids, rows sharing an id are one order. Example: 340, 490, 340, 490 → 415.
 * @customfunction AVG_ORDER AVG_ORDER
 * @param amounts Amounts of the sales ledger (a column; whole columns work; header and blank rows are skipped; negative amounts are returns).
 * @param [order_ids] Optional order numbers, same size as amounts: line items sharing a number count as one order.
 * @returns Average amount per order.
 */
export function AVG_ORDER(amounts: any[][], order_ids?: any[][]): number {
  return run(() => {
    const ledger = readLedger({
      amounts: columnArg(amounts, "amounts"),
      orders:
        order_ids === undefined || order_ids === null
          ? undefined
          : columnArg(order_ids, "order_ids"),
    });
    return averageOrderValue(ledger);
  });
}

/**
 * Purchase frequency: purchases per customer per period. method "active" (default): purchases per period while a customer is active, from a buy-till-you-die model fitted to the ledger (the ledger route's frequency, which multiplies with its expected active periods). method "window": orders ÷ distinct customers ÷ periods in the observed window (first to last order date).
 * @customfunction FREQ FREQ
 * @param customer_ids Customer ids of the sales ledger (a column).
 * @param order_dates Order dates, same size: date cells or text such as 2024/1/5 or 2024年1月5日.
 * @param [period] "day", "week", "month", "quarter", "year" (default) or a number of days; Japanese 日, 週, 月, 四半期, 年 too.
 * @param [order_ids] Optional order numbers, same size: rows sharing a number count as one order (method "window").
 * @param [method] "active" (default: while a customer is active; a customer's orders on one day are one purchase) or "window" (over the whole observed window).
 * @returns Purchases per customer per period.
 */
export function FREQ(
  customer_ids: any[][],
  order_dates: any[][],
  period?: any,
  order_ids?: any[][],
  method?: any
): number {
  return run(() => {
    const unit = parsePeriodUnit(textArg(period, "period"), "year");
    const how = optionArg(method, "method", FREQ_METHODS, "active");
    const ledger = readLedger({
      customers: columnArg(customer_ids, "customer_ids"),
      dates: columnArg(order_dates, "order_dates"),
      orders:
        order_ids === undefined || order_ids === null
          ? undefined
          : columnArg(order_ids, "order_ids"),
    });
    return how === "window" ? purchaseFrequency(ledger, unit) : activeFrequency(ledger, unit);
  });
}

/** FREQ's methods, as typed in English or Japanese. */
const FREQ_METHODS: ReadonlyMap<string, "active" | "window"> = new Map([
  ["active", "active"],
  ["継続中", "active"],
  ["アクティブ", "active"],
  ["window", "window"],
  ["期間全体", "window"],
  ["全期間", "window"],
]);

/**
 * Converts how long a customer keeps buying into a number of periods. Example: =RETENTION_PERIODS(3, "year", "quarter") → 12.
 * @customfunction RETENTION_PERIODS RETENTION_PERIODS
 * @param lifespan How long a customer keeps buying, e.g. 3.
 * @param [lifespan_unit] Unit of the lifespan: "year" (default), "month", "quarter", "week", "day", 年, 月 … or a number of days.
 * @param [period] The period unit to count in, the same as the frequency's (default "year").
 * @returns Number of periods (may be fractional).
 */
export function RETENTION_PERIODS(lifespan: any, lifespan_unit?: any, period?: any): number {
  return run(() => {
    const from = parsePeriodUnit(textArg(lifespan_unit, "lifespan_unit"), "year", "lifespan_unit");
    const to = parsePeriodUnit(textArg(period, "period"), "year");
    return retentionPeriods(numberArg(lifespan, PARAMS.lifespan), from, to);
  });
}
