/**
 * The CLI's ledger reading on real Japanese files: Shift_JIS writes ¥ as byte 0x5C (decoded as a backslash),
 * and a ledger where more than a few percent of the rows cannot be read stops with a summary unless told to go on.
 */
import * as iconv from "iconv-lite";
import { writeFileSync } from "fs";
import { join } from "path";
import { readInputFile } from "../../src/cli/read-input";
import { ledgerFromRows } from "../../src/cli/ledger-input";
import { CliError, renderCli } from "../../src/cli/errors";
import { runCli, scratch } from "./helpers";

/** A Shift_JIS export of `n` orders, amounts written with the yen sign as the software writes it. */
function shiftJisLedger(n: number, amount: (i: number) => string): Buffer {
  const lines = ["顧客ID,購入日,金額"];
  for (let i = 0; i < n; i++)
    lines.push(`C${i % 40},2024/${1 + (i % 12)}/${1 + (i % 28)},"${amount(i)}"`);
  return iconv.encode(lines.join("\r\n") + "\r\n", "shift_jis");
}

describe("Shift_JIS yen amounts", () => {
  it("¥5,400 written by Shift_JIS software (byte 0x5C) and ￥5,400 (full width) read as 5,400", async () => {
    const dir = scratch();
    const file = join(dir, "sjis.csv");
    const bytes = shiftJisLedger(300, (i) => (i % 2 ? "¥5,400" : "￥5,400"));
    expect(bytes.includes(Buffer.from([0x5c, 0x35]))).toBe(true); // the yen sign is the backslash byte
    writeFileSync(file, bytes);
    const table = await readInputFile(file);
    expect(table.encoding).toBe("shift_jis");
    expect(table.rows[2][2]).toBe("\\5,400");
    const { ledger } = ledgerFromRows(table.rows, {}, file, "en", table.encoding);
    expect(ledger.skipped).toEqual([]);
    expect(ledger.n).toBe(300);
    expect([...(ledger.amounts as Float64Array)].every((a) => a === 5400)).toBe(true);
  });
});

describe("too many unreadable rows", () => {
  const rows = (bad: number, total: number) => [
    ["customer", "date", "amount"],
    ...Array.from({ length: total }, (_, i) => [
      `C${i % 7}`,
      "2024/3/" + (1 + (i % 28)),
      i < bad ? "5400 yen?" : "1200",
    ]),
  ];

  it("up to 2 % of rows unreadable: left out, the ledger goes on", () => {
    const { ledger } = ledgerFromRows(rows(2, 100), {}, "f.csv", "en");
    expect(ledger.n).toBe(98);
    expect(ledger.skipped).toHaveLength(2);
  });

  it("more than 2 %: exit 1 with the count, the share, the reasons and the first row, in en and ja", () => {
    for (const lang of ["en", "ja"] as const) {
      let error: unknown;
      try {
        ledgerFromRows(rows(3, 100), {}, "f.csv", lang);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(CliError);
      const e = error as CliError;
      expect(e.exit).toBe(1);
      const text = renderCli(e.code, e.params, lang);
      expect(text).toMatch(lang === "en" ? /3 of 100 rows \(3\.0%/ : /100 行中 3 行（3\.0%/);
      expect(text).toMatch(/row 2|2行目/);
      expect(text).toMatch(/--skip-unreadable/);
    }
  });

  it("--skip-unreadable goes on without the unreadable rows", () => {
    const { ledger } = ledgerFromRows(rows(30, 100), {}, "f.csv", "en", undefined, true);
    expect(ledger.n).toBe(70);
  });

  it("the command: exit 1 without the flag, exit 0 and a note of what was left out with it", async () => {
    const dir = scratch();
    const file = join(dir, "ledger.csv");
    writeFileSync(
      file,
      rows(30, 100)
        .map((r) => r.join(","))
        .join("\n")
    );
    const stop = await runCli([file, "-o", join(dir, "a.xlsx"), "--lang", "en", "--periods", "12"]);
    expect(stop.code).toBe(1);
    expect(stop.err).toMatch(/30 of 100 rows \(30%/);
    const go = await runCli([
      file,
      ...["-o", join(dir, "b.xlsx"), "--lang", "en", "--periods", "12", "--skip-unreadable"],
    ]);
    expect(go.code).toBe(0);
    expect(go.err).toMatch(/skipped 30 unreadable row/);
  });
});
