/**
 * The customer-summary source of the ledger route, without React: a range of one row per customer (what
 * `ltv-workbook sql` or a warehouse returns) read by the core's rules, for the source step's preview, the
 * analysis and the customer list. The wizard only chooses the source; the analysis is `analyseSummaryForPlan`
 * (src/sheet), so the sheet from a summary is the sheet from its ledger.
 */
import type { DateSystem } from "../core/input/date";
import { isoFromSerial } from "../core/input/date";
import {
  readCustomerSummary,
  SUMMARY_COLUMNS,
  summaryCells,
  type CustomerSummaryTable,
  type SummaryColumns,
  type SummaryRole,
} from "../core/summary-route";

/** What the source step shows of a summary, and the table the analysis reads. */
export interface SummaryPreview {
  table: CustomerSummaryTable;
  customers: number;
  /** earliest first purchase and latest last purchase, ISO dates */
  first: string;
  last: string;
  header: boolean;
  blankRows: number;
  /** the roles read, in order, with their 0-based column in the range */
  used: { role: SummaryRole; column: number }[];
}

/**
 * The columns to read when the user says the range is a summary but nothing was recognised: the route's order
 * from the first column (the reader then names what does not fit). O(1).
 */
export function positionalSummaryColumns(width: number): SummaryColumns {
  const columns: SummaryColumns["columns"] = {};
  SUMMARY_COLUMNS.slice(0, Math.max(0, Math.min(width, SUMMARY_COLUMNS.length))).forEach(
    (role, k) => (columns[role] = k)
  );
  return { columns, hasHeader: false, how: "content" };
}

/**
 * Reads the summary in `rows` through `columns` (strict: the first bad row is an error naming it, as the
 * functions report it). Example: the demo ledger's summary as six columns with a header → 510 customers.
 * @throws LtvError as `readCustomerSummary`. O(rows).
 */
export function previewSummary(
  rows: readonly (readonly unknown[])[],
  columns: SummaryColumns,
  dateSystem: DateSystem = 1900
): SummaryPreview {
  const table = readCustomerSummary(summaryCells(rows as never, columns.columns), {
    dateSystem,
  });
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < table.customers.length; i++) {
    if (table.first[i] < lo) lo = table.first[i];
    if (table.last[i] > hi) hi = table.last[i];
  }
  const used: SummaryPreview["used"] = [];
  for (const role of SUMMARY_COLUMNS) {
    const column = columns.columns[role];
    if (column === undefined) break;
    used.push({ role, column });
  }
  return {
    table,
    customers: table.customers.length,
    first: isoFromSerial(lo),
    last: isoFromSerial(hi),
    header: table.headerSkipped,
    blankRows: table.blankRows,
    used,
  };
}
