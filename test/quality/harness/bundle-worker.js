/**
 * A worker thread that holds the built bundle in a bare context and calls one function per request, so a call
 * that never returns can be stopped (the worker is terminated) instead of hanging the test run.
 *
 * Protocol (synchronous for the caller, see ./isolated.ts): the caller posts { id, args, port, flag }; the
 * worker calls the function twice, posts an observation on `port`, then sets flag[0] = 1 and notifies.
 * Error cells travel as { [ERROR_CELL]: code } and come back as the worker's own CustomFunctions.Error.
 */
const fs = require("fs");
const vm = require("vm");
const { parentPort, workerData } = require("worker_threads");
const { createCustomFunctionsShim } = require("../../setup/custom-functions-shim");

const ERROR_CELL = "__excelErrorCell";
const shim = createCustomFunctionsShim();
const context = vm.createContext({ CustomFunctions: shim });
vm.runInContext(fs.readFileSync(workerData.bundle, "utf8"), context, { filename: "functions.js" });

function decodeArgs(v) {
  if (Array.isArray(v)) return v.map(decodeArgs);
  if (v && typeof v === "object" && ERROR_CELL in v) return new shim.Error(v[ERROR_CELL]);
  return v;
}

/** A result as plain data: errors of the runtime marked, anything that cannot be cloned described. */
function encodeResult(v) {
  if (v instanceof shim.Error) return { kind: "excelError", code: v.code, message: v.message };
  if (Array.isArray(v)) {
    try {
      return { kind: "value", value: structuredClone(v) };
    } catch {
      return { kind: "other", description: "an array holding values that cannot be copied" };
    }
  }
  if (v !== null && typeof v === "object") {
    const then = typeof v.then === "function";
    return {
      kind: "other",
      description: then ? "a Promise" : `an object (${Object.prototype.toString.call(v)})`,
    };
  }
  if (typeof v === "function" || typeof v === "symbol" || typeof v === "bigint")
    return { kind: "other", description: `a ${typeof v}` };
  return { kind: "value", value: v };
}

function copy(v) {
  return Array.isArray(v) ? v.map(copy) : v;
}

function same(a, b) {
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => same(x, b[i]));
  return Object.is(a, b);
}

function call(fn, args) {
  try {
    return { outcome: encodeResult(fn(...args)) };
  } catch (error) {
    return { threw: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

parentPort.on("message", ({ id, args, port, flag }) => {
  const fn = shim.registered.get(id);
  let observation;
  if (!fn) observation = { threw: `${id} is not registered` };
  else {
    const decoded = decodeArgs(args);
    const before = copy(decoded);
    const t0 = performance.now();
    const first = call(fn, decoded);
    const ms = performance.now() - t0;
    const mutated = !same(before, decoded);
    const second = first.threw ? undefined : call(fn, decoded);
    observation = { first, second, ms, mutated };
  }
  port.postMessage(observation);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
