/**
 * The command line end to end: the sample ledger, a Shift_JIS CSV and an .xlsx ledger give the core's numbers;
 * broken files give exit code 1 and a clear message; bad options exit 2; an unwritable output exits 3; and no
 * failure leaves an output file (or a temporary one) behind or damages an existing one.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import * as iconv from "iconv-lite";
import { readLedger } from "../../src/core/ledger";
import { fitLedgerModel, newCustomerValue } from "../../src/core/ledger-value";
import { parseArgs } from "../../src/cli/args";
import { run } from "../../src/cli/main";
import { DEMO_LEDGER, demoLines, filesIn, runCli, scratch } from "./helpers";

/**
 * The demo ledger's LTV computed straight from src/core (the ledger route's model of a new customer over three
 * years, by month), independently of the CLI's plumbing.
 */
function coreLtv(margin: number, acquisition: number): { customers: number; ltv: number } {
  const rows = demoLines()
    .slice(1)
    .map((l) => l.split(","));
  const ledger = readLedger({
    customers: rows.map((r) => r[0]),
    dates: rows.map((r) => r[1]),
    amounts: rows.map((r) => r[2]),
    orders: rows.map((r) => r[3]),
  });
  const month = { days: 365.25 / 12, name: "month" as const };
  const v = newCustomerValue(fitLedgerModel(ledger), {
    period: month,
    horizon: 36,
    grossMargin: margin,
  });
  return { customers: ledger.customers.length, ltv: v.ltvBeforeCosts - acquisition };
}

function fmt(v: number, digits = 0): string {
  return v.toLocaleString("en-US", {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  });
}

describe("ltv-workbook on good ledgers", () => {
  it("writes the workbook for the sample ledger and prints customers, orders, LTV and LTV:CAC", async () => {
    const dir = scratch();
    const out = join(dir, "ltv.xlsx");
    const r = await runCli([
      DEMO_LEDGER,
      "-o",
      out,
      "--margin",
      "0.4",
      "--acquisition-cost",
      "500",
    ]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const core = coreLtv(0.4, 500);
    expect(r.out).toContain(`customers ${fmt(core.customers)}`);
    // an English run over plain amounts: dollars, so cents, as the sheet's money format shows them
    expect(r.out).toContain(`LTV ${fmt(core.ltv, 2)} per new customer`);
    // which columns were read, and why
    expect(r.out).toContain(
      "columns used: customer id = 顧客ID (its header), order date = 購入日 (its header), amount = 金額 (its header)"
    );
    expect(r.out).toMatch(/LTV:CAC \d+\.\d+/);
    // the LTV's 90 % interval brackets it, in the same money (cents) as the LTV, and says what it is not
    const iv =
      /LTV 90 % interval (-?[\d,]+\.\d{2}) – (-?[\d,]+\.\d{2}) \(the fit's sampling uncertainty; not model error/.exec(
        r.out
      );
    expect(iv).not.toBeNull();
    const [low, high] = [iv![1], iv![2]].map((x) => Number(x.replace(/,/g, "")));
    expect(low).toBeLessThan(core.ltv);
    expect(high).toBeGreaterThan(core.ltv);
    expect(r.out).toMatch(/largest retention drop: month 6 → 7/);
    expect(filesIn(dir)).toEqual(["ltv.xlsx"]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["LTV calculation"]);
  });

  it("reads a Shift_JIS CSV to the same numbers as the UTF-8 one, and answers in Japanese", async () => {
    const dir = scratch();
    const sjis = join(dir, "売上台帳.csv");
    writeFileSync(sjis, iconv.encode(demoLines().join("\r\n") + "\r\n", "cp932"));
    const opts = ["--margin", "0.4", "--acquisition-cost", "500", "--quiet"];
    const a = await run(parseArgs([sjis, "-o", join(dir, "a.xlsx"), ...opts]), {
      stderr: () => undefined,
    });
    const b = await run(parseArgs([DEMO_LEDGER, "-o", join(dir, "b.xlsx"), ...opts]), {
      stderr: () => undefined,
    });
    expect(a.ltv).toBe(b.ltv);
    expect(a.customers).toBe(b.customers);
    const ja = await runCli([
      sjis,
      "-o",
      join(dir, "c.xlsx"),
      "--lang",
      "ja",
      "--acquisition-cost",
      "500",
    ]);
    expect(ja.code).toBe(0);
    expect(ja.out).toMatch(/を書き出しました（シート「LTV計算」）/);
    expect(ja.out).toMatch(/継続率の最大の落ち込み：6 → 7 か月目/);
  });

  it("reads an .xlsx ledger with date cells, and columns named on the command line", async () => {
    const dir = scratch();
    const src = join(dir, "ledger.xlsx");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Orders");
    ws.addRow(["Notes", "Client", "When", "Total"]);
    const rows = demoLines()
      .slice(1)
      .map((l) => l.split(","));
    for (const [c, d, a] of rows) {
      const [y, m, day] = d.split("/").map(Number);
      ws.addRow(["", c, new Date(Date.UTC(y, m - 1, day)), Number(a)]);
    }
    await wb.xlsx.writeFile(src);
    const opts = ["--margin", "0.4", "--acquisition-cost", "500", "--quiet"];
    const x = await run(
      parseArgs([
        src,
        "-o",
        join(dir, "x.xlsx"),
        "--customer",
        "Client",
        "--date",
        "C",
        "--amount",
        "4",
        ...opts,
      ]),
      { stderr: () => undefined }
    );
    // without order numbers, same-day orders of one customer still count as separate rows: compare with the core on the same columns
    const ledger = readLedger({
      customers: rows.map((r) => r[0]),
      dates: rows.map((r) => r[1]),
      amounts: rows.map((r) => r[2]),
    });
    expect(x.customers).toBe(ledger.customers.length);
    // the date cells and the named columns give the ledger route's model of the same orders
    const month = { days: 365.25 / 12, name: "month" as const };
    const v = newCustomerValue(fitLedgerModel(ledger), { period: month, horizon: 36 });
    expect(x.avgOrder).toBeCloseTo(v.avgOrder, 9);
    expect(x.frequency).toBeCloseTo(v.frequency, 12);
    expect(x.firstOrder).toBeCloseTo(v.firstOrder, 9);
  });

  it("runs as a real process through bin/ltv-workbook.js", () => {
    const dir = scratch();
    const ok = spawnSync(
      process.execPath,
      [
        join(__dirname, "../../bin/ltv-workbook.js"),
        DEMO_LEDGER,
        "-o",
        join(dir, "o.xlsx"),
        "--periods",
        "12",
      ],
      { encoding: "utf8", env: { ...process.env, LANG: "C" } }
    );
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/wrote .*o\.xlsx/);
    const bad = spawnSync(
      process.execPath,
      [join(__dirname, "../../bin/ltv-workbook.js"), join(dir, "missing.csv")],
      { encoding: "utf8", env: { ...process.env, LANG: "C" } }
    );
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^ltv-workbook: Input file not found: .*missing\.csv/);
  }, 30000);
});

describe("ltv-workbook on broken input", () => {
  const cases: Array<[string, string | Buffer, RegExp, string[]?]> = [
    [
      "a missing amount column",
      "顧客ID,購入日,備考\nC1,2024/1/5,x\nC2,2024/2/5,y\n",
      /could not find the amount column\(s\)\. Headers found: "顧客ID", "購入日", "備考" \(read as utf-8\)/,
    ],
    [
      "a column named that is not there",
      "顧客ID,購入日,金額\nC1,2024/1/5,100\n",
      /Column 'Price' \(for amount\) is not in the header row/,
      ["--amount", "Price"],
    ],
    [
      "unparseable dates",
      "顧客ID,購入日,金額\nC1,05/01/2024,100\nC2,13/01/2024,200\nC3,2024/1/7,50\n",
      /2 of 3 rows \(67%, more than 2\.0%\) could not be read.*: 2 unreadable dates\. First: order_dates, row 2: '05\/01\/2024' is not a date.*--skip-unreadable/,
    ],
    [
      "dates that are all unreadable",
      "顧客ID,購入日,金額\nC1,yesterday,100\n",
      /no usable order rows \(1 rows skipped: 1 unreadable dates\)/,
    ],
    ["an empty file", "", /is empty: there is no ledger to read/],
    ["a file of blank lines", "\r\n\r\n", /is empty/],
    ["a header without rows", "顧客ID,購入日,金額\n", /no usable order rows/],
    [
      "the wrong encoding (EUC-JP)",
      iconv.encode("顧客ID,購入日,金額\nC1,2024/1/5,100\n", "euc-jp"),
      /is neither UTF-8 nor Shift_JIS/,
    ],
    [
      "a binary file named .csv",
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 1]),
      /is not a text CSV file/,
    ],
    ["an .xlsx that is not one", "hello", /is not a readable \.xlsx workbook/],
  ];

  it.each(cases)(
    "%s: exit 1, a clear message, no output left and an existing one untouched",
    async (_what, content, message, extra = []) => {
      const dir = scratch();
      const ext = _what.includes(".xlsx") ? "xlsx" : "csv";
      const input = join(dir, `ledger.${ext}`);
      writeFileSync(input, content);
      const out = join(dir, "ltv.xlsx");
      const fresh = await runCli([input, "-o", out, ...extra]);
      expect(fresh.code).toBe(1);
      expect(fresh.err).toMatch(message);
      expect(fresh.err.split("\n")).toHaveLength(1);
      expect(filesIn(dir)).toEqual([`ledger.${ext}`]);
      writeFileSync(out, "previous workbook");
      const again = await runCli([input, "-o", out, ...extra]);
      expect(again.code).toBe(1);
      expect(readFileSync(out, "utf8")).toBe("previous workbook");
      expect(filesIn(dir)).toEqual([`ledger.${ext}`, "ltv.xlsx"]);
    }
  );

  it("says it in Japanese with --lang ja", async () => {
    const dir = scratch();
    const input = join(dir, "a.csv");
    writeFileSync(input, "顧客ID,購入日,備考\nC1,2024/1/5,x\n");
    const r = await runCli([input, "--lang", "ja"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/金額 の列が見つかりません。見出し："顧客ID", "購入日", "備考"/);
  });

  it("a missing input file, an unsupported type, and the output over the input: exit 1 or 2", async () => {
    const dir = scratch();
    expect(await runCli([join(dir, "nope.csv")])).toMatchObject({
      code: 1,
      err: expect.stringMatching(/Input file not found/),
    });
    writeFileSync(join(dir, "a.json"), "{}");
    expect(await runCli([join(dir, "a.json")])).toMatchObject({
      code: 1,
      err: expect.stringMatching(/unsupported file type '\.json'/),
    });
    writeFileSync(join(dir, "a.xlsx"), "x");
    expect(await runCli([join(dir, "a.xlsx"), "-o", join(dir, "a.xlsx")])).toMatchObject({
      code: 2,
      err: expect.stringMatching(/is the input file/),
    });
  });

  it("a ledger where nobody bought twice cannot give an LTV: exit 1 with the reason, no workbook", async () => {
    const dir = scratch();
    const input = join(dir, "a.csv");
    writeFileSync(input, "顧客ID,購入日,金額\nC1,2024/1/5,100\nC2,2024/1/6,100\n");
    const r = await runCli([input]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /LTV cannot be estimated: .*none of the 2 customers bought a second time/
    );
    expect(filesIn(dir)).toEqual(["a.csv"]);
    const ja = await runCli([input, "--lang", "ja"]);
    expect(ja.err).toMatch(/LTV を推定できません：.*2回目の購入をしていない/);
  });

  it("an output folder that cannot be written: exit 3, nothing left behind", async () => {
    const dir = scratch();
    const r = await runCli([
      DEMO_LEDGER,
      "-o",
      join(dir, "no-such-folder", "ltv.xlsx"),
      "--periods",
      "12",
    ]);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/Cannot write .*no-such-folder/);
    expect(filesIn(dir)).toEqual([]);
    mkdirSync(join(dir, "sub"));
    expect(existsSync(join(dir, "sub", "ltv.xlsx"))).toBe(false);
  });

  it("replaces an existing workbook only with a complete new one", async () => {
    const dir = scratch();
    const out = join(dir, "ltv.xlsx");
    writeFileSync(out, "previous workbook");
    const r = await runCli([DEMO_LEDGER, "-o", out, "--periods", "12", "-q"]);
    expect(r.code).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe("PK");
    expect(filesIn(dir)).toEqual(["ltv.xlsx"]);
  });
});
