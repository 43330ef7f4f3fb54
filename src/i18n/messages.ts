/**
 * Error messages in English and Japanese, one per core message code.
 *
 * Placeholders: {arg} argument name, {row} 1-based row in the range, {value} the offending content, plus the
 * code's own params. Messages say what was found and what to do, as a person would fix it in the sheet.
 */
import type { LtvErrorDetail, MessageCode } from "../core/errors";
import { argLabel } from "./args";
import type { Lang } from "./language";

type Table = Record<MessageCode, string>;

const en: Table = {
  notAnAmount: "{where}'{value}' is not an amount. Use a number such as 1200, ¥1,200 or 1,200円.",
  notADate:
    "{where}'{value}' is not a date. Use a date cell or text such as 2024/1/5, 2024-01-05 or 2024年1月5日.",
  notANumber: "{where}'{value}' is not a number.",
  notASingleValue: "{where}expected a single value, got a range of {rows} × {columns} cells.",
  notAnId: "{where}'{value}' cannot be used as an id. Use text or a number.",
  blankCell:
    "{where}the cell is blank, but other cells of this row are filled. Fill it or clear the row.",
  errorCell: "{where}the cell holds the error {error}. Fix that cell first.",
  notAColumn: "{arg}: expected a single column or row, got {rows} rows × {columns} columns.",
  sizeMismatch:
    "{arg} has {rows} rows but {other} has {otherRows}. Select ranges of the same size.",
  negativeTotal:
    "{arg}: the total is negative ({value}): returns exceed sales, so there is no average order value.",
  noOrders: "{arg}: no orders found (the range is empty or holds only a header).",
  mustBeAtLeast: "{where}{value} is too small: it must be at least {limit}.",
  mustBeAbove: "{where}{value} is too small: it must be greater than {limit}.",
  mustBeAtMost: "{where}{value} is too large: it must be at most {limit}.",
  mustBeBelow: "{where}{value} is too large: it must be less than {limit}.",
  unknownPeriod: "{where}'{value}' is not a period. Use one of {units}, or a number of days.",
  unknownOption: "{where}'{value}' is not one of {options}.",
  orderSpansCustomers:
    "{where}order '{value}' belongs to two customers ({first} and {second}). Check the order numbers.",
  resultNotFinite:
    "{arg}: the result is too large to represent. Check the magnitudes of the inputs.",
  infiniteLifetime:
    "{where}with a churn rate of 0 and no discounting, customers never leave and the lifetime value is infinite. Give a churn rate above 0 or a discount rate.",
  tooFewValues: "{arg}: needs at least {limit} values, got {count}.",
  notConverged:
    "{arg}: the estimate did not converge ({reason}). Check the data, or use more of it.",
  requiredFor: "{arg} is needed for {what}. Give the range of amounts.",
  tooManyPeriods:
    '{arg}: {count} periods is more than a sheet can show ({limit}). Use a longer period such as "month".',
  wholeNumber: "{where}{value} is not a whole number. A count of purchases must be 0, 1, 2 …",
  paramCount:
    "{arg}: expected the {expected} parameters returned by {fit} (a 1-row range), got {count} values.",
  tooManyPurchases:
    "{where}{value} repeat purchases is more than a ledger on a sheet can hold: it must be at most {limit}. Check that this column is the frequency.",
  repeatWithoutRecency:
    "{where}recency is {value} but frequency is {frequency}: a repeat purchase comes after the first one, so recency must be above 0. Check the row.",
  timeTooShort:
    "{where}{value} is far too short next to the longest T ({longest}): a time above 0 must be at least {limit}, a billionth of it (a day is at least 1/{days} of any ledger's span). Use 0 for the same day, or check the unit.",
  likelihoodNotFinite:
    "{arg}: the estimate did not converge: the likelihood cannot be computed for this data (a value overflows). Check for extreme values.",
  fitTimeLimit:
    "{arg}: the estimate did not converge within the computation allowed ({iterations} steps). Check the data for extreme values, or use more of it.",
  periodBelowDay:
    '{where}{value} days is shorter than a day. Order dates are whole days, so a period must be at least 1 day: use "day", "week", "month" or a number of days such as 7 or 30.',
  tooManyPeriodsSpan:
    '{arg}: the orders run from {first} to {last}, {count} periods of this length — more than a sheet can show ({limit}). Use a longer period such as "month" or "year", or check for a mistyped date.',
  tableTooLarge:
    '{arg}: the table would have {rows} rows × {columns} columns, more than {limit} cells. Use a longer period such as "month" or "quarter", or check for a mistyped date (the orders run from {first} to {last}).',
  noRepeatPurchases:
    "{arg}: none of the {customers} customers bought a second time, so the ledger cannot tell how often or for how long customers buy. A longer ledger (more months of orders) is needed.",
  noCancellations:
    "{arg}: none of the {customers} customers has cancelled yet (everyone paid within the last billing periods), so the ledger cannot tell how long customers stay. A longer ledger is needed, or enter the expected lifetime yourself.",
  noStandardErrors:
    "{arg}: standard errors are not available: at the estimate the likelihood is flat or not curved like a maximum in some direction (or its curvature cannot be computed), so the data do not pin every parameter down. Use more data (more customers or a longer period).",
  intervalUnstable:
    "{arg}: no interval: the result cannot be computed for {failed} of {draws} plausible parameter sets. Use more data (more customers or a longer period).",
  zeroLooksEmpty:
    "{where}0 here is most likely an empty cell (some Excel versions pass empty cells as 0), and a {arg} of 0 would make every sale worth nothing. Leave the argument out to use its default ({default}); if 0 is meant, type it as the text '0'.",
  notPaidBack:
    "{arg}: the cumulative value does not reach the acquisition cost {cost} in the {count} periods observed (highest {max}): not paid back yet.",
  summaryColumns:
    "{where}a customer summary has 4 to 6 columns (customer, first purchase, last purchase, repeat purchases, average repeat spend, optionally first purchase amount), got {columns}. Select those columns side by side.",
  summaryNoSpend:
    "{arg}: the customer summary has no average repeat spend (its 5th column), which the value needs. Add it after the repeat purchases.",
  duplicateCustomer:
    "{where}customer '{value}' appears twice (first in row {first}). A customer summary has one row per customer.",
  summaryLastBeforeFirst:
    "{where}the last purchase ({value}) is before the first ({first}). Check the column order: customer, first purchase, last purchase, repeat purchases, average repeat spend.",
  summaryRepeatSameDay:
    "{where}{value} repeat purchases, but the last purchase is on the day of the first. Purchases on one day count as one: count the purchase days after the first.",
  summaryNoRepeatSpan:
    "{where}no repeat purchase, but the last purchase ({value}) is after the first ({first}). Check the repeat purchases column.",
  summaryAfterEnd:
    "{where}the last purchase ({value}) is after the calibration end ({end}), and a summary cannot leave the later purchases out. Leave the date out, or summarise the orders up to that date.",
};

const ja: Table = {
  notAnAmount:
    "{where}「{value}」は金額として読めません。1200、¥1,200、1,200円 のように入力してください。",
  notADate:
    "{where}「{value}」は日付として読めません。日付セルか、2024/1/5、2024-01-05、2024年1月5日 の形で入力してください。",
  notANumber: "{where}「{value}」は数値ではありません。",
  notASingleValue: "{where}1つの値を指定してください（{rows}×{columns} の範囲が指定されました）。",
  notAnId: "{where}「{value}」はIDとして使えません。文字列か数値を入力してください。",
  blankCell:
    "{where}セルが空白ですが、同じ行のほかのセルには値があります。入力するか、行ごと消してください。",
  errorCell: "{where}セルがエラー {error} です。先にそのセルを直してください。",
  notAColumn:
    "{arg}：1列または1行の範囲を指定してください（{rows}行×{columns}列が指定されました）。",
  sizeMismatch:
    "{arg} は {rows} 行、{other} は {otherRows} 行です。同じ大きさの範囲を指定してください。",
  negativeTotal:
    "{arg}：合計がマイナス（{value}）です。返品が売上を上回るため、平均購入単価を計算できません。",
  noOrders: "{arg}：注文が見つかりません（範囲が空か、見出しだけです）。",
  mustBeAtLeast: "{where}{value} は小さすぎます。{limit} 以上にしてください。",
  mustBeAbove: "{where}{value} は小さすぎます。{limit} より大きくしてください。",
  mustBeAtMost: "{where}{value} は大きすぎます。{limit} 以下にしてください。",
  mustBeBelow: "{where}{value} は大きすぎます。{limit} 未満にしてください。",
  unknownPeriod:
    "{where}「{value}」は期間の単位ではありません。{units}（日・週・月・四半期・年）か日数を指定してください。",
  unknownOption: "{where}「{value}」は指定できません。{options} のいずれかを指定してください。",
  orderSpansCustomers:
    "{where}注文「{value}」が2人の顧客（{first} と {second}）にまたがっています。注文番号を確認してください。",
  resultNotFinite: "{arg}：結果が大きすぎて表せません。入力値の桁を確認してください。",
  infiniteLifetime:
    "{where}離脱率0で割引もない場合、顧客は離脱せず生涯価値が無限大になります。0より大きい離脱率か割引率を指定してください。",
  tooFewValues: "{arg}：少なくとも {limit} 個の値が必要です（{count} 個）。",
  notConverged:
    "{arg}：推定が収束しませんでした（{reason}）。データを確認するか、より多くのデータを使ってください。",
  requiredFor: "{arg}：{what} の計算に必要です。金額の範囲を指定してください。",
  tooManyPeriods:
    '{arg}：期間が {count} 個あり、シートに表示できる数（{limit}）を超えています。"month"（月）など長い期間単位を指定してください。',
  wholeNumber:
    "{where}{value} は整数ではありません。購入回数は 0, 1, 2 … の整数で指定してください。",
  paramCount:
    "{arg}：{fit} が返す {expected} 個のパラメータ（1行の範囲）を指定してください（{count} 個が指定されました）。",
  tooManyPurchases:
    "{where}リピート購入 {value} 回は、シート上の取引台帳に収まる数を超えています。{limit} 以下にしてください。この列が購入回数（frequency）か確認してください。",
  repeatWithoutRecency:
    "{where}購入回数が {frequency} なのに recency が {value} です。リピート購入は初回購入より後なので、recency は 0 より大きくなります。行を確認してください。",
  timeTooShort:
    "{where}{value} は最長の T（{longest}）に比べて短すぎます。0 より大きい時間は、その10億分の1である {limit} 以上にしてください（1日は、どの取引台帳の期間でもその 1/{days} 以上です）。同じ日なら 0 を指定するか、期間の単位を確認してください。",
  likelihoodNotFinite:
    "{arg}：推定が収束しませんでした。このデータでは尤度を計算できません（値があふれます）。極端な値がないか確認してください。",
  fitTimeLimit:
    "{arg}：推定が計算量の上限内に収束しませんでした（{iterations} ステップ）。極端な値がないか確認するか、より多くのデータを使ってください。",
  periodBelowDay:
    '{where}{value} 日は1日より短い期間です。購入日は日単位なので、期間は1日以上にしてください。"day"（日）、"week"（週）、"month"（月）や 7、30 などの日数を指定してください。',
  tooManyPeriodsSpan:
    '{arg}：注文は {first} から {last} まであり、この期間単位では {count} 期間になり、シートに表示できる数（{limit}）を超えています。"month"（月）や "year"（年）など長い期間単位を指定するか、入力ミスの日付がないか確認してください。',
  tableTooLarge:
    '{arg}：表が {rows} 行 × {columns} 列になり、上限の {limit} セルを超えます。"month"（月）や "quarter"（四半期）など長い期間単位を指定するか、入力ミスの日付がないか確認してください（注文は {first} から {last} まで）。',
  noRepeatPurchases:
    "{arg}：{customers} 人の顧客のだれも2回目の購入をしていないため、どのくらいの頻度で、どのくらいの期間購入が続くかを台帳から推定できません。より長い期間（より多くの月）の注文が必要です。",
  noCancellations:
    "{arg}：{customers} 人の顧客のだれもまだ解約していない（全員が直近の請求期間内に支払っている）ため、継続期間を台帳から推定できません。より長い期間の台帳を使うか、想定する継続期間を入力してください。",
  noStandardErrors:
    "{arg}：標準誤差を計算できません。推定値のところで尤度がある方向に平らか、最大値の形に曲がっていない（または曲がり具合を計算できない）ため、データからすべてのパラメータが定まりません。より多くのデータ（顧客数を増やすか、期間を長くする）を使ってください。",
  intervalUnstable:
    "{arg}：区間を計算できません。ありうるパラメータ {draws} 組のうち {failed} 組で結果を計算できませんでした。より多くのデータ（顧客数を増やすか、期間を長くする）を使ってください。",
  zeroLooksEmpty:
    "{where}0 は空のセルである可能性が高い値です（Excel のバージョンによっては空のセルを 0 として渡します）。{arg} が 0 だとすべての売上の価値が 0 になります。既定値（{default}）を使うには引数を省略してください。0 のつもりなら文字列 '0' として入力してください。",
  notPaidBack:
    "{arg}：観測した {count} 期間のうちに累積額が獲得コスト {cost} に達していません（最大 {max}）。まだ回収できていません。",
  summaryColumns:
    "{where}顧客サマリーは4〜6列（顧客・初回購入日・最終購入日・リピート購入回数・リピート平均購入額・省略可で初回購入額）です（{columns} 列が指定されました）。これらの列を並べて選択してください。",
  summaryNoSpend:
    "{arg}：顧客サマリーにリピート平均購入額（5列目）がありません。価値の計算に必要です。リピート購入回数の右に追加してください。",
  duplicateCustomer:
    "{where}顧客「{value}」が2回出てきます（最初は {first} 行目）。顧客サマリーは1顧客1行です。",
  summaryLastBeforeFirst:
    "{where}最終購入日（{value}）が初回購入日（{first}）より前です。列の順（顧客・初回購入日・最終購入日・リピート購入回数・リピート平均購入額）を確認してください。",
  summaryRepeatSameDay:
    "{where}リピート購入が {value} 回ありますが、最終購入日が初回購入日と同じ日です。同じ日の購入は1回と数えます。初回より後の購入日の数を指定してください。",
  summaryNoRepeatSpan:
    "{where}リピート購入が0回ですが、最終購入日（{value}）が初回購入日（{first}）より後です。リピート購入回数の列を確認してください。",
  summaryAfterEnd:
    "{where}最終購入日（{value}）が集計終了日（{end}）より後です。サマリーからは後の購入を除けません。日付を省略するか、その日までの注文で集計し直してください。",
};

const TABLES: Record<Lang, Table> = { en, ja };

/** The message codes with a text in every language (by their type, both tables have a text for every code). */
export const MESSAGE_TABLES: Readonly<Record<Lang, Readonly<Table>>> = TABLES;

/**
 * Renders an error for a person: "amounts, row 12: '¥1,2x0' is not an amount. …" / "金額（12行目）：…".
 * Long values are shortened so a message fits in Excel's error tooltip.
 */
export function formatError(detail: LtvErrorDetail, lang: Lang): string {
  const arg = detail.arg ? argLabel(detail.arg, lang) : "";
  let where = "";
  if (arg && detail.row !== undefined)
    where = lang === "ja" ? `${arg}（${detail.row}行目）：` : `${arg}, row ${detail.row}: `;
  else if (arg) where = lang === "ja" ? `${arg}：` : `${arg}: `;
  const values: Record<string, string> = {
    where,
    arg: arg || (lang === "ja" ? "入力" : "input"),
    row: detail.row === undefined ? "" : String(detail.row),
    value: shorten(detail.value),
  };
  for (const [k, v] of Object.entries(detail.params ?? {})) {
    values[k] =
      k === "other" ? argLabel(String(v), lang) : typeof v === "number" ? formatNumber(v) : v;
  }
  return TABLES[lang][detail.code].replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? "");
}

function shorten(value: unknown): string {
  if (value === undefined) return "";
  const s = typeof value === "number" ? formatNumber(value) : String(value);
  return truncateText(s, 40);
}

type Segmenter = { segment(s: string): Iterable<{ segment: string }> };
const segmenter: Segmenter | undefined = (() => {
  const S = (Intl as unknown as { Segmenter?: new (l?: string, o?: object) => Segmenter })
    .Segmenter;
  return S ? new S(undefined, { granularity: "grapheme" }) : undefined;
})();

/**
 * `text` cut to at most `max` characters as a person counts them (grapheme clusters: an emoji with its
 * modifiers, a letter with its accents; code points where the runtime has no Intl.Segmenter), the last one
 * "…" when cut. Never splits a surrogate pair, so no lone surrogate reaches a message.
 * Example: `truncateText("a👍🏽b", 2)` → "a…". O(length).
 */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  const parts: string[] = [];
  const units = segmenter ? segmenter.segment(text) : Array.from(text, (segment) => ({ segment }));
  for (const { segment } of units) {
    if (parts.length === max) return `${parts.slice(0, max - 1).join("")}…`;
    parts.push(segment);
  }
  return text;
}

function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const rounded = Math.round(v * 1e10) / 1e10;
  // huge values overflow the rounding (1e300 → Infinity) and tiny ones round to 0: show them in 12 digits instead
  return Number.isFinite(rounded) && (rounded !== 0 || v === 0)
    ? String(rounded)
    : String(Number(v.toPrecision(12)));
}

/** A message for an unexpected failure: still a message a person can report, never a raw exception. */
export function formatInternalError(error: unknown, lang: Lang): string {
  const what = truncateText(error instanceof Error ? error.message : String(error), 300);
  return lang === "ja"
    ? `予期しないエラーが発生しました（${what}）。入力を確認し、解決しない場合は報告してください。`
    : `Unexpected error (${what}). Check the inputs; if it persists, please report it.`;
}
