/**
 * `ltv-workbook sql`: prints the SQL that computes the per-customer summary and the monthly cohort table where
 * the order lines live (DuckDB, BigQuery, Snowflake, Spark/Databricks), so only the summary needs to reach Excel.
 *
 *   ltv-workbook sql --dialect bigquery --table shop.sales --customer customer_id --date order_date \
 *     --amount amount [--order order_id] [--cohorts]
 *
 * The SQL comes from `src/core/summary-sql.ts`; this file only reads the command line and prints it.
 */
import { cohortSql, SQL_DIALECTS, summarySql, type SqlDialect } from "../core/summary-sql";
import type { Lang } from "../i18n/language";
import { CliError, EXIT, renderCli, type ExitCode } from "./errors";

const VALUE = new Set([
  "--dialect",
  "--table",
  "--customer",
  "--date",
  "--amount",
  "--order",
  "--lang",
]);

/**
 * The one command that runs the printed SQL in each engine and saves the result as a file Excel opens, with a
 * header row (for --help and the README). bq prints 100 rows unless told more; spark-sql writes tabs.
 */
export const RUN_COMMAND: Record<SqlDialect, string> = {
  duckdb: "duckdb -csv shop.duckdb < summary.sql > summary.csv",
  bigquery:
    'bq query --use_legacy_sql=false --format=csv --max_rows=100000000 "$(cat summary.sql)" > summary.csv',
  snowflake:
    'snowsql -o output_format=csv -o header=true -o timing=false -o friendly=false -q "$(cat summary.sql)" > summary.csv',
  spark: 'spark-sql --hiveconf hive.cli.print.header=true -e "$(cat summary.sql)" > summary.tsv',
};

/**
 * Runs `ltv-workbook sql …`: the summary's SQL (or with `--cohorts` the cohort table's) on stdout.
 * Example: `sql --dialect snowflake --table SALES --customer CUSTOMER_ID --date ORDER_DATE --amount AMOUNT`
 * → `WITH lines AS (SELECT CAST(CUSTOMER_ID AS VARCHAR) …`.
 * @returns exit 0, or 2 with one line on stderr for a bad command line.
 */
export function runSqlCommand(
  argv: readonly string[],
  io: { stdout: (line: string) => void; stderr: (line: string) => void },
  lang: Lang
): ExitCode {
  const values = new Map<string, string>();
  let cohorts = false;
  let help = false;
  try {
    for (let i = 0; i < argv.length; i++) {
      let arg = argv[i];
      let inline: string | undefined;
      if (arg.startsWith("--") && arg.includes("=")) {
        inline = arg.slice(arg.indexOf("=") + 1);
        arg = arg.slice(0, arg.indexOf("="));
      }
      if (VALUE.has(arg)) {
        const v = inline ?? argv[++i];
        if (v === undefined) throw new CliError("missingValue", EXIT.usage, { option: arg });
        values.set(arg, v);
      } else if (arg === "--cohorts") cohorts = true;
      else if (arg === "--help" || arg === "-h") help = true;
      else throw new CliError("unknownOption", EXIT.usage, { option: arg });
    }
    const l = values.get("--lang");
    if (l === "ja" || l === "en") lang = l;
    if (help) {
      io.stdout(sqlHelp(lang));
      return EXIT.ok;
    }
    const dialect = (values.get("--dialect") ?? "duckdb").toLowerCase();
    if (!SQL_DIALECTS.includes(dialect as SqlDialect))
      throw new CliError("badOptionValue", EXIT.usage, {
        option: "--dialect",
        value: dialect,
        hint:
          lang === "ja"
            ? `${SQL_DIALECTS.join("、")} のいずれかを指定してください。`
            : `Use ${SQL_DIALECTS.join(", ")}.`,
      });
    for (const option of ["--table", "--customer", "--date", "--amount"])
      if (!values.get(option)) throw new CliError("missingValue", EXIT.usage, { option });
    const source = {
      table: values.get("--table") as string,
      customer: values.get("--customer") as string,
      date: values.get("--date") as string,
      amount: values.get("--amount") as string,
      order: values.get("--order"),
    };
    const sql = (cohorts ? cohortSql : summarySql)(dialect as SqlDialect, source);
    io.stdout(`${sql};`);
    return EXIT.ok;
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    io.stderr(`ltv-workbook: ${renderCli(e.code, e.params, lang)}`);
    return e.exit;
  }
}

function sqlHelp(lang: Lang): string {
  const runs = SQL_DIALECTS.map((d) => `  ${d.padEnd(10)} ${RUN_COMMAND[d]}`).join("\n");
  if (lang === "ja")
    return `ltv-workbook sql — 顧客別サマリー（またはコホート表）を、データのある場所で計算する SQL を表示します。

使い方: ltv-workbook sql --dialect duckdb|bigquery|snowflake|spark --table 表 --customer 列 --date 列 --amount 列 [--order 列] [--cohorts]

  --dialect   SQL の方言（既定 duckdb）。spark は Databricks SQL にも使えます
  --table     注文明細の表（shop.sales など）。日付列は DATE か TIMESTAMP、金額列は数値
  --order     注文番号の列：同じ番号の明細は 1 件の注文
  --cohorts   顧客別サマリーの代わりに月次コホート表の SQL

実行（SQL を summary.sql に保存して。結果は Excel で開けるファイルに）:
${runs}`;
  return `ltv-workbook sql — prints the SQL that computes the per-customer summary (or the cohort table) where the data lives.

Usage: ltv-workbook sql --dialect duckdb|bigquery|snowflake|spark --table T --customer COL --date COL --amount COL [--order COL] [--cohorts]

  --dialect   the SQL dialect (default duckdb); spark also serves Databricks SQL
  --table     the order lines (e.g. shop.sales); the date column DATE or TIMESTAMP, the amount numeric
  --order     the order id column: lines sharing it are one order
  --cohorts   the monthly cohort table's SQL instead of the summary

Run it (with the SQL saved as summary.sql; the result as a file Excel opens):
${runs}`;
}
