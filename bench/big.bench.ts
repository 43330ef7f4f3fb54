/**
 * Benchmark of ledgers bigger than a workbook (not a test): `npm run bench -- big` (1M and 10M order lines),
 * `-- big --50m` adds 50M where the disk allows, `-- big --quick` runs 100k only.
 *
 * A seeded generator writes a CSV of N order lines as a Japanese shop exports it (顧客ID, 購入日, 金額, 注文番号;
 * orders of 1–4 lines; about one customer per 250 lines, the shape: a hundred million order lines are a
 * few hundred thousand customers; two years; amounts mostly plain, some "¥1,200", "1,200円"
 * and full-width; dates "2024/1/5" and "2024-01-05"). Each size is then run, each in its own process so the peak
 * memory (maxRSS, DuckDB's native memory included) is that run's alone:
 * - the floor: DuckDB alone reading the file and grouping it by customer (count, sum, first and last date as
 *   texts) — the bare grouping; and the same grouping by order, the least any fold of lines into orders does;
 * - the product: `ltv-workbook` through DuckDB, timed per stage (read the file into DuckDB; summarise it: the
 *   product's cell rules, blank and unreadable rows, line items into orders, the ledger handed to JavaScript; fit:
 *   the analysis and the model fits; write the .xlsx).
 * The smallest size is also run from a Shift_JIS copy of the file (transcoded on the way in; the floors are the
 * UTF-8 file's). Prints a markdown table, and the growth of each stage from the smallest to the largest size.
 */
import { spawnSync } from "node:child_process";
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  statfsSync,
  statSync,
} from "node:fs";
import { pipeline } from "node:stream/promises";
import * as iconv from "iconv-lite";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
const { wantedHeapMB } = createRequire(__filename)("../bin/heap.js") as {
  wantedHeapMB: () => number;
};

const args = process.argv.slice(2);
const SIZES = args.includes("--quick")
  ? [Number(process.env.BIG_LINES ?? 100_000)]
  : [1_000_000, 10_000_000, ...(args.includes("--50m") ? [50_000_000] : [])];
const DIR = join(tmpdir(), "ltv-big-bench");
const SEED = 20251202;

function mulberry32(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const START = Date.UTC(2023, 0, 1);
const DAYS = 730;
const FULL = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));

function amountText(v: number, u: number): string {
  if (u < 0.7) return String(v);
  const grouped = v.toLocaleString("en-US");
  if (u < 0.85) return `"¥${grouped}"`;
  if (u < 0.95) return `"${grouped}円"`;
  return FULL(String(v));
}

function dateText(day: number, u: number): string {
  const d = new Date(START + day * 86_400_000);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const dd = d.getUTCDate();
  return u < 0.8
    ? `${y}/${m}/${dd}`
    : `${y}-${String(m).padStart(2, "0")}-${String(dd).padStart(2, "0")}`;
}

/** Writes N order lines (seeded: the same file every time); returns its path. O(N). */
async function generate(n: number): Promise<string> {
  mkdirSync(DIR, { recursive: true });
  const path = join(DIR, `lines-${n}-${SEED}-v3.csv`);
  if (existsSync(path)) return path;
  const rand = mulberry32(SEED);
  const out = createWriteStream(path + ".part");
  const write = (s: string) =>
    out.write(s) ? Promise.resolve() : new Promise<void>((ok) => out.once("drain", () => ok()));
  await write("\uFEFF顧客ID,購入日,金額,注文番号\n");
  let lines = 0;
  let order = 0;
  let customer = 0;
  let buf: string[] = [];
  while (lines < n) {
    customer++;
    const id = `C${String(customer).padStart(7, "0")}`;
    // a BG/NBD-like story: a purchase rate, a dropout chance after each purchase
    const rate = (-Math.log(1 - rand()) * 2) / 6; // purchases a day, mean 1 per 3 days
    const drop = 0.002 + 0.01 * rand();
    let day = Math.floor(rand() * DAYS);
    while (day < DAYS && lines < n) {
      order++;
      const items = 1 + Math.floor(rand() * 4);
      for (let k = 0; k < items && lines < n; k++, lines++) {
        const price = 100 * (1 + Math.floor(rand() * 60));
        buf.push(`${id},${dateText(day, rand())},${amountText(price, rand())},O${order}\n`);
      }
      if (buf.length >= 10_000) {
        await write(buf.join(""));
        buf = [];
      }
      if (rand() < drop) break;
      day += Math.ceil(-Math.log(1 - rand()) / rate);
    }
  }
  await write(buf.join(""));
  await new Promise<void>((ok) => out.end(() => ok()));
  spawnSync("mv", [path + ".part", path]);
  return path;
}

/** The same ledger in Shift_JIS (CP932, as Excel for Japanese Windows saves a CSV), without the BOM. */
async function shiftJis(path: string): Promise<string> {
  const out = path.replace(/\.csv$/, "-sjis.csv");
  if (existsSync(out)) return out;
  await pipeline(
    createReadStream(path),
    iconv.decodeStream("utf-8", { stripBOM: true }),
    iconv.encodeStream("cp932"),
    createWriteStream(out + ".part")
  );
  spawnSync("mv", [out + ".part", out]);
  return out;
}

interface Child {
  seconds: number | Record<string, number>;
  maxRssMB: number;
  [k: string]: unknown;
}

/** Runs big-child.ts with the heap the command line gives itself (bin/heap.js). */
function child(...argv: string[]): Child {
  const heap = `--max-old-space-size=${wantedHeapMB()}`;
  const r = spawnSync("npx", ["tsx", join(__dirname, "big-child.ts"), ...argv], {
    encoding: "utf-8",
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} ${heap}`.trim() },
  });
  if (r.status !== 0) throw new Error(`${argv.join(" ")} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop() as string) as Child;
}

async function main(): Promise<void> {
  const free = statfsSync(tmpdir());
  const freeGB = (free.bavail * free.bsize) / 1e9;
  console.log(
    `Disk free in ${tmpdir()}: ${freeGB.toFixed(0)} GB. Sizes: ${SIZES.join(", ")} lines.\n`
  );
  console.log(
    "| lines | encoding | file MB | customers | orders | bare grouping s | by-order floor s | read s | summarise s | summarise ÷ bare | summarise ÷ by-order floor | read+summarise ÷ bare | fit s | write s | total s | peak MB | bare peak MB |"
  );
  console.log("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
  const rows: Array<{ n: number; s: Record<string, number>; bare: number }> = [];
  for (const n of SIZES) {
    if (n * 45 > free.bavail * free.bsize * 0.5) {
      console.log(`| ${n.toLocaleString("en-US")} | skipped: not enough disk |`);
      continue;
    }
    const path = await generate(n);
    const bare = child("bare", path);
    const byOrder = child("bare-orders", path);
    const b = bare.seconds as number;
    const o = byOrder.seconds as number;
    const inputs = n === SIZES[0] ? [path, await shiftJis(path)] : [path];
    for (const input of inputs) {
      const mb = statSync(input).size / 1e6;
      const out = join(DIR, `out-${n}.xlsx`);
      let p: Child;
      try {
        p = child("product", input, out);
      } catch (e) {
        // a size the product cannot take here is a result too: say how far it got
        const said = String(e);
        const last = said.match(/ltv-workbook: (read|summarised) [^\n]*/g)?.pop() ?? "";
        const why = /heap out of memory/.test(said) ? "JavaScript heap out of memory" : "failed";
        console.log(`| ${n.toLocaleString("en-US")} | ${why} after "${last}" |`);
        continue;
      }
      const s = p.seconds as Record<string, number>;
      if (input === path) rows.push({ n, s, bare: b });
      console.log(
        `| ${n.toLocaleString("en-US")} | ${String(p.encoding)}${p.plain ? "" : " (general path)"} | ${mb.toFixed(0)} | ${Number(p.customers).toLocaleString("en-US")} | ${Number(p.orders).toLocaleString("en-US")} | ${b.toFixed(2)} | ${o.toFixed(2)} | ${s.read.toFixed(2)} | ${s.summarise.toFixed(2)} | ${(s.summarise / b).toFixed(2)} | ${(s.summarise / o).toFixed(2)} | ${((s.read + s.summarise) / b).toFixed(2)} | ${s.fit.toFixed(1)} | ${s.write.toFixed(1)} | ${Number(p.total).toFixed(1)} | ${p.maxRssMB.toFixed(0)} | ${bare.maxRssMB.toFixed(0)} |`
      );
    }
  }
  if (rows.length >= 2) {
    const a = rows[0];
    const z = rows[rows.length - 1];
    const g = (k: string) => (z.s[k] / Math.max(a.s[k], 1e-3)).toFixed(1);
    console.log(
      `\nGrowth ${a.n.toLocaleString("en-US")} → ${z.n.toLocaleString("en-US")} lines (×${z.n / a.n}): bare ×${(z.bare / a.bare).toFixed(1)}, read ×${g("read")}, summarise ×${g("summarise")}, fit ×${g("fit")}, write ×${g("write")}.`
    );
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
