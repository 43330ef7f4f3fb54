/**
 * periodIndexes (the per-day table behind the cohort, retention and churn passes) gives exactly
 * scheme.index(date) − base for every row, on each of its paths.
 */
import { periodIndexes, periodScheme } from "../../src/core/calendar";
import { parsePeriodUnit } from "../../src/core/periods";

const direct = (dates: Float64Array, index: (d: number) => number, base: number) =>
  Array.from(dates, (d) => index(d) - base);

describe("periodIndexes", () => {
  it("indexes whole days of the window through the per-day table, as the scheme would one by one", () => {
    // 2023-12-30 … 2025-03-02 across month, quarter and year ends, in no order, days repeated
    const dates = new Float64Array(
      Array.from({ length: 2000 }, (_, i) => 45290 + ((i * 37) % 429))
    );
    for (const name of ["month", "quarter", "year"]) {
      const scheme = periodScheme(parsePeriodUnit(name, "month"), 45290);
      const base = scheme.index(45290);
      expect(Array.from(periodIndexes(scheme, dates, base, 45290, 45718))).toEqual(
        direct(dates, scheme.index, base)
      );
    }
  });

  it("indexes directly a window longer than the rows, a date that is not a whole day, and elapsed periods", () => {
    const month = periodScheme(parsePeriodUnit("month", "month"), 1);
    // three rows over eighty years: no table of 29,000 days for them
    const sparse = new Float64Array([1000, 15000, 30000]);
    expect(Array.from(periodIndexes(month, sparse, 0, 1000, 30000))).toEqual(
      direct(sparse, month.index, 0)
    );
    // a hand-built ledger with a fraction of a day, and a date outside the window given
    const odd = new Float64Array([45296, 45296.75, 45327, 45400]);
    expect(Array.from(periodIndexes(month, odd, 7, 45296, 45327))).toEqual(
      direct(odd, month.index, 7)
    );
    const week = periodScheme(parsePeriodUnit("week", "month"), 45296);
    expect(Array.from(periodIndexes(week, odd, 0, 45296, 45400))).toEqual(
      direct(odd, week.index, 0)
    );
  });
});
