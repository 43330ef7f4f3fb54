/**
 * The CDNOW 1/10th sample (Fader, Hardie & Lee 2005, "Counting your customers the easy way"; event log as shipped
 * with the R package BTYD) as a real ledger: ../shared/data/cdnow_sample_elog.csv, customer id = sampleid, date
 * YYYYMMDD, amount = sales (USD).
 *
 * The expected figures in test/fixtures/cdnow-analytics.json were produced by test/reference/cdnow_check.py, an
 * independent Python (standard library only) computation from the CSV; regenerate with
 * `python3 test/reference/cdnow_check.py`. The CSV's dates go in as the 8-digit numbers the file holds, so the
 * ledger reader's YYYYMMDD rule is exercised too.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { churnRate } from "../../src/core/churn";
import { cohortTable, largestRetentionDrop, retentionCurve } from "../../src/core/cohorts";
import { readLedger } from "../../src/core/ledger";
import { averageOrderValue, totalAmount } from "../../src/core/orders";
import { parsePeriodUnit } from "../../src/core/periods";
import { customerSummary } from "../../src/core/summary";

const expected = JSON.parse(
  readFileSync(join(__dirname, "../fixtures/cdnow-analytics.json"), "utf8")
);
const lines = readFileSync(join(__dirname, "../../../shared/data/cdnow_sample_elog.csv"), "utf8")
  .trim()
  .split(/\r?\n/);
const cells = lines.map((l) => l.split(","));
// as a sheet holds it: the header row included, numbers as numbers
const column = (i: number) => cells.map((r, k) => (k === 0 ? r[i] : Number(r[i])));
const ledger = readLedger({ customers: column(1), dates: column(2), amounts: column(4) });
const unit = (u: string | number) => parsePeriodUnit(u, "month");

describe("CDNOW sample as a ledger", () => {
  it("reads 6,919 rows of 2,357 customers from 1997-01-01 to 1998-06-30", () => {
    expect(ledger.headerSkipped).toBe(true);
    expect(ledger.n).toBe(expected.rows);
    expect(ledger.customers.length).toBe(expected.customers);
    expect(Math.min(...(ledger.dates as Float64Array))).toBe(expected.firstDate);
    expect(Math.max(...(ledger.dates as Float64Array))).toBe(expected.lastDate);
    expect(totalAmount(ledger)).toBeCloseTo(expected.revenue, 6);
    expect(averageOrderValue(ledger)).toBeCloseTo(expected.avgOrder, 6);
  });

  it("summarises customers as the independent computation does", () => {
    const rows = customerSummary(ledger);
    const first3 = rows.slice(0, 3).map((r) => ({
      ...r,
      revenue: Number(r.revenue.toFixed(6)),
      averageOrder: Number(r.averageOrder.toFixed(6)),
    }));
    expect(first3).toEqual(expected.customerSummary.first3);
    expect(rows.filter((r) => r.orders > 1).length).toBe(expected.customerSummary.repeatBuyers);
  });

  it("gives the monthly and quarterly retention curves and the largest monthly drop", () => {
    for (const u of ["month", "quarter"]) {
      const curve = retentionCurve(ledger, unit(u));
      expect(curve.length).toBe(expected.retentionCurve[u].length);
      curve.forEach((p, i) => {
        const e = expected.retentionCurve[u][i];
        expect([p.periodsSince, p.customersObserved, p.customersActive]).toEqual([
          e.periodsSince,
          e.customersObserved,
          e.customersActive,
        ]);
        expect(p.share).toBeCloseTo(e.share, 12);
      });
    }
    const drop = largestRetentionDrop(retentionCurve(ledger, unit("month")));
    expect(drop?.period).toBe(expected.largestRetentionDrop.month.period);
    expect(drop?.drop).toBeCloseTo(expected.largestRetentionDrop.month.drop, 12);
  });

  it("gives the monthly and quarterly cohort tables, each measure", () => {
    for (const u of ["month", "quarter"]) {
      for (const m of ["customers", "retention", "revenue"] as const) {
        const t = cohortTable(ledger, unit(u), m);
        const e = expected.cohortTable[u];
        expect(t.cohorts.map((c) => [c.label, c.customers])).toEqual(
          e.map((r: { label: string; customers: number }) => [r.label, r.customers])
        );
        t.values.forEach((row, h) =>
          row.forEach((v, k) => {
            const want = e[h].cells[m][k];
            if (want === null) expect(v).toBeNull();
            else expect(v).toBeCloseTo(want, 6);
          })
        );
      }
    }
  });

  it("gives the churn rate per month, quarter, week and 30 days", () => {
    for (const u of ["month", "quarter", "week", 30]) {
      const c = churnRate(ledger, unit(u));
      const e = expected.churnRate[String(u)];
      expect(c.periodsUsed).toBe(e.periodsUsed);
      expect(c.byPeriod.map((p) => ({ active: p.active, retained: p.retained }))).toEqual(e.pairs);
      expect(c.rate).toBeCloseTo(e.rate, 12);
    }
  });
});
