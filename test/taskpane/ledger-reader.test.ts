/**
 * Whole-column and whole-row selections: the wizard reads only what the used range holds.
 */
import {
  cellBox,
  proposeSource,
  readDateSystem,
  readSource,
  splitAddress,
  trimToUsed,
} from "../../src/taskpane/ledger-reader";

const { createFakeOffice } = require("./fake-office.js");

describe("whole columns and rows cut to the used range", () => {
  it("parses A1 ranges, whole columns and whole rows", () => {
    // columns 0-based (A = 0), rows 1-based, as in src/sheet/a1
    expect(cellBox("A1:D10")).toEqual({ c1: 0, r1: 1, c2: 3, r2: 10 });
    expect(cellBox("$B$7")).toEqual({ c1: 1, r1: 7, c2: 1, r2: 7 });
    expect(cellBox("A:D")).toEqual({ c1: 0, r1: 1, c2: 3, r2: 1_048_576 });
    expect(cellBox("3:7")).toEqual({ c1: 0, r1: 3, c2: 16_383, r2: 7 });
    expect(cellBox("A1:")).toBeUndefined();
    expect(splitAddress("'Sales 2024'!$A:$D")).toEqual({ sheet: "Sales 2024", cells: "A:D" });
  });

  it("intersects only whole columns or rows with the used range", () => {
    expect(trimToUsed("A:D", "A1:F120")).toBe("A1:D120");
    expect(trimToUsed("C:C", "B3:F9")).toBe("C3:C9");
    expect(trimToUsed("A1:D1048576", "A1:F120")).toBe("A1:D120");
    expect(trimToUsed("2:5", "A1:C120")).toBe("A2:C5");
    expect(trimToUsed("A1:D50", "A1:F120")).toBe("A1:D50"); // a bounded range stays as chosen
    expect(trimToUsed("H:J", "A1:F120")).toBeNull();
    expect(trimToUsed("A:A", "A1")).toBe("A1");
  });

  const rows: (string | number)[][] = [["顧客ID", "購入日", "金額"]];
  for (let i = 0; i < 300; i++) rows.push([`C${i % 30}`, 45300 + i, 1000 + i]);

  it("reads Sales!A:C as the 301 used rows, in one slice", async () => {
    const fake = createFakeOffice({ sheets: { Sales: rows } });
    const values = await fake.Excel.run((ctx: Excel.RequestContext) =>
      readSource(ctx, "Sales!A:C")
    );
    expect(values).toEqual(rows);
    expect(fake.snapshot().requests.length).toBeLessThanOrEqual(3);
  });

  it("proposes a whole-column selection as its used part", async () => {
    const fake = createFakeOffice({
      sheets: { Sales: rows },
      selection: { sheet: "Sales", address: "A:C" },
    });
    expect(await fake.Excel.run(proposeSource)).toBe("Sales!A1:C301");
  });
});

describe("the workbook's date system", () => {
  const rows = (shift: number): (string | number)[][] => [
    ["顧客ID", "購入日", "金額"],
    ...Array.from({ length: 80 }, (_, i) => [`C${i % 9}`, 45296 + i - shift, 1200 + i]),
  ];

  it("reads 1904 from date cells whose displayed text is 1,462 days after their serial", async () => {
    const fake = createFakeOffice({
      sheets: { Sales: rows(1462) },
      dateCells: true,
      date1904: true,
    });
    expect(
      await fake.Excel.run((ctx: Excel.RequestContext) => readDateSystem(ctx, "Sales!A:C", 1))
    ).toBe(1904);
  });

  it("reads 1900 from an ordinary workbook, and when nothing tells (dates as text, no date column)", async () => {
    const plain = createFakeOffice({ sheets: { Sales: rows(0) }, dateCells: true });
    expect(
      await plain.Excel.run((ctx: Excel.RequestContext) => readDateSystem(ctx, "Sales!A1:C81", 1))
    ).toBe(1900);
    const text = createFakeOffice({
      sheets: {
        Sales: [
          ["id", "date"],
          ["A", "2024/1/5"],
        ],
      },
      dateCells: true,
      date1904: true,
    });
    expect(
      await text.Excel.run((ctx: Excel.RequestContext) => readDateSystem(ctx, "Sales!A:B", 1))
    ).toBe(1900);
    expect(
      await text.Excel.run((ctx: Excel.RequestContext) => readDateSystem(ctx, "Sales!A:B", 5))
    ).toBe(1900);
  });

  it("prefers Workbook.use1904DateSystem where the host's library has it", async () => {
    const fake = createFakeOffice({ sheets: { Sales: rows(0) }, dateCells: true });
    const system = await fake.Excel.run((ctx: Excel.RequestContext) => {
      const wb = ctx.workbook as unknown as Record<string, unknown>;
      wb.use1904DateSystem = true;
      wb.load = () => wb;
      return readDateSystem(ctx, "Sales!A:C", 1);
    });
    expect(system).toBe(1904);
  });
});
