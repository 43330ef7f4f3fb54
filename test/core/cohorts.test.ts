/**
 * Cohorts and retention: hand-checked ledgers (including the seed's "retention falls between month 6 and 7"),
 * and random ledgers compared with the slow reference in test/reference/ledger-reference.ts.
 */
import fc from "fast-check";
import { customerRows, customerSpans, eachActivePeriod } from "../../src/core/activity";
import { checkPeriodLength, monthIndexOfSerial, periodScheme } from "../../src/core/calendar";
import {
  cohortTable,
  largestRetentionDrop,
  MAX_SHEET_ROWS,
  MAX_TABLE_CELLS,
  retentionCurve,
} from "../../src/core/cohorts";
import { LtvError } from "../../src/core/errors";
import { dateFromSerial, MAX_SERIAL, serialFromDate } from "../../src/core/input/date";
import { readLedger, type Ledger } from "../../src/core/ledger";
import { parsePeriodUnit, type PeriodUnit } from "../../src/core/periods";
import { refCohortTable, refRetentionCurve, type RefRow } from "../reference/ledger-reference";

const month = parsePeriodUnit("month", "month");
const week = parsePeriodUnit("week", "month");
const day = parsePeriodUnit("day", "month");
const s = (y: number, m: number, d: number) => serialFromDate(y, m, d) as number;

function ledgerOf(rows: RefRow[]): Ledger {
  return readLedger({
    customers: rows.map((r) => r.customer),
    dates: rows.map((r) => r.date),
    amounts: rows.map((r) => r.amount),
  });
}

function errorOf(f: () => unknown): LtvError["detail"] | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof LtvError) return e.detail;
    throw e;
  }
  return undefined;
}

/** Ten customers start in January 2024; nine buy every month to July, then six of them stop. */
function seedLedger(): RefRow[] {
  const rows: RefRow[] = [];
  for (let c = 0; c < 10; c++) {
    const id = `C${c}`;
    rows.push({ customer: id, date: s(2024, 1, 3 + c), amount: 1000 });
    if (c === 9) continue; // a one-time buyer
    const lastMonth = c < 3 ? 12 : 7; // three loyal customers keep buying all year
    for (let m = 2; m <= lastMonth; m++)
      rows.push({ customer: id, date: s(2024, m, 10 + c), amount: 1000 });
  }
  rows.push({ customer: "C0", date: s(2024, 12, 31), amount: 500 }); // the ledger ends on 2024-12-31
  return rows;
}

describe("calendar arithmetic", () => {
  it("gives every serial's calendar month, Excel's 1900-02-29 included", () => {
    for (const serial of [1, 59, 60, 61, 366, 45296, 2958465]) {
      const { year, month: m } = dateFromSerial(serial);
      expect(monthIndexOfSerial(serial)).toBe(year * 12 + m - 1);
    }
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2958465 }), (serial) => {
        const { year, month: m } = dateFromSerial(serial);
        return monthIndexOfSerial(serial) === year * 12 + m - 1;
      })
    );
  });

  it("labels calendar periods as people write them and elapsed windows by their first day", () => {
    const q = periodScheme(parsePeriodUnit("quarter", "month"), 0);
    expect(q.label(q.index(s(2024, 5, 20)))).toBe("2024-Q2");
    expect(q.start(q.index(s(2024, 5, 20)))).toBe(s(2024, 4, 1));
    const y = periodScheme(parsePeriodUnit("year", "month"), 0);
    expect(y.label(y.index(s(2024, 5, 20)))).toBe("2024");
    const w = periodScheme(week, s(2024, 1, 3));
    expect(w.index(s(2024, 1, 10))).toBe(1);
    expect(w.label(1)).toBe("2024-01-10");
  });
});

describe("shared passes", () => {
  it("clamp period starts outside Excel's calendar to its ends", () => {
    const y = periodScheme(parsePeriodUnit("year", "month"), 0);
    expect(y.start(10_000)).toBe(MAX_SERIAL + 1);
    expect(y.start(1899)).toBe(1);
    expect(y.start(1900)).toBe(1);
  });

  it("need customer ids and dates, and group rows by customer once per ledger", () => {
    expect(errorOf(() => customerSpans(readLedger({ dates: [45296] })))).toMatchObject({
      code: "noOrders",
      arg: "customer_ids",
    });
    expect(errorOf(() => customerSpans(readLedger({ customers: ["A"] })))).toMatchObject({
      code: "noOrders",
      arg: "order_dates",
    });
    expect(
      errorOf(() => retentionCurve(readLedger({ customers: ["", ""], dates: ["", ""] }), month))
    ).toMatchObject({ code: "noOrders" });
    expect(errorOf(() => customerRows(readLedger({ dates: [45296] })))).toMatchObject({
      code: "noOrders",
    });
    const L = readLedger({ customers: ["A", "B", "A"], dates: [1, 2, 3] });
    const g = customerRows(L);
    expect(customerRows(L)).toBe(g);
    expect(customerSpans(L)).toBe(customerSpans(L));
    expect([Array.from(g.start), Array.from(g.rows)]).toEqual([
      [0, 2, 3],
      [0, 2, 1],
    ]);
  });
});

describe("retention curve", () => {
  it("shows retention falling between month 6 and month 7, and largestRetentionDrop finds it", () => {
    const curve = retentionCurve(ledgerOf(seedLedger()), month);
    // period 0 is January for everyone; 9 of 10 buy in months 1–6 (Feb–Jul); 3 of 10 from month 7 (August) on
    expect(curve.map((p) => p.share)).toEqual([
      1, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.3, 0.3, 0.3, 0.3, 0.3,
    ]);
    expect(curve.every((p) => p.customersObserved === 10)).toBe(true);
    expect(largestRetentionDrop(curve)).toEqual({
      period: 6,
      from: 0.9,
      to: 0.3,
      drop: expect.closeTo(0.6, 12),
    });
    // counted from period 0, the first fall (1 → 0.9) is smaller than the month-6 one anyway
    expect(largestRetentionDrop(curve, { fromPeriod: 0 })?.period).toBe(6);
  });

  it("counts calendar months for 'month' but elapsed time for 'day' and 'week'", () => {
    // first order on Jan 31, next on Feb 1: one calendar month later, one day later, the same week
    const rows: RefRow[] = [
      { customer: "A", date: s(2024, 1, 31), amount: 1 },
      { customer: "A", date: s(2024, 2, 1), amount: 1 },
      { customer: "B", date: s(2024, 3, 31), amount: 1 },
    ];
    const L = ledgerOf(rows);
    expect(
      retentionCurve(L, month)
        .slice(0, 2)
        .map((p) => [p.share, p.customersObserved])
    ).toEqual([
      [1, 2],
      [1, 1],
    ]);
    expect(retentionCurve(L, day)[1]).toMatchObject({
      periodsSince: 1,
      share: 1,
      customersObserved: 1,
    });
    expect(retentionCurve(L, week)[0]).toMatchObject({
      periodsSince: 0,
      share: 1,
      customersObserved: 1,
    });
  });

  it("counts a customer's several orders in one period (same day or not) once", () => {
    const rows: RefRow[] = [
      { customer: "A", date: s(2024, 1, 5), amount: 1 },
      { customer: "A", date: s(2024, 1, 5), amount: 2 },
      { customer: "A", date: s(2024, 2, 5), amount: 1 },
      { customer: "A", date: s(2024, 2, 5), amount: 1 },
      { customer: "A", date: s(2024, 2, 9), amount: 1 },
      { customer: "B", date: s(2024, 2, 29), amount: 1 },
    ];
    const curve = retentionCurve(ledgerOf(rows), month);
    expect(curve.map((p) => [p.customersActive, p.customersObserved])).toEqual([
      [2, 2],
      [1, 1],
    ]);
  });

  it("leaves out periods that have not ended by the last order date", () => {
    // the ledger ends on 2024-03-15: March is still running, so nobody is observed in it
    const rows: RefRow[] = [
      { customer: "A", date: s(2024, 1, 5), amount: 1 },
      { customer: "A", date: s(2024, 3, 15), amount: 1 },
    ];
    const curve = retentionCurve(ledgerOf(rows), month);
    expect(curve.map((p) => p.periodsSince)).toEqual([0, 1]);
    expect(curve[1].share).toBe(0);
  });

  it("says there is not enough data when not even the first period has ended", () => {
    const rows: RefRow[] = [{ customer: "A", date: s(2024, 1, 5), amount: 1 }];
    expect(errorOf(() => retentionCurve(ledgerOf(rows), month))).toMatchObject({
      kind: "notEnoughData",
      code: "tooFewValues",
    });
    expect(retentionCurve(ledgerOf(rows), day)).toEqual([
      { periodsSince: 0, share: 1, customersObserved: 1, customersActive: 1 },
    ]);
  });

  it("largestRetentionDrop ignores thinly observed points and curves that never fall", () => {
    const pt = (k: number, share: number, n: number) => ({
      periodsSince: k,
      share,
      customersObserved: n,
      customersActive: share * n,
    });
    const curve = [pt(0, 1, 100), pt(1, 0.5, 100), pt(2, 0.45, 100), pt(3, 0.05, 2)];
    expect(largestRetentionDrop(curve)?.period).toBe(2);
    expect(largestRetentionDrop(curve, { minObserved: 10 })).toEqual({
      period: 1,
      from: 0.5,
      to: 0.45,
      drop: expect.closeTo(0.05, 12),
    });
    expect(largestRetentionDrop([pt(0, 1, 5), pt(1, 1, 5)])).toBeNull();
    expect(largestRetentionDrop([])).toBeNull();
  });
});

describe("cohort table", () => {
  const rows: RefRow[] = [
    { customer: "A", date: s(2024, 1, 5), amount: 100 },
    { customer: "A", date: s(2024, 2, 3), amount: 200 },
    { customer: "B", date: s(2024, 1, 20), amount: 300 },
    { customer: "C", date: s(2024, 2, 29), amount: 400 },
  ];

  it("counts customers by first-purchase month and months since, blank where not yet observable", () => {
    const t = cohortTable(ledgerOf(rows), month, "customers");
    expect(t.cohorts.map((c) => [c.label, c.customers, c.start])).toEqual([
      ["2024-01", 2, s(2024, 1, 1)],
      ["2024-02", 1, s(2024, 2, 1)],
    ]);
    expect(t.values).toEqual([
      [2, 1],
      [1, null],
    ]);
  });

  it("gives shares of the cohort and revenue as other measures", () => {
    expect(cohortTable(ledgerOf(rows), month, "retention").values).toEqual([
      [1, 0.5],
      [1, null],
    ]);
    expect(cohortTable(ledgerOf(rows), month, "revenue").values).toEqual([
      [400, 200],
      [400, null],
    ]);
  });

  it("asks for amounts for revenue, and refuses a table wider than a sheet", () => {
    const L = readLedger({ customers: ["A", "B"], dates: [s(2024, 1, 5), s(2024, 2, 5)] });
    expect(errorOf(() => cohortTable(L, month, "revenue"))).toMatchObject({
      code: "requiredFor",
      arg: "amounts",
    });
    const wide = readLedger({ customers: ["A", "A"], dates: [s(1950, 1, 1), s(2024, 1, 1)] });
    expect(errorOf(() => cohortTable(wide, day))).toMatchObject({
      code: "tooManyPeriodsSpan",
      arg: "period",
      params: { limit: 16_382, first: "1950-01-01", last: "2024-01-01" },
    });
    expect(cohortTable(wide, month).periods).toBe(888);
  });

  it("keeps a row for a period in which nobody started", () => {
    const gap: RefRow[] = [
      { customer: "A", date: s(2024, 1, 5), amount: 1 },
      { customer: "B", date: s(2024, 3, 5), amount: 1 },
      { customer: "A", date: s(2024, 3, 31), amount: 1 },
    ];
    const t = cohortTable(ledgerOf(gap), month, "retention");
    expect(t.cohorts.map((c) => c.customers)).toEqual([1, 0, 1]);
    expect(t.values[1]).toEqual([null, null, null]);
    expect(t.values[0]).toEqual([1, 0, 1]);
  });
});

// ---- random ledgers against the reference ----------------------------------------------------------------------

const UNITS: PeriodUnit[] = ["month", "quarter", "year", "day", "week", 10, 7.5, 1.5].map((u) =>
  parsePeriodUnit(u, "month")
);

const rowArb = (span: number) =>
  fc.record({
    customer: fc.constantFrom("A", "B", "C", "D", "E", "F", "G", "H", "1001", "x y"),
    date: fc.integer({ min: 45200, max: 45200 + span }),
    amount: fc.integer({ min: -50, max: 500 }),
  });
const ledgerArb = fc
  .integer({ min: 20, max: 700 })
  .chain((span) => fc.array(rowArb(span), { minLength: 1, maxLength: 60 }));

describe("against the slow reference on random ledgers", () => {
  it("retention curve", () => {
    fc.assert(
      fc.property(ledgerArb, fc.constantFrom(...UNITS), (rows, unit) => {
        const expected = refRetentionCurve(rows, unit);
        if (expected.length === 0) {
          expect(errorOf(() => retentionCurve(ledgerOf(rows), unit))).toMatchObject({
            kind: "notEnoughData",
          });
          return;
        }
        expect(retentionCurve(ledgerOf(rows), unit)).toEqual(expected);
      }),
      { numRuns: 300 }
    );
  });

  it("cohort table, each measure", () => {
    fc.assert(
      fc.property(
        ledgerArb,
        fc.constantFrom(...UNITS),
        fc.constantFrom("customers", "retention", "revenue" as const),
        (rows, unit, measure) => {
          const t = cohortTable(ledgerOf(rows), unit, measure);
          const expected = refCohortTable(rows, unit, measure);
          expect(t.cohorts.map((c) => c.customers)).toEqual(expected.map((r) => r.customers));
          expect(t.values).toEqual(expected.map((r) => r.cells));
        }
      ),
      { numRuns: 150 }
    );
  });

  it("retention curve and cohort table on a window too long for the bitmap (the grouped rows) as the reference", () => {
    // 3,000 customers, two rows each, over five years in periods of 2 days: C × ⌈P / 32⌉ words exceed 2n + 64 Ki
    const rows: RefRow[] = [];
    for (let i = 0; i < 3000; i++) {
      const first = 45200 + ((i * 7) % 1826);
      rows.push({ customer: `C${i}`, date: first, amount: 1 });
      rows.push({ customer: `C${i}`, date: Math.min(45200 + 1825, first + (i % 40)), amount: 2 });
    }
    const unit = parsePeriodUnit(2, "month");
    const L = ledgerOf(rows);
    expect(L.customers.length * Math.ceil(914 / 32)).toBeGreaterThan(2 * L.n + 65_536);
    expect(retentionCurve(L, unit)).toEqual(refRetentionCurve(rows, unit));
    const t = cohortTable(ledgerOf(rows), unit, "customers");
    expect(t.values).toEqual(refCohortTable(rows, unit, "customers").map((r) => r.cells));
  });

  it("visits the same (customer, period) pairs whether it uses the bitmap or the grouped rows", () => {
    fc.assert(
      fc.property(ledgerArb, fc.integer({ min: 1, max: 100 }), (rows, P) => {
        const L = ledgerOf(rows);
        const periodOf = Int32Array.from(rows, (r) => r.date % P);
        const collect = (words?: number) => {
          const seen: string[] = [];
          let last = -1;
          eachActivePeriod(
            L,
            periodOf,
            P,
            (c, p) => {
              expect(c).toBeGreaterThanOrEqual(last); // customer by customer
              last = c;
              seen.push(`${c}:${p}`);
            },
            words
          );
          return seen.sort();
        };
        const expected = [
          ...new Set(rows.map((r) => `${L.customers.indexOf(r.customer)}:${r.date % P}`)),
        ].sort();
        expect(collect()).toEqual(expected);
        expect(collect(0)).toEqual(expected);
      }),
      { numRuns: 200 }
    );
  });
});

describe("sizes bounded before the work (a sheet's rows and columns, a cap on cells)", () => {
  const year = parsePeriodUnit("year", "month");
  const timed = <T>(f: () => T): T => {
    const started = performance.now();
    const r = f();
    expect(performance.now() - started).toBeLessThan(500);
    return r;
  };

  it("refuses a cohort table of more cells than the cap, even when rows and columns each fit", () => {
    // two customers 1997 … 9999 by year: 8,004 rows × 8,005 columns, 64 million cells
    const L = readLedger({ customers: ["C1", "C2"], dates: [s(1997, 1, 1), MAX_SERIAL] });
    expect(timed(() => errorOf(() => cohortTable(L, year)))).toMatchObject({
      code: "tableTooLarge",
      arg: "period",
      params: {
        rows: 8004,
        columns: 8005,
        limit: MAX_TABLE_CELLS,
        first: "1997-01-01",
        last: "9999-12-31",
      },
    });
    const days = readLedger({ customers: ["C1", "C2"], dates: [35000, 45000] });
    expect(timed(() => errorOf(() => cohortTable(days, day)))).toMatchObject({
      code: "tableTooLarge",
      params: { rows: 10002, columns: 10003 },
    });
  });

  it("refuses a cohort table longer than a sheet from the window alone", () => {
    const L = readLedger({ customers: ["C1", "C2"], dates: [1, MAX_SERIAL] });
    expect(timed(() => errorOf(() => cohortTable(L, day)))).toMatchObject({
      code: "tooManyPeriodsSpan",
      params: { count: MAX_SERIAL, limit: MAX_SHEET_ROWS - 1 },
    });
  });

  it("keeps a table just under the cap, and refuses one just over it", () => {
    // one customer per day from day 0 to day m − 1 (m cohorts), the last buying again on day m: the ledger ends on
    // day m, so cohort 0 is observed for periods 0 … m: m + 1 rows (header included) × m + 3 columns
    const fits = (m: number) => {
      const ids = Array.from({ length: m }, (_, i) => `C${i}`);
      const dates = Array.from({ length: m }, (_, i) => 45000 + i);
      return readLedger({ customers: [...ids, `C${m - 1}`], dates: [...dates, 45000 + m] });
    };
    let m = 1;
    while ((m + 1) * (m + 3) <= MAX_TABLE_CELLS) m++; // the first m whose table does not fit
    const t = cohortTable(fits(m - 1), day);
    expect([t.cohorts.length, t.periods]).toEqual([m - 1, m]);
    expect(errorOf(() => cohortTable(fits(m), day))).toMatchObject({ code: "tableTooLarge" });
  });

  it("refuses a retention curve longer than a sheet, naming the period and the dates", () => {
    const L = readLedger({ customers: ["C1", "C1"], dates: [1, MAX_SERIAL] });
    expect(timed(() => errorOf(() => retentionCurve(L, day)))).toMatchObject({
      code: "tooManyPeriodsSpan",
      arg: "period",
      params: {
        count: MAX_SERIAL,
        limit: MAX_SHEET_ROWS - 1,
        first: "1900-01-01",
        last: "9999-12-31",
      },
    });
    // the longest curve that fits: 1,048,575 periods and the header
    const longest = readLedger({ customers: ["C1", "C1"], dates: [1, MAX_SHEET_ROWS - 1] });
    expect(retentionCurve(longest, day)).toHaveLength(MAX_SHEET_ROWS - 1);
    const over = readLedger({ customers: ["C1", "C1"], dates: [1, MAX_SHEET_ROWS] });
    expect(errorOf(() => retentionCurve(over, day))).toMatchObject({ code: "tooManyPeriodsSpan" });
    // by month the same window is 97,200 periods: it fits
    expect(retentionCurve(L, month)).toHaveLength(97_200);
  });

  it("refuses a period shorter than a day with the period's own message (not 'no values')", () => {
    const L = readLedger({ customers: ["C1", "C1"], dates: [1, MAX_SERIAL] });
    const tiny = parsePeriodUnit("0.001", "month");
    for (const f of [() => retentionCurve(L, tiny), () => cohortTable(L, tiny)]) {
      expect(timed(() => errorOf(f))).toMatchObject({
        kind: "badValue",
        code: "periodBelowDay",
        arg: "period",
        value: 0.001,
      });
    }
    expect(errorOf(() => checkPeriodLength(parsePeriodUnit(0.999, "month")))).toMatchObject({
      code: "periodBelowDay",
    });
    expect(() => checkPeriodLength(parsePeriodUnit(1, "month"))).not.toThrow();
  });
});
