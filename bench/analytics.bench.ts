/**
 * Benchmark of the ledger functions on Excel-shaped input (not a test): `npm run build && npm run bench`, or
 * `npx tsx bench/analytics.bench.ts [--quick]`, timed through the built bundle as Excel loads it (one realm: see
 * `loadBundle`).
 *
 * Input as Excel passes a whole-column reference: n×1 arrays; ids as text ("C012345"), dates as serials, amounts
 * as numbers (whole yen, which Excel's marshalling hands over as small integers) — and a variant with amounts
 * as text "¥1,200". Every timed call gets freshly built arrays and new
 * string objects, as Excel passes on each recalculation (a string reused from an earlier call would arrive with
 * its hash already computed, flattering every Map-based figure).
 * ≈ 10.5 rows per customer (≈ 100,000 customers at 1,048,576 rows), three years of dates, rows in date order.
 *
 * Two floors are timed in the same run: a plain single pass summing the amounts, and a straightforward plain-JS
 * pass grouping rows by customer id in a Map (count and sum per customer). The cases run in rounds (each case once
 * per round, after a warm-up round) and each figure is the median over the rounds; ratios are to the floors of the
 * same size.
 */

import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism, loadavg } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext, runInThisContext } from "node:vm";

const require = createRequire(import.meta.url);
const { createCustomFunctionsShim } = require("../test/setup/custom-functions-shim.js");

/**
 * The functions as Excel loads them: the built bundle (dist/functions.js, or `LTV_DIST=folder`) run as a script in
 * this process's one realm, with the `CustomFunctions` shim as a global, as Excel's JavaScript-only runtime
 * provides it; the arguments and the floors live in the same realm. Not a `vm` context: the global object of a
 * contextified sandbox is an interceptor, so every global the bundle reads (`Math.imul`, `Array.isArray`,
 * `Int32Array` …) costs a call into C++ — about 100× a plain global, ten times the whole run of a ledger function,
 * and nothing Excel's runtime does.
 * `LTV_DIST_BASELINE=folder` times a second build in the same rounds (before/after a change, in one run).
 */
type Fn = (...args: any[]) => unknown;
function loadBundle(folder?: string): Map<string, Fn> {
  const dist = resolve(folder ?? fileURLToPath(new URL("../dist", import.meta.url)));
  const file = join(dist, "functions.js");
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first.`);
  const shim = createCustomFunctionsShim();
  // each bundle registers with its own shim while it loads (the bundles are self-contained scripts)
  (globalThis as { CustomFunctions?: unknown }).CustomFunctions = shim;
  runInThisContext(readFileSync(file, "utf8"), { filename: file });
  return shim.registered as Map<string, Fn>;
}
const bundles: Array<[label: string, Map<string, Fn>]> = [["", loadBundle(process.env.LTV_DIST)]];
if (process.env.LTV_DIST_BASELINE)
  bundles.push(["baseline: ", loadBundle(process.env.LTV_DIST_BASELINE)]);
const getter =
  (bundle: Map<string, Fn>) =>
  (id: string): Fn => {
    const f = bundle.get(id);
    if (!f) throw new Error(`the bundle registers no ${id}`);
    return f;
  };

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as (options?: { type: "minor" | "major" }) => void;

const quick = process.argv.includes("--quick");
const SIZES = process.env.LTV_BENCH_SIZES
  ? process.env.LTV_BENCH_SIZES.split(",").map(Number)
  : quick
    ? [10_000, 100_000]
    : [10_000, 100_000, 1_048_576];
const RUNS: Record<number, number> = { 10_000: 21, 100_000: 9, 1_048_576: 5 };
const START = 45292; // 2024-01-01
const DAYS = 3 * 365;

function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Data {
  ids: any[][];
  dates: any[][];
  amounts: any[][];
  amountsText: any[][];
}

/** A ledger's content; `fresh` turns it into new cell arrays with new string objects, as Excel passes on each call. */
interface Source {
  n: number;
  customer: Int32Array;
  day: Int32Array;
  amount: Int32Array;
}

function makeSource(n: number): Source {
  const rand = mulberry32(n);
  const customers = Math.max(1, Math.round(n / 10.5));
  // each customer starts somewhere in the three years; their orders fall between that day and the end
  const first = new Int32Array(customers);
  for (let c = 0; c < customers; c++) first[c] = Math.floor(rand() * DAYS);
  const rowCust = new Int32Array(n);
  const rowDay = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i < customers ? i : Math.floor(rand() * customers);
    rowCust[i] = c;
    rowDay[i] = i < customers ? first[c] : first[c] + Math.floor(rand() * (DAYS - first[c]));
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => rowDay[a] - rowDay[b]);
  const src: Source = {
    n,
    customer: new Int32Array(n),
    day: new Int32Array(n),
    amount: new Int32Array(n),
  };
  order.forEach((i, j) => {
    src.customer[j] = rowCust[i];
    src.day[j] = rowDay[i];
    src.amount[j] = 100 * (3 + Math.floor(rand() * 150));
  });
  return src;
}

const YEN_DIGITS = new Map<number, string>();
type Field = keyof Data;

/** New cell arrays for the fields a case reads (building the others would only add garbage to collect). */
function fresh(src: Source, fields: readonly Field[]): Data {
  const n = src.n;
  const data: Data = { ids: [], dates: [], amounts: [], amountsText: [] };
  for (const f of fields) {
    const col: any[][] = new Array(n);
    for (let j = 0; j < n; j++) {
      const a = src.amount[j];
      if (f === "ids")
        col[j] = ["C" + String(src.customer[j]).padStart(6, "0")]; // a new string object per cell
      else if (f === "dates") col[j] = [START + src.day[j]];
      else if (f === "amounts") col[j] = [a];
      else {
        let digits = YEN_DIGITS.get(a);
        if (digits === undefined) YEN_DIGITS.set(a, (digits = a.toLocaleString("en-US")));
        col[j] = ["¥" + digits]; // likewise
      }
    }
    data[f] = col;
  }
  return data;
}

/**
 * Young-generation collections until the freshly built inputs sit in the old generation, as Excel's arguments
 * would by the time a function runs; otherwise the first case that allocates pays for moving them. (A full
 * collection here would leave concurrent sweeping running into the timed call.)
 */
function settle(): void {
  gc({ type: "minor" });
  gc({ type: "minor" });
}

// ---- the two floors -------------------------------------------------------------------------------------------
function floorSum(amounts: any[][]): number {
  let s = 0;
  for (let i = 0; i < amounts.length; i++) s += amounts[i][0];
  return s;
}

function floorGroup(ids: any[][], amounts: any[][]): Map<string, { orders: number; sum: number }> {
  const groups = new Map<string, { orders: number; sum: number }>();
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i][0];
    let g = groups.get(id);
    if (g === undefined) {
      g = { orders: 0, sum: 0 };
      groups.set(id, g);
    }
    g.orders++;
    g.sum += amounts[i][0];
  }
  // the Map itself, not groups.size: a property read after the loop that V8 has not seen yet makes the
  // mid-loop optimised code bail out on every call, which would make this floor look slower than it is
  return groups;
}

// ---- timing ---------------------------------------------------------------------------------------------------
let sink = 0;
function consume(v: unknown): void {
  if (typeof v === "number") sink += v;
  else if (Array.isArray(v)) sink += v.length;
  else if (v instanceof Map) sink += v.size;
  else if (v instanceof Error) throw v;
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

type Case = [name: string, fn: (d: Data) => unknown, fields: readonly Field[]];
const ID_DATE: readonly Field[] = ["ids", "dates"];
const casesOf = (label: string, fn: (id: string) => Fn): Case[] => {
  const AVG_ORDER = fn("AVG_ORDER");
  const FREQ = fn("FREQ");
  const A = {
    CUSTOMER_SUMMARY: fn("CUSTOMER_SUMMARY"),
    COHORT_TABLE: fn("COHORT_TABLE"),
    RETENTION_CURVE: fn("RETENTION_CURVE"),
    CHURN_RATE: fn("CHURN_RATE"),
  };
  return caseList(AVG_ORDER, FREQ, A).map(([name, f, fields]) => [label + name, f, fields]);
};
const caseList = (
  AVG_ORDER: Fn,
  FREQ: Fn,
  A: Record<"CUSTOMER_SUMMARY" | "COHORT_TABLE" | "RETENTION_CURVE" | "CHURN_RATE", Fn>
): Case[] => [
  ["AVG_ORDER", (d) => AVG_ORDER(d.amounts), ["amounts"]],
  // FREQ's default ("active") fits the ledger's purchase model; "window" is the grouping alone
  ["FREQ", (d) => FREQ(d.ids, d.dates, "month"), ID_DATE],
  ["FREQ window", (d) => FREQ(d.ids, d.dates, "month", null, "window"), ID_DATE],
  [
    "CUSTOMER_SUMMARY",
    (d) => A.CUSTOMER_SUMMARY(d.ids, d.dates, d.amounts),
    ["ids", "dates", "amounts"],
  ],
  ["COHORT_TABLE", (d) => A.COHORT_TABLE(d.ids, d.dates, "month"), ID_DATE],
  [
    "COHORT_TABLE revenue",
    (d) => A.COHORT_TABLE(d.ids, d.dates, "month", "revenue", d.amounts),
    ["ids", "dates", "amounts"],
  ],
  ["COHORT_TABLE week", (d) => A.COHORT_TABLE(d.ids, d.dates, "week"), ID_DATE],
  ["RETENTION_CURVE", (d) => A.RETENTION_CURVE(d.ids, d.dates, "month"), ID_DATE],
  ["CHURN_RATE", (d) => A.CHURN_RATE(d.ids, d.dates, "month"), ID_DATE],
  ["AVG_ORDER ¥ text", (d) => AVG_ORDER(d.amountsText), ["amountsText"]],
  [
    "CUSTOMER_SUMMARY ¥ text",
    (d) => A.CUSTOMER_SUMMARY(d.ids, d.dates, d.amountsText),
    ["ids", "dates", "amountsText"],
  ],
];
// each case of each bundle in turn, so both builds see the same load
const perBundle = bundles.map(([label, b]) => casesOf(label, getter(b)));
const CASES: Case[] = perBundle[0].flatMap((c, i) => perBundle.map((cases) => cases[i] ?? c));

function fmt(ms: number): string {
  return ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0);
}

const loadBefore = loadavg()[0];
type Figures = { sum: number; group: number; cases: number[] };
const wall = new Map<number, Figures>();
const cpu = new Map<number, Figures>();
const TIMED: Case[] = [
  ["sum", (d) => floorSum(d.amounts), ["amounts"]],
  ["group", (d) => floorGroup(d.ids, d.amounts), ["ids", "amounts"]],
  ...CASES,
];
for (const n of SIZES) {
  const src = makeSource(n);
  const runs = RUNS[n] ?? 5;
  const wallTimes: number[][] = TIMED.map(() => []);
  const cpuTimes: number[][] = TIMED.map(() => []);
  // rounds of every case in turn, so a change in the machine's load touches all cases alike; round 0 warms up
  for (let r = 0; r <= runs; r++) {
    TIMED.forEach(([, fn, fields], c) => {
      const data = fresh(src, fields);
      settle();
      const c0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      consume(fn(data));
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      const used = process.cpuUsage(c0);
      if (r > 0) {
        wallTimes[c].push(ms);
        cpuTimes[c].push((used.user + used.system) / 1000);
      }
    });
  }
  const [sum, group, ...cases] = wallTimes.map(median);
  wall.set(n, { sum, group, cases });
  const [csum, cgroup, ...ccases] = cpuTimes.map(median);
  cpu.set(n, { sum: csum, group: cgroup, cases: ccases });
  process.stderr.write(`measured ${n} rows\n`);
}

const big = SIZES[SIZES.length - 1];
const lines: string[] = [];
lines.push(
  `Ledger analytics: median of ${SIZES.map((n) => RUNS[n]).join("/")} rounds; node ${process.version}; ` +
    `load average ${loadBefore.toFixed(1)} → ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores.`
);
function table(title: string, results: Map<number, Figures>): void {
  const head = SIZES.map((n) => `${n.toLocaleString("en-US")} rows (ms)`);
  lines.push("", `**${title}** (ratios at ${big.toLocaleString("en-US")} rows)`, "");
  lines.push(`| function | ${head.join(" | ")} | ÷ sum floor | ÷ group floor | growth ×10 rows |`);
  lines.push(`|---|${head.map(() => "---:").join("|")}|---:|---:|---:|`);
  const row = (name: string, get: (r: Figures) => number) => {
    const vals = SIZES.map((n) => get(results.get(n) as Figures));
    const r = results.get(big) as Figures;
    const v = get(r);
    const k = vals.length - 1;
    const growth = k > 0 ? (vals[k] / vals[k - 1]) * (SIZES[k - 1] / SIZES[k]) * 10 : NaN;
    lines.push(
      `| ${name} | ${vals.map(fmt).join(" | ")} | ${(v / r.sum).toFixed(2)} | ${(v / r.group).toFixed(2)} | ${growth.toFixed(1)} |`
    );
  };
  row("floor: plain sum of amounts", (r) => r.sum);
  row("floor: group rows by id in a Map", (r) => r.group);
  CASES.forEach(([name], i) => row(name, (r) => r.cases[i]));
}
table("Wall-clock time", wall);
table(
  "CPU time of this process (less sensitive to other processes; includes V8's helper threads)",
  cpu
);
lines.push("");
lines.push(
  `growth ×10 rows: the time from ${(SIZES[SIZES.length - 2] ?? big).toLocaleString("en-US")} to ${big.toLocaleString("en-US")} rows, scaled to a tenfold step (10 = linear).`
);
console.log(lines.join("\n"));
if (sink === 42) console.log("");
