import type { FunctionTableJa } from "./types";

const FREQ = {
  name: "リピート回数",
  description: "顧客ごとのリピート購入回数（値または列。CLV_SUMMARY の frequency）。",
};
const REC = {
  name: "最終購入までの期間",
  description: "初回購入から最後の購入までの期間（CLV_SUMMARY の recency）。",
};
const TT = {
  name: "観測期間",
  description: "初回購入からデータの終わり（集計終了日）までの期間（CLV_SUMMARY の T）。",
};
const MON = {
  name: "平均リピート金額",
  description: "リピート購入1回あたりの平均金額（CLV_SUMMARY の monetary）。",
};
const T_AHEAD = {
  name: "予測期間",
  description: "この先の期間数（recency・T と同じ単位。例: 39 週）。",
};

const WITH_ERRORS = {
  name: "標準誤差",
  description:
    "省略可。TRUE にすると、推定値の下の2行目に各推定値の標準誤差を返します（既定 FALSE）。",
};

/** Japanese metadata of the probabilistic-model functions (keyed by function id). */
export const MODELS_JA: FunctionTableJa = {
  CLV_SUMMARY: {
    description:
      "確率モデル用の顧客サマリー：見出し行のあと顧客ごとに、リピート回数（frequency）、初回〜最終購入の期間（recency）、初回購入〜集計終了日の期間（T）、リピート購入の平均金額（monetary）を返します。同じ日の購入は1回とします。",
    result: "顧客・frequency・recency・T・monetary の表",
    params: {
      customer_ids: {
        name: "顧客ID",
        description: "売上台帳の顧客IDの列（列全体も可。見出し行と空白行は無視）。",
      },
      order_dates: {
        name: "購入日",
        description: "購入日の列（日付セル、2024/1/5、2024年1月5日、20240105 など）。",
      },
      amounts: {
        name: "金額",
        description: "省略可。金額の列（monetary の計算に使用。省略時 monetary は空白）。",
      },
      period: {
        name: "期間単位",
        description:
          '省略可。recency と T の単位："week"（週、既定）, "day", "month", "quarter", "year" または日数。',
      },
      calibration_end: {
        name: "集計終了日",
        description:
          "省略可。集計に含める最後の日（既定: 最後の購入日）。これより後の購入は無視します。",
      },
    },
  },
  CLV_SUMMARY_FROM: {
    description:
      "顧客サマリー（1顧客1行。データウェアハウスや ltv-workbook sql で集計したもの）から、確率モデル用の表（顧客・frequency・recency・T・monetary）を作ります。集計元の台帳に CLV_SUMMARY を使ったときと同じ表で、BGNBD_FIT・PNBD_FIT・GG_FIT に渡せます。",
    result: "顧客・frequency・recency・T・monetary の表",
    params: {
      summary: {
        name: "顧客サマリー",
        description:
          "顧客サマリーの範囲：顧客・初回購入日・最終購入日・リピート購入回数（初回より後の購入日の数）、省略可でリピート平均購入額と初回購入額の列。見出し行と空白行は無視します。",
      },
      period: {
        name: "期間単位",
        description:
          '省略可。recency と T の単位："week"（週、既定）, "day", "month", "quarter", "year" または日数。',
      },
      calibration_end: {
        name: "集計終了日",
        description:
          "省略可。サマリーを集計した日（既定: 最終購入日のうち最も新しい日）。これより後に初めて購入した顧客は除きます。",
      },
    },
  },
  BGNBD_FIT: {
    description:
      "BG/NBD モデル（Fader, Hardie & Lee 2005）を最尤法で推定します。r, alpha, a, b, 対数尤度 の1行を返します（標準誤差を指定すると2行目に標準誤差）。収束しない場合は理由付きの #N/A。",
    result: "r, alpha, a, b, 対数尤度（標準誤差の指定時は2行目に標準誤差）",
    params: { frequency: FREQ, recency: REC, T: TT, with_errors: WITH_ERRORS },
  },
  BGNBD_EXPECTED: {
    description: "BG/NBD による、この先 t 期間の期待購入回数（顧客ごと。範囲を渡すと列にスピル）。",
    result: "顧客ごとの期待購入回数",
    params: {
      params: { name: "パラメータ", description: "BGNBD_FIT が返す行（r, alpha, a, b）。" },
      t: T_AHEAD,
      frequency: FREQ,
      recency: REC,
      T: TT,
    },
  },
  BGNBD_PALIVE: {
    description:
      "BG/NBD による、顧客がデータの終わりの時点でまだ離脱していない（生存している）確率。",
    result: "顧客ごとの生存確率（0〜1）",
    params: {
      params: { name: "パラメータ", description: "BGNBD_FIT が返す行（r, alpha, a, b）。" },
      frequency: FREQ,
      recency: REC,
      T: TT,
    },
  },
  PNBD_FIT: {
    description:
      "Pareto/NBD モデル（Schmittlein, Morrison & Colombo 1987）を最尤法で推定します。r, alpha, s, beta, 対数尤度 の1行を返します（標準誤差を指定すると2行目に標準誤差）。収束しない場合は理由付きの #N/A。",
    result: "r, alpha, s, beta, 対数尤度（標準誤差の指定時は2行目に標準誤差）",
    params: { frequency: FREQ, recency: REC, T: TT, with_errors: WITH_ERRORS },
  },
  PNBD_EXPECTED: {
    description:
      "Pareto/NBD による、この先 t 期間の期待購入回数（顧客ごと。範囲を渡すと列にスピル）。",
    result: "顧客ごとの期待購入回数",
    params: {
      params: { name: "パラメータ", description: "PNBD_FIT が返す行（r, alpha, s, beta）。" },
      t: T_AHEAD,
      frequency: FREQ,
      recency: REC,
      T: TT,
    },
  },
  PNBD_PALIVE: {
    description: "Pareto/NBD による、顧客がデータの終わりの時点でまだ生存している確率。",
    result: "顧客ごとの生存確率（0〜1）",
    params: {
      params: { name: "パラメータ", description: "PNBD_FIT が返す行（r, alpha, s, beta）。" },
      frequency: FREQ,
      recency: REC,
      T: TT,
    },
  },
  GG_FIT: {
    description:
      "Gamma-Gamma 購入金額モデルを、リピート購入のある顧客で推定します。p, q, v（γ）, 対数尤度 の1行を返します（標準誤差を指定すると2行目に標準誤差）。",
    result: "p, q, v, 対数尤度（標準誤差の指定時は2行目に標準誤差）",
    params: {
      frequency: FREQ,
      monetary: {
        name: "平均リピート金額",
        description: "リピート購入の平均金額の列（frequency が 0 の行は無視）。",
      },
      with_errors: WITH_ERRORS,
    },
  },
  GG_SPEND: {
    description:
      "Gamma-Gamma による顧客ごとの1回あたり期待購入金額：本人の平均を全体平均に寄せた値（購入回数が多いほど本人の平均に近い）。",
    result: "1回あたり期待購入金額",
    params: {
      params: { name: "パラメータ", description: "GG_FIT が返す行（p, q, v）。" },
      frequency: FREQ,
      monetary: MON,
    },
  },
  CLV_PREDICT: {
    description:
      "顧客ごとの生涯価値（CLV）：BG/NBD（購入回数）と Gamma-Gamma（購入金額）から、予測期間の期待粗利を割り引いて合計します（データと同じ時間単位）。",
    result: "顧客ごとの CLV",
    params: {
      bgnbd_params: { name: "BG/NBDパラメータ", description: "BGNBD_FIT が返す行。" },
      gg_params: { name: "Gamma-Gammaパラメータ", description: "GG_FIT が返す行。" },
      frequency: FREQ,
      recency: REC,
      T: TT,
      monetary: MON,
      horizon: {
        name: "予測期間数",
        description: "省略可。この先の期間数（既定 52。recency・T と同じ単位）。",
      },
      discount_rate: {
        name: "割引率",
        description: "省略可。1期間あたりの割引率 0〜1（既定 0。例: 年10%を週で 0.0019）。",
      },
      margin: {
        name: "粗利率",
        description: "省略可。売上に対する粗利の割合 0〜1（既定 1 = 売上ベース）。",
      },
    },
  },
  SBG_FIT: {
    description:
      "sBG（シフト・ベータ幾何）継続モデル（Fader & Hardie 2007）を各期首の継続顧客数から推定します。alpha, beta, 対数尤度 の1行を返します（標準誤差を指定すると2行目に標準誤差）。",
    result: "alpha, beta, 対数尤度（標準誤差の指定時は2行目に標準誤差）",
    params: {
      survivors: {
        name: "継続顧客数",
        description: "期 0, 1, 2 … の期首に契約を継続している顧客数の列（例: 1000, 631, 468 …）。",
      },
      with_errors: WITH_ERRORS,
    },
  },
  SBG_RETENTION: {
    description:
      "sBG による第 t 期の継続率：第 t−1 期に継続していた顧客のうち第 t 期も更新する割合。",
    result: "継続率（0〜1）",
    params: {
      params: { name: "パラメータ", description: "SBG_FIT が返す行（alpha, beta）。" },
      t: { name: "期", description: "期（1, 2, 3 …。値または列）。" },
    },
  },
  SBG_SURVIVAL: {
    description: "sBG による生存率：コホートのうち第 t 期にまだ継続している割合。",
    result: "生存率（0〜1）",
    params: {
      params: { name: "パラメータ", description: "SBG_FIT が返す行（alpha, beta）。" },
      t: { name: "期", description: "期（0, 1, 2 …。値または列）。" },
    },
  },
  SBG_DERL: {
    description:
      "sBG による割引後の期待残存期間（DERL、Fader & Hardie 2010）：指定回数更新した顧客が今後支払う回数の割引後の期待値。1期間の支払額を掛けると残存価値になります。",
    result: "割引後の期待支払回数",
    params: {
      params: { name: "パラメータ", description: "SBG_FIT が返す行（alpha, beta）。" },
      discount_rate: {
        name: "割引率",
        description: "1期間あたりの割引率（0 より大きく 1 以下。例: 0.1）。",
      },
      renewals: {
        name: "更新回数",
        description: "省略可。これまでの更新回数（既定 0 = 新規顧客）。",
      },
    },
  },
};
