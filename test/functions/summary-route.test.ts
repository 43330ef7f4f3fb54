/**
 * LEDGER_LTV_SUMMARY, CUSTOMER_VALUE_SUMMARY and CLV_SUMMARY_FROM as Excel calls them: on the demo ledger's
 * customer summary they give what LEDGER_LTV, CUSTOMER_VALUE and CLV_SUMMARY give on the ledger itself, and bad
 * summaries are explained in words, in English and Japanese.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { readLedger } from "../../src/core/ledger";
import { ledgerCustomerSummary } from "../../src/core/summary-route";
import { CUSTOMER_VALUE } from "../../src/functions/customer-value";
import { CUSTOMER_VALUE_SUMMARY } from "../../src/functions/customer-value";
import { LEDGER_LTV, LEDGER_LTV_SUMMARY } from "../../src/functions/ledger-value";
import { CLV_SUMMARY, CLV_SUMMARY_FROM } from "../../src/functions/models";
import { setLanguage } from "../../src/i18n/language";
import { LEDGER_LTV_ROWS } from "../../src/i18n/ledger-value";
import { expectError, isError } from "./excel-values";

afterEach(() => setLanguage(undefined));

type Table = (string | number)[][];

const lines = readFileSync(join(__dirname, "../../demo/sample-ledger.csv"), "utf8")
  .replace(/^\uFEFF/, "")
  .trim()
  .split(/\r?\n/)
  .map((l) => l.split(","));
const column = (k: number) => lines.map((l) => [l[k]]);
const ids = column(0);
const dates = column(1);
const amounts = column(2);

const ledger = readLedger({
  customers: lines.map((l) => l[0]),
  dates: lines.map((l) => l[1]),
  amounts: lines.map((l) => l[2]),
});
const t = ledgerCustomerSummary(ledger);
/** The summary as a warehouse returns it: a header, serial dates, blank average spend for one-time buyers. */
const summary: unknown[][] = [
  [
    "customer",
    "first_purchase",
    "last_purchase",
    "repeat_purchases",
    "avg_repeat_spend",
    "first_amount",
  ],
  ...t.customers.map((c, i) => [
    c,
    t.first[i],
    t.last[i],
    t.repeats[i],
    t.repeats[i] === 0 ? "" : (t.avgRepeat as Float64Array)[i],
    (t.firstAmount as Float64Array)[i],
  ]),
];

const close = (a: unknown, b: unknown) => {
  if (typeof a === "number" && typeof b === "number")
    expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));
  else expect(a).toBe(b);
};

describe("the summary functions equal the ledger functions on the same data", () => {
  it("LEDGER_LTV_SUMMARY = LEDGER_LTV, row by row, for several periods, margins and discounts", () => {
    for (const [h, p, m, d] of [
      [undefined, undefined, undefined, undefined],
      ["36m", "month", 0.4, 0.01],
      [12, "quarter", undefined, 0.02],
    ] as const) {
      const a = LEDGER_LTV_SUMMARY(summary, h, p, m, d) as Table;
      const b = LEDGER_LTV(ids, dates, amounts, h, p, undefined, m, d) as Table;
      expect(isError(a)).toBe(false);
      expect(a.map((r) => r[0])).toEqual(b.map((r) => r[0]));
      a.forEach((r, i) => close(r[1], b[i][1]));
    }
  });
  it("without the first purchase amounts: the first purchase is the average order, and so is its interval's spread", () => {
    const five = LEDGER_LTV_SUMMARY(
      summary.map((r) => r.slice(0, 5)),
      "3y"
    ) as Table;
    expect(isError(five)).toBe(false);
    const at = (k: (typeof LEDGER_LTV_ROWS)[number]) =>
      five[LEDGER_LTV_ROWS.indexOf(k)][1] as number;
    expect(at("firstOrder")).toBe(at("avgOrder"));
    expect(typeof at("ltvLow")).toBe("number");
    expect(at("ltvLow")).toBeLessThan(at("ltvBeforeCosts"));
    expect(at("ltvHigh")).toBeGreaterThan(at("ltvBeforeCosts"));
  });
  it("CUSTOMER_VALUE_SUMMARY = CUSTOMER_VALUE", () => {
    const a = CUSTOMER_VALUE_SUMMARY(summary, "1y") as Table;
    const b = CUSTOMER_VALUE(ids, dates, amounts, "1y") as Table;
    expect(a.length).toBe(b.length);
    expect(a[0]).toEqual(b[0]);
    a.forEach((r, i) => r.forEach((v, k) => close(v, b[i][k])));
  });
  it("five columns (no first amounts): the interval is given, and the first purchase is the average order", () => {
    const five = summary.map((r) => r.slice(0, 5));
    const a = LEDGER_LTV_SUMMARY(five) as Table;
    expect(isError(a)).toBe(false);
    const at = (k: (typeof LEDGER_LTV_ROWS)[number]) => a[LEDGER_LTV_ROWS.indexOf(k)][1] as number;
    expect(at("firstOrder")).toBe(at("avgOrder"));
    expect(typeof at("ltvLow")).toBe("number");
    expect(at("ltvLow")).toBeLessThan(at("ltvBeforeCosts"));
    expect(at("ltvHigh")).toBeGreaterThan(at("ltvBeforeCosts"));
  });
  it("CLV_SUMMARY_FROM = CLV_SUMMARY (the fits' input), in weeks and months", () => {
    for (const p of [undefined, "month"]) {
      const a = CLV_SUMMARY_FROM(summary, p) as Table;
      const b = CLV_SUMMARY(ids, dates, amounts, p) as Table;
      expect(a).toEqual(b);
    }
  });
  it("as_of / calibration_end: a later date moves T, not the customers", () => {
    const end = Math.max(...t.last) + 30;
    const a = CLV_SUMMARY_FROM(summary, "day", end) as Table;
    const b = CLV_SUMMARY(ids, dates, amounts, "day", end) as Table;
    expect(a).toEqual(b);
    const v = LEDGER_LTV_SUMMARY(summary, null, null, null, null, null, end) as Table;
    expect(isError(v)).toBe(false);
  });
  it("model: pnbd and bgnbd as asked; contract is not offered (it needs the payment lines)", () => {
    // the model's row by its key: rows were added before it (the interval), the model stays last
    const modelRow = LEDGER_LTV_ROWS.indexOf("model");
    expect(
      (LEDGER_LTV_SUMMARY(summary, null, null, null, null, "pnbd") as Table)[modelRow][1]
    ).toBe("Pareto/NBD");
    expect(
      (LEDGER_LTV_SUMMARY(summary, null, null, null, null, "bgnbd") as Table)[modelRow][1]
    ).toBe("BG/NBD");
    expectError(
      LEDGER_LTV_SUMMARY(summary, null, null, null, null, "contract"),
      "#VALUE!",
      "model"
    );
  });
});

describe("bad summaries, in words", () => {
  it("English", () => {
    expectError(LEDGER_LTV_SUMMARY(ids), "#VALUE!", "summary", "4 to 6 columns");
    expectError(
      LEDGER_LTV_SUMMARY(summary.map((r) => r.slice(0, 4))),
      "#VALUE!",
      "average repeat spend"
    );
    const dup = [...summary, summary[1]];
    expectError(
      CUSTOMER_VALUE_SUMMARY(dup),
      "#VALUE!",
      `row ${summary.length + 1}`,
      "appears twice"
    );
    const early = CLV_SUMMARY_FROM(summary, null, t.first[0] + 1);
    expectError(early, "#VALUE!", "calibration end");
    expectError(
      LEDGER_LTV_SUMMARY(summary, null, null, null, null, null, "soon"),
      "#VALUE!",
      "as_of"
    );
  });
  it("Japanese", () => {
    setLanguage("ja");
    expectError(LEDGER_LTV_SUMMARY(ids), "#VALUE!", "顧客サマリー", "4〜6列");
    // the first repeat buyer's dates swapped: its last purchase is before its first
    const k = t.repeats.findIndex((x) => x > 0) + 1;
    const swapped = summary.map((r, i) => (i === k ? [r[0], r[2], r[1], r[3], r[4], r[5]] : r));
    expectError(LEDGER_LTV_SUMMARY(swapped), "#VALUE!", `${k + 1}行目`, "最終購入日");
    const ltv = LEDGER_LTV_SUMMARY(summary) as Table;
    expect(ltv[0][0]).toBe("初回購入額（平均）");
  });
});
