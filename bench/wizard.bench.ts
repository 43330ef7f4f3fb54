/**
 * Benchmark of the wizard's write path (not a test): `npm run bench -- wizard`, or `npx tsx bench/wizard.bench.ts`.
 *
 * A 100,000-row sales ledger (≈ 10,000 customers, two years, ids as text, dates as serials, amounts as numbers,
 * order numbers), as the task pane reads it from the workbook. Timed: reading it (readLedger, lenient), the
 * ledger analysis from src/core (summary, cohorts, retention, churn), building the plan, and splitting it into
 * Office.js requests; then the whole write through the Excel test double (test/taskpane/fake-office.js), which
 * counts syncs and measures each request's payload as Excel on the web would receive it (limit 5 MB).
 * Floor, timed in the same run: JSON.stringify of the summary rows alone (what any writer must serialise).
 * Medians of several runs after a warm-up.
 */

import { createRequire } from "node:module";
import { readLedger } from "../src/core/ledger";
import { analyseLedgerForPlan } from "../src/sheet/ledger-analysis";
import { buildCalculationPlan, DEFAULT_INPUTS } from "../src/sheet/plan";
import { planRequests, REQUEST_LIMIT_BYTES } from "../src/taskpane/batches";
import { writePlan } from "../src/taskpane/writer";

const require = createRequire(import.meta.url);
const { createFakeOffice } = require("../test/taskpane/fake-office.js");

const quick = process.argv.includes("--quick");
/** 100,000 rows is the issue's case; a full 1,048,576-row column (≈ 100,000 customers) shows the split. */
const SIZES = quick ? [100_000] : [100_000, 1_048_576];
const RUNS: Record<number, number> = { 100_000: quick ? 3 : 7, 1_048_576: 3 };

function mulberry32(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function ledgerRows(n: number): unknown[][] {
  const rnd = mulberry32(42);
  const customers = Math.round(n / 10);
  const rows: unknown[][] = [["顧客ID", "購入日", "金額", "注文番号"]];
  const start = 45292; // 2024-01-01
  for (let i = 0; i < n; i++) {
    const c = Math.floor(rnd() * rnd() * customers); // skewed: some customers buy much more often
    rows.push([
      `C${String(c).padStart(6, "0")}`,
      start + Math.floor((i / n) * 730),
      Math.round(500 + rnd() * 9500),
      `O${i + 1}`,
    ]);
  }
  return rows;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const r = fn();
  return [r, performance.now() - t0];
}

async function bench(ROWS: number): Promise<void> {
  const RUNS = RUNS_OF(ROWS);
  const rows = ledgerRows(ROWS);
  const col = (i: number) => rows.map((r) => r[i]) as never;
  const t: Record<string, number[]> = {
    read: [],
    analyse: [],
    plan: [],
    split: [],
    total: [],
    floor: [],
    write: [],
  };
  let report:
    | { syncs: number; bytes: number[]; measured: number[]; customers: number; cells: number }
    | undefined;
  for (let run = 0; run <= RUNS; run++) {
    const [ledger, tRead] = time(() =>
      readLedger(
        { customers: col(0), dates: col(1), amounts: col(2), orders: col(3) },
        { mode: "lenient" }
      )
    );
    const [analysis, tAnalyse] = time(() =>
      analyseLedgerForPlan(ledger, "month", { source: "Sales!A1:D100001" })
    );
    const [plan, tPlan] = time(() =>
      buildCalculationPlan(
        { ...DEFAULT_INPUTS, periodUnit: "month", lifespanFromChurn: true },
        "ja",
        analysis
      )
    );
    const [requests, tSplit] = time(() => planRequests(plan));
    const [, tFloor] = time(() =>
      JSON.stringify(
        analysis.summary.map((s) => [s.customer, s.first, s.last, s.orders, s.revenue])
      )
    );
    const fake = createFakeOffice({ sheets: { Sales: [] } });
    const w0 = performance.now();
    const written = await fake.Excel.run((ctx: Excel.RequestContext) => writePlan(ctx, plan));
    const tWrite = performance.now() - w0;
    if (run === 0) continue; // warm-up
    t.read.push(tRead);
    t.analyse.push(tAnalyse);
    t.plan.push(tPlan);
    t.split.push(tSplit);
    t.total.push(tRead + tAnalyse + tPlan + tSplit);
    t.floor.push(tFloor);
    t.write.push(tWrite);
    report = {
      syncs: written.syncs,
      bytes: requests.map((r) => r.bytes),
      measured: fake.snapshot().requests.map((r: { bytes: number }) => r.bytes),
      customers: analysis.summary.length,
      cells: plan.sheet.blocks.reduce((n, b) => n + b.cells.length * b.cells[0].length, 0),
    };
  }
  const r = report!;
  const ms = (xs: number[]) => median(xs).toFixed(1);
  const mb = (b: number) => (b / 1024 / 1024).toFixed(2);
  const floor = median(t.floor);
  console.log(
    `Wizard plan for a ${ROWS.toLocaleString("en-US")}-row ledger (${r.customers.toLocaleString("en-US")} customers, ${r.cells.toLocaleString("en-US")} planned cells), medians of ${RUNS} runs\n`
  );
  console.log("| step | median ms | × floor |");
  console.log("|---|---:|---:|");
  const line = (name: string, xs: number[]) =>
    console.log(`| ${name} | ${ms(xs)} | ${(median(xs) / floor).toFixed(1)} |`);
  line("floor: JSON.stringify of the summary rows", t.floor);
  line("read ledger (readLedger, lenient)", t.read);
  line("analyse (summary, cohorts, retention, churn)", t.analyse);
  line("build plan (buildCalculationPlan)", t.plan);
  line("split into requests (planRequests)", t.split);
  line("**total, ledger → requests**", t.total);
  line("write through the Excel test double (writePlan)", t.write);
  console.log("");
  console.log("| syncs | write requests | largest request | all requests | limit |");
  console.log("|---:|---:|---:|---:|---:|");
  console.log(
    `| ${r.syncs} (1 look + ${r.bytes.length} write) | ${r.bytes.length} | ${mb(Math.max(...r.bytes))} MB (measured by the double: ${mb(Math.max(...r.measured))} MB) | ${mb(r.bytes.reduce((a, b) => a + b, 0))} MB | ${mb(REQUEST_LIMIT_BYTES)} MB |`
  );
  console.log(
    `\nBytes per write request: ${r.bytes.map((b) => `${(b / 1024).toFixed(0)} KiB`).join(", ")}`
  );
}

const RUNS_OF = (n: number) => RUNS[n];

async function main(): Promise<void> {
  for (const n of SIZES) {
    await bench(n);
    console.log("");
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
