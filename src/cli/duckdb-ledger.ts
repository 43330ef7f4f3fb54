/**
 * A ledger file of any size → the core's typed ledger, through embedded DuckDB (`@duckdb/node-api`): CSV (UTF-8,
 * or Shift_JIS and UTF-16 transcoded to UTF-8 on the way in) and Parquet. DuckDB parses the file, applies the
 * product's cell rules, drops blank rows and counts the unreadable ones, and folds the line items of each order on
 * each day into one row; only that order-level ledger (a few million rows for tens of millions of lines, typed
 * arrays) comes back to JavaScript, where the same analysis, fits, plan and writer as for a small file run on it.
 *
 * The cell rules are not rewritten in SQL: each column's *distinct* texts are read once by the core's readers
 * (`readId`, `readDate`, `readAmount`, the ones every custom function uses) and joined back as a lookup table. A
 * ledger has a few thousand distinct dates and prices, so this costs a hash join, and "¥1,200", "1,200円",
 * "\1,200", full-width digits, "2024/1/5" and "2024年1月5日" read exactly as they do in a cell. Plain ASCII ids
 * and plain decimal amounts, which those readers pass through unchanged, skip the lookup.
 *
 * Equal to the in-memory path (`ledgerFromRows`): the same column detection (on the file's first rows), the same
 * blank-row, header and unreadable-row rules with the same reasons and file row numbers, the same
 * `orderSpansCustomers` error; customers and orders indexed in order of first appearance. Folding rows of one
 * order and one day changes no figure the analysis computes (every one groups by customer, order or day); it
 * does change `ledger.n`, so the rows read are returned beside it.
 *
 * Memory: DuckDB works in a temporary database file with a memory limit (it spills beyond it), so its share of
 * the process stays bounded whatever the file's size; the JavaScript side holds the order-level ledger.
 */
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, open, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { Transform } from "node:stream";
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from "@duckdb/node-api";
import * as iconv from "iconv-lite";
import Papa from "papaparse";
import { badValue, type MessageCode } from "../core/errors";
import { isBlank, type Cell } from "../core/input/cells";
import { readDate } from "../core/input/date";
import { readAmount } from "../core/input/amount";
import { readId } from "../core/input/id";
import { readLedger, type Ledger, type SkippedRow } from "../core/ledger";
import type { Lang } from "../i18n/language";
import type { ColumnChoice } from "./args";
import { CliError, EXIT } from "./errors";
import { checkReadable, LEDGER_ARG_NAMES, mapColumns, type LedgerInput } from "./ledger-input";
import type { EncodingChoice } from "./read-input";

/** Files at least this large go through DuckDB unless `--engine memory`; smaller ones stay in memory. */
export const DUCKDB_THRESHOLD_BYTES = 64 * 1024 * 1024;

/** What DuckDB may hold in memory before it spills to its temporary file. */
export const DUCKDB_MEMORY_LIMIT = "1GB";

/** Lines of the file read for column detection (as the wizard previews a selection). */
const HEAD_LINES = 1000;

export type Engine = "duckdb" | "memory";

/**
 * Which engine reads `path`: Parquet always DuckDB (only it reads Parquet), .xlsx always memory (a workbook holds
 * at most 1,048,576 rows, read as today), CSV by `forced` or else by size.
 * Example: `chooseEngine("big.csv", 2e9)` → "duckdb"; `chooseEngine("small.csv", 1e5)` → "memory". O(1).
 */
export function chooseEngine(path: string, size: number, forced?: Engine): Engine {
  const ext = extname(path).toLowerCase();
  if (ext === ".parquet") return "duckdb";
  if (ext === ".xlsx" || ext === ".xlsm") return "memory";
  return forced ?? (size >= DUCKDB_THRESHOLD_BYTES ? "duckdb" : "memory");
}

export interface DuckReadOptions {
  choice: ColumnChoice;
  lang: Lang;
  encoding?: EncodingChoice;
  skipUnreadable?: boolean;
  /** a progress line (rows read, elapsed), in the run's language */
  progress?: (line: string) => void;
  /** how often the progress line repeats while a stage runs, in ms (default 5,000) */
  progressEvery?: number;
}

/** The timings of the stages, in seconds, for the benchmark. */
export interface DuckTimings {
  read: number;
  summarise: number;
}

export interface DuckLedgerInput extends LedgerInput {
  /** "utf-8", "shift_jis", "parquet" … */
  encoding: string;
  timings: DuckTimings;
}

/** The roles' one-letter columns in the working tables. */
const ROLES = ["c", "d", "a", "o"] as const;
type Role = (typeof ROLES)[number];
const ROLE_ARG: Record<Role, string> = {
  c: LEDGER_ARG_NAMES.customers,
  d: LEDGER_ARG_NAMES.dates,
  a: LEDGER_ARG_NAMES.amounts,
  o: LEDGER_ARG_NAMES.orders,
};
const ROLE_BAD: Record<Role, MessageCode> = {
  c: "notAnId",
  d: "notADate",
  a: "notAnAmount",
  o: "notAnId",
};
/** Texts the core's reader returns unchanged: printable ASCII ids, plain decimals (RE2 syntax). */
const FAST: Partial<Record<Role, string>> = { c: "[!-~]+", o: "[!-~]+", a: "-?[0-9]+(\\.[0-9]+)?" };

/** The fast path of a column: none for a number column's ids (1001.0 is the id "1001", as a cell's number). */
function fastPattern(r: Role, numeric: boolean): string | undefined {
  return numeric && r !== "a" ? undefined : FAST[r];
}

const sqlText = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * Reads a CSV or Parquet ledger through DuckDB into an order-level {@link Ledger} (see the module comment).
 *
 * Example: a 10,000,000-line CSV of 3,300,000 orders → a ledger of n ≈ 3,300,000 rows, `rowsRead` 10,000,000.
 * @throws CliError as the in-memory path: `missingColumns`, `columnNotFound`, `noValidRows`, `tooManySkipped`,
 * `wrongEncoding`, `emptyFile`, `fileNotFound`, `fileUnreadable` (a file DuckDB cannot parse); LtvError
 * `orderSpansCustomers`. Cost: DuckDB's scan and two groupings, plus O(distinct texts) reader calls and
 * O(orders) to build the ledger.
 */
export async function readLedgerWithDuckDb(
  path: string,
  options: DuckReadOptions
): Promise<DuckLedgerInput> {
  const size = await stat(path).then(
    (s) => s.size,
    (e: NodeJS.ErrnoException) => {
      throw e.code === "ENOENT"
        ? new CliError("fileNotFound", EXIT.input, { path })
        : new CliError("fileUnreadable", EXIT.input, { path, reason: e.message });
    }
  );
  if (size === 0) throw new CliError("emptyFile", EXIT.input, { path });
  const work = await mkdtemp(join(tmpdir(), "ltv-duckdb-"));
  const started = Date.now();
  const say = options.progress ?? (() => undefined);
  const ja = options.lang === "ja";
  let ticker: NodeJS.Timeout | undefined;
  try {
    // in memory up to the limit, spilling to the temporary folder beyond it
    const db = await DuckDBInstance.create(":memory:", {
      memory_limit: DUCKDB_MEMORY_LIMIT,
      threads: "2",
      temp_directory: join(work, "spill"),
      preserve_insertion_order: "true",
    });
    const con = await db.connect();
    try {
      await con.run("SET enable_progress_bar = true; SET enable_progress_bar_print = false");
      const every = options.progressEvery ?? 5000;
      const tick = (what: string) => {
        clearInterval(ticker);
        ticker = setInterval(() => {
          const p = con.progress;
          const pct = p.percentage >= 0 ? ` ${Math.round(p.percentage)}%` : "";
          say(
            ja
              ? `ltv-workbook: ${what}${pct}（経過 ${seconds(started)} 秒）`
              : `ltv-workbook: ${what}${pct} (${seconds(started)} s elapsed)`
          );
        }, every);
        ticker.unref();
      };

      // 1. the source as text columns, with the first rows for column detection
      tick(ja ? "読み込み中" : "reading");
      const source = await openSource(con, path, options.encoding ?? "auto", work, size);
      const mapped = mapColumns(source.head, options.choice, path, options.lang, source.encoding);
      const cols: Partial<Record<Role, number>> = {
        c: mapped.mapping.customer,
        d: mapped.mapping.date,
        a: mapped.mapping.amount,
        o: mapped.mapping.order,
      };
      const roles = ROLES.filter((r) => cols[r] !== undefined);
      const keep = roles.map((r) => `${source.column(cols[r] as number)} AS ${r}`).join(", ");
      await runOrFail(
        con,
        `CREATE TABLE raw AS SELECT ${keep} FROM ${source.from} WHERE NOT (${source.blankLine})`,
        path
      );
      // file rows: the header (when there is one) is row 1 of the table, so data row = rowid + 1 − header
      const skip = mapped.hasHeader && source.headerInData ? 1 : 0;
      const lines = await scalar(con, "SELECT count(*) FROM raw");
      const read = seconds(started);
      say(
        ja
          ? `ltv-workbook: ${fmt(lines - skip, "ja")} 行を読み込みました（${read} 秒）`
          : `ltv-workbook: read ${fmt(lines - skip, "en")} rows (${read} s)`
      );

      // 2. each column's distinct texts through the core's reader, joined back as a lookup table
      tick(ja ? "集計中" : "summarising");
      const summariseStart = Date.now();
      const numeric = (r: Role) => source.numeric(cols[r] as number);
      const looked = new Set<Role>();
      for (const r of roles) if ((await lookupTable(con, r, numeric(r))) > 0) looked.add(r);
      const fast = (r: Role) => fastPattern(r, numeric(r));
      // one pass: each cell's fast-path test once, a join only for the columns with texts to look up
      const tests = roles
        .map((r) =>
          fast(r) ? `, regexp_full_match(${r}, ${sqlText(fast(r) as string)}) AS f_${r}` : ""
        )
        .join("");
      const looks = [...looked]
        .map((r) => `, l_${r}.v AS lv_${r}, l_${r}.status AS ls_${r}, l_${r}.blank AS lb_${r}`)
        .join("");
      const joins = [...looked]
        .map((r) => `LEFT JOIN look_${r} l_${r} ON l_${r}.t = f.${r}`)
        .join(" ");
      const lv = (r: Role) => (looked.has(r) ? `lv_${r}` : "NULL");
      const ls = (r: Role) => (looked.has(r) ? `ls_${r}` : "2");
      const lb = (r: Role) => (looked.has(r) ? `coalesce(lb_${r}, false)` : "false");
      const status = (r: Role) =>
        `CASE WHEN ${r} IS NULL THEN 1${fast(r) ? ` WHEN f_${r} THEN 0` : ""} ELSE ${ls(r)} END`;
      const value = (r: Role) =>
        fast(r)
          ? `CASE WHEN f_${r} THEN ${r === "a" ? `CAST(${r} AS DOUBLE)` : r} ELSE ${lv(r)} END`
          : lv(r);
      // a number 0 is an empty cell as Excel may pass one (readLedger's rule); the lookup marks 0 ids and dates
      const blank = (r: Role) =>
        `(${r} IS NULL OR ${lb(r)}${numeric(r) && r === "a" ? ` OR TRY_CAST(${r} AS DOUBLE) = 0` : ""})`;
      await con.run(
        `CREATE TABLE cls AS WITH f AS (SELECT rowid AS rid, ${roles.join(", ")}${tests} FROM raw WHERE rowid >= ${skip}),
         j AS (SELECT f.*${looks} FROM f ${joins})
         SELECT CAST(rid AS BIGINT) + 1 - ${skip} AS r, ` +
          roles.map((r) => `${status(r)} AS st_${r}, ${value(r)} AS val_${r}`).join(", ") +
          `, ${roles.map(blank).join(" AND ")} AS blank FROM j`
      );
      // the texts of a few rows (the header candidate, the unreadable ones), from the raw table by row
      const texts = `${roles.map((r) => `coalesce(raw.${r}, '') AS txt_${r}`).join(", ")}`;
      const withTexts = `cls JOIN raw ON raw.rowid = cls.r - 1 + ${skip}`;
      // the header rule: only the first non-blank row can be one (as readLedger decides it)
      const firstRow = await rowsOf(
        con,
        `SELECT r, ${texts} FROM ${withTexts} WHERE cls.r = (SELECT min(r) FROM cls WHERE NOT blank)`
      );
      let headerRow = -1;
      if (firstRow.length === 1) {
        const cells = firstRow[0].slice(1) as string[];
        const one = (r: Role) => (cols[r] === undefined ? undefined : [cells[roles.indexOf(r)]]);
        const probe = readLedger(
          { customers: one("c"), dates: one("d"), amounts: one("a"), orders: one("o") },
          { mode: "lenient" }
        );
        if (probe.headerSkipped) headerRow = Number(firstRow[0][0]);
      }
      const ok = roles.map((r) => `st_${r} = 0`).join(" AND ");
      const live = `NOT blank AND r <> ${headerRow}`;
      const blankRows = await scalar(con, `SELECT count(*) FROM cls WHERE blank`);
      const skipped = await skippedRows(con, roles, `${live} AND NOT (${ok})`, texts, withTexts);
      await con.run(
        `CREATE VIEW good AS SELECT r, val_c AS customer, val_d AS day, val_a AS amount${cols.o !== undefined ? ", val_o AS ord" : ""} FROM cls WHERE ${live} AND ${ok}`
      );
      const rowsRead = await scalar(con, "SELECT count(*) FROM good");
      checkReadable(
        { n: rowsRead, skipped },
        path,
        options.lang,
        mapped.hasHeader,
        !!options.skipUnreadable
      );
      const ledger = await orderLedger(
        con,
        cols.o !== undefined,
        skipped,
        blankRows,
        headerRow > 0,
        skip
      );
      const summarise = (Date.now() - summariseStart) / 1000;
      say(
        ja
          ? `ltv-workbook: ${fmt(rowsRead, "ja")} 行を顧客 ${fmt(ledger.customers.length, "ja")} 人・${fmt(ledger.n, "ja")} 件にまとめました（経過 ${seconds(started)} 秒）`
          : `ltv-workbook: summarised ${fmt(rowsRead, "en")} rows into ${fmt(ledger.n, "en")} orders of ${fmt(ledger.customers.length, "en")} customers (${seconds(started)} s elapsed)`
      );
      return {
        ...mapped,
        ledger,
        dataRows: lines - skip,
        rowsRead,
        encoding: source.encoding,
        timings: { read: Number(read), summarise },
      };
    } finally {
      clearInterval(ticker);
      con.closeSync();
      db.closeSync();
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function seconds(since: number): string {
  return ((Date.now() - since) / 1000).toFixed(1);
}

function fmt(n: number, lang: Lang): string {
  return n.toLocaleString(lang === "ja" ? "ja-JP" : "en-US");
}

async function runOrFail(con: DuckDBConnection, sql: string, path: string): Promise<void> {
  try {
    await con.run(sql);
  } catch (e) {
    const reason = e instanceof Error ? e.message.split("\n")[0] : String(e);
    if (/unicode|utf-?8/i.test(reason))
      throw new CliError("wrongEncoding", EXIT.input, { path, offset: "?" });
    throw new CliError("fileUnreadable", EXIT.input, { path, reason });
  }
}

async function scalar(con: DuckDBConnection, sql: string): Promise<number> {
  const r = await con.runAndReadAll(sql);
  return Number(r.getRows()[0][0]);
}

async function rowsOf(con: DuckDBConnection, sql: string): Promise<DuckDBValue[][]> {
  return (await con.runAndReadAll(sql)).getRows() as DuckDBValue[][];
}

/** Calls `each` with every chunk's columns of the query's result, streamed (a chunk is 2,048 rows). */
async function eachChunk(
  con: DuckDBConnection,
  sql: string,
  each: (columns: DuckDBValue[][], rows: number) => void
): Promise<void> {
  const result = await con.stream(sql);
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) return;
    each(chunk.getColumns(), chunk.rowCount);
  }
}

interface Source {
  /** the FROM clause */
  from: string;
  /** the SQL text of column i (0-based) as VARCHAR */
  column: (i: number) => string;
  /** SQL true for a line papaparse skips (every field blank) */
  blankLine: string;
  /** the first rows, as the in-memory reader would give them (header included) */
  head: Cell[][];
  encoding: string;
  /** columns holding numbers (Parquet): their texts are read back as the numbers a cell would hold */
  numeric: (i: number) => boolean;
  /** whether the header row (when there is one) is the first row of `from` (CSV) or only the column names (Parquet) */
  headerInData: boolean;
}

/** The file as DuckDB reads it: a CSV (transcoded to UTF-8 when needed) or a Parquet file. */
async function openSource(
  con: DuckDBConnection,
  path: string,
  choice: EncodingChoice,
  work: string,
  size: number
): Promise<Source> {
  if (extname(path).toLowerCase() === ".parquet") return parquetSource(con, path);
  const headBytes = await readHead(path, Math.min(size, 4 * 1024 * 1024));
  const encoding = csvEncoding(headBytes, choice, path);
  let file = path;
  if (encoding !== "utf-8" && encoding !== "utf-8 (BOM)") {
    file = join(work, "utf8.csv");
    await transcode(path, file, encoding, path);
  }
  const headText = decodeHead(headBytes, encoding, size <= headBytes.length);
  const parsed = Papa.parse<string[]>(headText, {
    skipEmptyLines: "greedy",
    delimitersToGuess: [",", "\t", ";", "|"],
    preview: HEAD_LINES,
  });
  const head = parsed.data;
  const width = head.reduce((w, r) => Math.max(w, r.length), 0);
  for (const r of head) while (r.length < width) r.push("");
  const delim = parsed.meta.delimiter || ",";
  const columns = Array.from({ length: width }, (_, i) => `'f${i}': 'VARCHAR'`).join(", ");
  const from =
    `read_csv(${sqlText(file)}, delim=${sqlText(delim)}, quote='"', escape='"', header=false, ` +
    `auto_detect=false, columns={${columns}}, null_padding=true, strict_mode=false)`;
  const blankLine = Array.from(
    { length: width },
    (_, i) => `coalesce(regexp_full_match(f${i}, '\\s*'), true)`
  ).join(" AND ");
  return {
    from,
    column: (i) => `f${i}`,
    blankLine,
    head,
    encoding,
    numeric: () => false,
    headerInData: true,
  };
}

const NUMERIC_TYPE =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL)/;

async function parquetSource(con: DuckDBConnection, path: string): Promise<Source> {
  const from = `read_parquet(${sqlText(path)})`;
  const described = await rowsOf(con, `DESCRIBE SELECT * FROM ${from}`);
  const names = described.map((r) => String(r[0]));
  const types = described.map((r) => String(r[1]));
  // timestamps are read as their day (a date cell's serial is its day); everything else as its text
  const column = (i: number) => {
    const name = `"${names[i].replace(/"/g, '""')}"`;
    return /^TIMESTAMP/.test(types[i])
      ? `CAST(CAST(${name} AS DATE) AS VARCHAR)`
      : `CAST(${name} AS VARCHAR)`;
  };
  const sample = await rowsOf(
    con,
    `SELECT ${names.map((_, i) => column(i)).join(", ")} FROM ${from} LIMIT ${HEAD_LINES}`
  );
  const numeric = (i: number) => NUMERIC_TYPE.test(types[i]);
  const head: Cell[][] = [
    names,
    ...sample.map((r) => r.map((v, i) => (v === null ? "" : numeric(i) ? Number(v) : String(v)))),
  ];
  return {
    from,
    column,
    blankLine: "false",
    head,
    encoding: "parquet",
    numeric,
    headerInData: false,
  };
}

async function readHead(path: string, bytes: number): Promise<Buffer> {
  const f = await open(path, "r");
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await f.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await f.close();
  }
}

/**
 * The CSV's encoding from its first bytes, as `decodeText` decides for a whole file: a BOM, else valid UTF-8,
 * else CP932 (Shift_JIS as Windows writes it). A UTF-8 character cut by the end of the head is not an error.
 */
function csvEncoding(head: Buffer, choice: EncodingChoice, path: string): string {
  if (choice === "utf-16le" || choice === "utf-16be") return choice;
  if (choice === "shift_jis") return "shift_jis";
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return "utf-8 (BOM)";
  if (choice === "auto") {
    if (head[0] === 0xff && head[1] === 0xfe) return "utf-16le";
    if (head[0] === 0xfe && head[1] === 0xff) return "utf-16be";
  }
  if (head.includes(0)) throw new CliError("notText", EXIT.input, { path });
  if (choice === "utf-8") return "utf-8";
  let end = head.length;
  // back off a multi-byte character cut by the head's end (at most 3 continuation bytes)
  for (let k = 0; k < 3 && end > 0 && (head[end - 1] & 0xc0) === 0x80; k++) end--;
  if (end > 0 && head[end - 1] >= 0xc0) end--;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(head.subarray(0, end));
    return "utf-8";
  } catch {
    return "shift_jis";
  }
}

const ICONV_NAME: Record<string, string> = {
  shift_jis: "cp932",
  "utf-16le": "utf-16le",
  "utf-16be": "utf-16be",
};

function decodeHead(head: Buffer, encoding: string, whole: boolean): string {
  let text = encoding.startsWith("utf-8")
    ? head.toString("utf-8")
    : iconv.decode(head, ICONV_NAME[encoding]);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // the last line of a cut head may be incomplete: leave it out
  if (!whole) text = text.slice(0, Math.max(0, text.lastIndexOf("\n")));
  return text;
}

/** Streams `from` (Shift_JIS or UTF-16) to `to` as UTF-8; refuses undecodable bytes as the in-memory reader does. */
async function transcode(from: string, to: string, encoding: string, path: string): Promise<void> {
  let offset = 0;
  const check = new Transform({
    transform(chunk: Buffer | string, _enc, done) {
      const text = typeof chunk === "string" ? chunk : chunk.toString("utf-8");
      const bad = text.indexOf("\uFFFD");
      if (bad >= 0) {
        done(new CliError("wrongEncoding", EXIT.input, { path, offset: `~${offset + bad + 1}` }));
        return;
      }
      offset += text.length;
      done(null, chunk);
    },
  });
  await pipeline(
    createReadStream(from),
    iconv.decodeStream(ICONV_NAME[encoding], { stripBOM: true }),
    check,
    createWriteStream(to)
  );
}

/**
 * look_<role>(t, v, status, blank): each distinct text of the column that the fast path does not cover, read by
 * the core's reader: its value, status 0 (read), 1 (blank: `blankCell`) or 2 (unreadable), and `isBlank`.
 */
async function lookupTable(con: DuckDBConnection, r: Role, numeric: boolean): Promise<number> {
  const type = r === "c" || r === "o" ? "VARCHAR" : "DOUBLE";
  await con.run(`CREATE TABLE look_${r} (t VARCHAR, v ${type}, status INTEGER, blank BOOLEAN)`);
  const fast = fastPattern(r, numeric);
  const notFast = fast ? ` AND NOT regexp_full_match(${r}, ${sqlText(fast)})` : "";
  const texts: string[] = [];
  await eachChunk(con, `SELECT DISTINCT ${r} FROM raw WHERE ${r} IS NOT NULL${notFast}`, (c, n) => {
    for (let i = 0; i < n; i++) texts.push(c[0][i] as string);
  });
  const appender = await con.createAppender(`look_${r}`);
  for (const t of texts) {
    // a number column's text is the number a cell would hold (a date serial, an amount, a numeric id)
    const cell = numeric ? Number(t) : t;
    const zero = cell === 0 && r !== "a";
    const v = zero
      ? null
      : r === "c" || r === "o"
        ? readId(cell)
        : r === "d"
          ? readDate(cell)
          : readAmount(cell);
    appender.appendVarchar(t);
    if (v === null || v === undefined) appender.appendNull();
    else if (typeof v === "string") appender.appendVarchar(v);
    else appender.appendDouble(v);
    appender.appendInteger(v === null ? 1 : v === undefined ? 2 : 0);
    appender.appendBoolean(zero || isBlank(t));
    appender.endRow();
  }
  appender.closeSync();
  return texts.length;
}

/** The unreadable rows, each with the first failing column in the core's order (customer, date, amount, order). */
async function skippedRows(
  con: DuckDBConnection,
  roles: readonly Role[],
  where: string,
  texts: string,
  from: string
): Promise<SkippedRow[]> {
  const which = `CASE ${roles.map((r, k) => `WHEN st_${r} <> 0 THEN ${k}`).join(" ")} END`;
  const out: SkippedRow[] = [];
  await eachChunk(
    con,
    `SELECT r, ${which} AS k, ${roles.map((r) => `st_${r}`).join(", ")}, ${texts} FROM ${from} WHERE ${where} ORDER BY r`,
    (c, n) => {
      for (let i = 0; i < n; i++) {
        const k = Number(c[1][i]);
        const r = roles[k];
        const s = Number(c[2 + k][i]);
        out.push({
          row: Number(c[0][i]),
          reason: s === 1 ? "blankCell" : ROLE_BAD[r],
          arg: ROLE_ARG[r],
          value: c[2 + roles.length + k][i] as string,
        });
      }
    }
  );
  return out;
}

/**
 * An order id given to two customers cannot be attributed: the core's error, at the first row that shows it. The
 * orders table's first and last customer of each order find a clash in O(orders); only then are rows searched.
 */
async function checkOrders(con: DuckDBConnection, skip: number): Promise<void> {
  if ((await scalar(con, "SELECT count(*) FROM ords WHERE c1 <> c2")) === 0) return;
  const clash = await rowsOf(
    con,
    `SELECT r, coalesce(raw.o, ''), first_customer, customer FROM (
       SELECT r, customer, first_value(customer) OVER (PARTITION BY ord ORDER BY r) AS first_customer
       FROM good) g JOIN raw ON raw.rowid = g.r - 1 + ${skip}
     WHERE customer <> first_customer ORDER BY r LIMIT 1`
  );
  const [row, text, first, second] = clash[0];
  throw badValue("orderSpansCustomers", {
    arg: LEDGER_ARG_NAMES.orders,
    row: Number(row),
    value: String(text),
    params: { first: String(first), second: String(second) },
  });
}

/**
 * The order-level ledger: one row per (customer, order, day) — per (customer, row) without order ids, where each
 * row is an order — with the amounts added, customers and orders indexed in order of first appearance.
 */
async function orderLedger(
  con: DuckDBConnection,
  withOrders: boolean,
  skipped: SkippedRow[],
  blankRows: number,
  headerSkipped: boolean,
  skip: number
): Promise<Ledger> {
  await con.run(
    `CREATE TABLE cust AS SELECT customer, CAST(row_number() OVER (ORDER BY min(r)) - 1 AS INTEGER) AS ci
     FROM good GROUP BY customer`
  );
  const customers: string[] = [];
  await eachChunk(con, "SELECT customer FROM cust ORDER BY ci", (c, n) => {
    for (let i = 0; i < n; i++) customers.push(c[0][i] as string);
  });
  let orderIds: string[] | null = null;
  let rowsSql: string;
  if (withOrders) {
    await con.run(
      `CREATE TABLE ords AS SELECT ord, CAST(row_number() OVER (ORDER BY min(r)) - 1 AS INTEGER) AS oi,
       min(customer) AS c1, max(customer) AS c2 FROM good GROUP BY ord`
    );
    await checkOrders(con, skip);
    orderIds = [];
    const ids = orderIds;
    await eachChunk(con, "SELECT ord FROM ords ORDER BY oi", (c, n) => {
      for (let i = 0; i < n; i++) ids.push(c[0][i] as string);
    });
    rowsSql = `SELECT ci, day, sum(amount) AS amount, oi, CAST(min(r) AS INTEGER) AS r
      FROM good JOIN cust USING (customer) JOIN ords USING (ord)
      GROUP BY ci, oi, day ORDER BY min(good.r)`;
  } else {
    rowsSql = `SELECT ci, day, amount, 0 AS oi, CAST(r AS INTEGER) AS r
      FROM good JOIN cust USING (customer) ORDER BY r`;
  }
  await con.run(`CREATE TABLE fin AS ${rowsSql}`);
  const n = await scalar(con, "SELECT count(*) FROM fin");
  const customerOf = new Int32Array(n);
  const dates = new Float64Array(n);
  const amounts = new Float64Array(n);
  const orderOf = withOrders ? new Int32Array(n) : null;
  const rows = new Int32Array(n);
  let at = 0;
  await eachChunk(con, "SELECT * FROM fin", (c, k) => {
    for (let i = 0; i < k; i++, at++) {
      customerOf[at] = c[0][i] as number;
      dates[at] = c[1][i] as number;
      amounts[at] = c[2][i] as number;
      if (orderOf) orderOf[at] = c[3][i] as number;
      rows[at] = c[4][i] as number;
    }
  });
  return {
    n,
    customerOf,
    customers,
    dates,
    amounts,
    orderOf,
    orderIds,
    rows,
    headerSkipped,
    blankRows,
    skipped,
  };
}
