/**
 * The LTV's 90 % interval and the thin-data warnings as the sheet stamps them (values computed by src/core/ at
 * writing time: a bootstrap over the fitted model cannot be a native formula). One computation per plan.
 */
import { ledgerInterval, ledgerResults } from "../ledger-analysis";
import { warningText } from "../../i18n/warnings";
import { CURRENCY_DIGITS } from "../../core/input/currency";
import { fill, planCurrency, type PlanContext } from "./context";

const computed = new WeakMap<PlanContext, { low: number; high: number } | null>();

/** The interval of Result_LTV for the plan's inputs, or null without one. O(draws × horizon), once per plan. */
export function intervalOf(c: PlanContext): { low: number; high: number } | null {
  if (!c.value) return null;
  if (!computed.has(c)) computed.set(c, ledgerInterval(c.inputs, c.value));
  return computed.get(c) ?? null;
}

/**
 * "LTV 12,345; 90 %: 10,100–15,200" in the sheet's language, money rounded by its currency's one rule (yen
 * whole, dollars with cents), as the money cells show it.
 */
export function ltvWords(c: PlanContext): string {
  if (!c.value) return "";
  const locale = c.lang === "ja" ? "ja-JP" : "en-US";
  const digits = CURRENCY_DIGITS[planCurrency(c.inputs, c.lang)];
  const n = (x: number) =>
    x.toLocaleString(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const ltv = ledgerResults(c.inputs, c.value).ltv;
  const iv = intervalOf(c);
  if (!iv) return fill(c.L.ltvNoInterval, { ltv: n(ltv) });
  return fill(c.L.ltvIntervalWords, { ltv: n(ltv), low: n(iv.low), high: n(iv.high) });
}

/** The warnings as sentences, one after the other, or that there are none. */
export function warningsWords(c: PlanContext): string {
  const w = c.value?.warnings ?? [];
  if (w.length === 0) return c.L.noWarnings;
  // Japanese sentences follow one another without a space (each ends in 。)
  return w.map((x) => warningText(x, c.lang)).join(c.lang === "ja" ? "" : " ");
}

/**
 * The interval row's explanation: the LTV and its interval in words, then what the interval is (one sentence
 * each), in the explanation column, which wraps, so the sentence is read where it stands.
 */
export function ltvWordsExplained(c: PlanContext): string {
  const words = ltvWords(c);
  const end = /[.。]$/.test(words) ? "" : c.lang === "ja" ? "。" : ".";
  return `${words}${end}${c.lang === "ja" ? "" : " "}${c.L.rows.ltvInWords[1]}`;
}
