/**
 * The calculation sheet's plan, computed by HyperFormula (an independent formula engine): every formula parses
 * and computes, and every figure the sheet names equals the core's results chain (src/core/results.ts) for
 * several input sets.
 */
import { annuityFactor } from "../../src/core/ltv";
import { parsePeriodUnit } from "../../src/core/periods";
import { lifetimePeriods, ltvResults, type LtvResults } from "../../src/core/results";
import { SHEET_LABELS } from "../../src/sheet/labels";
import { CHAIN_ROWS } from "../../src/sheet/sections/rows";
import { buildCalculationPlan, DEFAULT_INPUTS } from "../../src/sheet/plan";
import { parseCell } from "../../src/sheet/a1";
import type { CalculationPlan, PlanInputs } from "../../src/sheet/types";
import { evaluatePlan } from "./evaluate";

const close = (actual: unknown, expected: number) => {
  expect(typeof actual).toBe("number");
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(
    1e-9 * Math.max(1, Math.abs(expected))
  );
};

/** The core's view of the same inputs: the results chain, with the periods from the lifespan. */
function coreResults(i: PlanInputs): LtvResults {
  const periods = lifetimePeriods(
    { lifespan: i.lifespan, unit: parsePeriodUnit(i.lifespanUnit, "year") },
    parsePeriodUnit(i.periodUnit, "year")
  );
  return ltvResults({ ...i, periods });
}

/** Every figure of the chain by its workbook name, as the row specs pair them. */
const CHAIN_NAMES = CHAIN_ROWS.flatMap((r) =>
  r.name && r.result ? [[r.name, r.result] as [string, keyof LtvResults]] : []
);

const SETS: [string, PlanInputs][] = [
  ["the seed's coffee customer (415 × 12 a quarter × 3 years, CAC 5,000)", DEFAULT_INPUTS],
  [
    "a margin, a 2 % discount rate and retention paid per period",
    {
      ...DEFAULT_INPUTS,
      grossMargin: 0.6,
      discountRate: 0.02,
      retentionCost: 100,
      retentionBasis: "perPeriod",
    },
  ],
  [
    "monthly periods, a lifespan in quarters, a lifetime retention total",
    {
      ...DEFAULT_INPUTS,
      periodUnit: "month",
      frequency: 1.3,
      avgOrder: 8200,
      lifespan: 7,
      lifespanUnit: "quarter",
      grossMargin: 0.35,
      discountRate: 0.008,
      acquisitionCost: 12000,
      retentionCost: 3000,
    },
  ],
  [
    "a loss-making customer (ratio below 1)",
    {
      ...DEFAULT_INPUTS,
      periodUnit: "year",
      avgOrder: 120,
      frequency: 2,
      lifespan: 18,
      lifespanUnit: "month",
      grossMargin: 0.3,
      acquisitionCost: 500,
    },
  ],
  [
    "no acquisition cost (no ratio, no payback band)",
    { ...DEFAULT_INPUTS, acquisitionCost: 0, discountRate: 0.05 },
  ],
  [
    "a fractional lifespan and a high discount rate",
    { ...DEFAULT_INPUTS, lifespan: 2.7, discountRate: 0.25, targetRatio: 4.5 },
  ],
];

function results(plan: CalculationPlan) {
  const e = evaluatePlan(plan);
  return {
    e,
    ltv: e.get("Result_LTV"),
    ratio: e.get("Result_LTV_CAC"),
    maxCac: e.get("Result_Max_CAC"),
    payback: e.get("Result_CAC_Payback"),
  };
}

describe("the calculation sheet computes what src/core computes (HyperFormula)", () => {
  describe.each(["en", "ja"] as const)("in %s", (lang) => {
    it.each(SETS)("%s", (_, inputs) => {
      const plan = buildCalculationPlan(inputs, lang);
      const { e, ltv, ratio, maxCac, payback } = results(plan);
      expect(e.errors()).toEqual([]);
      const want = coreResults(inputs);
      close(ltv, want.ltv);
      close(maxCac, want.maxCac);
      close(e.get("Calc_Periods"), want.periods);
      close(e.get("Calc_AnnuityFactor"), want.annuity);
      if (want.ltvCac === null) expect(ratio).toBe("");
      else close(ratio, want.ltvCac);
      if (want.payback === null) expect(payback).toBe("");
      else close(payback, want.payback);
      // every other figure the sheet names, and the health band's words
      expect(CHAIN_NAMES.length).toBe(14);
      for (const [name, key] of CHAIN_NAMES) {
        const w = want[key] as number | null;
        if (w === null) expect({ name, v: e.get(name) }).toEqual({ name, v: "" });
        else close(e.get(name), w);
      }
      const band = e.get(`B${parseCell(plan.anchors.ltvCac).row + 1}`);
      const L = SHEET_LABELS[lang];
      const words = {
        none: L.bandNone,
        loses: L.bandLoses,
        thin: L.bandThin,
        healthy: L.bandHealthy,
      };
      expect(band).toBe(words[want.health]);
      // the sensitivity grid's centre is the result itself
      close(e.get(plan.anchors.sensitivity), want.ltv);
    });
  });

  it("moves each sensitivity cell as the core does when avg order and frequency change", () => {
    const inputs = SETS[1][1];
    const plan = buildCalculationPlan(inputs, "en");
    const { e } = results(plan);
    const { col, row } = parseCell(plan.anchors.sensitivity);
    const steps = [-0.2, -0.1, 0, 0.1, 0.2];
    for (let i = 0; i < 5; i++) {
      for (let j = 0; j < 5; j++) {
        const want = coreResults({
          ...inputs,
          avgOrder: inputs.avgOrder * (1 + steps[i]),
          frequency: inputs.frequency * (1 + steps[j]),
        }).ltv;
        close(e.get(`${String.fromCharCode(65 + col - 2 + j)}${row - 2 + i}`), want);
      }
    }
  });

  it("bands the ratio: below 1 loses money, 1–3 thin, 3 or more healthy", () => {
    const band = (acquisitionCost: number) => {
      const plan = buildCalculationPlan({ ...DEFAULT_INPUTS, acquisitionCost }, "en");
      const e = evaluatePlan(plan);
      const row = parseCell(plan.anchors.ltvCac).row + 1;
      return e.get(`B${row}`);
    };
    // LTV before acquisition = 415 × 12 × 12 = 59,760
    expect(band(70000)).toMatch(/below 1/);
    expect(band(59760 / 2)).toMatch(/1 to 3/);
    expect(band(59760 / 3)).toMatch(/3 or more/);
    expect(band(5000)).toMatch(/3 or more/);
    expect(band(0)).toMatch(/no acquisition cost/);
  });

  it("prices one more period of lifetime as the derivative of the core's annuity factor", () => {
    for (const [, inputs] of SETS) {
      const e = evaluatePlan(buildCalculationPlan(inputs, "en"));
      const want = coreResults(inputs);
      const h = 1e-5;
      const slope =
        (annuityFactor(want.periods + h, inputs.discountRate) -
          annuityFactor(want.periods - h, inputs.discountRate)) /
        (2 * h);
      const marginal = e.get("Calc_ValueOfOneMorePeriod") as number;
      expect(Math.abs(marginal - want.grossProfitPerPeriod * slope)).toBeLessThan(
        1e-5 * Math.max(1, marginal)
      );
      expect(
        Math.abs((want.valueOfOneMorePeriod as number) - want.grossProfitPerPeriod * slope)
      ).toBeLessThan(1e-5 * Math.max(1, marginal));
      close(e.get("Calc_RetentionBreakEvenPerUnit"), 1 / marginal);
      // without a retention cost there is nothing to break even: a blank, as the core's null
      if (want.retentionTotal > 0)
        close(e.get("Calc_RetentionBreakEvenTotal"), want.retentionTotal / marginal);
      else {
        expect(want.breakEvenTotal).toBeNull();
        expect(e.get("Calc_RetentionBreakEvenTotal")).toBe("");
      }
    }
  });

  it("recomputes live when an input cell changes (the sheet is a model, not a printout)", () => {
    const plan = buildCalculationPlan(DEFAULT_INPUTS, "ja");
    const { e } = results(plan);
    const avg = plan.names.find((n) => n.name === "Input_AvgOrder")!;
    const { col, row } = parseCell(avg.range);
    e.hf.setCellContents({ sheet: e.sheet, row: row - 1, col }, 500);
    close(e.get("Result_LTV"), coreResults({ ...DEFAULT_INPUTS, avgOrder: 500 }).ltv);
    const basis = parseCell(plan.names.find((n) => n.name === "Input_RetentionBasis")!.range);
    const cost = parseCell(plan.names.find((n) => n.name === "Input_RetentionCost")!.range);
    e.hf.setCellContents({ sheet: e.sheet, row: cost.row - 1, col: cost.col }, 50);
    e.hf.setCellContents({ sheet: e.sheet, row: basis.row - 1, col: basis.col }, "1期間あたり");
    close(
      e.get("Result_LTV"),
      coreResults({
        ...DEFAULT_INPUTS,
        avgOrder: 500,
        retentionCost: 50,
        retentionBasis: "perPeriod",
      }).ltv
    );
  });
});

describe("the plan's shape", () => {
  const plan = buildCalculationPlan(DEFAULT_INPUTS, "en", undefined, {
    now: new Date(2025, 0, 2, 3, 4),
  });

  it("names the four results and every input, workbook-scoped, on its own sheet", () => {
    const names = plan.names.map((n) => n.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "Result_LTV",
        "Result_LTV_CAC",
        "Result_Max_CAC",
        "Result_CAC_Payback",
        "Input_AvgOrder",
        "Input_Frequency",
      ])
    );
    for (const n of plan.names) expect(n.ref.startsWith("'LTV calculation'!$")).toBe(true);
    expect(new Set(names).size).toBe(names.length);
  });

  it("uses native, non-dynamic-array functions only (works without the add-in and in LibreOffice)", () => {
    const allowed = new Set([
      "IF",
      "SUM",
      "COUNTA",
      "MAX",
      "MIN",
      "VLOOKUP",
      "LN",
      "AND",
      "ISNUMBER",
    ]);
    const formulas = plan.sheet.blocks
      .flatMap((b) => b.cells.flat())
      .filter((c) => c?.formula)
      .map((c) => c!.formula!);
    const cf = plan.sheet.conditionalFormats.flatMap((c) =>
      c.kind === "formula" ? [c.formula] : []
    );
    for (const f of [...formulas, ...cf]) {
      expect(f.startsWith("=")).toBe(true);
      for (const m of f.replace(/"[^"]*"/g, "").matchAll(/([A-Z][A-Z0-9.]*)\(/g))
        expect(allowed).toContain(m[1]);
    }
  });

  it("keeps blocks rectangular and apart", () => {
    const taken = new Set<string>();
    for (const b of plan.sheet.blocks) {
      const { col, row } = parseCell(b.address);
      const w = b.cells[0].length;
      b.cells.forEach((r, i) => {
        expect(r.length).toBe(w);
        r.forEach((c, j) => {
          const key = `${col + j}:${row + i}`;
          expect(taken.has(key)).toBe(false);
          taken.add(key);
          if (c) expect(c.value !== undefined && c.formula !== undefined).toBe(false);
        });
      });
    }
  });

  it("styles the inputs, validates them and explains each in one line; the period is the wizard's, not a drop-down", () => {
    const inputs = plan.names.filter((n) => n.name.startsWith("Input_"));
    expect(inputs).toHaveLength(11);
    for (const n of inputs) {
      // the per-period inputs would not convert with another unit, so the period is shown, not offered
      const fixed = n.name === "Input_Period";
      expect(plan.sheet.styles.find((s) => s.range === n.range)?.style).toBe(
        fixed ? "derived" : "input"
      );
      expect(plan.sheet.validations.find((x) => x.range === n.range)).toEqual(
        fixed ? undefined : expect.anything()
      );
      const { row } = parseCell(n.range);
      const block = plan.sheet.blocks.find((b) => b.id === "inputs")!;
      const explanation = block.cells[row - parseCell(block.address).row][3];
      expect(typeof explanation?.value).toBe("string");
    }
    expect(plan.sheet.conditionalFormats.some((c) => c.kind === "colorScale")).toBe(true);
  });
});
