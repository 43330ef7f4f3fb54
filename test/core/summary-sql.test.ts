/**
 * The warehouse SQL: the DuckDB dialect run on the simulated ledgers equals the product's own summary
 * (CUSTOMER_SUMMARY's columns from `customerSummary`, the models' from `clvSummary`) and its cohort table; the
 * BigQuery, Snowflake and Spark texts parse in their dialect (node-sql-parser: "bigquery", "snowflake", and
 * "hive" for Spark SQL, whose grammar Spark's SQL parser descends from).
 */
import { DuckDBInstance } from "@duckdb/node-api";
import { Parser } from "node-sql-parser";
import { cohortTable } from "../../src/core/cohorts";
import { readLedger } from "../../src/core/ledger";
import { clvSummary } from "../../src/core/models/clv-summary";
import { namedUnit } from "../../src/core/periods";
import { customerSummary } from "../../src/core/summary";
import { LEDGER_LTV, LEDGER_LTV_SUMMARY } from "../../src/functions/ledger-value";
import {
  cohortSql,
  summarySql,
  SQL_DIALECTS,
  sqlTable,
  type SqlSource,
} from "../../src/core/summary-sql";
import { bgNbdProcess, simulateLedgerRows } from "../support/ledger-sim";

const SOURCE: SqlSource = {
  table: "sales",
  customer: "customer_id",
  date: "order_date",
  amount: "amount",
  order: "order_id",
};

/** Simulated purchases, each split into line items (1–3 lines of one order), some customers buying twice a day. */
function lineItems(seed: number) {
  const rows = simulateLedgerRows({
    process: bgNbdProcess(0.6, 15, 0.8, 4, { p: 6, q: 4, v: 300 }),
    customers: 400,
    acquisitionDays: 300,
    windowDays: 500,
    seed,
  });
  const out: { customer: string; date: number; amount: number; order: string }[] = [];
  rows.forEach((r, i) => {
    const parts = 1 + (i % 3);
    for (let k = 0; k < parts; k++)
      out.push({
        customer: r.customer,
        date: r.date,
        amount: Math.round(r.amount / parts),
        order: `O${i}`,
      });
    // every seventh purchase has a second order the same day: one occasion, two orders
    if (i % 7 === 0) out.push({ customer: r.customer, date: r.date, amount: 120, order: `P${i}` });
  });
  return out;
}

describe("summarySql (DuckDB dialect, executed)", () => {
  test("equals customerSummary and clvSummary on a simulated line-item ledger", async () => {
    const rows = lineItems(7);
    const db = await DuckDBInstance.create(":memory:");
    const con = await db.connect();
    await con.run("CREATE TABLE raw (c VARCHAR, serial INTEGER, a DOUBLE, o VARCHAR)");
    const app = await con.createAppender("raw");
    for (const r of rows) {
      app.appendVarchar(r.customer);
      app.appendInteger(r.date);
      app.appendDouble(r.amount);
      app.appendVarchar(r.order);
      app.endRow();
    }
    app.closeSync();
    await con.run(
      "CREATE TABLE sales AS SELECT c AS customer_id, DATE '1899-12-30' + serial AS order_date, a AS amount, o AS order_id FROM raw"
    );
    const result = await con.runAndReadAll(
      `SELECT *, date_diff('day', DATE '1899-12-30', first_purchase) AS f, date_diff('day', DATE '1899-12-30', last_purchase) AS l FROM (${summarySql("duckdb", SOURCE)})`
    );
    const got = result.getRowObjectsJS() as Record<string, unknown>[];

    const ledger = readLedger({
      customers: rows.map((r) => r.customer),
      dates: rows.map((r) => r.date),
      amounts: rows.map((r) => r.amount),
      orders: rows.map((r) => r.order),
    });
    const product = customerSummary(ledger);
    const models = clvSummary(ledger, namedUnit("week"));
    expect(got).toHaveLength(product.length);
    const byId = new Map(got.map((g) => [String(g.customer_id), g]));
    const at = new Map(models.customers.map((c, i) => [c, i]));
    let repeatBuyers = 0;
    for (const p of product) {
      const g = byId.get(p.customer) as Record<string, number>;
      const i = at.get(p.customer) as number;
      expect(Number(g.f)).toBe(p.firstOrder);
      expect(Number(g.l)).toBe(p.lastOrder);
      expect(Number(g.orders)).toBe(p.orders);
      expect(g.revenue).toBeCloseTo(p.revenue, 9);
      expect(g.average_order).toBeCloseTo(p.averageOrder, 9);
      expect(Number(g.repeat_purchases)).toBe(models.frequency[i]);
      expect(g.avg_repeat_spend).toBeCloseTo((models.monetary as Float64Array)[i], 9);
      expect(g.first_amount).toBeCloseTo((models.firstAmount as Float64Array)[i], 9);
      expect(g.recency_weeks).toBeCloseTo(models.recency[i], 12);
      expect(g.t_weeks).toBeCloseTo(models.T[i], 12);
      if (models.frequency[i] > 0) repeatBuyers++;
    }
    // the fixture exercises what it is meant to: repeat buyers, line items, same-day second orders
    expect(repeatBuyers).toBeGreaterThan(50);
    expect(product.some((p) => p.orders > 1)).toBe(true);

    // the first six columns are the customer-summary route's shape: as they land in a sheet, LEDGER_LTV_SUMMARY
    // on them gives LEDGER_LTV on the order lines
    expect(Object.keys(got[0]).slice(0, 6)).toEqual([
      "customer_id",
      "first_purchase",
      "last_purchase",
      "repeat_purchases",
      "avg_repeat_spend",
      "first_amount",
    ]);
    const sheet = [
      Object.keys(got[0]).slice(0, 6),
      ...got.map((g) => [
        String(g.customer_id),
        Number(g.f),
        Number(g.l),
        Number(g.repeat_purchases),
        Number(g.avg_repeat_spend),
        Number(g.first_amount),
      ]),
    ];
    const col = (k: keyof (typeof rows)[number]) => rows.map((r) => [r[k]]);
    const viaSql = LEDGER_LTV_SUMMARY(sheet, "3y", "month") as unknown[][];
    const viaLines = LEDGER_LTV(
      col("customer"),
      col("date"),
      col("amount"),
      "3y",
      "month",
      col("order")
    ) as unknown[][];
    expect(Array.isArray(viaSql)).toBe(true);
    expect(viaSql.map((r) => r[0])).toEqual(viaLines.map((r) => r[0]));
    viaSql.forEach((r, i) =>
      typeof r[1] === "number"
        ? expect(Math.abs(r[1] - (viaLines[i][1] as number))).toBeLessThanOrEqual(
            1e-9 * Math.max(1, Math.abs(viaLines[i][1] as number))
          )
        : expect(r[1]).toBe(viaLines[i][1])
    );
    con.closeSync();
  });

  test("without an order column each row is one order", async () => {
    const db = await DuckDBInstance.create(":memory:");
    const con = await db.connect();
    await con.run(
      "CREATE TABLE t AS SELECT * FROM (VALUES ('A', DATE '2024-01-05', 340.0), ('A', DATE '2024-01-05', 60.0), ('A', DATE '2024-02-01', 490.0), ('B', DATE '2024-01-06', 490.0)) v(c, d, a)"
    );
    const r = await con.runAndReadAll(
      summarySql("duckdb", { table: "t", customer: "c", date: "d", amount: "a" })
    );
    const rows = r.getRowObjectsJS() as Record<string, unknown>[];
    expect(
      rows.map((x) => [
        x.customer_id,
        Number(x.orders),
        x.revenue,
        Number(x.repeat_purchases),
        x.first_amount,
        x.avg_repeat_spend,
      ])
    ).toEqual([
      ["A", 3, 890, 1, 400, 490],
      ["B", 1, 490, 0, 490, 0],
    ]);
    con.closeSync();
  });
});

describe("cohortSql (DuckDB dialect, executed)", () => {
  test("its complete months equal the product's monthly cohort table (customers)", async () => {
    const rows = lineItems(11);
    const db = await DuckDBInstance.create(":memory:");
    const con = await db.connect();
    await con.run("CREATE TABLE raw (c VARCHAR, serial INTEGER, a DOUBLE, o VARCHAR)");
    const app = await con.createAppender("raw");
    for (const r of rows) {
      app.appendVarchar(r.customer);
      app.appendInteger(r.date);
      app.appendDouble(r.amount);
      app.appendVarchar(r.order);
      app.endRow();
    }
    app.closeSync();
    await con.run(
      "CREATE TABLE sales AS SELECT c AS customer_id, DATE '1899-12-30' + serial AS order_date, a AS amount, o AS order_id FROM raw"
    );
    const got = (
      await con.runAndReadAll(
        `SELECT strftime(cohort, '%Y-%m') AS label, months_since, cohort_size, customers, complete FROM (${cohortSql("duckdb", SOURCE)})`
      )
    ).getRowObjectsJS() as Record<string, unknown>[];
    const ledger = readLedger({
      customers: rows.map((r) => r.customer),
      dates: rows.map((r) => r.date),
      amounts: rows.map((r) => r.amount),
    });
    const table = cohortTable(ledger, namedUnit("month"), "customers");
    let compared = 0;
    table.cohorts.forEach((c, h) => {
      table.values[h].forEach((v, k) => {
        const cell = got.find((g) => g.label === c.label && Number(g.months_since) === k);
        if (v === null) {
          // not yet observable in the product: the SQL's row, if any, says so
          if (cell) expect(Number(cell.complete)).toBe(0);
          return;
        }
        expect(cell ? Number(cell.customers) : 0).toBe(v);
        if (cell) {
          expect(Number(cell.cohort_size)).toBe(c.customers);
          expect(Number(cell.complete)).toBe(1);
        }
        compared++;
      });
    });
    expect(compared).toBeGreaterThan(50);
    con.closeSync();
  });
});

describe("the warehouse dialects parse", () => {
  const parser = new Parser();
  const PARSER_DB = { bigquery: "bigquery", snowflake: "snowflake", spark: "hive" } as const;
  for (const dialect of ["bigquery", "snowflake", "spark"] as const) {
    for (const order of [true, false]) {
      test(`${dialect}${order ? " with order ids" : ""}`, () => {
        const s = { ...SOURCE, ...(order ? {} : { order: undefined }) };
        for (const sql of [summarySql(dialect, s), cohortSql(dialect, s)]) {
          expect(() => parser.astify(sql, { database: PARSER_DB[dialect] })).not.toThrow();
        }
      });
    }
  }
  test("names that are not plain identifiers are quoted per dialect", () => {
    expect(sqlTable("bigquery", "my-project.shop.sales")).toBe("`my-project.shop.sales`");
    expect(sqlTable("snowflake", "SHOP.SALES")).toBe("SHOP.SALES");
    const sql = summarySql("duckdb", {
      table: "売上",
      customer: "顧客ID",
      date: "購入日",
      amount: "金額",
    });
    expect(sql).toContain('"顧客ID"');
    expect(SQL_DIALECTS).toEqual(["duckdb", "bigquery", "snowflake", "spark"]);
  });
});
