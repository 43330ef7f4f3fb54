/**
 * One timed run for `bench/big.bench.ts`, in its own process so its peak memory is its own:
 *   npx tsx bench/big-child.ts product <ledger.csv> <out.xlsx>   the CLI's run(): stage times, peak RSS
 *   npx tsx bench/big-child.ts bare <ledger.csv>                 DuckDB alone: the bare grouping by customer
 *   npx tsx bench/big-child.ts bare-orders <ledger.csv>          DuckDB alone: the same grouping by order
 * Prints one JSON line.
 */
import { DuckDBInstance } from "@duckdb/node-api";
import { parseArgs } from "../src/cli/args";
import type { DuckLedgerInput } from "../src/cli/duckdb-ledger";
import { run } from "../src/cli/main";

async function product(input: string, output: string): Promise<void> {
  const started = Date.now();
  const options = parseArgs([input, "-o", output, "--engine", "duckdb", "--lang", "en"], {});
  const r = await run(options, { stderr: (l) => process.stderr.write(l + "\n") });
  console.log(
    JSON.stringify({
      seconds: r.seconds,
      total: (Date.now() - started) / 1000,
      rows: r.rowsRead,
      plain: (r.read as DuckLedgerInput | undefined)?.plain,
      encoding: (r.read as DuckLedgerInput | undefined)?.encoding,
      orders: r.orders,
      customers: r.customers,
      ltv: r.ltv,
      maxRssMB: process.resourceUsage().maxRSS / 1024,
    })
  );
}

/**
 * The floors: DuckDB reading the same file and grouping it, nothing else — by customer (count, sum, first and last
 * date: the bare grouping) or by order (the least any fold of line items into orders does). Texts as they stand:
 * no cell rules, amounts as DuckDB casts them.
 */
async function bare(input: string, by: "customer" | "order"): Promise<void> {
  const db = await DuckDBInstance.create(":memory:", { threads: "2", memory_limit: "1GB" });
  const con = await db.connect();
  const started = Date.now();
  const file = `read_csv('${input.replace(/'/g, "''")}', header=true, all_varchar=true)`;
  const key = by === "customer" ? `"顧客ID"` : `"注文番号"`;
  const more = by === "customer" ? "" : `, min("顧客ID") AS first_customer`;
  const r = await con.runAndReadAll(
    `SELECT count(*), sum(n) FROM (SELECT ${key} AS k, count(*) AS n, sum(TRY_CAST("金額" AS DOUBLE)) AS s,
       min("購入日") AS first_day, max("購入日") AS last_day${more} FROM ${file} GROUP BY k)`
  );
  const seconds = (Date.now() - started) / 1000;
  const [groups, rows] = r.getRows()[0].map(Number);
  console.log(
    JSON.stringify({ seconds, groups, rows, maxRssMB: process.resourceUsage().maxRSS / 1024 })
  );
  con.closeSync();
}

const [mode, input, output] = process.argv.slice(2);
(mode === "bare" || mode === "bare-orders"
  ? bare(input, mode === "bare" ? "customer" : "order")
  : product(input, output)
).catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
