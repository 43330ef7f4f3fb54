/**
 * The ledger file → the core's ledger, by the engine that suits it: small CSV and .xlsx files in memory as the
 * add-in reads a selection (`read-input.ts`, `ledger-input.ts`), large CSV and Parquet files through embedded
 * DuckDB (`duckdb-ledger.ts`). Both give the same ledger figures; `--engine` forces one.
 */
import { stat } from "node:fs/promises";
import type { CliOptions } from "./args";
import { CliError, EXIT } from "./errors";
import { chooseEngine, readLedgerWithDuckDb, type DuckTimings, type Engine } from "./duckdb-ledger";
import { detectSummaryColumns } from "../core/summary-route";
import { ledgerFromRows, type LedgerInput } from "./ledger-input";
import { readInputFile, type InputTable } from "./read-input";

/** Order lines, read into the core's ledger. */
export interface ReadLedgerFile {
  kind: "ledger";
  read: LedgerInput;
  engine: Engine;
  /** the sheet read, for .xlsx */
  sheet?: string;
  /** DuckDB's stages, in seconds */
  timings?: DuckTimings;
}

/**
 * A file that is a customer summary by its header (one row per customer; customer, first and last purchase and
 * repeat purchases named in its first row), as read: the caller takes the summary route.
 */
export interface ReadSummaryFile {
  kind: "summary";
  table: InputTable;
  engine: Engine;
  sheet?: string;
}

/**
 * Reads `options.input` with the engine {@link chooseEngine} picks (or `options.engine`). A file read in memory
 * whose header names a customer summary's columns comes back as that summary unless columns were chosen for
 * order lines (read as order lines, such a file would be one "order" per customer: nobody would have bought
 * twice, a wrong answer in words).
 * @throws CliError as either reader does; `fileNotFound` / `fileUnreadable` for a missing file.
 */
export async function readLedgerFile(
  options: Pick<
    CliOptions,
    "input" | "engine" | "encoding" | "sheet" | "columns" | "lang" | "skipUnreadable"
  >,
  progress: (line: string) => void
): Promise<ReadLedgerFile | ReadSummaryFile> {
  const path = options.input;
  const size = await stat(path).then(
    (s) => s.size,
    (e: NodeJS.ErrnoException) => {
      throw e.code === "ENOENT"
        ? new CliError("fileNotFound", EXIT.input, { path })
        : new CliError("fileUnreadable", EXIT.input, { path, reason: e.message });
    }
  );
  const engine = chooseEngine(path, size, options.engine);
  if (engine === "duckdb") {
    const read = await readLedgerWithDuckDb(path, {
      choice: options.columns,
      lang: options.lang,
      encoding: options.encoding,
      skipUnreadable: options.skipUnreadable,
      progress,
    });
    return { kind: "ledger", read, engine, timings: read.timings };
  }
  const table = await readInputFile(path, { encoding: options.encoding, sheet: options.sheet });
  const chosen = Object.values(options.columns).some((c) => c !== undefined);
  if (!chosen && detectSummaryColumns(table.rows)?.how === "header")
    return { kind: "summary", table, engine, sheet: table.sheet };
  const read = ledgerFromRows(
    table.rows,
    options.columns,
    path,
    options.lang,
    table.encoding,
    options.skipUnreadable
  );
  return { kind: "ledger", read, engine, sheet: table.sheet };
}
