/**
 * Benchmark of CLV_PREDICT's cost against the horizon (not a test): `npm run bench -- clv`, or
 * `npx tsx bench/clv-predict.bench.ts [--quick]`. Runs the built bundle (dist/functions.js, or BUNDLE=path, e.g. an
 * older build to compare) as a script in this process's one realm with the `CustomFunctions` shim as a global, as
 * Excel's JavaScript-only runtime loads it, with fresh argument arrays per call (not in a `vm` context, whose
 * global object is an interceptor that makes every global the bundle reads ~100× slower; see analytics.bench.ts). One customer (CDNOW fits, weeks: x = 2, tₓ = 30.43, T = 38.86, m̄ = 30) and a base of
 * 2,000 customers; medians of several calls after a warm-up. A call that would take longer than LIMIT_MS
 * (default 60 s) is not made twice.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runInThisContext } from "node:vm";

const { createCustomFunctionsShim } = require("../test/setup/custom-functions-shim");

const quick = process.argv.includes("--quick");
const bundle = process.env.BUNDLE ?? join(__dirname, "../dist/functions.js");
const shim = createCustomFunctionsShim();
(globalThis as { CustomFunctions?: unknown }).CustomFunctions = shim;
runInThisContext(readFileSync(bundle, "utf8"), { filename: bundle });
const clv = shim.registered.get("CLV_PREDICT") as (...a: unknown[]) => unknown;
const LIMIT_MS = Number(process.env.LIMIT_MS) || 60_000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const BG = [[0.243, 4.414, 0.793, 2.426]];
const GG = [[6.25, 3.74, 15.44]];
const n = 2000;
const base = () => {
  const x = Array.from({ length: n }, (_, i) => [i % 25]);
  const T = Array.from({ length: n }, (_, i) => [1 + ((i * 7) % 39)]);
  const tx = x.map((v, i) => [v[0] === 0 ? 0 : (T[i][0] * (1 + ((i * 13) % 10))) / 11]);
  const m = x.map((v, i) => [v[0] === 0 ? 0 : 10 + (i % 50)]);
  return [x, tx, T, m];
};
const one = () => [[[2]], [[30.43]], [[38.86]], [[30]]];

function time(make: () => unknown[][][], H: number, d: number): string {
  const call = () => {
    const args = [BG.map((r) => [...r]), GG.map((r) => [...r]), ...make(), H, d, 1];
    const t0 = performance.now();
    const out = clv(...args);
    const ms = performance.now() - t0;
    if (!Array.isArray(out)) return { ms, error: String((out as { message?: string }).message) };
    return { ms };
  };
  const first = call();
  if (first.error) return `error: ${first.error}`;
  if (first.ms > LIMIT_MS / 3) return `${first.ms.toFixed(0)} (once)`;
  const runs = quick ? 3 : 9;
  return median(Array.from({ length: runs }, () => call().ms)).toFixed(2);
}

console.log(`bundle: ${bundle}\n`);
console.log("| horizon | d | one customer, ms | 2,000 customers, ms |");
console.log("|---:|---:|---:|---:|");
for (const H of [52, 520, 5200, 52_000, 100_000, 1e6])
  for (const d of [0, 0.0019]) {
    const single = time(one, H, d);
    // a base whose one customer already took long would take 2,000 times that: not run
    const slow = /once/.test(single) || Number(single) * n > LIMIT_MS;
    console.log(`| ${H} | ${d} | ${single} | ${slow ? "not run" : time(base, H, d)} |`);
  }
