/**
 * Both built metadata files against Microsoft's own schema, offline.
 *
 * Where the schema comes from: `@microsoft/app-manifest` (Microsoft's manifest package on npm) ships the JSON
 * schemas of the unified manifest, whose `extensionFunction`, `extensionFunctionParameter`, `extensionResult` and
 * `enum` definitions describe a custom function's metadata — the same objects as `functions.json`, except that
 * the options (`stream`, `volatile` …) sit in the function object rather than under `options`. The separate
 * functions.json schema Microsoft publishes is not in any npm package, and the tests never use the network; so
 * each function is validated against those definitions (options flattened), and the top level against the
 * properties Microsoft documents for functions.json (`allowCustomDataForDataTypeAny`, `allowErrorForDataTypeAny`,
 * `functions`, `enums`).
 *
 * The Japanese file must differ from the English one in display names and descriptions only: a host that
 * validates would refuse a function carrying anything the schema does not define.
 */
import * as fs from "fs";
import * as path from "path";
import Ajv from "ajv-draft-04";
import { readMetadata } from "./dist";
import type { FunctionsMetadata } from "../../src/i18n/localize-metadata";

const SCHEMAS = path.join(
  path.dirname(require.resolve("@microsoft/app-manifest/package.json")),
  "build/json-schemas/teams"
);

/** The newest released (not preview) manifest schema in the package. */
function newestSchema(): { version: string; schema: Record<string, unknown> } {
  const versions = fs
    .readdirSync(SCHEMAS)
    .filter((v) => /^v\d+\.\d+$/.test(v))
    .sort((a, b) => {
      const [x, y] = [a, b].map((v) => v.slice(1).split(".").map(Number));
      return x[0] - y[0] || x[1] - y[1];
    });
  const version = versions[versions.length - 1];
  const file = path.join(SCHEMAS, version, "MicrosoftTeams.schema.json");
  return { version, schema: JSON.parse(fs.readFileSync(file, "utf8")) };
}

const { version, schema } = newestSchema();
const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addSchema(schema, "manifest");
const validateFunction = ajv.getSchema("manifest#/definitions/extensionFunction")!;
const validateEnum = ajv.getSchema("manifest#/definitions/enum")!;

const definitions = schema.definitions as Record<string, { properties: Record<string, unknown> }>;
const FUNCTION_KEYS = new Set(Object.keys(definitions.extensionFunction.properties));
const PARAMETER_KEYS = new Set(Object.keys(definitions.extensionFunctionParameter.properties));

/** Documented top-level properties of functions.json. */
const TOP_LEVEL = new Set([
  "$schema",
  "allowCustomDataForDataTypeAny",
  "allowErrorForDataTypeAny",
  "functions",
  "enums",
]);

type Fn = FunctionsMetadata["functions"][number];

/** A functions.json function in the unified manifest's shape: its options moved up into the function. */
function unified(fn: Fn): Record<string, unknown> {
  const { options, ...rest } = fn;
  return { ...rest, ...(options ?? {}) };
}

function problems(file: string, metadata: FunctionsMetadata): string[] {
  const out: string[] = [];
  for (const key of Object.keys(metadata))
    if (!TOP_LEVEL.has(key)) out.push(`${file}: top-level property ${key} is not in the schema`);
  for (const key of ["allowCustomDataForDataTypeAny", "allowErrorForDataTypeAny"])
    if (key in metadata && typeof metadata[key] !== "boolean")
      out.push(`${file}: ${key} is not a boolean`);
  if (!Array.isArray(metadata.functions) || metadata.functions.length === 0)
    out.push(`${file}: no functions`);
  for (const fn of metadata.functions ?? []) {
    if (!validateFunction(unified(fn)))
      for (const e of validateFunction.errors ?? [])
        out.push(`${file}: ${fn.id}${e.instancePath} ${e.message}`);
    // the definitions leave their objects open; functions.json allows the properties they define only
    for (const key of Object.keys(unified(fn)))
      if (!FUNCTION_KEYS.has(key)) out.push(`${file}: ${fn.id}.${key} is not in the schema`);
    for (const p of fn.parameters ?? [])
      for (const key of Object.keys(p))
        if (!PARAMETER_KEYS.has(key))
          out.push(`${file}: ${fn.id}(${p.name}).${key} is not in the schema`);
    for (const key of Object.keys(fn.result ?? {}))
      if (key !== "type" && key !== "dimensionality")
        out.push(`${file}: ${fn.id} result.${key} is not in the schema`);
  }
  for (const e of (metadata.enums as unknown[] | undefined) ?? [])
    if (!validateEnum(e)) out.push(`${file}: enum ${JSON.stringify(e).slice(0, 60)} is invalid`);
  return out;
}

/** The metadata without its display texts: what must be identical in every language. */
function structure(metadata: FunctionsMetadata): unknown {
  return {
    ...metadata,
    functions: metadata.functions.map((fn) => ({
      ...fn,
      description: undefined,
      parameters: (fn.parameters ?? []).map((p) => ({
        ...p,
        name: undefined,
        description: undefined,
      })),
    })),
  };
}

describe(`the metadata files against Microsoft's function schema (@microsoft/app-manifest ${version})`, () => {
  const en = readMetadata("functions.json");
  const ja = readMetadata("functions.ja.json");

  it("functions.json is valid", () => {
    expect(problems("functions.json", en)).toEqual([]);
  });

  it("functions.ja.json is valid", () => {
    expect(problems("functions.ja.json", ja)).toEqual([]);
  });

  it("lets error cells reach the functions, so they can name the row (allowErrorForDataTypeAny)", () => {
    expect(en.allowErrorForDataTypeAny).toBe(true);
    expect(ja.allowErrorForDataTypeAny).toBe(true);
  });

  it("the Japanese file differs from the English one in names and descriptions only", () => {
    expect(structure(ja)).toEqual(structure(en));
  });

  it("the checks have teeth: a result description, an unknown property, a long name are refused", () => {
    const bad = JSON.parse(JSON.stringify(en)) as FunctionsMetadata;
    bad.functions[0].result = { ...bad.functions[0].result, description: "x" };
    (bad.functions[1] as Record<string, unknown>).color = "red";
    bad.functions[2].parameters![0].description = "説".repeat(600);
    (bad as Record<string, unknown>).extra = 1;
    const found = problems("bad", bad).join("\n");
    expect(found).toMatch(/result\.description/);
    expect(found).toMatch(/top-level property extra/);
    expect(found).toMatch(/\.color is not in the schema/);
    expect(found).toMatch(/parameters\/0\/description must NOT have more than 512 characters/);
  });
});
