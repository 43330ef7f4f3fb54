/**
 * Branches of the foundation readers that the other tests never take: a ledger with no column at all, blank
 * order cells, ids whose hashes collide in the reader's string table, years below 100 in date text, header
 * fragments, and a headerless numeric column that must not pass for order numbers. Expected values are worked
 * out by hand next to each case; the hash collisions are checked with an independent FNV-1a below.
 */
import { LtvError, type LtvErrorDetail } from "../../src/core/errors";
import { readDate, serialFromDate } from "../../src/core/input/date";
import { detectColumns, headerScore, roleOfHeader } from "../../src/core/input/headers";
import { readLedger } from "../../src/core/ledger";

function errorOf(fn: () => unknown): LtvErrorDetail {
  try {
    fn();
  } catch (e) {
    if (e instanceof LtvError) return e.detail;
    throw e;
  }
  throw new Error("expected an LtvError");
}

/** 32-bit FNV-1a with the high bits folded down, written out again from its definition (not imported). */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let j = 0; j < s.length; j++) {
    h ^= s.charCodeAt(j);
    h = Number((BigInt(h) * 16777619n) & 0xffffffffn);
  }
  return (h ^ (h >>> 15)) >>> 0;
}

describe("readLedger: no columns, blank rows and blank order ids", () => {
  it("refuses a ledger with no column at all (noOrders)", () => {
    expect(errorOf(() => readLedger({}))).toMatchObject({
      kind: "notEnoughData",
      code: "noOrders",
    });
    expect(errorOf(() => readLedger({}, { mode: "lenient" })).code).toBe("noOrders");
  });

  it("counts a row whose amount and order id are both blank as a blank row, not an error", () => {
    const l = readLedger({ amounts: [340, "", 490], orders: ["A-1", "", "A-2"] });
    expect(l.n).toBe(2);
    expect(l.blankRows).toBe(1);
    expect(Array.from(l.amounts!)).toEqual([340, 490]);
    expect(l.orderIds).toEqual(["A-1", "A-2"]);
    expect(Array.from(l.rows)).toEqual([1, 3]);
  });

  it("strict: a blank order id on an otherwise filled row is blankCell naming order_ids and the row", () => {
    const d = errorOf(() => readLedger({ amounts: [340, 490], orders: ["A-1", ""] }));
    expect(d).toMatchObject({ code: "blankCell", arg: "order_ids", row: 2 });
    // a cell that is no id at all is notAnId, the other side of the same choice
    expect(errorOf(() => readLedger({ amounts: [340], orders: [true] })).code).toBe("notAnId");
  });

  it("lenient: the row with a blank order id is skipped with reason blankCell, the others kept", () => {
    const l = readLedger(
      { customers: ["C1", "C1", "C2"], amounts: [340, 490, 100], orders: ["A-1", null, "A-2"] },
      { mode: "lenient" }
    );
    expect(l.n).toBe(2);
    expect(l.blankRows).toBe(0);
    expect(l.skipped).toEqual([{ row: 2, reason: "blankCell", arg: "order_ids", value: null }]);
    expect(l.customers).toEqual(["C1", "C2"]);
    expect(l.orderIds).toEqual(["A-1", "A-2"]);
  });
});

describe("readLedger: ids whose hashes collide stay apart", () => {
  // found by search over "C" + 5 characters of [A-Z0-9]; same length, same 32-bit hash, different text
  const differAtEven = ["CAK64Z", "CAWIHE"]; // first difference at index 2: the low half of a packed pair
  const differAtOdd = ["CC9L59", "CDBDZR"]; // first difference at index 1: the high half of a packed pair

  it("the pairs really collide (independent FNV-1a), so the table must compare the characters", () => {
    for (const [a, b] of [differAtEven, differAtOdd]) {
      expect(a.length).toBe(b.length);
      expect(a).not.toBe(b);
      expect(fnv1a(a)).toBe(fnv1a(b));
    }
  });

  it.each([
    ["a character at an even position", differAtEven],
    ["a character at an odd position", differAtOdd],
  ])("two customers whose ids differ only in %s are two customers", (_, [a, b]) => {
    const l = readLedger({ customers: [a, b, a, b, a], amounts: [1, 10, 100, 1000, 10000] });
    expect(l.customers).toEqual([a, b]);
    expect(Array.from(l.customerOf!)).toEqual([0, 1, 0, 1, 0]);
  });

  it("colliding order ids are two orders (and a third spelling finds the right one)", () => {
    const [a, b] = differAtOdd;
    const l = readLedger({ amounts: [5, 7, 9], orders: [a, b, b] });
    expect(l.orderIds).toEqual([a, b]);
    expect(Array.from(l.orderOf!)).toEqual([0, 1, 1]);
  });
});

describe("dates: years below 100 are not read as 19xx", () => {
  it("serialFromDate refuses years 0–99 (Date.UTC would map 50 to 1950)", () => {
    expect(serialFromDate(50, 1, 1)).toBeUndefined();
    expect(serialFromDate(99, 12, 31)).toBeUndefined();
    expect(serialFromDate(0, 6, 15)).toBeUndefined();
    // 1950-01-01 itself is serial 18264 (days from 1899-12-30, minus nothing: after 1900-03-01)
    expect(serialFromDate(1950, 1, 1)).toBe(18264);
  });

  it("date text with a four-digit year below 100 is no date", () => {
    expect(readDate("0050/01/01")).toBeUndefined();
    expect(readDate("0099年12月31日")).toBeUndefined();
    expect(readDate("1999/12/31")).toBe(36525);
  });
});

describe("headers: a fragment of a role's word scores 2", () => {
  it("'Annual revenue' and 取引伝票 name an amount and an order by a fragment", () => {
    expect(headerScore("Annual revenue", "amount")).toBe(2);
    expect(headerScore("取引伝票", "order")).toBe(2);
    expect(headerScore("Revenue", "amount")).toBe(3); // the exact word
    expect(headerScore("Annual revenue", "order")).toBe(0);
    expect(roleOfHeader("Annual revenue")).toBe("amount");
  });

  it("a header of fragments maps its columns by header", () => {
    const d = detectColumns([
      ["取引伝票", "Annual revenue"],
      ["T-1", 1200],
    ]);
    expect(d.hasHeader).toBe(true);
    expect(d.mapping).toEqual({ order: 0, amount: 1 });
    expect(d.how).toEqual({ order: "header", amount: "header" });
  });
});

describe("headers: a headerless second numeric column is not an order column", () => {
  const base = [
    ["C1", "2024/1/5", 1200.5],
    ["C1", "2024/1/9", 980.25],
    ["C2", "2024/2/1", 450.75],
    ["C2", "2024/2/3", 310.1],
  ];

  it("unique whole numbers (quantities 1…4) look like ids but are amounts, so no order column is guessed", () => {
    const d = detectColumns(base.map((r, i) => [...r, i + 1]));
    expect(d.hasHeader).toBe(false);
    expect(d.mapping).toEqual({ customer: 0, date: 1, amount: 2 });
  });

  it("unique text ids in the same place are taken as the order column", () => {
    const d = detectColumns(base.map((r, i) => [...r, `A-${1001 + i}`]));
    expect(d.mapping).toEqual({ customer: 0, date: 1, amount: 2, order: 3 });
    expect(d.how.order).toBe("content");
  });
});
