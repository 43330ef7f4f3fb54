/**
 * The CDNOW 1/10th sample (Fader, Hardie & Lee 2005; as shipped with the R package BTYD), read once for the
 * model tests and the benchmark: ../shared/data/cdnow_sample_elog.csv, customer id = sampleid.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { readLedger } from "../../../src/core/ledger";
import { clvSummary, type ClvSummary } from "../../../src/core/models/clv-summary";
import { parsePeriodUnit } from "../../../src/core/periods";
import { serialFromDate } from "../../../src/core/input/date";

export const DATA_DIR = join(__dirname, "../../../../shared/data");

export interface Elog {
  ids: number[];
  dates: number[];
  sales: number[];
}

export function readCdnowElog(): Elog {
  const lines = readFileSync(join(DATA_DIR, "cdnow_sample_elog.csv"), "utf8")
    .trim()
    .split(/\r?\n/)
    .slice(1);
  const ids: number[] = [];
  const dates: number[] = [];
  const sales: number[] = [];
  for (const line of lines) {
    const [, sampleid, date, , amount] = line.split(",");
    ids.push(Number(sampleid));
    dates.push(Number(date));
    sales.push(Number(amount));
  }
  return { ids, dates, sales };
}

/** The calibration summary in weeks, calibration end 1997-09-30. */
export function cdnowSummary(): ClvSummary {
  const e = readCdnowElog();
  const ledger = readLedger({ customers: e.ids, dates: e.dates, amounts: e.sales });
  return clvSummary(ledger, parsePeriodUnit("week", "week"), serialFromDate(1997, 9, 30));
}
