/**
 * `ltv-workbook --customers`: the customer list and cohort value sheets after the calculation sheet, the Excel
 * table and the chart in the package, the summary's lines, a ledger the list cannot be made from, and the
 * writer's handling of formulas newer than Excel 2007.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { parseArgs } from "../../src/cli/args";
import { fileFormula, planToXlsx } from "../../src/cli/xlsx-writer";
import { buildCalculationPlan, DEFAULT_INPUTS } from "../../src/sheet/plan";
import { DEMO_LEDGER, runCli, scratch } from "./helpers";

describe("--customers", () => {
  it("is a flag, off by default", () => {
    expect(parseArgs(["a.csv"]).customers).toBe(false);
    expect(parseArgs(["a.csv", "--customers"]).customers).toBe(true);
  });

  it("adds the customer list (an Excel table) and the cohort value sheet (with its chart)", async () => {
    const dir = scratch();
    const out = join(dir, "demo.xlsx");
    const r = await runCli([DEMO_LEDGER, "-o", out, "--customers", "--acquisition-cost", "5000"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /sheet "Customer list": 510 customers; the top 10 % \(51\) are expected to make \d+% of the next 12 months' purchases/
    );
    expect(r.out).toContain('sheet "Cohort value"');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "LTV calculation",
      "Customer list",
      "Cohort value",
    ]);
    const list = wb.getWorksheet("Customer list") as ExcelJS.Worksheet;
    expect(list.getCell("A6").value).toBe("Rank");
    expect(list.getCell("A7").value).toBe(1);
    expect(list.getCell("G7").numFmt).toBe("yyyy-mm-dd");
    const zip = await JSZip.loadAsync(readFileSync(out));
    const tables = Object.keys(zip.files).filter((f) => /^xl\/tables\/table\d+\.xml$/.test(f));
    expect(tables).toHaveLength(1);
    const table = await zip.file(tables[0])!.async("string");
    expect(table).toContain('name="CustomerList"');
    expect(table).toContain('ref="A6:J516"');
    expect(table).toContain("<autoFilter");
    // charts: the calculation sheet's, and one with the cohort curves on the cohort value sheet
    const charts = Object.keys(zip.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f));
    const xml = await Promise.all(charts.map((c) => zip.file(c)!.async("string")));
    expect(xml.filter((x) => x.includes("&apos;Cohort value&apos;!"))).toHaveLength(1);
    expect(xml.filter((x) => x.includes("&apos;LTV calculation&apos;!")).length).toBe(
      charts.length - 1
    );
    // the cohort sheet's payback formulas are stored as the file format wants them
    const cohort = wb.getWorksheet("Cohort value") as ExcelJS.Worksheet;
    expect((cohort.getCell("C7").value as ExcelJS.CellFormulaValue).formula).toContain(
      "_xlfn.MINIFS("
    );
  });

  it("says so, and writes nothing, when the ledger cannot rank customers (nobody bought twice)", async () => {
    const dir = scratch();
    const input = join(dir, "once.csv");
    const lines = ["customer,date,amount"];
    for (let i = 0; i < 30; i++) lines.push(`C${i},2024-0${1 + (i % 9)}-1${i % 10},${100 + i}`);
    require("node:fs").writeFileSync(input, lines.join("\n"));
    const out = join(dir, "once.xlsx");
    const r = await runCli([input, "-o", out, "--customers", "--periods", "12"]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("bought a second time");
    expect(require("node:fs").existsSync(out)).toBe(false);
  });
});

describe("the writer", () => {
  it("stores functions newer than Excel 2007 with their _xlfn. prefix, leaving strings alone", () => {
    expect(fileFormula('=IF(A1="MINIFS(",MINIFS(B1:B3,C1:C3,">=1"),0)')).toBe(
      'IF(A1="MINIFS(",_xlfn.MINIFS(B1:B3,C1:C3,">=1"),0)'
    );
    expect(fileFormula("=SUM(A1:A3)")).toBe("SUM(A1:A3)");
    expect(fileFormula("=maxifs(A1:A3,B1:B3,1)+IFS(TRUE,1)")).toBe(
      "_xlfn.maxifs(A1:A3,B1:B3,1)+_xlfn.IFS(TRUE,1)"
    );
  });

  it("writes a plan alone as before (one sheet, no table)", async () => {
    const bytes = await planToXlsx(buildCalculationPlan(DEFAULT_INPUTS, "en"));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.worksheets).toHaveLength(1);
    const zip = await JSZip.loadAsync(bytes);
    expect(Object.keys(zip.files).some((f) => f.startsWith("xl/tables/"))).toBe(false);
  });
});
