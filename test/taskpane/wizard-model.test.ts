/**
 * The wizard's rules without React: typed numbers, inline validation, plan inputs, the ledger preview, and the
 * ledger reader against the Excel test double (what range it proposes, reading in slices, read-only).
 */
import {
  DEFAULT_FIELDS,
  EXAMPLE_FIELDS,
  parseTyped,
  previewLedger,
  previewResults,
  toPlanInputs,
  validate,
} from "../../src/taskpane/model";
import { proposeSource, readSource, splitAddress } from "../../src/taskpane/ledger-reader";
import { lifetimeValue } from "../../src/core/ltv";
import { shopLedger } from "../sheet/fixtures";

const { createFakeOffice } = require("./fake-office.js");

describe("typed numbers and inline validation", () => {
  it("reads numbers as people type them, and refuses what is not a number", () => {
    expect(parseTyped("¥1,200")).toBe(1200);
    expect(parseTyped("１２００円")).toBe(1200);
    expect(parseTyped("40%")).toBe(40);
    expect(parseTyped(" 0.5 ")).toBe(0.5);
    expect(parseTyped("abc")).toBeUndefined();
    expect(parseTyped("")).toBeUndefined();
    expect(parseTyped("1.2.3")).toBeUndefined();
  });

  it("opens empty: the figures only the user knows are not pre-filled, and the example is valid", () => {
    for (const k of ["avgOrder", "frequency", "lifespan", "acquisitionCost"] as const)
      expect(DEFAULT_FIELDS[k]).toBe("");
    // what the user must give is asked for; an acquisition cost may stay empty
    expect(validate("manual", DEFAULT_FIELDS)).toEqual({
      avgOrder: { key: "errNumber" },
      frequency: { key: "errNumber" },
      lifespan: { key: "errNumber" },
    });
    expect(validate("ledger", DEFAULT_FIELDS)).toEqual({});
    expect(toPlanInputs(DEFAULT_FIELDS, "ledger").acquisitionCost).toBe(0);
    expect(validate("manual", EXAMPLE_FIELDS)).toEqual({});
    expect(EXAMPLE_FIELDS).toMatchObject({
      avgOrder: "415",
      frequency: "12",
      lifespan: "3",
      acquisitionCost: "5000",
    });
  });

  it("leaves LTV:CAC and the payback blank (null) when no acquisition cost is given, never 0", () => {
    const r = previewResults(toPlanInputs({ ...EXAMPLE_FIELDS, acquisitionCost: "" }, "manual"));
    expect(r.ltvCac).toBeNull();
    expect(r.payback).toBeNull();
    expect(r.health).toBe("none");
    expect(r.ltv).toBe(r.ltvBeforeAcquisition);
  });

  it("flags each bad field with its rule", () => {
    const bad = validate("manual", {
      ...EXAMPLE_FIELDS,
      avgOrder: "x",
      grossMargin: "120",
      acquisitionCost: "-1",
      targetRatio: "0",
    });
    expect(bad).toEqual({
      avgOrder: { key: "errNumber" },
      grossMargin: { key: "errMax", params: { max: 100 } },
      acquisitionCost: { key: "errMin", params: { min: 0 } },
      targetRatio: { key: "errAbove", params: { min: 0 } },
    });
  });

  it("does not ask the ledger route for avg order, frequency or a lifespan: the ledger's model gives them; it asks for the horizon", () => {
    const f = { ...DEFAULT_FIELDS, avgOrder: "", frequency: "", lifespan: "" };
    expect(validate("ledger", f)).toEqual({});
    expect(validate("ledger", { ...f, horizon: "0" })).toEqual({
      horizon: { key: "errAbove", params: { min: 0 } },
    });
    expect(
      toPlanInputs({ ...f, horizon: "2", horizonUnit: "year", business: "contract" }, "ledger")
    ).toMatchObject({
      horizon: 2,
      horizonUnit: "year",
      business: "contract",
    });
  });

  it("turns percentages into fractions for the plan, and the review's LTV equals the core's", () => {
    const inputs = toPlanInputs(
      { ...EXAMPLE_FIELDS, grossMargin: "60", discountRate: "2" },
      "manual"
    );
    expect(inputs).toMatchObject({ grossMargin: 0.6, discountRate: 0.02 });
    const r = previewResults(inputs);
    expect(r.ltv).toBe(
      lifetimeValue({
        avgOrder: 415,
        frequency: 12,
        periods: 12,
        grossMargin: 0.6,
        discountRate: 0.02,
        acquisitionCost: 5000,
      })
    );
  });

  it("previews a ledger: orders, customers, span, rows skipped and why", () => {
    const rows = shopLedger();
    const p = previewLedger(rows, { customer: 0, date: 1, amount: 2, order: 3 });
    expect(p).toMatchObject({
      customers: 40,
      usedRows: rows.length - 3,
      skipped: 2,
      first: "2024-01-01",
    });
    expect(Object.fromEntries(p.reasons)).toEqual({ notADate: 1, blankCell: 1 });
  });
});

describe("the ledger reader", () => {
  const rows = shopLedger();

  it("proposes the selection, else the active sheet's table, else its used range", async () => {
    const sel = createFakeOffice({
      sheets: { Sales: rows },
      selection: { sheet: "Sales", address: "A1:D20" },
    });
    expect(await sel.Excel.run(proposeSource)).toBe("Sales!A1:D20");
    const table = createFakeOffice({
      sheets: { Sales: rows },
      selection: { sheet: "Sales", address: "B2" },
      tables: [{ name: "T", sheet: "Sales", address: "A1:D50" }],
    });
    expect(await table.Excel.run(proposeSource)).toBe("Sales!A1:D50");
    const used = createFakeOffice({
      sheets: { Sales: rows },
      selection: { sheet: "Sales", address: "B2" },
    });
    expect(await used.Excel.run(proposeSource)).toBe(`Sales!A1:D${rows.length}`);
  });

  it("reads the values in slices and writes nothing", async () => {
    const big: (string | number)[][] = [["顧客ID", "購入日", "金額", "注文番号"]];
    for (let i = 0; i < 30000; i++) big.push([`C${i % 500}`, 45300 + (i % 365), 1000 + i, `O${i}`]);
    const fake = createFakeOffice({ sheets: { "Sales 2024": big } });
    const values = await fake.Excel.run((ctx: Excel.RequestContext) =>
      readSource(ctx, `'Sales 2024'!A1:D${big.length}`)
    );
    expect(values).toEqual(big);
    const requests = fake.snapshot().requests;
    expect(requests.length).toBe(1 + Math.ceil((big.length * 4) / 50000));
    expect(fake.state.log.filter((x: string) => x !== "load")).toEqual([]);
  });

  it("splits addresses, quoted sheet names included, and refuses others", () => {
    expect(splitAddress("'Sales 2024'!$A$1:$D$9")).toEqual({ sheet: "Sales 2024", cells: "A1:D9" });
    expect(splitAddress("売上!A1:C3")).toEqual({ sheet: "売上", cells: "A1:C3" });
    expect(splitAddress("A1:C3")).toBeUndefined();
    expect(splitAddress("Sheet1!nonsense")).toBeUndefined();
  });
});
