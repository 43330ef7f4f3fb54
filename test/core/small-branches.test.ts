/**
 * Small rules each checked once, side by side: the error constructors' defaults, the currency an amount column
 * names, a duration's refusals, and the ledger reader's order id 0 and malformed range rows.
 */
import { LtvError, notConverged, notEnoughData } from "../../src/core/errors";
import { currencyOfAmounts, defaultCurrency } from "../../src/core/input/currency";
import { readLedger } from "../../src/core/ledger";
import { namedUnit, parseDuration } from "../../src/core/periods";

const detailOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as LtvError).detail;
  }
  return undefined;
};

describe("small rules", () => {
  it("error constructors work without a location", () => {
    expect(notEnoughData("noOrders").detail).toEqual({ kind: "notEnoughData", code: "noOrders" });
    expect(notConverged("notConverged").detail).toEqual({
      kind: "notConverged",
      code: "notConverged",
    });
  });

  it("the currency of an amount column: its first sign, else the language's", () => {
    expect(currencyOfAmounts([800, "¥1,200"])).toBe("JPY");
    expect(currencyOfAmounts(["1,200円"])).toBe("JPY");
    expect(currencyOfAmounts([null, "$12.50"])).toBe("USD");
    expect(currencyOfAmounts(["12", 3])).toBeUndefined();
    expect(currencyOfAmounts([1, "$1"], 1)).toBeUndefined(); // only the first `limit` cells
    expect(defaultCurrency("ja")).toBe("JPY");
    expect(defaultCurrency("en")).toBe("USD");
  });

  it("a duration refuses an infinite number, zero and a text without a number", () => {
    const year = namedUnit("year");
    expect(detailOf(() => parseDuration(Infinity, year, "horizon"))).toMatchObject({
      code: "notANumber",
    });
    expect(detailOf(() => parseDuration(0, year, "horizon"))).toMatchObject({
      code: "mustBeAbove",
    });
    expect(detailOf(() => parseDuration("soon", year, "horizon"))).toMatchObject({
      code: "unknownPeriod",
    });
    expect(detailOf(() => parseDuration(null, year, "horizon"))).toMatchObject({
      code: "unknownPeriod",
    });
    expect(parseDuration(3, year, "horizon")).toEqual({ amount: 3, unit: year });
  });

  it("an order id 0 beside an amount is a blank order id; a malformed range row ends the numeric run", () => {
    expect(
      detailOf(() => readLedger({ customers: ["A", "A"], amounts: [1, 2], orders: ["o1", 0] }))
    ).toMatchObject({ code: "blankCell", arg: "order_ids", row: 2 });
    expect(
      detailOf(() => readLedger({ amounts: [[1], null as unknown as number[]] }))
    ).toMatchObject({ code: "notAColumn", arg: "amounts" });
  });
});
