/**
 * CUSTOMER_VALUE, PAYBACK_PERIOD and COHORT_TABLE's "ltv" measure as Excel calls them: values equal the core's,
 * headers and segment names in the user's language, and every error in words.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { cohortValueTable } from "../../src/core/cohort-value";
import { customerValueList } from "../../src/core/customer-value";
import { readLedger } from "../../src/core/ledger";
import { namedUnit } from "../../src/core/periods";
import { COHORT_TABLE } from "../../src/functions/analytics";
import { CUSTOMER_VALUE, PAYBACK_PERIOD } from "../../src/functions/customer-value";
import { setLanguage } from "../../src/i18n/language";
import { col, expectError, isError } from "./excel-values";

afterEach(() => setLanguage(undefined));

const lines = readFileSync(join(__dirname, "../../demo/sample-ledger.csv"), "utf8")
  .replace(/^\uFEFF/, "")
  .trim()
  .split(/\r?\n/)
  .map((l) => l.split(","));
const column = (k: number) => lines.map((l) => [l[k]]);
const ids = column(0);
const dates = column(1);
const amounts = column(2);
const orders = column(3);
const flat = (c: string[][]) => c.map((r) => r[0]);
const demo = () =>
  readLedger({
    customers: flat(ids),
    dates: flat(dates),
    amounts: flat(amounts),
    orders: flat(orders),
  });

type Table = (string | number)[][];

describe("CUSTOMER_VALUE", () => {
  it("spills the core's list, sorted by rank, with a header; one year ahead in months by default", () => {
    setLanguage("en");
    const out = CUSTOMER_VALUE(
      ids,
      dates,
      amounts,
      undefined,
      undefined,
      undefined,
      orders
    ) as Table;
    const list = customerValueList(demo(), { period: namedUnit("month"), horizon: 12 });
    expect(out[0]).toEqual([
      "customer",
      "probability still active",
      "expected purchases",
      "expected revenue",
      "rank",
      "segment",
    ]);
    expect(out).toHaveLength(list.rows.length + 1);
    const names = {
      best: "Best",
      followUp: "Follow up",
      regular: "Regular",
      dormant: "Dormant",
      new: "New",
    };
    list.rows.forEach((r, i) =>
      expect(out[i + 1]).toEqual([
        r.customer,
        r.pAlive,
        r.purchases,
        r.revenue,
        r.rank,
        names[r.segment],
      ])
    );
  });

  it("in Japanese: the header and the segments", () => {
    setLanguage("ja");
    const out = CUSTOMER_VALUE(ids, dates, amounts, "1年") as Table;
    expect(out[0]).toEqual([
      "顧客ID",
      "継続している確率",
      "期待購入回数",
      "期待売上",
      "順位",
      "セグメント",
    ]);
    const segments = new Set(out.slice(1).map((r) => r[5]));
    for (const s of segments) expect(["優良", "要フォロー", "通常", "休眠", "新規"]).toContain(s);
    expect(segments.has("優良")).toBe(true);
  });

  it("a horizon as text or as periods, and a calibration end as a date", () => {
    const a = CUSTOMER_VALUE(ids, dates, amounts, "26w", "month", "2024/9/30") as Table;
    const b = CUSTOMER_VALUE(ids, dates, amounts, 26, "week", "2024-09-30") as Table;
    // the same list (the "new" window differs: a month vs a week)
    expect(a.slice(1).map((r) => r.slice(0, 5))).toEqual(b.slice(1).map((r) => r.slice(0, 5)));
    const last = CUSTOMER_VALUE(ids, dates, amounts) as Table;
    expect(a.length).toBeLessThan(last.length); // customers acquired later are not in the list
  });

  it("numeric customer ids come back as numbers", () => {
    const out = CUSTOMER_VALUE(
      col(1, 1, 2, 2, 3, 3, 4),
      col(45000, 45030, 45010, 45050, 45020, 45070, 45080),
      col(10, 20, 30, 40, 50, 60, 70)
    ) as Table;
    expect(out.slice(1).every((r) => typeof r[0] === "number")).toBe(true);
  });

  it("errors: a bad horizon, calibration end or period; no repeat purchase", () => {
    expectError(CUSTOMER_VALUE(ids, dates, amounts, 0), "#VALUE!", "horizon");
    expectError(CUSTOMER_VALUE(ids, dates, amounts, 2000), "#VALUE!", "horizon");
    expectError(CUSTOMER_VALUE(ids, dates, amounts, undefined, "fortnight"), "#VALUE!", "period");
    expectError(CUSTOMER_VALUE(ids, dates, amounts, undefined, undefined, "someday"), "#VALUE!");
    expectError(
      CUSTOMER_VALUE(col("A", "B"), col(45000, 45001), col(10, 20)),
      "#N/A",
      "second time"
    );
  });
});

describe("PAYBACK_PERIOD", () => {
  it("the first period at which a row (or column) reaches the cost; reached exactly counts", () => {
    expect(PAYBACK_PERIOD([[900, 1150, 1300]], 1000)).toEqual([[1]]);
    expect(PAYBACK_PERIOD(col(900, 1150, 1300), 1150)).toEqual([[1]]);
    expect(PAYBACK_PERIOD([[900, 1150, "", ""]], 900)).toEqual([[0]]);
    expect(PAYBACK_PERIOD([["¥900", "1,150円"]], "¥1,000")).toEqual([[1]]);
    expect(PAYBACK_PERIOD(500 as unknown as unknown[][], 400)).toEqual([[0]]);
  });

  it("#N/A, with how far it got, when a single row has not reached the cost", () => {
    setLanguage("en");
    expectError(PAYBACK_PERIOD([[900, 1150, ""]], 2000), "#N/A", "2000", "2 periods", "1150");
    setLanguage("ja");
    expectError(PAYBACK_PERIOD([[900, 1150, ""]], 2000), "#N/A", "まだ回収できていません");
    expectError(PAYBACK_PERIOD([["", ""]], 1), "#N/A", "—");
  });

  it("several rows: one answer per row, blank where not reached", () => {
    expect(
      PAYBACK_PERIOD(
        [
          [100, 300, 600],
          [50, 90, ""],
          [500, "", ""],
        ],
        300
      )
    ).toEqual([[1], [""], [0]]);
  });

  it("errors: text, error cells, a negative or missing cost", () => {
    expectError(PAYBACK_PERIOD([["2024-01", 100, 200]], 50), "#VALUE!", "2024-01");
    expectError(PAYBACK_PERIOD([[100, { type: "Error" }]], 50), "#VALUE!");
    expectError(PAYBACK_PERIOD([[100, 200]], -1), "#VALUE!", "acquisition_cost");
    expectError(PAYBACK_PERIOD([[100, 200]], undefined), "#VALUE!", "acquisition_cost");
  });
});

describe('COHORT_TABLE(…, "ltv", amounts)', () => {
  it("cumulative revenue per acquired customer by cohort, equal to the core's", () => {
    setLanguage("en");
    const out = COHORT_TABLE(ids, dates, "month", "ltv", amounts) as Table;
    const t = cohortValueTable(
      readLedger({ customers: flat(ids), dates: flat(dates), amounts: flat(amounts) }),
      namedUnit("month")
    );
    expect(out[0]).toEqual([
      "cohort",
      "customers",
      ...Array.from({ length: t.periods }, (_, k) => k),
    ]);
    t.rows.forEach((r, i) =>
      expect(out[i + 1]).toEqual([
        r.label,
        r.customers,
        ...r.values.map((v) => (v === null ? "" : v)),
      ])
    );
    // a cohort's row rises: cumulative
    const first = out[1].slice(2).filter((v) => v !== "") as number[];
    for (let k = 1; k < first.length; k++) expect(first[k]).toBeGreaterThanOrEqual(first[k - 1]);
    // Japanese words for the measure
    expect(COHORT_TABLE(ids, dates, "month", "累積", amounts)).toEqual(out);
  });

  it("margin and groups; PAYBACK_PERIOD reads its rows", () => {
    setLanguage("ja");
    const channel = ids.map((r, i) => [
      i === 0 ? "チャネル" : Number(r[0].slice(1)) % 2 ? "広告" : "",
    ]);
    const out = COHORT_TABLE(ids, dates, "quarter", "ltv", amounts, 0.4, channel) as Table;
    expect(out[0].slice(0, 3)).toEqual(["グループ", "コホート", "顧客数"]);
    const groups = new Set(out.slice(1).map((r) => r[0]));
    expect([...groups].sort()).toEqual(["広告", "（空白）"].sort());
    const plain = COHORT_TABLE(ids, dates, "quarter", "ltv", amounts) as Table;
    // everyone of a cohort in one of the two groups: the cohort's value is the groups' weighted mean
    const cohort = plain[1][0];
    const parts = out.filter((r) => r[1] === cohort);
    const n = parts.reduce((s, r) => s + (r[2] as number), 0);
    expect(n).toBe(plain[1][1]);
    const mixed = parts.reduce((s, r) => s + (r[2] as number) * (r[3] as number), 0) / n;
    expect(mixed).toBeCloseTo(0.4 * (plain[1][2] as number), 8);
    const payback = PAYBACK_PERIOD(
      out.slice(1).map((r) => r.slice(3)),
      3000
    ) as Table;
    expect(payback).toHaveLength(out.length - 1);
    expect(payback.every((r) => r[0] === "" || typeof r[0] === "number")).toBe(true);
  });

  it("errors: no amounts, a bad margin, a group column of another size, an unknown measure", () => {
    setLanguage("en");
    expectError(COHORT_TABLE(ids, dates, "month", "ltv"), "#VALUE!", "amounts");
    expectError(COHORT_TABLE(ids, dates, "month", "ltv", amounts, 2), "#VALUE!", "gross_margin");
    expectError(
      COHORT_TABLE(ids, dates, "month", "ltv", amounts, undefined, col("a", "b")),
      "#VALUE!",
      "group"
    );
    const e = COHORT_TABLE(ids, dates, "month", "lifetime", amounts);
    expect(isError(e)).toBe(true);
    expectError(e, "#VALUE!", "ltv");
  });
});
