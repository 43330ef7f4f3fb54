import { LtvError } from "../../../src/core/errors";
import {
  atSheetRow,
  readNumberColumn,
  readNumericColumns,
  readParams,
} from "../../../src/core/models/inputs";

function thrown(f: () => unknown): LtvError {
  try {
    f();
  } catch (e) {
    if (e instanceof LtvError) return e;
    throw e;
  }
  throw new Error("expected an LtvError");
}

describe("readParams (a fit's parameter row passed on to a prediction)", () => {
  it("reads the parameters of a spilled fit row and drops the appended log-likelihood", () => {
    expect(readParams([[0.243, 4.414, 0.793, 2.426, -9582.4]], "params", 4, "BGNBD_FIT")).toEqual([
      0.243, 4.414, 0.793, 2.426,
    ]);
    expect(readParams([[6.25], [3.74], [15.44]], "gg_params", 3, "GG_FIT")).toEqual([
      6.25, 3.74, 15.44,
    ]);
  });
  it("refuses the wrong number of values, naming the fit that produces them", () => {
    const e = thrown(() => readParams([[1, 2]], "params", 4, "BGNBD_FIT"));
    expect(e.detail).toMatchObject({
      code: "paramCount",
      arg: "params",
      params: { expected: 4, fit: "BGNBD_FIT", count: 2 },
    });
  });
  it("refuses a parameter ≤ 0 with its position", () => {
    const e = thrown(() => readParams([[1, 0, 1, 1]], "params", 4, "BGNBD_FIT"));
    expect(e.detail).toMatchObject({ code: "mustBeAbove", arg: "params", row: 2, value: 0 });
  });
  it("refuses an error cell with its position and its code", () => {
    const e = thrown(() => readParams([[1, 2, { code: "#N/A" }, 4]], "params", 4, "BGNBD_FIT"));
    expect(e.detail).toMatchObject({
      code: "errorCell",
      arg: "params",
      row: 3,
      params: { error: "#N/A" },
    });
  });
  it("refuses text that is not a number with its position and value", () => {
    const e = thrown(() => readParams([["abc", 2, 3]], "gg_params", 3, "GG_FIT"));
    expect(e.detail).toMatchObject({ code: "notANumber", arg: "gg_params", row: 1, value: "abc" });
  });
});

describe("readNumericColumns (aligned per-customer columns)", () => {
  it("skips a header and blank rows and maps each kept entry back to its sheet row", () => {
    const c = readNumericColumns([
      ["frequency", [["x"], [2], [""], [0], [5]]],
      ["recency", [["t_x"], [30.5], [null], [0], ["12"]]],
    ]);
    expect(c.total).toBe(5);
    expect(Array.from(c.rows)).toEqual([2, 4, 5]);
    expect(Array.from(c.values[0])).toEqual([2, 0, 5]);
    expect(Array.from(c.values[1])).toEqual([30.5, 0, 12]);
  });
  it("treats text-only rows after the data as errors, not as headers", () => {
    const e = thrown(() => readNumberColumn([[1], ["abc"]], "survivors"));
    expect(e.detail).toMatchObject({ code: "notANumber", arg: "survivors", row: 2, value: "abc" });
  });
  it("refuses a blank cell in a row that has other values, naming argument and row", () => {
    const e = thrown(() =>
      readNumericColumns([
        ["frequency", [[1], [2]]],
        ["recency", [[1], [""]]],
      ])
    );
    expect(e.detail).toMatchObject({ code: "blankCell", arg: "recency", row: 2 });
  });
  it("refuses an error cell, naming argument, row and error", () => {
    const e = thrown(() => readNumberColumn([[1], [{ code: "#DIV/0!" }]], "T"));
    expect(e.detail).toMatchObject({
      code: "errorCell",
      arg: "T",
      row: 2,
      params: { error: "#DIV/0!" },
    });
  });
  it("refuses ranges of different lengths", () => {
    const e = thrown(() =>
      readNumericColumns([
        ["frequency", [[1], [2]]],
        ["recency", [[1]]],
      ])
    );
    expect(e.detail.code).toBe("sizeMismatch");
  });
});

describe("atSheetRow (errors name the sheet row, not the position among kept rows)", () => {
  const rows = Int32Array.of(2, 4, 5);
  it("rewrites the row of an error about the k-th kept value", () => {
    const e = thrown(() =>
      atSheetRow(rows, () => {
        throw new LtvError({
          kind: "badValue",
          code: "mustBeAtLeast",
          arg: "recency",
          row: 3,
          value: -1,
        });
      })
    );
    expect(e.detail).toMatchObject({ code: "mustBeAtLeast", arg: "recency", row: 5, value: -1 });
  });
  it("passes results, errors without a row and other exceptions through unchanged", () => {
    expect(atSheetRow(rows, () => 42)).toBe(42);
    const noRow = new LtvError({ kind: "badValue", code: "resultNotFinite", arg: "params" });
    expect(() =>
      atSheetRow(rows, () => {
        throw noRow;
      })
    ).toThrow(noRow);
    const outside = new LtvError({ kind: "badValue", code: "mustBeAbove", arg: "T", row: 9 });
    expect(
      thrown(() =>
        atSheetRow(rows, () => {
          throw outside;
        })
      ).detail.row
    ).toBe(9);
    const plain = new RangeError("x");
    expect(() =>
      atSheetRow(rows, () => {
        throw plain;
      })
    ).toThrow(plain);
  });
});
