/**
 * The ledger route's analysis, from `src/core/` only (the same code as the custom functions): per-customer
 * summary, cohort retention table, retention curve and its largest drop, churn per period.
 * It turns the core's results into the plain arrays the plan stamps on the sheet.
 */
import { cohortTable, largestRetentionDrop, retentionCurve } from "../core/cohorts";
import { churnRate } from "../core/churn";
import { LtvError } from "../core/errors";
import type { Ledger } from "../core/ledger";
import { namedUnit } from "../core/periods";
import { customerSummary } from "../core/summary";
import type { LedgerAnalysis, PlanUnit } from "./types";

export interface AnalyseOptions {
  /** where the data came from, e.g. "Sales!A1:D6920" */
  source: string;
  /** when it was read; default now */
  readAt?: Date;
}

/** Runs `fn`, or returns `fallback` when the ledger is too short for it (LtvError notEnoughData). */
function orWhenTooShort<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof LtvError && e.detail.kind === "notEnoughData") return fallback;
    throw e;
  }
}

/**
 * Analyses a (lenient-mode) ledger for the plan.
 *
 * Cohort, retention and churn need at least one (two for churn) complete period; a shorter ledger gets empty
 * tables and no churn, and the wizard then asks for the lifespan instead of proposing 1 ÷ churn.
 * @throws LtvError `noOrders` for an empty ledger, `requiredFor` without ids, dates or amounts.
 * O(n + C + cohorts × periods).
 */
export function analyseLedgerForPlan(
  ledger: Ledger,
  unit: PlanUnit,
  options: AnalyseOptions
): LedgerAnalysis {
  const period = namedUnit(unit);
  const summary = customerSummary(ledger).map((r) => ({
    customer: r.customer,
    first: r.firstOrder,
    last: r.lastOrder,
    orders: r.orders,
    revenue: r.revenue,
  }));
  const curve = orWhenTooShort(() => retentionCurve(ledger, period), []);
  const table = orWhenTooShort(() => cohortTable(ledger, period, "retention"), null);
  const churn = orWhenTooShort(() => churnRate(ledger, period).rate, null);
  const drop = largestRetentionDrop(curve);
  let firstDate = Infinity;
  let lastDate = -Infinity;
  for (const s of summary) {
    if (s.first < firstDate) firstDate = s.first;
    if (s.last > lastDate) lastDate = s.last;
  }
  return {
    source: options.source,
    readAt: (options.readAt ?? new Date()).toISOString(),
    rowsRead: ledger.n,
    rowsSkipped: ledger.skipped.length,
    summary,
    cohorts: table
      ? table.cohorts.map((c, i) => ({
          label: c.label,
          size: c.customers,
          shares: table.values[i],
        }))
      : [],
    retention: curve.map((p) => p.share),
    unit,
    firstDate,
    lastDate,
    churn,
    largestDrop: drop ?? undefined,
  };
}
