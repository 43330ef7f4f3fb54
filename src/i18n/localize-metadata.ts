/**
 * Builds a localized `functions.json` from the English one that custom-functions-metadata generates from JSDoc.
 *
 * The plugin does not localize, so the build runs this with the Japanese table: function descriptions and
 * parameter display names/descriptions are replaced; ids, names, types, options and everything else stay exactly
 * as generated (Microsoft's schema has no result description, so the Japanese file carries none either).
 * Pure and used both by the build (webpack) and by the metadata test.
 */
import type { FunctionTableJa } from "./functions/types";

export interface FunctionsMetadata {
  allowErrorForDataTypeAny?: boolean;
  allowCustomDataForDataTypeAny?: boolean;
  functions: Array<{
    id: string;
    name: string;
    description?: string;
    helpUrl?: string;
    result?: { type?: string; dimensionality?: string; description?: string };
    parameters?: Array<{
      name: string;
      description?: string;
      type?: string;
      dimensionality?: string;
      optional?: boolean;
    }>;
    options?: Record<string, unknown>;
  }>;
  [key: string]: unknown;
}

/**
 * The generated metadata as the add-in ships it: with `allowErrorForDataTypeAny`, so a range holding an error
 * cell still reaches the function, which names the row and the error (without it Excel answers with the bare
 * error and never calls the function). The JSDoc generator has no tag for this top-level property. Pure.
 */
export function finishMetadata(metadata: FunctionsMetadata): FunctionsMetadata {
  return { ...metadata, allowErrorForDataTypeAny: true };
}

/** What is missing from the table for a given metadata, as readable lines (empty when complete). */
export function missingTranslations(metadata: FunctionsMetadata, table: FunctionTableJa): string[] {
  const missing: string[] = [];
  for (const fn of metadata.functions) {
    const t = table[fn.id];
    if (!t) {
      missing.push(`${fn.id}: no Japanese entry`);
      continue;
    }
    if (!t.description) missing.push(`${fn.id}: no description`);
    for (const p of fn.parameters ?? []) {
      const pt = t.params[p.name];
      if (!pt || !pt.name || !pt.description)
        missing.push(`${fn.id}.${p.name}: no Japanese name or description`);
    }
    for (const name of Object.keys(t.params)) {
      if (!(fn.parameters ?? []).some((p) => p.name === name))
        missing.push(`${fn.id}.${name}: not a parameter`);
    }
  }
  return missing;
}

/**
 * Returns the Japanese metadata. Throws when a function or parameter has no translation, so an incomplete
 * table fails the build instead of shipping English text to Japanese users.
 */
export function localizeMetadata(
  metadata: FunctionsMetadata,
  table: FunctionTableJa
): FunctionsMetadata {
  const missing = missingTranslations(metadata, table);
  if (missing.length > 0)
    throw new Error(`Japanese function metadata is incomplete:\n  ${missing.join("\n  ")}`);
  return {
    ...metadata,
    functions: metadata.functions.map((fn) => {
      const t = table[fn.id];
      return {
        ...fn,
        description: t.description,
        parameters: (fn.parameters ?? []).map((p) => ({
          ...p,
          name: t.params[p.name].name,
          description: t.params[p.name].description,
        })),
      };
    }),
  };
}
