/**
 * The two ways the quality suite reaches the custom functions:
 * - the built bundle (dist/functions.js) in a bare JavaScript context whose only add-in global is a
 *   `CustomFunctions` shim, as Excel's JavaScript-only runtime loads it — what ships;
 * - the TypeScript wrappers themselves, found through the same metadata generator the build uses, so failures
 *   point at source lines and count toward coverage.
 *
 * `LTV_DIST=/tmp/somewhere` points the suite at another build folder (a helper's private build).
 */
import * as fs from "fs";
import * as path from "path";
import * as vm from "vm";
import fc from "fast-check";
import type { ErrorCellFactory, FunctionMeta } from "./arbitraries";
import type { RuntimeUnderTest } from "./invariant";

const { createCustomFunctionsShim } = require("../../setup/custom-functions-shim");

export type Fn = (...args: unknown[]) => unknown;

export const ROOT = path.resolve(__dirname, "../../..");
export const DIST = process.env.LTV_DIST
  ? path.resolve(process.env.LTV_DIST)
  : path.join(ROOT, "dist");

export function distFile(name: string): string {
  const file = path.join(DIST, name);
  if (!fs.existsSync(file))
    throw new Error(`${file} is missing: run \`npm run build\` first (npm test does).`);
  return file;
}

export function readFunctionsMetadata(): FunctionMeta[] {
  return (
    JSON.parse(fs.readFileSync(distFile("functions.json"), "utf8")) as { functions: FunctionMeta[] }
  ).functions;
}

/** The English start of the runner's message for a caught internal failure (see formatInternalError). */
export function internalErrorPrefix(): string {
  const { formatInternalError } = require("../../../src/i18n/messages");
  const marker = "\u0001MARK\u0001";
  const text: string = formatInternalError(new Error(marker), "en");
  return text.slice(0, text.indexOf(marker));
}

/** A runtime under test: its functions by id, its error class, and how to make an error cell in it. */
export interface LoadedRuntime extends RuntimeUnderTest {
  functions: Map<string, Fn>;
  makeError: ErrorCellFactory;
  label: string;
}

/** Error cells print as Excel shows them ("#N/A") in fast-check's counterexamples. */
function errorFactory(
  ErrorClass: new (code: string, message?: string) => object
): ErrorCellFactory {
  return (code) => {
    const e = new ErrorClass(code);
    Object.defineProperty(e, fc.toStringMethod, {
      value: () => `ExcelError(${code})`,
      enumerable: false,
    });
    return e;
  };
}

/** Loads dist/functions.js (or another bundle) into a fresh bare context. */
export function loadBundle(file = distFile("functions.js")): LoadedRuntime {
  const shim = createCustomFunctionsShim();
  const context = vm.createContext({ CustomFunctions: shim });
  vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: "functions.js" });
  return {
    functions: shim.registered as Map<string, Fn>,
    ErrorClass: shim.Error,
    makeError: errorFactory(shim.Error),
    internalErrorPrefix: internalErrorPrefix(),
    label: "bundle",
  };
}

/**
 * The TypeScript wrappers by id: the metadata generator's parser (custom-functions-metadata, as the build runs it) maps
 * each `@customfunction` id to its function name and file; the function is taken from the module's exports.
 * Ids whose function is not exported are listed in `unreachable` (the bundle still covers them).
 */
export function loadSources(): LoadedRuntime & {
  unreachable: string[];
  metadata: Map<string, FunctionMeta>;
} {
  const { parseTree } = require("custom-functions-metadata");

  const { FUNCTION_FILES } = require("../../../webpack.config.js") as { FUNCTION_FILES: string[] };
  const functions = new Map<string, Fn>();
  const unreachable: string[] = [];
  const metadata = new Map<string, FunctionMeta>();
  for (const f of FUNCTION_FILES) {
    const file = path.join(ROOT, f);
    const parsed = parseTree(fs.readFileSync(file, "utf8"), file) as {
      associate: { functionName: string; id: string }[];
      functions: FunctionMeta[];
    };
    for (const m of parsed.functions) metadata.set(m.id, m);
    if (parsed.associate.length === 0) continue;

    const mod = require(file) as Record<string, unknown>;
    for (const { functionName, id } of parsed.associate) {
      const fn = mod[functionName];
      if (typeof fn === "function") functions.set(id, fn as Fn);
      else unreachable.push(id);
    }
  }
  const ErrorClass = (
    globalThis as unknown as {
      CustomFunctions: { Error: new (code: string, message?: string) => object };
    }
  ).CustomFunctions.Error;
  return {
    functions,
    ErrorClass,
    makeError: errorFactory(ErrorClass),
    internalErrorPrefix: internalErrorPrefix(),
    label: "sources",
    unreachable,
    metadata,
  };
}
