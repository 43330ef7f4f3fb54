/**
 * Applies a calculation plan to the workbook through Office.js, in a handful of `context.sync()` calls.
 *
 * 1. One sync reads what is there: does the plan's sheet exist, which of its workbook names exist.
 *    If the sheet exists and `replace` is not set, nothing is written and `{ status: "exists" }` comes back,
 *    so the task pane can ask before replacing its own sheet.
 * 2. One sync per request of `planRequests` (usually one; more only when the per-customer summary would take
 *    the request past Excel on the web's 5 MB limit), each starting with
 *    `application.suspendApiCalculationUntilNextSync()` so Excel does not recalculate while cells arrive.
 * Only the plan's own sheet and the plan's own workbook names are touched: no other sheet, no source data.
 */
import { parseRange } from "../sheet/a1";
import { ALL_PLAN_NAMES } from "../sheet/plan";
import type {
  CalculationPlan,
  CellStyle,
  ChartPlan,
  ConditionalFormat,
  DataValidation,
} from "../sheet/types";
import { DEFAULT_BUDGET_BYTES, planRequests, type WriteOp } from "./batches";

export interface WriteOptions {
  /** replace the plan's sheet if it exists (after the user said yes) */
  replace?: boolean;
  /** request budget in bytes (default 4 MB, under the 5 MB limit) */
  budgetBytes?: number;
  /** progress: request i of n written */
  onProgress?: (done: number, total: number) => void;
}

export interface WriteReport {
  status: "written" | "exists";
  sheet: string;
  /** number of context.sync() calls made */
  syncs: number;
  /** estimated bytes of each write request */
  requestBytes: number[];
}

/** Points per character of column width (Calibri 11: about 7 px per character at 96 dpi ≈ 5.25 pt, plus padding). */
const POINTS_PER_CHAR = 5.6;

type Ctx = Excel.RequestContext;

/**
 * Writes `plan` into the workbook of `context`.
 * @returns what was done and how many syncs it took. Throws what Office.js throws (the caller shows it).
 */
export async function writePlan(
  context: Ctx,
  plan: CalculationPlan,
  options: WriteOptions = {}
): Promise<WriteReport> {
  let syncs = 0;
  const sync = async () => {
    syncs++;
    await context.sync();
  };
  const sheets = context.workbook.worksheets;
  const existing = sheets.getItemOrNullObject(plan.sheet.name);
  existing.load("isNullObject");
  // the plan's names and any other name a plan of ours may have left (a ledger-route sheet replaced by a manual one)
  const owned = [...new Set([...plan.names.map((n) => n.name), ...ALL_PLAN_NAMES])];
  const names = owned.map((name) => {
    const item = context.workbook.names.getItemOrNullObject(name);
    item.load("isNullObject");
    return item;
  });
  await sync();
  // eslint-disable-next-line office-addins/call-sync-after-load, office-addins/call-sync-before-read -- read after `sync()` above (a counting wrapper of context.sync the rule does not recognise)
  if (!existing.isNullObject && !options.replace) {
    return { status: "exists", sheet: plan.sheet.name, syncs, requestBytes: [] };
  }

  const requests = planRequests(plan, options.budgetBytes ?? DEFAULT_BUDGET_BYTES);
  let sheet: Excel.Worksheet | undefined;
  for (let i = 0; i < requests.length; i++) {
    context.application.suspendApiCalculationUntilNextSync();
    if (i === 0) {
      // our own names first (they would otherwise point at the deleted sheet as #REF!), then our own sheet
      for (const item of names) if (!item.isNullObject) item.delete();
      // eslint-disable-next-line office-addins/call-sync-after-load, office-addins/call-sync-before-read -- loaded and synced before the loop
      if (!existing.isNullObject) existing.delete();
      sheet = sheets.add(plan.sheet.name);
    }
    for (const op of requests[i].ops) apply(context, sheet as Excel.Worksheet, plan, op);
    if (i === requests.length - 1) (sheet as Excel.Worksheet).activate();
    await sync();
    options.onProgress?.(i + 1, requests.length);
  }
  return {
    status: "written",
    sheet: plan.sheet.name,
    syncs,
    requestBytes: requests.map((r) => r.bytes),
  };
}

function apply(context: Ctx, sheet: Excel.Worksheet, plan: CalculationPlan, op: WriteOp): void {
  switch (op.op) {
    case "values": {
      const r = sheet.getRange(op.address);
      // formats first: "@" (text) must be in place before "00123" or "2024-01" arrive, or Excel converts them
      if (op.formats) r.numberFormat = op.formats;
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
    case "validation":
      return applyValidation(sheet.getRange(op.rule.range), op.rule);
    case "conditional":
      return applyConditional(sheet.getRange(op.format.range), op.format);
    case "chart":
      return addChart(sheet, op.chart);
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
