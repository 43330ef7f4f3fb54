/**
 * The words written on the calculation sheet, in English and Japanese: labels, units, one-line explanations,
 * and the texts formulas compare against (unit names, the retention-cost basis, health bands).
 * Both tables have the same keys (checked by the type), so a sheet is never half translated.
 */
import type { PlanLang, PlanUnit } from "./types";

export interface SheetLabels {
  sheetName: string;
  title: string;
  subtitle: string;
  sourceStamp: string; // {source} {time}
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
  summaryHeaders: [string, string, string, string, string];
  units: Record<PlanUnit, string>;
  unitPlural: Record<PlanUnit, string>;
  /** the unit word used in the largest-drop sentence and the chart axis */
  dropUnit: Record<PlanUnit, string>;
  basisTotal: string;
  basisPerPeriod: string;
  currency: string;
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
    "LTV after costs (Result_LTV)",
    "= LTV before acquisition cost − acquisition cost: what one customer is worth.",
  ],
  ltvCac: ["LTV:CAC (Result_LTV_CAC)", "= LTV before acquisition cost ÷ acquisition cost."],
  health: ["Health", "Below 1 loses money, 1–3 is thin, 3 or more is healthy."],
  maxCac: [
    "Largest acquisition cost at the target (Result_Max_CAC)",
    "= LTV before acquisition cost ÷ target ratio.",
  ],
  payback: [
    "CAC payback (Result_CAC_Payback)",
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
} satisfies Record<string, [string, string]>;

/** A row of the sheet that has a label and an explanation: an input, a step of the chain, a ledger fact. */
export type RowKey = keyof typeof EN_ROWS;

const en: SheetLabels = {
  sheetName: "LTV calculation",
  title: "Customer lifetime value (LTV) — live calculation",
  subtitle:
    "Blue cells are inputs: change them and everything below recalculates. Native Excel formulas only — works without the add-in.",
  sourceStamp: "Ledger values read from {source} on {time}. Re-run the wizard to refresh them.",
  manualStamp: "Written by the LTV wizard on {time}.",
  colItem: "Item",
  colValue: "Value",
  colUnit: "Unit",
  colExplain: "What it means / how it is computed",
  inputsSection: "1. Inputs",
  chainSection: "2. Calculation",
  sensitivitySection: "3. Sensitivity: LTV after costs",
  sensitivityCaption:
    "Rows: average order value −20 % … +20 %. Columns: purchase frequency −20 % … +20 %. Centre = Result_LTV.",
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
  summaryHeaders: ["Customer", "First order", "Last order", "Orders", "Revenue"],
  units: { month: "month", quarter: "quarter", year: "year" },
  unitPlural: { month: "months", quarter: "quarters", year: "years" },
  dropUnit: { month: "month", quarter: "quarter", year: "year" },
  basisTotal: "total",
  basisPerPeriod: "per period",
  currency: "currency",
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
  sourceStamp:
    "台帳の値は {source} から {time} に読み込みました。更新するにはウィザードを再実行してください。",
  manualStamp: "LTV ウィザードが {time} に作成しました。",
  colItem: "項目",
  colValue: "値",
  colUnit: "単位",
  colExplain: "意味・計算方法",
  inputsSection: "1. 入力",
  chainSection: "2. 計算",
  sensitivitySection: "3. 感度分析: コスト控除後の LTV",
  sensitivityCaption:
    "行: 平均購入単価 −20 %〜+20 %、列: 購買頻度 −20 %〜+20 %。中央 = Result_LTV。",
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
  summaryHeaders: ["顧客", "初回購入日", "最終購入日", "注文数", "売上"],
  units: { month: "月", quarter: "四半期", year: "年" },
  unitPlural: { month: "か月", quarter: "四半期", year: "年" },
  dropUnit: { month: "か月", quarter: "四半期", year: "年" },
  basisTotal: "合計",
  basisPerPeriod: "1期間あたり",
  currency: "円",
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
    ltv: [
      "コスト控除後の LTV（Result_LTV）",
      "= 獲得コスト控除前の LTV − 獲得コスト: 顧客 1 人の価値。",
    ],
    ltvCac: ["LTV:CAC（Result_LTV_CAC）", "= 獲得コスト控除前の LTV ÷ 獲得コスト。"],
    health: ["健全性", "1 未満は赤字、1〜3 は薄い、3 以上は健全。"],
    maxCac: [
      "目標比率での獲得コスト上限（Result_Max_CAC）",
      "= 獲得コスト控除前の LTV ÷ 目標比率。",
    ],
    payback: [
      "CAC 回収期間（Result_CAC_Payback）",
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
      "1 期間あたりの解約率",
      "ある期間に購入した顧客のうち、次の期間に購入しなかった割合の平均（台帳から）。",
    ],
    lifespanFromChurn: [
      "期待継続期間（1 ÷ 解約率）",
      "= 1 ÷ 解約率。上書きしない限り継続購入期間に使われます。",
    ],
    largestDrop: ["継続率が最も下がる時期", "顧客が最も離れる時期: 注意すべき期間です。"],
  },
  dropWords:
    "継続率が最も下がるのは初回購入から {from}{unit}目 → {to}{unit}目: {fromShare} から {toShare}（{drop} ポイント）。",
  noDrop: "観測期間内で継続率は下がっていません。",
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
