/** The bundled demo ledger (demo/sample-ledger.csv), read the way several tests need it. */
import { readFileSync } from "fs";
import { join } from "path";
import { readLedger, type Ledger } from "../../src/core/ledger";

/** Path of the demo ledger: customer id, order date, amount, order number, with a Japanese header row. */
export const DEMO_LEDGER_PATH = join(__dirname, "../../demo/sample-ledger.csv");

/** The demo ledger's rows as text cells, header included (its CSV has no quoted commas). */
export function demoLines(): string[][] {
  return readFileSync(DEMO_LEDGER_PATH, "utf8")
    .replace(/^\uFEFF/, "")
    .trim()
    .split(/\r?\n/)
    .map((l) => l.split(","));
}

/** The demo ledger read by the core (the header row is recognised and skipped); order numbers unless told not. */
export function demoLedger(options: { orders?: boolean } = {}): Ledger {
  const lines = demoLines();
  const col = (k: number) => lines.map((l) => l[k]);
  return readLedger({
    customers: col(0),
    dates: col(1),
    amounts: col(2),
    orders: options.orders === false ? undefined : col(3),
  });
}
