/**
 * Builds a localized `functions.json` from the English one that custom-functions-metadata generates from JSDoc.
 *
 * The plugin does not localize, so the build runs this with the Japanese table: descriptions, result texts and
 * parameter display names/descriptions are replaced; ids, names, types and options stay exactly as generated.
 * Pure: no file access, so the build (webpack) hands it the two tables and writes what it returns.
 */
import type { FunctionTableJa } from "./functions/types";

export interface FunctionsMetadata {
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
        ...(fn.result
          ? { result: { ...fn.result, ...(t.result ? { description: t.result } : {}) } }
          : {}),
        parameters: (fn.parameters ?? []).map((p) => ({
          ...p,
          name: t.params[p.name].name,
          description: t.params[p.name].description,
        })),
      };
    }),
  };
}
