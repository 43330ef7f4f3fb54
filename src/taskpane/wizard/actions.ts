/**
 * What the wizard's buttons do: each reads the state, calls the Office layer and reports back through the
 * reducer (busy, result or error), so the components stay declarative.
 */
import type * as React from "react";
import { detectColumns } from "../../core/input/headers";
import type { CustomerSummaryTable } from "../../core/summary-route";
import { detectSummaryColumns } from "../../core/summary-route";
import { uiText } from "../../i18n/ui";
import { SHEET_LABELS } from "../../sheet/labels";
import { customerSheets, summaryCustomerSheets } from "../../sheet/customer-sheets";
import { buildCalculationPlan } from "../../sheet/plan";
import type { LedgerAnalysis, PlanInputs } from "../../sheet/types";
import { fromSerial1900 } from "../../core/input/date";
import type { Ledger } from "../../core/ledger";
import {
  officeMessage,
  readLedgerDateSystem,
  readLedgerRange,
  saveWizardChoices,
  selectedAddress,
  writeCalculationSheet,
  writeCustomerSheets,
} from "../office";
import type { CustomerSheetsReport } from "../customer-sheets";
import { splitSource, type WizardAction, type WizardState } from "./state";

type Dispatch = React.Dispatch<WizardAction>;

/** Reads the typed range and detects its columns; refuses the calculation sheet itself. */
export async function readLedger(state: WizardState, dispatch: Dispatch): Promise<void> {
  const { address, lang } = state;
  dispatch({ type: "start", busy: "reading" });
  try {
    if (address.replace(/'/g, "").startsWith(`${SHEET_LABELS[lang].sheetName}!`))
      throw new Error(uiText(lang, "errOwnSheet"));
    const rows = await readLedgerRange(address);
    const detected = detectColumns(rows as never);
    // a customer summary (one row per customer) is recognised by its header or its content
    const summary = detectSummaryColumns(rows as never);
    const dateSystem = await readLedgerDateSystem(
      address,
      summary ? summary.columns.firstPurchase : detected.mapping.date
    );
    dispatch({ type: "read", address, rows, detected, dateSystem, summary });
  } catch (e) {
    dispatch({ type: "failed", error: officeMessage(e, lang) });
  } finally {
    dispatch({ type: "finished" });
  }
}

/** Takes the user's selection as the ledger's range. */
export async function takeSelection(state: WizardState, dispatch: Dispatch): Promise<void> {
  try {
    dispatch({ type: "address", address: await selectedAddress() });
  } catch (e) {
    dispatch({ type: "failed", error: officeMessage(e, state.lang) });
  }
}

/**
 * Builds the plan and writes it (asking first when the sheet exists and `replace` is false), then — ledger route,
 * with the review's switch on — the customer list and cohort value sheets from `ledger`, then stores the choices
 * in the workbook; a failure to store them, or to write the customer sheets, must not hide the sheet just written
 * (it is reported on the last step).
 */
export async function writeSheet(
  state: WizardState,
  inputs: PlanInputs,
  analysis: LedgerAnalysis | undefined,
  replace: boolean,
  dispatch: Dispatch,
  ledger?: Ledger,
  summary?: CustomerSummaryTable
): Promise<void> {
  const { route, fields, address, mapping, lang } = state;
  dispatch({ type: "start", busy: "writing" });
  try {
    // the analysis the review showed (stamped now, so the sheet's read time is when it was written); the ledger
    // was read in the 1900 system, so its dates go back into the workbook's own serials
    const read =
      route === "ledger" && analysis
        ? { ...analysis, readAt: new Date().toISOString() }
        : undefined;
    const written =
      read && state.dateSystem === 1904
        ? {
            ...read,
            summary: read.summary.map((c) => ({
              ...c,
              first: fromSerial1900(c.first, 1904),
              last: fromSerial1900(c.last, 1904),
            })),
          }
        : read;
    const plan = buildCalculationPlan(inputs, lang, written);
    const report = await writeCalculationSheet(plan, replace);
    if (report.status === "exists") dispatch({ type: "confirmReplace", open: true });
    else {
      let customerReport: CustomerSheetsReport | undefined;
      let customerError = "";
      const common = {
        lang,
        period: inputs.periodUnit,
        model: inputs.model,
        source: address,
        now: new Date(),
        dateSystem: state.dateSystem,
      };
      // the customer summary's list alone (no cohort value sheet: it needs purchases by period)
      const from = state.sourceKind === "summary" ? summary : ledger;
      if (route === "ledger" && state.customerSheets && from) {
        try {
          customerReport = await writeCustomerSheets(
            summary && state.sourceKind === "summary"
              ? summaryCustomerSheets(summary, common)
              : customerSheets(ledger as Ledger, {
                  ...common,
                  grossMargin: inputs.grossMargin,
                  acquisitionCost: inputs.acquisitionCost,
                })
          );
        } catch (e) {
          customerError = uiText(lang, "errCustomerSheets", { message: officeMessage(e, lang) });
        }
      }
      dispatch({ type: "written", report, customerReport });
      if (customerError) dispatch({ type: "failed", error: customerError });
      saveWizardChoices({
        route,
        source: route === "ledger" ? splitSource(address) : undefined,
        mapping: route === "ledger" ? mapping : undefined,
        fields,
        lang,
        sheetName: report.sheet,
        autoOpen: state.autoOpen,
      }).catch(() => dispatch({ type: "failed", error: uiText(lang, "errSettings") }));
    }
  } catch (e) {
    dispatch({ type: "failed", error: officeMessage(e, lang) });
  } finally {
    dispatch({ type: "finished" });
  }
}
