import type { FunctionTableJa } from "./types";

/** Japanese metadata of LTV, AVG_ORDER, FREQ, RETENTION_PERIODS (keyed by function id). */
export const FOUNDATION_JA: FunctionTableJa = {
  LTV: {
    description:
      "顧客生涯価値（LTV）= 粗利率 × 平均購入単価 × 購買頻度 × 継続期間数（割引あり）− 新規獲得コスト − 顧客維持コスト。",
    result: "顧客1人あたりの生涯価値（通貨）",
    params: {
      avg_order: { name: "平均購入単価", description: "1回の購入あたりの平均金額（例: 415）。" },
      frequency: {
        name: "購買頻度",
        description: "1期間あたりの購入回数（例: 四半期に12回なら 12）。",
      },
      periods: {
        name: "継続期間数",
        description: "購入が続く期間の数（購買頻度と同じ期間単位。例: 3年を四半期で数えると 12）。",
      },
      acquisition_cost: {
        name: "新規獲得コスト",
        description: "顧客1人を獲得するコストの合計（省略時 0）。",
      },
      retention_cost: {
        name: "顧客維持コスト",
        description: "顧客1人を維持するコストの生涯合計（省略時 0）。",
      },
      gross_margin: {
        name: "粗利率",
        description: "売上に対する粗利の割合 0〜1（例: 0.4 または 40%。省略時 1 = 売上ベース）。",
      },
      discount_rate: {
        name: "割引率",
        description: "1期間あたりの割引率 0〜1（例: 0.02。省略時 0 = 割引なし）。",
      },
    },
  },
  AVG_ORDER: {
    description:
      "平均購入単価 = 金額の合計 ÷ 注文数。注文番号を指定すると同じ番号の行を1注文にまとめます。",
    result: "1注文あたりの平均金額",
    params: {
      amounts: {
        name: "金額",
        description:
          "売上台帳の金額の列（列全体も可。見出し行と空白行は無視。マイナスは返品・値引き）。",
      },
      order_ids: {
        name: "注文番号",
        description: "省略可。注文番号の列。同じ番号の行（明細）を1注文として数えます。",
      },
    },
  },
  FREQ: {
    description:
      '購買頻度：顧客1人・1期間あたりの購入回数。method "active"（既定）は継続中の顧客の購入回数（台帳に当てはめた購買モデルによる推定で、台帳ルートの平均継続期間数と掛け合わせられます）。"window" は 注文数 ÷ 顧客数 ÷ 観測期間（最初の注文日から最後の注文日まで）の期間数。',
    result: "顧客1人・1期間あたりの購入回数",
    params: {
      customer_ids: { name: "顧客ID", description: "売上台帳の顧客IDの列。" },
      order_dates: {
        name: "購入日",
        description: "購入日の列（日付セル、または 2024/1/5・2024年1月5日 などの文字列）。",
      },
      period: {
        name: "期間単位",
        description:
          '省略可。"day"（日）, "week"（週）, "month"（月）, "quarter"（四半期）, "year"（年、既定）または日数。',
      },
      order_ids: {
        name: "注文番号",
        description:
          '省略可。注文番号の列。同じ番号の行を1注文として数えます（method "window" のとき）。',
      },
      method: {
        name: "方法",
        description:
          '省略可。"active"（既定：継続中の顧客の1期間あたり購入回数。同じ日の注文は1回の購入）または "window"（観測期間全体で割る）。',
      },
    },
  },
  RETENTION_PERIODS: {
    description:
      "継続購入期間を購買頻度の期間単位の数に換算します（例: 3年を四半期で数えると 12）。",
    result: "期間の数",
    params: {
      lifespan: { name: "継続購入期間", description: "顧客が購入を続ける長さ（例: 3）。" },
      lifespan_unit: {
        name: "継続期間の単位",
        description: '省略可。lifespan の単位（"year" 既定、"month"、"年"、"月" など）。',
      },
      period: {
        name: "期間単位",
        description: '省略可。数える期間の単位（購買頻度と同じ単位。既定 "year"）。',
      },
    },
  },
};
