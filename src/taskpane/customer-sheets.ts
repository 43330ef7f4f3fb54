/**
 * Writes the customer list and the cohort value sheets (`src/sheet/customer-sheets.ts`, the plans the command
 * line's `--customers` writes) through the Office.js writer, after the calculation sheet: each is one more owned
 * sheet, known by its own mark (`CUSTOMER_LIST_MARKS`, `COHORT_VALUE_MARKS`), so writing them again replaces only
 * the add-in's own sheets; a user's sheet of the same name is left alone and ours goes beside it ("顧客リスト (2)").
 *
 * Cost: for each sheet 1 + R syncs (R write requests under the writer's 4 MB budget: the cohort sheet takes one,
 * the list of 100,000 customers about seven), so 2 + R_list + R_cohort in all. A failure removes that sheet's
 * unfinished copy (the writer's guarantee) and is rethrown; a sheet written before it stays complete.
 */
import { horizonWords } from "../sheet/customer-list";
import type { CustomerSheets, ListOnlySheets } from "../sheet/customer-sheets";
import {
  COHORT_VALUE_MARKS,
  CUSTOMER_LIST_MARKS,
  writePlan,
  type WriteOptions,
  type WriteReport,
} from "./writer";

/** What writing the two sheets did, and the list's headline figures for the last step. */
export interface CustomerSheetsReport {
  list: WriteReport;
  /** absent for a customer summary (no cohort value sheet) */
  cohort?: WriteReport;
  /** customers in the list */
  customers: number;
  /** the top 10 %: how many, and their share of the expected purchases (0…1) */
  top: number;
  topShare: number;
  /** the horizon in words ("12 months", "12か月") */
  horizon: string;
}

/** A ledger's report has the cohort value sheet's; a customer summary's has none. */
export type ReportOf<S> = S extends CustomerSheets
  ? CustomerSheetsReport & { cohort: WriteReport }
  : CustomerSheetsReport;

/**
 * Writes the cohort value sheet, then the customer list (so the list is the sheet the user lands on); a customer
 * summary's list alone. Re-writing replaces our earlier copies without asking: the wizard asked once, for the
 * calculation sheet.
 */
export async function writeCustomerSheetPlans<S extends CustomerSheets | ListOnlySheets>(
  context: Excel.RequestContext,
  sheets: S,
  options: Pick<WriteOptions, "budgetBytes"> = {}
): Promise<ReportOf<S>> {
  const common = { ...options, replace: true, ownedNames: [] };
  const cohort = sheets.cohortPlan
    ? await writePlan(context, sheets.cohortPlan, { ...common, marks: COHORT_VALUE_MARKS })
    : undefined;
  const list = await writePlan(context, sheets.listPlan, { ...common, marks: CUSTOMER_LIST_MARKS });
  const l = sheets.list;
  const report: CustomerSheetsReport = {
    list,
    ...(cohort ? { cohort } : {}),
    customers: l.rows.length,
    top: l.top.customers,
    topShare: l.top.purchaseShare,
    horizon: horizonWords(l.horizon, l.period, sheets.listPlan.lang),
  };
  // a ledger's sheets always give the cohort report (written above), so the narrower type holds
  return report as ReportOf<S>;
}
