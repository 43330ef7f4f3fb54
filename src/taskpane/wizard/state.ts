/**
 * The wizard's state and every change to it, as one reducer (React's `useReducer`): what was typed, where the
 * user is, what was read, and what the last Office call reported. Pure, so each transition is testable without
 * a browser; the components only dispatch.
 */
import type { ColumnMapping, DetectedColumns, LedgerRole } from "../../core/input/headers";
import type { DateSystem } from "../../core/input/date";
import type { SummaryColumns } from "../../core/summary-route";
import type { Lang } from "../../i18n/language";
import { DEFAULT_FIELDS, EXAMPLE_FIELDS, type Fields } from "../model";
import type { WizardChoices } from "../settings";
import type { CustomerSheetsReport } from "../customer-sheets";
import type { WriteReport } from "../writer";

export type Route = "manual" | "ledger";
export type Step = "route" | "source" | "settings" | "review" | "done";

/** The steps of a route, in order. */
export function stepsOf(route: Route): Step[] {
  return route === "ledger"
    ? ["route", "source", "settings", "review", "done"]
    : ["route", "settings", "review", "done"];
}

export interface WizardState {
  lang: Lang;
  /** the choices stored in the workbook when the wizard opened */
  saved?: WizardChoices;
  route: Route;
  step: Step;
  fields: Fields;
  /** the ledger's range as typed, e.g. "Sales!A1:D500" */
  address: string;
  /** the ledger's cells as read, and the columns detected in them */
  rows: unknown[][] | null;
  detected: DetectedColumns | null;
  mapping: ColumnMapping;
  /** the workbook's date system, read with the ledger */
  dateSystem: DateSystem;
  /** the user chose to go on although more than a few percent of the rows could not be read */
  unreadableOk: boolean;
  /** open the task pane whenever the workbook is opened (the user's toggle) */
  autoOpen: boolean;
  busy: "" | "reading" | "writing";
  /** the last error, in words */
  error: string;
  /** asking whether to replace an existing calculation sheet */
  confirmReplace: boolean;
  report: WriteReport | null;
  /** ledger route: also write the customer list and cohort value sheets (the review step's switch) */
  customerSheets?: boolean;
  /** what writing them reported, after a write with `customerSheets` */
  customerReport?: CustomerSheetsReport;
  /** the range holds order lines (default) or a customer summary: detected on reading, the user may change it */
  sourceKind?: "ledger" | "summary";
  /** a customer summary's columns, as detected when the range was read (null: not recognised) */
  summaryColumns?: SummaryColumns | null;
}

export type WizardAction =
  | { type: "lang"; lang: Lang }
  | { type: "route"; route: Route }
  /** move `by` steps along the route (clamped), clearing the error */
  | { type: "go"; by: number }
  | { type: "field"; key: keyof Fields; value: Fields[keyof Fields] }
  /** the user asked for the example's answers (manual route: order value, frequency, lifespan, periods, CAC) */
  | { type: "example" }
  | { type: "address"; address: string }
  | { type: "start"; busy: "reading" | "writing" }
  /** the ledger at `address` was read */
  | {
      type: "read";
      address: string;
      rows: unknown[][];
      detected: DetectedColumns;
      dateSystem?: DateSystem;
      /** the range read as a customer summary (its columns), if it is one */
      summary?: SummaryColumns | null;
    }
  | { type: "unreadableOk" }
  | { type: "autoOpen"; on: boolean }
  | { type: "map"; role: LedgerRole; column: number | undefined }
  | { type: "failed"; error: string }
  | { type: "finished" }
  | { type: "confirmReplace"; open: boolean }
  | { type: "written"; report: WriteReport; customerReport?: CustomerSheetsReport }
  | { type: "customerSheets"; on: boolean }
  | { type: "again" }
  | { type: "sourceKind"; kind: "ledger" | "summary" };

/** "'My sheet'!A1:D9" → { sheet: "My sheet", address: "A1:D9" }. */
export function splitSource(full: string): { sheet: string; address: string } | undefined {
  const i = full.lastIndexOf("!");
  if (i < 0) return undefined;
  return {
    sheet: full
      .slice(0, i)
      .replace(/^'(.*)'$/, "$1")
      .replace(/''/g, "'"),
    address: full.slice(i + 1),
  };
}

/** { sheet: "My sheet", address: "A1:D9" } → "'My sheet'!A1:D9" (quoted only when the name needs it). */
export function joinSource(source: { sheet: string; address: string }): string {
  const sheet = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(source.sheet)
    ? source.sheet
    : `'${source.sheet.replace(/'/g, "''")}'`;
  return `${sheet}!${source.address}`;
}

/** The state a wizard opens in: pre-filled from the workbook's stored choices, if any. */
export function initialState(lang: Lang, saved?: WizardChoices, autoOpen = false): WizardState {
  return {
    lang,
    saved,
    route: saved?.route ?? "manual",
    step: "route",
    fields: { ...DEFAULT_FIELDS, ...saved?.fields },
    address: saved?.source ? joinSource(saved.source) : "",
    rows: null,
    detected: null,
    mapping: {},
    dateSystem: 1900,
    unreadableOk: false,
    autoOpen,
    busy: "",
    error: "",
    confirmReplace: false,
    report: null,
  };
}

export function wizardReducer(s: WizardState, a: WizardAction): WizardState {
  switch (a.type) {
    case "lang":
      return { ...s, lang: a.lang };
    case "route":
      return { ...s, route: a.route };
    case "go": {
      const steps = stepsOf(s.route);
      const i = Math.max(0, Math.min(steps.length - 1, steps.indexOf(s.step) + a.by));
      return { ...s, error: "", step: steps[i] };
    }
    case "field":
      return { ...s, fields: { ...s.fields, [a.key]: a.value } };
    case "example": {
      const e = EXAMPLE_FIELDS;
      return {
        ...s,
        fields: {
          ...s.fields,
          periodUnit: e.periodUnit,
          avgOrder: e.avgOrder,
          frequency: e.frequency,
          lifespan: e.lifespan,
          lifespanUnit: e.lifespanUnit,
          acquisitionCost: e.acquisitionCost,
        },
      };
    }
    case "address":
      return { ...s, address: a.address };
    case "start":
      return { ...s, busy: a.busy, error: "", confirmReplace: false };
    case "read": {
      // the stored column mapping wins when the same range is read again
      const same = s.saved?.mapping && s.saved.source && joinSource(s.saved.source) === a.address;
      const mapping = same && s.saved?.mapping ? s.saved.mapping : a.detected.mapping;
      return {
        ...s,
        rows: a.rows,
        detected: a.detected,
        mapping,
        dateSystem: a.dateSystem ?? 1900,
        unreadableOk: false,
        summaryColumns: a.summary ?? null,
        sourceKind: a.summary ? "summary" : "ledger",
      };
    }
    case "unreadableOk":
      return { ...s, unreadableOk: true };
    case "autoOpen":
      return { ...s, autoOpen: a.on };
    case "map":
      return { ...s, mapping: { ...s.mapping, [a.role]: a.column }, unreadableOk: false };
    case "failed":
      return { ...s, error: a.error };
    case "finished":
      return { ...s, busy: "" };
    case "confirmReplace":
      return { ...s, confirmReplace: a.open };
    case "written":
      return { ...s, report: a.report, customerReport: a.customerReport, step: "done" };
    case "customerSheets":
      return { ...s, customerSheets: a.on };
    case "again":
      return { ...s, step: "route", report: null, customerReport: undefined };
    case "sourceKind":
      return { ...s, sourceKind: a.kind };
  }
}
