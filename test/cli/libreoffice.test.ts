/**
 * The written workbook recalculated by an independent spreadsheet engine: LibreOffice opens the .xlsx
 * headless (the file carries no cached results, so every value below is LibreOffice's own), saves it again as
 * .xlsx with its results, and we read them: no cell is an error, and every figure of the chain (LTV, LTV:CAC,
 * payback, max CAC …) equals the core's results chain. LibreOffice also reads the retention chart (its own
 * re-export keeps the chart on the plan's ranges) and prints the workbook: A4 for Japanese, Letter for English,
 * landscape, each print range one page wide, in sans-serif fonts (poppler's pdfinfo / pdftotext / pdffonts read
 * the PDF). Skipped, with a message, only when `soffice` (or poppler-utils) is not installed (CI installs both).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { parseArgs } from "../../src/cli/args";
import { run, type CliResult } from "../../src/cli/main";
import { SHEET_LABELS } from "../../src/sheet/labels";
import { LEDGER_CHAIN_ROWS } from "../../src/sheet/sections/rows";
import { cohortValueTable, paybackPeriod } from "../../src/core/cohort-value";
import { readLedger } from "../../src/core/ledger";
import { namedUnit } from "../../src/core/periods";
import { DEMO_LEDGER, scratch } from "./helpers";

const soffice = ["soffice", "libreoffice"].find(
  (cmd) => spawnSync(cmd, ["--version"], { encoding: "utf8" }).status === 0
);
if (!soffice) {
  console.warn(
    "LibreOffice check SKIPPED: `soffice` is not installed (apt-get install -y libreoffice-calc-nogui)."
  );
}
const describeIfSoffice = soffice ? describe : describe.skip;

const poppler = spawnSync("pdfinfo", ["-v"], { encoding: "utf8" }).status === 0;
if (soffice && !poppler) {
  console.warn(
    "PDF check SKIPPED: poppler-utils is not installed (apt-get install -y poppler-utils)."
  );
}
const describeIfPdf = soffice && poppler ? describe : describe.skip;

/** Converts to PDF with LibreOffice (its own profile) and returns the PDF's path. */
function toPdf(file: string): string {
  const outDir = mkdtempSync(join(tmpdir(), "ltv-lo-pdf-"));
  const profile = mkdtempSync(join(tmpdir(), "ltv-lo-profile-"));
  const r = spawnSync(
    soffice as string,
    [
      `-env:UserInstallation=file://${profile}`,
      "--headless",
      "--norestore",
      "--convert-to",
      "pdf",
      "--outdir",
      outDir,
      file,
    ],
    { encoding: "utf8", timeout: 120_000 }
  );
  const out = join(outDir, (file.split("/").pop() as string).replace(/\.xlsx$/, ".pdf"));
  if (r.status !== 0 || !existsSync(out))
    throw new Error(`soffice failed (${r.status}): ${r.stderr}${r.stdout}`);
  return out;
}

function popplerOut(tool: string, args: string[]): string {
  const r = spawnSync(tool, args, { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${tool} failed: ${r.stderr}`);
  return r.stdout;
}

/** Converts with LibreOffice (its own profile, so parallel runs do not collide) and returns the new file. */
function recalculate(file: string): string {
  const outDir = mkdtempSync(join(tmpdir(), "ltv-lo-out-"));
  const profile = mkdtempSync(join(tmpdir(), "ltv-lo-profile-"));
  const r = spawnSync(
    soffice as string,
    [
      `-env:UserInstallation=file://${profile}`,
      "--headless",
      "--norestore",
      "--convert-to",
      "xlsx:Calc MS Excel 2007 XML",
      "--outdir",
      outDir,
      file,
    ],
    { encoding: "utf8", timeout: 120_000 }
  );
  const out = join(outDir, file.split("/").pop() as string);
  if (r.status !== 0 || !existsSync(out))
    throw new Error(`soffice failed (${r.status}): ${r.stderr}${r.stdout}`);
  return out;
}

function close(actual: unknown, expected: number): void {
  expect(typeof actual).toBe("number");
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(
    1e-9 * Math.max(1, Math.abs(expected))
  );
}

const CASES: Array<[string, string[]]> = [
  [
    "the demo: month, the default 3-year horizon, margin, discount, CAC",
    ["--lang", "ja", "--margin", "0.4", "--discount-rate", "0.01", "--acquisition-cost", "500"],
  ],
  [
    "quarter, a 30-month horizon, retention cost per period, the Pareto/NBD",
    [
      "--period",
      "quarter",
      "--horizon",
      "30m",
      "--model",
      "pnbd",
      "--margin",
      "35%",
      "--discount-rate",
      "0.02",
      "--acquisition-cost",
      "2000",
      "--retention-cost-per-period",
      "100",
    ],
  ],
  [
    "year, a horizon of 4 periods, total retention cost, target ratio 4",
    [
      "--period",
      "year",
      "--periods",
      "4",
      "--acquisition-cost",
      "3000",
      "--retention-cost",
      "1200",
      "--target-ratio",
      "4",
    ],
  ],
];

describeIfSoffice("LibreOffice recalculates the written workbook to the core's numbers", () => {
  it.each(CASES)(
    "%s",
    async (_name, args) => {
      const dir = scratch();
      const file = join(dir, "ltv.xlsx");
      const result: CliResult = await run(parseArgs([DEMO_LEDGER, "-o", file, ...args]), {
        stderr: () => undefined,
        now: new Date(2025, 0, 15),
      });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(recalculate(file));
      const ws = wb.getWorksheet(result.plan.sheet.name) as ExcelJS.Worksheet;

      const errors: string[] = [];
      let formulas = 0;
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          const v = cell.value as ExcelJS.CellFormulaValue | { error: string } | null;
          if (v && typeof v === "object" && "error" in v)
            errors.push(`${cell.address}: ${v.error}`);
          if (v && typeof v === "object" && "formula" in v) {
            formulas++;
            const res = v.result as unknown;
            if (res && typeof res === "object" && "error" in (res as object))
              errors.push(`${cell.address}: ${(res as { error: string }).error} (=${v.formula})`);
          }
        })
      );
      expect(errors).toEqual([]);
      expect(formulas).toBeGreaterThan(20);

      const value = (address: string) =>
        (ws.getCell(address).value as ExcelJS.CellFormulaValue).result;
      const a = result.plan.anchors;
      // exceljs reads a cached result of 0 (<v>0</v>) as no result
      const num = (address: string, want: number) => value(address) ?? (want === 0 ? 0 : undefined);
      close(num(a.ltv, result.ltv), result.ltv);
      close(num(a.ltvCac, result.ltvCac as number), result.ltvCac as number);
      close(num(a.cacPayback, result.cacPayback as number), result.cacPayback as number);
      close(num(a.maxCac, result.maxCac), result.maxCac);
      close(num(a.periods, result.periods), result.periods);
      // every figure of the chain, as the core's results chain has it ("" where the core has none)
      for (const row of LEDGER_CHAIN_ROWS) {
        if (!row.name || !row.result) continue;
        const at = result.plan.names.find((n) => n.name === row.name)!.range;
        const want = result.results[row.result] as number | null;
        if (want === null)
          expect({ name: row.name, v: value(at) ?? "" }).toEqual({ name: row.name, v: "" });
        // exceljs reads a cached result of 0 (<v>0</v>) as no result
        else close(value(at) ?? (want === 0 ? 0 : undefined), want);
      }
      // the interval, stamped by the core, survives the round trip and brackets the recalculated LTV
      const stampedAt = (name: string) =>
        ws.getCell(result.plan.names.find((n) => n.name === name)!.range).value as number;
      expect(result.ltvInterval).not.toBeNull();
      close(stampedAt("Result_LTV_Low"), result.ltvInterval!.low);
      close(stampedAt("Result_LTV_High"), result.ltvInterval!.high);
      expect(stampedAt("Result_LTV_Low")).toBeLessThan(num(a.ltv, result.ltv) as number);
      expect(stampedAt("Result_LTV_High")).toBeGreaterThan(num(a.ltv, result.ltv) as number);
      // the names survive the round trip, so other sheets and tools can refer to the results
      expect(wb.definedNames.getRanges("Result_LTV").ranges[0]).toContain(
        a.ltv.replace(/([A-Z]+)(\d+)/, "$$$1$$$2")
      );
    },
    180_000
  );
});

describeIfSoffice("LibreOffice: the period unit changes the presentation, never the value", () => {
  it("month, quarter and year workbooks of one ledger give the same LTV within 2 % (10 % a year, converted)", async () => {
    const values: number[] = [];
    for (const [period, perYear] of [
      ["month", 12],
      ["quarter", 4],
      ["year", 1],
    ] as const) {
      const file = join(scratch(), `${period}.xlsx`);
      const rate = String(Math.pow(1.1, 1 / perYear) - 1);
      const result = await run(
        parseArgs([DEMO_LEDGER, "-o", file, "--period", period, "--discount-rate", rate]),
        { stderr: () => undefined, now: new Date(2025, 0, 15) }
      );
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(recalculate(file));
      const ws = wb.worksheets[0];
      const ltv = (ws.getCell(result.plan.anchors.ltvBeforeCosts).value as ExcelJS.CellFormulaValue)
        .result as number;
      close(ltv, result.ltvBeforeCosts);
      values.push(ltv);
    }
    expect(Math.max(...values) / Math.min(...values)).toBeLessThan(1.02);
  }, 300_000);
});

describeIfSoffice("LibreOffice reads the retention chart", () => {
  it.each(["ja", "en"] as const)(
    "%s: its own re-export keeps a line chart on the plan's categories and retention curve",
    async (lang) => {
      const file = join(scratch(), "ltv.xlsx");
      const result = await run(parseArgs([DEMO_LEDGER, "-o", file, "--lang", lang]), {
        stderr: () => undefined,
        now: new Date(2025, 0, 15),
      });
      const zip = await JSZip.loadAsync(readFileSync(recalculate(file)));
      const charts = Object.keys(zip.files).filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p));
      // the retention curve and the value curve
      expect(charts).toHaveLength(2);
      const xml = await zip.file(charts[0])!.async("string");
      expect(xml).toContain("<c:lineChart>");
      const planned = result.plan.sheet.charts[0];
      // LibreOffice quotes sheet names only where it must: compare without the quotes
      const refs = [...xml.matchAll(/<c:f>([^<]*)<\/c:f>/g)]
        .map((m) => m[1].replace(/&apos;|'/g, ""))
        .filter((f) => f.includes("!"));
      const abs = (a: string) => a.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");
      expect(refs).toEqual([
        `${result.plan.sheet.name}!${abs(planned.categories)}`,
        `${result.plan.sheet.name}!${abs(planned.series[0].values)}`,
      ]);
      expect(xml).toContain(`<a:t>${planned.title}</a:t>`);
      expect(xml).toContain(`<a:t>${planned.xAxisTitle}</a:t>`);
    },
    180_000
  );
});

describeIfPdf("LibreOffice prints the workbook", () => {
  // the ledger route's frequency row: its label and the start of its explanation
  const row = (lang: "ja" | "en") => SHEET_LABELS[lang].rows.ledgerFrequency;
  const PAGE = {
    ja: {
      size: /841\.89 x 595\.\d+ pts \(A4\)/,
      label: row("ja")[0],
      explain: row("ja")[1].slice(0, 12),
    },
    en: {
      size: /792 x 612 pts \(letter\)/,
      label: row("en")[0],
      explain: row("en")[1].slice(0, 24),
    },
  } as const;
  it.each(["ja", "en"] as const)(
    "%s: landscape, each print range on one page wide, the explanations beside their numbers, no serif font",
    async (lang) => {
      const file = join(scratch(), "ltv.xlsx");
      const result = await run(parseArgs([DEMO_LEDGER, "-o", file, "--lang", lang]), {
        stderr: () => undefined,
        now: new Date(2025, 0, 15),
      });
      const pdf = toPdf(file);
      const info = popplerOut("pdfinfo", [pdf]);
      const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
      // four print ranges (inputs and calculation; the ledger's section on; sensitivity, cohorts and chart; the
      // new customer's table and the value curve), each one page wide: a range may run onto a second page down,
      // never across
      expect(result.plan.sheet.print?.area).toHaveLength(4);
      expect(pages).toBeGreaterThanOrEqual(4);
      expect(pages).toBeLessThanOrEqual(7);
      expect(info).toMatch(PAGE[lang].size);
      // the calculation section (print range 1, columns A…D) is one page wide: its pages come before the
      // sensitivity section's, every one of them holds labels (A) and explanations (D), never a strip of columns cut
      // off to the right, and every row's label and explanation is on them
      const squash = (t: string) => t.replace(/\s+/g, "");
      const pageTexts = Array.from({ length: pages }, (_, i) =>
        squash(popplerOut("pdftotext", ["-f", String(i + 1), "-l", String(i + 1), pdf, "-"]))
      );
      const sens = pageTexts.findIndex((t) =>
        t.includes(squash(SHEET_LABELS[lang].sensitivitySection))
      );
      expect(sens).toBeGreaterThanOrEqual(2);
      expect(sens).toBeLessThanOrEqual(3); // at most two pages down for the calculation, never across
      const calcPages = pageTexts.slice(0, sens);
      // the ledger's section starts a page: its title is printed on the page of its first rows, not at the foot
      // of the one before
      const ledgerTitle = squash(SHEET_LABELS[lang].ledgerSection);
      const titlePage = pageTexts.findIndex((t) => t.includes(ledgerTitle));
      expect(titlePage).toBeGreaterThanOrEqual(1);
      expect(pageTexts[titlePage].indexOf(ledgerTitle)).toBeLessThan(
        pageTexts[titlePage].indexOf(squash(SHEET_LABELS[lang].rows.rowsRead[0]))
      );
      expect(pageTexts[titlePage - 1]).not.toContain(ledgerTitle);
      const left = result.plan.sheet.blocks
        .filter((b) => b.kind !== "data" && /^A\d+$/.test(b.address))
        .flatMap((b) => b.cells.slice(2)) // below the section title and the header row
        .map((r) => [r[0]?.value, r[3]?.value])
        .filter((r): r is [string, string] => typeof r[0] === "string" && typeof r[1] === "string")
        .map(([label, explain]) => [squash(label).slice(0, 10), squash(explain).slice(0, 8)]);
      expect(left.length).toBeGreaterThan(30);
      for (const [label, explain] of left) {
        expect({ label, printed: calcPages.some((t) => t.includes(label)) }).toEqual({
          label,
          printed: true,
        });
        expect({ explain, printed: calcPages.some((t) => t.includes(explain)) }).toEqual({
          explain,
          printed: true,
        });
      }
      for (const t of calcPages) {
        expect(left.some(([label]) => t.includes(label))).toBe(true);
        expect(left.some(([, explain]) => t.includes(explain))).toBe(true);
      }
      // page 1: an input's label, its value and its explanation on the same line
      const first = popplerOut("pdftotext", ["-layout", "-f", "1", "-l", "1", pdf, "-"]);
      const line = first.split("\n").find((l) => l.includes(PAGE[lang].label)) ?? "";
      expect(line).toContain(PAGE[lang].explain);
      expect(line).toMatch(/\d/);
      // the cohort table's chart and the value curve's are printed with their titles
      const all = popplerOut("pdftotext", [pdf, "-"]);
      for (const chart of result.plan.sheet.charts) expect(all).toContain(chart.title);
      // bold and italic cells keep a sans-serif face (a font without a name falls back to a serif one)
      const fonts = popplerOut("pdffonts", [pdf]);
      expect(fonts).not.toMatch(/Serif|Times|Mincho/i);
      expect(fonts).toMatch(/Bold/);
    },
    180_000
  );
});

describeIfSoffice(
  "--customers: LibreOffice recalculates the list and the cohort sheets to the core's numbers",
  () => {
    it.each([
      ["en", ["--margin", "0.4", "--acquisition-cost", "5000"]],
      ["ja", ["--lang", "ja", "--period", "quarter", "--acquisition-cost", "8000"]],
    ])(
      "%s",
      async (_lang, args) => {
        const dir = scratch();
        const file = join(dir, "ltv.xlsx");
        const result: CliResult = await run(
          parseArgs([DEMO_LEDGER, "-o", file, "--customers", ...args]),
          { stderr: () => undefined, now: new Date(2025, 0, 15) }
        );
        const s = result.customerSheets!;
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(recalculate(file));
        expect(wb.worksheets.map((w) => w.name)).toEqual([
          result.plan.sheet.name,
          s.listPlan.sheet.name,
          s.cohortPlan!.sheet.name,
        ]);
        const errors: string[] = [];
        for (const ws of wb.worksheets)
          ws.eachRow((row) =>
            row.eachCell((cell) => {
              const v = cell.value as ExcelJS.CellFormulaValue | null;
              const res = v && typeof v === "object" && "formula" in v ? (v.result as unknown) : v;
              if (res && typeof res === "object" && "error" in (res as object))
                errors.push(`${ws.name}!${cell.address}: ${(res as { error: string }).error}`);
            })
          );
        expect(errors).toEqual([]);
        const result$ = (ws: ExcelJS.Worksheet, a: string) =>
          (ws.getCell(a).value as ExcelJS.CellFormulaValue).result;

        // the list: the headline's figures are the core's, and its sentence reads them
        const list = wb.getWorksheet(s.listPlan.sheet.name) as ExcelJS.Worksheet;
        const a = s.listPlan.anchors;
        expect(result$(list, a.topCustomers)).toBe(s.list.top.customers);
        close(result$(list, a.topPurchaseShare), s.list.top.purchaseShare);
        close(result$(list, a.topRevenueShare), s.list.top.revenueShare);
        const pct = `${Math.round(s.list.top.purchaseShare * 100)}%`;
        expect(result$(list, a.headline)).toBe(
          _lang === "ja"
            ? `価値の高い上位10%の顧客（${s.list.top.customers}人）が、今後4四半期の購入の${pct}を占める見込みです。`
            : `The 10 % most valuable customers (${s.list.top.customers}) are expected to make ${pct} of the purchases of the next 12 months.`
        );
        expect(Object.keys((list as unknown as { tables: object }).tables)).toContain(
          "CustomerList"
        );

        // the cohort sheet: each payback is PAYBACK_PERIOD's rule on the core's cumulative values
        const cohorts = wb.getWorksheet(s.cohortPlan!.sheet.name) as ExcelJS.Worksheet;
        const cost = Number(args[args.indexOf("--acquisition-cost") + 1]);
        const table = cohortValueTable(ledgerOfDemo(), namedUnit(result.analysis.unit), {
          grossMargin: args.includes("--margin") ? 0.4 : 1,
        });
        table.rows.forEach((r, h) => {
          const want =
            r.customers === 0
              ? ""
              : (paybackPeriod(r.values, cost) ?? (_lang === "ja" ? "未回収" : "not yet"));
          expect({ cohort: r.label, payback: result$(cohorts, `C${7 + h}`) ?? "" }).toEqual({
            cohort: r.label,
            payback: want,
          });
        });
        const paid = table.rows.filter((r) => paybackPeriod(r.values, cost) !== null).length;
        expect(String(result$(cohorts, "A2"))).toContain(
          _lang === "ja"
            ? `${table.rows.length} コホートのうち ${paid} コホートが1人あたりの獲得コスト ${cost.toLocaleString("en-US")} を回収済みです。`
            : `${paid} of ${table.rows.length} cohorts have earned back the acquisition cost of ${cost.toLocaleString("en-US")} per customer;`
        );
      },
      240_000
    );
  }
);

/** The demo ledger read as the CLI reads it (lenient, header detected). */
function ledgerOfDemo() {
  const rows = readFileSync(DEMO_LEDGER, "utf8")
    .replace(/^\uFEFF/, "")
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((l) => l.split(","));
  return readLedger({
    customers: rows.map((r) => r[0]),
    dates: rows.map((r) => r[1]),
    amounts: rows.map((r) => r[2]),
    orders: rows.map((r) => r[3]),
  });
}
