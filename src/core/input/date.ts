/**
 * Dates as Excel stores them: serial day numbers in the 1900 date system.
 *
 * Serial 1 is 1900-01-01. Excel also counts the non-existent 1900-02-29 as serial 60 (a bug kept from Lotus
 * 1-2-3), so serials from 61 on are days since 1899-12-30 and serials 1–59 days since 1899-12-31. We follow
 * Excel exactly: `2024/1/5` is 45296 here as in Excel, and the text `1900/2/29` reads as 60.
 */
import { normalizeText } from "./cells";

const MS_PER_DAY = 86_400_000;
const EPOCH_1899_12_30 = Date.UTC(1899, 11, 30);
/** The largest serial Excel accepts: 9999-12-31. */
export const MAX_SERIAL = 2_958_465;

/** A calendar date. `month` and `day` are 1-based. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/**
 * The Excel serial of a calendar date, or `undefined` when the date does not exist (2023-02-29) or lies
 * outside 1900-01-01 … 9999-12-31. Example: `serialFromDate(2024, 1, 5)` → 45296. O(1).
 */
export function serialFromDate(year: number, month: number, day: number): number | undefined {
  if (year === 1900 && month === 2 && day === 29) return 60;
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  // Date.UTC maps years 0–99 to 1900–1999; rebuild with setUTCFullYear to keep them as written
  if (year < 100) return undefined;
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day
  )
    return undefined;
  let serial = Math.round((ms - EPOCH_1899_12_30) / MS_PER_DAY);
  if (serial < 61) serial -= 1; // before 1900-03-01: Excel's phantom 1900-02-29 shifts nothing before it
  return serial >= 1 && serial <= MAX_SERIAL ? serial : undefined;
}

/**
 * The calendar date of an Excel serial (its whole-day part). Serial 60 gives Excel's 1900-02-29.
 * Example: `dateFromSerial(45296)` → `{ year: 2024, month: 1, day: 5 }`. O(1).
 */
export function dateFromSerial(serial: number): CalendarDate {
  const whole = Math.floor(serial);
  if (whole === 60) return { year: 1900, month: 2, day: 29 };
  const offset = whole < 60 ? whole + 1 : whole;
  const d = new Date(EPOCH_1899_12_30 + offset * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** ISO text of a serial (`2024-01-05`), for messages and tests. */
export function isoFromSerial(serial: number): string {
  const { year, month, day } = dateFromSerial(serial);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

const ERAS: Readonly<Record<string, number>> = {
  // first Gregorian year of each era minus one, so era year N is base + N
  令和: 2018,
  r: 2018,
  平成: 1988,
  h: 1988,
  昭和: 1925,
  s: 1925,
};

/**
 * Parses date text. Accepted (after full-width folding): `2024/1/5`, `2024-01-05`, `2024.1.5`,
 * `2024年1月5日`, `20240105`, Japanese eras `令和6年1月5日` / `R6.1.5` (元年 = year 1), each optionally followed
 * by a time (`2024/1/5 10:30`), which is dropped. Day-first and month-first forms (`1/5/2024`) are refused:
 * they are ambiguous, and a wrong guess is a silently wrong number.
 *
 * @returns the serial of the day, or `undefined`. Example: `parseDateText("2024年1月5日")` → 45296. O(length).
 */
export function parseDateText(text: string): number | undefined {
  const s = normalizeText(text).toLowerCase().replace(/元年/g, "1年");
  let m =
    /^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})(?:[ t]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:z)?$/.exec(
      s
    );
  if (!m)
    m = /^(\d{4})年\s*(\d{1,2})月\s*(\d{1,2})日(?:\s*\(.\))?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(
      s
    );
  if (!m) m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return serialFromDate(Number(m[1]), Number(m[2]), Number(m[3]));
  const era =
    /^(令和|平成|昭和|r|h|s)\s*(\d{1,2})(?:年\s*|[/.-])(\d{1,2})(?:月\s*|[/.-])(\d{1,2})日?$/.exec(
      s
    );
  if (era) return serialFromDate(ERAS[era[1]] + Number(era[2]), Number(era[3]), Number(era[4]));
  return undefined;
}

/**
 * Reads a cell as a date serial. Numbers are serials (the time of day is dropped); an 8-digit whole number
 * such as 19970101 — far beyond any serial — is read as YYYYMMDD, the form exports and the CDNOW data use;
 * text is parsed by {@link parseDateText}.
 *
 * @returns the whole-day serial, `null` for a blank cell, `undefined` when the cell holds no date. O(1) for numbers.
 */
export function readDate(cell: unknown): number | null | undefined {
  if (typeof cell === "number") {
    if (cell >= 1 && cell < MAX_SERIAL + 1) return Math.floor(cell);
    if (Number.isInteger(cell) && cell >= 19000101 && cell <= 99991231) {
      return serialFromDate(Math.floor(cell / 10000), Math.floor(cell / 100) % 100, cell % 100);
    }
    return undefined;
  }
  if (cell === null || cell === undefined) return null;
  if (typeof cell === "string") {
    if (cell.trim() === "") return null;
    return parseDateText(cell);
  }
  return undefined;
}

/** Excel's two date systems: 1900 (Windows, the web, current Mac) and 1904 (older Mac workbooks). */
export type DateSystem = 1900 | 1904;

/**
 * Days between the systems: a 1904-system serial + 1462 is the 1900-system serial of the same day
 * (1904-01-01 is 0 in the 1904 system and 1462 in the 1900 system).
 */
export const DATE1904_OFFSET = 1462;

/** A serial of `system` as a 1900-system serial (what every reader here works in). O(1). */
export function toSerial1900(serial: number, system: DateSystem): number {
  return system === 1904 ? serial + DATE1904_OFFSET : serial;
}

/** A 1900-system serial as a serial of `system`, for writing dates back into that workbook. O(1). */
export function fromSerial1900(serial: number, system: DateSystem): number {
  return system === 1904 ? serial - DATE1904_OFFSET : serial;
}

/**
 * The date system a date cell reveals: its serial `value` against the `text` Excel displays for it. The text is
 * read year first (as {@link parseDateText}) or, for displays such as 1/5/2024 or 05.01.2024, both month-first and
 * day-first; when one reading gives the serial itself the workbook counts from 1900, when one gives serial + 1462
 * it counts from 1904. Undefined when the text is no date or the readings disagree.
 * Example: `dateSystemFromText(43834, "2024/1/5")` → 1904 (45296 − 1462); `(45296, "2024/1/5")` → 1900. O(length).
 */
export function dateSystemFromText(value: unknown, text: unknown): DateSystem | undefined {
  if (typeof value !== "number" || typeof text !== "string" || !(value >= 0)) return undefined;
  const day = Math.floor(value);
  const readings = new Set<number>();
  const ymd = parseDateText(text.split(/\s+/)[0] ?? "");
  if (ymd !== undefined) readings.add(ymd);
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(normalizeText(text).split(/\s+/)[0] ?? "");
  if (m) {
    const [a, b, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    for (const s of [serialFromDate(y, a, b), serialFromDate(y, b, a)])
      if (s !== undefined) readings.add(s);
  }
  const is1900 = readings.has(day);
  const is1904 = readings.has(day + DATE1904_OFFSET);
  if (is1900 === is1904) return undefined;
  return is1900 ? 1900 : 1904;
}

/**
 * The date system of a workbook from a sample of date cells (values and their displayed texts): the one every
 * readable sample agrees on, or undefined (no date cells, or samples that disagree). O(samples).
 */
export function dateSystemFromSamples(
  samples: ReadonlyArray<readonly [unknown, unknown]>
): DateSystem | undefined {
  let found: DateSystem | undefined;
  for (const [v, t] of samples) {
    const s = dateSystemFromText(v, t);
    if (s === undefined) continue;
    if (found !== undefined && s !== found) return undefined;
    found = s;
  }
  return found;
}
