/**
 * The exceljs writer writes the plan as it is: every value and formula in its cell, formats, styles, names,
 * validation and conditional formats, and no cached results (the file asks for a full recalculation on load).
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { readLedger } from "../../src/core/ledger";
import { analyseLedgerForPlan } from "../../src/sheet/ledger-analysis";
import { buildCalculationPlan, DEFAULT_INPUTS } from "../../src/sheet/plan";
import { parseCell } from "../../src/sheet/a1";
import { planToXlsx } from "../../src/cli/xlsx-writer";
import { demoLines } from "./helpers";

async function written(lang: "en" | "ja") {
  const rows = demoLines()
    .slice(1, 800)
    .map((l) => l.split(","));
  const ledger = readLedger(
    {
      customers: rows.map((r) => r[0]),
      dates: rows.map((r) => r[1]),
      amounts: rows.map((r) => r[2]),
      orders: rows.map((r) => r[3]),
    },
    { mode: "lenient" }
  );
  const analysis = analyseLedgerForPlan(ledger, "month", {
    source: "sample.csv",
    readAt: new Date(Date.UTC(2025, 0, 1)),
  });
  const plan = buildCalculationPlan(
    {
      ...DEFAULT_INPUTS,
      periodUnit: "month",
      lifespanFromChurn: true,
      grossMargin: 0.4,
      acquisitionCost: 500,
    },
    lang,
    analysis,
    { now: new Date(2025, 0, 1) }
  );
  const bytes = await planToXlsx(plan);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return { plan, wb, bytes, ws: wb.getWorksheet(plan.sheet.name) as ExcelJS.Worksheet };
}

describe("the exceljs writer", () => {
  it.each(["en", "ja"] as const)(
    "writes every cell of the plan (%s): values, formulas without results, formats",
    async (lang) => {
      const { plan, ws } = await written(lang);
      let formulas = 0;
      for (const block of plan.sheet.blocks) {
        const { col, row } = parseCell(block.address);
        block.cells.forEach((cells, i) =>
          cells.forEach((c, j) => {
            const cell = ws.getCell(row + i, col + j + 1);
            if (!c) return;
            if (c.formula) {
              formulas++;
              expect(cell.formula).toBe(c.formula.slice(1));
              expect((cell.value as ExcelJS.CellFormulaValue).result).toBeUndefined();
            } else if (c.value !== undefined) {
              // exceljs reads a date-formatted number back as a Date: compare its serial
              const v =
                cell.value instanceof Date ? cell.value.getTime() / 86_400_000 + 25569 : cell.value;
              expect(v).toBe(c.value);
            }
            if (c.format) expect(cell.numFmt).toBe(c.format);
          })
        );
      }
      expect(formulas).toBeGreaterThan(20);
    }
  );

  it("writes the workbook names, validation, conditional formats and styles", async () => {
    const { plan, wb, ws, bytes } = await written("en");
    for (const n of plan.names)
      expect(wb.definedNames.getRanges(n.name).ranges).toEqual(
        [n.ref.replace(/^'([^' ]+)'!/, "$1!")].map((r) => expect.stringContaining(r.split("!")[1]))
      );
    for (const v of plan.sheet.validations) {
      const dv = ws.getCell(v.range.split(":")[0]).dataValidation;
      expect(dv.type).toBe(
        v.kind === "list"
          ? "list"
          : v.min !== undefined && v.max !== undefined && v.minExclusive
            ? "custom"
            : "decimal"
      );
      expect(dv.error).toBe(v.error);
    }
    expect(
      (ws as unknown as { conditionalFormattings: unknown[] }).conditionalFormattings
    ).toHaveLength(plan.sheet.conditionalFormats.length);
    const input = plan.sheet.styles.find((s) => s.style === "input");
    expect(ws.getCell(input!.range.split(":")[0]).fill).toMatchObject({
      fgColor: { argb: "FF" + plan.styles.input.fill!.slice(1).toUpperCase() },
    });
    // exceljs does not read calcPr back: look at the workbook part itself
    const zip = await JSZip.loadAsync(bytes);
    expect(await zip.file("xl/workbook.xml")!.async("string")).toMatch(
      /<calcPr[^>]*fullCalcOnLoad="1"/
    );
  });

  it("keeps text that begins with = as text", async () => {
    const { plan, ws } = await written("en");
    const texts = plan.sheet.blocks
      .flatMap((b) => b.cells.flat())
      .filter((c) => typeof c?.value === "string" && (c.value as string).startsWith("="));
    expect(texts.length).toBeGreaterThan(0);
    const explanation = ws
      .getColumn(4)
      .values.find((v) => typeof v === "string" && v.startsWith("="));
    expect(typeof explanation).toBe("string");
  });

  it.each([
    ["ja", 9, "游ゴシック"],
    ["en", 1, "Calibri"],
  ] as const)(
    "prints %s on paper %i, landscape, one page wide, title rows, one print area; every font named %s",
    async (lang, paper, fontName) => {
      const { plan, bytes } = await written(lang);
      const zip = await JSZip.loadAsync(bytes);
      const sheet = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
      const setup = /<pageSetup [^>]*\/>/.exec(sheet)![0];
      expect(setup).toContain(`paperSize="${paper}"`);
      expect(setup).toContain('orientation="landscape"');
      expect(setup).toContain('fitToWidth="1"');
      expect(setup).toContain('fitToHeight="0"');
      expect(sheet).toMatch(/<pageSetUpPr fitToPage="1"\/>/);
      const book = await zip.file("xl/workbook.xml")!.async("string");
      // one print-area name (Excel keeps only the last of several) holding every range of the plan
      const areas = [...book.matchAll(/<definedName name="_xlnm.Print_Area"[^>]*>([^<]*)</g)];
      expect(areas).toHaveLength(1);
      const q = `&apos;${plan.sheet.name}&apos;`;
      expect(areas[0][1]).toBe(
        plan.sheet
          .print!.area!.map((a) => `${q}!` + a.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2"))
          .join(",")
      );
      expect(book).toMatch(
        /<definedName name="_xlnm.Print_Titles" localSheetId="0">[^<]*!\$1:\$3</
      );
      // no font without a name (bold and italic included), the plan's font on them all
      const styles = await zip.file("xl/styles.xml")!.async("string");
      // the cell fonts (conditional formats' differential fonts in <dxfs> rightly name none)
      const cellFonts = /<fonts[^>]*>(.*?)<\/fonts>/.exec(styles)![1];
      const fonts = [...cellFonts.matchAll(/<font>(.*?)<\/font>/g)].map((m) => m[1]);
      expect(fonts.length).toBeGreaterThan(5);
      const named = fonts.slice(1).map((f) => /<name val="([^"]+)"\/>/.exec(f)?.[1]);
      expect(new Set(named)).toEqual(new Set([fontName]));
      expect(fonts.some((f) => f.includes("<b/>"))).toBe(true);
      if (lang === "ja")
        expect(fonts.slice(1).every((f) => f.includes('<charset val="128"/>'))).toBe(true);
      else expect(fonts.slice(1).every((f) => f.includes('<scheme val="minor"/>'))).toBe(true);
    }
  );
});
