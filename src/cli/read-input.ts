/**
 * Reading a ledger file into rows of cells: CSV (UTF-8 with or without BOM, Shift_JIS/CP932 as Japanese
 * accounting software exports it, UTF-16 with BOM as Excel's "Unicode text") or one sheet of an .xlsx workbook.
 *
 * The rows come back as the cells a person sees (text for CSV; numbers, text and date serials for .xlsx) and
 * go through the same readers as the custom functions (`src/core/ledger.ts`), so `¥1,200` and `2024年1月5日`
 * read the same way from a file as from a cell.
 */
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import * as iconv from "iconv-lite";
import Papa from "papaparse";
import ExcelJS from "exceljs";
import type { Cell } from "../core/input/cells";
import { CliError, EXIT } from "./errors";

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
}

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
  if (buf.includes(0)) throw new CliError("notText", EXIT.input, { path });
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
export function parseCsv(text: string, path: string): string[][] {
  const result = Papa.parse<string[]>(text, {
    skipEmptyLines: "greedy",
    delimitersToGuess: [",", "\t", ";", "|"],
  });
  const fatal = result.errors.find((e) => e.type === "Quotes");
  if (fatal) {
    throw new CliError("csvMalformed", EXIT.input, {
      path,
      line: (fatal.row ?? 0) + 1,
      reason: fatal.message,
    });
  }
  const rows = result.data;
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  for (const r of rows) while (r.length < width) r.push("");
  return rows;
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
 * Reads one worksheet of an .xlsx file into rows (its used range, from row 1 and column A).
 * @throws CliError `xlsxUnreadable`, `sheetNotFound`.
 */
export async function readXlsx(
  bytes: Uint8Array,
  path: string,
  sheetName?: string
): Promise<InputTable> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer
    );
  } catch (e) {
    throw new CliError("xlsxUnreadable", EXIT.input, {
      path,
      reason: e instanceof Error ? e.message : String(e),
    });
  }
  const sheets = wb.worksheets;
  const ws =
    sheetName === undefined
      ? (sheets.find((s) => s.state === "visible") ?? sheets[0])
      : sheets.find((s) => s.name === sheetName);
  if (!ws) {
    throw new CliError("sheetNotFound", EXIT.input, {
      path,
      sheet: sheetName ?? "",
      sheets: sheets.map((s) => s.name).join(", "),
    });
  }
  const width = ws.columnCount;
  const rows: Cell[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: Cell[] = new Array<Cell>(width);
    for (let c = 1; c <= width; c++) cells[c - 1] = excelCellValue(row.getCell(c).value);
    rows.push(cells);
  }
  // trailing blank rows (formatting only) are not data
  while (rows.length > 0 && rows[rows.length - 1].every((c) => c === null || c === "")) rows.pop();
  return { rows, sheet: ws.name };
}

/**
 * Reads a ledger file (by extension: .xlsx, or .csv/.tsv/.txt) into rows.
 * @throws CliError `fileNotFound`, `fileUnreadable`, `emptyFile`, `unsupportedFormat` and the decoders' errors.
 */
export async function readInputFile(path: string, options: ReadOptions = {}): Promise<InputTable> {
  const ext = extname(path).toLowerCase();
  if (![".csv", ".tsv", ".txt", ".xlsx", ".xlsm"].includes(ext)) {
    throw new CliError("unsupportedFormat", EXIT.input, { path, ext: ext || "(none)" });
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === "ENOENT") throw new CliError("fileNotFound", EXIT.input, { path });
    throw new CliError("fileUnreadable", EXIT.input, { path, reason: err.message });
  }
  if (bytes.length === 0) throw new CliError("emptyFile", EXIT.input, { path });
  if (ext === ".xlsx" || ext === ".xlsm") {
    const table = await readXlsx(bytes, path, options.sheet);
    if (table.rows.length === 0) throw new CliError("emptyFile", EXIT.input, { path });
    return table;
  }
  const { text, encoding } = decodeText(bytes, path, options.encoding ?? "auto");
  const rows = parseCsv(text, path);
  if (rows.length === 0) throw new CliError("emptyFile", EXIT.input, { path });
  return { rows, encoding };
}
