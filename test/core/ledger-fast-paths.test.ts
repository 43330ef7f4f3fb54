/**
 * The ledger reader's fast paths (ids interned by their raw spelling, serials, numeric amounts, cached text)
 * must read exactly what the shared cell readers read. A plain reference reader, built only from those readers
 * and the documented rules, is compared with readLedger on random columns of mixed cells.
 */
import fc from "fast-check";
import { LtvError } from "../../src/core/errors";
import { readAmount } from "../../src/core/input/amount";
import { isBlank, type Cell } from "../../src/core/input/cells";
import { columnArg, toColumn } from "../../src/core/input/columns";
import { readDate } from "../../src/core/input/date";
import { readId } from "../../src/core/input/id";
import { readLedger } from "../../src/core/ledger";

interface RefResult {
  kept: { row: number; customer: string; date: number; amount: number }[];
  skipped: { row: number; arg: string }[];
  blankRows: number;
}

/** Blank, or 0: how some Excel builds pass an empty cell (0 is never an id or a date). */
const empty = (c: Cell) => isBlank(c) || c === 0;

/** The rules of readLedger for ids, dates and amounts (no header in these columns), one row at a time. */
function referenceRead(ids: Cell[], dates: Cell[], amounts: Cell[]): RefResult {
  const out: RefResult = { kept: [], skipped: [], blankRows: 0 };
  for (let i = 0; i < ids.length; i++) {
    if (empty(ids[i]) && empty(dates[i]) && empty(amounts[i])) {
      out.blankRows++;
      continue;
    }
    const id = ids[i] === 0 ? null : readId(ids[i]);
    if (id === null || id === undefined) {
      out.skipped.push({ row: i + 1, arg: "customer_ids" });
      continue;
    }
    const date = dates[i] === 0 ? null : readDate(dates[i]);
    if (date === null || date === undefined) {
      out.skipped.push({ row: i + 1, arg: "order_dates" });
      continue;
    }
    const amount = readAmount(amounts[i]);
    if (amount === null || amount === undefined) {
      out.skipped.push({ row: i + 1, arg: "amounts" });
      continue;
    }
    out.kept.push({ row: i + 1, customer: id, date, amount });
  }
  return out;
}

const idCell = fc.constantFrom<Cell>(
  "A001",
  " A001",
  "Ａ００１",
  "A001 ",
  "B2",
  1001,
  0,
  "1001",
  1001.5,
  "",
  "  ",
  null,
  true,
  { code: "#N/A" },
  "顧客 7",
  "x\u3000"
);
const dateCell = fc.constantFrom<Cell>(
  45296,
  45296.75,
  "2024/1/5",
  "2024-01-05",
  "２０２４年１月６日",
  19970101,
  0,
  -3,
  3e6,
  "1/5/2024",
  "",
  null,
  "2024/2/30"
);
const amountCell = fc.constantFrom<Cell>(
  1200,
  0,
  -300,
  0.5,
  "¥1,200",
  "1,200円",
  "￥１，２００",
  "△500",
  "(40)",
  "1,20",
  "abc",
  "",
  null,
  Infinity,
  false
);

describe("ledger fast paths", () => {
  it("read exactly what the shared readers read, in lenient mode", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom<Cell>(45000), idCell, dateCell, amountCell), {
          minLength: 1,
          maxLength: 40,
        }),
        (cells) => {
          // a first row of plain values, so no header is detected
          const ids: Cell[] = ["Z", ...cells.map((c) => c[1])];
          const dates: Cell[] = [45000, ...cells.map((c) => c[2])];
          const amounts: Cell[] = [1, ...cells.map((c) => c[3])];
          const L = readLedger({ customers: ids, dates, amounts }, { mode: "lenient" });
          const ref = referenceRead(ids, dates, amounts);
          // the same cells as n×1 ranges, read in place, give the same ledger
          const asRange = (col: Cell[]) => col.map((c) => [c]);
          expect(
            readLedger(
              { customers: asRange(ids), dates: asRange(dates), amounts: asRange(amounts) },
              { mode: "lenient" }
            )
          ).toEqual(L);
          expect(readLedger({ amounts: asRange(amounts) }, { mode: "lenient" })).toEqual(
            readLedger({ amounts }, { mode: "lenient" })
          );
          expect(L.blankRows).toBe(ref.blankRows);
          expect(L.skipped.map((s) => ({ row: s.row, arg: s.arg }))).toEqual(ref.skipped);
          const got = Array.from({ length: L.n }, (_, i) => ({
            row: L.rows[i],
            customer: L.customers[(L.customerOf as Int32Array)[i]],
            date: (L.dates as Float64Array)[i],
            amount: (L.amounts as Float64Array)[i],
          }));
          expect(got).toEqual(ref.kept);
          // customers: exactly the ids of kept rows, in order of first appearance
          expect(L.customers).toEqual([...new Set(ref.kept.map((k) => k.customer))]);
        }
      ),
      { numRuns: 400 }
    );
  });

  it("stop at the same first bad row in strict mode", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(idCell, dateCell, amountCell), { minLength: 1, maxLength: 30 }),
        (cells) => {
          const ids: Cell[] = ["Z", ...cells.map((c) => c[0])];
          const dates: Cell[] = [45000, ...cells.map((c) => c[1])];
          const amounts: Cell[] = [1, ...cells.map((c) => c[2])];
          const ref = referenceRead(ids, dates, amounts);
          let error: LtvError | undefined;
          try {
            readLedger({ customers: ids, dates, amounts });
          } catch (e) {
            error = e as LtvError;
          }
          if (ref.skipped.length === 0) expect(error).toBeUndefined();
          else
            expect(error?.detail).toMatchObject({
              row: ref.skipped[0].row,
              arg: ref.skipped[0].arg,
            });
        }
      ),
      { numRuns: 400 }
    );
  });

  it("keep an id out of the customers when every row of it was skipped", () => {
    const L = readLedger(
      { customers: ["A", "B", "C"], dates: [45296, "bad", 45297], amounts: [1, 2, 3] },
      { mode: "lenient" }
    );
    expect(L.customers).toEqual(["A", "C"]);
    expect(Array.from(L.customerOf as Int32Array)).toEqual([0, 1]);
  });

  it("reuse the previous row's id only for an accepted row: grouped exports, line items, skipped rows", () => {
    // a customer's lines together (the previous id is reused), a new id whose row is skipped, then accepted
    const L = readLedger(
      {
        customers: ["A", "A", "B", "B", "A", "C", "C"],
        dates: [45296, 45296, "bad", 45297, 45298, 45299, 45299],
        amounts: [1, 2, 3, 4, 5, 6, 7],
        orders: ["o1", "o1", "o2", "o2", "o3", "o4", "o4"],
      },
      { mode: "lenient" }
    );
    expect(L.customers).toEqual(["A", "B", "C"]);
    expect(Array.from(L.customerOf as Int32Array)).toEqual([0, 0, 1, 0, 2, 2]);
    expect(L.orderIds).toEqual(["o1", "o2", "o3", "o4"]);
    expect(Array.from(L.orderOf as Int32Array)).toEqual([0, 0, 1, 2, 3, 3]);
    expect(L.skipped).toMatchObject([{ row: 3, arg: "order_dates" }]);
    // an order id repeated on the next row for another customer is still refused
    let detail: unknown;
    try {
      readLedger({
        customers: ["A", "B"],
        dates: [45296, 45296],
        orders: ["o1", "o1"],
      });
    } catch (e) {
      detail = (e as LtvError).detail;
    }
    expect(detail).toMatchObject({ code: "orderSpansCustomers", row: 2 });
  });

  it("intern thousands of distinct ids, long ones and near-collisions included, exactly as a Map would", () => {
    const rand = (() => {
      let x = 12345;
      return () => (x = (x * 16807) % 2147483647) / 2147483647;
    })();
    const pool = Array.from({ length: 6000 }, (_, k) =>
      k % 1000 === 0 ? "L".repeat(20_000 + k) : `C${k}`
    );
    pool.push("ab", "ba", "a\u0000b", "é", "e\u0301"); // anagrams, an inner NUL, composed and decomposed é
    // lengths around the longest key kept inside a slot, differing only in the last character
    for (const stem of ["abcdefgh", "abcdefghi", "abcdefghij", "abcdefghijk"])
      pool.push(`${stem}x`, `${stem}y`, stem);
    const ids = Array.from({ length: 30_000 }, () => pool[Math.floor(rand() * pool.length)]);
    // fresh string objects for each cell, as Excel passes them
    const cells = ids.map((id) => id.split("").join(""));
    const L = readLedger({ customers: cells, dates: cells.map(() => 45296) });
    const expected = new Map<string, number>();
    for (const id of ids.map((i) => readId(i) as string))
      if (!expected.has(id)) expected.set(id, expected.size);
    expect(L.customers).toEqual([...expected.keys()]);
    expect(Array.from(L.customerOf as Int32Array)).toEqual(
      ids.map((i) => expected.get(readId(i) as string))
    );
  });

  it("read n×1 ranges in place, with toColumn's error for a row that is not one cell", () => {
    const ok = readLedger({
      customers: columnArg([["A"], ["B"]], "customer_ids"),
      dates: columnArg([[45296], [45297]], "order_dates"),
    });
    expect(ok.customers).toEqual(["A", "B"]);
    expect(columnArg([[1, 2, 3]], "amounts")).toEqual([1, 2, 3]); // a row goes through toColumn
    const ragged = [[45296], [45297, 1]];
    let fromRange: unknown;
    let fromToColumn: unknown;
    try {
      readLedger({ customers: [["A"], ["B"]], dates: columnArg(ragged, "order_dates") });
    } catch (e) {
      fromRange = (e as LtvError).detail;
    }
    try {
      toColumn(ragged, "order_dates");
    } catch (e) {
      fromToColumn = (e as LtvError).detail;
    }
    expect(fromRange).toEqual(fromToColumn);
    expect(fromRange).toMatchObject({ code: "notAColumn", arg: "order_dates" });
  });

  it("read order ids from a range, skip a row whose order id is unreadable, and stop a numeric run at a malformed row", () => {
    const L = readLedger(
      {
        customers: [["A"], ["A"], ["B"]],
        amounts: [[1], [2], [3]],
        orders: [["o1"], [true], ["o2"]],
      },
      { mode: "lenient" }
    );
    expect(L.orderIds).toEqual(["o1", "o2"]);
    expect(L.skipped).toMatchObject([{ row: 2, arg: "order_ids", reason: "notAnId" }]);
    let detail: unknown;
    try {
      readLedger({ amounts: [[1], [2, 3]] });
    } catch (e) {
      detail = (e as LtvError).detail;
    }
    expect(detail).toMatchObject({ code: "notAColumn", arg: "amounts" });
    expect(readLedger({ amounts: [[1], [2], ["¥3"]] }).amounts).toEqual(
      new Float64Array([1, 2, 3])
    );
  });
});
