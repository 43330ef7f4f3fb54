/**
 * The two sheets that go beside the calculation sheet when the user asks for the customer list (the wizard's
 * "also write the customer list" and the command line's `--customers`): the customer list (every customer ranked
 * by expected revenue over the next year, with segments) and the cohort value sheet (cumulative value per acquired
 * customer by cohort, against the acquisition cost). Both writers call this one function, so they write the same
 * plans.
 */
import { cohortValueTable } from "../core/cohort-value";
import {
  customerValueList,
  customerValueListOfSummary,
  type CustomerValueList,
} from "../core/customer-value";
import { fromSerial1900, type DateSystem } from "../core/input/date";
import type { LedgerModelKind } from "../core/ledger-value";
import type { Ledger } from "../core/ledger";
import type { CustomerSummaryTable } from "../core/summary-route";
import { convertPeriods, namedUnit } from "../core/periods";
import type { Lang } from "../i18n/language";
import { buildCohortValuePlan, type CohortValuePlan } from "./cohort-value";
import { buildCustomerListPlan, type CustomerListPlan } from "./customer-list";
import type { PlanUnit } from "./types";

export interface CustomerSheets {
  list: CustomerValueList;
  listPlan: CustomerListPlan;
  cohortPlan: CohortValuePlan;
}

/** A customer summary's sheets: the list alone (cumulative value by cohort period needs the order lines). */
export type ListOnlySheets = Omit<CustomerSheets, "cohortPlan"> & { cohortPlan?: undefined };

export interface CustomerSheetsOptions {
  lang: Lang;
  period: PlanUnit;
  /** the repeat-purchase model the calculation sheet uses (default auto), so both sheets agree */
  model?: LedgerModelKind;
  grossMargin: number;
  acquisitionCost: number;
  source: string;
  now: Date;
  /**
   * the workbook's date system (default 1900): the ledger's dates are read as 1900 serials, and the list's order
   * dates go back into the workbook's own (a 1904 workbook's serials are 1,462 smaller)
   */
  dateSystem?: DateSystem;
}

/**
 * Scores the ledger's customers over the next year (in periods of `period`) with the repeat-purchase models (a
 * contract ledger's payments are scored as purchases) and builds both sheets' plans.
 *
 * Example: the demo ledger (510 customers), month, CAC 500 → a list of 510 rows ranked by expected revenue over
 * the next 12 months, and 24 cohorts × 24 months of cumulative value with their payback periods.
 * @throws LtvError from the fit (`noRepeatPurchases`, `notConverged` …) or the cohort table (`requiredFor` when
 *   the ledger has no amounts). Cost: that of `customerValueList` (a model fit: O(customers) per iteration) and of
 *   the cohort table (O(rows)).
 */
export function customerSheets(ledger: Ledger, o: CustomerSheetsOptions): CustomerSheets {
  const period = namedUnit(o.period);
  const list = customerValueList(ledger, {
    period,
    horizon: convertPeriods(1, namedUnit("year"), period),
    model: o.model,
  });
  const listPlan = listPlanOf(list, o);
  const cohortPlan = buildCohortValuePlan(
    cohortValueTable(ledger, period, { grossMargin: o.grossMargin }),
    o.lang,
    {
      source: o.source,
      now: o.now,
      acquisitionCost: o.acquisitionCost,
      grossMargin: o.grossMargin,
    }
  );
  return { list, listPlan, cohortPlan };
}

/**
 * The customer list of a customer summary (`core/summary-route.ts`): the same list as {@link customerSheets} on
 * the ledger the summary was made from (orders are purchase occasions, 1 + repeat purchases). No cohort value
 * sheet: its cumulative value per cohort period needs the order lines, which a summary does not hold.
 * Example: the demo ledger's summary → the same 510 rows, ranks and segments.
 * @throws LtvError `summaryNoSpend` without an average repeat spend column, and as the fit. Cost: the fit +
 *   O(customers log customers).
 */
export function summaryCustomerSheets(
  table: CustomerSummaryTable,
  o: Omit<CustomerSheetsOptions, "acquisitionCost" | "grossMargin"> & { calibrationEnd?: number }
): ListOnlySheets {
  const period = namedUnit(o.period);
  const list = customerValueListOfSummary(table, {
    period,
    horizon: convertPeriods(1, namedUnit("year"), period),
    model: o.model,
    calibrationEnd: o.calibrationEnd,
  });
  return { list, listPlan: listPlanOf(list, o) };
}

/** The list's plan, its dates back in the workbook's own serials. O(customers). */
function listPlanOf(
  list: CustomerValueList,
  o: Pick<CustomerSheetsOptions, "dateSystem" | "lang" | "source" | "now">
): CustomerListPlan {
  const system = o.dateSystem ?? 1900;
  const written =
    system === 1900
      ? list
      : {
          ...list,
          rows: list.rows.map((r) => ({
            ...r,
            firstOrder: fromSerial1900(r.firstOrder, system),
            lastOrder: fromSerial1900(r.lastOrder, system),
          })),
        };
  return buildCustomerListPlan(written, o.lang, { source: o.source, now: o.now });
}
