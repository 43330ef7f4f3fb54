/**
 * The wizard's choices stored in the workbook, so a colleague who has the add-in reopens the wizard pre-filled
 * and can refresh the sheet from changed data, and the tag that opens the task pane with the document.
 *
 * Where: the add-in's document settings (`Office.context.document.settings`), which Excel saves inside the
 * .xlsx (the web-extension part), per add-in, on desktop, web and Mac. A custom XML part would also work but
 * is shared by every add-in and needs an XML schema; settings are this add-in's own and are a JSON value.
 * Nothing secret is stored: the source range, column mapping, units and the typed numbers.
 *
 * `Office.AutoShowTaskpaneWithDocument` set to true in the same settings makes Office open the task pane
 * whose manifest `TaskpaneId` is `Office.AutoShowTaskpaneWithDocument` (ours, see manifest.xml) whenever this
 * workbook is opened where the add-in is installed; without the add-in the setting is ignored. It is the user's
 * choice (a toggle in the wizard), never a side effect of writing: a workbook passed around should not start
 * opening a pane for everyone who has the add-in. Office honours it for add-ins installed by sideloading or
 * centralized deployment; for an add-in installed from the Marketplace (AppSource) it does not open the pane.
 */
import type { ColumnMapping, LedgerRole } from "../core/input/headers";
import type { Fields } from "./model";
import type { PlanUnit } from "../sheet/types";

/** The settings key of the wizard's choices. */
export const WIZARD_SETTINGS_KEY = "ltv.wizard";
/** The settings key Office reads to open the task pane with the document. */
export const AUTO_SHOW_KEY = "Office.AutoShowTaskpaneWithDocument";

/** What the wizard stores. Versioned so a later add-in can read an older workbook. */
export interface WizardChoices {
  version: 1;
  route: "manual" | "ledger";
  /** ledger route: the source range, e.g. { sheet: "売上", address: "A1:D6920" } */
  source?: { sheet: string; address: string };
  mapping?: ColumnMapping;
  /** the typed fields, as the wizard keeps them (strings, percentages as 0…100) */
  fields: Partial<Fields>;
  lang?: "en" | "ja";
  /** the calculation sheet written, so a refresh replaces that sheet */
  sheetName?: string;
  /** ISO time of the last write */
  savedAt?: string;
}

/** The subset of `Office.Settings` used here (so tests can pass a double). */
export interface SettingsLike {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  remove(name: string): void;
  saveAsync(callback?: (result: { status: string; error?: { message: string } }) => void): void;
}

function officeSettings(): SettingsLike {
  return Office.context.document.settings as unknown as SettingsLike;
}

function save(settings: SettingsLike): Promise<void> {
  return new Promise((resolve, reject) =>
    settings.saveAsync((r) =>
      r.status === "failed"
        ? reject(new Error(r.error?.message ?? "settings not saved"))
        : resolve()
    )
  );
}

/**
 * Stores the wizard's choices in the workbook; with `autoOpen` also whether the workbook opens the task pane
 * (true: tag it, false: untag it; absent: leave the user's earlier choice as it is). The workbook itself must
 * still be saved by the user (Office saves settings with the file). One saveAsync. O(size of the choices).
 */
export async function saveWizardChoices(
  choices: Omit<WizardChoices, "version"> & { autoOpen?: boolean },
  settings: SettingsLike = officeSettings()
): Promise<void> {
  const { autoOpen, ...rest } = choices;
  const value: WizardChoices = {
    ...sanitize({ ...rest, version: 1 }),
    savedAt: rest.savedAt ?? new Date().toISOString(),
  } as WizardChoices;
  settings.set(WIZARD_SETTINGS_KEY, JSON.stringify(value));
  if (autoOpen === true) settings.set(AUTO_SHOW_KEY, true);
  else if (autoOpen === false) settings.remove(AUTO_SHOW_KEY);
  await save(settings);
}

/** Turns opening the task pane with this workbook on or off. */
export async function setAutoShowTaskpane(
  on: boolean,
  settings: SettingsLike = officeSettings()
): Promise<void> {
  if (on) settings.set(AUTO_SHOW_KEY, true);
  else settings.remove(AUTO_SHOW_KEY);
  await save(settings);
}

/** True when the workbook opens the task pane with the document. */
export function autoShowTaskpane(settings: SettingsLike = officeSettings()): boolean {
  return settings.get(AUTO_SHOW_KEY) === true;
}

/**
 * The stored choices, or undefined when none (or unreadable: a hand-edited or future value is ignored, never
 * trusted). Unknown keys and values of the wrong type are dropped, so the wizard can spread them over its defaults.
 */
export function loadWizardChoices(
  settings: SettingsLike = officeSettings()
): WizardChoices | undefined {
  const raw = settings.get(WIZARD_SETTINGS_KEY);
  let parsed: unknown = raw;
  if (typeof raw === "string") {
    try {
      parsed = JSON.parse(raw);
    } catch {
      return undefined;
    }
  }
  if (!parsed || typeof parsed !== "object" || (parsed as { version?: unknown }).version !== 1)
    return undefined;
  const out = sanitize(parsed as Record<string, unknown>);
  return out.route ? (out as WizardChoices) : undefined;
}

/** Removes the stored choices and the auto-open tag. */
export async function clearWizardChoices(settings: SettingsLike = officeSettings()): Promise<void> {
  settings.remove(WIZARD_SETTINGS_KEY);
  settings.remove(AUTO_SHOW_KEY);
  await save(settings);
}

const UNITS: readonly PlanUnit[] = ["month", "quarter", "year"];
const STRING_FIELDS = [
  "avgOrder",
  "frequency",
  "lifespan",
  "horizon",
  "grossMargin",
  "discountRate",
  "acquisitionCost",
  "retentionCost",
  "targetRatio",
] as const;
const ROLES: readonly LedgerRole[] = ["customer", "date", "amount", "order"];

function sanitize(v: Record<string, unknown>): Partial<WizardChoices> {
  const out: Partial<WizardChoices> = { version: 1 };
  if (v.route === "manual" || v.route === "ledger") out.route = v.route;
  const src = v.source as Record<string, unknown> | undefined;
  if (src && typeof src.sheet === "string" && typeof src.address === "string")
    out.source = { sheet: src.sheet, address: src.address };
  const map = v.mapping as Record<string, unknown> | undefined;
  if (map && typeof map === "object") {
    const m: ColumnMapping = {};
    for (const r of ROLES)
      if (Number.isInteger(map[r]) && (map[r] as number) >= 0) m[r] = map[r] as number;
    out.mapping = m;
  }
  const f = (v.fields ?? {}) as Record<string, unknown>;
  const fields: Partial<Fields> = {};
  for (const k of STRING_FIELDS) if (typeof f[k] === "string") fields[k] = f[k] as string;
  if (UNITS.includes(f.periodUnit as PlanUnit)) fields.periodUnit = f.periodUnit as PlanUnit;
  if (UNITS.includes(f.lifespanUnit as PlanUnit)) fields.lifespanUnit = f.lifespanUnit as PlanUnit;
  if (UNITS.includes(f.horizonUnit as PlanUnit)) fields.horizonUnit = f.horizonUnit as PlanUnit;
  if (f.business === "repeat" || f.business === "contract") fields.business = f.business;
  if (typeof f.lifespanFromChurn === "boolean") fields.lifespanFromChurn = f.lifespanFromChurn;
  if (f.retentionBasis === "total" || f.retentionBasis === "perPeriod")
    fields.retentionBasis = f.retentionBasis;
  out.fields = fields;
  if (v.lang === "en" || v.lang === "ja") out.lang = v.lang;
  if (typeof v.sheetName === "string") out.sheetName = v.sheetName;
  if (typeof v.savedAt === "string") out.savedAt = v.savedAt;
  return out;
}
