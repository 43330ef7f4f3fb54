/**
 * Section 1, the inputs: one row per `INPUT_ROWS` entry, each value cell named, styled as typed (blue) or derived
 * from the ledger (green), and validated by its registry rule or its list.
 */
import { PARAMS, type ParamKind, type ParamRule } from "../../core/params";
import type { SheetLabels } from "../labels";
import type { DataValidation, PlanCell, StyleName } from "../types";
import { f, fill, named, v, type FormatName, type Fragment, type PlanContext } from "./context";
import { labelledBlock, noteStyle, titleStyles, valueCell } from "./labelled";
import { inputRowsOf, leftSectionsOf, type InputRow } from "./rows";

/** How a kind of number is shown on the sheet. */
const KIND_FORMAT: Record<ParamKind, FormatName> = {
  money: "money",
  number: "number",
  fraction: "pct",
  ratio: "ratio",
  periods: "number",
  count: "count",
};

/** The value cell of an input row and its style. */
function inputCell(c: PlanContext, row: InputRow): { cell: PlanCell; style: StyleName } {
  const format = row.param ? c.F[KIND_FORMAT[PARAMS[row.param].kind]] : undefined;
  const formula = row.formula?.(c);
  if (formula !== undefined) return { cell: f(formula, format), style: "derived" };
  const value = row.value(c);
  const cell: PlanCell = value === null ? (format ? { format } : {}) : v(value, format);
  return { cell, style: row.fixed ? "derived" : "input" };
}

/**
 * A decimal validation from a registry rule, with the message that states it. Excel's data validation has
 * inclusive bounds and (as "greater than") an exclusive lower one, which is every shape the registry uses.
 */
export function decimalValidation(
  rule: ParamRule,
  L: SheetLabels
): Omit<DataValidation & { kind: "decimal" }, "range" | "prompt"> {
  if (rule.below !== undefined || (rule.min !== undefined && rule.above !== undefined))
    throw new Error(`the sheet cannot validate the rule of ${rule.arg}`);
  const lower = rule.above ?? rule.min;
  const upper = rule.max;
  const bounds: { min?: number; minExclusive?: boolean; max?: number } = {};
  if (lower !== undefined) bounds.min = lower;
  if (rule.above !== undefined) bounds.minExclusive = true;
  if (upper !== undefined) bounds.max = upper;
  const percent = rule.kind === "fraction";
  const shown = (x: number) => (percent ? Number((x * 100).toPrecision(12)) : x);
  const V = L.validation;
  const template =
    lower !== undefined && upper !== undefined
      ? percent
        ? V.percentBetween
        : V.between
      : lower !== undefined
        ? rule.above !== undefined
          ? V.above
          : V.atLeast
        : upper !== undefined
          ? V.atMost
          : V.number;
  const error = fill(template, { min: shown(lower ?? 0), max: shown(upper ?? 0) });
  return { kind: "decimal", ...bounds, error };
}

/** The validation of a typed input; none for a fixed value or a formula (nothing to type there). */
function validation(c: PlanContext, row: InputRow, range: string): DataValidation[] {
  const prompt = c.L.rows[row.key][1];
  if (row.fixed || row.formula?.(c) !== undefined) return [];
  if (row.list)
    return [{ range, kind: "list", items: row.list(c), error: c.L.validation.list, prompt }];
  if (!row.param) throw new Error(`input ${row.key} has neither a rule nor a list`);
  return [{ range, ...decimalValidation(PARAMS[row.param], c.L), prompt }];
}

export function inputsSection(c: PlanContext): Fragment {
  const section = leftSectionsOf(c).inputs;
  const INPUT_ROWS = inputRowsOf(c);
  const cells = INPUT_ROWS.map((row) => inputCell(c, row));
  const at = (i: number) => valueCell(section, i);
  return {
    blocks: [
      labelledBlock(
        c,
        "inputs",
        section,
        c.L.inputsSection,
        INPUT_ROWS.map((row, i) => [
          row.key,
          cells[i].cell,
          row.unit?.(c.L) ?? "",
          row.explain?.(c),
        ])
      ),
    ],
    styles: [
      ...titleStyles(section),
      noteStyle(section, INPUT_ROWS.length),
      ...cells.map(({ style }, i) => ({ range: at(i), style })),
    ],
    names: INPUT_ROWS.map((row, i) => named(c, row.name, at(i), c.L.rows[row.key][0])),
    validations: INPUT_ROWS.flatMap((row, i) => validation(c, row, at(i))),
  };
}
