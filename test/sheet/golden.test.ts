/**
 * The plan, byte for byte: every plan the other tests build (manual route, the shop and CDNOW ledgers, the CLI on
 * the demo ledger, the wizard's default answers; both languages; a fixed clock) serialises to exactly the JSON
 * stored in golden-plans.json (the large "data" blocks — per-customer summary, cohort table — as the SHA-256 of
 * their JSON, so the file stays small and the check stays exact). A restructuring of the builder must leave this file untouched; a deliberate change
 * of the sheet regenerates it (`UPDATE_GOLDEN=1 npx jest test/sheet/golden.test.ts`) and shows up in the diff.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readLedger, type Ledger } from "../../src/core/ledger";
import { parseArgs } from "../../src/cli/args";
import { run } from "../../src/cli/main";
import { analyseLedgerForPlan } from "../../src/sheet/ledger-analysis";
import { buildCalculationPlan, DEFAULT_INPUTS } from "../../src/sheet/plan";
import type { CalculationPlan, PlanInputs, PlanLang, PlanUnit } from "../../src/sheet/types";
import { EXAMPLE_FIELDS, toPlanInputs } from "../../src/taskpane/model";
import { DEMO_LEDGER, scratch } from "../cli/helpers";
import { shopLedger } from "./fixtures";

const GOLDEN = join(__dirname, "golden-plans.json");
// Both clocks in local time, as the sheet stamps them: the same wall-clock fields in every time zone, so the stored
// plans do not depend on the machine's zone (a UTC instant would print 2024-12-31 16:00 in Los Angeles).
const NOW = new Date(2025, 0, 2, 3, 4);
const READ_AT = new Date(2025, 0, 1, 0, 0);
const LANGS: readonly PlanLang[] = ["en", "ja"];

const MANUAL: [string, PlanInputs][] = [
  ["defaults", DEFAULT_INPUTS],
  [
    "margin, 2% discount, retention per period",
    {
      ...DEFAULT_INPUTS,
      grossMargin: 0.6,
      discountRate: 0.02,
      retentionCost: 100,
      retentionBasis: "perPeriod",
    },
  ],
  [
    "monthly, lifespan in quarters",
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
    "loss-making",
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
  ["no acquisition cost", { ...DEFAULT_INPUTS, acquisitionCost: 0, discountRate: 0.05 }],
  [
    "fractional lifespan, high discount",
    { ...DEFAULT_INPUTS, lifespan: 2.7, discountRate: 0.25, targetRatio: 4.5 },
  ],
  ["wizard example", toPlanInputs(EXAMPLE_FIELDS, "manual")],
];

function shop(): Ledger {
  const rows = shopLedger();
  return readLedger(
    {
      customers: rows.map((r) => r[0]),
      dates: rows.map((r) => r[1]),
      amounts: rows.map((r) => r[2]),
      orders: rows.map((r) => r[3]),
    },
    { mode: "lenient" }
  );
}

function cdnow(): Ledger {
  const text = readFileSync(`${__dirname}/../../../shared/data/cdnow_sample_elog.csv`, "utf8")
    .trim()
    .split("\n");
  const rows = text.slice(1).map((l) => l.split(","));
  return readLedger(
    {
      customers: rows.map((r) => r[1]),
      dates: rows.map((r) => Number(r[2])),
      amounts: rows.map((r) => Number(r[4])),
    },
    { mode: "lenient" }
  );
}

const LEDGER: [string, () => Ledger, PlanUnit, PlanInputs][] = [
  [
    "shop, month, lifespan from churn",
    shop,
    "month",
    {
      ...DEFAULT_INPUTS,
      lifespanFromChurn: true,
      grossMargin: 0.4,
      discountRate: 0.01,
      acquisitionCost: 3000,
    },
  ],
  [
    "shop, quarter, typed lifespan",
    shop,
    "quarter",
    {
      ...DEFAULT_INPUTS,
      lifespan: 2,
      lifespanUnit: "year",
      grossMargin: 0.5,
      acquisitionCost: 2500,
      retentionCost: 200,
      retentionBasis: "perPeriod",
    },
  ],
  [
    "cdnow, month, lifespan from churn",
    cdnow,
    "month",
    {
      ...DEFAULT_INPUTS,
      lifespanFromChurn: true,
      grossMargin: 0.3,
      discountRate: 0.01,
      acquisitionCost: 20,
    },
  ],
];

const CLI: [string, string[]][] = [
  ["churn lifespan, margin, CAC", ["--margin", "0.4", "--acquisition-cost", "500"]],
  ["demo script", ["--margin", "0.4", "--discount-rate", "0.01", "--acquisition-cost", "500"]],
  [
    "quarters, 3y lifespan, retention total",
    ["--period", "quarter", "--lifespan", "3y", "--retention-cost", "1200"],
  ],
  [
    "periods, retention per period, target ratio",
    ["--periods", "12", "--retention-cost-per-period", "100", "--target-ratio", "4"],
  ],
  ["lifespan in weeks", ["--lifespan", "26w", "--acquisition-cost", "300"]],
];

async function plans(): Promise<Record<string, CalculationPlan>> {
  const out: Record<string, CalculationPlan> = {};
  for (const lang of LANGS) {
    for (const [name, inputs] of MANUAL)
      out[`manual ${lang}: ${name}`] = buildCalculationPlan(inputs, lang, undefined, { now: NOW });
    for (const [name, ledger, unit, inputs] of LEDGER) {
      const l = ledger();
      const analysis = analyseLedgerForPlan(l, unit, { source: "Sales!A1:D100", readAt: READ_AT });
      out[`ledger ${lang}: ${name}`] = buildCalculationPlan(
        { ...inputs, periodUnit: unit },
        lang,
        analysis,
        { now: NOW }
      );
    }
    const dir = scratch();
    for (const [name, args] of CLI) {
      const options = parseArgs(
        [DEMO_LEDGER, "-o", join(dir, `${lang}.xlsx`), "--lang", lang, ...args],
        {}
      );
      const r = await run(options, { stderr: () => undefined, now: NOW });
      out[`cli ${lang}: ${name}`] = r.plan;
    }
  }
  return out;
}

/** The plan's JSON, with each data block's cells replaced by the SHA-256 of their JSON. */
function serialise(plan: CalculationPlan): string {
  return JSON.stringify({
    ...plan,
    sheet: {
      ...plan.sheet,
      blocks: plan.sheet.blocks.map((b) =>
        b.kind === "data"
          ? {
              ...b,
              cells: `${b.cells.length} rows, sha256 ${createHash("sha256").update(JSON.stringify(b.cells)).digest("hex")}`,
            }
          : b
      ),
    },
  });
}

describe("the plan for every existing test input is unchanged, byte for byte", () => {
  let built: Record<string, CalculationPlan>;
  let stored: Record<string, string>;
  beforeAll(async () => {
    built = await plans();
    const serialised = Object.fromEntries(Object.entries(built).map(([k, p]) => [k, serialise(p)]));
    if (process.env.UPDATE_GOLDEN === "1" || !existsSync(GOLDEN))
      writeFileSync(GOLDEN, JSON.stringify(serialised, null, 1) + "\n");
    stored = JSON.parse(readFileSync(GOLDEN, "utf8")) as Record<string, string>;
  }, 120_000);

  it("has the same cases", () => {
    expect(Object.keys(built).sort()).toEqual(Object.keys(stored).sort());
  });

  it("serialises each plan to exactly the stored JSON", () => {
    for (const [name, plan] of Object.entries(built)) {
      const json = serialise(plan);
      // a readable diff first, then the byte-for-byte comparison (key order included)
      if (json !== stored[name])
        expect({ name, plan: JSON.parse(json) }).toEqual({ name, plan: JSON.parse(stored[name]) });
      expect(json).toBe(stored[name]);
    }
  });
});
