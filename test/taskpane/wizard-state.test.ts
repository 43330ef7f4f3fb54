/**
 * The wizard's reducer without a browser: how it opens (pre-filled from stored choices or not), moves along each
 * route, reads a ledger (the stored mapping wins for the same range), and reports work and errors.
 */
import type { DetectedColumns } from "../../src/core/input/headers";
import { DEFAULT_FIELDS, EXAMPLE_FIELDS } from "../../src/taskpane/model";
import type { WizardChoices } from "../../src/taskpane/settings";
import {
  initialState,
  joinSource,
  splitSource,
  stepsOf,
  wizardReducer,
  type WizardAction,
  type WizardState,
} from "../../src/taskpane/wizard/state";
import type { WriteReport } from "../../src/taskpane/writer";

const run = (s: WizardState, ...actions: WizardAction[]) => actions.reduce(wizardReducer, s);

const detected: DetectedColumns = {
  hasHeader: true,
  mapping: { customer: 0, date: 1, amount: 2 },
  how: { customer: "header", date: "header", amount: "header" },
} as DetectedColumns;

describe("the wizard's state", () => {
  it("opens on the route step with the defaults, or with the choices stored in the workbook", () => {
    const fresh = initialState("en");
    expect(fresh).toMatchObject({
      lang: "en",
      route: "manual",
      step: "route",
      address: "",
      busy: "",
    });
    expect(fresh.fields).toEqual(DEFAULT_FIELDS);
    const saved: WizardChoices = {
      version: 1,
      route: "ledger",
      source: { sheet: "売上 2024", address: "A1:D9" },
      fields: { grossMargin: "40" },
    };
    const pre = initialState("ja", saved);
    expect(pre.route).toBe("ledger");
    expect(pre.address).toBe("'売上 2024'!A1:D9");
    expect(pre.fields).toEqual({ ...DEFAULT_FIELDS, grossMargin: "40" });
  });

  it("types the example in only when asked, keeping the user's other answers", () => {
    const s = run(
      initialState("en"),
      { type: "field", key: "grossMargin", value: "40" },
      { type: "example" }
    );
    expect(s.fields).toEqual({
      ...DEFAULT_FIELDS,
      grossMargin: "40",
      periodUnit: EXAMPLE_FIELDS.periodUnit,
      avgOrder: "415",
      frequency: "12",
      lifespan: "3",
      lifespanUnit: "year",
      acquisitionCost: "5000",
    });
  });

  it("moves along the route's steps, never past either end, clearing the error", () => {
    expect(stepsOf("manual")).toEqual(["route", "settings", "review", "done"]);
    expect(stepsOf("ledger")).toEqual(["route", "source", "settings", "review", "done"]);
    const s = run(initialState("en"), { type: "failed", error: "x" }, { type: "go", by: -1 });
    expect(s).toMatchObject({ step: "route", error: "" });
    const ledger = run(s, { type: "route", route: "ledger" }, { type: "go", by: 1 });
    expect(ledger.step).toBe("source");
    expect(run(ledger, { type: "go", by: 9 }).step).toBe("done");
  });

  it("keeps the detected mapping, or the stored one when the same range is read again", () => {
    const rows = [["顧客", "日付", "金額"]];
    const fresh = run(initialState("en"), { type: "read", address: "A!A1:C2", rows, detected });
    expect(fresh.mapping).toEqual(detected.mapping);
    const saved: WizardChoices = {
      version: 1,
      route: "ledger",
      source: { sheet: "A", address: "A1:C2" },
      mapping: { customer: 2, date: 1, amount: 0 },
      fields: {},
    };
    const same = run(initialState("en", saved), {
      type: "read",
      address: "A!A1:C2",
      rows,
      detected,
    });
    expect(same.mapping).toEqual(saved.mapping);
    const other = run(initialState("en", saved), {
      type: "read",
      address: "A!A1:C9",
      rows,
      detected,
    });
    expect(other.mapping).toEqual(detected.mapping);
    expect(run(other, { type: "map", role: "order", column: 3 }).mapping.order).toBe(3);
  });

  it("starts work (clearing the error and the question), finishes it, and shows what was written", () => {
    const asking = run(
      initialState("en"),
      { type: "confirmReplace", open: true },
      { type: "failed", error: "x" }
    );
    const busy = run(asking, { type: "start", busy: "writing" });
    expect(busy).toMatchObject({ busy: "writing", error: "", confirmReplace: false });
    const report = {
      status: "written",
      sheet: "LTV",
      syncs: 2,
      requestBytes: [],
      sheetScopedNames: [],
    } as WriteReport;
    const done = run(busy, { type: "written", report }, { type: "finished" });
    expect(done).toMatchObject({ step: "done", busy: "", report });
    expect(run(done, { type: "again" })).toMatchObject({ step: "route", report: null });
    expect(run(done, { type: "field", key: "avgOrder", value: "500" }).fields.avgOrder).toBe("500");
    expect(run(done, { type: "lang", lang: "ja" }).lang).toBe("ja");
    expect(run(done, { type: "address", address: "B!A1" }).address).toBe("B!A1");
  });

  it("splits and joins a source address, quoting a sheet name only when it must", () => {
    expect(splitSource("'It''s'!A1:B2")).toEqual({ sheet: "It's", address: "A1:B2" });
    expect(splitSource("A1:B2")).toBeUndefined();
    expect(joinSource({ sheet: "Sales", address: "A1:B2" })).toBe("Sales!A1:B2");
    expect(joinSource({ sheet: "It's", address: "A1" })).toBe("'It''s'!A1");
  });
});
