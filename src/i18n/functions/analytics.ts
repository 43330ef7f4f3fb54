import type { FunctionTableJa } from "./types";

/** Japanese metadata of the ledger-analytics functions (keyed by function id). */
export const ANALYTICS_JA: FunctionTableJa = {};
