import { AVG_ORDER, FREQ, LTV, RETENTION_PERIODS } from "../../src/functions/foundation";
import { setLanguage } from "../../src/i18n/language";
import { col, expectError } from "./excel-values";

afterEach(() => setLanguage(undefined));

describe("LTV", () => {
  it("answers the seed's example, with optional arguments omitted or blank", () => {
    expect(LTV(415, 12, 12, 5000)).toBe(54760);
    expect(LTV(415, 12, 12, 5000, "", null, undefined)).toBe(54760);
    expect(LTV("¥415", "１２", [[12]], "5,000円")).toBe(54760);
    expect(LTV(415, 12, 12, 0, 0, "40%")).toBeCloseTo(0.4 * 415 * 144, 9);
  });
  it("returns #VALUE! with a message naming the argument for bad input", () => {
    expectError(LTV("abc", 12, 12), "#VALUE!", "avg_order", "'abc'", "not a number");
    expectError(LTV(415, 12, 12, -5), "#VALUE!", "acquisition_cost", "at least 0");
    expectError(LTV(415, 12, 12, 0, 0, 1.2), "#VALUE!", "gross_margin", "at most 1");
    expectError(LTV(415, 12, ""), "#VALUE!", "periods", "blank");
    expectError(LTV(415, true, 12), "#VALUE!", "frequency");
    expectError(LTV(415, 12, [[1, 2]]), "#VALUE!", "periods", "single value");
    expectError(LTV(1e200, 1e200, 1e10), "#VALUE!", "too large");
    // an #N/A input propagates as #N/A (as through any Excel formula), with the argument named
    expectError(
      LTV(415, new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable), 12),
      "#N/A",
      "frequency",
      "#N/A"
    );
  });
  it("speaks Japanese to Japanese users", () => {
    setLanguage("ja");
    expectError(LTV("abc", 12, 12), "#VALUE!", "平均購入単価", "「abc」は数値ではありません");
  });
});

describe("AVG_ORDER", () => {
  it("averages a column, a whole column with a header and blanks, and text amounts", () => {
    expect(AVG_ORDER(col(340, 490, 340, 490))).toBe(415);
    const whole: unknown[][] = col("金額", "¥340", "490円", "", "３４０", 490);
    for (let i = 0; i < 10000; i++) whole.push([null]);
    expect(AVG_ORDER(whole as never)).toBe(415);
    expect(AVG_ORDER([[340, 490, 340, 490]])).toBe(415);
  });
  it("groups line items by order number", () => {
    expect(AVG_ORDER(col(300, 200, -100, 400), col("A1", "A1", "A1", "A2"))).toBe(400);
  });
  it("explains every bad input", () => {
    expectError(
      AVG_ORDER(col(100, "¥1,2x0")),
      "#VALUE!",
      "amounts, row 2",
      "'¥1,2x0' is not an amount"
    );
    expectError(
      AVG_ORDER(col(100, 200), col("A")),
      "#VALUE!",
      "order_ids has 1 rows but amounts has 2"
    );
    expectError(AVG_ORDER(col(100, -300)), "#VALUE!", "negative");
    expectError(AVG_ORDER(col("金額", "")), "#N/A", "no orders");
    expectError(
      AVG_ORDER([
        [1, 2],
        [3, 4],
      ]),
      "#VALUE!",
      "single column"
    );
    setLanguage("ja");
    expectError(
      AVG_ORDER(col(100, "¥1,2x0")),
      "#VALUE!",
      "金額（2行目）",
      "「¥1,2x0」は金額として読めません"
    );
  });
});

describe("FREQ", () => {
  const ids = col("顧客ID", "A", "B", "A", "B");
  const dates = col("購入日", "2024/1/1", 45400, "2024年6月1日", "2024-12-31");
  it('method "window": orders per customer per period of the whole window, in any unit', () => {
    expect(FREQ(ids, dates, undefined, undefined, "window")).toBeCloseTo(2 / (366 / 365.25), 12);
    expect(FREQ(ids, dates, "quarter", undefined, "window")).toBeCloseTo(2 / (366 / 91.3125), 12);
    expect(FREQ(ids, dates, "四半期", undefined, "期間全体")).toBeCloseTo(2 / (366 / 91.3125), 12);
    expect(FREQ(ids, dates, 30, undefined, "window")).toBeCloseTo(2 / (366 / 30), 12);
    // line items: A's two rows share order o1, so 3 orders for 2 customers
    const items = col("顧客ID", "A", "A", "B", "B");
    expect(
      FREQ(items, dates, "year", col("注文番号", "o1", "o1", "o2", "o3"), "window")
    ).toBeCloseTo(3 / 2 / (366 / 365.25), 12);
  });
  it('method "active" (the default): purchases per period while a customer is active, above the window figure', () => {
    // A buys 2024/1/1 and 2024/6/1; B 2024/4/18 and 2024/12/31: nobody is seen stopping, so the rate is the
    // repeat purchases over the time each customer has been observed since the first: 2 / (366 + 257) days
    const active = FREQ(ids, dates) as number;
    expect(active).toBeCloseTo(FREQ(ids, dates, undefined, undefined, "active") as number, 12);
    expect(active).toBeCloseTo(2 / ((366 + 257) / 365.25), 2);
    // the unit converts the number, not the estimate
    expect(FREQ(ids, dates, "quarter") as number).toBeCloseTo(active / 4, 12);
    expect(FREQ(ids, dates, "月", undefined, "継続中") as number).toBeCloseTo(active / 12, 12);
    expectError(
      FREQ(ids, dates, "year", undefined, "lifetime"),
      "#VALUE!",
      "method",
      "active, window"
    );
  });
  it("explains every bad input", () => {
    expectError(FREQ(ids, dates, "fortnight"), "#VALUE!", "period", "'fortnight' is not a period");
    expectError(
      FREQ(ids, col("購入日", "2024/1/1", "1/5/2024", "", "")),
      "#VALUE!",
      "order_dates, row 3",
      "not a date"
    );
    expectError(
      FREQ(col("A", "B"), col(45292)),
      "#VALUE!",
      "order_dates has 1 rows but customer_ids has 2"
    );
    expectError(FREQ(col("A", "B"), col(45292, 45293), 0), "#VALUE!", "greater than 0");
    expectError(
      FREQ(col("A", "B"), col(45292, 45293), "year", col("o1", "o1")),
      "#VALUE!",
      "two customers"
    );
    expectError(FREQ(col(""), col("")), "#N/A");
  });
});

describe("RETENTION_PERIODS", () => {
  it("converts lifespans between units", () => {
    expect(RETENTION_PERIODS(3, "year", "quarter")).toBe(12);
    expect(RETENTION_PERIODS(18, "month", "quarter")).toBe(6);
    expect(RETENTION_PERIODS(3)).toBe(3);
    expect(RETENTION_PERIODS(2, "年", "月")).toBe(24);
    expect(RETENTION_PERIODS(365.25, 1, "year")).toBe(1);
  });
  it("explains bad input", () => {
    expectError(RETENTION_PERIODS(-1), "#VALUE!", "lifespan", "at least 0");
    expectError(RETENTION_PERIODS(3, "decade"), "#VALUE!", "lifespan_unit", "'decade'");
    expectError(RETENTION_PERIODS("three"), "#VALUE!", "lifespan");
  });
});
