/**
 * The DuckDB engine against the in-memory one on the same ledger files: the same ledger figures (customers,
 * orders, rows read and skipped with their reasons and rows), the same fit inputs and the same LTV to 1e-9,
 * over UTF-8, Shift_JIS and Parquet, with the amount and date forms people write and with unreadable, blank and
 * header rows; the same errors.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import * as iconv from "iconv-lite";
import { isoFromSerial } from "../../src/core/input/date";
import type { Ledger } from "../../src/core/ledger";
import { countOrders } from "../../src/core/orders";
import { parseArgs } from "../../src/cli/args";
import {
  chooseEngine,
  DUCKDB_THRESHOLD_BYTES,
  readLedgerWithDuckDb,
  type DuckLedgerInput,
} from "../../src/cli/duckdb-ledger";
import { run, type CliResult } from "../../src/cli/main";
import type { CustomerSheets } from "../../src/cli/customer-sheets";
import { RUN_COMMAND } from "../../src/cli/sql-command";
import { bgNbdProcess, simulateLedgerRows } from "../support/ledger-sim";
import { runCli, scratch } from "./helpers";

const NOW = new Date(Date.UTC(2025, 0, 15, 9));

/** The many ways one amount is written (all read as `v` by the product's rules), quoted for CSV where needed. */
function amountText(v: number, k: number): string {
  const t = amountForm(v, k);
  return t.includes(",") ? `"${t}"` : t;
}

function amountForm(v: number, k: number): string {
  const grouped = v.toLocaleString("en-US");
  switch (k % 6) {
    case 0:
      return String(v);
    case 1:
      return `¥${grouped}`;
    case 2:
      return `${grouped}円`;
    case 3:
      return `\\${grouped}`;
    case 4:
      // full-width digits
      return String(v).replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    default:
      return grouped;
  }
}

function dateText(serial: number, k: number): string {
  const [y, m, d] = isoFromSerial(serial).split("-").map(Number);
  switch (k % 4) {
    case 0:
      return isoFromSerial(serial);
    case 1:
      return `${y}/${m}/${d}`;
    case 2:
      return `${y}年${m}月${d}日`;
    default:
      // a serial is a date only in a date cell (a number), never as text: dotted dates instead
      return `${y}.${m}.${d}`;
  }
}

/**
 * A line-item ledger as a Japanese shop exports it: header 顧客ID,購入日,金額,注文番号, orders of 1–3 lines, some
 * customers with two orders the same day, a blank line, a few unreadable rows (a bad date, a bad amount, a blank
 * customer) and full-width ids. `clean`: no blank line and no unreadable row (every cell reads, DuckDB's plain
 * path), full-width ids only with `fullWidth`, and some orders with a line dated the next day.
 */
function ledgerCsv(
  seed: number,
  withOrders = true,
  { clean = false, fullWidth = !clean }: { clean?: boolean; fullWidth?: boolean } = {}
): string {
  const rows = simulateLedgerRows({
    process: bgNbdProcess(0.6, 15, 0.8, 4, { p: 6, q: 4, v: 300 }),
    customers: 300,
    acquisitionDays: 300,
    windowDays: 540,
    seed,
  });
  const lines = [withOrders ? "顧客ID,購入日,金額,注文番号" : "顧客ID,購入日,金額"];
  rows.forEach((r, i) => {
    const parts = withOrders ? 1 + (i % 3) : 1;
    const id =
      fullWidth && i % 11 === 0
        ? r.customer.replace(/[A-Z0-9]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0))
        : r.customer;
    for (let k = 0; k < parts; k++) {
      const amount = Math.max(1, Math.round(r.amount / parts));
      lines.push(
        [
          id,
          dateText(r.date, i + k),
          amountText(amount, i + k),
          ...(withOrders ? [`O${i}`] : []),
        ].join(",")
      );
    }
    if (i % 9 === 0)
      lines.push(
        [r.customer, dateText(r.date, i), "1200", ...(withOrders ? [`P${i}`] : [])].join(",")
      );
    // an order with a line dated the next day: one order, two purchase days
    if (clean && withOrders && i % 13 === 5)
      lines.push([id, dateText(r.date + 1, i), amountText(300, i), `O${i}`].join(","));
    if (clean) return;
    if (i === 40) lines.push("");
    if (i === 50)
      lines.push([r.customer, "someday", "100", ...(withOrders ? ["X1"] : [])].join(","));
    if (i === 60)
      lines.push([r.customer, "2024/1/5", '"1,20"', ...(withOrders ? ["X2"] : [])].join(","));
    if (i === 70) lines.push(["", "2024/1/5", "100", ...(withOrders ? ["X3"] : [])].join(","));
    if (i === 80) lines.push(withOrders ? ",,," : ",,");
  });
  return lines.join("\r\n") + "\r\n";
}

type Both = Record<"memory" | "duckdb", CliResult> & {
  skippedLine: Record<"memory" | "duckdb", string>;
};

async function both(path: string, extra: string[] = []): Promise<Both> {
  const out: Partial<Both> = { skippedLine: { memory: "", duckdb: "" } };
  for (const engine of ["memory", "duckdb"] as const) {
    const options = parseArgs(
      [path, "-o", `${path}-${engine}.xlsx`, "--engine", engine, ...extra],
      {}
    );
    const said: string[] = [];
    out[engine] = await run(options, { stderr: (l) => said.push(l), now: NOW });
    // "skipped 3 unreadable row(s) (1 unreadable dates, …)": the same rows for the same reasons
    (out.skippedLine as Both["skippedLine"])[engine] =
      said.find((l) => /unreadable row/.test(l)) ?? "";
  }
  return out as Both;
}

function expectSameNumbers(m: CliResult, d: CliResult): void {
  expect(d.customers).toBe(m.customers);
  expect(d.orders).toBe(m.orders);
  expect(d.rowsRead).toBe(m.rowsRead);
  expect(d.rowsSkipped).toBe(m.rowsSkipped);
  expect(d.analysis.rowsRead).toBe(m.analysis.rowsRead);
  expect(d.analysis.rowsSkipped).toBe(m.analysis.rowsSkipped);
  const close = (a: number, b: number) =>
    expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));
  // the fit inputs: each customer's first and last purchase, orders, revenue, first amount, repeat purchases
  expect(d.analysis.summary).toHaveLength(m.analysis.summary.length);
  m.analysis.summary.forEach((s, i) => {
    const t = d.analysis.summary[i];
    expect(t.customer).toBe(s.customer);
    expect([t.first, t.last, t.orders, t.repeatPurchases]).toEqual([
      s.first,
      s.last,
      s.orders,
      s.repeatPurchases,
    ]);
    close(t.revenue, s.revenue);
    close(t.firstAmount as number, s.firstAmount as number);
  });
  const mv = m.analysis.value!;
  const dv = d.analysis.value!;
  expect(dv.model).toBe(mv.model);
  mv.params.forEach((p, i) => close(dv.params[i].value, p.value));
  for (const k of ["firstOrder", "avgOrder", "frequency", "periods"] as const) close(dv[k], mv[k]);
  expect(d.analysis.cohorts).toEqual(m.analysis.cohorts);
  expect(d.analysis.retention).toEqual(m.analysis.retention);
  expect(d.analysis.largestDrop).toEqual(m.analysis.largestDrop);
  if (m.analysis.churn === null) expect(d.analysis.churn).toBeNull();
  else close(d.analysis.churn as number, m.analysis.churn);
  // what only the order lines tell: the holdout check and the cohort value curve
  expect(dv.holdout === null).toBe(mv.holdout === null);
  if (mv.holdout && dv.holdout) {
    expect(dv.holdout.days).toBe(mv.holdout.days);
    expect(dv.holdout.actual).toBe(mv.holdout.actual);
    close(dv.holdout.predicted, mv.holdout.predicted);
  }
  expect(dv.curve).toHaveLength(mv.curve.length);
  mv.curve.forEach((p, i) => {
    expect(dv.curve[i].customers).toBe(p.customers);
    close(dv.curve[i].observed, p.observed);
    close(dv.curve[i].expected, p.expected);
  });
  for (const k of ["ltv", "ltvBeforeCosts", "maxCac", "periods"] as const) close(d[k], m[k]);
  expect(d.ltvInterval === null).toBe(m.ltvInterval === null);
  if (m.ltvInterval && d.ltvInterval) {
    close(d.ltvInterval.low, m.ltvInterval.low);
    close(d.ltvInterval.high, m.ltvInterval.high);
  }
}

describe("DuckDB engine = in-memory engine", () => {
  jest.setTimeout(120_000);

  test("UTF-8 line items with every amount and date form, unreadable and blank rows", async () => {
    const dir = scratch();
    const path = join(dir, "ledger.csv");
    writeFileSync(path, "\uFEFF" + ledgerCsv(3));
    const r = await both(path, ["--skip-unreadable"]);
    expect(r.memory.rowsSkipped).toBe(3);
    expect(r.memory.orders).toBeLessThan(r.memory.rowsRead);
    expectSameNumbers(r.memory, r.duckdb);
    expect(r.skippedLine.memory).toMatch(
      /1 unreadable dates.*1 unreadable amounts.*1 blank customer ids/
    );
    expect(r.skippedLine.duckdb).toBe(r.skippedLine.memory);
  });

  test("a ledger whose every cell reads takes the plain path, to the same numbers", async () => {
    const dir = scratch();
    const path = join(dir, "clean.csv");
    // "¥1,200", "1,200円", "\1,200", full-width digits, "2024/1/5", "2024年1月5日", line items, same-day orders
    writeFileSync(path, ledgerCsv(4, true, { clean: true }));
    const r = await both(path);
    expect((r.duckdb.read as DuckLedgerInput).plain).toBe(true);
    expect(r.memory.rowsSkipped).toBe(0);
    expect(r.memory.orders).toBeLessThan(r.memory.rowsRead);
    // some orders span two days and some days hold two orders: the folded ledger has one row per purchase
    // occasion, each customer's distinct days, whatever the orders
    const lines = r.memory.read?.ledger as Ledger;
    const occasions = new Set<string>();
    for (let i = 0; i < lines.n; i++) occasions.add(`${lines.customerOf?.[i]}|${lines.dates?.[i]}`);
    expect(r.duckdb.read?.ledger.n).toBe(occasions.size);
    expect(r.duckdb.read?.ledger.n).not.toBe(r.duckdb.orders);
    expect(r.duckdb.read?.ledger.orderIds).toBeNull();
    expectSameNumbers(r.memory, r.duckdb);
    // the customer list and the cohort value sheets (--customers) from the folded ledger: the same cells
    const c = await both(path, ["--customers"]);
    const sheets = (x: CliResult) => x.customerSheets as CustomerSheets;
    const rounded = (v: unknown) =>
      JSON.parse(
        JSON.stringify(v, (_, x) => (typeof x === "number" ? Number(x.toPrecision(10)) : x))
      );
    for (const part of [
      (x: CustomerSheets) => x.list.rows,
      (x: CustomerSheets) => [x.list.top, x.list.counts],
      (x: CustomerSheets) => x.listPlan,
      (x: CustomerSheets) => x.cohortPlan,
    ])
      expect(rounded(part(sheets(c.duckdb)))).toEqual(rounded(part(sheets(c.memory))));
    expect(sheets(c.duckdb).list.rows.length).toBeGreaterThan(0);
  });

  test("a long run says on stderr how many rows it read and summarised, and how long it has taken", async () => {
    const dir = scratch();
    const path = join(dir, "clean.csv");
    writeFileSync(path, ledgerCsv(4, true, { clean: true }));
    const said: string[] = [];
    // a line every millisecond while DuckDB works: whatever is said is one of the progress lines
    const read = await readLedgerWithDuckDb(path, {
      choice: {},
      lang: "en",
      progress: (l) => said.push(l),
      progressEvery: 1,
    });
    const rows = read.rowsRead.toLocaleString("en-US");
    expect(
      said.some((l) => new RegExp(`^ltv-workbook: read ${rows} rows \\([\\d.]+ s\\)$`).test(l))
    ).toBe(true);
    expect(said.pop()).toMatch(
      new RegExp(
        `^ltv-workbook: summarised ${rows} rows into ${countOrders(read.ledger).toLocaleString("en-US")} orders of [\\d,]+ customers \\([\\d.]+ s elapsed\\)$`
      )
    );
    for (const l of said)
      expect(l).toMatch(
        /^ltv-workbook: (read [\d,]+ rows \([\d.]+ s\)|(reading|summarising)( \d+%)? \([\d.]+ s elapsed\))$/
      );
  });

  test("the plain path hands full-width ids to the general path, and reads ledgers without order ids", async () => {
    const dir = scratch();
    const wide = join(dir, "wide.csv");
    writeFileSync(wide, ledgerCsv(6, true, { clean: true, fullWidth: true }));
    const w = await both(wide);
    // Ａ００１ and A001 are one customer: only the core's reader knows
    expect((w.duckdb.read as DuckLedgerInput).plain).toBe(false);
    expectSameNumbers(w.memory, w.duckdb);
    const plainRows = join(dir, "rows.csv");
    writeFileSync(plainRows, iconv.encode(ledgerCsv(8, false, { clean: true }), "cp932"));
    const p = await both(plainRows, ["--period", "quarter"]);
    expect((p.duckdb.read as DuckLedgerInput).plain).toBe(true);
    expect((p.duckdb.read as DuckLedgerInput).encoding).toBe("shift_jis");
    expectSameNumbers(p.memory, p.duckdb);
  });

  test("Shift_JIS with the yen sign as a backslash, without order ids", async () => {
    const dir = scratch();
    const path = join(dir, "sjis.csv");
    writeFileSync(path, iconv.encode(ledgerCsv(5, false), "cp932"));
    const r = await both(path, ["--skip-unreadable", "--period", "quarter"]);
    // ¥ and \ are both byte 0x5C in Shift_JIS: every amount form still reads
    expect(r.memory.rowsSkipped).toBe(3);
    expectSameNumbers(r.memory, r.duckdb);
    expect(r.skippedLine.duckdb).toBe(r.skippedLine.memory);
  });

  test("Parquet gives the CSV's numbers", async () => {
    const dir = scratch();
    const csv = join(dir, "ledger.csv");
    writeFileSync(csv, ledgerCsv(9));
    const parquet = join(dir, "ledger.parquet");
    const db = await DuckDBInstance.create(":memory:");
    const con = await db.connect();
    // typed as a warehouse export is: dates as date serials (numbers), amounts as numbers, where they read
    await con.run(
      `COPY (SELECT "顧客ID", coalesce(CAST(date_diff('day', DATE '1899-12-30', TRY_CAST(try_strptime("購入日", ['%Y-%m-%d', '%Y/%m/%d', '%Y.%m.%d', '%Y年%m月%d日']) AS DATE)) AS DOUBLE), 0) AS "購入日", "金額", "注文番号"
        FROM read_csv('${csv}', all_varchar=true, header=true)) TO '${parquet}' (FORMAT parquet)`
    );
    con.closeSync();
    const m = (await both(csv, ["--skip-unreadable"])).memory;
    const options = parseArgs([parquet, "-o", join(dir, "p.xlsx"), "--skip-unreadable"], {});
    const d = await run(options, { stderr: () => undefined, now: NOW });
    expectSameNumbers(m, d);
  });

  test("the same refusal for too many unreadable rows, and progress lines in the run's language", async () => {
    const dir = scratch();
    const path = join(dir, "ledger.csv");
    writeFileSync(path, ledgerCsv(3));
    const m = await runCli([path, "-o", join(dir, "m.xlsx"), "--engine", "memory", "--lang", "ja"]);
    const d = await runCli([path, "-o", join(dir, "d.xlsx"), "--engine", "duckdb", "--lang", "ja"]);
    // 3 of ~2,500 rows is below the limit: both go on and say what they skipped
    expect(d.code).toBe(m.code);
    expect(d.out.split("\n").slice(1)).toEqual(m.out.split("\n").slice(1));
    expect(d.err).toMatch(/行を読み込みました/);
    const bad = join(dir, "bad.csv");
    writeFileSync(
      bad,
      "customer,date,amount\n" +
        Array.from(
          { length: 50 },
          (_, i) => `C${i % 7},${i % 5 ? "2024/1/" + (1 + (i % 28)) : "?"},100`
        ).join("\n")
    );
    const mb = await runCli([bad, "-o", join(dir, "mb.xlsx"), "--engine", "memory"]);
    const db = await runCli([bad, "-o", join(dir, "db.xlsx"), "--engine", "duckdb"]);
    expect(mb.code).toBe(1);
    expect(db.code).toBe(1);
    expect(db.err.split("\n").pop()).toBe(mb.err.split("\n").pop());
  });

  test("an order id of two customers is the same error", async () => {
    const dir = scratch();
    const path = join(dir, "clash.csv");
    writeFileSync(
      path,
      "customer,date,amount,order\nA,2024/1/5,100,O1\nB,2024/1/6,100,O2\nB,2024/1/6,50,O1\n"
    );
    const m = await runCli([path, "-o", join(dir, "m.xlsx"), "--engine", "memory"]);
    const d = await runCli([path, "-o", join(dir, "d.xlsx"), "--engine", "duckdb"]);
    expect(m.code).toBe(1);
    expect(d.code).toBe(1);
    expect(d.err.split("\n").pop()).toBe(m.err.split("\n").pop());
  });

  test("the engine by size and type", () => {
    expect(chooseEngine("a.csv", DUCKDB_THRESHOLD_BYTES)).toBe("duckdb");
    expect(chooseEngine("a.csv", DUCKDB_THRESHOLD_BYTES - 1)).toBe("memory");
    expect(chooseEngine("a.csv", 10, "duckdb")).toBe("duckdb");
    expect(chooseEngine("a.parquet", 10, "memory")).toBe("duckdb");
    expect(chooseEngine("a.xlsx", 1e10, "duckdb")).toBe("memory");
  });
});

describe("ltv-workbook sql", () => {
  test("prints the DuckDB SQL, which runs and gives the engine's summary", async () => {
    const r = await runCli([
      "sql",
      "--dialect",
      "duckdb",
      "--table",
      "sales",
      "--customer",
      "c",
      "--date",
      "d",
      "--amount",
      "a",
      "--order",
      "o",
    ]);
    expect(r.code).toBe(0);
    const db = await DuckDBInstance.create(":memory:");
    const con = await db.connect();
    await con.run(
      "CREATE TABLE sales AS SELECT * FROM (VALUES ('A', DATE '2024-01-05', 340.0, 'O1'), ('A', DATE '2024-01-05', 60.0, 'O1'), ('A', DATE '2024-02-01', 490.0, 'O2'), ('B', DATE '2024-01-06', 490.0, 'O3')) v(c, d, a, o)"
    );
    const rows = (await con.runAndReadAll(r.out.replace(/;$/, ""))).getRowObjectsJS();
    expect(
      rows.map((x) => [x.customer_id, Number(x.orders), x.revenue, Number(x.repeat_purchases)])
    ).toEqual([
      ["A", 2, 890, 1],
      ["B", 1, 490, 0],
    ]);
    con.closeSync();
  });

  test("a bad dialect or a missing column is a usage error", async () => {
    const bad = await runCli([
      "sql",
      "--dialect",
      "oracle",
      "--table",
      "t",
      "--customer",
      "c",
      "--date",
      "d",
      "--amount",
      "a",
    ]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/duckdb, bigquery, snowflake, spark/);
    const missing = await runCli([
      "sql",
      "--dialect",
      "bigquery",
      "--table",
      "t",
      "--customer",
      "c",
      "--date",
      "d",
    ]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/--amount/);
    // the help gives the one command that runs the SQL in each engine, in both languages
    for (const lang of ["en", "ja"]) {
      const help = await runCli(["sql", "--help", "--lang", lang]);
      for (const command of Object.values(RUN_COMMAND)) expect(help.out).toContain(command);
    }
  });
});
