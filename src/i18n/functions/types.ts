/**
 * The shape of a function's Japanese metadata: display description and, per parameter (keyed by its ASCII
 * name in the code), a Japanese display name and description. Function ids and names stay ASCII in every
 * language so a formula reads the same in Japanese and English Excel.
 */
export interface FunctionTextJa {
  description: string;
  result?: string;
  params: Record<string, { name: string; description: string }>;
}

export type FunctionTableJa = Record<string, FunctionTextJa>;
