/**
 * Benchmark of the buy-till-you-die fits (not a test): `npm run bench`, or `npx tsx bench/models.bench.ts [--quick]`.
 *
 * Data: the CDNOW 1/10th sample (2,357 customers; the literature's calibration period to 1997-09-30, weeks),
 * the full CDNOW file (23,570 customers), and customer bases simulated from the models with CDNOW's published
 * parameters (first purchases over 12 weeks, calibration end at week 39, purchase dates on a daily grid, as
 * real ledgers record them). Each time is the median of several runs after a warm-up and covers the whole fit
 * from per-customer arrays: validation, grouping of identical (x, tₓ, T), and the BFGS search. Simulation and
 * reading files are not timed. The "per eval" column is a single likelihood-and-gradient evaluation timed in the
 * same run, so "fit ÷ eval" is how many evaluations' worth of work a fit costs.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readLedger } from "../src/core/ledger";
import { bgnbdLogLik, fitBgNbd } from "../src/core/models/bgnbd";
import { clvSummary } from "../src/core/models/clv-summary";
import { fitParetoNbd, paretoNbdLogLik } from "../src/core/models/pareto-nbd";
import { groupRfm, type RfmData } from "../src/core/models/rfm";
import { simulateBgNbd, simulateParetoNbd } from "../test/support/simulate";
import { parsePeriodUnit } from "../src/core/periods";
import { serialFromDate } from "../src/core/input/date";

const quick = process.argv.includes("--quick");
const DATA = join(__dirname, "../../shared/data");
const BG = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const PNBD = { r: 0.553, alpha: 10.58, s: 0.606, beta: 11.67 };

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Median wall-clock and CPU time (user + system of this process: what the fit costs when the machine is shared). */
function time<T>(runs: number, f: () => T): { ms: number; cpuMs: number; result: T } {
  let result = f(); // warm-up
  const t: number[] = [];
  const c: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    result = f();
    t.push(performance.now() - t0);
    const dc = process.cpuUsage(c0);
    c.push((dc.user + dc.system) / 1000);
  }
  return { ms: median(t), cpuMs: median(c), result };
}

function summaryOf(file: string, idCol: number, dateCol: number): RfmData {
  const lines = readFileSync(join(DATA, file), "utf8").trim().split(/\r?\n/).slice(1);
  const ids: string[] = [];
  const dates: number[] = [];
  for (const l of lines) {
    const f = l.split(",");
    ids.push(f[idCol]);
    dates.push(Number(f[dateCol]));
  }
  const ledger = readLedger({ customers: ids, dates });
  return clvSummary(ledger, parsePeriodUnit("week", "week"), serialFromDate(1997, 9, 30));
}

interface Row {
  data: string;
  customers: number;
  groups: number;
  model: string;
  ms: number;
  cpuMs: number;
  evalMs: number;
  logLik: number;
  aim?: number;
}

const rows: Row[] = [];
function bench(
  data: string,
  rfm: RfmData,
  runs: number,
  aims: { bg?: number; pnbd?: number },
  pnbdData?: RfmData
): void {
  const g = groupRfm(rfm);
  const bg = time(runs, () => fitBgNbd(rfm));
  const grad = new Float64Array(4);
  const bgEval = time(runs, () => bgnbdLogLik(bg.result, g, grad));
  rows.push({
    data,
    customers: g.total,
    groups: g.count,
    model: "BG/NBD",
    ms: bg.ms,
    cpuMs: bg.cpuMs,
    evalMs: bgEval.ms,
    logLik: bg.result.logLik,
    aim: aims.bg,
  });
  const pd = pnbdData ?? rfm;
  const pg = groupRfm(pd);
  const pn = time(runs, () => fitParetoNbd(pd));
  const pnEval = time(runs, () => paretoNbdLogLik(pn.result, pg, grad));
  rows.push({
    data,
    customers: pg.total,
    groups: pg.count,
    model: "Pareto/NBD",
    ms: pn.ms,
    cpuMs: pn.cpuMs,
    evalMs: pnEval.ms,
    logLik: pn.result.logLik,
    aim: aims.pnbd,
  });
}

bench("CDNOW sample (weeks)", summaryOf("cdnow_sample_elog.csv", 1, 2), 21, { bg: 25, pnbd: 60 });
bench("CDNOW full (weeks)", summaryOf("cdnow_master.csv", 0, 1), 9, {});
const sizes = quick ? [100_000] : [100_000, 1_000_000];
for (const n of sizes) {
  const o = { n, seed: 2024 + n, stepsPerPeriod: 7 };
  const label = `simulated ${n.toLocaleString("en-US")} (daily grid)`;
  bench(
    label,
    simulateBgNbd(BG, o),
    n >= 1_000_000 ? 3 : 7,
    { bg: n >= 1_000_000 ? 5000 : 500, pnbd: n >= 1_000_000 ? 5000 : 500 },
    simulateParetoNbd(PNBD, o)
  );
}

const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
const out: string[] = [];
out.push(
  `Model fits, median of 21 (CDNOW sample) / 9 / 7 / 3 runs; node ${process.version}. Simulated sets are drawn from each model with CDNOW's published parameters.`
);
out.push("");
out.push(
  "| data | customers | groups | model | fit ms (wall) | fit ms (CPU) | per eval ms | fit ÷ eval | aim ms | log-likelihood |"
);
out.push("|---|---:|---:|---|---:|---:|---:|---:|---:|---:|");
for (const r of rows) {
  const aim = r.aim === undefined ? "" : `${r.aim} ${r.ms <= r.aim ? "✓" : "✗"}`;
  out.push(
    `| ${r.data} | ${r.customers.toLocaleString("en-US")} | ${r.groups.toLocaleString("en-US")} | ${r.model} | ${fmt(r.ms)} | ${fmt(r.cpuMs)} | ${fmt(r.evalMs)} | ${(r.ms / r.evalMs).toFixed(0)} | ${aim} | ${r.logLik.toFixed(1)} |`
  );
}
out.push("");
out.push(
  "Wall-clock medians are what a user waits on an idle machine only; on a shared one the CPU column (this process's user + system time) is the fairer figure. The aim is checked against wall-clock."
);
console.log(out.join("\n"));
