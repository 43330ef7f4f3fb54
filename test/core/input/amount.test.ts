import { parseAmountText, readAmount } from "../../../src/core/input/amount";
import { readNumber } from "../../../src/core/input/number";
import { readLedger } from "../../../src/core/ledger";

describe("reading amounts", () => {
  it.each([
    ["1200", 1200],
    ["1,200", 1200],
    ["¥1,200", 1200],
    ["￥１，２００", 1200],
    ["1,200円", 1200],
    ["1,200 円", 1200],
    ["$35.10", 35.1],
    ["35.10 USD", 35.1],
    ["-500", -500],
    ["−500", -500],
    ["¥-500", -500],
    ["(500)", -500],
    ["△500", -500],
    ["▲1,000", -1000],
    ["+42", 42],
    ["0.5", 0.5],
    [".5", 0.5],
    ["１２３４５６７", 1234567],
    ["1,234,567.89", 1234567.89],
  ])("reads %s as %d", (text, expected) => {
    expect(parseAmountText(text)).toBeCloseTo(expected, 10);
  });

  it.each([
    "1,2x0",
    "¥1,2x0",
    "1,20",
    "12,34,567",
    "abc",
    "金額",
    "1.2.3",
    "¥",
    "円",
    "¥$5",
    "5 apples",
    "--5",
    "",
  ])("refuses %j rather than guessing", (text) => {
    expect(parseAmountText(text)).toBeUndefined();
  });

  it("passes finite numbers through, calls blanks blank, and refuses booleans, errors and infinities", () => {
    expect(readAmount(415)).toBe(415);
    expect(readAmount(-0)).toBe(-0);
    expect(readAmount(null)).toBeNull();
    expect(readAmount("")).toBeNull();
    expect(readAmount("   ")).toBeNull();
    expect(readAmount(undefined)).toBeNull();
    expect(readAmount(true)).toBeUndefined();
    expect(readAmount({ code: "#N/A" })).toBeUndefined();
    expect(readAmount(Infinity)).toBeUndefined();
    expect(readAmount(NaN)).toBeUndefined();
  });
});

describe("the yen sign as Japanese files and fonts carry it", () => {
  it.each([
    ["\\5,400", 5400], // Shift_JIS 0x5C decoded, or typed in Japanese Excel where it shows as ¥5,400
    ["￥5,400", 5400],
    ["￥５，４００", 5400],
    ["\\ 5,400", 5400],
    ["\\-500", -500],
    ["(\\500)", -500],
  ])("%s → %d, as text in a cell and through readNumber", (text, value) => {
    expect(parseAmountText(text)).toBe(value);
    expect(readAmount(text)).toBe(value);
    expect(readNumber(text)).toBe(value);
  });

  it.each(["5,400\\", "\\\\5", "\\5,40", "\\"])("%s is no amount", (text) => {
    expect(parseAmountText(text)).toBeUndefined();
  });

  it("a ledger column of backslash-yen amounts reads whole", () => {
    const ledger = readLedger({ amounts: [["金額"], ["\\5,400"], ["￥1,200"], ["\\300"]] });
    expect([...(ledger.amounts as Float64Array)]).toEqual([5400, 1200, 300]);
  });
});
