/**
 * The task pane's words, in English and Japanese. Both tables have the same keys (the type checks it).
 * Placeholders in braces are filled by `uiText`.
 */
import type { PlatformExport } from "../core/input/platforms";
import type { Lang } from "./language";

const en = {
  appTitle: "LTV calculation sheet",
  appIntro:
    "Answer a few questions; the add-in writes a live sheet of native Excel formulas you can share.",
  language: "日本語",
  step: "Step {n} of {total}",
  back: "Back",
  next: "Next",
  routeTitle: "Where do the numbers come from?",
  routeManual: "Enter the numbers",
  routeManualHint: "Average order value, purchase frequency and lifespan, typed in.",
  routeLedger: "Derive them from a sales ledger in this workbook",
  routeLedgerHint:
    "Customer id, order date and amount columns; the sheet derives the inputs by formula.",
  sourceTitle: "Sales ledger",
  sourceRange: "Table or range",
  sourceRangeHint: "Pre-filled from the selection or the table on the active sheet.",
  useSelection: "Use selection",
  read: "Read ledger",
  reading: "Reading…",
  mappingTitle: "Columns",
  colCustomer: "Customer id",
  colDate: "Order date",
  colAmount: "Amount",
  colOrder: "Order number (optional)",
  none: "(none)",
  column: "Column {letter}",
  detectedHeader: "detected from the header",
  detectedContent: "guessed from the content",
  detectedPlatform: "Read as a {platform} {export}.",
  previewTitle: "What was read",
  previewRows: "{rows} orders in {used} rows, {customers} customers",
  previewSpan: "From {first} to {last}",
  previewSkipped: "{count} rows skipped: {reasons}",
  previewNoneSkipped: "No rows skipped.",
  previewHeader: "Row 1 is the header: it names the columns and is not an order.",
  previewBlank: "{count} blank rows skipped (nothing in the chosen columns).",
  previewFirstRows: "The first {count} orders, as read",
  previewRow: "Row",
  reason_notADate: "{count} unreadable dates",
  reason_notAnAmount: "{count} unreadable amounts",
  reason_blankCell: "{count} blank cells",
  reason_notAnId: "{count} unreadable ids",
  reason_errorCell: "{count} error cells",
  reason_other: "{count} other",
  mapRequired: "Choose the customer, date and amount columns.",
  settingsTitle: "Assumptions",
  useExample: "Fill in the example",
  useExampleHint:
    "A coffee-shop customer: 415 an order, 12 orders a quarter, 3 years, acquisition cost 5,000. Replace them with your own figures.",
  examplePlaceholder: "e.g. {value}",
  optionalCost:
    "Optional: leave it empty if you do not know it (LTV:CAC and the payback are then left blank).",
  periodUnit: "Period",
  unit_month: "Month",
  unit_quarter: "Quarter",
  unit_year: "Year",
  avgOrder: "Average order value",
  frequency: "Purchase frequency (orders per customer per period)",
  lifespan: "Customer lifespan",
  lifespanUnit: "Lifespan unit",
  lifespanFromChurn: "Use 1 ÷ churn from the ledger",
  business: "Kind of business",
  businessRepeat: "Repeat purchase, no contract (shops, re-orders)",
  businessContract: "Contract or subscription (customers cancel)",
  horizon: "Horizon: count the value of a new customer over",
  horizonUnit: "Horizon unit",
  modelFacts:
    "From the ledger ({model}): first purchase {first}, average order {avg}, {freq} purchases per {unit} while active, {periods} active {units} on average within the horizon.",
  modelFailed:
    "The ledger's value cannot be estimated: {reason} Go back and enter the numbers instead.",
  holdoutOk:
    "Holdout check: predicted {predicted} purchases in the ledger's last {days} days; there were {actual} ({error}).",
  holdoutBad:
    "Careful: the model does not track this ledger well — predicted {predicted} purchases in its last {days} days, there were {actual} ({error}). Read the LTV below with care.",
  reviewHorizon: "over {horizon} {unit} from the first purchase, per new customer",
  churnEstimate:
    "Churn per {unit}: {churn} (share of active customers not buying in the next period, over {periods} periods) → expected lifetime {life} {units}.",
  churnUnavailable: "The ledger spans fewer than two complete periods: enter the lifespan.",
  grossMargin: "Gross margin (%)",
  discountRate: "Discount rate per period (%)",
  acquisitionCost: "Acquisition cost per customer",
  retentionCost: "Retention cost per customer",
  retentionBasis: "Retention cost is",
  basisTotal: "a lifetime total",
  basisPerPeriod: "per period",
  targetRatio: "Target LTV:CAC ratio",
  reviewTitle: "Review",
  reviewIntro: "The sheet '{sheet}' will be added. No other sheet is changed.",
  reviewLtv: "LTV after costs: {ltv}",
  reviewInterval:
    "90 % interval: {low} – {high}. It shows how much the LTV could move from the data seen alone, if the model is right; it does not cover a wrong model or future changes.",
  reviewNoInterval: "No 90 % interval for this ledger (see below).",
  reviewRatio: "LTV:CAC: {ratio}",
  reviewNoCac:
    "LTV:CAC: — (no acquisition cost given: the ratio and the payback are left blank on the sheet)",
  write: "Write sheet",
  writing: "Writing…",
  replaceTitle: "Replace the existing sheet?",
  replaceText:
    "A sheet named '{sheet}' already exists. Replace it with the new calculation? Other sheets are not touched.",
  replace: "Replace",
  cancel: "Cancel",
  doneTitle: "Done",
  sheetKept:
    "A sheet of yours is already called '{kept}'. It was left exactly as it is; the calculation is on '{sheet}'.",
  namesKept:
    "Your own names {names} point elsewhere, so they were left untouched; the sheet uses names of the same spelling scoped to itself, and other sheets cannot refer to its results by those names.",
  doneText:
    "'{sheet}' is written. Change the blue cells to explore: everything recalculates. Other sheets can use its results by their names, listed in the Name Box.",
  again: "Start again",
  errNumber: "Enter a number.",
  errMin: "Must be at least {min}.",
  errAbove: "Must be greater than {min}.",
  errMax: "Must be at most {max}.",
  errBelow: "Must be less than {max}.",
  errRange: "Enter a range such as Sales!A1:D500.",
  errOffice: "Excel said: {message}",
  errOwnSheet: "That range is on the calculation sheet itself. Choose the sales ledger.",
  errSettings:
    "The sheet was written, but your choices could not be stored in the workbook; the wizard will not be pre-filled next time.",
  outsideExcelTitle: "This add-in runs inside Excel",
  outsideExcelBody:
    "Open it from Excel (Windows, Mac or the web): Home → LTV wizard. In a browser on its own, the page can only show this note.",
  unreadableWarning:
    "{count} of {rows} rows ({percent}) could not be read: {reasons}. The results would describe another ledger: check the columns chosen and those cells, or go on without them.",
  unreadableGoOn: "Go on without these rows",
  autoOpen: "Open this task pane whenever this workbook is opened",
  autoOpenHint:
    "For colleagues who have the add-in (sideloaded or deployed by an admin); not for installs from the Marketplace.",
  // the customer list and cohort value sheets (review and last steps)
  customerSheets: "Also write the customer list and the cohort value sheet",
  customerSheetsHint:
    "'{list}': every customer ranked by expected revenue over the next year, with segments, as an Excel table with filters. '{cohort}': cumulative value per customer by cohort against the acquisition cost, with its chart.",
  cohortTitle: "Cumulative value per customer by cohort, against the acquisition cost",
  cohortAxis: "{unit} since the first purchase",
  cohortCac: "Acquisition cost",
  paybackAsk:
    "Enter the acquisition cost per customer (previous step) to see when each cohort pays it back.",
  paybackNone:
    "None of the {cohorts} cohorts has earned back the acquisition cost of {cac} per customer yet.",
  paybackSome:
    "{paid} of {cohorts} cohorts have earned back the acquisition cost of {cac} per customer; the median payback is {unit} {median}, counting the {unitNoun} of the first purchase as {unit} 0.",
  customerDone:
    "'{list}' written: {customers} customers sorted by expected revenue, with filters; the 10 % most valuable ({top}) are expected to make {share} of the purchases of the next {horizon}. '{cohort}' is beside it.",
  customerKept:
    "A sheet of yours is already called '{kept}'. It was left exactly as it is; the new sheet is '{sheet}'.",
  errCustomerSheets:
    "The calculation sheet was written, but the customer list could not be: {message}",
  // the customer-summary source (one row per customer, e.g. from ltv-workbook sql)
  sourceKind: "The range holds",
  sourceKindLedger: "Order lines (a row per order or item)",
  sourceKindSummary: "A customer summary (one row per customer)",
  sourceKindDetected: "Recognised from its {how}.",
  sourceKindHeader: "header",
  sourceKindContent: "content",
  summaryPreviewTitle: "Customer summary as read",
  summaryPreviewRows: "{customers} customers, first purchases from {first}, last purchase {last}.",
  summaryPreviewColumns: "Columns used: {columns}.",
  summaryPreviewNoFirst:
    "No first purchase amounts: a new customer's first purchase is taken to be the average order.",
  summaryPreviewNoSpend:
    "No average repeat spend column: the model of a new customer's value needs it.",
  summaryLeftOut:
    "From a customer summary the sheet has the model, its LTV and the customer list; the cohort retention table, the retention curve, the lapse rate and the holdout check need the order lines and are left out.",
  summaryContract:
    "A customer summary has no payment lines: choose repeat purchase, or read the contract's payment lines.",
  summaryListHint:
    "'{list}': every customer ranked by expected revenue over the next year, with segments. From a customer summary there is no cohort value sheet: it needs purchases by period.",
  summaryListDone:
    "'{list}' written: {customers} customers sorted by expected revenue, with filters; the 10 % most valuable ({top}) are expected to make {share} of the purchases of the next {horizon}.",
  colFirstPurchase: "First purchase",
  colLastPurchase: "Last purchase",
  colRepeatPurchases: "Repeat purchases",
  colAverageRepeatSpend: "Average repeat spend",
  colFirstPurchaseAmount: "First purchase amount",
  // the ledger's columns as the preview's messages name them (not the custom functions' argument names)
  argCustomer: "Customer id",
  argDate: "Order date",
  argAmount: "Amount",
  argOrder: "Order number",
};

export type UiKey = keyof typeof en;

const ja: Record<UiKey, string> = {
  appTitle: "LTV 計算シート",
  appIntro:
    "いくつかの質問に答えると、Excel 標準の数式だけで動く共有可能な計算シートを作成します。",
  language: "English",
  step: "ステップ {n} / {total}",
  back: "戻る",
  next: "次へ",
  routeTitle: "数値をどこから取りますか?",
  routeManual: "数値を入力する",
  routeManualHint: "平均購入単価・購買頻度・継続期間を直接入力します。",
  routeLedger: "このブックの売上台帳から求める",
  routeLedgerHint: "顧客ID・購入日・金額の列から、シートが数式で入力値を求めます。",
  sourceTitle: "売上台帳",
  sourceRange: "テーブルまたは範囲",
  sourceRangeHint: "選択範囲、またはアクティブシートのテーブルから自動入力されます。",
  useSelection: "選択範囲を使う",
  read: "台帳を読み込む",
  reading: "読み込み中…",
  mappingTitle: "列の対応",
  colCustomer: "顧客ID",
  colDate: "購入日",
  colAmount: "金額",
  colOrder: "注文番号（任意）",
  none: "（なし）",
  column: "{letter} 列",
  detectedHeader: "見出しから検出",
  detectedContent: "内容から推定",
  detectedPlatform: "{platform} の{export}として読み込みました。",
  previewTitle: "読み込んだ内容",
  previewRows: "{used} 行から注文 {rows} 件、顧客 {customers} 人",
  previewSpan: "期間: {first} 〜 {last}",
  previewSkipped: "{count} 行を除外: {reasons}",
  previewNoneSkipped: "除外した行はありません。",
  previewHeader: "1 行目は見出し（列の名前）として読み、注文には数えていません。",
  previewBlank: "空白の {count} 行を除外しました（選んだ列がすべて空欄）。",
  previewFirstRows: "最初の {count} 件（読み込んだとおり）",
  previewRow: "行",
  reason_notADate: "日付が読めない {count} 行",
  reason_notAnAmount: "金額が読めない {count} 行",
  reason_blankCell: "空欄 {count} 行",
  reason_notAnId: "ID が読めない {count} 行",
  reason_errorCell: "エラー値 {count} 行",
  reason_other: "その他 {count} 行",
  mapRequired: "顧客ID・購入日・金額の列を選んでください。",
  settingsTitle: "前提条件",
  useExample: "例の値を入れる",
  useExampleHint:
    "コーヒー店の顧客の例：1 回 415 円、四半期に 12 回、3 年、獲得コスト 5,000 円。ご自分の数値に置き換えてください。",
  examplePlaceholder: "例: {value}",
  optionalCost:
    "任意：分からなければ空欄のままにしてください（LTV:CAC と回収期間は空欄になります）。",
  periodUnit: "期間の単位",
  unit_month: "月",
  unit_quarter: "四半期",
  unit_year: "年",
  avgOrder: "平均購入単価",
  frequency: "購買頻度（1 期間あたりの購入回数）",
  lifespan: "継続購入期間",
  lifespanUnit: "継続期間の単位",
  lifespanFromChurn: "台帳の離脱率から 1 ÷ 離脱率 を使う",
  business: "事業の種類",
  businessRepeat: "リピート購入・契約なし（ネットショップ、再注文）",
  businessContract: "契約・定期購入（サブスク。顧客が解約する）",
  horizon: "対象期間：新規顧客の価値を数える期間",
  horizonUnit: "対象期間の単位",
  modelFacts:
    "台帳から（{model}）：初回購入額 {first}、平均購入単価 {avg}、継続中は1{unit}あたり {freq} 回購入、対象期間内に平均 {periods} {units}継続。",
  modelFailed: "台帳から価値を推定できません：{reason} 戻って数値を入力してください。",
  holdoutOk:
    "ホールドアウト検証：台帳の最後の {days} 日の購入回数の予測は {predicted} 回、実際は {actual} 回（{error}）。",
  holdoutBad:
    "注意：モデルがこの台帳によく合っていません。最後の {days} 日の購入回数の予測は {predicted} 回、実際は {actual} 回（{error}）。下の LTV は慎重に読んでください。",
  reviewHorizon: "初回購入から {horizon} {unit}・新規顧客1人あたり",
  churnEstimate:
    "1{unit}あたりの離脱率: {churn}（ある期間に購入した顧客のうち次の期間に購入しなかった割合、{periods} 期間の平均）→ 期待継続期間 {life} {units}。",
  churnUnavailable: "台帳が 2 期間分に満たないため、継続購入期間を入力してください。",
  grossMargin: "粗利率（%）",
  discountRate: "割引率（1 期間あたり、%）",
  acquisitionCost: "顧客獲得コスト（1 人あたり）",
  retentionCost: "顧客維持コスト（1 人あたり）",
  retentionBasis: "維持コストの区分",
  basisTotal: "生涯の合計",
  basisPerPeriod: "1 期間あたり",
  targetRatio: "目標 LTV:CAC",
  reviewTitle: "確認",
  reviewIntro: "シート「{sheet}」を追加します。ほかのシートは変更しません。",
  reviewLtv: "コスト控除後の LTV: {ltv}",
  reviewInterval:
    "90 %区間: {low} 〜 {high}。モデルが正しいとして、手元のデータ量だけで LTV がどれだけ動きうるかを示します。モデルの誤りや将来の変化は含みません。",
  reviewNoInterval: "この台帳では 90 %区間を計算できません（下記参照）。",
  reviewRatio: "LTV:CAC: {ratio}",
  reviewNoCac: "LTV:CAC: —（獲得コスト未入力のため、シートでも比率と回収期間は空欄です）",
  write: "シートを作成",
  writing: "作成中…",
  replaceTitle: "既存のシートを置き換えますか?",
  replaceText:
    "「{sheet}」という名前のシートがすでにあります。新しい計算で置き換えますか? ほかのシートは変更しません。",
  replace: "置き換える",
  cancel: "キャンセル",
  doneTitle: "完了",
  sheetKept:
    "「{kept}」という名前のシートがすでにあります。そのシートには一切手を加えず、計算シートは「{sheet}」に作成しました。",
  namesKept:
    "ブックの既存の名前 {names} は別の場所を指しているため変更していません。計算シートは同じ綴りのシート内の名前を使います（ほかのシートからはこの名前で結果を参照できません）。",
  doneText:
    "「{sheet}」を作成しました。青いセルを変えると、すべて再計算されます。結果はほかのシートから名前で使えます（名前ボックスに一覧があります）。",
  again: "最初から",
  errNumber: "数値を入力してください。",
  errMin: "{min} 以上にしてください。",
  errAbove: "{min} より大きくしてください。",
  errMax: "{max} 以下にしてください。",
  errBelow: "{max} 未満にしてください。",
  errRange: "Sales!A1:D500 のような範囲を入力してください。",
  errOffice: "Excel のエラー: {message}",
  errOwnSheet: "その範囲は計算シート自身にあります。売上台帳を選んでください。",
  errSettings:
    "シートは作成しましたが、設定をブックに保存できませんでした。次回ウィザードは入力済みになりません。",
  outsideExcelTitle: "このアドインは Excel の中で動きます",
  outsideExcelBody:
    "Excel（Windows・Mac・Web）のホーム タブ →「LTV ウィザード」から開いてください。ブラウザーで単独に開いた場合は、この案内だけが表示されます。",
  unreadableWarning:
    "{rows} 行中 {count} 行（{percent}）を読めませんでした：{reasons}。このままでは別の台帳の結果になります。選んだ列とそれらのセルを確認するか、その行を除いて続けてください。",
  unreadableGoOn: "この行を除いて続ける",
  autoOpen: "このブックを開いたら作業ウィンドウを開く",
  autoOpenHint:
    "アドインを持つ同僚向け（サイドロードまたは管理者による展開）。Marketplace から入れたアドインでは開きません。",
  // 顧客リストとコホート累積価値のシート（確認と完了のステップ）
  customerSheets: "顧客リストとコホート累積価値のシートも作成する",
  customerSheetsHint:
    "「{list}」：今後1年の期待売上の高い順に全顧客を並べ、セグメント付きでフィルターのある Excel テーブルにします。「{cohort}」：コホート別の1人あたり累積額を獲得コストと比べ、グラフを付けます。",
  cohortTitle: "コホート別の1人あたり累積額と獲得コスト",
  cohortAxis: "初回購入からの経過（{unit}）",
  cohortCac: "獲得コスト",
  paybackAsk:
    "前のステップで顧客1人あたりの獲得コストを入力すると、コホートごとの回収期間が分かります。",
  paybackNone: "{cohorts} コホートのどれも、1人あたりの獲得コスト {cac} をまだ回収していません。",
  paybackSome:
    "{cohorts} コホートのうち {paid} コホートが1人あたりの獲得コスト {cac} を回収済みです。回収期間の中央値は初回購入から {median} {unit}目（0 は初回購入の{unitNoun}）です。",
  customerDone:
    "「{list}」を作成しました：顧客 {customers} 人を期待売上の高い順に並べ、フィルター付きです。価値の高い上位10%（{top}人）が今後{horizon}の購入の {share} を占める見込みです。隣に「{cohort}」もあります。",
  customerKept:
    "「{kept}」という名前のシートがすでにあります。そのシートには触れず、新しいシートは「{sheet}」です。",
  errCustomerSheets: "計算シートは作成しましたが、顧客リストを作成できませんでした：{message}",
  sourceKind: "この範囲の内容",
  sourceKindLedger: "注文明細（1注文1行、または1商品1行）",
  sourceKindSummary: "顧客サマリー（1顧客1行）",
  sourceKindDetected: "{how}から判定しました。",
  sourceKindHeader: "見出し行",
  sourceKindContent: "セルの内容",
  summaryPreviewTitle: "読み込んだ顧客サマリー",
  summaryPreviewRows: "顧客 {customers} 人。初回購入は {first} から、最終購入は {last} まで。",
  summaryPreviewColumns: "使う列：{columns}。",
  summaryPreviewNoFirst:
    "初回購入額の列がありません。新規顧客の初回購入額は平均購入単価と同じとみなします。",
  summaryPreviewNoSpend:
    "リピート平均購入額の列がありません。新規顧客の価値のモデルにはこの列が必要です。",
  summaryLeftOut:
    "顧客サマリーからは、モデルとその LTV、顧客リストを作成します。コホート別の継続率表・継続率の推移・離脱率・ホールドアウト検証には注文明細が必要なため、含めません。",
  summaryContract:
    "顧客サマリーには支払い明細がありません。リピート購入を選ぶか、契約の支払い明細を読み込んでください。",
  summaryListHint:
    "「{list}」：全顧客を今後1年の期待売上の高い順に並べ、セグメントを付けます。顧客サマリーには期間ごとの購入がないため、コホート累積価値のシートは作成しません。",
  summaryListDone:
    "「{list}」を作成しました：顧客 {customers} 人を期待売上の高い順に並べ、フィルター付きです。価値の高い上位10%（{top}人）が今後{horizon}の購入の {share} を占める見込みです。",
  colFirstPurchase: "初回購入日",
  colLastPurchase: "最終購入日",
  colRepeatPurchases: "リピート購入回数",
  colAverageRepeatSpend: "リピート平均購入額",
  colFirstPurchaseAmount: "初回購入額",
  argCustomer: "顧客ID",
  argDate: "購入日",
  argAmount: "金額",
  argOrder: "注文番号",
};

export const UI_TEXT: Readonly<Record<Lang, Record<UiKey, string>>> = { en, ja };

/** The text of `key` in `lang`, with `{placeholders}` filled. */
export function uiText(
  lang: Lang,
  key: UiKey,
  params: Record<string, string | number> = {}
): string {
  return UI_TEXT[lang][key].replace(/\{(\w+)\}/g, (m, k: string) =>
    k in params ? String(params[k]) : m
  );
}

/**
 * The sentence naming the export a ledger was read as, and what to know about it:
 * `platformText("ja", shopify)` → "Shopify の注文エクスポートとして読み込みました。商品ごとに 1 行です。…".
 */
export function platformText(lang: Lang, platform: PlatformExport): string {
  const read = uiText(lang, "detectedPlatform", {
    platform: platform.name[lang],
    export: platform.exportName[lang],
  });
  if (!platform.note) return read;
  return read + (lang === "ja" ? "" : " ") + platform.note[lang];
}
