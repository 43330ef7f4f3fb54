/**
 * The row labels LEDGER_LTV spills, in English and Japanese (the spill is read by people, so its labels speak
 * the user's language; the values are the same in every language).
 */
import type { Lang } from "./language";

export type LedgerLtvRow =
  | "firstOrder"
  | "avgOrder"
  | "frequency"
  | "periods"
  | "horizon"
  | "repeatPurchases"
  | "ltvBeforeCosts"
  | "ltvLow"
  | "ltvHigh"
  | "model";

export const LEDGER_LTV_ROWS: readonly LedgerLtvRow[] = [
  "firstOrder",
  "avgOrder",
  "frequency",
  "periods",
  "horizon",
  "repeatPurchases",
  "ltvBeforeCosts",
  "ltvLow",
  "ltvHigh",
  "model",
];

export const LEDGER_LTV_LABELS: Readonly<Record<Lang, Readonly<Record<LedgerLtvRow, string>>>> = {
  en: {
    firstOrder: "first purchase (average)",
    avgOrder: "average order (repeat purchases)",
    frequency: "purchases per period while active",
    periods: "expected active periods within the horizon",
    horizon: "horizon (periods)",
    repeatPurchases: "expected repeat purchases",
    ltvBeforeCosts: "LTV before costs (per new customer)",
    ltvLow: "LTV 90 % low (sampling uncertainty)",
    ltvHigh: "LTV 90 % high (sampling uncertainty)",
    model: "model",
  },
  ja: {
    firstOrder: "初回購入額（平均）",
    avgOrder: "平均購入単価（リピート購入）",
    frequency: "継続中の1期間あたり購入回数",
    periods: "期間内の平均継続期間数",
    horizon: "対象期間（期間数）",
    repeatPurchases: "期待リピート購入回数",
    ltvBeforeCosts: "コスト控除前のLTV（新規顧客1人あたり）",
    ltvLow: "LTV 90 %区間の下限（推定の誤差）",
    ltvHigh: "LTV 90 %区間の上限（推定の誤差）",
    model: "モデル",
  },
};

/** How the models are named in the spill. */
export const MODEL_NAMES: Readonly<Record<"pnbd" | "bgnbd" | "nbd" | "sbg", string>> = {
  pnbd: "Pareto/NBD",
  bgnbd: "BG/NBD",
  nbd: "NBD (no dropout seen)",
  sbg: "sBG (contract)",
};
