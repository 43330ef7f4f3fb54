/**
 * Slow, obviously-correct reference implementations of the ledger analytics, for property tests.
 *
 * Written for clarity, not speed: plain objects, Sets, calendar dates through `dateFromSerial` / `serialFromDate`,
 * and "has this period ended?" answered by finding the period's last day one day at a time. Nothing here shares
 * code with src/core/cohorts.ts or src/core/churn.ts.
 */
import { dateFromSerial, serialFromDate } from "../../src/core/input/date";
import type { PeriodUnit } from "../../src/core/periods";

export interface RefRow {
  customer: string;
  date: number;
  amount: number;
  order?: string;
}

const CALENDAR_MONTHS: Record<string, number> = { month: 1, quarter: 3, year: 12 };

function isCalendar(unit: PeriodUnit): boolean {
  return unit.name !== undefined && unit.name in CALENDAR_MONTHS;
}

/** Calendar period of a date: months (or quarters, years) counted from year 0. */
function calendarPeriod(serial: number, unit: PeriodUnit): number {
  const { year, month } = dateFromSerial(serial);
  return Math.floor((year * 12 + month - 1) / CALENDAR_MONTHS[unit.name as string]);
}

/** First day of a calendar period. */
function calendarStart(p: number, unit: PeriodUnit): number {
  const m = p * CALENDAR_MONTHS[unit.name as string];
  return serialFromDate(Math.floor(m / 12), (m % 12) + 1, 1) as number;
}

/** Last day of a calendar period: the day before the next one starts. */
function calendarLastDay(p: number, unit: PeriodUnit): number {
  return calendarStart(p + 1, unit) - 1;
}

/** Last day of elapsed window k counted from day `from`: walk forward while the day is still in window k. */
function elapsedLastDay(from: number, k: number, days: number): number {
  let d = from + Math.floor(k * days);
  while (Math.floor((d + 1 - from) / days) <= k) d++;
  return d;
}

function groupByCustomer(rows: RefRow[]): Map<string, RefRow[]> {
  const m = new Map<string, RefRow[]>();
  for (const r of rows) {
    if (!m.has(r.customer)) m.set(r.customer, []);
    (m.get(r.customer) as RefRow[]).push(r);
  }
  return m;
}

export function refCustomerSummary(rows: RefRow[]) {
  const out: {
    customer: string;
    firstOrder: number;
    lastOrder: number;
    orders: number;
    revenue: number;
    averageOrder: number;
  }[] = [];
  for (const [customer, rs] of groupByCustomer(rows)) {
    const dates = rs.map((r) => r.date);
    const withIds = rs.every((r) => r.order !== undefined);
    const orders = withIds ? new Set(rs.map((r) => r.order)).size : rs.length;
    const revenue = rs.reduce((s, r) => s + r.amount, 0);
    out.push({
      customer,
      firstOrder: Math.min(...dates),
      lastOrder: Math.max(...dates),
      orders,
      revenue,
      averageOrder: revenue / orders,
    });
  }
  return out;
}

/** Per customer: first date, periods since first purchase with a purchase, and the last observed k. */
function customerPeriods(rows: RefRow[], unit: PeriodUnit) {
  const end = Math.max(...rows.map((r) => r.date));
  const result: {
    customer: string;
    first: number;
    active: Set<number>;
    lastK: number;
    spend: Map<number, number>;
  }[] = [];
  for (const [customer, rs] of groupByCustomer(rows)) {
    const first = Math.min(...rs.map((r) => r.date));
    const kOf = (d: number) =>
      isCalendar(unit)
        ? calendarPeriod(d, unit) - calendarPeriod(first, unit)
        : Math.floor((d - first) / unit.days);
    const active = new Set(rs.map((r) => kOf(r.date)));
    const spend = new Map<number, number>();
    for (const r of rs) spend.set(kOf(r.date), (spend.get(kOf(r.date)) ?? 0) + r.amount);
    // the last k whose every day is on or before the last order date
    let lastK = -1;
    for (;;) {
      const k = lastK + 1;
      const lastDay = isCalendar(unit)
        ? calendarLastDay(calendarPeriod(first, unit) + k, unit)
        : elapsedLastDay(first, k, unit.days);
      if (lastDay > end) break;
      lastK = k;
    }
    result.push({ customer, first, active, lastK, spend });
  }
  return { end, customers: result };
}

export function refRetentionCurve(rows: RefRow[], unit: PeriodUnit) {
  const { customers } = customerPeriods(rows, unit);
  const curve: {
    periodsSince: number;
    share: number;
    customersObserved: number;
    customersActive: number;
  }[] = [];
  for (let k = 0; ; k++) {
    const observed = customers.filter((c) => c.lastK >= k);
    if (observed.length === 0) break;
    const active = observed.filter((c) => c.active.has(k)).length;
    curve.push({
      periodsSince: k,
      share: active / observed.length,
      customersObserved: observed.length,
      customersActive: active,
    });
  }
  return curve;
}

export function refCohortTable(
  rows: RefRow[],
  unit: PeriodUnit,
  measure: "customers" | "retention" | "revenue"
) {
  const { end, customers } = customerPeriods(rows, unit);
  const minDate = Math.min(...rows.map((r) => r.date));
  const cohortOf = (d: number) =>
    isCalendar(unit) ? calendarPeriod(d, unit) : Math.floor((d - minDate) / unit.days);
  const firstCohort = cohortOf(minDate);
  const lastCohort = Math.max(...customers.map((c) => cohortOf(c.first)));
  const table: { label: number; customers: number; cells: (number | null)[] }[] = [];
  for (let h = firstCohort; h <= lastCohort; h++) {
    const members = customers.filter((c) => cohortOf(c.first) === h);
    // observable k: every member observed through k; an empty cohort is bounded by its own period's last day
    let lastK: number;
    if (members.length > 0) lastK = Math.min(...members.map((c) => c.lastK));
    else {
      const lastDay = isCalendar(unit)
        ? calendarLastDay(h, unit)
        : elapsedLastDay(minDate, h, unit.days);
      lastK = -1;
      for (;;) {
        const k = lastK + 1;
        const kEnd = isCalendar(unit)
          ? calendarLastDay(h + k, unit)
          : elapsedLastDay(lastDay, k, unit.days);
        if (kEnd > end) break;
        lastK = k;
      }
    }
    const cells: (number | null)[] = [];
    for (let k = 0; k <= lastK; k++) {
      const active = members.filter((c) => c.active.has(k)).length;
      if (measure === "customers") cells.push(active);
      else if (measure === "retention")
        cells.push(members.length > 0 ? active / members.length : null);
      else cells.push(members.reduce((s, c) => s + (c.spend.get(k) ?? 0), 0));
    }
    table.push({ label: h, customers: members.length, cells });
  }
  const width = Math.max(1, ...table.map((r) => r.cells.length));
  return table.map((r) => ({
    ...r,
    cells: [...r.cells, ...new Array<null>(width - r.cells.length).fill(null)],
  }));
}

export function refChurn(rows: RefRow[], unit: PeriodUnit) {
  const end = Math.max(...rows.map((r) => r.date));
  const minDate = Math.min(...rows.map((r) => r.date));
  const periodOf = (d: number) =>
    isCalendar(unit) ? calendarPeriod(d, unit) : Math.floor((d - minDate) / unit.days);
  const lastDayOf = (t: number) =>
    isCalendar(unit) ? calendarLastDay(t, unit) : elapsedLastDay(minDate, t, unit.days);
  const activeIn = new Map<number, Set<string>>();
  for (const r of rows) {
    const t = periodOf(r.date);
    if (!activeIn.has(t)) activeIn.set(t, new Set());
    (activeIn.get(t) as Set<string>).add(r.customer);
  }
  const pairs: { active: number; retained: number }[] = [];
  for (let t = periodOf(minDate); lastDayOf(t + 1) <= end; t++) {
    const now = activeIn.get(t) ?? new Set<string>();
    const next = activeIn.get(t + 1) ?? new Set<string>();
    pairs.push({ active: now.size, retained: [...now].filter((c) => next.has(c)).length });
  }
  const active = pairs.reduce((s, p) => s + p.active, 0);
  const churned = pairs.reduce((s, p) => s + p.active - p.retained, 0);
  return { rate: pairs.length > 0 ? churned / active : null, periodsUsed: pairs.length, pairs };
}
