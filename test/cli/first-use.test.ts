/**
 * The command line as a first-time user meets it: it says which columns it read and why, shares its defaults with
 * the wizard, speaks one language per run (every message path of a Japanese run is Japanese), rounds money by the
 * currency's one rule, and its sheet says how to refresh it with the command line (not "re-run the wizard").
 */
import { join } from "node:path";
import { parseArgs } from "../../src/cli/args";
import { run } from "../../src/cli/main";
import { DEFAULT_PERIOD } from "../../src/sheet/ledger-analysis";
import { DEFAULT_FIELDS } from "../../src/taskpane/model";
import { writeFileSync } from "node:fs";
import { DEMO_LEDGER, demoLines, runCli, scratch } from "./helpers";

/** Words of an English sentence: a Japanese run must print none (option names, file names and units aside). */
const ENGLISH = /\b(Use|use|the|and|or|rows?|columns?|number|above|least|most|Units?)\b/;

/** The lines printed, without file paths and option names (which stay as typed). */
function words(text: string): string[] {
  return text
    .split("\n")
    .map((l) => l.replace(/\/\S+/g, "").replace(/--[a-z-]+/g, ""))
    .filter((l) => l.trim() !== "");
}

// each run fits the demo ledger (about a second alone, several on a loaded machine)
jest.setTimeout(30_000);

describe("ltv-workbook for a first-time user", () => {
  it("uses the wizard's default period (one constant)", () => {
    expect(parseArgs(["a.csv"]).period).toBe(DEFAULT_PERIOD);
    expect(DEFAULT_FIELDS.periodUnit).toBe(DEFAULT_PERIOD);
  });

  it("a Japanese run prints Japanese only: the summary, the columns it used and why, yen without decimals", async () => {
    const dir = scratch();
    const r = await runCli([
      DEMO_LEDGER,
      "-o",
      join(dir, "ltv.xlsx"),
      "--lang",
      "ja",
      "--margin",
      "40%",
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      "使った列: 顧客ID: 「顧客ID」（見出しから）、購入日: 「購入日」（見出しから）、金額: 「金額」（見出しから）"
    );
    // no acquisition cost given: no ratio and no payback, said in Japanese
    expect(r.out).toMatch(/LTV:CAC —（獲得コスト未指定）/);
    expect(r.out).toMatch(/CAC回収期間 —/);
    // yen: whole numbers, as the sheet's money format shows them
    expect(r.out).toMatch(/LTV \d{1,3}(,\d{3})*（/);
    for (const line of words(r.out))
      expect({ line, english: ENGLISH.test(line) }).toEqual({ line, english: false });
  });

  it.each([
    [["--period", "fortnight"], /単位は日・週・月・四半期・年/],
    [["--period", "week"], /月・四半期・年（month, quarter, year）のいずれかを指定してください/],
    [["--encoding", "latin9"], /のいずれかを指定してください/],
    [["--margin", "2"], /0 以上 1 以下の数を指定してください/],
    [["--target-ratio", "0"], /0 より大きい数を指定してください/],
    [["--horizon", "3 fortnights"], /単位は日・週・月・四半期・年/],
    [["--lang", "fr"], /ja または en を指定してください/],
  ])("a Japanese run's usage error for %j is Japanese only", async (args, want) => {
    const r = await runCli(
      [DEMO_LEDGER, ...args, ...(args[0] === "--lang" ? [] : ["--lang", "ja"])],
      {
        LANG: "ja_JP.UTF-8",
      }
    );
    expect(r.code).toBe(2);
    expect(r.err).toMatch(want);
    for (const line of words(r.err))
      expect({ line, english: ENGLISH.test(line) }).toEqual({ line, english: false });
  });

  it("an English run over a ledger of plain amounts shows dollars with cents; one with ¥ shows whole yen", async () => {
    const dir = scratch();
    const en = await runCli([DEMO_LEDGER, "-o", join(dir, "a.xlsx"), "--acquisition-cost", "500"]);
    expect(en.out).toMatch(/LTV \d{1,3}(,\d{3})*\.\d\d per new customer/);
    expect(en.out).toContain("columns used: customer id = 顧客ID (its header)");
    const yen = join(dir, "yen.csv");
    const lines = demoLines();
    writeFileSync(
      yen,
      [lines[0], ...lines.slice(1).map((l) => l.replace(/^([^,]*,[^,]*,)(\d+)/, '$1"¥$2"'))].join(
        "\n"
      )
    );
    const y = await runCli([yen, "-o", join(dir, "b.xlsx"), "--acquisition-cost", "500"]);
    expect(y.code).toBe(0);
    expect(y.out).toMatch(/LTV \d{1,3}(,\d{3})* per new customer/);
    expect(y.out).toMatch(/max CAC \d{1,3}(,\d{3})*$/m);
  });

  it.each(["en", "ja"] as const)(
    "%s: the workbook never says the add-in wrote or fitted its figures (the command line did)",
    async (lang) => {
      const r = await run(
        parseArgs([DEMO_LEDGER, "-o", join(scratch(), "a.xlsx"), "--quiet", "--lang", lang]),
        { stderr: () => undefined, now: new Date(2025, 0, 15, 9, 30) }
      );
      const texts = r.plan.sheet.blocks.flatMap((b) =>
        b.cells.flat().flatMap((c) => (typeof c?.value === "string" ? [c.value] : []))
      );
      // "works without the add-in" (the subtitle) is true of a CLI workbook too; authorship is not
      expect(texts.join("\n")).not.toMatch(/by the add-in|アドインが(推定|書き込)/);
      // and a Japanese sentence follows another with a Japanese full stop
      if (lang === "ja") expect(texts.join("\n")).not.toMatch(/[ぁ-んァ-ン一-龯]\. |。 /);
    }
  );

  it("the workbook it writes says how to refresh it with the command line, never the wizard", async () => {
    const dir = scratch();
    const r = await run(parseArgs([DEMO_LEDGER, "-o", join(dir, "a.xlsx"), "--quiet"]), {
      stderr: () => undefined,
      now: new Date(2025, 0, 15, 9, 30),
    });
    const texts = r.plan.sheet.blocks.flatMap((b) =>
      b.cells.flat().flatMap((c) => (typeof c?.value === "string" ? [c.value] : []))
    );
    const stamp = texts.find((t) => t.startsWith("Ledger values read from"));
    expect(stamp).toBe(
      "Ledger values read from sample-ledger.csv on 2025-01-15 09:30. To refresh them, run ltv-workbook on the ledger again."
    );
    expect(texts.join("\n")).not.toMatch(/wizard/i);
    // the ledger's "read at" is the same local clock, not an ISO instant
    expect(texts).toContain("2025-01-15 09:30");
    expect(texts.join("\n")).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:/);
  });
});
