/**
 * The thin-data warnings of src/core/thin-data.ts as sentences, in English and Japanese: what is thin, and what
 * would help (more customers, a longer ledger, a shorter horizon). Shown by the sheet, the wizard's review and
 * the command line.
 */
import type { ThinDataWarning } from "../core/thin-data";
import type { Lang } from "./language";

type Texts = {
  [C in ThinDataWarning["code"]]: (w: Extract<ThinDataWarning, { code: C }>) => string;
};

/** Days as months (one decimal below ten), the unit people think of a ledger's length in. */
const months = (days: number): string => {
  const m = days / (365.25 / 12);
  return m < 10 ? m.toFixed(1) : String(Math.round(m));
};

const en: Texts = {
  noInterval: () =>
    "No 90 % interval: the ledger does not pin the model's parameters down. More customers or a longer ledger would help.",
  fewCustomers: (w) =>
    `Only ${w.customers} customers: the LTV can easily be off by a quarter or more. A longer ledger with more customers (${w.limit} or more) would help.`,
  fewRepeatBuyers: (w) =>
    `Only ${w.repeatBuyers} of ${w.customers} customers bought again: how often and how long customers buy rests on few people. A longer ledger would help.`,
  shortWindow: (w) =>
    `The ledger covers ${months(w.windowDays)} months but the horizon is ${months(w.horizonDays)} months: most of the LTV is extrapolated. A shorter horizon or a longer ledger would help.`,
  atBound: (w) =>
    `The fit reached the limit of its shape parameter (${w.parameters.join(", ")}): customers look more alike than the model can express, so the interval understates the doubt. A longer ledger would help.`,
  noDropoutSeen: () =>
    "No customer seems to have stopped buying yet, so the lifetime is limited by the horizon only. A longer ledger or a shorter horizon would help.",
  fewLapses: (w) =>
    `Only ${w.cancelled} subscribers have cancelled so far: how long subscribers stay rests on few lapses. A longer ledger would help.`,
};

const ja: Texts = {
  noInterval: () =>
    "90 %区間は計算できません（データからモデルのパラメータが定まりません）。顧客数を増やすか、より長い期間のデータを使うと改善します。",
  fewCustomers: (w) =>
    `顧客が${w.customers}人しかいないため、LTVは4分の1以上ずれることがあります。より長い期間のデータで顧客数を増やすと（${w.limit}人以上）改善します。`,
  fewRepeatBuyers: (w) =>
    `${w.customers}人中リピート購入した顧客は${w.repeatBuyers}人だけで、購入頻度と継続期間の推定が少数の顧客に頼っています。より長い期間のデータを使うと改善します。`,
  shortWindow: (w) =>
    `データは${months(w.windowDays)}か月分ですが、対象期間は${months(w.horizonDays)}か月で、LTVの大部分が外挿です。対象期間を短くするか、より長い期間のデータを使うと改善します。`,
  atBound: (w) =>
    `推定が形状パラメータの上限に達しました（${w.parameters.join("、")}）。顧客がモデルで表せる以上に似通っているため、区間は不確かさを小さく見せています。より長い期間のデータを使うと改善します。`,
  noDropoutSeen: () =>
    "まだ離脱した顧客が見られないため、継続期間は対象期間でのみ区切られています。より長い期間のデータを使うか、対象期間を短くすると改善します。",
  fewLapses: (w) =>
    `解約した顧客はまだ${w.cancelled}人だけで、継続期間の推定が少数の解約に頼っています。より長い期間のデータを使うと改善します。`,
};

const TEXTS: Readonly<Record<Lang, Texts>> = { en, ja };

/** A warning as one sentence in `lang`. Example: fewCustomers of 120 → "Only 120 customers: …". O(1). */
export function warningText(w: ThinDataWarning, lang: Lang): string {
  const f = TEXTS[lang][w.code] as (w: ThinDataWarning) => string;
  return f(w);
}
