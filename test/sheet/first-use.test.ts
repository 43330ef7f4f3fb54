/**
 * The calculation sheet as a first-time reader meets it, in both languages and on both routes: nothing the user
 * did not give (no CAC → its cell, LTV:CAC and the payback blank), no workbook names or internal words in the text,
 * the currency named (円, ¥, $) and rounded by its one rule, one local clock, and every explanation readable
 * where it stands (wrapped, its row tall enough).
 */
import { readLedger } from "../../src/core/ledger";
import { SHEET_LABELS } from "../../src/sheet/labels";
import { analyseLedgerForPlan } from "../../src/sheet/ledger-analysis";
import { buildCalculationPlan, DEFAULT_INPUTS, textWidth } from "../../src/sheet/plan";
import type { CalculationPlan, PlanInputs, PlanLang } from "../../src/sheet/types";
import { evaluatePlan } from "./evaluate";
import { shopLedger } from "./fixtures";

const NOW = new Date(2025, 0, 2, 3, 4);

function ledgerPlan(inputs: PlanInputs, lang: PlanLang): CalculationPlan {
  const rows = shopLedger();
  const ledger = readLedger(
    {
      customers: rows.map((r) => r[0]),
      dates: rows.map((r) => r[1]),
      amounts: rows.map((r) => r[2]),
      orders: rows.map((r) => r[3]),
    },
    { mode: "lenient" }
  );
  const analysis = analyseLedgerForPlan(ledger, "month", {
    source: "Sales!A1:D100",
    readAt: new Date(2025, 0, 1, 9, 15),
    horizon: { amount: 3, unit: "year" },
    lang,
  });
  return buildCalculationPlan({ ...inputs, periodUnit: "month" }, lang, analysis, { now: NOW });
}

/** Every text written on the sheet, with its cell. */
function texts(plan: CalculationPlan): { at: string; text: string }[] {
  const out: { at: string; text: string }[] = [];
  for (const b of plan.sheet.blocks)
    b.cells.forEach((row, i) =>
      row.forEach((c, j) => {
        if (typeof c?.value === "string") out.push({ at: `${b.id}[${i},${j}]`, text: c.value });
      })
    );
  return out;
}

const ROUTES = [
  ["manual", (i: PlanInputs, l: PlanLang) => buildCalculationPlan(i, l, undefined, { now: NOW })],
  ["ledger", ledgerPlan],
] as const;

describe.each(["en", "ja"] as const)("the sheet a first-time reader sees (%s)", (lang) => {
  describe.each(ROUTES)("%s route", (route, build) => {
    it("leaves the acquisition cost, LTV:CAC and the payback blank when no CAC was given", () => {
      const plan = build({ ...DEFAULT_INPUTS, acquisitionCost: 0 }, lang);
      const e = evaluatePlan(plan);
      expect(e.errors()).toEqual([]);
      const cac = plan.names.find((n) => n.name === "Input_AcquisitionCost")!;
      expect(e.get(cac.range)).toBe(null);
      expect(e.get("Result_LTV_CAC")).toBe("");
      expect(e.get("Result_CAC_Payback")).toBe("");
      // and with one, they are figures
      const given = evaluatePlan(build({ ...DEFAULT_INPUTS, acquisitionCost: 5000 }, lang));
      expect(typeof given.get("Result_LTV_CAC")).toBe("number");
      expect(typeof given.get("Result_CAC_Payback")).toBe("number");
    });

    it("leaves the retention break-even over the lifetime blank when there is no retention cost", () => {
      const none = evaluatePlan(build({ ...DEFAULT_INPUTS, retentionCost: 0 }, lang));
      expect(none.errors()).toEqual([]);
      // the ledger route's sheet has no break-even rows (its lifetime comes from the model, not a retention spend)
      if (route === "ledger")
        return expect(none.get("Calc_RetentionBreakEvenTotal")).toBeUndefined();
      expect(none.get("Calc_RetentionBreakEvenTotal")).toBe("");
      const some = evaluatePlan(build({ ...DEFAULT_INPUTS, retentionCost: 1000 }, lang));
      expect(some.get("Calc_RetentionBreakEvenTotal")).toBeGreaterThan(0);
    });

    it("writes no workbook names, internal words or ISO instants in its text", () => {
      for (const { at, text } of texts(build(DEFAULT_INPUTS, lang))) {
        const bad =
          /Result_|Calc_|Input_|currency|\d{4}-\d\d-\d\dT\d\d:|computed now|written in \d/.test(
            text
          );
        expect({ at, text, bad }).toEqual({ at, text, bad: false });
      }
    });

    it("names the currency and rounds money by its one rule", () => {
      const plan = build(DEFAULT_INPUTS, lang);
      const all = texts(plan).map((t) => t.text);
      const moneyFormat = plan.sheet.blocks
        .flatMap((b) => b.cells.flat())
        .find((c) => c?.formula === "=Calc_LTV_BeforeAcquisition-Input_AcquisitionCost")?.format;
      if (lang === "ja") {
        expect(all).toContain("円");
        expect(moneyFormat).toBe("#,##0");
      } else {
        expect(all).toContain("$");
        expect(moneyFormat).toBe("#,##0.00");
        // an English sheet over a ledger in yen: ¥, whole numbers
        const yen = build({ ...DEFAULT_INPUTS, currency: "JPY" }, lang);
        expect(texts(yen).map((t) => t.text)).toContain("¥");
        expect(
          yen.sheet.blocks
            .flatMap((b) => b.cells.flat())
            .find((c) => c?.formula === "=Calc_LTV_BeforeAcquisition-Input_AcquisitionCost")?.format
        ).toBe("#,##0");
      }
    });

    it("wraps each explanation in its column and gives its row the lines it needs", () => {
      const plan = build(DEFAULT_INPUTS, lang);
      expect(plan.styles.note.wrap).toBe(true);
      const width = plan.sheet.columnWidths.D - 2;
      let tall = 0;
      for (const b of plan.sheet.blocks) {
        if (!b.address.startsWith("A") || b.kind === "data") continue;
        const row0 = Number(b.address.slice(1));
        b.cells.forEach((row, i) => {
          const text = row[3]?.value;
          if (typeof text !== "string") return;
          const lines = Math.ceil(textWidth(text) / width);
          if (lines > 1) {
            tall++;
            expect(plan.sheet.rowHeights?.[row0 + i]).toBeGreaterThanOrEqual(lines * 15);
          }
        });
      }
      // some of the ledger route's Japanese explanations need two lines
      if (lang === "ja" && route === "ledger") expect(tall).toBeGreaterThan(0);
    });
  });

  it("stamps the ledger's read time on the local clock, in the sheet's date format, like row 3", () => {
    const all = texts(ledgerPlan(DEFAULT_INPUTS, lang)).map((t) => t.text);
    const day = lang === "ja" ? "2025/01/01 09:15" : "2025-01-01 09:15";
    expect(all).toContain(day);
    expect(
      all.some((t) => t.includes(lang === "ja" ? "2025/01/02 03:04" : "2025-01-02 03:04"))
    ).toBe(true);
  });

  it("puts the largest-drop sentence in the wide explanation column, the value cell naming the periods", () => {
    const plan = ledgerPlan(DEFAULT_INPUTS, lang);
    const label = SHEET_LABELS[lang].rows.largestDrop[0];
    const row = plan.sheet.blocks.flatMap((b) => b.cells).find((r) => r[0]?.value === label) as {
      value?: unknown;
    }[];
    expect(row).toBeDefined();
    expect(String(row[1].value).length).toBeLessThanOrEqual(16);
    expect(String(row[3].value).length).toBeGreaterThan(20);
  });
});
