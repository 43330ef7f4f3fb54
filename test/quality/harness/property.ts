/**
 * One fast-check property per custom function, built from its metadata: random arguments of the declared
 * shapes go in; the result must keep the promise of ./invariant.ts, the arguments must be left unchanged, the
 * same arguments must give the same answer, and no call may be slow.
 *
 * Settings (environment): FUZZ_RUNS runs per function (default 150 in `npm test`; `npm run fuzz` sets more),
 * FUZZ_SEED the seed (default fixed, so CI is deterministic; fast-check prints the seed and path of a failure,
 * and FUZZ_SEED + FUZZ_PATH replay it), FUZZ_SLOW_MS the slowest acceptable call (default 2000 ms),
 * FUZZ_TRACE a file that always holds the call in progress (a synchronous call that never returns cannot be
 * interrupted; the file names it).
 */
import * as fs from "fs";
import fc from "fast-check";
import { callArgs, type FunctionMeta } from "./arbitraries";
import { resultViolation, sameArgs, snapshot } from "./invariant";
import type { IsolatedBundle } from "./isolated";
import type { Fn, LoadedRuntime } from "./runtime";

export const DEFAULT_SEED = 20240105;

export function fuzzSettings(defaultRuns: number): fc.Parameters<[unknown[]]> {
  const runs = Number(process.env.FUZZ_RUNS) || defaultRuns;
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : DEFAULT_SEED;
  const settings: fc.Parameters<[unknown[]]> = { numRuns: runs, seed, endOnFailure: false };
  if (process.env.FUZZ_PATH) settings.path = process.env.FUZZ_PATH;
  return settings;
}

export const slowMs = () => Number(process.env.FUZZ_SLOW_MS) || 2000;

/** A short, readable rendering of a result for failure messages. */
export function preview(v: unknown): string {
  if (
    v instanceof Error ||
    (typeof v === "object" && v !== null && "code" in v && "message" in v)
  ) {
    const e = v as { code?: unknown; message?: unknown };
    return `Error(${String(e.code)}: ${String(e.message).slice(0, 300)})`;
  }
  try {
    const s = fc.stringify(v);
    return s.length > 400 ? `${s.slice(0, 400)}…` : s;
  } catch {
    return String(v);
  }
}

/** The outcome of one call, comparable across calls (errors by code and message). */
function outcome(v: unknown): string {
  if (typeof v === "number") return Object.is(v, -0) ? "-0" : String(v);
  if (typeof v === "object" && v !== null && !Array.isArray(v)) {
    const e = v as { code?: unknown; message?: unknown };
    return `error ${String(e.code)} ${String(e.message)}`;
  }
  return JSON.stringify(v);
}

/** What happened when a function was called twice with the same arguments. */
export interface Observation {
  /** the first call threw this */
  threw?: string;
  result?: unknown;
  /** the second call threw this */
  threwAgain?: string;
  again?: unknown;
  /** duration of the first call */
  ms: number;
  /** the call changed its arguments */
  mutated: boolean;
  /** the call did not return within the limit (only observable in a worker) */
  timedOut?: boolean;
}

/** Calls a function in this thread. */
export function observeInProcess(fn: Fn, args: unknown[]): Observation {
  const before = snapshot(args);
  const t0 = performance.now();
  let result: unknown;
  try {
    result = fn(...args);
  } catch (error) {
    return {
      threw: describeThrown(error),
      ms: performance.now() - t0,
      mutated: !sameArgs(before, snapshot(args)),
    };
  }
  const ms = performance.now() - t0;
  const mutated = !sameArgs(before, snapshot(args));
  try {
    return { result, again: fn(...args), ms, mutated };
  } catch (error) {
    return { result, threwAgain: describeThrown(error), ms, mutated };
  }
}

function describeThrown(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** What is wrong with an observation, or `undefined`. Exposed for the harness's self-test. */
export function judge(
  meta: FunctionMeta,
  obs: Observation,
  rt: Pick<LoadedRuntime, "ErrorClass" | "internalErrorPrefix">,
  args: unknown[]
): string | undefined {
  if (obs.timedOut) return `did not return within ${slowMs()} ms (a recalculation would hang)`;
  if (obs.threw !== undefined) return `threw ${obs.threw}`;
  const bad = resultViolation(
    obs.result,
    rt,
    { matrix: meta.result?.dimensionality === "matrix" },
    args
  );
  if (bad) return `${bad}; returned ${preview(obs.result)}`;
  if (obs.mutated) return "changed its arguments (the user's cells)";
  if (obs.ms > slowMs())
    return `took ${Math.round(obs.ms)} ms (limit ${slowMs()} ms); returned ${preview(obs.result)}`;
  if (obs.threwAgain !== undefined) return `threw on the second identical call: ${obs.threwAgain}`;
  if (outcome(obs.again) !== outcome(obs.result))
    return `gave a different answer for the same arguments: ${preview(obs.result)} then ${preview(obs.again)}`;
  return undefined;
}

/** Calls `fn` in this thread and judges the outcome. */
export function checkCall(
  meta: FunctionMeta,
  fn: Fn,
  rt: Pick<LoadedRuntime, "ErrorClass" | "internalErrorPrefix">,
  args: unknown[]
): string | undefined {
  trace(meta, args);
  return judge(meta, observeInProcess(fn, args), rt, args);
}

export function trace(meta: FunctionMeta, args: unknown[]): void {
  if (process.env.FUZZ_TRACE)
    fs.writeFileSync(process.env.FUZZ_TRACE, `${meta.id} ${fc.stringify(args)}\n`);
}

/** The property for one function, called in this thread (the TypeScript sources, the self-test). */
export function functionProperty(
  meta: FunctionMeta,
  fn: Fn,
  rt: LoadedRuntime
): fc.IPropertyWithHooks<[unknown[]]> {
  return fc.property(callArgs(meta, rt.makeError), (args) => {
    const bad = checkCall(meta, fn, rt, args);
    if (bad) throw new Error(`${meta.id} (${rt.label}) ${bad}`);
  });
}

/**
 * How deep the generated calls reach, per function: how many returned a value and which messages the errors
 * gave. A function that answers every call with the same input error is not really being fuzzed.
 */
export type Reach = Map<string, { values: number; errors: Map<string, number> }>;

function record(
  reach: Reach | undefined,
  id: string,
  obs: Observation,
  ErrorClass: new (...a: never[]) => object
): void {
  if (!reach) return;
  let r = reach.get(id);
  if (!r) reach.set(id, (r = { values: 0, errors: new Map() }));
  if (obs.result instanceof ErrorClass) {
    const key = String((obs.result as { message: string }).message)
      .replace(/'[^']*'|\d+(\.\d+)?/g, "…")
      .slice(0, 70);
    r.errors.set(key, (r.errors.get(key) ?? 0) + 1);
  } else if (obs.threw === undefined && !obs.timedOut) r.values++;
}

/** The property for one function of the bundle, each call made in a worker that is stopped if it hangs. */
export function isolatedProperty(
  meta: FunctionMeta,
  bundle: IsolatedBundle,
  reach?: Reach
): fc.IPropertyWithHooks<[unknown[]]> {
  return fc.property(callArgs(meta, bundle.makeError), (args) => {
    trace(meta, args);
    const obs = bundle.observe(meta.id, args);
    record(reach, meta.id, obs, bundle.ErrorClass);
    const bad = judge(meta, obs, bundle, args);
    if (bad) throw new Error(`${meta.id} (${bundle.label}) ${bad}`);
  });
}
