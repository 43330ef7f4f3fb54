/**
 * The wizard's state for what real Excel brings: the workbook's date system read with the ledger, the answer to
 * "go on without the unreadable rows?", and the auto-open toggle.
 */
import { previewLedger } from "../../src/taskpane/model";
import { initialState, wizardReducer } from "../../src/taskpane/wizard/state";

const detected = {
  mapping: { customer: 0, date: 1, amount: 2 },
  hasHeader: true,
  how: {},
} as never;

describe("wizard state for real workbooks", () => {
  it("keeps the date system read with the ledger; a new read or a new mapping asks again about unreadable rows", () => {
    let s = initialState("en", undefined, true);
    expect(s).toMatchObject({ dateSystem: 1900, unreadableOk: false, autoOpen: true });
    s = wizardReducer(s, { type: "read", address: "S!A:C", rows: [], detected, dateSystem: 1904 });
    expect(s.dateSystem).toBe(1904);
    s = wizardReducer(s, { type: "unreadableOk" });
    expect(s.unreadableOk).toBe(true);
    s = wizardReducer(s, { type: "map", role: "amount", column: 2 });
    expect(s.unreadableOk).toBe(false);
    s = wizardReducer(s, { type: "autoOpen", on: false });
    expect(s.autoOpen).toBe(false);
    s = wizardReducer(s, { type: "read", address: "S!A:C", rows: [], detected });
    expect(s.dateSystem).toBe(1900);
  });

  it("previews a 1904 workbook's date cells as the dates they show, and flags too many unreadable rows", () => {
    const rows = [
      ["id", "date", "amount"],
      ["A", 45296 - 1462, 100],
      ["B", "2024/1/6", 200],
      ["C", 45300 - 1462, "x"],
    ];
    const p = previewLedger(rows, { customer: 0, date: 1, amount: 2 }, 1904);
    expect([p.first, p.last]).toEqual(["2024-01-05", "2024-01-06"]);
    expect(p.unreadable).toMatchObject({ rows: 3, unreadable: 1, tooMany: true });
    expect(
      previewLedger(rows.slice(0, 3), { customer: 0, date: 1, amount: 2 }).unreadable.tooMany
    ).toBe(false);
  });
});
