import type { FunctionTableJa } from "./types";

/** Japanese metadata of the probabilistic-model functions (keyed by function id). */
export const MODELS_JA: FunctionTableJa = {};
