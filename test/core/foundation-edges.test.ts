/**
 * The foundation's edge cases that the main tests leave out: odd signs and currencies, error cells of other
 * hosts, ranges that are neither column nor row, empty ledgers, non-finite inputs reaching the core directly, and
 * the English rendering of errors for logs. Each expected value is worked out by hand in the test's name or comment.
 */
import { badValue, LtvError, notEnoughData } from "../../src/core/errors";
import { observedDays, purchaseFrequency } from "../../src/core/frequency";
import { readAmount, parseAmountText } from "../../src/core/input/amount";
import { errorCellText, isBlank, isErrorCell, normalizeText } from "../../src/core/input/cells";
import { requireSameLength, toColumn } from "../../src/core/input/columns";
import { readLedger } from "../../src/core/ledger";
import { lifetimeValue, retentionPeriods } from "../../src/core/ltv";
import { averageOrderValue, countOrders, totalAmount } from "../../src/core/orders";
import { parsePeriodUnit } from "../../src/core/periods";

const code = (f: () => unknown): string | undefined => {
  try {
    f();
    return undefined;
  } catch (e) {
    if (!(e instanceof LtvError)) throw e;
    return e.detail.code;
  }
};

describe("amount text: one sign, one currency, strict grouping", () => {
  it("refuses two signs: (−500), (△500), −△500", () => {
    expect(parseAmountText("(-500)")).toBeUndefined();
    expect(parseAmountText("(△500)")).toBeUndefined();
    expect(parseAmountText("-△500")).toBeUndefined();
    expect(parseAmountText("+-500")).toBeUndefined();
  });
  it("refuses a currency on both sides and unknown symbols", () => {
    expect(parseAmountText("¥500円")).toBeUndefined();
    expect(parseAmountText("#500")).toBeUndefined();
    expect(parseAmountText("500kg")).toBeUndefined();
  });
  it("takes a minus after a leading symbol only once: ¥-500 is −500, -¥-500 and 500- are no amounts", () => {
    expect(parseAmountText("¥-500")).toBe(-500);
    expect(parseAmountText("-¥-500")).toBeUndefined();
    expect(parseAmountText("500-")).toBeUndefined();
  });
  it("refuses digits that overflow a double (400 nines) rather than returning Infinity", () => {
    expect(parseAmountText("9".repeat(400))).toBeUndefined();
    expect(readAmount("9".repeat(400))).toBeUndefined();
  });
  it("reads blank text as blank, and booleans and objects as no amount", () => {
    expect(parseAmountText("   ")).toBeUndefined();
    expect(readAmount("  ")).toBeNull();
    expect(readAmount(true)).toBeUndefined();
    expect(readAmount({})).toBeUndefined();
    expect(readAmount(-Infinity)).toBeUndefined();
  });
});

describe("cells", () => {
  it("names error cells by their code, adding # for hosts that omit it, else #ERROR", () => {
    expect(errorCellText({ code: "#N/A" })).toBe("#N/A");
    expect(errorCellText({ code: "DIV/0!" })).toBe("#DIV/0!");
    expect(errorCellText({ message: "x" })).toBe("#ERROR");
    expect(errorCellText({ code: 7 })).toBe("#ERROR");
  });
  it("treats null, undefined, empty and whitespace text as blank, and objects as errors", () => {
    for (const b of [null, undefined, "", " \t", "\u3000"]) expect(isBlank(b)).toBe(true);
    for (const v of [0, -0, false, "0", "x"]) expect(isBlank(v)).toBe(false);
    expect(isErrorCell({})).toBe(true);
    expect(isErrorCell(null)).toBe(false);
    expect(isErrorCell("#N/A")).toBe(false);
  });
  it("folds full-width text and dashes: －５００ → -500", () => {
    expect(normalizeText(" －５００ ")).toBe("-500");
    expect(normalizeText("\u2212500")).toBe("-500");
  });
});

describe("ranges as columns", () => {
  it("takes a single value, an empty range, a 1-D array, a column, a row and [[]] as one column", () => {
    expect(toColumn(5, "a")).toEqual([5]);
    expect(toColumn([], "a")).toEqual([]);
    expect(toColumn([1, 2], "a")).toEqual([1, 2]);
    expect(toColumn([[1], [2]], "a")).toEqual([1, 2]);
    expect(toColumn([[1, 2, 3]], "a")).toEqual([1, 2, 3]);
    expect(toColumn([[]], "a")).toEqual([]);
  });
  it("refuses 2-D ranges and ragged columns, saying rows × columns", () => {
    expect(
      code(() =>
        toColumn(
          [
            [1, 2],
            [3, 4],
          ],
          "amounts"
        )
      )
    ).toBe("notAColumn");
    expect(code(() => toColumn([[1], [2, 3]], "amounts"))).toBe("notAColumn");
    expect(code(() => toColumn([[1], 2], "amounts"))).toBe("notAColumn");
    try {
      toColumn(
        [
          [1, 2],
          [3, 4],
          [5, 6],
        ],
        "amounts"
      );
    } catch (e) {
      expect((e as LtvError).detail.params).toEqual({ rows: 3, columns: 2 });
    }
  });
  it("names both arguments and lengths when columns differ", () => {
    try {
      requireSameLength([
        ["customer_ids", [1, 2, 3]],
        ["order_dates", [1, 2]],
      ]);
      throw new Error("no error");
    } catch (e) {
      expect((e as LtvError).detail).toMatchObject({
        kind: "sizeMismatch",
        arg: "order_dates",
        params: { other: "customer_ids", rows: 2, otherRows: 3 },
      });
    }
  });
});

describe("orders, frequency and LTV on degenerate input", () => {
  it("a ledger without amounts totals 0; without dates spans 0 days", () => {
    const ledger = readLedger({ customers: ["A", "B"] });
    expect(totalAmount(ledger)).toBe(0);
    expect(observedDays(ledger)).toBe(0);
    expect(countOrders(ledger)).toBe(2);
  });
  it("the window runs from the earliest to the latest date in any order: 10, 3, 7 → 8 days", () => {
    expect(observedDays(readLedger({ dates: [10, 3, 7] }))).toBe(8);
    expect(observedDays(readLedger({ dates: [3, 10, 7] }))).toBe(8);
    // with customer ids the reading pass's totals answer, the same window whatever the row order
    const withIds = readLedger({ customers: ["A", "B", "A"], dates: [10, 3, 7] });
    expect(withIds.totals).toBeDefined();
    expect(observedDays(withIds)).toBe(8);
    // a ledger object rebuilt around other dates does not use totals gathered from the old ones
    expect(observedDays({ ...withIds, dates: new Float64Array([1, 2, 5]) })).toBe(5);
  });
  it("an empty ledger has no orders, no average and no frequency", () => {
    const empty = readLedger({ customers: [], dates: [], amounts: [] });
    expect(code(() => averageOrderValue(empty))).toBe("noOrders");
    expect(code(() => purchaseFrequency(empty, parsePeriodUnit("year", "year")))).toBe("noOrders");
  });
  it("returns exceeding sales leave no average order value", () => {
    expect(code(() => averageOrderValue(readLedger({ amounts: [100, -300] })))).toBe(
      "negativeTotal"
    );
  });
  it("refuses non-finite inputs that reach the core directly", () => {
    expect(code(() => lifetimeValue({ avgOrder: NaN, frequency: 1, periods: 1 }))).toBe(
      "notANumber"
    );
    expect(code(() => lifetimeValue({ avgOrder: 1, frequency: Infinity, periods: 1 }))).toBe(
      "notANumber"
    );
    expect(
      code(() => lifetimeValue({ avgOrder: 1, frequency: 1, periods: 1, discountRate: -0.1 }))
    ).toBe("mustBeAtLeast");
    expect(code(() => lifetimeValue({ avgOrder: 1e308, frequency: 1e308, periods: 1 }))).toBe(
      "resultNotFinite"
    );
    const year = parsePeriodUnit("year", "year");
    expect(code(() => retentionPeriods(NaN, year, year))).toBe("notANumber");
    expect(code(() => retentionPeriods(-1, year, year))).toBe("mustBeAtLeast");
  });
});

describe("errors", () => {
  it("render in English for logs: code, where, value and params", () => {
    expect(badValue("notAnAmount", { arg: "amounts", row: 3, value: "x" }).message).toBe(
      "notAnAmount (amounts, row 3) 'x'"
    );
    expect(notEnoughData("noOrders", { arg: "amounts" }).message).toBe("noOrders (amounts)");
    expect(
      new LtvError({ kind: "badValue", code: "mustBeAtMost", params: { limit: 1 } }).message
    ).toBe('mustBeAtMost {"limit":1}');
    expect(new LtvError({ kind: "badValue", code: "notANumber", row: 2 }).message).toBe(
      "notANumber (row 2)"
    );
    expect(badValue("notAnId").name).toBe("LtvError");
  });
});
