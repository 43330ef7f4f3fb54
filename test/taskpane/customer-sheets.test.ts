/**
 * The wizard's customer list and cohort value sheets, written through the Office.js writer beside the calculation
 * sheet: against the Excel double (test/taskpane/fake-office.js) what is written (the Excel table with filters
 * over the list sorted by value, the segment colours, the cohort chart with its CAC line), that each sheet is
 * known by its own mark so re-running replaces only ours and a user's sheet or table of the same name is left
 * alone, and that a failure at any sync or operation leaves no half-written sheet; against the real office.js
 * (./office-js.ts) that the list of 100,000 customers goes in requests under Excel on the web's 5 MB limit.
 */
import {
  SEGMENTS,
  type CustomerValue,
  type CustomerValueList,
} from "../../src/core/customer-value";
import { demoLedger } from "../support/demo-ledger";
import { buildCustomerListPlan } from "../../src/sheet/customer-list";
import { customerSheets, type CustomerSheets } from "../../src/sheet/customer-sheets";
import { buildCalculationPlan, DEFAULT_INPUTS } from "../../src/sheet/plan";
import { DEFAULT_BUDGET_BYTES, REQUEST_LIMIT_BYTES } from "../../src/taskpane/batches";
import { writeCustomerSheetPlans } from "../../src/taskpane/customer-sheets";
import {
  COHORT_VALUE_MARKS,
  CUSTOMER_LIST_MARKS,
  SHEET_MARK,
  writePlan,
} from "../../src/taskpane/writer";
import type { WizardState } from "../../src/taskpane/wizard/state";
import { loadOfficeJs } from "./office-js";

const { createFakeOffice } = require("./fake-office.js");

type Fake = ReturnType<typeof createFakeOffice>;
type Snap = ReturnType<Fake["snapshot"]>;

jest.setTimeout(120_000);

const ledger = demoLedger();
const NOW = new Date(2025, 0, 15, 9, 30);
const options = (lang: "en" | "ja", acquisitionCost = 500) => ({
  lang,
  period: "month" as const,
  grossMargin: 1,
  acquisitionCost,
  source: "Sales!A1:D6920",
  now: NOW,
});
const EN = customerSheets(ledger, options("en"));
const JA = customerSheets(ledger, options("ja"));

const writeCalc = (fake: Fake) =>
  fake.Excel.run((ctx: Excel.RequestContext) =>
    writePlan(ctx, buildCalculationPlan(DEFAULT_INPUTS, "en"))
  );
/** Writes both sheets, with the fake's Office as the global the writer asks for requirement sets. */
const writeSheets = (fake: Fake, sheets: CustomerSheets = EN) => {
  (globalThis as unknown as { Office: unknown }).Office = fake.Office;
  return fake.Excel.run((ctx: Excel.RequestContext) => writeCustomerSheetPlans(ctx, sheets));
};

/** The sheet a hidden mark points at ('Customer list'!A1 → Customer list). */
function marked(snap: Snap, mark: string): string | undefined {
  const ref = snap.names[mark]?.ref as string | undefined;
  const m = ref && /^'?(.*?)'?!A1$/.exec(ref);
  return m ? m[1].replace(/''/g, "'") : undefined;
}

/** How many cells a plan writes (non-null cells of its blocks). */
const plannedCells = (plan: CustomerSheets["listPlan"] | CustomerSheets["cohortPlan"]) =>
  plan.sheet.blocks.reduce((n, b) => n + b.cells.flat().filter((c) => c !== null).length, 0);

describe("the customer sheets through the wizard's writer", () => {
  it("writes the list as an Excel table sorted by value, with filters and the segments coloured, and the cohort sheet with its chart and CAC line", async () => {
    const fake = createFakeOffice({ sheets: { Sales: [["id", "date", "amount"]] } });
    await writeCalc(fake);
    const calcBefore = JSON.stringify(fake.snapshot().sheets["LTV calculation"]);
    const report = await writeSheets(fake);
    const snap = fake.snapshot();
    expect(snap.order).toEqual(["Sales", "LTV calculation", "Cohort value", "Customer list"]);
    expect(JSON.stringify(snap.sheets["LTV calculation"])).toBe(calcBefore);
    // each sheet known by its own hidden mark; the calculation sheet's mark untouched
    expect(marked(snap, SHEET_MARK)).toBe("LTV calculation");
    expect(marked(snap, CUSTOMER_LIST_MARKS.sheet)).toBe("Customer list");
    expect(marked(snap, COHORT_VALUE_MARKS.sheet)).toBe("Cohort value");
    for (const m of [CUSTOMER_LIST_MARKS.sheet, COHORT_VALUE_MARKS.sheet])
      expect(snap.names[m].hidden).toBe(true);
    expect(snap.names[CUSTOMER_LIST_MARKS.writing]).toBeUndefined();
    expect(snap.active).toBe("Customer list");

    const list = snap.sheets["Customer list"];
    expect(Object.keys(list.cells)).toHaveLength(plannedCells(EN.listPlan));
    expect(list.tables).toEqual([
      {
        name: "CustomerList",
        address: EN.listPlan.anchors.table,
        style: "TableStyleLight9",
        filters: true,
      },
    ]);
    // sorted by value: rank 1 first, expected revenue never rising down the table
    const revenues = EN.list.rows.map((_, i) => list.cells[`F${7 + i}`].value as number);
    expect(list.cells.A7.value).toBe(1);
    for (let i = 1; i < revenues.length; i++)
      expect(revenues[i]).toBeLessThanOrEqual(revenues[i - 1]);
    expect(list.conditionalFormats).toHaveLength(EN.listPlan.sheet.conditionalFormats.length);
    expect(list.freeze).toBe("A1:B6"); // the header row, rank and customer stay in view
    expect(snap.sheets["LTV calculation"].freeze).toBeUndefined();
    expect(list.cells.A2.formula).toMatch(/^=/); // the headline is a live formula

    const cohort = snap.sheets["Cohort value"];
    expect(Object.keys(cohort.cells)).toHaveLength(plannedCells(EN.cohortPlan));
    expect(cohort.charts).toHaveLength(1);
    const series = cohort.charts[0].series.map((s: { name: string }) => s.name);
    expect(series[series.length - 1]).toBe("Acquisition cost");
    expect(series.length).toBeGreaterThan(2);
    expect(cohort.cells.B4.value).toBe(500);
    expect(report).toMatchObject({
      customers: EN.list.rows.length,
      top: EN.list.top.customers,
      horizon: "12 months",
    });
    expect(report.list.tables).toEqual({ CustomerList: "CustomerList" });
    // one look and one write for each sheet of the demo ledger
    expect([report.cohort.syncs, report.list.syncs]).toEqual([2, 2]);
  });

  it("re-running replaces only our sheets; a user's sheet or table with our name is left alone and ours goes beside it", async () => {
    const fake = createFakeOffice({
      sheets: { 顧客リスト: [["私の顧客", "メモ"]], Data: [["x"]] },
      tables: [{ name: "CustomerList", sheet: "Data", address: "A1:A1" }],
    });
    const before = fake.snapshot();
    const first = await writeSheets(fake, JA);
    expect(first.list.sheet).toBe("顧客リスト (2)");
    expect(first.list.sheetKept).toBe("顧客リスト");
    expect(first.list.tables).toEqual({ CustomerList: "CustomerList_2" });
    await writeSheets(fake, JA);
    const snap = fake.snapshot();
    expect(snap.order).toEqual(["顧客リスト", "Data", "コホート累積価値", "顧客リスト (2)"]);
    expect(snap.sheets["顧客リスト"]).toEqual(before.sheets["顧客リスト"]);
    expect(snap.sheets.Data).toEqual(before.sheets.Data);
    expect(snap.sheets["顧客リスト (2)"].tables.map((t: { name: string }) => t.name)).toEqual([
      "CustomerList_2",
    ]);
    expect(fake.state.tables.map((t: { name: string }) => t.name).sort()).toEqual([
      "CustomerList",
      "CustomerList_2",
    ]);
    // and a calculation sheet written afterwards does not take ours for its own
    await writeCalc(fake);
    expect(fake.snapshot().order).toContain("顧客リスト (2)");
  });

  /** The workbook's state as the no-data-loss rule sees it: sheets (with cells and tables) and names. */
  const state = (s: Snap) => ({ sheets: s.sheets, order: s.order, names: s.names });

  /** Checks a workbook after a failed write: no unfinished sheet; each of ours the old copy or the new one, whole. */
  function checkWhole(snap: Snap, old: Snap, sheets: CustomerSheets) {
    expect(snap.order.filter((n: string) => /writing|書き込み中/.test(n))).toEqual([]);
    expect(snap.sheets.Sales).toEqual(old.sheets.Sales);
    expect(snap.sheets["LTV calculation"]).toEqual(old.sheets["LTV calculation"]);
    for (const [plan, mark] of [
      [sheets.listPlan, CUSTOMER_LIST_MARKS],
      [sheets.cohortPlan, COHORT_VALUE_MARKS],
    ] as const) {
      const name = plan.sheet.name;
      expect(marked(snap, mark.sheet)).toBe(name);
      expect(snap.names[mark.writing]).toBeUndefined();
      const sheet = snap.sheets[name];
      // the previous copy (CAC 500) or the new one (CAC 800), never a mixture
      if (JSON.stringify(sheet) === JSON.stringify(old.sheets[name])) continue;
      expect(Object.keys(sheet.cells)).toHaveLength(plannedCells(plan));
      if (plan === sheets.listPlan)
        expect(sheet.tables.map((t: { name: string }) => t.name)).toEqual(["CustomerList"]);
      else expect(sheet.cells.B4.value).toBe(800);
    }
    expect(snap.order.filter((n: string) => n === "Customer list")).toHaveLength(1);
  }

  it("a failure at any sync or operation leaves no half-written sheet: the old copy, or the new one whole", async () => {
    const next = customerSheets(ledger, options("en", 800));
    const fresh = async () => {
      const fake = createFakeOffice({ sheets: { Sales: [["id", "date", "amount"]] } });
      await writeCalc(fake);
      await writeSheets(fake);
      return fake;
    };
    // where the operations of a successful re-write are
    const probe = await fresh();
    const start = probe.state.log.length;
    const syncsBefore = probe.state.requests.length;
    await writeSheets(probe, next);
    const ops = probe.state.log.length - start;
    const syncs = probe.state.requests.length - syncsBefore;
    expect(syncs).toBe(4);
    let outcomes = { old: 0, renewed: 0 };
    // every sync fails once (after Excel ran it), then operations spread over the whole sequence
    const failures: Array<(fake: Fake) => void> = [];
    for (let n = 1; n <= syncs; n++)
      failures.push((fake) => {
        const sync = fake.context.sync;
        let calls = 0;
        fake.context.sync = async () => {
          await sync();
          if (++calls === n) throw new Error("GeneralException: injected failure");
        };
      });
    for (let at = 0; at < ops; at += Math.max(1, Math.floor(ops / 60)))
      failures.push((fake) => (fake.state.failAt = fake.state.log.length + at));
    for (const fail of failures) {
      const fake = await fresh();
      const old = fake.snapshot();
      fail(fake);
      await expect(writeSheets(fake, next)).rejects.toThrow(/injected/);
      const snap = fake.snapshot();
      checkWhole(snap, old, next);
      if (JSON.stringify(state(snap)) === JSON.stringify(state(old))) outcomes.old++;
      else outcomes.renewed++;
      // and the wizard can write again afterwards: both sheets renewed, one copy each
      await writeSheets(fake, next);
      const again = fake.snapshot();
      expect(again.order).toEqual(["Sales", "LTV calculation", "Cohort value", "Customer list"]);
      expect(again.sheets["Cohort value"].cells.B4.value).toBe(800);
    }
    expect(outcomes.old).toBeGreaterThan(0);
    expect(outcomes.renewed).toBeGreaterThan(0);
  });

  it("a 1904 workbook gets its own date serials in the list (1,462 days less), the rest unchanged", () => {
    const s1904 = customerSheets(ledger, { ...options("en"), dateSystem: 1904 });
    const rows = (s: CustomerSheets) =>
      s.listPlan.sheet.blocks.find((b) => b.id === "customerList")!;
    const a = rows(EN).cells[0];
    const b = rows(s1904).cells[0];
    expect(b[6]?.value).toBe((a[6]?.value as number) - 1462); // last order
    expect(b[9]?.value).toBe((a[9]?.value as number) - 1462); // first order
    expect(b[5]).toEqual(a[5]); // expected revenue
  });
});

describe("the list of 100,000 customers as office.js sends it", () => {
  /** A list of n customers with long Japanese names (what matters for the size is their text). */
  function bigList(n: number): CustomerValueList {
    const rows: CustomerValue[] = Array.from({ length: n }, (_, i) => ({
      customer: `株式会社サンプル商事${i}様`,
      pAlive: 0.123456789 + (i % 1000) / 1e4,
      purchases: 12.3456789 / (1 + i / 1000),
      revenue: 12345.6789 / (1 + i / 1000),
      rank: i + 1,
      segment: SEGMENTS[i % SEGMENTS.length],
      firstOrder: 45000 + (i % 700),
      lastOrder: 45300 + (i % 400),
      orders: 1 + (i % 40),
      pastRevenue: 98765.4321 / (1 + (i % 77)),
    }));
    return { ...JA.list, rows, top: { ...JA.list.top, customers: Math.ceil(n / 10) } };
  }

  it("every request within its estimate and under 5 MB, in a bounded number of syncs", async () => {
    const list = bigList(100_000);
    const sheets: CustomerSheets = {
      list,
      listPlan: buildCustomerListPlan(list, "ja", { source: "売上!A:D", now: NOW }),
      cohortPlan: JA.cohortPlan,
    };
    const ojs = loadOfficeJs();
    const report = await writeCustomerSheetPlans(ojs.context(), sheets);
    const estimates = [...report.cohort.requestBytes, ...report.list.requestBytes];
    // per sheet: one look, then its write requests
    const writes = ojs.requests.filter((_, i) => i !== 0 && i !== report.cohort.syncs);
    expect(ojs.requests).toHaveLength(report.cohort.syncs + report.list.syncs);
    expect(writes).toHaveLength(estimates.length);
    writes.forEach((w, i) => expect(w.messageBytes).toBeLessThanOrEqual(estimates[i]));
    const largest = Math.max(...writes.map((w) => w.messageBytes));
    expect(largest).toBeLessThanOrEqual(DEFAULT_BUDGET_BYTES);
    expect(largest).toBeLessThan(0.85 * REQUEST_LIMIT_BYTES);
    expect(report.list.syncs).toBeLessThanOrEqual(1 + 8);
    // the table is laid in one of the requests, by office.js's TableCollection.add
    expect(
      ojs.requests.some((r) => r.body.includes('"Name":"Add"') && r.body.includes("A6:J100006"))
    ).toBe(true);
    const MB = (b: number) => `${(b / 1024 / 1024).toFixed(2)} MB`;
    console.log(
      `wizard, 100,000 customers (Japanese names): customer list ${report.list.syncs} syncs ` +
        `(${report.list.requestBytes.length} write requests: ${writes
          .slice(report.cohort.requestBytes.length)
          .map((w) => MB(w.messageBytes))
          .join(", ")} as office.js sends them), cohort value ${report.cohort.syncs} syncs`
    );
  });
});

describe("the wizard's write button with the customer list switched on", () => {
  /** The wizard's state after reading the demo ledger, switch on; the write as App calls it. */
  async function clickWrite(fake: Fake, on = true) {
    const g = globalThis as unknown as { Excel: unknown; Office: unknown };
    g.Excel = fake.Excel;
    g.Office = fake.Office;
    const { writeSheet } = await import("../../src/taskpane/wizard/actions");
    const { initialState, wizardReducer } = await import("../../src/taskpane/wizard/state");
    const { toPlanInputs } = await import("../../src/taskpane/model");
    const { analyseLedgerForPlan } = await import("../../src/sheet/ledger-analysis");
    let state: WizardState = {
      ...initialState("en"),
      route: "ledger" as const,
      step: "review" as const,
      address: "Sales!A1:D6920",
    };
    state = wizardReducer(state, { type: "customerSheets", on });
    const inputs = toPlanInputs(state.fields, "ledger");
    const analysis = analyseLedgerForPlan(ledger, "month", {
      source: state.address,
      horizon: { amount: 3, unit: "year" },
      lang: "en",
    });
    const actions: Parameters<typeof wizardReducer>[1][] = [];
    await writeSheet(state, inputs, analysis, false, (a) => actions.push(a), ledger);
    return { actions, state: actions.reduce(wizardReducer, state) };
  }

  it("writes the calculation, then the two sheets, and the last step tells what the list found", async () => {
    const fake = createFakeOffice({ sheets: { Sales: [["id"]] } });
    const { state } = await clickWrite(fake);
    expect(state.step).toBe("done");
    expect(state.error).toBe("");
    expect(state.customerReport).toMatchObject({
      list: { sheet: "Customer list", status: "written" },
      cohort: { sheet: "Cohort value", status: "written" },
      customers: EN.list.rows.length,
    });
    expect(fake.snapshot().order).toEqual([
      "Sales",
      "LTV calculation",
      "Cohort value",
      "Customer list",
    ]);
    // switched off: the calculation sheet only; "start again" forgets the last report
    const off = createFakeOffice({ sheets: { Sales: [["id"]] } });
    const second = await clickWrite(off, false);
    expect(second.state.customerReport).toBeUndefined();
    expect(off.snapshot().order).toEqual(["Sales", "LTV calculation"]);
    expect(
      (await import("../../src/taskpane/wizard/state")).wizardReducer(state, { type: "again" })
        .customerReport
    ).toBeUndefined();
  });

  it("when writing the list fails, the calculation sheet stays, no half sheet is left, and the error says so", async () => {
    const fake = createFakeOffice({ sheets: { Sales: [["id"]] } });
    // the calculation sheet takes syncs 1-2, the cohort sheet 3-4, the list's look 5: its write request then stops
    // at its tenth operation, as Excel stops a request at the operation that fails
    const sync = fake.context.sync;
    let calls = 0;
    fake.context.sync = async () => {
      await sync();
      if (++calls === 5) fake.state.failAt = fake.state.log.length + 10;
    };
    const { state } = await clickWrite(fake);
    expect(state.step).toBe("done");
    expect(state.error).toMatch(
      /^The calculation sheet was written, but the customer list could not be: .*injected failure/
    );
    const snap = fake.snapshot();
    expect(snap.order).toEqual(["Sales", "LTV calculation", "Cohort value"]);
    expect(marked(snap, SHEET_MARK)).toBe("LTV calculation");
    expect(marked(snap, CUSTOMER_LIST_MARKS.sheet)).toBeUndefined();
    expect(snap.names[CUSTOMER_LIST_MARKS.writing]).toBeUndefined();
  });
});
