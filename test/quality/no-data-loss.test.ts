/**
 * No data loss: the wizard's writer (src/taskpane/writer.ts) and "Make portable" (src/taskpane/portable/action.ts)
 * against Excel test doubles holding a workbook that people already use — sheets of their own, a table, workbook
 * names, formulas — must leave every pre-existing sheet, cell, table and name as it was, also when a
 * `context.sync()` fails half-way (Office.js applies a failed batch up to the failing operation, it does not roll
 * back). When a write fails the caller must hear of it (the promise rejects, and the task pane shows the error),
 * and no half-written sheet may be left looking finished.
 *
 * Doubles: test/taskpane/fake-office.js (writer; operations apply as they are queued, a failed sync keeps them)
 * and test/taskpane/portable-fake.ts (operations apply at sync; a failing sync is made to apply the first half).
 */
import { readLedger } from "../../src/core/ledger";
import { analyseLedgerForPlan } from "../../src/sheet/ledger-analysis";
import { buildCalculationPlan, DEFAULT_INPUTS } from "../../src/sheet/plan";
import type { CalculationPlan } from "../../src/sheet/types";
import {
  applyPortable,
  scanPortable,
  undoPortable,
  UNDO_SHEET,
} from "../../src/taskpane/portable/action";
import { writePlan } from "../../src/taskpane/writer";
import { shopLedger } from "../sheet/fixtures";
import { FakeExcel, installExcelEnums, type FakeCell } from "../taskpane/portable-fake";

const { createFakeOffice } = require("../taskpane/fake-office.js");

type Fake = ReturnType<typeof createFakeOffice>;
type Snapshot = {
  sheets: Record<string, unknown>;
  order: string[];
  names: Record<string, unknown>;
  active: string | null;
};

const ledgerRows = shopLedger();

/** A workbook in use: a ledger with a total formula, notes, a report with formulas, a table, and names. */
function usedWorkbook(): Fake {
  const fake = createFakeOffice({
    sheets: {
      Sales: [...ledgerRows, ["", "", "=SUM(C2:C300)", ""]],
      Notes: [
        ["Tax rate", 0.1],
        ["Owner", "山田"],
        ["=Sales!C301*(1+B1)", "=TODAY()"],
      ],
      Report: [["=SUM(Sales!C:C)", "=COUNTA(Sales!A:A)-1", "=TaxRate*2"]],
    },
    tables: [{ name: "SalesTable", sheet: "Sales", address: "A1:D300" }],
  });
  fake.state.names.set("TaxRate", { ref: "Notes!B1", comment: "the user's own name" });
  fake.state.names.set("Owner", { ref: "Notes!B2", comment: "" });
  return fake;
}

/** What must stay: every pre-existing sheet (cells, formats, charts …), its position, every name, every table. */
function userState(fake: Fake, userSheets: string[]) {
  const snap = fake.snapshot() as Snapshot;
  return {
    sheets: Object.fromEntries(userSheets.map((s) => [s, snap.sheets[s]])),
    order: snap.order.filter((s) => userSheets.includes(s)),
    names: Object.fromEntries(Object.entries(snap.names).filter(([n]) => !isOurs(n))),
    tables: JSON.parse(JSON.stringify(fake.state.tables)),
  };
}

const OUR_PREFIX = /^(Input_|Calc_|Result_|Ledger_|Units_|Model_|Table_|LTV_Sheet_)/;
const isOurs = (name: string) => OUR_PREFIX.test(name);

function manualPlan(): CalculationPlan {
  return buildCalculationPlan(DEFAULT_INPUTS, "en");
}

function ledgerPlan(): CalculationPlan {
  const ledger = readLedger(
    {
      customers: ledgerRows.map((r) => r[0]),
      dates: ledgerRows.map((r) => r[1]),
      amounts: ledgerRows.map((r) => r[2]),
      orders: ledgerRows.map((r) => r[3]),
    },
    { mode: "lenient" }
  );
  const analysis = analyseLedgerForPlan(ledger, "month", { source: "Sales!A1:D300" });
  return buildCalculationPlan(
    { ...DEFAULT_INPUTS, periodUnit: "month", lifespanFromChurn: true },
    "ja",
    analysis
  );
}

/** Makes the n-th `context.sync()` (1-based) of the fake fail, as Excel does when a request is refused. */
function failSync(fake: Fake, n: number): void {
  const sync = fake.context.sync;
  let calls = 0;
  fake.context.sync = async () => {
    calls++;
    await sync();
    if (calls === n) throw new Error("GeneralException: the request failed half-way (injected)");
  };
}

const write = (fake: Fake, plan: CalculationPlan, options = {}) =>
  fake.Excel.run((ctx: Excel.RequestContext) => writePlan(ctx, plan, options));

describe("the wizard's writer leaves the user's workbook as it was", () => {
  const USER = ["Sales", "Notes", "Report"];

  it.each([
    ["manual route", manualPlan],
    ["ledger route", ledgerPlan],
  ])(
    "%s: every sheet, cell, table and name that was there is unchanged, first write and replace",
    async (_route, make) => {
      const fake = usedWorkbook();
      const before = userState(fake, USER);
      const plan = make();
      expect(await write(fake, plan)).toMatchObject({ status: "written" });
      expect(userState(fake, USER)).toEqual(before);
      expect(await write(fake, plan, { replace: true })).toMatchObject({ status: "written" });
      expect(userState(fake, USER)).toEqual(before);
      // the new sheet comes after the user's sheets
      expect((fake.snapshot() as Snapshot).order).toEqual([...USER, plan.sheet.name]);
    }
  );

  it("leaves alone a workbook name of the user's that happens to share one of ours but points at their own sheet", async () => {
    // e.g. an earlier calculation sheet the user renamed to keep it: its names now belong to the user's sheet
    const fake = usedWorkbook();
    fake.state.names.set("Result_LTV", { ref: "Report!A1", comment: "the user's" });
    await write(fake, manualPlan());
    expect((fake.snapshot() as Snapshot).names.Result_LTV).toEqual({
      ref: "Report!A1",
      comment: "the user's",
    });
  });

  describe("when a sync fails half-way", () => {
    // a small request budget splits the ledger route's sheet into several requests, so a failure can fall between them
    const budgetBytes = 3_000;

    it("the plan needs several requests at this budget (else the test would prove nothing)", async () => {
      const fake = usedWorkbook();
      const report = await write(fake, ledgerPlan(), { budgetBytes });
      expect(report.requestBytes.length).toBeGreaterThanOrEqual(3);
    });

    for (const failing of [1, 2, 3]) {
      it(`sync ${failing}: the caller is told, the user's sheets, tables and names are unchanged`, async () => {
        const fake = usedWorkbook();
        const before = userState(fake, USER);
        failSync(fake, failing);
        await expect(write(fake, ledgerPlan(), { budgetBytes })).rejects.toThrow(/failed half-way/);
        expect(userState(fake, USER)).toEqual(before);
      });
    }

    it("no half-written calculation sheet is left under the finished sheet's name", async () => {
      const fake = usedWorkbook();
      const plan = ledgerPlan();
      failSync(fake, 2);
      await expect(write(fake, plan, { budgetBytes })).rejects.toThrow();
      const snap = fake.snapshot() as Snapshot;
      // removed, or at least not presented as the finished sheet (named as the plan's sheet)
      expect(snap.order).not.toContain(plan.sheet.name);
    });

    it("replacing: a failure does not leave the user without their previous finished sheet", async () => {
      const fake = usedWorkbook();
      const plan = ledgerPlan();
      await write(fake, plan, { budgetBytes });
      const previous = (fake.snapshot() as Snapshot).sheets[plan.sheet.name];
      failSync(fake, 3);
      await expect(write(fake, plan, { budgetBytes, replace: true })).rejects.toThrow();
      const snap = fake.snapshot() as Snapshot;
      // either the previous sheet is still there as it was, or nothing half-written stands in its place
      if (snap.order.includes(plan.sheet.name))
        expect(snap.sheets[plan.sheet.name]).toEqual(previous);
    });
  });
});

describe("Make portable leaves everything but the cells it converts as it was", () => {
  beforeAll(installExcelEnums);

  const LTV_F = "=LTV(B2,B3,B4,B5)";
  function workbook(): FakeExcel {
    return new FakeExcel(
      {
        Model: {
          A1: "inputs",
          B2: 415,
          B3: 12,
          B4: 12,
          B5: 5000,
          B10: { formula: LTV_F, value: 54760 } as FakeCell,
          B11: { formula: "=AVG_ORDER(Data!C2:C5)", value: 415 } as FakeCell,
          B12: { formula: "=SUM(B2:B3)", value: 427 } as FakeCell,
          B13: { formula: "=B10*2", value: 109520 } as FakeCell,
          B14: { formula: '=RETENTION_PERIODS(3,"year","quarter")', value: 12 } as FakeCell,
          C1: "=LTV( typed as text",
          C2: { value: 0.4, numberFormat: "0%" } as FakeCell,
        },
        Data: {
          A1: "顧客ID",
          B1: "購入日",
          C1: "金額",
          C2: 340,
          C3: 490,
          C4: 340,
          C5: 490,
          D1: { formula: "=SUM(C2:C5)", value: 1660 } as FakeCell,
        },
        Notes: { A1: "keep", B1: { formula: "=Model!B10", value: 54760 } as FakeCell },
      },
      "Model"
    );
  }
  const CONVERTED = ["B10", "B11", "B14"];

  it("converts only the add-in's formulas: other sheets and every other cell are unchanged; undo restores all", async () => {
    const xl = workbook();
    const before = xl.snapshot();
    const ctx = xl.context();
    const scan = await scanPortable(ctx, "sheet");
    expect(scan.changes.map((c) => c.address).sort()).toEqual(CONVERTED);
    await applyPortable(ctx, scan);
    const after = xl.snapshot();
    expect(after.Data).toEqual(before.Data);
    expect(after.Notes).toEqual(before.Notes);
    for (const [a, c] of Object.entries(before.Model))
      if (!CONVERTED.includes(a)) expect([a, after.Model[a]]).toEqual([a, c]);
    expect(Object.keys(after).sort()).toEqual([...Object.keys(before), UNDO_SHEET].sort());

    await undoPortable(ctx);
    const restored = xl.snapshot();
    for (const s of Object.keys(before)) {
      for (const [a, c] of Object.entries(before[s]))
        expect([s, a, restored[s][a]?.formula ?? restored[s][a]?.value]).toEqual([
          s,
          a,
          c.formula ?? c.value,
        ]);
    }
    expect(Object.keys(restored).sort()).toEqual(Object.keys(before).sort());
  });

  /** Makes the n-th sync fail after applying only the first `keep(queued)` of its queued writes. */
  function failPartWay(
    xl: FakeExcel,
    ctx: Excel.RequestContext,
    n: number,
    keep: (queued: number) => number
  ): void {
    const sync = ctx.sync.bind(ctx);
    let calls = 0;
    (ctx as { sync: () => Promise<void> }).sync = async () => {
      calls++;
      if (calls !== n) return sync();
      const internal = xl as unknown as { queue: Array<() => void> };
      internal.queue = internal.queue.slice(0, keep(internal.queue.length));
      await sync();
      throw new Error("GeneralException: the request failed half-way (injected)");
    };
  }

  it.each([
    ["after the copy of the originals and all but the last conversion", (q: number) => q - 1],
    ["half-way through its queue", (q: number) => Math.ceil(q / 2)],
    ["before anything of the write request", () => 0],
  ])(
    "when the write fails %s: the caller is told, nothing else changed, every converted cell can be restored",
    async (_when, keep) => {
      const xl = workbook();
      const before = xl.snapshot();
      const ctx = xl.context();
      const scan = await scanPortable(ctx, "sheet");
      failPartWay(xl, ctx, 2, keep);
      await expect(applyPortable(ctx, scan)).rejects.toThrow(/failed half-way/);
      const after = xl.snapshot();
      expect(after.Data).toEqual(before.Data);
      expect(after.Notes).toEqual(before.Notes);
      for (const [a, c] of Object.entries(before.Model))
        if (!CONVERTED.includes(a)) expect([a, after.Model[a]]).toEqual([a, c]);
      const converted = CONVERTED.filter(
        (a) => after.Model[a]?.formula !== before.Model[a].formula
      );
      if (converted.length > 0) {
        // the copy of the originals is queued before the conversions, so whatever was converted can be put back
        await undoPortable(xl.context());
        const restored = xl.snapshot();
        for (const a of CONVERTED)
          expect([a, restored.Model[a]?.formula]).toEqual([a, before.Model[a].formula]);
      }
    }
  );

  it("when reading fails, nothing at all is written", async () => {
    const xl = workbook();
    const before = xl.snapshot();
    const ctx = xl.context();
    const scan = await scanPortable(ctx, "sheet");
    failPartWay(xl, ctx, 1, (q) => q);
    await expect(applyPortable(ctx, scan)).rejects.toThrow();
    expect(xl.snapshot()).toEqual(before);
  });
});
