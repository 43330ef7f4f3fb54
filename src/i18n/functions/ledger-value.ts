import type { FunctionTableJa } from "./types";

/** Japanese metadata of LEDGER_LTV, BGNBD_EXPECTED_NEW, PNBD_EXPECTED_NEW (keyed by function id). */
export const LEDGER_VALUE_JA: FunctionTableJa = {
  LEDGER_LTV: {
    description:
      "売上台帳から新規顧客1人のLTVと、その内訳（初回購入額・平均購入単価・継続中の購買頻度・期間内の平均継続期間数）と90 %区間を求めます。購買モデル（Pareto/NBD または BG/NBD のうち台帳によく合う方、金額は Gamma-Gamma）で推定します。区間は推定したパラメータの誤差（1,000回の抽出、固定の乱数種で毎回同じ結果）を表し、モデル自体の誤りは含みません。期間単位を変えても表示が変わるだけで LTV は変わりません。",
    result: "2列の表（項目と値）",
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
          '省略可。初回購入から何期間先までを数えるか。期間数、または "3y"・"36m"・"12q"・"3年" などの文字列（既定 3年）。',
      },
      period: {
        name: "期間単位",
        description:
          '省略可。1期間あたりの値を表す単位："month"（月）, "quarter"（四半期）, "year"（年、既定）, "week", "day"。',
      },
      order_ids: {
        name: "注文番号",
        description: "省略可。注文番号の列。同じ番号の行（明細）を1注文として数えます。",
      },
      gross_margin: {
        name: "粗利率",
        description: "省略可。売上に対する粗利の割合 0〜1（既定 1 = 売上ベース）。",
      },
      discount_rate: {
        name: "割引率",
        description:
          "省略可。1期間あたりの割引率 0〜1（既定 0）。各期間の購入は期間の中央から割り引き、初回購入は割り引きません。",
      },
      model: {
        name: "モデル",
        description:
          '省略可。契約のないリピート購入："auto"（既定：台帳によく合う方）, "pnbd"（Pareto/NBD）, "bgnbd"（BG/NBD）。契約・定期購入（サブスク）："contract"（解約までの支払い回数に sBG を当てはめます。請求周期は台帳から読み取ります）。',
      },
    },
  },
  LEDGER_LTV_SUMMARY: {
    description:
      "顧客サマリー（1顧客1行。データウェアハウスや ltv-workbook sql で集計したもの）から新規顧客1人のLTVとその内訳を求めます。集計元の台帳に LEDGER_LTV を使ったときと同じ値になります。初回購入額の列がなければ、初回購入額は平均購入単価で見積もります。",
    result: "2列の表（項目と値）",
    params: {
      summary: {
        name: "顧客サマリー",
        description:
          "顧客サマリーの範囲：顧客・初回購入日・最終購入日・リピート購入回数（初回より後の購入日の数）・リピート平均購入額、省略可で初回購入額の列。見出し行と空白行は無視します。",
      },
      horizon: {
        name: "対象期間",
        description:
          '省略可。初回購入から何期間先までを数えるか。期間数、または "3y"・"36m"・"12q"・"3年" などの文字列（既定 3年）。',
      },
      period: {
        name: "期間単位",
        description:
          '省略可。1期間あたりの値を表す単位："month"（月）, "quarter"（四半期）, "year"（年、既定）, "week", "day"。',
      },
      gross_margin: {
        name: "粗利率",
        description: "省略可。売上に対する粗利の割合 0〜1（既定 1 = 売上ベース）。",
      },
      discount_rate: {
        name: "割引率",
        description:
          "省略可。1期間あたりの割引率 0〜1（既定 0）。各期間の購入は期間の中央から割り引き、初回購入は割り引きません。",
      },
      model: {
        name: "モデル",
        description:
          '省略可。"auto"（既定：よく合う方）, "pnbd"（Pareto/NBD）, "bgnbd"（BG/NBD）。',
      },
      as_of: {
        name: "集計日",
        description:
          "省略可。サマリーを集計した日（集計終了日。既定: 最終購入日のうち最も新しい日）。",
      },
    },
  },
  BGNBD_EXPECTED_NEW: {
    description:
      "BG/NBD モデルで、新規顧客が初回購入から t 期間のうちに行うリピート購入回数の期待値（Fader, Hardie & Lee 2005 の式9）。",
    result: "期待リピート購入回数",
    params: {
      params: { name: "パラメータ", description: "BGNBD_FIT が返す行（r, alpha, a, b）。" },
      t: { name: "期間", description: "初回購入からの期間数（当てはめと同じ単位。例: 52 週）。" },
    },
  },
  PNBD_EXPECTED_NEW: {
    description:
      "Pareto/NBD モデルで、新規顧客が初回購入から t 期間のうちに行うリピート購入回数の期待値：r/α × E[min(生存期間, t)]。",
    result: "期待リピート購入回数",
    params: {
      params: { name: "パラメータ", description: "PNBD_FIT が返す行（r, alpha, s, beta）。" },
      t: { name: "期間", description: "初回購入からの期間数（当てはめと同じ単位。例: 52 週）。" },
    },
  },
};
