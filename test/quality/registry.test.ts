/**
 * One rule per parameter, read from the registry (src/core/params.ts) by every edge: the custom functions, the
 * wizard's inline validation, the calculation sheet's data validation and the command line. Each rule is
 * changed in the registry for the duration of a test, and every edge must follow the change — an edge with a
 * copy of the rule would keep the old bound and fail.
 */
import { parseArgs } from "../../src/cli/args";
import { CliError } from "../../src/cli/errors";
import { PARAMS, type ParamKey, type ParamRule } from "../../src/core/params";
import { LTV, RETENTION_PERIODS } from "../../src/functions/foundation";
import { LTV_CHURN, MAX_CAC } from "../../src/functions/analytics";
import { LEDGER_LTV } from "../../src/functions/ledger-value";
import { CLV_PREDICT } from "../../src/functions/models";
import { buildCalculationPlan, DEFAULT_INPUTS } from "../../src/sheet/plan";
import type { DataValidation } from "../../src/sheet/types";
import { DEFAULT_FIELDS, validate, type Fields } from "../../src/taskpane/model";
import { isError } from "../functions/excel-values";
import { registryEdges } from "./harness/arbitraries";

type Edge = (value: number) => boolean;

/** A small ledger for LEDGER_LTV: customers buying every few weeks for a year, some stopping. */
const LEDGER = (() => {
  const ids: unknown[][] = [];
  const dates: unknown[][] = [];
  const amounts: unknown[][] = [];
  for (let c = 0; c < 60; c++)
    for (let k = 0; k < 1 + (c % 7); k++) {
      ids.push([`C${c}`]);
      dates.push([45292 + c * 3 + k * (20 + (c % 5) * 9)]);
      amounts.push([1000 + (c % 4) * 250]);
    }
  return [ids, dates, amounts] as const;
})();

/** A function call: accepted unless it returns an error naming the argument. */
const fn =
  (call: (v: number) => unknown, arg: string): Edge =>
  (v) => {
    const r = call(v);
    if (!isError(r)) return true;
    expect((r as { message: string }).message).toContain(arg);
    return false;
  };

/** The wizard's field, typed as a person would (percent fields as %). */
const wizard =
  (field: keyof Fields, percent = false, route: "manual" | "ledger" = "manual"): Edge =>
  (v) => {
    const typed = String(Number((v * (percent ? 100 : 1)).toPrecision(12)));
    return (
      validate(route, { ...DEFAULT_FIELDS, [field]: typed })[field as "avgOrder"] === undefined
    );
  };

/** What Excel's decimal validation on the input's cell lets through. */
const sheet =
  (name: string): Edge =>
  (v) => {
    const plan = buildCalculationPlan(DEFAULT_INPUTS, "en");
    const range = plan.names.find((n) => n.name === name)!.range;
    const rule = plan.sheet.validations.find((x) => x.range === range) as DataValidation & {
      kind: "decimal";
    };
    expect(rule.kind).toBe("decimal");
    if (rule.min !== undefined && (rule.minExclusive ? v <= rule.min : v < rule.min)) return false;
    return !(rule.max !== undefined && v > rule.max);
  };

/** A command-line option. */
const cli =
  (option: string, suffix = ""): Edge =>
  (v) => {
    try {
      parseArgs(["ledger.csv", option, `${v}${suffix}`]);
      return true;
    } catch (e) {
      if (e instanceof CliError) return false;
      throw e;
    }
  };

const EDGES: Partial<Record<ParamKey, Record<string, Edge>>> = {
  avgOrder: {
    "=LTV": fn((v) => LTV(v, 12, 12), "avg_order"),
    wizard: wizard("avgOrder"),
    sheet: sheet("Input_AvgOrder"),
  },
  frequency: {
    "=LTV": fn((v) => LTV(415, v, 12), "frequency"),
    wizard: wizard("frequency"),
    sheet: sheet("Input_Frequency"),
  },
  periods: {
    "=LTV": fn((v) => LTV(415, 12, v), "periods"),
  },
  lifespan: {
    "=RETENTION_PERIODS": fn((v) => RETENTION_PERIODS(v), "lifespan"),
    wizard: wizard("lifespan"),
    sheet: sheet("Input_Lifespan"),
  },
  // the ledger route's horizon (the command line's --lifespan and --periods are read as it)
  horizon: {
    wizard: wizard("horizon", false, "ledger"),
    cli: cli("--horizon", "y"),
    "cli --lifespan": cli("--lifespan", "y"),
    "cli --periods": cli("--periods"),
  },
  acquisitionCost: {
    "=LTV": fn((v) => LTV(415, 12, 12, v), "acquisition_cost"),
    "=LTV_CHURN": fn((v) => LTV_CHURN(1000, 0.25, 0, v), "acquisition_cost"),
    wizard: wizard("acquisitionCost"),
    sheet: sheet("Input_AcquisitionCost"),
    cli: cli("--acquisition-cost"),
  },
  retentionCost: {
    "=LTV": fn((v) => LTV(415, 12, 12, 0, v), "retention_cost"),
    wizard: wizard("retentionCost"),
    sheet: sheet("Input_RetentionCost"),
    "cli total": cli("--retention-cost"),
    "cli per period": cli("--retention-cost-per-period"),
  },
  grossMargin: {
    // the number 0 is refused on purpose (zeroLooksEmpty: an empty cell may arrive as 0); the text "0" is 0
    "=LTV": fn((v) => LTV(415, 12, 12, 0, 0, v === 0 ? "0" : v), "gross_margin"),
    "=LEDGER_LTV": fn(
      (v) => LEDGER_LTV(...LEDGER, undefined, undefined, undefined, v === 0 ? "0" : v),
      "gross_margin"
    ),
    wizard: wizard("grossMargin", true),
    sheet: sheet("Input_GrossMargin"),
    cli: cli("--margin"),
  },
  discountRate: {
    "=LTV": fn((v) => LTV(415, 12, 12, 0, 0, 1, v), "discount_rate"),
    "=LTV_CHURN": fn((v) => LTV_CHURN(1000, 0.25, v), "discount_rate"),
    "=CLV_PREDICT": fn(
      (v) =>
        CLV_PREDICT(
          [[0.243, 4.414, 0.793, 2.426]],
          [[6.25, 3.74, 15.44]],
          [[2]],
          [[30]],
          [[39]],
          [[30]],
          52,
          v
        ),
      "discount_rate"
    ),
    "=LEDGER_LTV": fn(
      (v) => LEDGER_LTV(...LEDGER, undefined, undefined, undefined, undefined, v),
      "discount_rate"
    ),
    wizard: wizard("discountRate", true),
    sheet: sheet("Input_DiscountRate"),
    cli: cli("--discount-rate"),
  },
  targetRatio: {
    "=MAX_CAC": fn((v) => MAX_CAC(15000, v), "target_ratio"),
    wizard: wizard("targetRatio"),
    sheet: sheet("Input_TargetRatio"),
    cli: cli("--target-ratio"),
  },
};

/** Values inside and outside a rule's bounds (at an inclusive bound is inside). */
function probes(r: ParamRule): { inside: number[]; outside: number[] } {
  const inside: number[] = [];
  const outside: number[] = [];
  const lo = r.min ?? r.above;
  const hi = r.max ?? r.below;
  const step = hi !== undefined && lo !== undefined ? (hi - lo) / 10 : 0.1;
  if (r.min !== undefined) inside.push(r.min);
  if (r.max !== undefined) inside.push(r.max);
  if (lo !== undefined) outside.push(lo - step);
  if (r.above !== undefined) outside.push(r.above);
  if (hi !== undefined) outside.push(hi + step);
  if (lo !== undefined && hi !== undefined) inside.push((lo + hi) / 2);
  else if (lo !== undefined) inside.push(lo + 1);
  return { inside, outside };
}

/** Other bounds of the same shape, to prove the edges read the registry rather than agree with it by chance. */
function moved(r: ParamRule): Partial<ParamRule> {
  if (r.min !== undefined && r.max !== undefined) return { min: r.min + 0.1, max: r.max / 2 };
  if (r.above !== undefined) return { above: r.above + 2 };
  if (r.min !== undefined) return { min: r.min + 2 };
  throw new Error(`no bounds to move for ${r.arg}`);
}

function expectEdgesFollow(key: ParamKey, r: ParamRule): void {
  const { inside, outside } = probes(r);
  for (const [edge, accepts] of Object.entries(EDGES[key]!)) {
    for (const v of inside)
      expect({ key, edge, v, accepted: accepts(v) }).toEqual({ key, edge, v, accepted: true });
    for (const v of outside)
      expect({ key, edge, v, accepted: accepts(v) }).toEqual({ key, edge, v, accepted: false });
  }
}

describe("each parameter's rule is the registry's, at every edge", () => {
  const keys = Object.keys(EDGES) as ParamKey[];

  it.each(keys)(
    "%s: the functions, the wizard, the sheet and the CLI apply the registry's bounds",
    (key) => {
      expectEdgesFollow(key, PARAMS[key]);
    }
  );

  it.each(keys)("%s: every edge follows when the registry's rule changes", (key) => {
    const rule: ParamRule = PARAMS[key];
    const saved = { ...rule };
    try {
      Object.assign(rule, moved(rule));
      expectEdgesFollow(key, rule);
    } finally {
      for (const k of ["min", "max", "above", "below"] as const) delete rule[k];
      Object.assign(rule, saved);
    }
  });

  it("caps the discount rate at 100 % per period everywhere (=LTV once accepted 200 %)", () => {
    expect(PARAMS.discountRate.max).toBe(1);
    for (const accepts of Object.values(EDGES.discountRate!)) {
      expect(accepts(1)).toBe(true);
      expect(accepts(2)).toBe(false);
    }
  });

  it("gives the property suite each parameter's bounds to probe, and values just past them", () => {
    const edges = registryEdges("discount_rate");
    for (const v of [0, -1e-9, 1, 1 + 1e-9]) expect(edges).toContain(v);
    expect(registryEdges("target_ratio")).toEqual(expect.arrayContaining([0, 1e-9, 3]));
    expect(registryEdges("no_such_argument")).toEqual([]);
  });
});
