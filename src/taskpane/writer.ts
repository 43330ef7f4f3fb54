/**
 * Applies a calculation plan to the workbook through Office.js, in a handful of `context.sync()` calls:
 * **1 + R syncs** for R write requests (R = 1 for the manual route and for ordinary ledgers; more only when the
 * per-customer summary would take a request past Excel on the web's 5 MB limit).
 *
 * 1. One sync reads what is there: the plan's sheet, a leftover unfinished sheet of ours, and each workbook name
 *    a plan of ours may define, with what it refers to. If the sheet exists and `replace` is not set, nothing is
 *    written and `{ status: "exists" }` comes back, so the task pane can ask before replacing its own sheet.
 * 2. One sync per write request, each starting with `application.suspendApiCalculationUntilNextSync()`. The sheet
 *    is written under a temporary, visibly unfinished name (`LTV計算 (書き込み中…)`, `LTV calculation (writing…)`).
 *    The last request ends with the finishing steps: delete our old names, delete the old sheet (replace), rename
 *    the new sheet to its real name, create the workbook names, activate it. Excel runs a request's operations in
 *    order and stops at the first that fails, so the finishing steps run only once every cell, format and chart
 *    before them is in place — the same guarantee as a separate request, without a sync more.
 *
 * No data loss: when a sync fails, one or two more syncs look at what is left and remove the temporary
 * sheet (the previous finished sheet, if any, is untouched, since it is deleted only in the finishing steps), then
 * the error is rethrown for the task pane to show. In the one case where the finishing steps got past deleting the
 * old sheet but failed before the rename, the new sheet is complete and it is renamed to the real name rather than
 * deleted, so the user is never left with neither.
 *
 * Names: a workbook name of ours (`Input_…`, `Calc_…`, `Result_…`, `Ledger_…`, `Units_Table`) is deleted or
 * replaced only if it refers to our own sheet (or its temporary one) or to nothing (`#REF!`). A same-named workbook
 * name of the user's that refers elsewhere is left exactly as it is; as the sheet's formulas use these names, the
 * writer then defines the name *scoped to its own sheet* (a sheet-scoped name wins over a workbook-scoped one in
 * that sheet's formulas, so the sheet still computes from its own cells) and lists it in
 * `WriteReport.sheetScopedNames`: other sheets cannot refer to it by that name until the user frees it.
 * Only the plan's own sheet and names are touched: no other sheet, no source data.
 *
 * Kinds of sheet: the calculation sheet, the customer list and the cohort value sheet each have their own pair of
 * marks (`WriteOptions.marks`), so writing one never replaces another. Excel tables (`SheetPlan.tables`) are laid
 * over the written cells under an unfinished name (`CustomerList_writing`) and take their real name in the
 * finishing steps, once the sheet they replace (and its table of that name) is gone; a table of the user's that
 * holds the name elsewhere in the workbook is left alone and ours takes the next free one (`CustomerList_2`).
 */
import { parseRange, range } from "../sheet/a1";
import { ALL_PLAN_NAMES } from "../sheet/plan";
import type {
  CellStyle,
  ChartPlan,
  ConditionalFormat,
  DataValidation,
  NamedRange,
  TablePlan,
} from "../sheet/types";
import {
  DEFAULT_BUDGET_BYTES,
  isPayloadTooLarge,
  planRequests,
  splitRequest,
  type SheetWritePlan,
  type WriteOp,
} from "./batches";

export interface WriteOptions {
  /** replace the plan's sheet if it exists (after the user said yes) */
  replace?: boolean;
  /** request budget in bytes (default 4 MB, under the 5 MB limit) */
  budgetBytes?: number;
  /** progress: request i of n written */
  onProgress?: (done: number, total: number) => void;
  /**
   * The marks by which this kind of sheet is known (default: the calculation sheet's). Each kind of sheet the
   * add-in writes has its own pair, so writing the customer list never touches the calculation sheet.
   */
  marks?: SheetMarks;
  /**
   * Workbook names a plan of this kind may have left (deleted or replaced only when they point at our sheet);
   * default: every name of a calculation plan. The customer list and cohort value sheets define none.
   */
  ownedNames?: readonly string[];
}

export interface WriteReport {
  status: "written" | "exists";
  sheet: string;
  /** number of context.sync() calls made */
  syncs: number;
  /** estimated bytes of each write request */
  requestBytes: number[];
  /**
   * Names of the plan that a workbook name of the user's (referring elsewhere) already holds: left as they are,
   * and defined for the calculation sheet only (sheet scope). Empty when every name is workbook-wide.
   */
  sheetScopedNames: string[];
  /**
   * A sheet of the user's that has the plan's name (it was never written by the add-in): left as it is; the
   * calculation went on `sheet` instead ("LTV計算 (2)").
   */
  sheetKept?: string;
  /**
   * The Excel tables written, by the plan's name → the name they got (the plan's, or "CustomerList_2" when a
   * table of the user's elsewhere in the workbook has it). Absent when the plan has none.
   */
  tables?: Record<string, string>;
}

/** Points per character of column width (Calibri 11: about 7 px per character at 96 dpi ≈ 5.25 pt, plus padding). */
const POINTS_PER_CHAR = 5.6;

/** Excel's limit on a sheet name's length. */
const SHEET_NAME_MAX = 31;

type Ctx = Excel.RequestContext;

/**
 * The name the sheet is written under until it is finished: visibly unfinished, within Excel's 31 characters
 * (the plan's name is shortened if needed) and free of its forbidden characters (: \ / ? * [ ]).
 * @example unfinishedName("LTV計算", "ja") // "LTV計算 (書き込み中…)"
 */
export function unfinishedName(sheet: string, lang: SheetWritePlan["lang"]): string {
  const suffix = lang === "ja" ? " (書き込み中…)" : " (writing…)";
  return sheet.slice(0, SHEET_NAME_MAX - suffix.length) + suffix;
}

/**
 * The sheet a name's formula refers to, as written in it (`='LTV計算'!$B$29` → `LTV計算`), `"#REF!"` when it
 * refers to nothing, or null for anything else (a constant, a formula over several sheets …).
 */
export function nameTarget(formula: string | null | undefined): string | null {
  if (typeof formula !== "string") return null;
  const f = formula.startsWith("=") ? formula.slice(1) : formula;
  if (f.startsWith("#REF!")) return "#REF!";
  const quoted = /^'((?:[^']|'')+)'!/.exec(f);
  if (quoted) return quoted[1].replace(/''/g, "'");
  const plain = /^([^'!:\\/?*[\]]+)!/.exec(f);
  return plain ? plain[1] : null;
}

/**
 * The hidden workbook names by which the writer knows its sheets: a name refers to a sheet (`='LTV計算'!$A$1`),
 * follows it through a rename, survives saving and reopening (a hidden defined name in the file), and turns to
 * #REF! when the sheet is deleted. Only a sheet a mark points at is ever replaced or deleted; a sheet of the
 * user's that happens to have one of our names is left alone and the calculation goes beside it.
 */
export const SHEET_MARK = "LTV_Sheet_Mark";
export const WRITING_MARK = "LTV_Sheet_Writing";

/** A kind of sheet's two marks: its finished sheet, and its sheet being written. */
export interface SheetMarks {
  sheet: string;
  writing: string;
}
/** The calculation sheet's marks (the default). */
export const CALCULATION_MARKS: SheetMarks = { sheet: SHEET_MARK, writing: WRITING_MARK };
/** The customer list sheet's marks (`src/sheet/customer-list.ts`). */
export const CUSTOMER_LIST_MARKS: SheetMarks = {
  sheet: "LTV_CustomerList_Mark",
  writing: "LTV_CustomerList_Writing",
};
/** The cohort value sheet's marks (`src/sheet/cohort-value.ts`). */
export const COHORT_VALUE_MARKS: SheetMarks = {
  sheet: "LTV_CohortValue_Mark",
  writing: "LTV_CohortValue_Writing",
};

/** The name a table has while its sheet is unfinished: the real one may still be held by the sheet it replaces. */
export function unfinishedTableName(name: string): string {
  return `${name}_writing`;
}

/** Table names to try, in order, when a table of the user's holds the plan's: "CustomerList_2" … */
function tableAlternatives(name: string): string[] {
  return [name, ...Array.from({ length: 19 }, (_, k) => `${name}_${k + 2}`)];
}

/** Other names to try, in order, when a sheet of the user's holds the plan's: "LTV計算 (2)", "LTV計算 (3)" … */
function alternatives(name: string): string[] {
  const out = [name];
  for (let k = 2; k <= 20; k++) {
    const suffix = ` (${k})`;
    out.push(name.slice(0, SHEET_NAME_MAX - suffix.length) + suffix);
  }
  return out;
}

/**
 * Writes `plan` into the workbook of `context`.
 * @returns what was done and how many syncs it took. Throws what Office.js throws (the caller shows it), after
 *   removing the unfinished sheet (or, when the old sheet is already gone, completing the new one).
 */
export async function writePlan(
  context: Ctx,
  plan: SheetWritePlan,
  options: WriteOptions = {}
): Promise<WriteReport> {
  const kind = options.marks ?? CALCULATION_MARKS;
  let syncs = 0;
  const sync = async () => {
    syncs++;
    await context.sync();
  };
  const sheets = context.workbook.worksheets;
  const candidates = alternatives(plan.sheet.name).map((name) => {
    const sheet = sheets.getItemOrNullObject(name);
    sheet.load("isNullObject");
    const temp = sheets.getItemOrNullObject(unfinishedName(name, plan.lang));
    temp.load("isNullObject");
    return { name, sheet, temp };
  });
  const marks = [kind.sheet, kind.writing].map((name) => {
    const item = context.workbook.names.getItemOrNullObject(name);
    item.load("isNullObject,formula");
    return item;
  });
  // the plan's names and any other name a plan of ours may have left (a ledger-route sheet replaced by a manual one)
  const owned = [
    ...new Set([...plan.names.map((n) => n.name), ...(options.ownedNames ?? ALL_PLAN_NAMES)]),
  ];
  const names = owned.map((name) => {
    const item = context.workbook.names.getItemOrNullObject(name);
    item.load("isNullObject,formula");
    return { name, item };
  });
  // the workbook's tables and their sheets, when the plan lays tables (their names are workbook-wide)
  const planTables = plan.sheet.tables ?? [];
  const workbookTables = planTables.length > 0 ? context.workbook.tables : null;
  workbookTables?.load("items/name,items/worksheet/name");
  await sync();
  const markOf = (i: number) => (marks[i].isNullObject ? null : nameTarget(marks[i].formula));
  const ourSheet = markOf(0);
  const ourTemp = markOf(1);
  // our finished sheet: one of the plan's names that the mark points at; else the first name no sheet holds
  const mine = candidates.find((c) => c.name === ourSheet && !c.sheet.isNullObject);
  const free = candidates.find(
    (c) =>
      c.sheet.isNullObject && (c.temp.isNullObject || unfinishedName(c.name, plan.lang) === ourTemp)
  );
  const chosen = mine ?? free;
  if (!chosen) throw new Error(`No free sheet name for ${plan.sheet.name}`);
  const finalName = chosen.name;
  const tempName = unfinishedName(finalName, plan.lang);
  const hadSheet = mine !== undefined;
  // a sheet of the user's holding the plan's name: left as it is, and the report says where the calculation went
  const sheetKept =
    candidates[0].sheet.isNullObject || mine === candidates[0] ? undefined : candidates[0].name;
  if (hadSheet && !options.replace) {
    return { status: "exists", sheet: finalName, syncs, requestBytes: [], sheetScopedNames: [] };
  }
  const hadLeftover = !chosen.temp.isNullObject && tempName === ourTemp;
  // each table's name: the plan's unless a table elsewhere holds it (ours on the sheet replaced, or on our
  // leftover unfinished sheet, go with their sheet); written under its unfinished name until the finishing steps
  const tableSheets = new Map<string, string>();
  for (const t of workbookTables?.items ?? [])
    tableSheets.set(t.name.toLowerCase(), t.worksheet.name);
  const freeTable = (name: string) => {
    const at = tableSheets.get(name.toLowerCase());
    return at === undefined || (hadSheet && at === finalName) || (hadLeftover && at === tempName);
  };
  const tableNames = new Map<string, string>();
  for (const t of planTables) {
    const name = tableAlternatives(t.name).find(
      (n) => freeTable(n) && freeTable(unfinishedTableName(n)) && !tableNames.has(n)
    );
    if (!name) throw new Error(`No free table name for ${t.name}`);
    tableNames.set(t.name, name);
  }
  const addedTables: { table: Excel.Table; name: string }[] = [];
  const ours: Excel.NamedItem[] = [];
  const taken = new Set<string>();
  for (const { name, item } of names) {
    if (item.isNullObject) continue;
    const target = nameTarget(item.formula);
    if (target === finalName || target === tempName || target === "#REF!") ours.push(item);
    else taken.add(name);
  }
  const sheetScopedNames = plan.names.map((n) => n.name).filter((n) => taken.has(n));
  // the finished sheet's old mark goes in the finishing steps (the writing mark's old one in the first request)
  const markItems = marks[0].isNullObject ? [] : [marks[0]];

  const requests = planRequests(plan, options.budgetBytes ?? DEFAULT_BUDGET_BYTES);
  let sheet: Excel.Worksheet | undefined;
  try {
    for (let i = 0; i < requests.length; i++) {
      context.application.suspendApiCalculationUntilNextSync();
      if (i === 0) {
        // an unfinished sheet of an earlier write of ours that could not clean up after itself
        if (hadLeftover) chosen.temp.delete();
        sheet = sheets.add(tempName);
        applyPrintAndFont(sheet, plan);
        if (!marks[1].isNullObject) marks[1].delete();
        hide(context.workbook.names.add(kind.writing, sheet.getRange("A1")));
      }
      const ws = sheet as Excel.Worksheet;
      const deferred: WriteOp[] = [];
      for (const op of requests[i].ops) {
        // names and the selection belong to the finished sheet: they come with the finishing steps
        if (op.op === "name" || op.op === "select") deferred.push(op);
        else if (op.op === "table") {
          const name = tableNames.get(op.table.name) as string;
          addedTables.push({ table: addTable(ws, op.table, unfinishedTableName(name)), name });
        } else apply(context, ws, plan, op);
      }
      if (i === requests.length - 1) {
        // finishing steps, last in the last request: they run only if everything before them succeeded. The old
        // sheet goes first, so a failure after it leaves a complete new sheet to finish (see recover)
        if (hadSheet) chosen.sheet.delete();
        for (const item of ours) item.delete();
        ws.name = finalName;
        for (const t of addedTables) t.table.name = t.name;
        for (const op of deferred) {
          if (op.op === "name") addName(context, ws, op.name, taken.has(op.name.name));
          else apply(context, ws, plan, op);
        }
        for (const m of markItems) m.delete();
        context.workbook.names.getItem(kind.writing).delete(); // added by this write's first request
        hide(context.workbook.names.add(kind.sheet, ws.getRange("A1")));
        ws.activate();
      } else if (deferred.length > 0) {
        // not expected (batches puts names and the selection in the last request); kept for the finishing steps
        requests[requests.length - 1].ops.push(...deferred);
      }
      try {
        await sync();
      } catch (e) {
        // Excel refused the request as too large before running any of it: halve it and send the halves instead
        const halves = isPayloadTooLarge(e) ? splitRequest(requests[i]) : null;
        if (!halves) throw e;
        requests.splice(i, 1, ...halves);
        i--;
        continue;
      }
      options.onProgress?.(i + 1, requests.length);
    }
  } catch (e) {
    await recover(context, plan, finalName, tempName, hadSheet, taken, kind, tableNames).catch(
      () => undefined
    );
    throw e;
  }
  return {
    status: "written",
    sheet: finalName,
    syncs,
    requestBytes: requests.map((r) => r.bytes),
    sheetScopedNames,
    ...(sheetKept ? { sheetKept } : {}),
    ...(tableNames.size > 0 ? { tables: Object.fromEntries(tableNames) } : {}),
  };
}

/**
 * Lays an Excel table over cells already written (its first row the header): filters on every column, the
 * plan's style. The rows keep the order they were written in (the plan's: the list by rank).
 */
function addTable(sheet: Excel.Worksheet, t: TablePlan, name: string): Excel.Table {
  const table = sheet.tables.add(sheet.getRange(t.range), true);
  table.name = name;
  table.style = t.style;
  table.showFilterButton = true;
  return table;
}

/**
 * Freezes the header rows and the first columns (the list's rank and customer stay in view while scrolling).
 * `worksheet.freezePanes` needs ExcelApi 1.7; a host without it gets the sheet unfrozen.
 */
function freeze(sheet: Excel.Worksheet, rows: number, columns: number): void {
  const supported =
    typeof Office !== "undefined" && Office.context.requirements.isSetSupported("ExcelApi", "1.7");
  if (!supported) return;
  if (rows > 0 && columns > 0)
    sheet.freezePanes.freezeAt(sheet.getRange(range(0, 1, columns - 1, rows)));
  else if (rows > 0) sheet.freezePanes.freezeRows(rows);
  else sheet.freezePanes.freezeColumns(columns);
}

/** A mark is a hidden name: Name Manager users are not invited to edit it. */
function hide(item: Excel.NamedItem | undefined): void {
  if (item) item.visible = false;
}

/** A plan name on the workbook, or on the sheet when the user's own workbook name holds it. */
function addName(context: Ctx, sheet: Excel.Worksheet, n: NamedRange, taken: boolean): void {
  const range = sheet.getRange(n.range);
  if (taken) sheet.names.add(n.name, range, n.comment);
  else context.workbook.names.add(n.name, range, n.comment);
}

/**
 * After a failed write: looks at what is left (one sync), then either takes the change back or completes it
 * (one or two more), so the workbook is never left with a half-written sheet, nor a sheet without its names:
 * - the old sheet is still there (or there was none, and the new one was not renamed yet): the unfinished
 *   sheet is removed — the workbook is as it was;
 * - the old sheet is gone (the finishing steps got past deleting it): the new sheet is complete, so it takes the
 *   real name, gets every name of the plan (ours that are left, or #REF!, are replaced) and the mark.
 */
async function recover(
  context: Ctx,
  plan: SheetWritePlan,
  finalName: string,
  tempName: string,
  hadSheet: boolean,
  taken: ReadonlySet<string>,
  kind: SheetMarks,
  tableNames: ReadonlyMap<string, string>
): Promise<void> {
  const sheets = context.workbook.worksheets;
  const temp = sheets.getItemOrNullObject(tempName);
  temp.load("isNullObject");
  const done = sheets.getItemOrNullObject(finalName);
  done.load("isNullObject");
  const names = [...plan.names.map((n) => n.name), kind.sheet, kind.writing].map((name) => {
    const item = context.workbook.names.getItemOrNullObject(name);
    item.load("isNullObject,formula");
    return item;
  });
  // tables still under their unfinished name (the finishing steps did not get to renaming them)
  const tables = [...tableNames.values()].map((name) => {
    const item = context.workbook.tables.getItemOrNullObject(unfinishedTableName(name));
    item.load("isNullObject");
    return { name, item };
  });
  await context.sync();
  const renamed = temp.isNullObject && !done.isNullObject;
  const complete = renamed || (hadSheet && done.isNullObject && !temp.isNullObject);
  if (!complete) {
    if (!temp.isNullObject) temp.delete();
    const writing = names[names.length - 1];
    if (!writing.isNullObject) writing.delete();
    await context.sync();
    return;
  }
  const ws = renamed ? done : temp;
  if (!renamed) ws.name = finalName;
  for (const item of names) {
    const target = item.isNullObject ? null : nameTarget(item.formula);
    if (target === finalName || target === tempName || target === "#REF!") item.delete();
  }
  // names defined on the sheet itself (a user's workbook name holds them) may be there already too
  const scoped = plan.names
    .filter((n) => taken.has(n.name))
    .map((n) => {
      const item = ws.names.getItemOrNullObject(n.name);
      item.load("isNullObject");
      return item;
    });
  if (scoped.length > 0) await context.sync();
  for (const item of scoped) if (!item.isNullObject) item.delete();
  for (const n of plan.names) addName(context, ws, n, taken.has(n.name));
  for (const t of tables) if (!t.item.isNullObject) t.item.name = t.name;
  hide(context.workbook.names.add(kind.sheet, ws.getRange("A1")));
  await context.sync();
}

function apply(context: Ctx, sheet: Excel.Worksheet, plan: SheetWritePlan, op: WriteOp): void {
  switch (op.op) {
    case "values": {
      const r = sheet.getRange(op.address);
      // formats first: "@" (text) must be in place before "00123" or "2024-01" arrive, or Excel converts them;
      // a [[format]] applies to the whole column range
      for (const f of op.formats) sheet.getRange(f.address).numberFormat = f.formats;
      r.formulas = op.formulas;
      return;
    }
    case "style":
      return applyStyle(
        sheet.getRange(op.style.range),
        op.style.range,
        plan.styles[op.style.style]
      );
    case "width":
      sheet.getRange(`${op.column}:${op.column}`).format.columnWidth = op.chars * POINTS_PER_CHAR;
      return;
    case "height":
      // a cell's row height is its whole row's
      sheet.getRange(`A${op.row}`).format.rowHeight = op.points;
      return;
    case "validation":
      return applyValidation(sheet.getRange(op.rule.range), op.rule);
    case "conditional":
      return applyConditional(sheet.getRange(op.format.range), op.format);
    case "chart":
      return addChart(sheet, op.chart);
    case "table":
      // writePlan lays tables itself (under their unfinished name); this is for completeness of the op set
      addTable(sheet, op.table, op.table.name);
      return;
    case "freeze":
      return freeze(sheet, op.rows, op.columns);
    case "name":
      context.workbook.names.add(op.name.name, sheet.getRange(op.name.range), op.name.comment);
      return;
    case "select":
      sheet.getRange(op.address).select();
      return;
  }
}

function applyStyle(r: Excel.Range, address: string, s: CellStyle): void {
  const font = r.format.font;
  if (s.bold !== undefined) font.bold = s.bold;
  if (s.italic !== undefined) font.italic = s.italic;
  if (s.fontSize !== undefined) font.size = s.fontSize;
  if (s.fontColor) font.color = s.fontColor;
  if (s.fill) r.format.fill.color = s.fill;
  if (s.wrap !== undefined) r.format.wrapText = s.wrap;
  if (s.hAlign)
    r.format.horizontalAlignment = (
      s.hAlign === "left" ? "Left" : s.hAlign === "right" ? "Right" : "Center"
    ) as Excel.HorizontalAlignment;
  if (s.border) {
    // inside borders only where there is an inside: Excel refuses them on a single row or column
    const { c1, r1, c2, r2 } = parseRange(address);
    const edges = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight"];
    if (r2 > r1) edges.push("InsideHorizontal");
    if (c2 > c1) edges.push("InsideVertical");
    for (const edge of edges) {
      const b = r.format.borders.getItem(edge as Excel.BorderIndex);
      b.style = "Continuous" as Excel.BorderLineStyle;
      b.color = s.border;
    }
  }
}

function applyValidation(r: Excel.Range, v: DataValidation): void {
  r.dataValidation.clear();
  if (v.kind === "list") {
    r.dataValidation.rule = { list: { inCellDropDown: true, source: v.items.join(",") } };
  } else {
    const rule: Excel.BasicDataValidation =
      v.min !== undefined && v.max !== undefined
        ? { formula1: v.min, formula2: v.max, operator: "Between" as Excel.DataValidationOperator }
        : v.min !== undefined
          ? {
              formula1: v.min,
              operator: (v.minExclusive
                ? "GreaterThan"
                : "GreaterThanOrEqualTo") as Excel.DataValidationOperator,
            }
          : {
              formula1: v.max as number,
              operator: "LessThanOrEqualTo" as Excel.DataValidationOperator,
            };
    r.dataValidation.rule = { decimal: rule };
  }
  r.dataValidation.errorAlert = {
    message: v.error,
    showAlert: true,
    style: "Stop" as Excel.DataValidationAlertStyle,
    title: "LTV",
  };
  if (v.prompt)
    r.dataValidation.prompt = { message: v.prompt.slice(0, 255), showPrompt: true, title: "LTV" };
}

function applyConditional(r: Excel.Range, f: ConditionalFormat): void {
  if (f.kind === "colorScale") {
    const cf = r.conditionalFormats.add("ColorScale" as Excel.ConditionalFormatType);
    cf.colorScale.criteria = {
      minimum: {
        formula: undefined,
        type: "LowestValue" as Excel.ConditionalFormatColorCriterionType,
        color: f.minColor,
      },
      ...(f.midColor
        ? {
            midpoint: {
              formula: "50",
              type: "Percentile" as Excel.ConditionalFormatColorCriterionType,
              color: f.midColor,
            },
          }
        : {}),
      maximum: {
        formula: undefined,
        type: "HighestValue" as Excel.ConditionalFormatColorCriterionType,
        color: f.maxColor,
      },
    };
    return;
  }
  const cf = r.conditionalFormats.add("Custom" as Excel.ConditionalFormatType);
  cf.custom.rule.formula = f.formula;
  if (f.fill) cf.custom.format.fill.color = f.fill;
  if (f.fontColor) cf.custom.format.font.color = f.fontColor;
  if (f.bold) cf.custom.format.font.bold = true;
}

/**
 * The plan's font and print layout on the new sheet. A named font (Japanese: 游ゴシック) goes on every cell of the
 * sheet, so cells typed later match; a theme font is the workbook's own already and is left alone. The print
 * layout — paper, orientation, one page wide and as many tall as needed, title rows, print area — needs
 * `worksheet.pageLayout` (ExcelApi 1.9); a host without it gets the sheet without the layout.
 */
function applyPrintAndFont(sheet: Excel.Worksheet, plan: SheetWritePlan): void {
  if (plan.font && !plan.font.theme) sheet.getRange("A:XFD").format.font.name = plan.font.name;
  const print = plan.sheet.print;
  const supported =
    typeof Office !== "undefined" && Office.context.requirements.isSetSupported("ExcelApi", "1.9");
  if (!print || !supported) return;
  const layout = sheet.pageLayout;
  layout.paperSize = (print.paper === "A4" ? "A4" : "Letter") as Excel.PaperType;
  layout.orientation = (
    print.orientation === "landscape" ? "Landscape" : "Portrait"
  ) as Excel.PageOrientation;
  // verticalFitToPages 0: as many pages tall as needed (the file format's fitToHeight="0")
  layout.zoom = { horizontalFitToPages: print.fitToWidth, verticalFitToPages: 0 };
  if (print.titleRows)
    layout.setPrintTitleRows(`$${print.titleRows.first}:$${print.titleRows.last}`);
  if (print.area?.length) layout.setPrintArea(print.area.join(","));
}

function addChart(sheet: Excel.Worksheet, c: ChartPlan): void {
  const first = c.series[0];
  const chart = sheet.charts.add(
    (c.kind === "line" ? "Line" : "ColumnClustered") as Excel.ChartType,
    sheet.getRange(first.values),
    "Rows" as Excel.ChartSeriesBy
  );
  chart.title.text = c.title;
  chart.setPosition(c.from, c.to);
  const s0 = chart.series.getItemAt(0);
  s0.name = first.name;
  s0.setXAxisValues(sheet.getRange(c.categories));
  for (const s of c.series.slice(1)) {
    const added = chart.series.add(s.name);
    added.setValues(sheet.getRange(s.values));
    added.setXAxisValues(sheet.getRange(c.categories));
  }
  if (c.xAxisTitle) {
    chart.axes.categoryAxis.title.text = c.xAxisTitle;
    chart.axes.categoryAxis.title.visible = true;
  }
  if (c.valueFormat) chart.axes.valueAxis.numberFormat = c.valueFormat;
  chart.legend.visible = false;
}
