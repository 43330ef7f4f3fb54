/**
 * The task pane's Office layer: every `Excel.run` the wizard makes, behind plain async functions, so the React
 * components never hold a request context and a test double of Office is the only thing they need.
 */
import { LtvError } from "../core/errors";
import type { Lang } from "../i18n/language";
import { formatError } from "../i18n/messages";
import { uiText } from "../i18n/ui";
import type { CustomerSheets, ListOnlySheets } from "../sheet/customer-sheets";
import type { CalculationPlan } from "../sheet/types";
import type { DateSystem } from "../core/input/date";
import { proposeSource, readDateSystem, readSource } from "./ledger-reader";
import {
  autoShowTaskpane,
  loadWizardChoices,
  saveWizardChoices,
  type WizardChoices,
} from "./settings";
import { writeCustomerSheetPlans, type CustomerSheetsReport } from "./customer-sheets";
import { writePlan, type WriteReport } from "./writer";

/** The range the wizard proposes for the ledger (selection, table or used range). One sync. */
export function proposeLedgerRange(): Promise<string> {
  return Excel.run(proposeSource);
}

/** The values of a range such as "Sales!A1:D500", read in slices. */
export function readLedgerRange(address: string): Promise<unknown[][]> {
  return Excel.run((ctx) => readSource(ctx, address));
}

/** The workbook's date system, told by the ledger's date column (1900 when nothing tells or on failure). */
export function readLedgerDateSystem(
  address: string,
  dateColumn: number | undefined
): Promise<DateSystem> {
  if (dateColumn === undefined) return Promise.resolve(1900);
  return Excel.run((ctx) => readDateSystem(ctx, address, dateColumn)).catch(() => 1900 as const);
}

/** Whether this workbook opens the task pane by itself (false outside Office). */
export function savedAutoOpen(): boolean {
  try {
    return autoShowTaskpane();
  } catch {
    return false;
  }
}

/** The address of the user's selection, with its sheet. */
export function selectedAddress(): Promise<string> {
  return Excel.run(async (ctx) => {
    const r = ctx.workbook.getSelectedRange();
    r.load("address");
    await ctx.sync();
    // eslint-disable-next-line office-addins/call-sync-after-load, office-addins/call-sync-before-read -- read after the sync just above (the rule misses syncs inside Excel.run callbacks)
    return r.address;
  });
}

/** Writes the calculation sheet; `status: "exists"` when it is there and `replace` was not given. */
export function writeCalculationSheet(
  plan: CalculationPlan,
  replace: boolean
): Promise<WriteReport> {
  return Excel.run((ctx) => writePlan(ctx, plan, { replace }));
}

/** Writes the customer list and cohort value sheets beside the calculation sheet. */
export function writeCustomerSheets(
  sheets: CustomerSheets | ListOnlySheets
): Promise<CustomerSheetsReport> {
  return Excel.run((ctx) => writeCustomerSheetPlans(ctx, sheets));
}

/** The choices a colleague saved in this workbook, if any (none outside Office, e.g. in a test double). */
export function savedChoices(): WizardChoices | undefined {
  try {
    return loadWizardChoices();
  } catch {
    return undefined;
  }
}

export { saveWizardChoices };

/** What went wrong, in the user's language: a core error's message, or what Excel said. */
export function officeMessage(e: unknown, lang: Lang): string {
  if (e instanceof LtvError) return formatError(e.detail, lang);
  const m = e instanceof Error ? e.message : String(e);
  return m === "errRange" ? uiText(lang, "errRange") : uiText(lang, "errOffice", { message: m });
}
