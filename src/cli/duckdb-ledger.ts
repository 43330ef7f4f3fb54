/**
 * A ledger file of any size → the core's typed ledger, through embedded DuckDB (`@duckdb/node-api`): CSV (UTF-8,
 * or Shift_JIS and UTF-16 transcoded to UTF-8 on the way in) and Parquet. DuckDB parses the file, applies the
 * product's cell rules, drops blank rows and counts the unreadable ones, checks that no order id belongs to two
 * customers, and folds the lines into purchase occasions: one row per customer and day, its amounts added. Only
 * that occasion-level ledger (typed arrays, no order ids: a few million rows for tens of millions of lines) and
 * each customer's totals (first and last day, occasions, first-day and later amounts, orders) come back to
 * JavaScript, where the same analysis, fits, plan and writer as for a small file run on it.
 *
 * The cell rules are not rewritten in SQL: each column's *distinct* texts are read once by the core's readers
 * (`readId`, `readDate`, `readAmount`, the ones every custom function uses) into small tables, and each line finds
 * its values there (a join with a few thousand rows: a hash probe per line; the general path casts to an ENUM of
 * the texts instead, an index into lists of the results). A ledger has a few thousand distinct dates and prices,
 * so "¥1,200", "1,200円", "\1,200", full-width digits, "2024/1/5" and "2024年1月5日" read exactly as they do in
 * a cell. Plain ASCII ids and plain decimal amounts, which those readers pass through unchanged, skip the lookup.
 *
 * Two paths. The plain path, for a ledger whose every cell reads (most exports): no row is classified; the lines
 * are grouped by order once, with integer customers. The general path, when some cell is empty, unreadable or an
 * id needs the reader (full-width, spaces): each row is classified (read, blank, unreadable, with the reason and
 * file row of each skipped one), then grouped the same way. Both give the same ledger.
 *
 * Equal to the in-memory path (`ledgerFromRows`): the same column detection (on the file's first rows), the same
 * blank-row, header and unreadable-row rules with the same reasons and file row numbers, the same
 * `orderSpansCustomers` error; customers indexed in order of first appearance. Folding the lines of one customer
 * and one day changes no figure the analysis computes (every one groups by customer, day or period, and counts
 * orders from the totals); it does change `ledger.n`, so the rows read are returned beside it.
 *
 * Memory: DuckDB works in memory up to {@link DUCKDB_MEMORY_LIMIT} and spills to a temporary folder beyond it, so
 * its share of the process stays bounded whatever the file's size; the JavaScript side holds 24 bytes per
 * purchase occasion and 64 per customer.
 */
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, open, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { Transform } from "node:stream";
import {
  DuckDBInstance,
  type DuckDBConnection,
  type DuckDBValue,
  type DuckDBVector,
} from "@duckdb/node-api";
import * as iconv from "iconv-lite";
import Papa from "papaparse";
import { badValue, type MessageCode } from "../core/errors";
import { isBlank, type Cell } from "../core/input/cells";
import { readDate } from "../core/input/date";
import { readAmount } from "../core/input/amount";
import { readId } from "../core/input/id";
import { countOrders } from "../core/orders";
import { readLedger, TOTAL, TOTALS_STRIDE, type Ledger, type SkippedRow } from "../core/ledger";
import type { Lang } from "../i18n/language";
import type { ColumnChoice } from "./args";
import { CliError, EXIT } from "./errors";
import { checkReadable, LEDGER_ARG_NAMES, mapColumns, type LedgerInput } from "./ledger-input";
import type { EncodingChoice } from "./read-input";

/** Files at least this large go through DuckDB unless `--engine memory`; smaller ones stay in memory. */
export const DUCKDB_THRESHOLD_BYTES = 64 * 1024 * 1024;

/** What DuckDB may hold in memory before it spills to its temporary file. */
export const DUCKDB_MEMORY_LIMIT = "1GB";

/**
 * Lines of the file read for column detection (as the wizard previews a selection): a header and 1,000 data rows,
 * as many as the currency detection (`currencyOfAmounts`) looks at on the in-memory path.
 */
const HEAD_LINES = 1001;

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
  /** whether the plain path read it (every cell read as it stands: no row classified), else the general path */
  plain: boolean;
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
 * SQL true for a blank field as papaparse's greedy rule and `isBlank` see one: empty, or only the characters
 * JavaScript's trim() removes. A field starting with a printable ASCII character (nearly every field) is decided
 * by its first character, without the regular expression.
 */
const blankField = (f: string) =>
  `(${f} IS NULL OR (NOT (ascii(${f}) BETWEEN 33 AND 126) AND ` +
  `regexp_full_match(${f}, '[\\s\\x{A0}\\x{FEFF}\\x{2028}\\x{2029}\\p{Zs}]*')))`;

/**
 * Reads a CSV or Parquet ledger through DuckDB into an occasion-level {@link Ledger} (see the module comment).
 *
 * Example: a 10,000,000-line CSV of 4,000,000 orders by 71,567 customers → a ledger of n = 4,002,021 rows (one per
 * customer and purchase day), `rowsRead` 10,000,000, `countOrders(ledger)` 4,002,021.
 * @throws CliError as the in-memory path: `missingColumns`, `columnNotFound`, `noValidRows`, `tooManySkipped`,
 * `wrongEncoding`, `emptyFile`, `fileNotFound`, `fileUnreadable` (a file DuckDB cannot parse); LtvError
 * `orderSpansCustomers`. Cost: DuckDB's scan of the file, a scan per column for its distinct texts, one grouping
 * of the lines by order, one of the orders by customer and day and a sort of the occasions (the general path adds
 * a classifying scan), plus O(distinct texts) reader calls and O(occasions + customers) to build the ledger.
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

      // 2. summarise: the product's cell rules, blank and unreadable rows, line items into orders
      tick(ja ? "集計中" : "summarising");
      const summariseStart = Date.now();
      const numeric = (r: Role) => source.numeric(cols[r] as number);
      const withOrders = cols.o !== undefined;
      const look: Partial<Record<Role, Lookup>> = {};
      // dates and amounts: their distinct texts through the core's readers (a few thousand texts)
      for (const r of roles)
        if (r === "d" || r === "a") look[r] = await lookupTable(con, r, numeric(r), skip);
      const texts = roles.map((r) => `coalesce(${r}, '') AS txt_${r}`).join(", ");
      const facts = { skipped: [] as SkippedRow[], blankRows: 0, headerSkipped: false };
      let readable = lines - skip;
      // the plain path, for a ledger whose every cell reads (most exports): no classification of rows at all
      let ledger =
        (await plainable(con, roles, look, numeric, skip, texts, cols)) &&
        (await plainLedger(con, look, withOrders, facts, skip));
      const plain = ledger !== null && ledger !== false;
      if (!ledger) {
        // the general path: ids through the core's reader too, each row classified, blank and unreadable rows
        for (const r of roles)
          if (r === "c" || r === "o") look[r] = await lookupTable(con, r, numeric(r), skip);
        const has = (r: Role) => (look[r]?.texts ?? 0) > 0;
        const k = classified(roles, has, numeric, skip);
        const ok = roles.map((r) => `st_${r} = 0`).join(" AND ");
        // one scan: blank rows, readable rows and the first non-blank row (the header candidate)
        const [counts] = await rowsOf(
          con,
          `SELECT count(*) FILTER (WHERE blank), count(*) FILTER (WHERE NOT blank AND ${ok}),
             min(r) FILTER (WHERE NOT blank) FROM ${k}`
        );
        facts.blankRows = Number(counts[0]);
        readable = Number(counts[1]);
        // the header rule: only the first non-blank row can be one (as readLedger decides it)
        let headerRow = -1;
        if (counts[2] !== null) {
          const [cells] = await rowsOf(
            con,
            `SELECT ${texts} FROM ${k} WHERE r = ${Number(counts[2])}`
          );
          if (looksLikeHeader(cells as string[], roles, cols)) headerRow = Number(counts[2]);
        }
        facts.headerSkipped = headerRow > 0;
        const unreadable = lines - skip - facts.blankRows - readable - (headerRow > 0 ? 1 : 0);
        if (unreadable > 0)
          facts.skipped = await skippedRows(
            con,
            roles,
            k,
            `NOT blank AND r <> ${headerRow} AND NOT (${ok})`,
            texts
          );
        checkReadable(
          { n: readable, skipped: facts.skipped },
          path,
          options.lang,
          mapped.hasHeader,
          !!options.skipUnreadable
        );
        const good = `(SELECT r, val_c AS customer, val_d AS day, val_a AS amount${withOrders ? ", val_o AS ord" : ""} FROM ${k} WHERE NOT blank AND ${ok})`;
        ledger = await orderLedger(con, good, withOrders, facts, skip);
      }
      const rowsRead = readable;
      const summarise = (Date.now() - summariseStart) / 1000;
      const orders = countOrders(ledger);
      say(
        ja
          ? `ltv-workbook: ${fmt(rowsRead, "ja")} 行を顧客 ${fmt(ledger.customers.length, "ja")} 人・注文 ${fmt(orders, "ja")} 件にまとめました（経過 ${seconds(started)} 秒）`
          : `ltv-workbook: summarised ${fmt(rowsRead, "en")} rows into ${fmt(orders, "en")} orders of ${fmt(ledger.customers.length, "en")} customers (${seconds(started)} s elapsed)`
      );
      return {
        ...mapped,
        ledger,
        dataRows: lines - skip,
        rowsRead,
        encoding: source.encoding,
        timings: { read: Number(read), summarise },
        plain,
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

/** Calls `each` with every chunk's column vectors (read by `getItem`, no arrays of values built). */
async function eachChunkVectors(
  con: DuckDBConnection,
  sql: string,
  each: (vectors: DuckDBVector[], rows: number) => void
): Promise<void> {
  const result = await con.stream(sql);
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) return;
    const vectors = Array.from({ length: chunk.columnCount }, (_, i) => chunk.getColumnVector(i));
    each(vectors, chunk.rowCount);
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
  const blankLine = Array.from({ length: width }, (_, i) => blankField(`f${i}`)).join(" AND ");
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
 * lookup_<role>(i, t, v, status, blank): each distinct text of the column that the fast path does not cover, read
 * by the core's reader: its value, status 0 (read), 1 (blank: `blankCell`) or 2 (unreadable), and `isBlank`.
 *
 * The texts become an ENUM type `enum_<role>` (code i) and the results list variables `v_<role>`, `s_<role>`,
 * `b_<role>` indexed by that code: a row's text is then looked up by a cast to the ENUM, which costs about what
 * reading the text costs, where a hash join of the lines with the lookup table cost three times the whole
 * grouping. A text that is not in the ENUM is one the fast path reads (`TRY_CAST` gives NULL).
 * @returns how many texts need the lookup (0: the column's texts all take the fast path), whether all of them
 * read, and whether the column has empty cells.
 */
async function lookupTable(
  con: DuckDBConnection,
  r: Role,
  numeric: boolean,
  skip: number
): Promise<Lookup> {
  const type = r === "c" || r === "o" ? "VARCHAR" : "DOUBLE";
  const fast = fastPattern(r, numeric);
  const wanted = fast ? `${r} IS NULL OR NOT regexp_full_match(${r}, ${sqlText(fast)})` : "true";
  const texts: string[] = [];
  let hasNull = false;
  // the distinct texts first, the fast-path test on them only (a few thousand, not every line: MATERIALIZED keeps
  // the optimiser from pushing the test below the DISTINCT)
  await eachChunk(
    con,
    `WITH t AS MATERIALIZED (SELECT DISTINCT ${r} FROM raw WHERE rowid >= ${skip}) SELECT ${r} FROM t WHERE ${wanted}`,
    (c, n) => {
      for (let i = 0; i < n; i++) {
        if (c[0][i] === null) hasNull = true;
        else texts.push(c[0][i] as string);
      }
    }
  );
  const result: Lookup = { texts: texts.length, clean: true, hasNull };
  if (texts.length === 0) return result;
  await con.run(
    `CREATE TABLE look_${r} (i INTEGER, t VARCHAR, v ${type}, status INTEGER, blank BOOLEAN)`
  );
  const appender = await con.createAppender(`look_${r}`);
  texts.forEach((t, i) => {
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
    appender.appendInteger(i);
    appender.appendVarchar(t);
    if (v === null || v === undefined) appender.appendNull();
    else if (typeof v === "string") appender.appendVarchar(v);
    else appender.appendDouble(v);
    appender.appendInteger(v === null ? 1 : v === undefined ? 2 : 0);
    appender.appendBoolean(zero || isBlank(t));
    appender.endRow();
    if (v === null || v === undefined || zero || isBlank(t)) result.clean = false;
  });
  appender.closeSync();
  await con.run(`CREATE TYPE enum_${r} AS ENUM (SELECT t FROM look_${r} ORDER BY i)`);
  for (const [v, col] of [
    ["v", "v"],
    ["s", "status"],
    ["b", "blank"],
  ])
    await con.run(`SET VARIABLE ${v}_${r} = (SELECT list(${col} ORDER BY i) FROM look_${r})`);
  return result;
}

/** What {@link lookupTable} found in a column. */
interface Lookup {
  /** distinct texts the fast path does not cover, read by the core's reader */
  texts: number;
  /** every one of them read (none blank, none unreadable) */
  clean: boolean;
  /** the column has empty cells */
  hasNull: boolean;
}

/**
 * Whether the plain path can take the ledger: every date and amount text read (none blank, none unreadable), no
 * empty cell in a mapped column, text ids (a number column's ids need the reader), and a first row that is no
 * header. The ids themselves are checked once grouped ({@link plainLedger}). O(lines) for the empty cells.
 */
async function plainable(
  con: DuckDBConnection,
  roles: readonly Role[],
  look: Partial<Record<Role, Lookup>>,
  numeric: (r: Role) => boolean,
  skip: number,
  texts: string,
  cols: Partial<Record<Role, number>>
): Promise<boolean> {
  if (!look.d?.texts) return false;
  for (const r of roles) {
    const l = look[r];
    if ((r === "c" || r === "o") && numeric(r)) return false;
    if (l && (!l.clean || l.hasNull)) return false;
  }
  const ids = roles.filter((r) => r === "c" || r === "o");
  const [nulls] = await rowsOf(
    con,
    `SELECT ${ids.map((r) => `count(*) - count(${r})`).join(", ")} FROM raw WHERE rowid >= ${skip}`
  );
  if (nulls.some((x) => Number(x) > 0)) return false;
  const first = await rowsOf(con, `SELECT ${texts} FROM raw WHERE rowid = ${skip}`);
  return first.length === 1 && !looksLikeHeader(first[0] as string[], roles, cols);
}

/**
 * The plain path's occasion-level ledger (see {@link occasionLedger}), or null when an id is not one the core's
 * reader returns unchanged (full-width, spaces: the general path reads those).
 *
 * Customers get integer codes too (the table of their distinct texts, a few hundred thousand at most, checked
 * once), so the groupings carry integers, not texts: by order, each order's first row, least and greatest customer (a clash
 * is an error), first and last day and total; then by customer and day.
 * Cost: one grouping of the lines by order (with order ids), then as {@link occasionLedger}.
 */
async function plainLedger(
  con: DuckDBConnection,
  look: Partial<Record<Role, Lookup>>,
  withOrders: boolean,
  facts: Pick<Ledger, "skipped" | "blankRows" | "headerSkipped">,
  skip: number
): Promise<Ledger | null> {
  const notFast = (x: string) => `NOT regexp_full_match(${x}, ${sqlText(FAST.c as string)})`;
  await con.run(
    `CREATE TABLE custs AS SELECT CAST(row_number() OVER () - 1 AS INTEGER) AS i, c
     FROM (SELECT DISTINCT c FROM raw WHERE rowid >= ${skip})`
  );
  if ((await scalar(con, `SELECT count(*) FROM custs WHERE c IS NULL OR ${notFast("c")}`)) > 0) {
    await con.run("DROP TABLE custs");
    return null;
  }
  // each line's customer code, day and amount by joins with the small tables of distinct texts (a hash probe per
  // line, cheaper here than a cast to an ENUM and a list lookup); every date text is in look_d (a plain ledger's
  // dates all read), an amount text missing from look_a is a plain decimal the fast path reads as it stands
  const amount = look.a?.texts
    ? "coalesce(look_a.v, CAST(raw.a AS DOUBLE))"
    : "CAST(raw.a AS DOUBLE)";
  const good = `(SELECT raw.rowid + ${1 - skip} AS r, raw.c AS customer, custs.i AS cc, look_d.v AS day,
    ${amount} AS amount${withOrders ? ", raw.o AS ord" : ""} FROM raw JOIN custs ON custs.c = raw.c
    JOIN look_d ON look_d.t = raw.d${look.a?.texts ? " LEFT JOIN look_a ON look_a.t = raw.a" : ""}
    WHERE raw.rowid >= ${skip})`;
  if (withOrders) {
    await con.run(
      `CREATE TABLE ords AS SELECT ord, min(r) AS r, min(cc) AS c1, max(cc) AS c2,
         min(day) AS d1, max(day) AS d2, sum(amount) AS amount FROM ${good} GROUP BY ord`
    );
    if ((await scalar(con, `SELECT count(*) FROM ords WHERE ${notFast("ord")}`)) > 0) {
      await con.run("DROP TABLE ords; DROP TABLE custs");
      return null;
    }
    await checkOrders(con, good, skip);
  }
  return occasionLedger(
    con,
    good,
    "cc",
    withOrders,
    facts,
    "JOIN custs ON custs.i = cust.k",
    "custs.c"
  );
}

/** Whether the first non-blank row is a header row, by readLedger's own rule. */
function looksLikeHeader(
  cells: readonly string[],
  roles: readonly Role[],
  cols: Partial<Record<Role, number>>
): boolean {
  const one = (r: Role) => (cols[r] === undefined ? undefined : [cells[roles.indexOf(r)]]);
  return readLedger(
    { customers: one("c"), dates: one("d"), amounts: one("a"), orders: one("o") },
    { mode: "lenient" }
  ).headerSkipped;
}

/**
 * The data rows classified, as a subquery: r (the data row, 1-based after the header line), the mapped columns'
 * texts, and per role st_<role> (0 read, 1 blank, 2 unreadable) and val_<role> (the value read), and blank (every
 * mapped cell blank, a row readLedger passes over). One scan of `raw`, no join.
 */
function classified(
  roles: readonly Role[],
  has: (r: Role) => boolean,
  numeric: (r: Role) => boolean,
  skip: number
): string {
  const look = Object.fromEntries(roles.map((r) => [r, has(r)])) as Partial<Record<Role, boolean>>;
  const code = (r: Role) => `enum_code(TRY_CAST(${r} AS enum_${r})) + 1`;
  const codes = roles.filter((r) => look[r]).map((r) => `, ${code(r)} AS k_${r}`);
  const parts: string[] = [];
  for (const r of roles) {
    const fast = fastPattern(r, numeric(r)) !== undefined;
    const plain = r === "a" ? `CAST(${r} AS DOUBLE)` : r;
    // a text outside the ENUM is one the fast path reads as itself (a plain id, a plain decimal)
    const v = look[r] ? `getvariable('v_${r}')[k_${r}]` : "NULL";
    const s = look[r] ? `getvariable('s_${r}')[k_${r}]` : "2";
    parts.push(
      `CASE WHEN ${r} IS NULL THEN 1 ${look[r] ? `WHEN k_${r} IS NOT NULL THEN ${s} ` : ""}ELSE ${fast ? 0 : 2} END AS st_${r}`,
      look[r]
        ? `CASE WHEN k_${r} IS NOT NULL THEN ${v} ELSE ${fast ? plain : "NULL"} END AS val_${r}`
        : `${fast ? plain : "NULL"} AS val_${r}`
    );
  }
  // a number 0 is an empty cell as Excel may pass one (readLedger's rule); the lookup marks 0 ids and dates
  const blank = roles
    .map((r) => {
      const b = look[r] ? ` OR coalesce(getvariable('b_${r}')[k_${r}], false)` : "";
      const zero = numeric(r) && r === "a" ? ` OR TRY_CAST(${r} AS DOUBLE) = 0` : "";
      return `(${r} IS NULL${b}${zero})`;
    })
    .join(" AND ");
  return `(SELECT r, ${roles.join(", ")}, ${parts.join(", ")}, ${blank} AS blank FROM (
    SELECT CAST(rowid AS BIGINT) + 1 - ${skip} AS r, ${roles.join(", ")}${codes.join("")}
    FROM raw WHERE rowid >= ${skip}))`;
}

/** The unreadable rows, each with the first failing column in the core's order (customer, date, amount, order). */
async function skippedRows(
  con: DuckDBConnection,
  roles: readonly Role[],
  from: string,
  where: string,
  texts: string
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
 * orders table's least and greatest customer of each order find a clash in O(orders); only then are rows searched.
 */
async function checkOrders(con: DuckDBConnection, good: string, skip: number): Promise<void> {
  if ((await scalar(con, "SELECT count(*) FROM ords WHERE c1 <> c2")) === 0) return;
  const clash = await rowsOf(
    con,
    `SELECT r, coalesce(raw.o, ''), first_customer, customer FROM (
       SELECT r, customer, first_value(customer) OVER (PARTITION BY ord ORDER BY r) AS first_customer
       FROM ${good}) g JOIN raw ON raw.rowid = g.r - 1 + ${skip}
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
 * The general path's occasion-level ledger ({@link occasionLedger}), from the classified rows `good`, grouped by
 * the customer ids as read ({@link plainLedger} is the same with integer customers).
 */
async function orderLedger(
  con: DuckDBConnection,
  good: string,
  withOrders: boolean,
  facts: Pick<Ledger, "skipped" | "blankRows" | "headerSkipped">,
  skip: number
): Promise<Ledger> {
  if (withOrders) {
    await con.run(
      `CREATE TABLE ords AS SELECT ord, min(r) AS r, min(customer) AS c1, max(customer) AS c2,
         min(day) AS d1, max(day) AS d2, sum(amount) AS amount FROM ${good} GROUP BY ord`
    );
    await checkOrders(con, good, skip);
  }
  return occasionLedger(con, good, "customer", withOrders, facts, "", "cust.k");
}

/**
 * The occasion-level ledger: one row per (customer, day) on which the customer bought, with that day's amounts
 * added and its first file row, the rows of each customer together in date order; customers indexed in order of
 * first appearance; the per-customer totals (first and last day, occasions, first-day and later amounts, orders)
 * computed by DuckDB beside it. Every figure the analysis computes groups by customer, day or period, and the
 * orders of a customer come from the totals, so this ledger gives the order lines' figures while JavaScript holds
 * one row per purchase occasion and no order id.
 *
 * `key` is the customer column of `good` (an integer code on the plain path, the id read on the general path);
 * with orders, the orders table `ords` (one row per order id: first row, customer, first and last day, total) is
 * folded: an order on one day, nearly all, is one part as it stands; only the lines of orders spanning days are
 * grouped again by (order, day), the order counting on its first day. `names` joins the customer table `cust` (k)
 * to the column `name` holding each customer's id.
 * Cost: a grouping of the order parts (or the lines) by (customer, day), one by customer, a sort of the
 * occasions, O(occasions + customers) in JavaScript.
 */
async function occasionLedger(
  con: DuckDBConnection,
  good: string,
  key: "cc" | "customer",
  withOrders: boolean,
  facts: Pick<Ledger, "skipped" | "blankRows" | "headerSkipped">,
  names: string,
  name: string
): Promise<Ledger> {
  let parts: string;
  if (withOrders) {
    parts = "SELECT c1 AS k, d1 AS day, amount, r, 1 AS orders FROM ords WHERE d1 = d2";
    if ((await scalar(con, "SELECT count(*) FROM ords WHERE d1 <> d2")) > 0)
      parts += ` UNION ALL SELECT g.${key}, g.day, sum(g.amount), min(g.r), max(CASE WHEN g.day = ords.d1 THEN 1 ELSE 0 END)
        FROM ${good} g JOIN ords ON ords.ord = g.ord WHERE ords.d1 <> ords.d2 GROUP BY g.ord, g.${key}, g.day`;
  } else parts = `SELECT ${key} AS k, day, amount, r, 1 AS orders FROM ${good}`;
  await con.run(
    `CREATE TABLE occ AS SELECT k, day, sum(amount) AS amount, min(r) AS r, sum(orders) AS orders
     FROM (${parts}) GROUP BY k, day`
  );
  await con.run(
    `CREATE TABLE cust AS SELECT k, CAST(row_number() OVER (ORDER BY min(r)) - 1 AS INTEGER) AS ci,
       min(day) AS first, max(day) AS last, count(*) AS occasions, arg_min(amount, day) AS first_amount,
       sum(amount) AS amount, sum(orders) AS orders FROM occ GROUP BY k`
  );
  const C = await scalar(con, "SELECT count(*) FROM cust");
  const n = await scalar(con, "SELECT count(*) FROM occ");
  const data = new Float64Array(Math.max(1, C) * TOTALS_STRIDE);
  const customers: string[] = new Array(C);
  let orderCount = 0;
  let minDate = Infinity;
  let maxDate = -Infinity;
  await eachChunkVectors(
    con,
    `SELECT cust.ci, ${name}, CAST(cust.first AS DOUBLE), CAST(cust.last AS DOUBLE),
       CAST(cust.occasions AS DOUBLE), CAST(cust.first_amount AS DOUBLE), CAST(cust.amount AS DOUBLE),
       CAST(cust.orders AS DOUBLE) FROM cust ${names} ORDER BY cust.ci`,
    (v, k) => {
      const ci = numbersOf(v[0], k);
      const first = numbersOf(v[2], k);
      const last = numbersOf(v[3], k);
      const occasions = numbersOf(v[4], k);
      const firstAmount = numbersOf(v[5], k);
      const amount = numbersOf(v[6], k);
      const orders = numbersOf(v[7], k);
      for (let i = 0; i < k; i++) {
        const c = ci[i];
        customers[c] = String(v[1].getItem(i));
        const b = c * TOTALS_STRIDE;
        data[b + TOTAL.first] = first[i];
        data[b + TOTAL.last] = last[i];
        data[b + TOTAL.occasions] = occasions[i];
        data[b + TOTAL.firstAmount] = firstAmount[i];
        data[b + TOTAL.repeatAmount] = amount[i] - firstAmount[i];
        data[b + TOTAL.amount] = amount[i];
        data[b + TOTAL.orders] = orders[i];
        orderCount += orders[i];
        if (first[i] < minDate) minDate = first[i];
        if (last[i] > maxDate) maxDate = last[i];
      }
    }
  );
  const customerOf = new Int32Array(n);
  const dates = new Float64Array(n);
  const amounts = new Float64Array(n);
  const rows = new Int32Array(n);
  let at = 0;
  await eachChunkVectors(
    con,
    `SELECT cust.ci, CAST(occ.day AS DOUBLE), CAST(occ.amount AS DOUBLE), CAST(occ.r AS INTEGER)
     FROM occ JOIN cust USING (k) ORDER BY cust.ci, occ.day`,
    (v, k) => {
      customerOf.set(numbersOf(v[0], k), at);
      dates.set(numbersOf(v[1], k), at);
      amounts.set(numbersOf(v[2], k), at);
      rows.set(numbersOf(v[3], k), at);
      at += k;
    }
  );
  const ledger: Ledger = {
    n,
    customerOf,
    customers,
    dates,
    amounts,
    orderOf: null,
    orderIds: null,
    orderCount,
    rows,
    ...facts,
  };
  // each customer's occasions came in date order, one per day: the totals are the reading pass's own
  ledger.totals = {
    data,
    dateOrdered: true,
    minDate,
    maxDate,
    customerOf,
    dates,
    amounts,
  };
  return ledger;
}

/** The numbers of a vector as they lie in DuckDB's memory (a typed array), or null to read them one by one. */
function numbersOf(v: DuckDBVector, k: number): ArrayLike<number> {
  // the vectors of INTEGER and DOUBLE columns hold a typed array over the chunk's data: copied in one call
  const items = (v as unknown as { items?: unknown }).items;
  if ((items instanceof Int32Array || items instanceof Float64Array) && items.length === k)
    return items;
  return Array.from({ length: k }, (_, i) => v.getItem(i) as number);
}
