/**
 * The Office.js writer sets the plan's print layout (worksheet.pageLayout, ExcelApi 1.9) and font on the sheet it
 * writes, and still writes the sheet, without the layout, where the host lacks ExcelApi 1.9.
 */
import { buildCalculationPlan, DEFAULT_INPUTS } from "../../src/sheet/plan";
import type { CalculationPlan } from "../../src/sheet/types";
import { writePlan } from "../../src/taskpane/writer";

const { createFakeOffice } = require("./fake-office.js");

type Fake = ReturnType<typeof createFakeOffice>;

async function write(fake: Fake, plan: CalculationPlan) {
  const g = globalThis as unknown as { Office?: unknown };
  g.Office = fake.Office;
  try {
    return await fake.Excel.run((ctx: Excel.RequestContext) => writePlan(ctx, plan));
  } finally {
    delete g.Office;
  }
}

describe("the Office.js writer's print layout and font", () => {
  it("Japanese: A4 landscape, one page wide, title rows, the plan's print area, 游ゴシック on every cell", async () => {
    const fake = createFakeOffice({});
    const plan = buildCalculationPlan(DEFAULT_INPUTS, "ja");
    await write(fake, plan);
    const sheet = fake.snapshot().sheets[plan.sheet.name];
    expect(sheet.pageLayout).toEqual({
      paperSize: "A4",
      orientation: "Landscape",
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      printTitleRows: "$1:$3",
      printArea: plan.sheet.print!.area!.join(","),
    });
    expect(plan.sheet.print!.area).toEqual(["A1:D36", "F5:K18"]);
    expect(sheet.formats).toContainEqual({ range: "A:XFD", key: "font.name", value: "游ゴシック" });
  });

  it("English: Letter, and the workbook's theme font left as it is", async () => {
    const fake = createFakeOffice({});
    const plan = buildCalculationPlan(DEFAULT_INPUTS, "en");
    await write(fake, plan);
    const sheet = fake.snapshot().sheets[plan.sheet.name];
    expect(sheet.pageLayout).toMatchObject({ paperSize: "Letter", orientation: "Landscape" });
    expect(sheet.formats.filter((f: { key: string }) => f.key === "font.name")).toEqual([]);
  });

  it("without ExcelApi 1.9 the sheet is written with no page layout", async () => {
    const fake = createFakeOffice({ missingSets: ["ExcelApi 1.9"] });
    const plan = buildCalculationPlan(DEFAULT_INPUTS, "ja");
    const report = await write(fake, plan);
    expect(report.status).toBe("written");
    const sheet = fake.snapshot().sheets[plan.sheet.name];
    expect(sheet.pageLayout).toEqual({});
    expect(Object.keys(sheet.cells).length).toBeGreaterThan(50);
  });
});
