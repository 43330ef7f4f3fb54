import type { Lang } from "../language";
import type { FunctionTableJa } from "./types";

const CUSTOMER_IDS = {
  name: "顧客ID",
  description: "売上台帳の顧客IDの列（列全体も可。見出し行と空白行は無視）。",
};
const ORDER_DATES = {
  name: "購入日",
  description: "購入日の列（日付セル、または 2024/1/5・2024年1月5日 などの文字列）。",
};
const COHORT_PERIOD = {
  name: "期間単位",
  description:
    '省略可。"month"（月、既定）、"quarter"（四半期）、"year"（年）は暦の期間で数え、"day"（日）、"week"（週）または日数は経過期間で数えます。',
};

/** Japanese metadata of the ledger-analytics functions (keyed by function id). */
export const ANALYTICS_JA: FunctionTableJa = {
  CUSTOMER_SUMMARY: {
    description:
      "顧客ごとに1行（初回登場順）：顧客ID、初回購入日、最終購入日（日付のシリアル値）、注文数、売上、平均購入単価。見出し行付きで表示します。",
    result: "顧客別サマリーの表",
    params: {
      customer_ids: CUSTOMER_IDS,
      order_dates: ORDER_DATES,
      amounts: {
        name: "金額",
        description: "金額の列（¥1,200、1,200円 も可。マイナスは返品・値引き）。",
      },
      order_ids: {
        name: "注文番号",
        description: "省略可。注文番号の列。同じ番号の行を1注文として数えます。",
      },
    },
  },
  RETENTION_CURVE: {
    description:
      "初回購入からの期間（0, 1, 2 …）ごとに、その期間に購入した顧客の割合（継続率）。その期間まで観測できた顧客だけを数えます。月・四半期・年は暦の期間です。",
    result: "期間・継続率・観測顧客数の表",
    params: { customer_ids: CUSTOMER_IDS, order_dates: ORDER_DATES, period: COHORT_PERIOD },
  },
  COHORT_TABLE: {
    description:
      "コホート表：初回購入期間ごとに1行、初回購入からの期間ごとに1列。まだ観測できないセルは空白です。見出し行：コホート、顧客数、0, 1, 2 …",
    result: "コホート表",
    params: {
      customer_ids: CUSTOMER_IDS,
      order_dates: ORDER_DATES,
      period: COHORT_PERIOD,
      measure: {
        name: "集計値",
        description:
          '省略可。"customers"（購入した顧客数、既定）、"retention"（コホートに対する割合）、"revenue"（売上。金額が必要）、"ltv"（獲得した顧客1人あたりの、その期間までの累積売上。金額が必要）。',
      },
      amounts: {
        name: "金額",
        description: '省略可。金額の列。"revenue" と "ltv" のときに必要です。',
      },
      gross_margin: {
        name: "粗利率",
        description:
          '省略可。"ltv" のとき、売上に対する粗利の割合 0〜1（既定 1 = 売上）。累積粗利になります。',
      },
      group: {
        name: "グループ",
        description:
          '省略可。"ltv" のとき、グループの列（獲得チャネル、初回購入商品、地域など）。顧客は初回購入時のグループに入り、グループとコホートの組ごとに1行になります。',
      },
    },
  },
  CHURN_RATE: {
    description:
      "期間あたりの離脱率：ある期間に購入した顧客のうち、次の期間に購入しなかった顧客の割合を、観測期間全体で（購入顧客数の重みで）平均したもの。",
    result: "1期間あたりの離脱率（0〜1）",
    params: {
      customer_ids: CUSTOMER_IDS,
      order_dates: ORDER_DATES,
      period: {
        name: "期間単位",
        description:
          '省略可。"month"（月、既定）、"quarter"、"year"（暦の期間）、"day"、"week" または日数。',
      },
    },
  },
  LTV_CHURN: {
    description:
      "離脱率からの顧客生涯価値：Σ 粗利 ×（1 − 離脱率）^t ÷（1 + 割引率）^t = 粗利 ×（1 + 割引率）÷（割引率 + 離脱率）− 新規獲得コスト。",
    result: "顧客1人あたりの生涯価値",
    params: {
      margin_per_period: {
        name: "期間あたり粗利",
        description: "顧客1人・1期間あたりの粗利（または売上）。例: 1000。",
      },
      churn_rate: {
        name: "離脱率",
        description: "1期間あたりの離脱率 0〜1（例: 0.05 または 5%）。CHURN_RATE の結果など。",
      },
      discount_rate: {
        name: "割引率",
        description: "省略可。1期間あたりの割引率 0〜1（既定 0）。",
      },
      acquisition_cost: {
        name: "新規獲得コスト",
        description: "省略可。顧客1人あたりの獲得コスト。差し引きます（既定 0）。",
      },
    },
  },
  LTV_CAC: {
    description:
      "LTV:CAC 比率 = 顧客生涯価値（獲得コスト控除前）÷ 新規獲得コスト。例: =LTV_CAC(15000, 5000) → 3。",
    result: "比率（3 以上が健全とされることが多い）",
    params: {
      ltv: { name: "顧客生涯価値", description: "顧客1人あたりの生涯価値（獲得コストを引く前）。" },
      acquisition_cost: {
        name: "新規獲得コスト",
        description: "顧客1人あたりの獲得コスト（0 より大きい値）。",
      },
    },
  },
  MAX_CAC: {
    description:
      "目標の LTV:CAC 比率を保てる獲得コストの上限 = 顧客生涯価値 ÷ 目標比率。例: =MAX_CAC(15000) → 5000。",
    result: "顧客1人あたりの獲得コストの上限",
    params: {
      ltv_before_acquisition: {
        name: "獲得前の顧客生涯価値",
        description: "獲得コストを引く前の顧客1人あたりの生涯価値。",
      },
      target_ratio: {
        name: "目標比率",
        description: "省略可。目標とする LTV:CAC 比率（既定 3）。",
      },
    },
  },
  CAC_PAYBACK: {
    description:
      "獲得コストを回収するのに必要な期間数 = 新規獲得コスト ÷ 期間あたり粗利（端数あり）。例: =CAC_PAYBACK(5000, 1200) → 4.17。",
    result: "期間の数",
    params: {
      acquisition_cost: { name: "新規獲得コスト", description: "顧客1人あたりの獲得コスト。" },
      margin_per_period: {
        name: "期間あたり粗利",
        description: "顧客1人・1期間あたりの粗利（0 より大きい値）。",
      },
    },
  },
};

/** Header rows of the spilled tables, per language. */
export const ANALYTICS_HEADERS: Readonly<
  Record<Lang, { summary: readonly string[]; curve: readonly string[]; cohort: readonly string[] }>
> = {
  en: {
    summary: ["customer", "first order", "last order", "orders", "revenue", "average order"],
    curve: ["periods since first purchase", "retention", "customers observed"],
    cohort: ["cohort", "customers"],
  },
  ja: {
    summary: ["顧客ID", "初回購入日", "最終購入日", "注文数", "売上", "平均購入単価"],
    curve: ["初回購入からの期間", "継続率", "観測顧客数"],
    cohort: ["コホート", "顧客数"],
  },
};
