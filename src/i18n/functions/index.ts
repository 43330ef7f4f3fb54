/**
 * The one translation table for custom-function metadata. Each area of functions keeps its own part (so the
 * parts can grow side by side); the build merges them into `functions.ja.json` and refuses to while any
 * function or parameter of `functions.json` lacks its Japanese text.
 */
import { ANALYTICS_JA } from "./analytics";
import { CUSTOMER_VALUE_JA } from "./customer-value";
import { FOUNDATION_JA } from "./foundation";
import { LEDGER_VALUE_JA } from "./ledger-value";
import { MODELS_JA } from "./models";
import type { FunctionTableJa } from "./types";

export type { FunctionTableJa, FunctionTextJa } from "./types";

export const FUNCTIONS_JA: FunctionTableJa = {
  ...FOUNDATION_JA,
  ...ANALYTICS_JA,
  ...MODELS_JA,
  ...LEDGER_VALUE_JA,
  ...CUSTOMER_VALUE_JA,
};
