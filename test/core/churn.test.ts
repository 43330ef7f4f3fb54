/**
 * Churn rate: hand-checked ledgers and random ledgers against the slow reference.
 */
import fc from "fast-check";
import { churnRate } from "../../src/core/churn";
import { LtvError } from "../../src/core/errors";
import { serialFromDate } from "../../src/core/input/date";
import { readLedger } from "../../src/core/ledger";
import { parsePeriodUnit } from "../../src/core/periods";
import { refChurn, type RefRow } from "../reference/ledger-reference";

const month = parsePeriodUnit("month", "month");
const s = (y: number, m: number, d: number) => serialFromDate(y, m, d) as number;
const ledgerOf = (rows: RefRow[]) =>
  readLedger({ customers: rows.map((r) => r.customer), dates: rows.map((r) => r.date) });

function errorOf(f: () => unknown): LtvError["detail"] | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof LtvError) return e.detail;
    throw e;
  }
  return undefined;
}

describe("churn rate", () => {
  it("weights each month's churn by the customers active in it", () => {
    // A buys Jan, Feb, Mar; B Jan; C Feb, Mar (twice in March: one occasion). Ends 2024-03-31.
    const rows: RefRow[] = [
      { customer: "A", date: s(2024, 1, 2), amount: 0 },
      { customer: "A", date: s(2024, 2, 2), amount: 0 },
      { customer: "A", date: s(2024, 3, 2), amount: 0 },
      { customer: "B", date: s(2024, 1, 9), amount: 0 },
      { customer: "C", date: s(2024, 2, 9), amount: 0 },
      { customer: "C", date: s(2024, 3, 9), amount: 0 },
      { customer: "C", date: s(2024, 3, 31), amount: 0 },
    ];
    const c = churnRate(ledgerOf(rows), month);
    // Jan: 2 active, 1 retained; Feb: 2 active, 2 retained → (1 + 0) / (2 + 2)
    expect(c.rate).toBe(0.25);
    expect(c.periodsUsed).toBe(2);
    expect(c.byPeriod.map((p) => [p.label, p.active, p.retained, p.rate])).toEqual([
      ["2024-01", 2, 1, 0.5],
      ["2024-02", 2, 2, 0],
    ]);
    expect(c.meanOfRates).toBe(0.25);
  });

  it("uses only periods that have ended, and needs two of them", () => {
    // ends 2024-03-15: March is running, so only the pair (Jan, Feb) counts
    const rows: RefRow[] = [
      { customer: "A", date: s(2024, 1, 2), amount: 0 },
      { customer: "B", date: s(2024, 1, 3), amount: 0 },
      { customer: "A", date: s(2024, 2, 2), amount: 0 },
      { customer: "B", date: s(2024, 3, 15), amount: 0 },
    ];
    const c = churnRate(ledgerOf(rows), month);
    expect([c.periodsUsed, c.rate]).toEqual([1, 0.5]);
    const short = rows.filter((r) => r.date < s(2024, 2, 1));
    expect(errorOf(() => churnRate(ledgerOf(short), month))).toMatchObject({
      kind: "notEnoughData",
      code: "tooFewValues",
    });
  });

  it("counts windows of days from the first order date for 'week' and numbers of days", () => {
    const rows: RefRow[] = [
      { customer: "A", date: 45300, amount: 0 },
      { customer: "B", date: 45301, amount: 0 },
      { customer: "A", date: 45307, amount: 0 }, // window 1 starts on 45307
      { customer: "A", date: 45314, amount: 0 },
      { customer: "B", date: 45320, amount: 0 }, // the last day of window 2: windows 0–2 have ended
    ];
    const c = churnRate(ledgerOf(rows), parsePeriodUnit("week", "month"));
    expect(c.byPeriod.map((p) => [p.start, p.active, p.retained])).toEqual([
      [45300, 2, 1],
      [45307, 1, 1],
    ]);
    expect(c.rate).toBeCloseTo(1 / 3, 12);
  });

  it("matches the reference on a window too long for the bitmap (the grouped rows)", () => {
    // 3,000 customers, two rows each, over five years in periods of 2 days: C × ⌈P / 32⌉ words exceed 2n + 64 Ki
    const rows: RefRow[] = [];
    for (let i = 0; i < 3000; i++) {
      const first = 45200 + ((i * 7) % 1826);
      rows.push({ customer: `C${i}`, date: first, amount: 0 });
      rows.push({ customer: `C${i}`, date: Math.min(45200 + 1825, first + (i % 5)), amount: 0 });
    }
    const unit = parsePeriodUnit(2, "month");
    const L = ledgerOf(rows);
    expect(L.customers.length * Math.ceil(914 / 32)).toBeGreaterThan(2 * L.n + 65_536);
    const expected = refChurn(rows, unit);
    const c = churnRate(L, unit);
    expect(c.rate).toBeCloseTo(expected.rate as number, 12);
    expect(c.periodsUsed).toBe(expected.periodsUsed);
  });

  it("matches the reference on random ledgers", () => {
    const units = ["month", "quarter", "year", "day", "week", 10, 7.5].map((u) =>
      parsePeriodUnit(u, "month")
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 20, max: 900 }).chain((span) =>
          fc.array(
            fc.record({
              customer: fc.constantFrom("A", "B", "C", "D", "E", "F"),
              date: fc.integer({ min: 45200, max: 45200 + span }),
              amount: fc.constant(0),
            }),
            { minLength: 1, maxLength: 60 }
          )
        ),
        fc.constantFrom(...units),
        (rows, unit) => {
          const expected = refChurn(rows, unit);
          if (expected.rate === null) {
            expect(errorOf(() => churnRate(ledgerOf(rows), unit))).toMatchObject({
              code: "tooFewValues",
            });
            return;
          }
          const c = churnRate(ledgerOf(rows), unit);
          expect(c.rate).toBeCloseTo(expected.rate, 12);
          expect(c.periodsUsed).toBe(expected.periodsUsed);
          expect(c.byPeriod.map((p) => ({ active: p.active, retained: p.retained }))).toEqual(
            expected.pairs
          );
        }
      ),
      { numRuns: 300 }
    );
  });

  it("answers at once on a window of 8,000 years of days, visiting only the periods with activity", () => {
    // a mistyped 9999-12-31 stretches the window to 2,958,465 daily periods; empty periods add nothing
    const day = parsePeriodUnit("day", "month");
    const L = readLedger({ customers: ["C1", "C1", "C1"], dates: [1, 2, 2958465] });
    const started = performance.now();
    const c = churnRate(L, day);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(c.rate).toBe(0.5); // day 1 retained into day 2, day 2 not retained
    expect(c.activeCustomers).toBe(2);
    expect(c.churnedCustomers).toBe(1);
    expect(c.meanOfRates).toBe(0.5);
    expect(c.periodsUsed).toBe(2958464);
  });

  it("gives the unweighted mean of the per-period rates, empty periods left out", () => {
    const rows: RefRow[] = [
      { customer: "A", date: s(2024, 1, 5), amount: 0 },
      { customer: "A", date: s(2024, 2, 5), amount: 0 },
      { customer: "B", date: s(2024, 1, 9), amount: 0 },
      { customer: "A", date: s(2024, 5, 5), amount: 0 },
      { customer: "A", date: s(2024, 6, 30), amount: 0 },
    ];
    const c = churnRate(ledgerOf(rows), month);
    const rates = c.byPeriod.map((p) => p.rate).filter((r): r is number => r !== null);
    expect(c.byPeriod.map((p) => p.rate)).toEqual([0.5, 1, null, null, 0]);
    expect(c.meanOfRates).toBeCloseTo(rates.reduce((a, b) => a + b, 0) / rates.length, 15);
  });

  it("refuses a period shorter than a day (dates are whole days) instead of counting billions of periods", () => {
    const L = readLedger({ customers: ["C1", "C1"], dates: [1, 2958465] });
    const started = performance.now();
    expect(errorOf(() => churnRate(L, parsePeriodUnit("0.001", "month")))).toMatchObject({
      code: "periodBelowDay",
      arg: "period",
    });
    expect(errorOf(() => churnRate(L, parsePeriodUnit(0.5, "month")))).toMatchObject({
      code: "periodBelowDay",
    });
    expect(performance.now() - started).toBeLessThan(100);
    // 1.5-day windows from day 0: [0, 1.5) [1.5, 3) [3, 4.5) [4.5, 6) hold days 0 | 2 | – | 5: retained, lost
    expect(
      churnRate(
        readLedger({ customers: ["A", "A", "A"], dates: [45000, 45002, 45005] }),
        parsePeriodUnit(1.5, "month")
      ).rate
    ).toBe(0.5);
  });
});
