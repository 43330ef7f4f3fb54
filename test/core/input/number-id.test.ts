import { readId } from "../../../src/core/input/id";
import { readNumber } from "../../../src/core/input/number";
import { toColumn, requireSameLength } from "../../../src/core/input/columns";
import { LtvError } from "../../../src/core/errors";

describe("reading plain numbers", () => {
  it("reads numbers, numeric text, amounts and percentages", () => {
    expect(readNumber(0.4)).toBe(0.4);
    expect(readNumber("0.4")).toBe(0.4);
    expect(readNumber("40%")).toBeCloseTo(0.4, 15);
    expect(readNumber("４０％")).toBeCloseTo(0.4, 15);
    expect(readNumber("¥5,000")).toBe(5000);
    expect(readNumber("1e3")).toBe(1000);
    expect(readNumber("-2")).toBe(-2);
  });
  it("refuses what is no number", () => {
    expect(readNumber("abc")).toBeUndefined();
    expect(readNumber("%")).toBeUndefined();
    expect(readNumber(true)).toBeUndefined();
    expect(readNumber(Infinity)).toBeUndefined();
    expect(readNumber("1e999")).toBeUndefined();
    expect(readNumber("")).toBeNull();
    expect(readNumber(null)).toBeNull();
  });
});

describe("reading ids", () => {
  it("folds full-width text and treats a number and its text as one id", () => {
    expect(readId("Ａ００１")).toBe("A001");
    expect(readId(" A001 ")).toBe("A001");
    expect(readId(1001)).toBe(readId("1001"));
    expect(readId("山田商店")).toBe("山田商店");
  });
  it("calls blanks blank and refuses booleans, errors and NaN", () => {
    expect(readId("")).toBeNull();
    expect(readId(null)).toBeNull();
    expect(readId(false)).toBeUndefined();
    expect(readId({ code: "#REF!" })).toBeUndefined();
    expect(readId(NaN)).toBeUndefined();
  });
});

describe("ranges as columns", () => {
  it("accepts columns, rows and single values", () => {
    expect(toColumn([[1], [2], [3]], "x")).toEqual([1, 2, 3]);
    expect(toColumn([[1, 2, 3]], "x")).toEqual([1, 2, 3]);
    expect(toColumn(5, "x")).toEqual([5]);
    expect(toColumn([], "x")).toEqual([]);
  });
  it("refuses a block of several rows and columns, naming the argument", () => {
    expect(() =>
      toColumn(
        [
          [1, 2],
          [3, 4],
        ],
        "amounts"
      )
    ).toThrow(LtvError);
    try {
      toColumn(
        [
          [1, 2],
          [3, 4],
        ],
        "amounts"
      );
    } catch (e) {
      expect((e as LtvError).detail).toMatchObject({
        code: "notAColumn",
        arg: "amounts",
        params: { rows: 2, columns: 2 },
      });
    }
  });
  it("refuses columns of different lengths", () => {
    expect(() =>
      requireSameLength([
        ["a", [1, 2]],
        ["b", [1]],
      ])
    ).toThrow(/sizeMismatch/);
  });
});
