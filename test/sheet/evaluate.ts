/**
 * Loads a calculation plan into HyperFormula (an independent formula engine) and reads back computed cells.
 * Used by the sheet tests, the writer tests and the e2e test to check that every formula parses and computes.
 */
import { HyperFormula, type RawCellContent } from "hyperformula";
import { parseCell } from "../../src/sheet/a1";
import type { CalculationPlan } from "../../src/sheet/types";

export interface EvaluatedPlan {
  hf: HyperFormula;
  sheet: number;
  /** the computed value of a cell ("B29") or a workbook name ("Result_LTV") */
  get(addressOrName: string): unknown;
  /** every formula cell whose value is an error, as "B29: #DIV/0! (=…)" */
  errors(): string[];
  formulaCells: string[];
}

/** Text that starts with "=" must stay text: HyperFormula, like Excel, takes a leading apostrophe for that. */
function content(
  value: string | number | boolean | undefined,
  formula: string | undefined
): RawCellContent {
  if (formula !== undefined) return formula;
  if (typeof value === "string" && value.startsWith("=")) return `'${value}`;
  return value ?? null;
}

export function evaluatePlan(plan: CalculationPlan): EvaluatedPlan {
  const hf = HyperFormula.buildEmpty({ licenseKey: "gpl-v3", smartRounding: false });
  const name = hf.addSheet(plan.sheet.name);
  const sheet = hf.getSheetId(name) as number;
  for (const n of plan.names) hf.addNamedExpression(n.name, `=${n.ref}`);
  const formulaCells: string[] = [];
  hf.batch(() => {
    for (const block of plan.sheet.blocks) {
      const { col, row } = parseCell(block.address);
      const data = block.cells.map((r) => r.map((c) => (c ? content(c.value, c.formula) : null)));
      hf.setCellContents({ sheet, row: row - 1, col }, data);
      block.cells.forEach((r, i) =>
        r.forEach((c, j) => {
          if (c?.formula) formulaCells.push(`${String.fromCharCode(65 + col + j)}${row + i}`);
        })
      );
    }
  });
  const get = (key: string): unknown => {
    if (/^[A-Z]{1,3}\d+$/.test(key)) {
      const { col, row } = parseCell(key);
      return hf.getCellValue({ sheet, row: row - 1, col });
    }
    return hf.getNamedExpressionValue(key);
  };
  const errors = () =>
    formulaCells
      .map((a) => [a, get(a)] as const)
      .filter(([, x]) => typeof x === "object" && x !== null)
      .map(
        ([a, x]) =>
          `${a}: ${(x as { value?: string }).value} (${hf.getCellFormula({ sheet, row: parseCell(a).row - 1, col: parseCell(a).col })})`
      );
  return { hf, sheet, get, errors, formulaCells };
}

/** A workbook as the fake Office (test/taskpane/fake-office.js) holds it after a write. */
export interface WorkbookSnapshot {
  sheets: Record<
    string,
    {
      cells: Record<string, { value?: string | number | boolean; formula?: string }>;
      conditionalFormats?: unknown[];
    }
  >;
  names: Record<string, { ref: string }>;
}

/**
 * Recomputes what a writer actually wrote: every sheet of the snapshot and its workbook names, in HyperFormula.
 * @returns a getter by name or by "Sheet!A1"-less address on `sheetName`, and the formula cells in error.
 */
export function evaluateSnapshot(
  snap: WorkbookSnapshot,
  sheetName: string
): Omit<EvaluatedPlan, "formulaCells"> {
  const hf = HyperFormula.buildEmpty({ licenseKey: "gpl-v3", smartRounding: false });
  for (const name of Object.keys(snap.sheets)) hf.addSheet(name);
  for (const [name, n] of Object.entries(snap.names))
    hf.addNamedExpression(
      name,
      `=${n.ref.replace(/!([A-Z]+)(\d+)/g, "!$$$1$$$2").replace(/:([A-Z]+)(\d+)/g, ":$$$1$$$2")}`
    );
  const formulaCells: string[] = [];
  hf.batch(() => {
    for (const [name, s] of Object.entries(snap.sheets)) {
      const id = hf.getSheetId(name) as number;
      for (const [addr, c] of Object.entries(s.cells)) {
        const { col, row } = parseCell(addr);
        if (c.formula === undefined && c.value === undefined) continue;
        hf.setCellContents({ sheet: id, row: row - 1, col }, content(c.value, c.formula));
        if (c.formula !== undefined && name === sheetName) formulaCells.push(addr);
      }
    }
  });
  const sheet = hf.getSheetId(sheetName) as number;
  const get = (key: string): unknown => {
    if (/^[A-Z]{1,3}\d+$/.test(key)) {
      const { col, row } = parseCell(key);
      return hf.getCellValue({ sheet, row: row - 1, col });
    }
    return hf.getNamedExpressionValue(key);
  };
  const errors = () =>
    formulaCells
      .map((a) => [a, get(a)] as const)
      .filter(([, x]) => typeof x === "object" && x !== null)
      .map(([a, x]) => `${a}: ${(x as { value?: string }).value}`);
  return { hf, sheet, get, errors };
}
