/**
 * Files built to hurt the command line: zips that unpack to far more than they weigh, one-line files, a million
 * "headers", UTF-16 without a BOM, an output named .csv, a run killed while writing. Each is refused early and
 * clearly, in a message that fits on a screen, or handled; nothing is left behind.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as iconv from "iconv-lite";
import JSZip from "jszip";
import { INPUT_LIMITS, readInputFile } from "../../src/cli/read-input";
import { CliError } from "../../src/cli/errors";
import { removeLeftovers, tempName } from "../../src/cli/main";
import { truncateText } from "../../src/i18n/messages";
import { DEMO_LEDGER, runCli, scratch } from "../cli/helpers";

/** A minimal .xlsx whose one sheet holds `rows` rows of `columns` numbers. */
async function workbook(rows: number, columns: number): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    "[Content_Types].xml",
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
  );
  zip.file(
    "_rels/.rels",
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
  );
  zip.file(
    "xl/workbook.xml",
    '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sales" sheetId="1" r:id="rId1"/></sheets></workbook>'
  );
  zip.file(
    "xl/_rels/workbook.xml.rels",
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
  );
  const letters = (c: number) => String.fromCharCode(65 + (c % 26)) + (c >= 26 ? "A" : "");
  const body: string[] = [];
  for (let r = 1; r <= rows; r++) {
    const cells = [];
    for (let c = 0; c < columns; c++) cells.push(`<c r="${letters(c)}${r}"><v>${r}</v></c>`);
    body.push(`<row r="${r}">${cells.join("")}</row>`);
  }
  zip.file(
    "xl/worksheets/sheet1.xml",
    `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body.join("")}</sheetData></worksheet>`
  );
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

async function refusal(p: Promise<unknown>): Promise<CliError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof CliError) return e;
    throw e;
  }
  throw new Error("not refused");
}

describe("expanding zips", () => {
  it("an .xlsx that unpacks beyond the limit is refused from its zip directory, before anything is inflated", async () => {
    const dir = scratch();
    const file = join(dir, "big.xlsx");
    writeFileSync(file, await workbook(20_000, 10)); // ~5 MB of sheet XML in ~0.5 MB
    const t0 = performance.now();
    const e = await refusal(readInputFile(file, { limits: { xlsxBytes: 1024 * 1024 } }));
    expect(e.code).toBe("xlsxTooLarge");
    expect(e.message).toMatch(/unpacks to \d+(\.\d)? MB of sheet data, more than the 1 MB/);
    expect(performance.now() - t0).toBeLessThan(1500);
  });

  it("one under the size limit but over the cell limit is refused while it streams in", async () => {
    const dir = scratch();
    const file = join(dir, "cells.xlsx");
    writeFileSync(file, await workbook(3000, 8));
    const e = await refusal(readInputFile(file, { limits: { cells: 10_000 } }));
    expect(e.code).toBe("tooManyCells");
    expect(e.message).toMatch(/Sales\]: more than 10000 cells \(1251 rows × 8 columns so far\)/);
  });

  it("the same workbook within the limits reads as before", async () => {
    const dir = scratch();
    const file = join(dir, "ok.xlsx");
    writeFileSync(file, await workbook(30, 3));
    const t = await readInputFile(file);
    expect(t.sheet).toBe("Sales");
    expect(t.rows).toHaveLength(30);
    expect(t.rows[29]).toEqual([30, 30, 30]);
  });

  it("the default limits: 256 MB unpacked, 10 million cells, 512 MB of CSV, a line of a million characters", () => {
    expect(INPUT_LIMITS).toEqual({
      xlsxBytes: 256 * 1024 * 1024,
      cells: 10_000_000,
      csvBytes: 512 * 1024 * 1024,
      lineChars: 1_000_000,
    });
  });
});

describe("one-line files and endless headers", () => {
  it("a 3 MB single-line CSV is refused before parsing, in a message that fits on a screen", async () => {
    const dir = scratch();
    const file = join(dir, "one.csv");
    const fields: string[] = [];
    for (let i = 0; fields.length < 400_000; i++) fields.push(`field${i}`);
    writeFileSync(file, fields.join(","));
    const t0 = performance.now();
    const r = await runCli([file, "-o", join(dir, "out.xlsx"), "--lang", "en"]);
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(r.code).toBe(1);
    const e = await refusal(readInputFile(file, { limits: { lineChars: 100_000 } }));
    expect(e.code).toBe("lineTooLong");
    expect(r.err).toMatch(/line 1: the line is longer than 1000000 characters/);
    expect(r.err.length).toBeLessThan(2000);
  });

  it("a header row of 50,000 unknown columns lists ten of them and says how many more", async () => {
    const dir = scratch();
    const file = join(dir, "wide.csv");
    const header = Array.from({ length: 50_000 }, (_, i) => `col${i}`).join(",");
    writeFileSync(file, `${header}\n${header}\n`);
    const r = await runCli([file, "-o", join(dir, "out.xlsx")]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/"col0", "col1", .*"col9" … and 49990 more/);
    expect(r.err.length).toBeLessThan(1000);
    const ja = await runCli([file, "-o", join(dir, "out.xlsx"), "--lang", "ja"]);
    expect(ja.err).toMatch(/…ほか 49990 件/);
  });

  it("a CSV with more cells than the limit is refused while parsing", async () => {
    const dir = scratch();
    const file = join(dir, "many.csv");
    writeFileSync(file, "customer,date,amount\n" + "C1,2024-01-05,100\n".repeat(5000));
    const e = await refusal(readInputFile(file, { limits: { cells: 3000 } }));
    expect(e.code).toBe("tooManyCells");
  });
});

describe("encodings, file kinds and message lengths named correctly", () => {
  it("UTF-16 without a BOM is read as UTF-16 (not called binary data)", async () => {
    const dir = scratch();
    const text = "顧客ID,購入日,金額\nC1,2024/1/5,1200\n";
    for (const enc of ["utf-16le", "utf-16be"] as const) {
      const file = join(dir, `${enc}.csv`);
      writeFileSync(file, iconv.encode(text, enc));
      const t = await readInputFile(file);
      expect(t.encoding).toBe(`${enc} (no BOM)`);
      expect(t.rows[1]).toEqual(["C1", "2024/1/5", "1200"]);
    }
  });

  it("-o other.csv is refused: the output is an .xlsx workbook, and nothing is written", async () => {
    const dir = scratch();
    const r = await runCli([DEMO_LEDGER, "-o", join(dir, "other.csv")]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/does not end in \.xlsx.*other\.xlsx/);
    expect(readdirSync(dir)).toEqual([]);
    const ok = await runCli([DEMO_LEDGER, "-o", join(dir, "Report.XLSX")]);
    expect(ok.code).toBe(0);
  });

  it("messages cut by characters: an emoji is never split into a lone surrogate", () => {
    const s = "👍🏽".repeat(30) + "x".repeat(10);
    const cut = truncateText(s, 12);
    expect(cut.endsWith("…")).toBe(true);
    expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(cut)).toBe(
      false
    );
    expect(truncateText("short", 12)).toBe("short");
  });
});

describe("the temporary output file", () => {
  it("is named as ours, and one left by a killed run (its process gone) is removed by the next run", async () => {
    const dir = scratch();
    const out = join(dir, "ltv.xlsx");
    // a process that has ended: its pid is free
    const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]);
    const deadPid = Number(child.stdout.toString());
    const left = tempName(out, deadPid);
    expect(left).toMatch(/\/\.ltv\.xlsx\.ltv-workbook-\d+-[0-9a-f]{8}\.tmp$/);
    writeFileSync(left, "partial");
    const mine = tempName(out); // a live process's (this one's): kept
    writeFileSync(mine, "in progress");
    const foreign = join(dir, ".ltv.xlsx.something-else.tmp");
    writeFileSync(foreign, "not ours");
    expect(await removeLeftovers(out)).toEqual([left]);
    expect(existsSync(mine)).toBe(true);
    expect(existsSync(foreign)).toBe(true);
  });

  it("is removed when the process is stopped by a signal while it writes", async () => {
    const dir = scratch();
    const out = join(dir, "big.xlsx");
    const script = `
      require("tsx/cjs/api").register();
      const { writeAtomically } = require(${JSON.stringify(join(__dirname, "../../src/cli/main.ts"))});
      writeAtomically(${JSON.stringify(out)}, Buffer.alloc(1536 * 1024 * 1024)).then(() => process.exit(0));
    `;
    const child = spawn(process.execPath, ["-e", script], { stdio: "ignore" });
    // wait for the temporary file to appear, then stop the process
    const appeared = await new Promise<boolean>((resolve) => {
      const t0 = Date.now();
      const poll = setInterval(() => {
        const tmp = readdirSync(dir).filter((f) => f.endsWith(".tmp"));
        if (tmp.length > 0 || Date.now() - t0 > 20_000) {
          clearInterval(poll);
          resolve(tmp.length > 0);
        }
      }, 5);
    });
    child.kill("SIGTERM");
    const code = await new Promise<number | null>((resolve) =>
      child.on("exit", (c, s) => resolve(c ?? (s ? -1 : null)))
    );
    if (!appeared) return; // the machine wrote 1.5 GB before we looked: nothing to interrupt
    expect(code).not.toBe(0);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    expect(existsSync(out)).toBe(false);
  }, 60_000);
});
