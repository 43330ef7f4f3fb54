/**
 * Column detection's edge cases left out by the main header tests: headers that normalise to nothing, an
 * amount column whose header is exactly a date word, two columns naming the same role, and an order-number
 * column recognised from its content when there is no header. Expected mappings are read off the rows by hand.
 */
import {
  detectColumns,
  headerScore,
  normalizeHeader,
  roleOfHeader,
} from "../../../src/core/input/headers";

describe("header words", () => {
  it("a header of punctuation only names nothing: '・（）' normalises to ''", () => {
    expect(normalizeHeader("・（）")).toBe("");
    expect(headerScore("・（）", "customer")).toBe(0);
    expect(roleOfHeader("・（）")).toBeUndefined();
    expect(headerScore(12, "amount")).toBe(0);
  });
  it("an exact date word is never an amount: 日付 and 売上日 are dates", () => {
    expect(headerScore("日付", "amount")).toBe(0);
    expect(headerScore("日付", "date")).toBe(3);
    // a fragment match: '売上日' is exactly a date; '売上日付' contains 売上 (amount) and 日付 (date)
    expect(headerScore("売上日", "amount")).toBe(0);
    expect(roleOfHeader("売上日")).toBe("date");
  });
  it("an order header that looks like a date is a date: '注文日' is not an order number", () => {
    expect(headerScore("注文日", "order")).toBe(0);
    expect(roleOfHeader("注文番号")).toBe("order");
  });
});

describe("detectColumns", () => {
  it("two columns naming the same role: the better (then the leftmost) wins, the other is left alone", () => {
    const rows = [
      ["金額", "顧客ID", "売上金額", "購入日"],
      [1200, "C1", 1300, "2024/1/5"],
      [800, "C2", 900, "2024/1/6"],
    ];
    const d = detectColumns(rows);
    expect(d.hasHeader).toBe(true);
    // both 金額 and 売上金額 are exact amount words: the leftmost (column 0) takes the role
    expect(d.mapping).toMatchObject({ amount: 0, customer: 1, date: 3 });
    expect(Object.values(d.mapping)).not.toContain(2);
  });
  it("without a header, a column of distinct ids next to repeated customer ids is the order number", () => {
    const rows = [
      ["C1", "2024/1/5", "A-001", "¥1,200"],
      ["C1", "2024/1/9", "A-002", "¥800"],
      ["C2", "2024/2/1", "A-003", "¥1,500"],
      ["C2", "2024/2/3", "A-004", "¥700"],
      ["C3", "2024/3/1", "A-005", "¥2,000"],
    ];
    const d = detectColumns(rows);
    expect(d.hasHeader).toBe(false);
    expect(d.mapping).toEqual({ customer: 0, date: 1, order: 2, amount: 3 });
    expect(d.how.order).toBe("content");
  });
  it("with a header, an unnamed column is not guessed to be the order number", () => {
    const rows = [
      ["顧客ID", "購入日", "メモ", "金額"],
      ["C1", "2024/1/5", "A-001", 1200],
      ["C2", "2024/1/9", "A-002", 800],
    ];
    expect(detectColumns(rows).mapping.order).toBeUndefined();
  });
  it("an empty block maps nothing", () => {
    expect(detectColumns([])).toEqual({ mapping: {}, hasHeader: false, how: {} });
  });
});
