/**
 * The per-customer summary and the cohort table as SQL, for the engine where the data lives (DuckDB, BigQuery,
 * Snowflake, Spark): a hundred million order lines are a few hundred thousand customer rows, and only those need to
 * reach Excel. Pure string building: no engine is called here.
 *
 * The SQL follows the product's own rules (`summary.ts`, `models/clv-summary.ts`):
 * - rows with a blank customer, date or amount are left out (the warehouse columns are typed: dates are DATE or
 *   TIMESTAMP, amounts numbers; text such as "¥1,200" is the file reader's business, not the warehouse's);
 * - with an order column, rows sharing an order id are one order; without, each row is one order;
 * - a customer's purchases on the same day are one purchase occasion (their amounts add up);
 * - repeat purchases = occasions − 1; average repeat spend = the repeat occasions' mean amount (0 without repeats);
 *   first amount = the first occasion's amount; recency and T in weeks (days ÷ 7) up to the last date of the table.
 *
 * Columns of the summary, one row per customer ordered by first purchase then id: customer_id, first_purchase,
 * last_purchase (DATE), repeat_purchases, avg_repeat_spend, first_amount, orders, revenue, average_order,
 * recency_weeks, t_weeks. The first six are the customer-summary route's shape, in its order (what the models are
 * fitted on: `=LEDGER_LTV_SUMMARY(A:F)` on the result as it lands in a sheet); customer, first, last, orders,
 * revenue and average order are CUSTOMER_SUMMARY's.
 */

/** The engines the SQL is written for. Spark SQL is also Databricks SQL. */
export type SqlDialect = "duckdb" | "bigquery" | "snowflake" | "spark";

export const SQL_DIALECTS: readonly SqlDialect[] = ["duckdb", "bigquery", "snowflake", "spark"];

/** Where the order lines are: a table (or view) and its columns. */
export interface SqlSource {
  /** table name, optionally qualified (`shop.sales`, `project.dataset.orders`) */
  table: string;
  customer: string;
  date: string;
  amount: string;
  /** order id column: line items sharing it are one order */
  order?: string;
}

interface DialectWords {
  text: string;
  float: string;
  /** days from a to b */
  days: (a: string, b: string) => string;
  /** first day of the month of d */
  month: (d: string) => string;
  /** whole calendar months from a to b (both first days of a month) */
  months: (a: string, b: string) => string;
  /** the day after d */
  nextDay: (d: string) => string;
  quote: (name: string) => string;
}

const dq = (name: string) => `"${name.replace(/"/g, '""')}"`;
const bq = (name: string) => `\`${name.replace(/`/g, "\\`")}\``;

const WORDS: Record<SqlDialect, DialectWords> = {
  duckdb: {
    text: "VARCHAR",
    float: "DOUBLE",
    days: (a, b) => `date_diff('day', ${a}, ${b})`,
    month: (d) => `CAST(date_trunc('month', ${d}) AS DATE)`,
    months: (a, b) => `date_diff('month', ${a}, ${b})`,
    nextDay: (d) => `CAST(${d} + INTERVAL 1 DAY AS DATE)`,
    quote: dq,
  },
  bigquery: {
    text: "STRING",
    float: "FLOAT64",
    days: (a, b) => `DATE_DIFF(${b}, ${a}, DAY)`,
    month: (d) => `DATE_TRUNC(${d}, MONTH)`,
    months: (a, b) => `DATE_DIFF(${b}, ${a}, MONTH)`,
    nextDay: (d) => `DATE_ADD(${d}, INTERVAL 1 DAY)`,
    quote: bq,
  },
  snowflake: {
    text: "VARCHAR",
    float: "DOUBLE",
    days: (a, b) => `DATEDIFF(day, ${a}, ${b})`,
    month: (d) => `DATE_TRUNC('MONTH', ${d})`,
    months: (a, b) => `DATEDIFF(month, ${a}, ${b})`,
    nextDay: (d) => `DATEADD(day, 1, ${d})`,
    quote: dq,
  },
  spark: {
    text: "STRING",
    float: "DOUBLE",
    days: (a, b) => `datediff(${b}, ${a})`,
    month: (d) => `CAST(trunc(${d}, 'MM') AS DATE)`,
    months: (a, b) => `CAST(months_between(${b}, ${a}) AS INT)`,
    nextDay: (d) => `date_add(${d}, 1)`,
    quote: bq,
  },
};

const PLAIN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A column name as the dialect reads it: plain names as given (so Snowflake's unquoted upper-casing still finds
 * them), others quoted. Example: `ident("duckdb", "顧客 ID")` → `"顧客 ID"`. O(length).
 */
export function sqlIdent(dialect: SqlDialect, name: string): string {
  return PLAIN.test(name) ? name : WORDS[dialect].quote(name);
}

/** A table name: each dot-separated part as {@link sqlIdent}; BigQuery's `project.dataset.table` in one pair of backticks. */
export function sqlTable(dialect: SqlDialect, table: string): string {
  const parts = table.split(".");
  if (parts.every((p) => PLAIN.test(p))) return table;
  if (dialect === "bigquery") return bq(table);
  return parts.map((p) => sqlIdent(dialect, p)).join(".");
}

/** The common first steps: typed order lines, then one row per (customer, day) occasion. */
function linesCte(dialect: SqlDialect, s: SqlSource): string {
  const w = WORDS[dialect];
  const c = sqlIdent(dialect, s.customer);
  const d = sqlIdent(dialect, s.date);
  const a = sqlIdent(dialect, s.amount);
  const o = s.order === undefined ? undefined : sqlIdent(dialect, s.order);
  return [
    `lines AS (`,
    `  SELECT CAST(${c} AS ${w.text}) AS customer_id, CAST(${d} AS DATE) AS order_date,`,
    `    CAST(${a} AS ${w.float}) AS amount, ${o ? `CAST(${o} AS ${w.text})` : `CAST(NULL AS ${w.text})`} AS order_id`,
    `  FROM ${sqlTable(dialect, s.table)}`,
    `  WHERE ${c} IS NOT NULL AND ${d} IS NOT NULL AND ${a} IS NOT NULL${o ? ` AND ${o} IS NOT NULL` : ""}`,
    `),`,
    `occasions AS (`,
    `  SELECT customer_id, order_date, SUM(amount) AS amount,`,
    `    ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY order_date) AS k`,
    `  FROM lines GROUP BY customer_id, order_date`,
    `)`,
  ].join("\n");
}

/**
 * The per-customer summary in `dialect` (columns in the module comment).
 *
 * Example: `summarySql("bigquery", { table: "shop.sales", customer: "customer_id", date: "order_date", amount:
 * "amount", order: "order_id" })` → `WITH lines AS (SELECT CAST(customer_id AS STRING) …` whose result for
 * A 2024-01-05 340, A 2024-01-05 60 (same order), A 2024-02-01 490 is one row: A, 2024-01-05, 2024-02-01, 1 repeat
 * purchase, repeat spend 490, first amount 400, 2 orders, revenue 890, average order 445, recency 27/7, T 27/7.
 * Cost: one scan of the table, one grouping by (customer, day) and one by customer, in the engine.
 */
export function summarySql(dialect: SqlDialect, s: SqlSource): string {
  const w = WORDS[dialect];
  const orders = s.order === undefined ? "COUNT(*)" : "COUNT(DISTINCT order_id)";
  return [
    `WITH ${linesCte(dialect, s)},`,
    `customers AS (`,
    `  SELECT customer_id, MIN(order_date) AS first_purchase, MAX(order_date) AS last_purchase,`,
    `    ${orders} AS orders, SUM(amount) AS revenue`,
    `  FROM lines GROUP BY customer_id`,
    `),`,
    `repeats AS (`,
    `  SELECT customer_id, COUNT(*) - 1 AS repeat_purchases,`,
    `    SUM(CASE WHEN k = 1 THEN amount ELSE 0 END) AS first_amount,`,
    `    SUM(CASE WHEN k > 1 THEN amount ELSE 0 END) AS repeat_spend`,
    `  FROM occasions GROUP BY customer_id`,
    `),`,
    `bounds AS (SELECT MAX(order_date) AS end_date FROM lines)`,
    `SELECT c.customer_id, c.first_purchase, c.last_purchase, r.repeat_purchases,`,
    `  CASE WHEN r.repeat_purchases > 0 THEN r.repeat_spend / r.repeat_purchases ELSE 0 END AS avg_repeat_spend,`,
    `  r.first_amount, c.orders, c.revenue, c.revenue / c.orders AS average_order,`,
    `  CAST(${w.days("c.first_purchase", "c.last_purchase")} AS ${w.float}) / 7 AS recency_weeks,`,
    `  CAST(${w.days("c.first_purchase", "b.end_date")} AS ${w.float}) / 7 AS t_weeks`,
    `FROM customers c JOIN repeats r ON r.customer_id = c.customer_id CROSS JOIN bounds b`,
    `ORDER BY c.first_purchase, c.customer_id`,
  ].join("\n");
}

/**
 * The monthly cohort table in `dialect`: one row per (cohort month, months since first purchase) with the cohort's
 * size and the customers of it who bought in that month (calendar months, as the product's cohort table counts
 * them; k = 0 is the first purchase's month). A cell exists only where someone bought: the table is long, to be
 * pivoted by the reader; the product leaves out months not yet over on the last date, this SQL keeps them and says
 * which with `complete` (1 when the month has ended by the last date of the table).
 * Columns: cohort (DATE, first day of the month), months_since, cohort_size, customers, retention, complete.
 * Cost: one scan, one grouping by (customer, month).
 */
export function cohortSql(dialect: SqlDialect, s: SqlSource): string {
  const w = WORDS[dialect];
  const m = (d: string) => w.month(d);
  return [
    `WITH ${linesCte(dialect, s)},`,
    `firsts AS (SELECT customer_id, ${m("MIN(order_date)")} AS cohort FROM lines GROUP BY customer_id),`,
    `sizes AS (SELECT cohort, COUNT(*) AS cohort_size FROM firsts GROUP BY cohort),`,
    `active AS (`,
    `  SELECT DISTINCT f.customer_id, f.cohort, ${w.months("f.cohort", m("o.order_date"))} AS months_since`,
    `  FROM occasions o JOIN firsts f ON f.customer_id = o.customer_id`,
    `),`,
    `bounds AS (SELECT MAX(order_date) AS end_date FROM lines)`,
    `SELECT a.cohort, a.months_since, z.cohort_size, COUNT(*) AS customers,`,
    `  CAST(COUNT(*) AS ${w.float}) / z.cohort_size AS retention,`,
    // a month is over once the day after the last date falls in a later month
    `  CASE WHEN ${w.months("a.cohort", m(w.nextDay("b.end_date")))} > a.months_since THEN 1 ELSE 0 END AS complete`,
    `FROM active a JOIN sizes z ON z.cohort = a.cohort CROSS JOIN bounds b`,
    `GROUP BY a.cohort, a.months_since, z.cohort_size, b.end_date`,
    `ORDER BY a.cohort, a.months_since`,
  ].join("\n");
}
