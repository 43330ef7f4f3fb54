/**
 * Reading a ledger file into rows of cells: CSV (UTF-8 with or without BOM, Shift_JIS/CP932 as Japanese
 * accounting software exports it, UTF-16 with BOM as Excel's "Unicode text") or one sheet of an .xlsx workbook.
 *
 * The rows come back as the cells a person sees (text for CSV; numbers, text and date serials for .xlsx) and
 * go through the same readers as the custom functions (`src/core/ledger.ts`), so `¥1,200` and `2024年1月5日`
 * read the same way from a file as from a cell.
 *
 * What a file may hold is bounded ({@link INPUT_LIMITS}), and checked before the work it would cost: an .xlsx's
 * unpacked size from its zip directory before anything is inflated, then its cells while the sheet streams in
 * (exceljs's streaming reader, so a workbook is never held whole in memory); a CSV's size from the file system,
 * its longest line before it is parsed, its cells while papaparse goes through it. Past a limit the file is
 * refused at once with a message that says which limit and what to do.
 */
import { readFile, stat } from "node:fs/promises";
import { extname } from "node:path";
import * as iconv from "iconv-lite";
import Papa from "papaparse";
import ExcelJS from "exceljs";
import unzipper from "unzipper";
import type { Cell } from "../core/input/cells";
import { CliError, EXIT, listForMessage } from "./errors";

/** The encodings the reader accepts; `auto` detects among them. */
export type EncodingChoice = "auto" | "utf-8" | "shift_jis" | "utf-16le" | "utf-16be";

/** A file read into rows: `rows[0]` is the header row when the file has one. */
export interface InputTable {
  rows: Cell[][];
  /** what was detected or used: "utf-8", "utf-8 (BOM)", "shift_jis", "utf-16le" …, or undefined for .xlsx */
  encoding?: string;
  /** the sheet read, for .xlsx */
  sheet?: string;
}

export interface ReadOptions {
  encoding?: EncodingChoice;
  /** .xlsx: sheet name; default the first visible worksheet */
  sheet?: string;
  /** the limits (tests lower them) */
  limits?: Partial<InputLimits>;
}

/** The most a ledger file may hold for this tool (it keeps the rows in memory, and so does the plan built from them). */
export interface InputLimits {
  /** bytes an .xlsx unpacks to (all its parts, as its zip directory declares them) */
  xlsxBytes: number;
  /** cells of the sheet or CSV read: rows × columns (a 1,048,576-row ledger of 9 columns fits) */
  cells: number;
  /** bytes of a CSV file */
  csvBytes: number;
  /** characters of one CSV line (a ledger row is a few hundred) */
  lineChars: number;
}

export const INPUT_LIMITS: Readonly<InputLimits> = {
  xlsxBytes: 256 * 1024 * 1024,
  cells: 10_000_000,
  csvBytes: 512 * 1024 * 1024,
  lineChars: 1_000_000,
};

const MB = (bytes: number) => Math.round((bytes / (1024 * 1024)) * 10) / 10;

/**
 * Decodes CSV bytes. BOMs decide; else strict UTF-8; else CP932 (the Microsoft superset of Shift_JIS, which
 * is what Japanese Windows software writes), refused when any byte does not decode.
 *
 * Example: the bytes of "顧客ID" in Shift_JIS → `{ text: "顧客ID", encoding: "shift_jis" }`.
 * @throws CliError `notText` for binary data (NUL bytes without a UTF-16 BOM), `wrongEncoding` otherwise. O(n).
 */
export function decodeText(
  bytes: Uint8Array,
  path: string,
  choice: EncodingChoice = "auto"
): { text: string; encoding: string } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (choice === "utf-16le" || choice === "utf-16be") {
    return { text: stripBom(iconv.decode(buf, choice)), encoding: choice };
  }
  if (choice === "auto") {
    if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf)
      return { text: strictUtf8(buf.subarray(3), path), encoding: "utf-8 (BOM)" };
    if (buf[0] === 0xff && buf[1] === 0xfe)
      return { text: iconv.decode(buf.subarray(2), "utf-16le"), encoding: "utf-16le" };
    if (buf[0] === 0xfe && buf[1] === 0xff)
      return { text: iconv.decode(buf.subarray(2), "utf-16be"), encoding: "utf-16be" };
  }
  if (buf.includes(0)) {
    // UTF-16 without a BOM: text whose every other byte is 0 (ASCII in UTF-16), on the odd bytes (LE) or even (BE)
    const guess = choice === "auto" ? utf16WithoutBom(buf) : undefined;
    if (guess) return { text: stripBom(iconv.decode(buf, guess)), encoding: `${guess} (no BOM)` };
    throw new CliError("notText", EXIT.input, { path });
  }
  if (choice === "utf-8") return { text: stripBom(strictUtf8(buf, path)), encoding: "utf-8" };
  if (choice === "auto") {
    try {
      return { text: new TextDecoder("utf-8", { fatal: true }).decode(buf), encoding: "utf-8" };
    } catch {
      // not UTF-8: Shift_JIS is the other encoding Japanese ledgers come in
    }
  }
  const text = iconv.decode(buf, "cp932");
  const bad = text.indexOf("\uFFFD");
  if (bad >= 0)
    throw new CliError("wrongEncoding", EXIT.input, { path, offset: byteOffsetOf(text, bad) });
  return { text, encoding: "shift_jis" };
}

/**
 * "utf-16le" / "utf-16be" when the bytes look like UTF-16 without a BOM: an even length and, over the first
 * 64 KB, most zero bytes at odd (LE) or even (BE) offsets and almost none at the others. Else undefined.
 */
function utf16WithoutBom(buf: Buffer): "utf-16le" | "utf-16be" | undefined {
  if (buf.length % 2 !== 0) return undefined;
  const n = Math.min(buf.length, 65536);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) if (buf[i] === 0) i % 2 === 0 ? even++ : odd++;
  const pairs = n / 2;
  if (odd > 0.3 * pairs && even < 0.02 * pairs) return "utf-16le";
  if (even > 0.3 * pairs && odd < 0.02 * pairs) return "utf-16be";
  return undefined;
}

function strictUtf8(buf: Buffer, path: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(buf);
  } catch {
    const text = buf.toString("utf-8");
    throw new CliError("wrongEncoding", EXIT.input, {
      path,
      offset: Buffer.byteLength(text.slice(0, text.indexOf("\uFFFD"))) + 1,
    });
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** 1-based byte position of a decoded character in CP932 (for the message only). */
function byteOffsetOf(text: string, index: number): number {
  return iconv.encode(text.slice(0, index), "cp932").length + 1;
}

/**
 * Splits CSV text into rows with papaparse: delimiter detected (comma, tab, semicolon), quotes honoured,
 * blank lines dropped, ragged rows padded with "". O(n).
 * @throws CliError `csvMalformed` for an unclosed quote.
 */
export function parseCsv(
  text: string,
  path: string,
  limits: Pick<InputLimits, "cells" | "lineChars"> = INPUT_LIMITS
): string[][] {
  checkLines(text, path, limits.lineChars);
  const rows: string[][] = [];
  let cells = 0;
  let width = 0;
  let fatal: Papa.ParseError | undefined;
  let tooMany = false;
  Papa.parse<string[]>(text, {
    skipEmptyLines: "greedy",
    delimitersToGuess: [",", "\t", ";", "|"],
    step: (result, parser) => {
      const quote = result.errors.find((e) => e.type === "Quotes");
      if (quote && !fatal) fatal = { ...quote, row: rows.length };
      rows.push(result.data);
      width = Math.max(width, result.data.length);
      cells += result.data.length;
      if (cells > limits.cells || rows.length * width > limits.cells) {
        tooMany = true;
        parser.abort();
      }
    },
  });
  if (tooMany)
    throw new CliError("tooManyCells", EXIT.input, {
      path,
      sheet: "",
      limit: limits.cells,
      rows: rows.length,
      columns: width,
    });
  if (fatal) {
    throw new CliError("csvMalformed", EXIT.input, {
      path,
      line: (fatal.row ?? 0) + 1,
      reason: fatal.message,
    });
  }
  for (const r of rows) while (r.length < width) r.push("");
  return rows;
}

/** Refuses text with a line longer than `max` characters, before any parsing. O(n), no allocation. */
function checkLines(text: string, path: string, max: number): void {
  let start = 0;
  let line = 1;
  for (;;) {
    const end = text.indexOf("\n", start);
    const stop = end < 0 ? text.length : end;
    if (stop - start > max)
      throw new CliError("lineTooLong", EXIT.input, { path, line, limit: max });
    if (end < 0) return;
    start = end + 1;
    line++;
  }
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** One exceljs cell value as the cell a custom function would receive. */
export function excelCellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean")
    return value;
  if (value instanceof Date) {
    // exceljs gives dates as UTC instants of the local date and time written in the cell
    const serial = (value.getTime() - EXCEL_EPOCH_MS) / 86_400_000;
    return serial < 61 ? serial + 1 : serial;
  }
  const v = value as unknown as Record<string, unknown>;
  if ("error" in v) return { code: String(v.error) };
  if ("richText" in v && Array.isArray(v.richText))
    return (v.richText as Array<{ text: string }>).map((r) => r.text).join("");
  if ("result" in v) return excelCellValue((v.result ?? null) as ExcelJS.CellValue);
  if ("formula" in v || "sharedFormula" in v) return null;
  if ("text" in v) return excelCellValue(v.text as ExcelJS.CellValue);
  return String(value);
}

/**
 * Reads one worksheet of an .xlsx file into rows (its used range, from row 1 and column A), within the limits:
 * the unpacked size from the zip directory first (nothing inflated), then the sheet streamed row by row
 * (exceljs's streaming reader; shared strings and styles kept, other sheets skipped) while its cells are counted.
 * @throws CliError `xlsxUnreadable`, `sheetNotFound`, `xlsxTooLarge`, `tooManyCells`.
 */
export async function readXlsx(
  path: string,
  sheetName?: string,
  limits: Pick<InputLimits, "xlsxBytes" | "cells"> = INPUT_LIMITS
): Promise<InputTable> {
  const unreadable = (e: unknown) =>
    new CliError("xlsxUnreadable", EXIT.input, {
      path,
      reason: e instanceof Error ? e.message : String(e),
    });
  let declared = 0;
  try {
    const directory = await unzipper.Open.file(path);
    for (const f of directory.files) declared += f.uncompressedSize;
  } catch (e) {
    throw unreadable(e);
  }
  if (declared > limits.xlsxBytes)
    throw new CliError("xlsxTooLarge", EXIT.input, {
      path,
      size: MB(declared),
      limit: MB(limits.xlsxBytes),
    });

  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "ignore",
  });
  const seen: string[] = [];
  let target: string | undefined;
  const rows: Cell[][] = [];
  let width = 0;
  let found: string | undefined;
  try {
    for await (const ws of reader as unknown as AsyncIterable<StreamedSheet>) {
      seen.push(ws.name);
      // the sheet wanted, known from workbook.xml (which comes before the sheets): named, else the first visible
      const sheets =
        (reader as unknown as { model?: { sheets?: SheetModel[] } }).model?.sheets ?? [];
      target ??=
        sheetName ??
        (sheets.find((s) => (s.state ?? "visible") === "visible") ?? sheets[0])?.name ??
        ws.name;
      if (ws.name !== target || found !== undefined) continue;
      found = ws.name;
      for await (const row of ws) {
        const values = row.values as ExcelJS.CellValue[];
        width = Math.max(width, values.length - 1);
        if (row.number * Math.max(width, 1) > limits.cells)
          throw new CliError("tooManyCells", EXIT.input, {
            path,
            sheet: ` [${ws.name}]`,
            limit: limits.cells,
            rows: row.number,
            columns: width,
          });
        while (rows.length < row.number - 1) rows.push([]);
        const cells: Cell[] = [];
        for (let c = 1; c < values.length; c++) cells.push(excelCellValue(values[c]));
        rows.push(cells);
      }
    }
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw unreadable(e);
  } finally {
    (reader as unknown as { stream?: { destroy?: () => void } }).stream?.destroy?.();
  }
  if (found === undefined) {
    const sheets = (reader as unknown as { model?: { sheets?: SheetModel[] } }).model?.sheets;
    throw new CliError("sheetNotFound", EXIT.input, {
      path,
      sheet: sheetName ?? "",
      sheets: listForMessage(sheets?.map((s) => s.name) ?? seen, "en").replace(/"/g, ""),
    });
  }
  for (const r of rows) {
    for (let c = 0; c < width; c++) if (r[c] === undefined) r[c] = null;
  }
  // trailing blank rows (formatting only) are not data
  while (rows.length > 0 && rows[rows.length - 1].every((c) => c === null || c === "")) rows.pop();
  return { rows, sheet: found };
}

interface SheetModel {
  name: string;
  state?: string;
}

interface StreamedSheet extends AsyncIterable<ExcelJS.Row> {
  name: string;
}

/**
 * Reads a ledger file (by extension: .xlsx, or .csv/.tsv/.txt) into rows.
 * @throws CliError `fileNotFound`, `fileUnreadable`, `emptyFile`, `unsupportedFormat`, `fileTooLarge`, the
 *   decoders' and the limits' errors.
 */
export async function readInputFile(path: string, options: ReadOptions = {}): Promise<InputTable> {
  const ext = extname(path).toLowerCase();
  if (![".csv", ".tsv", ".txt", ".xlsx", ".xlsm"].includes(ext)) {
    throw new CliError("unsupportedFormat", EXIT.input, { path, ext: ext || "(none)" });
  }
  const limits = { ...INPUT_LIMITS, ...options.limits };
  const failed = (e: unknown) => {
    const err = e as NodeJS.ErrnoException;
    if (err.code === "ENOENT") return new CliError("fileNotFound", EXIT.input, { path });
    return new CliError("fileUnreadable", EXIT.input, { path, reason: err.message });
  };
  const size = await stat(path).then(
    (s) => s.size,
    (e: unknown) => {
      throw failed(e);
    }
  );
  if (size === 0) throw new CliError("emptyFile", EXIT.input, { path });
  if (ext === ".xlsx" || ext === ".xlsm") {
    const table = await readXlsx(path, options.sheet, limits);
    if (table.rows.length === 0) throw new CliError("emptyFile", EXIT.input, { path });
    return table;
  }
  if (size > limits.csvBytes)
    throw new CliError("fileTooLarge", EXIT.input, {
      path,
      size: MB(size),
      limit: MB(limits.csvBytes),
    });
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw failed(e);
  }
  const { text, encoding } = decodeText(bytes, path, options.encoding ?? "auto");
  const rows = parseCsv(text, path, limits);
  if (rows.length === 0) throw new CliError("emptyFile", EXIT.input, { path });
  return { rows, encoding };
}
