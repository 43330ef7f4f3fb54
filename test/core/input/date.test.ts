import {
  dateFromSerial,
  dateSystemFromSamples,
  dateSystemFromText,
  fromSerial1900,
  isoFromSerial,
  parseDateText,
  readDate,
  serialFromDate,
  toSerial1900,
} from "../../../src/core/input/date";
import { readLedger } from "../../../src/core/ledger";

// Expected serials are Excel's own: DATE(2024,1,5) = 45296, DATE(1900,3,1) = 61, DATE(1900,1,1) = 1,
// DATE(9999,12,31) = 2958465; Excel shows serial 60 as 1900-02-29 (the Lotus leap-year bug).
describe("Excel date serials", () => {
  it("matches Excel's serials, including the 1900 leap-year bug", () => {
    expect(serialFromDate(2024, 1, 5)).toBe(45296);
    expect(serialFromDate(1900, 1, 1)).toBe(1);
    expect(serialFromDate(1900, 2, 28)).toBe(59);
    expect(serialFromDate(1900, 2, 29)).toBe(60);
    expect(serialFromDate(1900, 3, 1)).toBe(61);
    expect(serialFromDate(1997, 1, 1)).toBe(35431);
    expect(serialFromDate(9999, 12, 31)).toBe(2958465);
  });

  it("refuses dates that do not exist or lie outside Excel's range", () => {
    expect(serialFromDate(2023, 2, 29)).toBeUndefined();
    expect(serialFromDate(2024, 13, 1)).toBeUndefined();
    expect(serialFromDate(2024, 4, 31)).toBeUndefined();
    expect(serialFromDate(1899, 12, 31)).toBeUndefined();
    expect(serialFromDate(10000, 1, 1)).toBeUndefined();
  });

  it("turns serials back into calendar dates", () => {
    expect(dateFromSerial(45296)).toEqual({ year: 2024, month: 1, day: 5 });
    expect(dateFromSerial(60)).toEqual({ year: 1900, month: 2, day: 29 });
    expect(dateFromSerial(59)).toEqual({ year: 1900, month: 2, day: 28 });
    expect(dateFromSerial(61)).toEqual({ year: 1900, month: 3, day: 1 });
    expect(dateFromSerial(1)).toEqual({ year: 1900, month: 1, day: 1 });
    expect(isoFromSerial(45296.75)).toBe("2024-01-05");
  });

  it("round-trips every day from 1900 to 2100", () => {
    for (let s = 1; s < 73051; s += 1) {
      const { year, month, day } = dateFromSerial(s);
      expect(serialFromDate(year, month, day)).toBe(s);
    }
  });
});

describe("reading dates from cells", () => {
  it.each([
    ["2024/1/5", 45296],
    ["2024-01-05", 45296],
    ["2024.1.5", 45296],
    ["2024年1月5日", 45296],
    ["２０２４年１月５日", 45296],
    ["２０２４/０１/０５", 45296],
    ["2024/1/5 10:30", 45296],
    ["2024-01-05T10:30:00", 45296],
    ["2024年1月5日(金)", 45296],
    ["20240105", 45296],
    ["令和6年1月5日", 45296],
    ["R6.1.5", 45296],
    ["平成31年4月30日", 43585],
    ["令和元年5月1日", 43586],
    ["1900/2/29", 60],
  ])("reads %s", (text, serial) => {
    expect(parseDateText(text)).toBe(serial);
  });

  it.each([
    "1/5/2024",
    "5/1/2024",
    "2023/2/29",
    "2024/13/1",
    "購入日",
    "yesterday",
    "2024",
    "24/1/5",
  ])("refuses %j (ambiguous or not a date)", (text) => {
    expect(parseDateText(text)).toBeUndefined();
  });

  it("reads serials (dropping the time), YYYYMMDD numbers, blanks and refuses the rest", () => {
    expect(readDate(45296)).toBe(45296);
    expect(readDate(45296.9)).toBe(45296);
    expect(readDate(19970101)).toBe(35431);
    expect(readDate(19971332)).toBeUndefined();
    expect(readDate(0)).toBeUndefined();
    expect(readDate(-5)).toBeUndefined();
    expect(readDate(3e6)).toBeUndefined();
    expect(readDate(null)).toBeNull();
    expect(readDate(" ")).toBeNull();
    expect(readDate(true)).toBeUndefined();
    expect(readDate({ code: "#N/A" })).toBeUndefined();
  });
});

describe("the 1904 date system", () => {
  it("converts between the systems by 1,462 days", () => {
    expect(toSerial1900(0, 1904)).toBe(serialFromDate(1904, 1, 1));
    expect(toSerial1900(45296 - 1462, 1904)).toBe(45296);
    expect(fromSerial1900(45296, 1904)).toBe(45296 - 1462);
    expect(toSerial1900(45296, 1900)).toBe(45296);
    expect(fromSerial1900(45296, 1900)).toBe(45296);
  });

  it.each([
    [45296, "2024/1/5", 1900],
    [45296 - 1462, "2024/1/5", 1904],
    [45296 - 1462, "2024-01-05", 1904],
    [45296, "2024年1月5日", 1900],
    [45296 - 1462, "1/5/2024", 1904], // US display, month first
    [45296, "05.01.2024", 1900], // day first
    [45296.5, "2024/1/5 12:00", 1900],
  ])("value %d shown as %s → %d", (value, text, system) => {
    expect(dateSystemFromText(value, text)).toBe(system);
  });

  it("says nothing when the text is no date, the value no serial, or the readings disagree", () => {
    expect(dateSystemFromText(45296, "Jan")).toBeUndefined();
    expect(dateSystemFromText("2024/1/5", "2024/1/5")).toBeUndefined();
    expect(dateSystemFromText(45296, 45296)).toBeUndefined();
    expect(dateSystemFromText(12345, "2024/1/5")).toBeUndefined();
    expect(dateSystemFromSamples([])).toBeUndefined();
    expect(
      dateSystemFromSamples([
        [45296 - 1462, "2024/1/5"],
        ["x", "x"],
        [45297 - 1462, "2024/1/6"],
      ])
    ).toBe(1904);
    expect(
      dateSystemFromSamples([
        [45296 - 1462, "2024/1/5"],
        [45296, "2024/1/5"],
      ])
    ).toBeUndefined();
  });

  it("readLedger with dateSystem 1904 moves date cells to the 1900 system; text dates agree with them", () => {
    const ledger = readLedger(
      { customers: ["A", "A", "B"], dates: [45296 - 1462, "2024/1/6", 19970101] },
      { dateSystem: 1904 }
    );
    expect([...(ledger.dates as Float64Array)]).toEqual([45296, 45297, serialFromDate(1997, 1, 1)]);
    expect([...(readLedger({ dates: [45296] }).dates as Float64Array)]).toEqual([45296]);
  });
});
