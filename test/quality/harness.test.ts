/**
 * A test of the test: deliberately broken functions must make the same properties fail that guard the real
 * functions, both in this thread and through the worker that runs the bundle (including a call that hangs).
 * Well-behaved functions, and broken bodies wrapped in the real runner, must pass.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import fc from "fast-check";
import { run } from "../../src/functions/runner";
import type { FunctionMeta } from "./harness/arbitraries";
import { IsolatedBundle } from "./harness/isolated";
import { functionProperty, isolatedProperty } from "./harness/property";
import { loadSources, type Fn } from "./harness/runtime";

const sources = loadSources();
const ExcelError = sources.ErrorClass as unknown as new (code: string, message?: string) => object;

const scalarMeta = (id: string): FunctionMeta => ({
  id,
  name: id,
  parameters: [
    { name: "amount", type: "any" },
    { name: "periods", type: "any", optional: true },
  ],
  result: { type: "number" },
});
const matrixMeta = (id: string): FunctionMeta => ({
  id,
  name: id,
  parameters: [
    { name: "customer_ids", type: "any", dimensionality: "matrix" },
    { name: "amounts", type: "any", dimensionality: "matrix" },
  ],
  result: { dimensionality: "matrix" },
});

/** The failure message of a property, or undefined when it holds for 200 random calls. */
function failureOf(prop: fc.IPropertyWithHooks<[unknown[]]>): string | undefined {
  const out = fc.check(prop, { seed: 42, numRuns: 200 });
  return out.failed
    ? String((out.errorInstance as Error | undefined)?.message ?? "failed without an error")
    : undefined;
}

const firstNumber = (v: unknown): number | undefined => {
  const cell = Array.isArray(v) ? (Array.isArray(v[0]) ? v[0][0] : v[0]) : v;
  return typeof cell === "number" ? cell : undefined;
};

describe("the invariant checker catches broken functions (in this thread)", () => {
  const broken: Array<[string, FunctionMeta, Fn, RegExp]> = [
    ["returns NaN", scalarMeta("NAN"), (a) => (firstNumber(a) ?? 0) * NaN, /is NaN/],
    [
      "returns Infinity",
      scalarMeta("INF"),
      (a) => 1 / (firstNumber(a) === 0 ? 0 : 0),
      /is Infinity/,
    ],
    [
      "throws",
      scalarMeta("THROWS"),
      (a) => (a as { x: number }[]).map((r) => r.x).length,
      /threw TypeError/,
    ],
    ["returns a ragged array", matrixMeta("RAGGED"), () => [[1, 2], [3]], /ragged array/],
    ["returns an empty array", matrixMeta("EMPTY"), () => [], /empty array/],
    ["returns undefined", scalarMeta("UNDEF"), () => undefined, /is undefined/],
    ["returns a boolean", scalarMeta("BOOL"), (a) => a === 1, /is boolean/],
    [
      "returns NaN inside an array",
      matrixMeta("NANCELL"),
      () => [[1], [NaN]],
      /cell \(2, 1\) is NaN/,
    ],
    [
      "returns null inside an array",
      matrixMeta("NULLCELL"),
      () => [["a", null]],
      /cell \(1, 2\) is null/,
    ],
    [
      "returns an array for a scalar result",
      scalarMeta("SPILLS"),
      () => [[1]],
      /declares a scalar/,
    ],
    ["returns a scalar for a matrix result", matrixMeta("SCALAR"), () => 1, /declares a matrix/],
    [
      "returns an error without a message",
      scalarMeta("MUTE"),
      () => new ExcelError("#VALUE!", ""),
      /empty message/,
    ],
    [
      "returns an error with an unknown code",
      scalarMeta("CODE"),
      () => new ExcelError("#OOPS", "x"),
      /unknown code/,
    ],
    [
      "returns the runner's internal error",
      scalarMeta("INTERNAL"),
      () => run(() => (null as unknown as { x: number }).x),
      /internal error caught by the runner/,
    ],
    [
      "returns a ragged array through the real runner (which reports it as an internal error)",
      matrixMeta("RUN_RAGGED"),
      () => run(() => [[1, 2], [3]]),
      /internal error caught by the runner: .*ragged/,
    ],
    [
      "shows NaN in its message",
      scalarMeta("MSG"),
      () => new ExcelError("#VALUE!", `amount: ${NaN} is bad`),
      /message shows "NaN"/,
    ],
    [
      "changes its arguments",
      matrixMeta("MUTATES"),
      (ids) => ((ids as unknown[][]).reverse(), [[1]]),
      /changed its arguments/,
    ],
    [
      "answers differently each time",
      scalarMeta("RANDOM"),
      () => Math.random(),
      /different answer/,
    ],
    [
      "returns text longer than a cell holds",
      scalarMeta("LONG"),
      () => "x".repeat(40000),
      /Excel's limit/,
    ],
    ["returns a Promise", scalarMeta("ASYNC"), () => Promise.resolve(1), /a Promise/],
  ];
  for (const [what, meta, fn, expected] of broken) {
    it(`fails a function that ${what}`, () => {
      const message = failureOf(functionProperty(meta, fn, sources));
      expect(message).toBeDefined();
      expect(message).toMatch(expected);
    });
  }

  it("passes well-behaved functions and broken bodies wrapped in the real runner", () => {
    const good: Array<[FunctionMeta, Fn]> = [
      [
        scalarMeta("GOOD"),
        (a) =>
          typeof a === "number" && Number.isFinite(a)
            ? a
            : new ExcelError("#VALUE!", "amount: not a number"),
      ],
      [scalarMeta("RUN_NAN"), () => run(() => NaN)],
      [scalarMeta("RUN_INF"), () => run(() => Infinity)],
      [matrixMeta("TABLE"), (ids) => run(() => [["n"], [Array.isArray(ids) ? ids.length : 0]])],
    ];
    for (const [meta, fn] of good)
      expect([meta.id, failureOf(functionProperty(meta, fn, sources))]).toEqual([
        meta.id,
        undefined,
      ]);
  });
});

describe("the invariant checker catches broken functions in a bundle run in a worker", () => {
  // a stand-in for dist/functions.js that registers broken functions the way the real bundle registers its own
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ltv-quality-"));
  const file = path.join(dir, "functions.js");
  fs.writeFileSync(
    file,
    `CustomFunctions.associate("NAN", function () { return NaN; });
     CustomFunctions.associate("THROWS", function (a) { return a.b.c; });
     CustomFunctions.associate("RAGGED", function () { return [[1, 2], [3]]; });
     CustomFunctions.associate("HANGS", function (a) { for (;;) { if (a === "never") return 1; } });
     CustomFunctions.associate("MUTATES", function (ids) { ids.reverse(); return [[1]]; });
     CustomFunctions.associate("ERRCELL", function (a) { return a instanceof CustomFunctions.Error ? new CustomFunctions.Error("#VALUE!", "amount holds " + a.code) : 1; });
     CustomFunctions.associate("GOOD", function (a) { return typeof a === "number" && isFinite(a) ? a : new CustomFunctions.Error("#VALUE!", "amount: no number"); });`
  );
  const bundle = new IsolatedBundle(file);
  afterAll(async () => {
    await bundle.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ["NAN", scalarMeta("NAN"), /is NaN/],
    ["THROWS", scalarMeta("THROWS"), /threw TypeError/],
    ["RAGGED", matrixMeta("RAGGED"), /ragged array/],
    ["MUTATES", matrixMeta("MUTATES"), /changed its arguments/],
  ])("fails %s", (_id, meta, expected) => {
    expect(failureOf(isolatedProperty(meta, bundle))).toMatch(expected);
  });

  it("reports a call that never returns as a hang, and carries on with a fresh worker", () => {
    const saved = process.env.FUZZ_SLOW_MS;
    process.env.FUZZ_SLOW_MS = "300";
    const out = fc.check(isolatedProperty(scalarMeta("HANGS"), bundle), {
      seed: 1,
      numRuns: 1,
      endOnFailure: true,
    });
    expect(out.failed).toBe(true);
    if (saved === undefined) delete process.env.FUZZ_SLOW_MS;
    else process.env.FUZZ_SLOW_MS = saved;
    expect(String((out.errorInstance as Error).message)).toMatch(/did not return within/);
    expect(failureOf(isolatedProperty(scalarMeta("GOOD"), bundle))).toBeUndefined();
  }, 30_000);

  it("passes error cells through as the runtime's own error values", () => {
    expect(failureOf(isolatedProperty(scalarMeta("ERRCELL"), bundle))).toBeUndefined();
  });
});
