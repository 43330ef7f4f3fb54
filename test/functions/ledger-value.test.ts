/**
 * LEDGER_LTV, BGNBD_EXPECTED_NEW and PNBD_EXPECTED_NEW as Excel calls them: values equal the core's, one chain
 * (FREQ's active frequency is LEDGER_LTV's), labels in the user's language, and every error in words.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { readLedger } from "../../src/core/ledger";
import { LtvError } from "../../src/core/errors";
import * as intervals from "../../src/core/ledger-interval";
import { ledgerLtvInterval } from "../../src/core/ledger-interval";
import { fitLedgerModel, newCustomerValue } from "../../src/core/ledger-value";
import { bgnbdExpectedNewCustomer, paretoNbdExpectedNew } from "../../src/core/models/new-customer";
import { FREQ } from "../../src/functions/foundation";
import {
  BGNBD_EXPECTED_NEW,
  LEDGER_LTV,
  PNBD_EXPECTED_NEW,
} from "../../src/functions/ledger-value";
import { setLanguage } from "../../src/i18n/language";
import { simulateLedgerRows, subscriptionProcess, subscriptionTruth } from "../support/ledger-sim";
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

const valueOf = (table: unknown, row: number) => (table as (string | number)[][])[row][1];

describe("LEDGER_LTV", () => {
  const core = fitLedgerModel(
    readLedger({
      customers: ids.map((r) => r[0]),
      dates: dates.map((r) => r[0]),
      amounts: amounts.map((r) => r[0]),
    })
  );
  it("spills the five inputs and the LTV, equal to the core's, with the default three-year horizon", () => {
    const out = LEDGER_LTV(ids, dates, amounts, undefined, "quarter") as (string | number)[][];
    expect(out).toHaveLength(10);
    const options = { period: { days: 91.3125, name: "quarter" as const }, horizon: 12 };
    const v = newCustomerValue(core, options);
    const iv = ledgerLtvInterval(core, options);
    expect(out.map((r) => r[1])).toEqual([
      v.firstOrder,
      v.avgOrder,
      v.frequency,
      v.periods,
      12,
      v.repeatPurchases,
      v.ltvBeforeCosts,
      iv.low,
      iv.high,
      core.model.kind === "pnbd" ? "Pareto/NBD" : "BG/NBD",
    ]);
    expect(iv.low).toBeLessThan(v.ltvBeforeCosts);
    expect(iv.high).toBeGreaterThan(v.ltvBeforeCosts);
    expect(out[7][0]).toBe("LTV 90 % low (sampling uncertainty)");
    expect(out[8][0]).toBe("LTV 90 % high (sampling uncertainty)");
    expect(out[0][0]).toBe("first purchase (average)");
  });
  it("is one chain: first + average order × frequency × periods is the LTV, and FREQ's default is its frequency", () => {
    for (const period of ["month", "quarter", "year"]) {
      const out = LEDGER_LTV(ids, dates, amounts, "3y", period);
      const [first, avg, freq, periods] = [0, 1, 2, 3].map((r) => valueOf(out, r) as number);
      const ltv = valueOf(out, 6) as number;
      expect(Math.abs(first + avg * freq * periods - ltv)).toBeLessThan(1e-9 * ltv);
      expect(FREQ(ids, dates, period)).toBe(freq);
    }
  });
  it("gives the same LTV whatever the period and however the horizon is written", () => {
    const base = valueOf(LEDGER_LTV(ids, dates, amounts), 6) as number;
    for (const [horizon, period] of [
      [36, "month"],
      ["36m", "quarter"],
      ["12q", "year"],
      ["3年", "月"],
      [3, undefined],
    ]) {
      const v = valueOf(LEDGER_LTV(ids, dates, amounts, horizon, period), 6) as number;
      expect(v / base).toBeCloseTo(1, 12);
    }
    // a line-item ledger gives the same value (same-day rows are one purchase either way)
    expect(valueOf(LEDGER_LTV(ids, dates, amounts, undefined, undefined, orders), 6)).toBeCloseTo(
      base,
      9
    );
  });
  it("applies the margin to everything and discounts the repeat purchases", () => {
    const base = valueOf(LEDGER_LTV(ids, dates, amounts, "3y", "month"), 6) as number;
    const margin = valueOf(
      LEDGER_LTV(ids, dates, amounts, "3y", "month", undefined, "40%"),
      6
    ) as number;
    expect(margin).toBeCloseTo(0.4 * base, 6);
    const d = valueOf(
      LEDGER_LTV(ids, dates, amounts, "3y", "month", undefined, 1, 0.01),
      6
    ) as number;
    expect(d).toBeLessThan(base);
    expect(d).toBeGreaterThan(0.8 * base);
  });
  it("names the model asked for, and labels its rows in Japanese for Japanese users", () => {
    expect(
      valueOf(LEDGER_LTV(ids, dates, amounts, null, null, undefined, null, null, "pnbd"), 9)
    ).toBe("Pareto/NBD");
    expect(
      valueOf(LEDGER_LTV(ids, dates, amounts, null, null, undefined, null, null, "BG/NBD"), 9)
    ).toBe("BG/NBD");
    setLanguage("ja");
    const out = LEDGER_LTV(ids, dates, amounts) as (string | number)[][];
    expect(out[0][0]).toBe("初回購入額（平均）");
    expect(out[6][0]).toContain("LTV");
  });
  it("explains bad input in words", () => {
    expectError(LEDGER_LTV(ids, dates, amounts, "3 decades"), "#VALUE!", "horizon");
    expectError(LEDGER_LTV(ids, dates, amounts, -1), "#VALUE!", "horizon", "greater than 0");
    expectError(LEDGER_LTV(ids, dates, amounts, 2000, "month"), "#VALUE!", "horizon", "1200");
    expectError(
      LEDGER_LTV(ids, dates, amounts, null, null, undefined, 1.5),
      "#VALUE!",
      "gross_margin"
    );
    expectError(
      LEDGER_LTV(ids, dates, amounts, null, null, undefined, null, null, "magic"),
      "#VALUE!",
      "model",
      "auto, pnbd, bgnbd"
    );
    expectError(
      LEDGER_LTV(col("A", "B"), col("2024/1/1", "2024/2/1"), col(100, 200)),
      "#N/A",
      "bought a second time"
    );
    expectError(LEDGER_LTV(ids, dates, col(1, 2)), "#VALUE!");
  });
});

describe("LEDGER_LTV for a contract business", () => {
  it('model "contract" fits sBG to how long customers kept paying, and names it', () => {
    const rows = simulateLedgerRows({
      process: subscriptionProcess(1, 9, 365.25 / 12, 1000),
      customers: 800,
      acquisitionDays: 700,
      windowDays: 730,
      seed: 12,
    });
    const out = LEDGER_LTV(
      col(...rows.map((r) => r.customer)),
      col(...rows.map((r) => r.date)),
      col(...rows.map((r) => r.amount)),
      "1y",
      "month",
      undefined,
      undefined,
      undefined,
      "契約"
    ) as (string | number)[][];
    expect(out[9][1]).toBe("sBG (contract)");
    expect(out[2][1]).toBeCloseTo(1, 12); // one renewal a month while paying
    const truth = subscriptionTruth(1, 9, 365.25 / 12, 1000, 365.25);
    expect((out[6][1] as number) / truth).toBeGreaterThan(0.9);
    expect((out[6][1] as number) / truth).toBeLessThan(1.1);
    // its 90 % interval brackets the LTV and the truth
    expect(out[7][1] as number).toBeLessThan(Math.min(truth, out[6][1] as number));
    expect(out[8][1] as number).toBeGreaterThan(Math.max(truth, out[6][1] as number));
  });
});

describe("LEDGER_LTV's interval", () => {
  it("is the same every call, and in Japanese its rows say so", () => {
    const a = LEDGER_LTV(ids, dates, amounts, "2y", "month") as (string | number)[][];
    const b = LEDGER_LTV(ids, dates, amounts, "2y", "month") as (string | number)[][];
    expect(a).toEqual(b);
    setLanguage("ja");
    const ja = LEDGER_LTV(ids, dates, amounts, "2y", "month") as (string | number)[][];
    expect(ja[7]).toEqual(["LTV 90 %区間の下限（推定の誤差）", a[7][1]]);
    expect(ja[8]).toEqual(["LTV 90 %区間の上限（推定の誤差）", a[8][1]]);
  });
  it("is wide on a tiny ledger (three customers), and still brackets the LTV", () => {
    const out = LEDGER_LTV(
      col("A", "A", "B", "B", "C"),
      col("2024/1/1", "2024/2/1", "2024/1/5", "2024/3/1", "2024/2/2"),
      col(100, 120, 90, 80, 100),
      "1y",
      "month"
    ) as (string | number)[][];
    const [ltv, low, high] = [6, 7, 8].map((r) => out[r][1] as number);
    expect(low).toBeLessThan(ltv);
    expect(high).toBeGreaterThan(ltv);
    expect((high - low) / ltv).toBeGreaterThan(1);
  });
  it("says in words, in the interval's cells, why there is none, and keeps the LTV", () => {
    const spy = jest.spyOn(intervals, "ledgerLtvInterval").mockImplementation(() => {
      throw new LtvError({ kind: "notConverged", code: "noStandardErrors", arg: "params" });
    });
    try {
      const out = LEDGER_LTV(ids, dates, amounts, "2y", "month") as (string | number)[][];
      expect(typeof out[6][1]).toBe("number");
      expect(out[7][1]).toMatch(/standard errors are not available/);
      expect(out[8][1]).toBe(out[7][1]);
    } finally {
      spy.mockRestore();
    }
  });
});

describe("the models' expectations for a new customer", () => {
  it("equal the core's for the CDNOW fits, and refuse bad parameter rows", () => {
    const bg = [[0.243, 4.414, 0.793, 2.426, -9582.4]];
    const pn = [[0.553, 10.58, 0.606, 11.67, -9595]];
    expect(BGNBD_EXPECTED_NEW(bg, 39)).toBe(
      bgnbdExpectedNewCustomer({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 39)
    );
    expect(PNBD_EXPECTED_NEW(pn, 39)).toBe(
      paretoNbdExpectedNew({ r: 0.553, alpha: 10.58, s: 0.606, beta: 11.67 }, 39)
    );
    expect(PNBD_EXPECTED_NEW(pn, 0)).toBe(0);
    expectError(PNBD_EXPECTED_NEW([[1, 2]], 39), "#VALUE!", "params");
    expectError(BGNBD_EXPECTED_NEW(bg, -1), "#VALUE!", "t");
    expect(isError(BGNBD_EXPECTED_NEW(bg, 5200))).toBe(false);
  });
});
