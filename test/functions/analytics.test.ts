/**
 * The analytics custom functions as Excel calls them: 2-D ranges with a header, blank rows, text amounts;
 * spilled tables with a header row and "" for cells not yet observable; errors with messages (en/ja).
 */
import {
  CAC_PAYBACK,
  CHURN_RATE,
  COHORT_TABLE,
  CUSTOMER_SUMMARY,
  LTV_CAC,
  LTV_CHURN,
  MAX_CAC,
  RETENTION_CURVE,
} from "../../src/functions/analytics";
import { setLanguage } from "../../src/i18n/language";
import { col, expectError } from "./excel-values";

afterEach(() => setLanguage(undefined));

// A ledger as a sheet holds it: a header, a blank row, text dates and amounts, whole-column blanks at the end.
const ids = col("顧客ID", "A", "B", "", "A", "C", "A", "", "");
const dates = col(
  "購入日",
  "2024/1/5",
  "2024/1/20",
  "",
  45325,
  "2024年2月29日",
  "2024/3/31",
  null,
  ""
);
const amounts = col("金額", "¥1,200", 800, "", "1,000円", 500, 300, "", null);

describe("CUSTOMER_SUMMARY", () => {
  it("spills one line per customer under a header row, and names the bad cell otherwise", () => {
    setLanguage("en");
    expect(CUSTOMER_SUMMARY(ids, dates, amounts)).toEqual([
      ["customer", "first order", "last order", "orders", "revenue", "average order"],
      ["A", 45296, 45382, 3, 2500, 2500 / 3],
      ["B", 45311, 45311, 1, 800, 800],
      ["C", 45351, 45351, 1, 500, 500],
    ]);
    expectError(
      CUSTOMER_SUMMARY(col("A", "B"), col(45296, "soon"), col(1, 2)),
      "#VALUE!",
      "order_dates",
      "row 2",
      "'soon'"
    );
    expectError(CUSTOMER_SUMMARY(col("A", "B"), col(45296), col(1, 2)), "#VALUE!", "order_dates");
  });
  it("writes its header in Japanese for Japanese users", () => {
    setLanguage("ja");
    expect((CUSTOMER_SUMMARY(ids, dates, amounts) as unknown[][])[0]).toEqual([
      "顧客ID",
      "初回購入日",
      "最終購入日",
      "注文数",
      "売上",
      "平均購入単価",
    ]);
  });
});

describe("RETENTION_CURVE", () => {
  it("spills periods since first purchase, retention and customers observed (months by default)", () => {
    setLanguage("en");
    // A: Jan, Feb, Mar; B: Jan; C: Feb. Ends 2024-03-31, so March has been observed.
    expect(RETENTION_CURVE(ids, dates)).toEqual([
      ["periods since first purchase", "retention", "customers observed"],
      [0, 1, 3],
      [1, 1 / 3, 3],
      [2, 0.5, 2],
    ]);
    expectError(RETENTION_CURVE(ids, dates, "fortnight"), "#VALUE!", "period", "'fortnight'");
    expectError(RETENTION_CURVE(col("A"), col("2024/1/5")), "#N/A");
  });
});

describe("COHORT_TABLE", () => {
  it("spills the cohort matrix with blanks where a period has not been observed yet", () => {
    setLanguage("en");
    expect(COHORT_TABLE(ids, dates)).toEqual([
      ["cohort", "customers", 0, 1, 2],
      ["2024-01", 2, 2, 1, 1],
      ["2024-02", 1, 1, 0, ""],
    ]);
    expect(COHORT_TABLE(ids, dates, "month", "継続率")).toEqual([
      ["cohort", "customers", 0, 1, 2],
      ["2024-01", 2, 1, 0.5, 0.5],
      ["2024-02", 1, 1, 0, ""],
    ]);
    expect(COHORT_TABLE(ids, dates, "quarter", "revenue", amounts)).toEqual([
      ["cohort", "customers", 0],
      ["2024-Q1", 3, 3800],
    ]);
  });
  it("explains a missing amounts range, an unknown measure and a table too wide for a sheet", () => {
    setLanguage("en");
    expectError(COHORT_TABLE(ids, dates, "month", "revenue"), "#VALUE!", "amounts", "revenue");
    expectError(
      COHORT_TABLE(ids, dates, "month", "profit"),
      "#VALUE!",
      "measure",
      "'profit'",
      "customers, retention, revenue"
    );
    expectError(
      COHORT_TABLE(col("A", "A"), col("1950/1/1", "2024/1/1"), "day"),
      "#VALUE!",
      "period",
      "more than a sheet"
    );
    setLanguage("ja");
    expectError(COHORT_TABLE(ids, dates, "month", "revenue"), "#VALUE!", "金額");
  });
});

describe("CHURN_RATE", () => {
  it("averages month-to-month churn weighted by active customers", () => {
    // Jan: A, B active, A again in Feb → 1 of 2 churn; Feb: A, C active, only A in Mar → 1 of 2
    expect(CHURN_RATE(ids, dates)).toBe(0.5);
    expect(CHURN_RATE(ids, dates, "月")).toBe(0.5);
    expectError(CHURN_RATE(ids, dates, "year"), "#N/A");
  });
});

describe("sizes bounded before the work (found by the quality fuzzer)", () => {
  const two = col("C1", "C2");
  const same = col("C1", "C1");
  const span = col(1, 2958465); // 1900-01-01 … 9999-12-31
  const quick = <T>(f: () => T): T => {
    const started = performance.now();
    const r = f();
    expect(performance.now() - started).toBeLessThan(500);
    return r;
  };

  it("COHORT_TABLE refuses a table of tens of millions of cells from two rows, in words, at once", () => {
    setLanguage("en");
    expectError(
      quick(() => COHORT_TABLE(two, col(19970101, 2958465), "年")),
      "#VALUE!",
      "8004 rows × 8005 columns",
      "2097152 cells",
      "1997-01-01",
      "9999-12-31",
      "longer period"
    );
    expectError(
      quick(() => COHORT_TABLE(two, col(35000, 45000), "day")),
      "#VALUE!",
      "10002 rows × 10003 columns"
    );
    expectError(
      quick(() => COHORT_TABLE(two, span, "day")),
      "#VALUE!",
      "period",
      "more than a sheet can show (1048575)"
    );
    setLanguage("ja");
    expectError(
      quick(() => COHORT_TABLE(two, col(35000, 45000), "day")),
      "#VALUE!",
      "2097152 セル"
    );
  });

  it("RETENTION_CURVE never spills more rows than a sheet has", () => {
    setLanguage("en");
    expectError(
      quick(() => RETENTION_CURVE(same, span, "day")),
      "#VALUE!",
      "period",
      "2958465 periods",
      "1900-01-01",
      "9999-12-31"
    );
    const curve = RETENTION_CURVE(same, span, "month") as unknown[][];
    expect(curve).toHaveLength(97_201);
  });

  it("CHURN_RATE answers in milliseconds over 8,000 years of days (empty periods are not visited)", () => {
    expect(quick(() => CHURN_RATE(same, span, "day"))).toBe(1);
    const ids18 = col(...Array.from({ length: 16 }, (_, i) => `C${i % 5}`), "C1", "C2");
    const dates18 = col(...Array.from({ length: 16 }, (_, i) => 45002 + i * 50), 19970101, 2958465);
    expect(quick(() => CHURN_RATE(ids18, dates18, "d"))).toBe(1);
    expectError(
      quick(() => RETENTION_CURVE(ids18, dates18, "d")),
      "#VALUE!",
      "1997-01-01"
    );
  });

  it("a period shorter than a day is refused by name (not 'needs at least 1 values, got 0')", () => {
    setLanguage("en");
    for (const r of [
      RETENTION_CURVE(same, span, "0.001"),
      COHORT_TABLE(two, span, "0.001"),
      CHURN_RATE(same, span, "0.001"),
    ]) {
      expectError(r, "#VALUE!", "period", "0.001 days is shorter than a day");
    }
    setLanguage("ja");
    expectError(
      quick(() => RETENTION_CURVE(same, span, "0.001")),
      "#VALUE!",
      "1日より短い"
    );
  });
});

describe("LTV_CHURN, LTV_CAC, MAX_CAC, CAC_PAYBACK", () => {
  it("compute the closed forms with optional arguments and percentages", () => {
    expect(LTV_CHURN(1000, 0.25)).toBe(4000);
    expect(LTV_CHURN(1000, "25%", "", "")).toBe(4000);
    expect(LTV_CHURN("¥1,000", 0.05, 0.01, 5000)).toBeCloseTo(1010 / 0.06 - 5000, 9);
    expect(LTV_CAC(15000, 5000)).toBe(3);
    expect(MAX_CAC(15000)).toBe(5000);
    expect(MAX_CAC(15000, 1)).toBe(15000);
    expect(CAC_PAYBACK(5000, 1200)).toBeCloseTo(4.1667, 4);
  });
  it("say why a lifetime would be infinite, and refuse bad rates", () => {
    setLanguage("en");
    expectError(LTV_CHURN(1000, 0), "#VALUE!", "churn_rate", "infinite");
    expectError(LTV_CHURN(1000, 1.2), "#VALUE!", "churn_rate", "at most 1");
    expectError(LTV_CAC(15000, 0), "#VALUE!", "acquisition_cost", "greater than 0");
    expectError(MAX_CAC(15000, -3), "#VALUE!", "target_ratio");
    expectError(CAC_PAYBACK(5000, 0), "#VALUE!", "margin_per_period");
    setLanguage("ja");
    expectError(LTV_CHURN(1000, 0), "#VALUE!", "離脱率", "無限大");
  });
});
