/**
 * Whole columns as real Excel passes them: some builds hand a custom function 0 for every empty cell, others null
 * or "". Every function that takes a range must give the same answer for its data alone and for its data followed
 * by such an empty tail (of zeros, of blanks, or mixed), including the model functions' per-customer columns and
 * the parameter rows of a fit read through a whole row.
 *
 * Functions are found through the metadata generator, as the build finds them: a new function with a range
 * argument fails here until it is given arguments below.
 */
import { readLedger } from "../../src/core/ledger";
import { ledgerCustomerSummary } from "../../src/core/summary-route";
import { readCdnowElog } from "../core/models/cdnow";
import { loadSources } from "./harness/runtime";

const sources = loadSources();
type Cells = unknown[][];

/** A small ledger: 60 customers over a year, about half of them repeat buyers (so every model can be fitted). */
function ledger(): { ids: unknown[]; dates: unknown[]; amounts: unknown[]; orders: unknown[] } {
  const ids: unknown[] = [];
  const dates: unknown[] = [];
  const amounts: unknown[] = [];
  const orders: unknown[] = [];
  const start = 45292; // 2024-01-01
  let seed = 12345;
  const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  let k = 0;
  for (let cust = 0; cust < 60; cust++) {
    const id = cust === 3 ? 1001 : cust === 5 ? "顧客C" : `C${cust}`;
    const first = Math.floor(rand() * 250);
    const repeats = rand() < 0.5 ? 0 : 1 + Math.floor(rand() * 6);
    const days = [first];
    for (let j = 0; j < repeats; j++) days.push(first + Math.floor(rand() * (365 - first)));
    for (const d of days.sort((x, y) => x - y)) {
      ids.push(id);
      dates.push(start + d);
      amounts.push(300 + Math.floor(rand() * 50) * 100);
      orders.push(`O${++k}`);
    }
  }
  return { ids, dates, amounts, orders };
}

const col = (v: unknown[]): Cells => v.map((x) => [x]);
const call = (id: string, ...args: unknown[]) => {
  const fn = sources.functions.get(id);
  if (!fn) throw new Error(`${id} is not a custom function`);
  return fn(...args);
};
const L = ledger();
// per-customer columns for the models: the CDNOW sample (2,357 customers), where every model converges
const e = readCdnowElog();
const summary = call(
  "CLV_SUMMARY",
  col(e.ids),
  col(e.dates),
  col(e.sales),
  "week",
  "1997-09-30"
) as Cells;
const body = summary.slice(1);
const F = body.map((r) => r[1]);
const R = body.map((r) => r[2]);
const T = body.map((r) => r[3]);
const M = body.map((r) => r[4]);
// the per-customer predictions on the first 300 customers (their cost is per customer, the point is the tail)
const [f, rc, t, m] = [F, R, T, M].map((x) => x.slice(0, 300));
const BG = [[0.5, 4, 0.8, 2.5, -50]];
const PN = [[0.55, 10, 0.6, 11, -50]];
const GGP = [[6, 4, 15, -40]];
const SBGP = [[0.7, 1.2, -30]];
const SURV = [1000, 631, 468, 382, 326];

/** The small ledger's customer summary (the summary route's input), one-time buyers' spend blank as SQL's NULL. */
const SUMMARY: unknown[][] = (() => {
  const t = ledgerCustomerSummary(
    readLedger({ customers: L.ids as never, dates: L.dates as never, amounts: L.amounts as never })
  );
  return t.customers.map((id, i) => [
    id,
    t.first[i],
    t.last[i],
    t.repeats[i],
    t.repeats[i] === 0 ? null : (t.avgRepeat as Float64Array)[i],
    (t.firstAmount as Float64Array)[i],
  ]);
})();

/**
 * Each function: its arguments; a column (array of cells) gets the tail, a table (several columns) a tail of rows,
 * a params row its zeros, scalars stay.
 */
type Arg =
  { column: unknown[] } | { table: unknown[][] } | { row: unknown[][] } | { scalar: unknown };
const c = (v: unknown[]): Arg => ({ column: v });
const tb = (v: unknown[][]): Arg => ({ table: v });
const r = (v: unknown[][]): Arg => ({ row: v });
const s = (v: unknown): Arg => ({ scalar: v });

const CALLS: Record<string, Arg[][]> = {
  AVG_ORDER: [[c(L.amounts)], [c(L.amounts), c(L.orders)]],
  FREQ: [
    [c(L.ids), c(L.dates), s("quarter")],
    [c(L.ids), c(L.dates), s("month"), c(L.orders)],
  ],
  CUSTOMER_SUMMARY: [
    [c(L.ids), c(L.dates), c(L.amounts)],
    [c(L.ids), c(L.dates), c(L.amounts), c(L.orders)],
  ],
  RETENTION_CURVE: [[c(L.ids), c(L.dates), s("month")]],
  COHORT_TABLE: [
    [c(L.ids), c(L.dates), s("quarter")],
    [c(L.ids), c(L.dates), s("month"), s("revenue"), c(L.amounts)],
  ],
  CHURN_RATE: [[c(L.ids), c(L.dates), s("month")]],
  CLV_SUMMARY: [
    [c(L.ids), c(L.dates), c(L.amounts), s("week")],
    [c(L.ids), c(L.dates), s(undefined), s("month"), s(45292 + 300)],
  ],
  BGNBD_FIT: [[c(F), c(R), c(T)]],
  PNBD_FIT: [[c(F), c(R), c(T)]],
  BGNBD_EXPECTED: [[r(BG), s(6), c(f), c(rc), c(t)]],
  BGNBD_PALIVE: [[r(BG), c(f), c(rc), c(t)]],
  PNBD_EXPECTED: [[r(PN), s(6), c(f), c(rc), c(t)]],
  PNBD_PALIVE: [[r(PN), c(f), c(rc), c(t)]],
  GG_FIT: [[c(F), c(M)]],
  GG_SPEND: [[r(GGP), c(f), c(m)]],
  CLV_PREDICT: [[r(BG), r(GGP), c(f), c(rc), c(t), c(m), s(12), s(0.01), s(0.3)]],
  LEDGER_LTV: [
    [
      c(e.ids),
      c(e.dates),
      c(e.sales),
      s("1y"),
      s("year"),
      s(undefined),
      s(0.3),
      s(0.1),
      s("bgnbd"),
    ],
  ],
  CUSTOMER_VALUE: [[c(L.ids), c(L.dates), c(L.amounts), s(6), s("month")]],
  LEDGER_LTV_SUMMARY: [[tb(SUMMARY), s("1y"), s("month")], [tb(SUMMARY.map((r) => r.slice(0, 5)))]],
  CUSTOMER_VALUE_SUMMARY: [[tb(SUMMARY), s(6), s("month")]],
  CLV_SUMMARY_FROM: [[tb(SUMMARY), s("week")], [tb(SUMMARY.map((r) => r.slice(0, 4)))]],
  PAYBACK_PERIOD: [[c([100, 250, 400, 600]), s(500)]],
  BGNBD_EXPECTED_NEW: [[r(BG), s(52)]],
  PNBD_EXPECTED_NEW: [[r(PN), s(52)]],
  SBG_FIT: [[c(SURV)]],
  SBG_RETENTION: [[r(SBGP), c([1, 2, 3, 4])]],
  SBG_SURVIVAL: [[r(SBGP), c([0, 1, 2, 3])]],
  SBG_DERL: [[r(SBGP), s(0.1), s(2)]],
};

/** The arguments as Excel passes them, each column followed by `tail(i)` for i = 0 … tail rows − 1. */
function build(args: Arg[], tailRows: number, tail: (i: number) => unknown): unknown[] {
  return args.map((a) => {
    if ("scalar" in a) return a.scalar;
    if ("row" in a) return [[...a.row[0], ...Array.from({ length: tailRows }, () => 0)]];
    if ("table" in a)
      return [
        ...a.table,
        ...Array.from({ length: tailRows }, (_, i) => a.table[0].map(() => tail(i))),
      ];
    return col([...a.column, ...Array.from({ length: tailRows }, (_, i) => tail(i))]);
  });
}

const TAILS: Array<[string, (i: number) => unknown]> = [
  ["zeros", () => 0],
  ["blanks", () => null],
  ['empty strings ""', () => ""],
  ["zeros and blanks mixed", (i) => [0, null, "", 0][i % 4]],
];

const rangeFunctions = [...sources.metadata.values()]
  .filter((m) => m.parameters.some((p) => p.dimensionality === "matrix"))
  .map((m) => m.id);

describe("an empty tail (whole columns as Excel passes them) changes no answer", () => {
  it("every function that takes a range is covered here", () => {
    expect(rangeFunctions.filter((id) => !CALLS[id])).toEqual([]);
  });

  for (const id of rangeFunctions.filter((x) => CALLS[x])) {
    it(id, () => {
      for (const args of CALLS[id]) {
        const plain = call(id, ...build(args, 0, () => null));
        if (plain instanceof CustomFunctions.Error)
          throw new Error(`${id}: ${(plain as unknown as Error).message}`);
        for (const [what, tail] of TAILS)
          for (const rows of [1, 500]) {
            const got = call(id, ...build(args, rows, tail));
            if (JSON.stringify(got) !== JSON.stringify(plain))
              throw new Error(
                `${id} with ${rows} rows of ${what}: ${JSON.stringify(got).slice(0, 300)} ≠ ${JSON.stringify(plain).slice(0, 300)}`
              );
          }
      }
    });
  }
});

describe("optional arguments pointed at empty cells", () => {
  const ltv = (...args: unknown[]) => call("LTV", 415, 12, 12, 5000, ...args);
  it("an empty cell passed as null or as 0 gives the default where the default is 0", () => {
    expect(ltv(null)).toBe(ltv());
    expect(ltv(0)).toBe(ltv());
    expect(ltv(0, null, 0)).toBe(ltv());
  });
  it("a margin of 0 (most likely an empty cell passed as 0) is refused with a message, not −5,000", () => {
    const got = ltv(undefined, 0) as { code: string; message: string };
    expect(got).toBeInstanceOf(CustomFunctions.Error);
    expect(got.code).toBe("#VALUE!");
    expect(got.message).toMatch(/empty cell/);
    expect(got.message).toMatch(/default \(1\)/);
    expect(ltv(undefined, null)).toBe(ltv());
    expect(ltv(undefined, "0")).toBe(-5000);
    expect(ltv(undefined, 0.4)).toBeCloseTo(0.4 * 415 * 144 - 5000, 9);
  });
});
