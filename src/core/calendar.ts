/**
 * Calendar arithmetic on Excel serials for the cohort, retention and churn estimators: which period a date falls
 * in, where a period starts, what it is called, and the newest period that has fully ended. Integer maths, no
 * Date objects: it runs once per ledger row.
 *
 * Month, quarter and year are *calendar* periods, as a person reads a cohort table (a first order on 2024-01-31
 * is in January, and its period 1 is February). Day, week and a number of days D are *elapsed* periods: windows
 * of D days counted from an origin (the ledger's first order date).
 */
import { badValue } from "./errors";
import { MAX_SERIAL, isoFromSerial, serialFromDate } from "./input/date";
import type { PeriodUnit } from "./periods";

/**
 * Refuses a number of days below one for the cohort, retention and churn functions: dates are whole days, so a
 * shorter period leaves most periods without a single day in them (every customer "churns" between two periods of
 * the same day) and a window of years turns into billions of periods.
 * @throws LtvError `periodBelowDay` (arg "period"). O(1).
 */
export function checkPeriodLength(unit: PeriodUnit): void {
  if (!(unit.days >= 1)) throw badValue("periodBelowDay", { arg: "period", value: unit.days });
}

/**
 * The calendar month of an Excel serial as one integer, year × 12 + (month − 1).
 *
 * Integer civil-from-days conversion (H. Hinnant's algorithm) on days since 1970-01-01, with Excel's
 * 1900 leap-year bug: serial 60 is 1900-02-29, serials below it are one day later than a plain count.
 * Example: `monthIndexOfSerial(45296)` (2024-01-05) → 24288. O(1).
 */
export function monthIndexOfSerial(serial: number): number {
  if (serial === 60) return 1900 * 12 + 1;
  const days = serial < 60 ? serial - 25568 : serial - 25569;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month0 = mp < 10 ? mp + 2 : mp - 10; // 0-based calendar month
  const year = yoe + era * 400 + (month0 <= 1 ? 1 : 0);
  return year * 12 + month0;
}

/**
 * How one period unit turns dates into period indexes, for cohorts and churn.
 *
 * Calendar units index calendar periods (months since year 0, quarters, years); elapsed units index windows of
 * `unit.days` days starting at `origin`.
 */
export interface PeriodScheme {
  unit: PeriodUnit;
  /** true for month, quarter and year (calendar periods), false for day, week and N days (elapsed time) */
  calendar: boolean;
  /** elapsed units: the first day of window 0 (the ledger's first order date) */
  origin: number;
  /** the period index of a date serial */
  index(serial: number): number;
  /** the first day (serial) of period `p` */
  start(p: number): number;
  /** a label for period `p`: "2024-01", "2024-Q1", "2024", or the first day "2024-01-05" for elapsed units */
  label(p: number): string;
}

/**
 * The period scheme of a unit. Month, quarter and year are calendar periods; any other unit counts windows of
 * `unit.days` days from `origin`. Example: `periodScheme(month, 0).label(periodScheme(month, 0).index(45296))`
 * → "2024-01". O(1).
 */
export function periodScheme(unit: PeriodUnit, origin: number): PeriodScheme {
  const name = unit.name;
  if (name === "month" || name === "quarter" || name === "year") {
    const months = name === "month" ? 1 : name === "quarter" ? 3 : 12;
    const firstMonth = (p: number): number => p * months;
    return {
      unit,
      calendar: true,
      origin,
      index:
        months === 1
          ? monthIndexOfSerial
          : (serial: number) => Math.floor(monthIndexOfSerial(serial) / months),
      start(p) {
        const m = firstMonth(p);
        return (
          serialFromDate(Math.floor(m / 12), (m % 12) + 1, 1) ??
          (m < 1900 * 12 ? 1 : MAX_SERIAL + 1)
        );
      },
      label(p) {
        const m = firstMonth(p);
        const year = String(Math.floor(m / 12)).padStart(4, "0");
        if (months === 12) return year;
        if (months === 3) return `${year}-Q${(m % 12) / 3 + 1}`;
        return `${year}-${String((m % 12) + 1).padStart(2, "0")}`;
      },
    };
  }
  const d = unit.days;
  return {
    unit,
    calendar: false,
    origin,
    index: (serial: number) => Math.floor((serial - origin) / d),
    start: (p: number) => Math.ceil(origin + p * d),
    label: (p: number) => isoFromSerial(Math.ceil(origin + p * d)),
  };
}

/**
 * The last period index whose every day lies on or before `end`: the newest period that is fully observed.
 * Works for both kinds of scheme, since period p has ended by `end` exactly when `end + 1` lies in a later period.
 * O(1).
 */
export function lastCompletePeriod(scheme: PeriodScheme, end: number): number {
  return scheme.index(end + 1) - 1;
}

/**
 * How many periods since first purchase (k = 0, 1, …) a customer whose first purchase is on `first` has been
 * observed for in full by `end` — the one definition of "observed for k periods" that cohort tables, retention
 * curves, cumulative cohort values and the value curve share. Calendar schemes: the calendar periods from the
 * first purchase's period to the last one that has ended by `end`, lastCompletePeriod(end) − index(first) + 1.
 * Elapsed schemes: the customer's own windows of D days from the first purchase that have ended,
 * ⌊(end + 1 − first) / D⌋ (period k ends by `end` ⇔ first + (k + 1)·D ≤ end + 1).
 * Example: first purchase 2024-01-31, end 2024-03-31, months → 3 (January, February, March); 30 days → 2.
 * @returns 0 when not even period 0 has ended, negative when `first` is after `end`. O(1).
 */
export function periodsObserved(scheme: PeriodScheme, first: number, end: number): number {
  if (scheme.calendar) return lastCompletePeriod(scheme, end) - scheme.index(first) + 1;
  return Math.floor((end + 1 - first) / scheme.unit.days);
}

/**
 * The period index of every date of a ledger, minus `base`: `out[i] = scheme.index(dates[i]) − base`. Calendar
 * schemes first index each day of the window `lo … hi` once (a few thousand days) and then look each row up by
 * its day, so the civil-date arithmetic runs per day rather than per row; a window longer than the rows (or a
 * date that is not a whole day inside it) is indexed directly. Elapsed schemes are one division per row anyway.
 * Example: months, dates 45296, 45327, 45296 (2024-01-05, 02-05, 01-05), base 24288 → 0, 1, 0.
 * O(n + min(window, n)) time, O(min(window, n)) memory beyond `out`.
 */
export function periodIndexes(
  scheme: PeriodScheme,
  dates: Float64Array,
  base: number,
  lo: number,
  hi: number
): Int32Array {
  const n = dates.length;
  const out = new Int32Array(n);
  const index = scheme.index;
  const span = hi - lo + 1;
  if (scheme.calendar && Number.isInteger(lo) && span >= 1 && span <= n + 1024) {
    const byDay = new Int32Array(span);
    for (let d = 0; d < span; d++) byDay[d] = index(lo + d) - base;
    for (let i = 0; i < n; i++) {
      const x = dates[i] - lo;
      // the reading pass stores whole days; anything else (a ledger built by hand) is indexed directly
      out[i] = x >= 0 && x < span && x === Math.floor(x) ? byDay[x] : index(dates[i]) - base;
    }
    return out;
  }
  for (let i = 0; i < n; i++) out[i] = index(dates[i]) - base;
  return out;
}
