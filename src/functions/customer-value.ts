/**
 * Who to call next, and when a cohort pays back: CUSTOMER_VALUE (the ranked customer list from the ledger route's
 * model), PAYBACK_PERIOD (the first period a cumulative value reaches the acquisition cost), and the "ltv"
 * measure of COHORT_TABLE (cumulative value per acquired customer). Thin wrappers over
 * src/core/customer-value.ts and src/core/cohort-value.ts. Reference: docs/reference/customer-value.md.
 */

import { cohortValueTable, paybackPeriod, readGroups } from "../core/cohort-value";
import {
  customerValueList,
  customerValueListOfSummary,
  type CustomerValueList,
} from "../core/customer-value";
import { readCustomerSummary } from "../core/summary-route";
import { badValue, notEnoughData } from "../core/errors";
import { isBlank, isErrorCell, errorCellText } from "../core/input/cells";
import { columnArg, toColumn } from "../core/input/columns";
import { readDate } from "../core/input/date";
import { readNumber } from "../core/input/number";
import { readLedger } from "../core/ledger";
import { PARAMS, required } from "../core/params";
import {
  convertPeriods,
  parseDuration,
  parsePeriodUnit,
  UNIT_DAYS,
  type Duration,
} from "../core/periods";
import { ANALYTICS_HEADERS } from "../i18n/functions/analytics";
import { CUSTOMER_VALUE_HEADERS, GROUP_WORDS, SEGMENT_NAMES } from "../i18n/customer-value";
import { currentLanguage } from "../i18n/language";
import { idCell } from "./models";
import { numberArg, run, scalarArg, textArg } from "./runner";

/** The list's default horizon: the next year. */
const DEFAULT_HORIZON: Duration = { amount: 1, unit: { days: UNIT_DAYS.year, name: "year" } };

/**
 * Ranked customer list: one row per customer with the probability they are still a customer, their expected purchases and revenue over the horizon, their rank (1 = most valuable) and a segment (Best = top 10 %, Follow up = past revenue in the top quarter and probability still active below 70 %, Dormant = expected purchases below a quarter of a new customer's, New = first purchase within the last period, Regular). Fits the ledger route's model (Pareto/NBD or BG/NBD, Gamma-Gamma for spend). Sorted by rank; spills with a header row.
 * @customfunction CUSTOMER_VALUE CUSTOMER_VALUE
 * @param customer_ids Customer ids of the sales ledger (a column; whole columns work; header and blank rows are skipped).
 * @param order_dates Order dates, same size: date cells or text such as 2024/1/5 or 2024年1月5日.
 * @param amounts Amounts, same size: numbers or text such as ¥1,200 or 1,200円.
 * @param [horizon] How far ahead: a number of periods, or text such as "1y", "12m", "39w", "1年" (default 1 year).
 * @param [period] The period a number horizon counts, and the window of "new" (first purchase within the last period): "month" (default), "week", "quarter", "year", "day"; 月, 週, 四半期, 年 too.
 * @param [calibration_end] Last date that counts (default: the last order date); later orders are ignored, so they can be compared with the list.
 * @param [order_ids] Optional order numbers, same size: line items sharing a number are one order.
 * @returns A table: customer, probability still active, expected purchases, expected revenue, rank, segment.
 */
export function CUSTOMER_VALUE(
  customer_ids: any[][],
  order_dates: any[][],
  amounts: any[][],
  horizon?: any,
  period?: any,
  calibration_end?: any,
  order_ids?: any[][]
): any[][] {
  return run(() => {
    const options = listOptions(horizon, period, calibration_end);
    const ledger = readLedger({
      customers: toColumn(customer_ids, "customer_ids"),
      dates: toColumn(order_dates, "order_dates"),
      amounts: toColumn(amounts, "amounts"),
      orders:
        order_ids === undefined || order_ids === null
          ? undefined
          : toColumn(order_ids, "order_ids"),
    });
    const list = customerValueList(ledger, options);
    return listTable(list);
  });
}

/** The options CUSTOMER_VALUE and CUSTOMER_VALUE_SUMMARY read alike: the period, the horizon in it, the end. */
function listOptions(horizon: unknown, period: unknown, calibration_end: unknown) {
  const unit = parsePeriodUnit(textArg(period, "period"), "month");
  const horizonCell = textArg(horizon, "horizon");
  const span =
    horizonCell === null || horizonCell === undefined || horizonCell === ""
      ? DEFAULT_HORIZON
      : parseDuration(horizonCell, unit, "horizon");
  const endCell = scalarArg(calibration_end, "calibration_end");
  const end = readDate(endCell);
  if (end === undefined) throw badValue("notADate", { arg: "calibration_end", value: endCell });
  return {
    period: unit,
    horizon: convertPeriods(span.amount, span.unit, unit),
    calibrationEnd: end ?? undefined,
  };
}

/**
 * Ranked customer list from a customer summary (one row per customer, as a warehouse or ltv-workbook sql computes it): the same list as CUSTOMER_VALUE on the ledger the summary was made from. Spills with a header row: customer, probability still active, expected purchases, expected revenue, rank, segment.
 * @customfunction CUSTOMER_VALUE_SUMMARY CUSTOMER_VALUE_SUMMARY
 * @param summary The customer summary: columns customer, first purchase date, last purchase date, repeat purchases (purchase days after the first), average repeat spend, and optionally the first purchase amount; a header row and blank rows are skipped.
 * @param [horizon] How far ahead: a number of periods, or text such as "1y", "12m", "39w", "1年" (default 1 year).
 * @param [period] The period a number horizon counts, and the window of "new" (first purchase within the last period): "month" (default), "week", "quarter", "year", "day"; 月, 週, 四半期, 年 too.
 * @param [calibration_end] The date the summary was taken (default: the latest last purchase); customers first seen after it are left out.
 * @returns A table: customer, probability still active, expected purchases, expected revenue, rank, segment.
 */
export function CUSTOMER_VALUE_SUMMARY(
  summary: any[][],
  horizon?: any,
  period?: any,
  calibration_end?: any
): any[][] {
  return run(() => {
    const options = listOptions(horizon, period, calibration_end);
    const list = customerValueListOfSummary(readCustomerSummary(summary), options);
    return listTable(list);
  });
}

/** The list's spill: a header row, then customer, P(alive), purchases, revenue, rank, segment by rank. */
function listTable(list: CustomerValueList): (number | string)[][] {
  const lang = currentLanguage();
  const names = SEGMENT_NAMES[lang];
  const out: (number | string)[][] = new Array(list.rows.length + 1);
  out[0] = CUSTOMER_VALUE_HEADERS[lang].slice();
  list.rows.forEach((r, i) => {
    out[i + 1] = [idCell(r.customer), r.pAlive, r.purchases, r.revenue, r.rank, names[r.segment]];
  });
  return out;
}

/**
 * Payback period: the first period at which a cumulative value per customer reaches the acquisition cost (reached exactly counts). Values are periods 0, 1, 2 … as in COHORT_TABLE's "ltv" columns (period 0 = the period of the first purchase); blank cells are periods not yet observed. A range of several rows gives one answer per row (blank where not reached). Example: =PAYBACK_PERIOD({900,1150,1300}, 1000) → 1.
 * @customfunction PAYBACK_PERIOD PAYBACK_PERIOD
 * @param cumulative_values Cumulative value per customer by period since acquisition: a row (or column) of COHORT_TABLE(…, "ltv", amounts) without its label columns, or several rows.
 * @param acquisition_cost Acquisition cost per customer (CAC), at least 0.
 * @returns The period (0, 1, 2 …), one per row; #N/A for a single row that has not reached the cost yet.
 */
export function PAYBACK_PERIOD(cumulative_values: any[][], acquisition_cost: any): any[][] {
  return run(() => {
    const cost = numberArg(acquisition_cost, required(PARAMS.acquisitionCost));
    const series = seriesOf(cumulative_values);
    if (series.length === 1) {
      const values = series[0];
      const k = paybackPeriod(values, cost);
      if (k !== null) return [[k]];
      const seen = values.filter((x): x is number => x !== null);
      throw notEnoughData("notPaidBack", {
        arg: "cumulative_values",
        params: { cost, count: seen.length, max: seen.length > 0 ? Math.max(...seen) : "—" },
      });
    }
    return series.map((values) => {
      const k = paybackPeriod(values, cost);
      return [k === null ? "" : k];
    });
  });
}

/**
 * The series of a cumulative_values argument: one row or column is one series; a block of several rows and
 * columns is one series per row. Blank cells are null (not yet observed).
 */
function seriesOf(value: unknown): (number | null)[][] {
  const grid: unknown[][] = !Array.isArray(value)
    ? [[value]]
    : value.length > 0 && Array.isArray(value[0])
      ? (value as unknown[][])
      : [value];
  const oneSeries = grid.length === 1 || grid.every((r) => Array.isArray(r) && r.length === 1);
  const read = (cell: unknown, row: number): number | null => {
    if (isErrorCell(cell as never))
      throw badValue("errorCell", {
        arg: "cumulative_values",
        row,
        params: { error: errorCellText(cell as never) },
      });
    if (isBlank(cell as never)) return null;
    const v = readNumber(cell);
    if (typeof v !== "number" || !Number.isFinite(v))
      throw badValue("notANumber", { arg: "cumulative_values", row, value: cell });
    return v;
  };
  if (oneSeries) {
    const cells = grid.length === 1 ? grid[0] : grid.map((r) => r[0]);
    return [cells.map((c, k) => read(c, k + 1))];
  }
  return grid.map((r, i) => (r as unknown[]).map((c) => read(c, i + 1)));
}

/**
 * COHORT_TABLE's "ltv" measure: cumulative value per acquired customer, per cohort (per group and cohort with a
 * group column). Spill: [group,] cohort, customers, 0, 1, 2 …; "" where not yet observable.
 */
export function cohortValueSpill(
  customer_ids: unknown,
  order_dates: unknown,
  unitText: unknown,
  amounts: unknown,
  gross_margin: unknown,
  group: unknown
): (number | string)[][] {
  const unit = parsePeriodUnit(unitText, "month");
  if (amounts === undefined || amounts === null)
    throw badValue("requiredFor", { arg: "amounts", params: { what: "ltv" } });
  const margin = numberArg(gross_margin, PARAMS.grossMargin);
  const customers = columnArg(customer_ids, "customer_ids");
  const ledger = readLedger({
    customers,
    dates: columnArg(order_dates, "order_dates"),
    amounts: columnArg(amounts, "amounts"),
  });
  const grouped = group !== undefined && group !== null;
  const groupOf = grouped
    ? readGroups(ledger, columnArg(group, "group"), customers.length)
    : undefined;
  const table = cohortValueTable(ledger, unit, { grossMargin: margin, groupOf });
  const lang = currentLanguage();
  const words = GROUP_WORDS[lang];
  const header: (number | string)[] = [
    ...(grouped ? [words.header] : []),
    ...ANALYTICS_HEADERS[lang].cohort,
  ];
  for (let k = 0; k < table.periods; k++) header.push(k);
  const out: (number | string)[][] = [header];
  for (const r of table.rows) {
    const row: (number | string)[] = grouped
      ? [r.group === "" ? words.blank : (r.group as string)]
      : [];
    row.push(r.label, r.customers);
    for (const v of r.values) row.push(v === null ? "" : v);
    out.push(row);
  }
  return out;
}
