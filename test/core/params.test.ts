/**
 * The parameter registry: the bound checks every edge applies, and the parameter table in the docs, which is the
 * registry written out (regenerate with `UPDATE_DOCS=1 npx jest test/core/params.test.ts`).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { LtvError } from "../../src/core/errors";
import {
  boundViolation,
  checkParam,
  PARAMS,
  required,
  type ParamRule,
} from "../../src/core/params";

const detail = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof LtvError) return e.detail;
    throw e;
  }
  throw new Error("did not throw");
};

describe("bounds", () => {
  it("names the first broken bound, lower bounds first, with its limit", () => {
    const b = { min: 0, max: 1 };
    expect(boundViolation(0, b)).toBeNull();
    expect(boundViolation(1, b)).toBeNull();
    expect(boundViolation(-0.1, b)).toEqual({ code: "mustBeAtLeast", limit: 0 });
    expect(boundViolation(1.1, b)).toEqual({ code: "mustBeAtMost", limit: 1 });
    expect(boundViolation(0, { above: 0 })).toEqual({ code: "mustBeAbove", limit: 0 });
    expect(boundViolation(1e-12, { above: 0 })).toBeNull();
    expect(boundViolation(5, { below: 5 })).toEqual({ code: "mustBeBelow", limit: 5 });
    expect(boundViolation(-1e300, {})).toBeNull();
  });

  it("checks a value against a rule, naming the argument and the row", () => {
    expect(checkParam(0.4, PARAMS.grossMargin)).toBe(0.4);
    expect(detail(() => checkParam(2, PARAMS.discountRate))).toEqual({
      kind: "badValue",
      code: "mustBeAtMost",
      arg: "discount_rate",
      row: undefined,
      value: 2,
      params: { limit: 1 },
    });
    expect(detail(() => checkParam(0, PARAMS.retentionPeriod, 4))).toMatchObject({
      code: "mustBeAtLeast",
      arg: "t",
      row: 4,
      params: { limit: 1 },
    });
    for (const bad of [NaN, Infinity, -Infinity])
      expect(detail(() => checkParam(bad, PARAMS.avgOrder)).code).toBe("notANumber");
  });

  it("drops a default for an argument that must be given, keeping the bounds", () => {
    const r = required(PARAMS.acquisitionCost);
    expect(r).toEqual({ arg: "acquisition_cost", kind: "money", min: 0 });
    expect("default" in r).toBe(false);
    expect(PARAMS.acquisitionCost.default).toBe(0);
  });

  it("keeps every rule coherent: a default inside its bounds, at most one lower and one upper bound", () => {
    for (const [key, r] of Object.entries(PARAMS) as [string, ParamRule][]) {
      expect({ key, both: r.min !== undefined && r.above !== undefined }).toEqual({
        key,
        both: false,
      });
      expect({ key, both: r.max !== undefined && r.below !== undefined }).toEqual({
        key,
        both: false,
      });
      if (r.default !== undefined)
        expect({ key, broken: boundViolation(r.default, r) }).toEqual({ key, broken: null });
    }
  });
});

/** The rule in symbols, as the docs table shows it. */
function ruleText(r: ParamRule): string {
  const lower = r.min !== undefined ? `≥ ${r.min}` : r.above !== undefined ? `> ${r.above}` : "";
  const upper = r.max !== undefined ? `≤ ${r.max}` : r.below !== undefined ? `< ${r.below}` : "";
  return [lower, upper].filter(Boolean).join(", ") || "any number";
}

function table(): string {
  const rows = (Object.entries(PARAMS) as [string, ParamRule][]).map(
    ([key, r]) =>
      `| \`${key}\` | \`${r.arg}\` | ${r.kind} | ${ruleText(r)} | ${r.default ?? "required"} |`
  );
  return [
    "| key | argument (引数) | kind (種類) | rule (範囲) | default (既定) |",
    "|---|---|---|---|---|",
    ...rows,
  ].join("\n");
}

describe("the parameter table in docs/reference/parameters.md", () => {
  it("is the registry, written out", () => {
    const path = join(__dirname, "../../docs/reference/parameters.md");
    const doc = readFileSync(path, "utf8");
    const start = "<!-- params:start -->\n";
    const end = "\n<!-- params:end -->";
    const i = doc.indexOf(start);
    const j = doc.indexOf(end);
    expect(i).toBeGreaterThanOrEqual(0);
    expect(j).toBeGreaterThan(i);
    const want = doc.slice(0, i + start.length) + table() + doc.slice(j);
    if (process.env.UPDATE_DOCS === "1") writeFileSync(path, want);
    expect(doc).toBe(process.env.UPDATE_DOCS === "1" ? doc : want);
  });
});
