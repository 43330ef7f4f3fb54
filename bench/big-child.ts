/**
 * One timed run for `bench/big.bench.ts`, in its own process so its peak memory is its own:
 *   npx tsx bench/big-child.ts product <ledger.csv> <out.xlsx>   the CLI's run(): stage times, peak RSS
 *   npx tsx bench/big-child.ts bare <ledger.csv>                 DuckDB alone: the bare grouping of the file
 * Prints one JSON line.
 */
import { DuckDBInstance } from "@duckdb/node-api";
import { parseArgs } from "../src/cli/args";
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
      orders: r.orders,
      customers: r.customers,
      ltv: r.ltv,
      maxRssMB: process.resourceUsage().maxRSS / 1024,
    })
  );
}

/** The floor: DuckDB reading the same file and grouping it by customer (count and sum), nothing else. */
async function bare(input: string): Promise<void> {
  const db = await DuckDBInstance.create(":memory:", { threads: "2", memory_limit: "1GB" });
  const con = await db.connect();
  const started = Date.now();
  const r = await con.runAndReadAll(
    `SELECT count(*), sum(n) FROM (SELECT "顧客ID" AS c, count(*) AS n, sum(TRY_CAST("金額" AS DOUBLE)) AS s
     FROM read_csv('${input.replace(/'/g, "''")}', header=true, all_varchar=true) GROUP BY c)`
  );
  const seconds = (Date.now() - started) / 1000;
  const [customers, rows] = r.getRows()[0].map(Number);
  console.log(
    JSON.stringify({ seconds, customers, rows, maxRssMB: process.resourceUsage().maxRSS / 1024 })
  );
  con.closeSync();
}

const [mode, input, output] = process.argv.slice(2);
(mode === "bare" ? bare(input) : product(input, output)).catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
