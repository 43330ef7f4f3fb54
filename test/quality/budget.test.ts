/**
 * Every function's work is bounded by the size of its inputs, not by a number the user types. Each scalar
 * argument of every function (read from dist/functions.json, so a new function is covered) is set to the
 * extremes a cell can hold — the largest double, 10³⁰⁰, 10¹⁵, a million, CLV_PREDICT's longest horizon and just
 * beyond, the tiniest positives — in calls otherwise built as the property suite builds them. Through the built
 * bundle in a worker (a call that never returns is stopped and reported), each call must return, a value or an
 * error, within a fixed budget. Then the model functions on a realistic base at their longest horizons.
 */
import fc from "fast-check";
import { callArgs } from "./harness/arbitraries";
import { IsolatedBundle } from "./harness/isolated";
import { fuzzSettings, preview } from "./harness/property";
import { readFunctionsMetadata } from "./harness/runtime";

/** One call's budget through the bundle: generous for a shared, loaded machine, far below "hangs Excel". */
const BUDGET_MS = Number(process.env.BUDGET_MS) || 1500;
const EXTREMES = [
  Number.MAX_VALUE,
  1e300,
  1e15,
  1e9,
  1e6,
  100_000.5,
  100_000,
  52_000,
  5e-324,
  1e-300,
  1e-9,
  "1e300",
  "99999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999",
];

const metadata = readFunctionsMetadata();
const bundle = new IsolatedBundle();
afterAll(() => bundle.stop());

function observe(id: string, args: unknown[]) {
  const obs = bundle.observe(id, args);
  return {
    ok: !obs.timedOut && obs.threw === undefined && obs.ms <= BUDGET_MS,
    what: obs.timedOut
      ? "did not return"
      : obs.threw !== undefined
        ? `threw ${obs.threw}`
        : `took ${Math.round(obs.ms)} ms, returned ${preview(obs.result)}`,
  };
}

describe(`each scalar argument at its extremes: every call returns within ${BUDGET_MS} ms (built bundle)`, () => {
  for (const meta of metadata) {
    const scalars = meta.parameters
      .map((p, i) => ({ p, i }))
      .filter(({ p }) => p.dimensionality !== "matrix");
    if (scalars.length === 0) continue;
    it(`${meta.id}(${scalars.map(({ p }) => p.name).join(", ")})`, () => {
      const calls = fc
        .tuple(
          callArgs(meta, bundle.makeError),
          fc.constantFrom(...scalars),
          fc.constantFrom(...EXTREMES)
        )
        .map(([args, { i }, value]) => {
          const call = [...args];
          while (call.length <= i) call.push(undefined);
          call[i] = value;
          return call;
        });
      fc.assert(
        fc.property(calls, (call) => {
          const r = observe(meta.id, call);
          if (!r.ok) throw new Error(`${meta.id}(${fc.stringify(call).slice(0, 300)}) ${r.what}`);
        }),
        { ...fuzzSettings(6 * scalars.length), endOnFailure: true }
      );
    }, 120_000);
  }
});

/** 1,000 customers in one call: 4 ms a customer at most (typed round parameters, the slowest case, take ~1.4). */
const BASE_BUDGET_MS = Number(process.env.BASE_BUDGET_MS) || 4000;

describe("the model functions on 1,000 customers at their longest horizons (built bundle)", () => {
  const observe = (id: string, args: unknown[]) => {
    const obs = bundle.observe(id, args);
    return {
      ok: !obs.timedOut && obs.threw === undefined && obs.ms <= BASE_BUDGET_MS,
      what: obs.timedOut
        ? "did not return"
        : obs.threw !== undefined
          ? `threw ${obs.threw}`
          : `took ${Math.round(obs.ms)} ms, returned ${preview(obs.result)}`,
    };
  };
  // a deterministic base: repeat purchases 0–24, ages 1–39 weeks, recency within the age
  const n = 1000;
  const x = Array.from({ length: n }, (_, i) => [i % 25]);
  const T = Array.from({ length: n }, (_, i) => [1 + ((i * 7) % 39)]);
  const tx = x.map((v, i) => [v[0] === 0 ? 0 : (T[i][0] * (1 + ((i * 13) % 10))) / 11]);
  const m = x.map((v, i) => [v[0] === 0 ? 0 : 10 + (i % 50)]);
  const bg = [[0.243, 4.414, 0.793, 2.426]];
  const typed = [[1, 1, 2, 1]]; // round numbers, r − a whole: the expectation's degenerate case
  const pnbd = [[0.553, 10.58, 0.606, 11.67]];
  const gg = [[6.25, 3.74, 15.44]];

  it.each([
    [52, 0],
    [5200, 0.0019],
    [100_000, 0],
    [100_000, 1e-9],
    [100_000, 0.0019],
    [100_000, 0.3],
    [100_000, 1],
  ])("CLV_PREDICT at horizon %d, discount rate %d", (H, d) => {
    for (const params of [bg, typed]) {
      const r = observe("CLV_PREDICT", [params, gg, x, tx, T, m, H, d, 1]);
      if (process.env.SHOW_BUDGET) console.log(params, H, d, r.what.slice(0, 160));
      expect(r.what).toMatch(/^took \d+ ms, returned \[\[\d/);
      expect({ ok: r.ok, what: r.what }).toEqual({ ok: true, what: r.what });
    }
  });

  it("CLV_PREDICT beyond 100,000 periods is a clear #VALUE! at once", () => {
    const obs = bundle.observe("CLV_PREDICT", [bg, gg, x, tx, T, m, 1e6, 0, 1]);
    expect(obs.ms).toBeLessThan(BUDGET_MS);
    expect(obs.result).toMatchObject({ code: "#VALUE!" });
    expect(String((obs.result as { message: string }).message)).toMatch(/horizon.*100000/);
  });

  it.each([[1e5], [1e15], [1e300], [Number.MAX_VALUE]])(
    "BGNBD_EXPECTED and PNBD_EXPECTED at t = %d",
    (t) => {
      for (const [id, params] of [
        ["BGNBD_EXPECTED", bg],
        ["BGNBD_EXPECTED", typed],
        ["PNBD_EXPECTED", pnbd],
      ] as const) {
        const r = observe(id, [params, t, x, tx, T]);
        expect(r.what).toMatch(/^took \d+ ms, returned \[\[\d/);
        expect({ id, ok: r.ok, what: r.what }).toEqual({ id, ok: true, what: r.what });
      }
    }
  );
});
