/**
 * The ranked customer list against what customers did next, and against a known truth.
 * - CDNOW (Fader, Hardie & Lee 2005; the 1/10th sample as shipped with BTYD): calibration to 1997-09-30, the
 *   following 39 weeks held out. The holdout purchases, the calibration summary and the literature's two
 *   benchmarks (a frequency-then-recency ranking; the BG/NBD with the published estimates) are computed here from
 *   the raw file with code that shares nothing with src/core, and the list must do at least as well as the
 *   issue's bars: its top 10 % make ≥ 46 % of the holdout purchases, its expected purchases miss by ≤ 0.80 a
 *   customer on average.
 * - Simulated ledgers (test/support/ledger-sim.ts): the expected revenue of all customers adds up to what they
 *   spent in the holdout, when the ledger follows a model's story.
 * - The segment rule, re-applied here from each row's numbers and the thresholds the list reports.
 */
import { readFileSync } from "fs";
import { join } from "path";
import {
  customerValueList,
  scoreCustomers,
  SEGMENT_RULE,
  type CustomerValueList,
} from "../../src/core/customer-value";
import { serialFromDate } from "../../src/core/input/date";
import { readLedger } from "../../src/core/ledger";
import { fitLedgerModel } from "../../src/core/ledger-value";
import { paretoNbdExpected } from "../../src/core/models/pareto-nbd";
import { gammaGammaSpend } from "../../src/core/models/gamma-gamma";
import { namedUnit } from "../../src/core/periods";
import {
  bgNbdProcess,
  demoProcess,
  ledgerOf,
  paretoNbdProcess,
  simulateLedgerRows,
  type Process,
} from "../support/ledger-sim";
import { DATA_DIR } from "./models/cdnow";

const WEEK = namedUnit("week");
const DAY = namedUnit("day");
const MONTH = namedUnit("month");

// ------------------------------------------------------------------------------------------------------------
// CDNOW, read and summarised here from the raw file

interface Txn {
  id: string;
  day: number; // days since 1970-01-01
  sales: number;
}
const dayOf = (yyyymmdd: string) =>
  Date.UTC(+yyyymmdd.slice(0, 4), +yyyymmdd.slice(4, 6) - 1, +yyyymmdd.slice(6, 8)) / 86_400_000;
const txns: Txn[] = readFileSync(join(DATA_DIR, "cdnow_sample_elog.csv"), "utf8")
  .trim()
  .split(/\r?\n/)
  .slice(1)
  .map((line) => {
    const [, sampleid, date, , sales] = line.split(",");
    return { id: sampleid, day: dayOf(date), sales: Number(sales) };
  });
const END = dayOf("19970930");
/** per customer: distinct purchase days up to END, and distinct purchase days after it (the holdout) */
const byCustomer = new Map<string, { calib: Set<number>; hold: Set<number> }>();
for (const t of txns) {
  const c = byCustomer.get(t.id) ?? { calib: new Set(), hold: new Set() };
  (t.day <= END ? c.calib : c.hold).add(t.day);
  byCustomer.set(t.id, c);
}
const customers = [...byCustomer.keys()];
const holdout = new Map(customers.map((id) => [id, byCustomer.get(id)!.hold.size]));
const totalHoldout = customers.reduce((s, id) => s + holdout.get(id)!, 0);
const summary = new Map(
  customers.map((id) => {
    const days = [...byCustomer.get(id)!.calib].sort((a, b) => a - b);
    return [
      id,
      {
        x: days.length - 1,
        tx: (days[days.length - 1] - days[0]) / 7,
        T: (END - days[0]) / 7,
      },
    ];
  })
);
const TOP = Math.ceil(customers.length / 10);
/** share of the holdout purchases made by the first TOP customers of a ranking */
const capture = (ranking: string[]) =>
  ranking.slice(0, TOP).reduce((s, id) => s + holdout.get(id)!, 0) / totalHoldout;

/** Gauss's series for ₂F₁(a, b; c; z), |z| < 1, summed until the terms stop mattering. */
function hyp2f1Series(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 0; n < 1_000_000; n++) {
    term *= ((a + n) * (b + n) * z) / ((c + n) * (n + 1));
    sum += term;
    if (n > 10 && Math.abs(term) < 1e-15 * Math.abs(sum)) break;
  }
  return sum;
}

/** BG/NBD E[Y(t) | x, tₓ, T] (FHL 2005, eq. 10), written out directly. */
function bgnbdConditional(
  p: { r: number; alpha: number; a: number; b: number },
  t: number,
  x: number,
  tx: number,
  T: number
): number {
  const { r, alpha, a, b } = p;
  const z = t / (alpha + T + t);
  const head =
    ((a + b + x - 1) / (a - 1)) *
    (1 -
      Math.pow((alpha + T) / (alpha + T + t), r + x) *
        hyp2f1Series(r + x, b + x, a + b + x - 1, z));
  const alive = x > 0 ? 1 + (a / (b + x - 1)) * Math.pow((alpha + T) / (alpha + tx), r + x) : 1;
  return head / alive;
}

describe("the list on CDNOW: calibration to 1997-09-30, the next 39 weeks held out", () => {
  const e = txns;
  const ledger = readLedger({
    customers: e.map((t) => t.id),
    dates: e.map((t) => t.day + 25569),
    amounts: e.map((t) => t.sales),
  });
  const list = customerValueList(ledger, {
    period: WEEK,
    horizon: 39,
    calibrationEnd: serialFromDate(1997, 9, 30),
  });

  it("the literature's benchmarks come out of the raw data as published (46.8 %, 47 %, 0.785)", () => {
    // frequency, then recency
    const byFrequency = [...customers].sort(
      (i, j) => summary.get(j)!.x - summary.get(i)!.x || summary.get(j)!.tx - summary.get(i)!.tx
    );
    expect(capture(byFrequency)).toBeCloseTo(0.468, 3);
    // the BG/NBD with the published estimates
    const published = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    const expected = new Map(
      customers.map((id) => {
        const s = summary.get(id)!;
        return [id, bgnbdConditional(published, 39, s.x, s.tx, s.T)];
      })
    );
    const mae =
      customers.reduce((s, id) => s + Math.abs(expected.get(id)! - holdout.get(id)!), 0) /
      customers.length;
    expect(mae).toBeCloseTo(0.785, 2);
    const byModel = [...customers].sort((i, j) => expected.get(j)! - expected.get(i)!);
    expect(capture(byModel)).toBeCloseTo(0.47, 2);
  });

  it("its top 10 % make at least 46 % of the holdout purchases", () => {
    expect(list.rows).toHaveLength(customers.length);
    expect(list.top.customers).toBe(TOP);
    const share = capture(list.rows.map((r) => r.customer));
    expect(share).toBeGreaterThanOrEqual(0.46);
  });

  it("its expected purchases miss the holdout by at most 0.80 a customer on average", () => {
    const mae =
      list.rows.reduce((s, r) => s + Math.abs(r.purchases - holdout.get(r.customer)!), 0) /
      list.rows.length;
    expect(mae).toBeLessThanOrEqual(0.8);
  });

  it("each customer's summary facts are the ledger's", () => {
    for (const r of list.rows.slice(0, 50)) {
      const s = summary.get(r.customer)!;
      expect(r.firstOrder).toBe(END - s.T * 7 + 25569);
      expect(r.lastOrder).toBe(END - (s.T - s.tx) * 7 + 25569);
      const sales = e.filter((t) => t.id === r.customer && t.day <= END);
      expect(r.orders).toBe(sales.length);
      expect(r.pastRevenue).toBeCloseTo(
        sales.reduce((a, t) => a + t.sales, 0),
        8
      );
    }
  });

  it("segments follow the rule, and the thresholds it reports", () => {
    expectRule(list);
    // BG/NBD: a one-time buyer is alive by assumption, so it is the expected purchases that find the dormant
    const oneTime = list.rows.filter((r) => summary.get(r.customer)!.x === 0);
    expect(oneTime.every((r) => r.pAlive === 1)).toBe(true);
    expect(oneTime.filter((r) => r.segment === "dormant").length).toBeGreaterThan(
      oneTime.length / 2
    );
  });
});

/** Re-applies the segment rule from each row's numbers and the reported thresholds; checks ranks and counts. */
function expectRule(list: CustomerValueList): void {
  const t = list.thresholds;
  const C = list.rows.length;
  const bestTop = Math.ceil(C * SEGMENT_RULE.bestShare);
  const pastSorted = list.rows.map((r) => r.pastRevenue).sort((a, b) => b - a);
  expect(t.followUpMinPastRevenue).toBe(pastSorted[Math.ceil(C * SEGMENT_RULE.followUpShare) - 1]);
  expect(t.dormantMaxPurchases).toBeCloseTo(SEGMENT_RULE.dormantRatio * t.newCustomerPurchases, 12);
  list.rows.forEach((r, k) => {
    expect(r.rank).toBe(k + 1);
    if (k > 0) expect(r.revenue).toBeLessThanOrEqual(list.rows[k - 1].revenue);
    const want =
      r.firstOrder >= t.newSince
        ? "new"
        : k < bestTop
          ? "best"
          : r.pastRevenue >= t.followUpMinPastRevenue && r.pAlive < SEGMENT_RULE.followUpPAlive
            ? "followUp"
            : r.purchases < t.dormantMaxPurchases
              ? "dormant"
              : "regular";
    expect(r.segment).toBe(want);
  });
  const counts = { new: 0, best: 0, followUp: 0, dormant: 0, regular: 0 };
  for (const r of list.rows) counts[r.segment]++;
  expect(list.counts).toEqual(counts);
  expect(t.bestCount).toBe(counts.best);
}

// ------------------------------------------------------------------------------------------------------------
// Known truth

describe("expected revenue is unbiased in aggregate on ledgers that follow a model's story", () => {
  const SPEND = { p: 6, q: 4, v: 30 }; // mean order 60
  const WINDOW = 730;
  const HOLD = 182;
  const START = 44927;
  function check(process: Process, seed: number) {
    const rows = simulateLedgerRows({
      process,
      customers: 4000,
      acquisitionDays: 365,
      windowDays: WINDOW,
      seed,
    });
    const end = START + WINDOW - 1 - HOLD;
    const list = customerValueList(ledgerOf(rows), {
      period: DAY,
      horizon: HOLD,
      calibrationEnd: end,
    });
    const acquired = new Set(list.rows.map((r) => r.customer));
    let spent = 0;
    const occasions = new Set<string>();
    for (const r of rows)
      if (r.date > end && acquired.has(r.customer)) {
        spent += r.amount;
        occasions.add(`${r.customer}|${r.date}`);
      }
    const predicted = list.rows.reduce((s, r) => s + r.revenue, 0);
    const purchases = list.rows.reduce((s, r) => s + r.purchases, 0);
    return { list, predicted, spent, purchases, occasions: occasions.size, end };
  }

  it.each([1, 2])("Pareto/NBD customers (seed %i): within 5 % of what they spent", (seed) => {
    const r = check(paretoNbdProcess(0.8, 40, 0.6, 300, SPEND), seed);
    expect(r.list.model.model.kind).toBe("pnbd");
    expect(r.predicted / r.spent).toBeGreaterThan(0.95);
    expect(r.predicted / r.spent).toBeLessThan(1.05);
    expect(r.purchases / r.occasions).toBeGreaterThan(0.95);
    expect(r.purchases / r.occasions).toBeLessThan(1.05);
    // and close to what the true parameters expect of the same customers (rates per day → per week)
    const truth = { r: 0.8, alpha: 40 / 7, s: 0.6, beta: 300 / 7 };
    const m = r.list.model.summary;
    let oracle = 0;
    for (let i = 0; i < m.customers.length; i++) {
      const x = m.frequency[i];
      oracle +=
        paretoNbdExpected(truth, HOLD / 7, x, m.recency[i], m.T[i]) *
        gammaGammaSpend(SPEND, x, (m.monetary as Float64Array)[i]);
    }
    expect(r.predicted / oracle).toBeGreaterThan(0.95);
    expect(r.predicted / oracle).toBeLessThan(1.05);
  });

  it.each([1, 2])("BG/NBD customers (seed %i): within 5 % of what they spent", (seed) => {
    const r = check(bgNbdProcess(0.9, 30, 0.8, 2.5, SPEND), seed);
    expect(r.predicted / r.spent).toBeGreaterThan(0.95);
    expect(r.predicted / r.spent).toBeLessThan(1.05);
  });

  it("the demo shop's customers (a step drop after month 6, which no model assumes): over by 10–20 %", () => {
    // a characterisation, not a promise: the models smooth the step, and the list overstates the next half year
    const r = check(demoProcess, 1);
    expect(r.predicted / r.spent).toBeGreaterThan(1);
    expect(r.predicted / r.spent).toBeLessThan(1.25);
    expectRule(r.list);
  });
});

// ------------------------------------------------------------------------------------------------------------
// Small ledgers: the rule's cases, the models' branches, invariance and errors

/** A shop: steady buyers, lapsed buyers, one-time buyers, and one who started on the last day. */
function shop(order: "asc" | "desc" = "asc") {
  const rows: { c: string; d: number; a: number; o: string }[] = [];
  const base = 45000;
  let n = 0;
  const add = (c: string, d: number, a: number) => rows.push({ c, d, a, o: `O${++n}` });
  for (let i = 0; i < 40; i++) {
    // steady: every ~30 days for a year
    for (let k = 0; k < 12; k++) add(`S${i}`, base + i + 30 * k, 100 + 10 * (i % 7));
    // lapsed big spenders: bought often in the first quarter, then stopped
    for (let k = 0; k < 6; k++) add(`L${i}`, base + i + 12 * k, 400 + i);
    // one-time buyers early on
    add(`O${i}`, base + 3 * i, 80);
  }
  add("NEW", base + 400, 120); // the last order of the ledger
  add("S0", base + 400, 100); // (same day as NEW: the end)
  if (order === "desc") rows.reverse();
  return readLedger({
    customers: rows.map((r) => r.c),
    dates: rows.map((r) => r.d),
    amounts: rows.map((r) => r.a),
    orders: rows.map((r) => r.o),
  });
}

describe("the segment rule on a small shop", () => {
  const list = customerValueList(shop(), { period: MONTH, horizon: 12 });

  it("new, best, follow up, dormant and regular customers where a marketer expects them", () => {
    expectRule(list);
    const seg = (id: string) => list.rows.find((r) => r.customer === id)!.segment;
    expect(seg("NEW")).toBe("new");
    expect(list.rows[0].customer.startsWith("S")).toBe(true);
    expect(seg("S39")).not.toBe("dormant");
    // lapsed big spenders: those in the top quarter by past revenue are worth a call, the others are dormant
    const lapsed = list.rows.filter((r) => r.customer.startsWith("L"));
    expect(lapsed.every((r) => r.pAlive < 0.01)).toBe(true);
    const high = lapsed.filter((r) => r.pastRevenue >= list.thresholds.followUpMinPastRevenue);
    expect(high.length).toBeGreaterThan(20);
    expect(high.every((r) => r.segment === "followUp")).toBe(true);
    expect(lapsed.filter((r) => !high.includes(r)).every((r) => r.segment === "dormant")).toBe(
      true
    );
    expect(
      list.rows.filter((r) => r.customer.startsWith("O")).every((r) => r.segment === "dormant")
    ).toBe(true);
    expect(list.counts.best).toBe(Math.ceil(list.rows.length / 10));
  });

  it("the top share is the top 10 %'s share of expected purchases and revenue", () => {
    const top = list.rows.slice(0, list.top.customers);
    const sum = (rs: typeof top, k: "purchases" | "revenue") => rs.reduce((s, r) => s + r[k], 0);
    expect(list.top.purchaseShare).toBeCloseTo(
      sum(top, "purchases") / sum(list.rows, "purchases"),
      12
    );
    expect(list.top.revenueShare).toBeCloseTo(sum(top, "revenue") / sum(list.rows, "revenue"), 12);
  });

  it("orders are distinct order ids up to the calibration end", () => {
    const s0 = list.rows.find((r) => r.customer === "S0")!;
    expect(s0.orders).toBe(13);
    const early = customerValueList(shop(), {
      period: MONTH,
      horizon: 12,
      calibrationEnd: 45000 + 200,
    });
    expect(early.rows.find((r) => r.customer === "S0")!.orders).toBe(7);
    expect(early.rows.some((r) => r.customer === "NEW")).toBe(false);
  });

  it("is the same list whatever the order of the rows", () => {
    const again = customerValueList(shop("desc"), { period: MONTH, horizon: 12 });
    expect(again.rows).toEqual(list.rows);
  });

  it("the horizon is a time, not a number of periods: 12 months = 52.18 weeks", () => {
    const weeks = customerValueList(shop(), { period: WEEK, horizon: (12 * 30.4375) / 7 });
    const byId = new Map(weeks.rows.map((r) => [r.customer, r]));
    for (const r of list.rows.slice(0, 20)) {
      expect(byId.get(r.customer)!.purchases).toBeCloseTo(r.purchases, 10);
      expect(byId.get(r.customer)!.revenue).toBeCloseTo(r.revenue, 8);
    }
  });
});

describe("each model's expectations", () => {
  it("Pareto/NBD when asked for", () => {
    const list = customerValueList(shop(), { period: MONTH, horizon: 6, model: "pnbd" });
    expect(list.model.model.kind).toBe("pnbd");
    expectRule(list);
    expect(list.rows.every((r) => r.pAlive > 0 && r.pAlive <= 1)).toBe(true);
  });

  it("the NBD when nobody seems to stop: alive, buying at their own rate", () => {
    // every customer buys every 10 days from their start to the end
    const c: string[] = [];
    const d: number[] = [];
    const a: number[] = [];
    for (let i = 0; i < 60; i++)
      for (let t = 45000 + i * 3; t <= 45400; t += 10 + (i % 5)) {
        c.push(`C${i}`);
        d.push(t);
        a.push(50 + i);
      }
    const ledger = readLedger({ customers: c, dates: d, amounts: a });
    const fit = fitLedgerModel(ledger);
    expect(fit.model.kind).toBe("nbd");
    const list = scoreCustomers(ledger, fit, { period: WEEK, horizon: 10 });
    const p = fit.model.params as { r: number; alpha: number };
    const s = fit.summary;
    for (const r of list.rows) {
      const i = s.customers.indexOf(r.customer);
      expect(r.pAlive).toBe(1);
      expect(r.purchases).toBeCloseTo(((p.r + s.frequency[i]) / (p.alpha + s.T[i])) * 10, 12);
    }
  });

  it("the average order when spend could not be modelled (too few repeat buyers)", () => {
    const ledger = readLedger({
      customers: ["A", "A", "B", "B", "C", "D"],
      dates: [45000, 45030, 45005, 45060, 45010, 45090],
      amounts: [100, 200, 50, 70, 90, 60],
    });
    const list = customerValueList(ledger, { period: MONTH, horizon: 3 });
    expect(list.model.spend?.kind).toBe("observed");
    for (const r of list.rows)
      expect(r.revenue).toBeCloseTo(r.purchases * (list.model.avgOrder as number), 12);
  });
});

describe("ties and returns", () => {
  it("customers alike in everything are ranked by id", () => {
    const c: string[] = [];
    const d: number[] = [];
    const a: number[] = [];
    for (const id of ["Z", "B", "M", "A"])
      for (const t of [45000, 45020, 45050]) {
        c.push(id);
        d.push(t);
        a.push(100);
      }
    c.push("X", "X", "Y");
    d.push(45001, 45090, 45100);
    a.push(50, 70, 60);
    const list = customerValueList(readLedger({ customers: c, dates: d, amounts: a }), {
      period: MONTH,
      horizon: 3,
    });
    const alike = list.rows.filter((r) => "ZBMA".includes(r.customer)).map((r) => r.customer);
    expect(alike).toEqual(["A", "B", "M", "Z"]);
  });

  it("repeat purchases that are returns: negative expected revenue, ranked last, no revenue share", () => {
    const c: string[] = [];
    const d: number[] = [];
    const a: number[] = [];
    for (let i = 0; i < 8; i++) {
      c.push(`C${i}`, `C${i}`, `C${i}`);
      d.push(45000 + i, 45030 + i, 45060 + i);
      a.push(500, -200, -250);
    }
    const list = customerValueList(readLedger({ customers: c, dates: d, amounts: a }), {
      period: MONTH,
      horizon: 3,
    });
    expect(list.model.spend?.kind).toBe("observed");
    expect(list.rows.every((r) => r.revenue < 0)).toBe(true);
    expect(list.top.revenueShare).toBe(0);
    expect(list.top.purchaseShare).toBeGreaterThan(0);
  });
});

describe("errors", () => {
  it("a horizon above 0 and at most 1,200 periods, and amounts", () => {
    expect(() => customerValueList(shop(), { period: MONTH, horizon: 0 })).toThrow(/mustBeAbove/);
    expect(() => customerValueList(shop(), { period: MONTH, horizon: NaN })).toThrow(/mustBeAbove/);
    expect(() => customerValueList(shop(), { period: MONTH, horizon: 1201 })).toThrow(
      /tooManyPeriods/
    );
    const noAmounts = readLedger({ customers: ["A", "A", "B"], dates: [45000, 45010, 45020] });
    expect(() => customerValueList(noAmounts, { period: MONTH, horizon: 3 })).toThrow(
      /requiredFor/
    );
    const fit = fitLedgerModel(noAmounts);
    expect(() => scoreCustomers(noAmounts, fit, { period: MONTH, horizon: 3 })).toThrow(
      /requiredFor/
    );
  });
});
