/**
 * The ledger file → the core's ledger, by the engine that suits it: small CSV and .xlsx files in memory as the
 * add-in reads a selection (`read-input.ts`, `ledger-input.ts`), large CSV and Parquet files through embedded
 * DuckDB (`duckdb-ledger.ts`). Both give the same ledger figures; `--engine` forces one.
 */
import { stat } from "node:fs/promises";
import type { CliOptions } from "./args";
import { CliError, EXIT } from "./errors";
import { chooseEngine, readLedgerWithDuckDb, type DuckTimings, type Engine } from "./duckdb-ledger";
import { ledgerFromRows, type LedgerInput } from "./ledger-input";
import { readInputFile } from "./read-input";

export interface ReadLedgerFile {
  read: LedgerInput;
  engine: Engine;
  /** the sheet read, for .xlsx */
  sheet?: string;
  /** DuckDB's stages, in seconds */
  timings?: DuckTimings;
}

/**
 * Reads `options.input` with the engine {@link chooseEngine} picks (or `options.engine`).
 * @throws CliError as either reader does; `fileNotFound` / `fileUnreadable` for a missing file.
 */
export async function readLedgerFile(
  options: Pick<
    CliOptions,
    "input" | "engine" | "encoding" | "sheet" | "columns" | "lang" | "skipUnreadable"
  >,
  progress: (line: string) => void
): Promise<ReadLedgerFile> {
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
    return { read, engine, timings: read.timings };
  }
  const table = await readInputFile(path, { encoding: options.encoding, sheet: options.sheet });
  const read = ledgerFromRows(
    table.rows,
    options.columns,
    path,
    options.lang,
    table.encoding,
    options.skipUnreadable
  );
  return { read, engine, sheet: table.sheet };
}
