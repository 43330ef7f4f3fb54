/**
 * The written workbook recalculated by an independent spreadsheet engine: LibreOffice opens the .xlsx
 * headless (the file carries no cached results, so every value below is LibreOffice's own), saves it again as
 * .xlsx with its results, and we read them: no cell is an error, and every figure of the chain (LTV, LTV:CAC,
 * payback, max CAC …) equals the core's results chain. Skipped, with a message, only when `soffice` is not installed (CI installs libreoffice-calc-nogui).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { parseArgs } from "../../src/cli/args";
import { run, type CliResult } from "../../src/cli/main";
import { CHAIN_ROWS } from "../../src/sheet/sections/rows";
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
    "the demo: month, lifetime from churn, margin, discount, CAC",
    ["--lang", "ja", "--margin", "0.4", "--discount-rate", "0.01", "--acquisition-cost", "500"],
  ],
  [
    "quarter, a 3-year lifespan, retention cost per period",
    [
      "--period",
      "quarter",
      "--lifespan",
      "3y",
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
    "year, 4 periods, total retention cost, target ratio 4",
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
      close(value(a.ltv), result.ltv);
      close(value(a.ltvCac), result.ltvCac as number);
      close(value(a.cacPayback), result.cacPayback as number);
      close(value(a.maxCac), result.maxCac);
      close(value(a.periods), result.periods);
      // every figure of the chain, as the core's results chain has it ("" where the core has none)
      for (const row of CHAIN_ROWS) {
        if (!row.name || !row.result) continue;
        const at = result.plan.names.find((n) => n.name === row.name)!.range;
        const want = result.results[row.result] as number | null;
        if (want === null)
          expect({ name: row.name, v: value(at) ?? "" }).toEqual({ name: row.name, v: "" });
        // exceljs reads a cached result of 0 (<v>0</v>) as no result
        else close(value(at) ?? (want === 0 ? 0 : undefined), want);
      }
      // the names survive the round trip, so other sheets and tools can refer to the results
      expect(wb.definedNames.getRanges("Result_LTV").ranges[0]).toContain(
        a.ltv.replace(/([A-Z]+)(\d+)/, "$$$1$$$2")
      );
    },
    180_000
  );
});
