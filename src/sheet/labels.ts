/**
 * The words written on the calculation sheet, in English and Japanese: labels, units, one-line explanations,
 * and the texts formulas compare against (unit names, the retention-cost basis, health bands).
 * Both tables have the same keys (checked by the type), so a sheet is never half translated.
 */
import type { PlanLang, PlanUnit } from "./types";
import type { Currency } from "../core/input/currency";

export interface SheetLabels {
  sheetName: string;
  title: string;
  subtitle: string;
  sourceStamp: string; // {source} {time} {refresh}
  /** how to refresh the ledger's values: the writer that wrote the sheet says how it is run again */
  refreshWizard: string;
  refreshCli: string;
  manualStamp: string; // {time}
  colItem: string;
  colValue: string;
  colUnit: string;
  colExplain: string;
  inputsSection: string;
  chainSection: string;
  sensitivitySection: string;
  sensitivityCaption: string;
  sensitivityCorner: string;
  unitsSection: string;
  unitsDays: string;
  ledgerSection: string;
  cohortSection: string;
  cohortCaption: string;
  cohortLabel: string;
  cohortSize: string;
  retentionRow: string;
  retentionChart: string;
  retentionAxis: string; // {unit}
  summarySection: string;
  /** customer, first order, last order, orders, revenue, first purchase amount, repeat purchases */
  summaryHeaders: [string, string, string, string, string, string, string];
  businessRepeat: string;
  businessContract: string;
  /** the ledger route's model block, new-customer table and value curve */
  modelSection: string;
  modelCaption: string;
  modelHeaders: [string, string, string];
  modelLabel: string;
  modelNames: Record<"pnbd" | "bgnbd" | "nbd" | "sbg", string>;
  /** label and meaning of each fitted parameter, by model */
  modelParams: Record<"pnbd" | "bgnbd" | "nbd" | "sbg", Record<string, [string, string]>>;
  modelUnitDays: [string, string];
  spendParams: Record<"p" | "q" | "v", [string, string]>;
  tableSection: string;
  tableCaption: string;
  /** period, from, to, expected purchases, expected active time, discount factor */
  tableHeaders: [string, string, string, string, string, string];
  curveSection: string;
  curveCaption: string;
  /** periods since the first purchase, customers observed, observed, the model */
  curveHeaders: [string, string, string, string];
  curveChart: string;
  holdoutWords: string; // {predicted} {days} {actual} {error}
  holdoutWarning: string; // appended when the error is large
  holdoutNone: string;
  ltvIntervalWords: string; // {ltv} {low} {high}
  ltvNoInterval: string;
  noWarnings: string;
  dropShort: string; // {from} {to}
  units: Record<PlanUnit, string>;
  unitPlural: Record<PlanUnit, string>;
  /** the unit word used in the largest-drop sentence and the chart axis */
  dropUnit: Record<PlanUnit, string>;
  basisTotal: string;
  basisPerPeriod: string;
  currency: string;
  /** the unit column's word for each currency's money */
  currencies: Record<Currency, string>;
  perOrder: string;
  ordersPerPeriod: string;
  periodsWord: string;
  days: string;
  ratioUnit: string;
  bandNone: string;
  bandLoses: string;
  bandThin: string;
  bandHealthy: string;
  /** label, explanation */
  rows: Record<RowKey, [string, string]>;
  dropWords: string; // {from} {to} {unit} {fromShare} {toShare} {drop}
  noDrop: string;
  /** the customer-summary source: what the sheet leaves out, in words */
  summaryOrigin: {
    /** after the source's address */
    source: string;
    /** the cohort section's caption, in place of the table and its chart */
    cohorts: string;
    /** the orders fact's explanation: purchase occasions */
    orders: string;
    /** the lapse rate's, the holdout's and the largest drop's explanation */
    lapse: string;
    holdout: string;
    drop: string;
    /** the first purchase's explanation when the summary has no first amounts */
    firstOrderEstimated: string;
  };
  /** data-validation messages, by the shape of the rule ({min} {max}; percentages already × 100) */
  validation: {
    atLeast: string;
    above: string;
    atMost: string;
    between: string;
    percentBetween: string;
    number: string;
    list: string;
  };
}

/**
 * Each row's label and one-line explanation, by row key: the English table defines the keys (`RowKey`), the
 * Japanese one must have them all. A new row of the sheet is one entry here, one in `ja`, and its spec.
 */
const EN_ROWS = {
  period: ["Period unit", "The period of frequency, lifespan, discount rate and per-period costs."],
  avgOrder: [
    "Average order value",
    "What a customer pays per order on average (total sales ÷ orders).",
  ],
  frequency: ["Purchase frequency", "Orders per customer per period."],
  lifespan: ["Customer lifespan", "How long a customer keeps buying, in the lifespan unit."],
  lifespanUnit: ["Lifespan unit", "The unit the lifespan is entered in."],
  grossMargin: ["Gross margin", "Share of revenue left after the cost of goods (0 % … 100 %)."],
  discountRate: [
    "Discount rate per period",
    "Money later is worth less: each period's profit is divided by (1 + rate) once more.",
  ],
  acquisitionCost: [
    "Acquisition cost per customer (CAC)",
    "What it costs to win one customer (ads, sales, onboarding).",
  ],
  retentionCost: [
    "Retention cost per customer",
    "What it costs to keep a customer (mailings, points, support).",
  ],
  retentionBasis: [
    "Retention cost is",
    "'total' over the lifetime, or 'per period' (then × number of periods).",
  ],
  targetRatio: ["Target LTV:CAC ratio", "The ratio you aim for; 3 is the common rule of thumb."],
  periodDays: [
    "Days per period",
    "Length of one period, from the unit table (a month is 365.25 ÷ 12 days).",
  ],
  revenue: ["Revenue per period", "= average order value × purchase frequency."],
  grossProfit: ["Gross profit per period", "= revenue per period × gross margin."],
  periods: [
    "Number of periods (n)",
    "= lifespan converted into periods (lifespan × its days ÷ days per period).",
  ],
  annuity: [
    "Discounted periods (annuity factor A)",
    "= n when the rate d is 0, else (1 + d)(1 − (1 + d)^−n) ÷ d: n periods of profit, each later one discounted.",
  ],
  ltvBeforeCosts: [
    "LTV before costs",
    "= gross profit per period × A: the customer's discounted gross profit.",
  ],
  retentionTotal: [
    "Retention cost over the lifetime",
    "= retention cost, × n when it is given per period.",
  ],
  ltvBeforeAcquisition: [
    "LTV before acquisition cost",
    "= LTV before costs − retention cost over the lifetime.",
  ],
  ltv: [
    "LTV after costs",
    "= LTV before acquisition cost − acquisition cost: what one customer is worth.",
  ],
  ltvLow: [
    "LTV 90 % low",
    "Written with the sheet, not a formula: the 5 % point of the LTV over 1,000 draws of the fitted model (sampling uncertainty only). Rewrite the sheet to update it.",
  ],
  ltvHigh: [
    "LTV 90 % high",
    "Written with the sheet, not a formula: the 95 % point. A bootstrap over the model cannot be a native formula.",
  ],
  ltvInWords: [
    "LTV and its 90 % interval",
    "As written: the model's uncertainty from the data seen, not model error or future change.",
  ],
  ltvWarnings: ["Thin data", "Where the ledger is too thin to trust the LTV, and what would help."],
  ltvCac: ["LTV:CAC", "= LTV before acquisition cost ÷ acquisition cost."],
  health: ["Health", "Below 1 loses money, 1–3 is thin, 3 or more is healthy."],
  maxCac: [
    "Largest acquisition cost at the target",
    "= LTV before acquisition cost ÷ target ratio.",
  ],
  payback: [
    "CAC payback",
    "= acquisition cost ÷ gross profit per period: periods to earn back CAC.",
  ],
  marginalPeriod: [
    "Value of one more period",
    "What one more period of lifetime adds to LTV at the end of the lifetime (gross profit, discounted).",
  ],
  breakEvenPerUnit: [
    "Retention break-even per 1 spent",
    "Periods of extra lifetime that one more unit of retention spend must buy to pay for itself.",
  ],
  breakEvenTotal: [
    "Lifetime the retention spend must add",
    "Retention cost over the lifetime ÷ value of one more period: the extra periods it must buy.",
  ],
  source: ["Source", "The ledger range these values were read from."],
  readAt: [
    "Read at",
    "When the ledger was read; values below are stamped, the summary is not live.",
  ],
  rowsRead: ["Rows used", "Ledger rows read as orders."],
  rowsSkipped: ["Rows skipped", "Rows left out (unreadable dates or amounts, blank cells)."],
  customers: ["Customers", "= COUNTA of the summary's customer column."],
  orders: ["Orders", "= SUM of the summary's orders column."],
  firstDate: ["First order", "= MIN of the summary's first-order column."],
  lastDate: ["Last order", "= MAX of the summary's last-order column."],
  churn: [
    "Churn per period",
    "Average share of active customers not active in the next period (from the ledger).",
  ],
  lifespanFromChurn: [
    "Expected lifetime (1 ÷ churn)",
    "= 1 ÷ churn per period: the lifespan input uses it unless you overwrite it.",
  ],
  largestDrop: [
    "Largest drop in retention",
    "Where customers fall away most: the period to watch.",
  ],
  business: [
    "Kind of business",
    "Repeat purchase without a contract, or a contract / subscription: it decides the model of the ledger.",
  ],
  firstOrder: [
    "First purchase (average)",
    "= mean amount of customers' first purchase (from the summary).",
  ],
  ledgerAvgOrder: [
    "Average order value (repeat purchases)",
    "Expected amount of a repeat purchase: the spend model's mean (or the mean of the ledger's repeat purchases).",
  ],
  ledgerFrequency: [
    "Purchase frequency while active",
    "Purchases per period while a customer is still buying (the model's mean rate; not orders ÷ the whole window).",
  ],
  horizon: [
    "Horizon",
    "How far ahead from the first purchase the LTV counts (at most the table's length).",
  ],
  horizonUnit: ["Horizon unit", "The unit the horizon is entered in."],
  horizonPeriods: ["Horizon in periods", "= horizon × its days ÷ days per period."],
  modelUnits: ["Model time units per period", "= days per period ÷ the model's time unit in days."],
  expectedPeriods: [
    "Expected active periods within the horizon",
    "= sum of the table's expected active time: how long a new customer keeps buying, on average, within the horizon.",
  ],
  discountedPeriods: [
    "Discounted active periods (D)",
    "= Σ expected active time × discount factor: the same periods, each discounted from its middle.",
  ],
  repeatPurchases: [
    "Expected repeat purchases",
    "= frequency × expected active periods: the model's expected purchases after the first, within the horizon.",
  ],
  ledgerLtvBeforeCosts: [
    "LTV before costs",
    "= gross margin × first purchase + gross profit per period × D.",
  ],
  ledgerPayback: [
    "CAC payback",
    "= (acquisition cost − the first purchase's gross profit) ÷ gross profit per period: periods to earn back CAC.",
  ],
  holdout: [
    "Holdout check",
    "The model fitted without the ledger's last sixth, predicting the purchases of that last sixth.",
  ],
  lapse: [
    "Lapse rate per period",
    "Share of a period's buyers who do not buy in the next period. Not a churn: a customer who skips a period may come back.",
  ],
} satisfies Record<string, [string, string]>;

/** A row of the sheet that has a label and an explanation: an input, a step of the chain, a ledger fact. */
export type RowKey = keyof typeof EN_ROWS;

const en: SheetLabels = {
  sheetName: "LTV calculation",
  title: "Customer lifetime value (LTV) — live calculation",
  subtitle:
    "Blue cells are inputs: change them and everything below recalculates. Native Excel formulas only — works without the add-in.",
  sourceStamp: "Ledger values read from {source} on {time}. {refresh}",
  refreshWizard: "To refresh them, run the LTV wizard again.",
  refreshCli: "To refresh them, run ltv-workbook on the ledger again.",
  manualStamp: "Written on {time}.",
  colItem: "Item",
  colValue: "Value",
  colUnit: "Unit",
  colExplain: "What it means / how it is computed",
  inputsSection: "1. Inputs",
  chainSection: "2. Calculation",
  sensitivitySection: "3. Sensitivity: LTV after costs",
  sensitivityCaption:
    "Rows: average order value −20 % … +20 %. Columns: purchase frequency −20 % … +20 %. Centre = the LTV after costs of the inputs above.",
  sensitivityCorner: "Avg order ↓ / Frequency →",
  unitsSection: "Period units",
  unitsDays: "Days",
  ledgerSection: "4. From the sales ledger",
  cohortSection: "5. Cohort retention (share of each first-purchase cohort buying again)",
  cohortCaption:
    "Rows: first-purchase period. Columns: periods since the first purchase. Blank = not yet observable.",
  cohortLabel: "Cohort",
  cohortSize: "Customers",
  retentionRow: "All cohorts (retention curve)",
  retentionChart: "Retention curve",
  retentionAxis: "{unit} since first purchase",
  summarySection: "Per-customer summary (values)",
  summaryHeaders: [
    "Customer",
    "First order",
    "Last order",
    "Orders",
    "Revenue",
    "First purchase",
    "Repeat purchases",
  ],
  businessRepeat: "repeat purchase (no contract)",
  businessContract: "contract / subscription",
  modelSection: "6. The model fitted to the ledger",
  modelCaption:
    "Fitted when the sheet was written (maximum likelihood); the inputs above are formulas over these values.",
  modelHeaders: ["Parameter", "Value", "What it means"],
  modelLabel: "Model",
  modelNames: {
    pnbd: "Customers buy at their own rate while active and may stop at any time",
    bgnbd: "Customers buy at their own rate while active and may stop after a purchase",
    nbd: "Customers buy at their own rate; nobody in the ledger is seen to stop",
    sbg: "Contracts: at each renewal a customer cancels with their own probability",
  },
  modelParams: {
    pnbd: {
      r: ["r", "shape of the purchase rates across customers"],
      alpha: ["α", "scale of the purchase rates (mean rate = r ÷ α per time unit)"],
      s: ["s", "shape of the dropout rates across customers"],
      beta: ["β", "scale of the dropout rates (survival = (β ÷ (β + t))^s)"],
    },
    bgnbd: {
      r: ["r", "shape of the purchase rates across customers"],
      alpha: ["α", "scale of the purchase rates (mean rate = r ÷ α per time unit)"],
      a: ["a", "dropout after a purchase ~ Beta(a, b)"],
      b: ["b", "dropout after a purchase ~ Beta(a, b)"],
    },
    nbd: {
      r: ["r", "shape of the purchase rates across customers"],
      alpha: ["α", "scale of the purchase rates (mean rate = r ÷ α per time unit)"],
    },
    sbg: {
      alpha: ["α", "cancellation probability at each renewal ~ Beta(α, β)"],
      beta: ["β", "cancellation probability at each renewal ~ Beta(α, β)"],
    },
  },
  modelUnitDays: [
    "time unit (days)",
    "the unit the model was fitted in: a week, or the billing period",
  ],
  spendParams: {
    p: ["spend p", "spend per purchase ~ Gamma(p, ν), ν ~ Gamma(q, γ) across customers"],
    q: ["spend q", "the average order value is pγ ÷ (q − 1)"],
    v: ["spend γ", "the scale of the spend model"],
  },
  tableSection: "7. A new customer, period by period",
  tableCaption:
    "Expected purchases and time still active in each period after the first purchase; the sums give the periods and D above.",
  tableHeaders: [
    "Period",
    "From",
    "To",
    "Expected purchases",
    "Expected active time",
    "Discount factor",
  ],
  curveSection: "8. Does the model track the ledger? Revenue per acquired customer",
  curveCaption:
    "Cumulative revenue per customer by periods since the first purchase: as observed (customers observed that long) and as the model expects.",
  curveHeaders: ["Periods since first purchase", "Customers observed", "Observed", "Model"],
  curveChart: "Cumulative revenue per acquired customer",
  holdoutWords:
    "Predicted {predicted} purchases in the last {days} days of the ledger; there were {actual} ({error}).",
  holdoutWarning: " The model does not track this ledger well: read the LTV with care.",
  holdoutNone: "The ledger is too short for a holdout check.",
  ltvIntervalWords: "LTV {ltv}; 90 %: {low}–{high}",
  ltvNoInterval: "LTV {ltv}; no 90 % interval (see the warnings below).",
  noWarnings: "None: the ledger has enough customers and history for this horizon.",
  dropShort: "{from} → {to}",
  units: { month: "month", quarter: "quarter", year: "year" },
  unitPlural: { month: "months", quarter: "quarters", year: "years" },
  dropUnit: { month: "month", quarter: "quarter", year: "year" },
  basisTotal: "total",
  basisPerPeriod: "per period",
  currency: "$",
  currencies: { JPY: "¥", USD: "$" },
  perOrder: "per order",
  ordersPerPeriod: "orders / period",
  periodsWord: "periods",
  days: "days",
  ratioUnit: "×",
  bandNone: "no acquisition cost entered",
  bandLoses: "below 1: loses money on each customer",
  bandThin: "1 to 3: thin",
  bandHealthy: "3 or more: healthy",
  rows: EN_ROWS,
  dropWords:
    "Retention falls most between {unit} {from} and {unit} {to}: from {fromShare} to {toShare} ({drop} points).",
  noDrop: "Retention never falls in the observed periods.",
  summaryOrigin: {
    source: "(customer summary: one row per customer)",
    cohorts:
      "Read from a customer summary: the cohort retention table, the retention curve and its largest drop need the order lines (who bought in which period), which a summary does not hold. Run the wizard on the order lines, or the warehouse's cohort SQL (ltv-workbook sql), to see them.",
    orders:
      "Purchase occasions: 1 + the repeat purchases of each customer (purchases on one day are one).",
    lapse: "Not known from a customer summary: it needs who bought in each period.",
    holdout:
      "Not known from a customer summary: the check refits without the last months' order lines.",
    drop: "Not known from a customer summary (no purchases by period).",
    firstOrderEstimated:
      "= the average order: the customer summary has no first purchase amounts, so a first purchase like the later ones is assumed.",
  },
  validation: {
    atLeast: "Enter a number of {min} or more.",
    above: "Enter a number greater than {min}.",
    atMost: "Enter a number of {max} or less.",
    between: "Enter a number between {min} and {max}.",
    percentBetween: "Enter a percentage between {min} % and {max} %.",
    number: "Enter a number.",
    list: "Choose a value from the list.",
  },
};

const ja: SheetLabels = {
  sheetName: "LTV計算",
  title: "顧客生涯価値（LTV）— 自動計算シート",
  subtitle:
    "青いセルが入力です。変更すると下の計算がすべて再計算されます。Excel 標準の数式だけなので、アドインがなくても動きます。",
  sourceStamp: "台帳の値は {source} から {time} に読み込みました。{refresh}",
  refreshWizard: "更新するには LTV ウィザードをもう一度実行してください。",
  refreshCli: "更新するには台帳に対して ltv-workbook をもう一度実行してください。",
  manualStamp: "{time} に作成しました。",
  colItem: "項目",
  colValue: "値",
  colUnit: "単位",
  colExplain: "意味・計算方法",
  inputsSection: "1. 入力",
  chainSection: "2. 計算",
  sensitivitySection: "3. 感度分析: コスト控除後の LTV",
  sensitivityCaption:
    "行: 平均購入単価 −20 %〜+20 %、列: 購買頻度 −20 %〜+20 %。中央 = 上の入力値でのコスト控除後の LTV。",
  sensitivityCorner: "平均購入単価 ↓ / 購買頻度 →",
  unitsSection: "期間の単位",
  unitsDays: "日数",
  ledgerSection: "4. 売上台帳から",
  cohortSection: "5. コホート別継続率（初回購入期間ごとの再購入率）",
  cohortCaption: "行: 初回購入の期間、列: 初回購入からの経過期間。空欄 = まだ観測できない期間。",
  cohortLabel: "コホート",
  cohortSize: "顧客数",
  retentionRow: "全コホート（継続率の推移）",
  retentionChart: "継続率の推移",
  retentionAxis: "初回購入からの経過期間（{unit}）",
  summarySection: "顧客別サマリー（値）",
  summaryHeaders: [
    "顧客",
    "初回購入日",
    "最終購入日",
    "注文数",
    "売上",
    "初回購入額",
    "リピート購入回数",
  ],
  businessRepeat: "リピート購入（契約なし）",
  businessContract: "契約・定期購入（サブスク）",
  modelSection: "6. 台帳に当てはめたモデル",
  modelCaption: "シート作成時に推定した値（最尤法）。上の入力はこの値からの数式です。",
  modelHeaders: ["パラメータ", "値", "意味"],
  modelLabel: "モデル",
  modelNames: {
    pnbd: "顧客は継続中それぞれの頻度で購入し、いつでも離脱しうる",
    bgnbd: "顧客は継続中それぞれの頻度で購入し、購入のあとに離脱しうる",
    nbd: "顧客はそれぞれの頻度で購入し、台帳に離脱した様子の顧客はいない",
    sbg: "契約：更新のたびに顧客ごとの確率で解約する",
  },
  modelParams: {
    pnbd: {
      r: ["r", "顧客ごとの購入頻度のばらつき（形状）"],
      alpha: ["α", "購入頻度の尺度（平均頻度 = r ÷ α／時間単位）"],
      s: ["s", "顧客ごとの離脱率のばらつき（形状）"],
      beta: ["β", "離脱率の尺度（継続割合 = (β ÷ (β + t))^s）"],
    },
    bgnbd: {
      r: ["r", "顧客ごとの購入頻度のばらつき（形状）"],
      alpha: ["α", "購入頻度の尺度（平均頻度 = r ÷ α／時間単位）"],
      a: ["a", "購入後の離脱確率 ~ Beta(a, b)"],
      b: ["b", "購入後の離脱確率 ~ Beta(a, b)"],
    },
    nbd: {
      r: ["r", "顧客ごとの購入頻度のばらつき（形状）"],
      alpha: ["α", "購入頻度の尺度（平均頻度 = r ÷ α／時間単位）"],
    },
    sbg: {
      alpha: ["α", "更新ごとの解約確率 ~ Beta(α, β)"],
      beta: ["β", "更新ごとの解約確率 ~ Beta(α, β)"],
    },
  },
  modelUnitDays: ["時間単位（日）", "モデルを当てはめた単位：1週間、または請求周期"],
  spendParams: {
    p: ["金額 p", "1回の購入額 ~ Gamma(p, ν)、ν は顧客ごとに Gamma(q, γ)"],
    q: ["金額 q", "平均購入単価は pγ ÷ (q − 1)"],
    v: ["金額 γ", "金額モデルの尺度"],
  },
  tableSection: "7. 新規顧客の期間ごとの見込み",
  tableCaption:
    "初回購入後の各期間に見込まれる購入回数と継続している時間。合計が上の期間数と D になります。",
  tableHeaders: ["期間", "開始", "終了", "見込み購入回数", "見込み継続時間", "割引係数"],
  curveSection: "8. モデルは台帳に合っているか：顧客1人あたりの累計売上",
  curveCaption:
    "初回購入からの期間ごとの顧客1人あたり累計売上：実績（その期間を観測できた顧客）とモデルの見込み。",
  curveHeaders: ["初回購入からの期間", "観測できた顧客数", "実績", "モデル"],
  curveChart: "顧客1人あたりの累計売上",
  holdoutWords:
    "台帳の最後の {days} 日の購入回数の予測は {predicted} 回、実際は {actual} 回（{error}）。",
  holdoutWarning: " モデルがこの台帳によく合っていません。LTV は慎重に読んでください。",
  holdoutNone: "台帳が短いため、ホールドアウト検証はできません。",
  ltvIntervalWords: "LTV {ltv}円、90 %区間: {low}〜{high}円",
  ltvNoInterval: "LTV {ltv}円、90 %区間は計算できません（下の注意を参照）。",
  noWarnings: "なし: この対象期間に対して顧客数と期間は十分です。",
  dropShort: "{from} → {to}",
  units: { month: "月", quarter: "四半期", year: "年" },
  unitPlural: { month: "か月", quarter: "四半期", year: "年" },
  dropUnit: { month: "か月", quarter: "四半期", year: "年" },
  basisTotal: "合計",
  basisPerPeriod: "1期間あたり",
  currency: "円",
  currencies: { JPY: "円", USD: "ドル" },
  perOrder: "円／回",
  ordersPerPeriod: "回／期間",
  periodsWord: "期間",
  days: "日",
  ratioUnit: "倍",
  bandNone: "獲得コスト未入力",
  bandLoses: "1 未満: 顧客ごとに赤字",
  bandThin: "1〜3: 薄い",
  bandHealthy: "3 以上: 健全",
  rows: {
    period: ["期間の単位", "購買頻度・継続期間・割引率・期間ごとのコストの単位です。"],
    avgOrder: ["平均購入単価", "1 回の購入で顧客が支払う平均額（売上合計 ÷ 注文数）。"],
    frequency: ["購買頻度", "1 期間あたりの顧客 1 人の購入回数。"],
    lifespan: ["継続購入期間", "顧客が購入を続ける期間（継続期間の単位で入力）。"],
    lifespanUnit: ["継続期間の単位", "継続購入期間を入力した単位。"],
    grossMargin: ["粗利率", "売上から原価を引いて残る割合（0 %〜100 %）。"],
    discountRate: [
      "割引率（1 期間あたり）",
      "将来のお金ほど価値が低い: 期間が進むごとに利益を (1 + 割引率) でもう一度割ります。",
    ],
    acquisitionCost: [
      "顧客獲得コスト（CAC）",
      "顧客 1 人を獲得する費用（広告・営業・初回特典など）。",
    ],
    retentionCost: ["顧客維持コスト", "顧客 1 人を維持する費用（DM・ポイント・サポートなど）。"],
    retentionBasis: [
      "維持コストの区分",
      "「合計」は生涯の合計、「1期間あたり」は期間数を掛けます。",
    ],
    targetRatio: ["目標 LTV:CAC", "目標とする比率。一般的な目安は 3 倍。"],
    periodDays: ["1 期間の日数", "単位表から（1 か月 = 365.25 ÷ 12 日）。"],
    revenue: ["1 期間あたりの売上", "= 平均購入単価 × 購買頻度。"],
    grossProfit: ["1 期間あたりの粗利", "= 1 期間あたりの売上 × 粗利率。"],
    periods: [
      "期間数（n）",
      "= 継続購入期間を期間数に換算（継続期間 × その日数 ÷ 1 期間の日数）。",
    ],
    annuity: [
      "割引後の期間数（年金現価係数 A）",
      "= 割引率 d が 0 なら n、それ以外は (1 + d)(1 − (1 + d)^−n) ÷ d。",
    ],
    ltvBeforeCosts: [
      "コスト控除前の LTV",
      "= 1 期間あたりの粗利 × A: 顧客がもたらす割引後の粗利。",
    ],
    retentionTotal: ["生涯の維持コスト", "= 維持コスト（1 期間あたりなら × n）。"],
    ltvBeforeAcquisition: ["獲得コスト控除前の LTV", "= コスト控除前の LTV − 生涯の維持コスト。"],
    ltv: ["コスト控除後の LTV", "= 獲得コスト控除前の LTV − 獲得コスト: 顧客 1 人の価値。"],
    ltvLow: [
      "LTV 90 %区間の下限",
      "数式ではなくシート作成時に書き込んだ値: 推定したモデルのパラメータを 1,000 回抽出したときの LTV の 5 % 点（推定の誤差のみ）。更新するにはシートを書き直します。",
    ],
    ltvHigh: [
      "LTV 90 %区間の上限",
      "数式ではなくシート作成時に書き込んだ値: 95 % 点。モデルのブートストラップは Excel の数式では計算できません。",
    ],
    ltvInWords: [
      "LTV と 90 %区間",
      "書き込み時の値: データ量による推定の誤差で、モデルの誤りや将来の変化は含みません。",
    ],
    ltvWarnings: ["データ不足の注意", "LTV を信頼するにはデータが薄い点と、改善の方法。"],
    ltvCac: ["LTV:CAC", "= 獲得コスト控除前の LTV ÷ 獲得コスト。"],
    health: ["健全性", "1 未満は赤字、1〜3 は薄い、3 以上は健全。"],
    maxCac: ["目標比率での獲得コスト上限", "= 獲得コスト控除前の LTV ÷ 目標比率。"],
    payback: [
      "CAC 回収期間",
      "= 獲得コスト ÷ 1 期間あたりの粗利: 獲得コストを回収するまでの期間数。",
    ],
    marginalPeriod: [
      "1 期間延びたときの価値",
      "継続期間の終わりに 1 期間延びると LTV がいくら増えるか（割引後の粗利）。",
    ],
    breakEvenPerUnit: [
      "維持費 1 円あたりの損益分岐",
      "維持費をあと 1 円使うなら、継続期間を何期間延ばせば元が取れるか。",
    ],
    breakEvenTotal: [
      "維持コストが延ばすべき期間",
      "生涯の維持コスト ÷ 1 期間延びたときの価値: 元を取るのに必要な延長期間。",
    ],
    source: ["読込元", "この値を読み込んだ台帳の範囲。"],
    readAt: ["読込日時", "台帳を読み込んだ日時。以下の値は読込時点のもので、自動更新されません。"],
    rowsRead: ["使用した行数", "注文として読み込んだ台帳の行数。"],
    rowsSkipped: ["除外した行数", "日付や金額が読めない、空欄があるなどで除外した行。"],
    customers: ["顧客数", "= サマリーの顧客列の COUNTA。"],
    orders: ["注文数", "= サマリーの注文数列の SUM。"],
    firstDate: ["最初の注文日", "= サマリーの初回購入日列の MIN。"],
    lastDate: ["最後の注文日", "= サマリーの最終購入日列の MAX。"],
    churn: [
      "1 期間あたりの離脱率",
      "ある期間に購入した顧客のうち、次の期間に購入しなかった割合の平均（台帳から）。",
    ],
    lifespanFromChurn: [
      "期待継続期間（1 ÷ 離脱率）",
      "= 1 ÷ 離脱率。上書きしない限り継続購入期間に使われます。",
    ],
    largestDrop: ["継続率が最も下がる時期", "顧客が最も離れる時期: 注意すべき期間です。"],
    business: [
      "事業の種類",
      "契約のないリピート購入、または契約・定期購入（サブスク）。台帳のモデルを決めます。",
    ],
    firstOrder: ["初回購入額（平均）", "= 顧客の初回購入額の平均（サマリーから）。"],
    ledgerAvgOrder: [
      "平均購入単価（リピート購入）",
      "リピート購入1回の見込み額：金額モデルの平均（または台帳のリピート購入の平均）。",
    ],
    ledgerFrequency: [
      "継続中の購買頻度",
      "購入を続けている顧客の1期間あたり購入回数（モデルの平均頻度。注文数 ÷ 全期間ではありません）。",
    ],
    horizon: ["対象期間", "初回購入から何年先までを LTV に数えるか（最大で表の長さまで）。"],
    horizonUnit: ["対象期間の単位", "対象期間を入力した単位。"],
    horizonPeriods: ["対象期間（期間数）", "= 対象期間 × その日数 ÷ 1 期間の日数。"],
    modelUnits: ["1期間あたりのモデル時間単位", "= 1 期間の日数 ÷ モデルの時間単位の日数。"],
    expectedPeriods: [
      "対象期間内の平均継続期間数",
      "= 表の見込み継続時間の合計：新規顧客が対象期間内に平均して購入を続ける期間。",
    ],
    discountedPeriods: [
      "割引後の継続期間数（D）",
      "= Σ 見込み継続時間 × 割引係数：同じ期間を、各期間の中央から割り引いたもの。",
    ],
    repeatPurchases: [
      "見込みリピート購入回数",
      "= 購買頻度 × 平均継続期間数：対象期間内の初回以降の購入回数の見込み。",
    ],
    ledgerLtvBeforeCosts: [
      "コスト控除前の LTV",
      "= 粗利率 × 初回購入額 + 1 期間あたりの粗利 × D。",
    ],
    ledgerPayback: [
      "CAC 回収期間",
      "=（獲得コスト − 初回購入の粗利）÷ 1 期間あたりの粗利：獲得コストを回収するまでの期間数。",
    ],
    holdout: [
      "ホールドアウト検証",
      "台帳の最後の6分の1を除いて当てはめたモデルで、その期間の購入回数を予測したもの。",
    ],
    lapse: [
      "1 期間あたりの休止率",
      "ある期間に購入した顧客のうち、次の期間に購入しなかった割合。解約率ではありません：1期間休んだ顧客が戻ることもあります。",
    ],
  },
  dropWords:
    "継続率が最も下がるのは初回購入から {from}{unit}目 → {to}{unit}目: {fromShare} から {toShare}（{drop} ポイント）。",
  noDrop: "観測期間内で継続率は下がっていません。",
  summaryOrigin: {
    source: "（顧客サマリー：1顧客1行）",
    cohorts:
      "顧客サマリーから読み込みました。コホート別の継続率表・継続率の推移・最大の落ち込みには、どの期間に誰が購入したかという注文明細が必要で、サマリーにはありません。見るには注文明細でウィザードを実行するか、データウェアハウスでコホートの SQL（ltv-workbook sql）を実行してください。",
    orders: "購入機会の数：顧客ごとに 1 + リピート購入回数（同じ日の購入は1回）。",
    lapse: "顧客サマリーからは分かりません（期間ごとの購入者が必要です）。",
    holdout:
      "顧客サマリーからは分かりません（直近数か月の注文明細を除いて当てはめ直す検証のため）。",
    drop: "顧客サマリーからは分かりません（期間ごとの購入がないため）。",
    firstOrderEstimated:
      "= 平均購入単価。顧客サマリーに初回購入額がないため、初回も2回目以降と同じ程度と仮定しています。",
  },
  validation: {
    atLeast: "{min} 以上の数値を入力してください。",
    above: "{min} より大きい数値を入力してください。",
    atMost: "{max} 以下の数値を入力してください。",
    between: "{min}〜{max} の数値を入力してください。",
    percentBetween: "{min} %〜{max} % の割合を入力してください。",
    number: "数値を入力してください。",
    list: "一覧から選んでください。",
  },
};

export const SHEET_LABELS: Readonly<Record<PlanLang, SheetLabels>> = { en, ja };

/** Fills `{placeholders}`. */
export function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}
