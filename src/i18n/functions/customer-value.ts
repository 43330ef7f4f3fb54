import type { FunctionTableJa } from "./types";

/** Japanese metadata of CUSTOMER_VALUE and PAYBACK_PERIOD (keyed by function id). */
export const CUSTOMER_VALUE_JA: FunctionTableJa = {
  CUSTOMER_VALUE: {
    description:
      "顧客別の価値ランキング：顧客ごとに1行で、まだ顧客である確率、対象期間の期待購入回数と期待売上、順位（1 = 最も価値が高い）、セグメント（優良 = 上位10%、要フォロー = 過去の売上が上位4分の1で継続している確率が70%未満、休眠 = 期待購入回数が新規顧客の4分の1未満、新規 = 初回購入が直近1期間以内、通常）。台帳の購買モデル（Pareto/NBD または BG/NBD、金額は Gamma-Gamma）を当てはめます。順位順・見出し行付きで表示します。",
    result: "顧客ID・継続している確率・期待購入回数・期待売上・順位・セグメントの表",
    params: {
      customer_ids: {
        name: "顧客ID",
        description: "売上台帳の顧客IDの列（列全体も可。見出し行と空白行は無視）。",
      },
      order_dates: {
        name: "購入日",
        description: "購入日の列（日付セル、または 2024/1/5・2024年1月5日 などの文字列）。",
      },
      amounts: {
        name: "金額",
        description: "金額の列（数値、または ¥1,200・1,200円 などの文字列）。",
      },
      horizon: {
        name: "対象期間",
        description:
          '省略可。何期間先までを予測するか。期間数、または "1y"・"12m"・"39w"・"1年" などの文字列（既定 1年）。',
      },
      period: {
        name: "期間単位",
        description:
          '省略可。対象期間を数で指定したときの単位で、「新規」（初回購入が直近1期間以内）の幅："month"（月、既定）, "week"（週）, "quarter"（四半期）, "year"（年）, "day"。',
      },
      calibration_end: {
        name: "集計終了日",
        description:
          "省略可。集計に含める最後の日（既定: 最後の購入日）。これより後の購入は無視するので、予測と実績を比べられます。",
      },
      order_ids: {
        name: "注文番号",
        description: "省略可。注文番号の列。同じ番号の行（明細）を1注文として数えます。",
      },
    },
  },
  CUSTOMER_VALUE_SUMMARY: {
    description:
      "顧客サマリー（1顧客1行。データウェアハウスや ltv-workbook sql で集計したもの）から顧客別の価値ランキングを作ります。集計元の台帳に CUSTOMER_VALUE を使ったときと同じ表になります。見出し行付きで、顧客・継続している確率・期待購入回数・期待売上・順位・セグメントを順位順に表示します。",
    result: "顧客ID・継続している確率・期待購入回数・期待売上・順位・セグメントの表",
    params: {
      summary: {
        name: "顧客サマリー",
        description:
          "顧客サマリーの範囲：顧客・初回購入日・最終購入日・リピート購入回数（初回より後の購入日の数）・リピート平均購入額、省略可で初回購入額の列。見出し行と空白行は無視します。",
      },
      horizon: {
        name: "対象期間",
        description:
          '省略可。何期間先までを予測するか。期間数、または "1y"・"12m"・"39w"・"1年" などの文字列（既定 1年）。',
      },
      period: {
        name: "期間単位",
        description:
          '省略可。対象期間を数で指定したときの単位で、「新規」（初回購入が直近1期間以内）の幅："month"（月、既定）, "week"（週）, "quarter"（四半期）, "year"（年）, "day"。',
      },
      calibration_end: {
        name: "集計終了日",
        description:
          "省略可。サマリーを集計した日（既定: 最終購入日のうち最も新しい日）。これより後に初めて購入した顧客は除きます。",
      },
    },
  },
  PAYBACK_PERIOD: {
    description:
      '回収期間：顧客1人あたりの累積額が獲得コストに達する最初の期間（ちょうど達した期間を含む）。値は COHORT_TABLE の "ltv" の列と同じく期間 0, 1, 2 …（0 = 初回購入の期間）の順で、空白はまだ観測していない期間です。複数行の範囲なら行ごとに答えます（達していない行は空白）。例: =PAYBACK_PERIOD({900,1150,1300}, 1000) → 1。',
    result: "回収期間（期間の番号）",
    params: {
      cumulative_values: {
        name: "累積額",
        description:
          '初回購入からの期間ごとの顧客1人あたり累積額：COHORT_TABLE(…, "ltv", 金額) の1行（見出しの列を除く）、または複数行。',
      },
      acquisition_cost: {
        name: "獲得コスト",
        description: "顧客1人あたりの新規獲得コスト（CAC、0 以上）。",
      },
    },
  },
};
