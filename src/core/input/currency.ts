/**
 * The currency a ledger's amounts are in, and how many decimals every view shows for it: one rounding rule per
 * currency (yen has no minor unit, so 0 decimals; dollars 2), read by the sheet's formats, the wizard and the CLI.
 * Pure; O(cells scanned).
 */

/** The currencies the sheet names. */
export type Currency = "JPY" | "USD";

/** Decimals shown for an amount of each currency. */
export const CURRENCY_DIGITS: Readonly<Record<Currency, number>> = { JPY: 0, USD: 2 };

/** Without a sign in the ledger: yen for Japanese, dollars for English. */
export function defaultCurrency(lang: "en" | "ja"): Currency {
  return lang === "ja" ? "JPY" : "USD";
}

/**
 * The currency a column of amounts names: yen when a text cell carries ¥, ￥, 円 or the yen backslash of Japanese
 * fonts, dollars when one carries $; undefined when none does (plain numbers). Only the first `limit` cells are
 * looked at. Example: `currencyOfAmounts(["¥1,200", 800])` → "JPY".
 */
export function currencyOfAmounts(cells: readonly unknown[], limit = 1000): Currency | undefined {
  const n = Math.min(cells.length, limit);
  for (let i = 0; i < n; i++) {
    const c = cells[i];
    if (typeof c !== "string") continue;
    if (/[¥￥円\\]/.test(c)) return "JPY";
    if (/[$＄]/.test(c)) return "USD";
  }
  return undefined;
}
