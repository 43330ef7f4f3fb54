/**
 * `ltv-workbook --summary`: a customer summary file (what `ltv-workbook sql` returns, one row per customer)
 * becomes the workbook the order lines give — the same model parameters and LTV to 1e-9, the same customer list —
 * without the cohort tables, which need the order lines; files that are no summary are refused in words.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { parseArgs } from "../../src/cli/args";
import { run } from "../../src/cli/main";
import { isoFromSerial } from "../../src/core/input/date";
import { ledgerCustomerSummary } from "../../src/core/summary-route";
import { demoLedger } from "../support/demo-ledger";
import { DEMO_LEDGER, runCli, scratch } from "./helpers";

jest.setTimeout(60_000);

const t = ledgerCustomerSummary(demoLedger());
const end = Math.max(...t.last);
/** The demo ledger's summary as the SQL's CSV: eleven columns, ISO dates, full precision. */
function sqlCsv(): string {
  const header = [
    ...["customer_id", "first_purchase", "last_purchase", "orders", "revenue", "average_order"],
    ...["repeat_purchases", "avg_repeat_spend", "first_amount", "recency_weeks", "t_weeks"],
  ];
  const lines = t.customers.map((c, i) => {
    const revenue = t.firstAmount![i] + t.repeats[i] * t.avgRepeat![i];
    return [
      c,
      isoFromSerial(t.first[i]),
      isoFromSerial(t.last[i]),
      t.repeats[i] + 1,
      revenue,
      revenue / (t.repeats[i] + 1),
      t.repeats[i],
      t.avgRepeat![i],
      t.firstAmount![i],
      (t.last[i] - t.first[i]) / 7,
      (end - t.first[i]) / 7,
    ].join(",");
  });
  return [header.join(","), ...lines].join("\n") + "\n";
}

const close = (a: number, b: number) =>
  expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));

describe("--summary", () => {
  it("is a flag, off by default", () => {
    expect(parseArgs(["a.csv"]).summary).toBe(false);
    expect(parseArgs(["a.csv", "--summary"]).summary).toBe(true);
  });

  it("the SQL's summary gives the ledger's fit, LTV and customer list; no cohort value sheet", async () => {
    const dir = scratch();
    const file = join(dir, "summary.csv");
    writeFileSync(file, sqlCsv());
    const common = ["--period", "month", "--margin", "0.4", "--acquisition-cost", "3000"];
    const now = { stderr: () => undefined, now: new Date(Date.UTC(2025, 0, 15)) };
    const a = await run(
      parseArgs([DEMO_LEDGER, "-o", join(dir, "ledger.xlsx"), ...common, "--customers"]),
      now
    );
    const b = await run(
      parseArgs([file, "-o", join(dir, "summary.xlsx"), ...common, "--customers", "--summary"]),
      now
    );
    const va = a.analysis.value!;
    const vb = b.analysis.value!;
    expect(vb.model).toBe(va.model);
    vb.params.forEach((p, k) => close(p.value, va.params[k].value));
    for (const k of ["ltv", "ltvBeforeCosts", "firstOrder", "avgOrder", "frequency"] as const)
      close(b[k], a[k]);
    close(b.ltvInterval!.low, a.ltvInterval!.low);
    expect(b.customers).toBe(a.customers);
    expect(b.customerSheets!.list.rows.map((r) => r.customer)).toEqual(
      a.customerSheets!.list.rows.map((r) => r.customer)
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "summary.xlsx"));
    expect(wb.worksheets.map((w) => w.name)).toEqual(["LTV calculation", "Customer list"]);
  });

  it("says what it wrote, and what a summary cannot give", async () => {
    const dir = scratch();
    const file = join(dir, "summary.csv");
    writeFileSync(file, sqlCsv());
    const r = await runCli([file, "-o", join(dir, "s.xlsx"), "--summary", "--customers"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`customers ${t.customers.length}`);
    expect(r.out).toContain(
      "no cohort value sheet (a customer summary has no purchases by period)"
    );
    expect(r.out).not.toContain("holdout check");
  });

  it("reads a file whose header names a summary as one without --summary, and says so (en, ja)", async () => {
    const dir = scratch();
    const file = join(dir, "summary.csv");
    writeFileSync(file, sqlCsv());
    const flagged = await runCli([file, "-o", join(dir, "f.xlsx"), "--summary", "--lang", "en"]);
    const en = await runCli([file, "-o", join(dir, "e.xlsx"), "--lang", "en"]);
    expect(en.code).toBe(0);
    expect(en.err).toContain("read as a customer summary (one row per customer), by its header");
    // the same figures as with the flag (read as order lines, nobody would have bought twice)
    expect(en.out.split("\n").slice(1)).toEqual(flagged.out.split("\n").slice(1));
    const ja = await runCli([file, "-o", join(dir, "j.xlsx"), "--lang", "ja"]);
    expect(ja.code).toBe(0);
    expect(ja.err).toContain("見出しから顧客サマリー（1顧客1行）として読みました");
    // columns chosen for order lines: read as order lines, as asked
    const asked = await runCli([
      ...[file, "-o", join(dir, "l.xlsx"), "--lang", "en"],
      ...["--customer", "customer_id", "--date", "first_purchase", "--amount", "revenue"],
    ]);
    expect(asked.err).not.toContain("read as a customer summary");
  });

  it("refuses a file that is no summary, and a contract business, in English and Japanese", async () => {
    const dir = scratch();
    const out = join(dir, "x.xlsx");
    const en = await runCli([DEMO_LEDGER, "-o", out, "--summary"]);
    expect(en.code).toBe(1);
    expect(en.err).toContain("no customer summary columns found");
    const ja = await runCli([DEMO_LEDGER, "-o", out, "--summary"], { LANG: "ja_JP.UTF-8" });
    expect(ja.err).toContain("顧客サマリーの列が見つかりません");
    const file = join(dir, "summary.csv");
    writeFileSync(file, sqlCsv());
    const c = await runCli([file, "-o", out, "--summary", "--business", "contract"]);
    expect(c.code).toBe(2);
    expect(c.err).toContain("--business contract cannot be used with --summary");
  });
});
