/**
 * The sheets `--customers` adds to the command line's workbook, from the ledger the calculation sheet was built
 * on: the customer list (every customer ranked by expected revenue over the next year, with segments) and the
 * cohort value sheet (cumulative value per acquired customer by cohort, against the acquisition cost), built by
 * `src/sheet/customer-sheets.ts`, the function the wizard calls too; here only the summary's lines.
 */
import type { Lang } from "../i18n/language";
import { horizonWords } from "../sheet/customer-list";
import { customerSheets, type CustomerSheets, type ListOnlySheets } from "../sheet/customer-sheets";

export { customerSheets, type CustomerSheets };

/** The summary's lines for the added sheets. */
export function customerSheetLines(s: CustomerSheets | ListOnlySheets, lang: Lang): string[] {
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  const n = s.list.rows.length.toLocaleString(lang === "ja" ? "ja-JP" : "en-US");
  const horizon = horizonWords(s.list.horizon, s.list.period, lang);
  const cohort = s.cohortPlan?.sheet.name;
  if (lang === "ja")
    return [
      `  シート「${s.listPlan.sheet.name}」：顧客 ${n} 人。上位10%（${s.list.top.customers} 人）が今後${horizon}の購入の ${pct(s.list.top.purchaseShare)} を占める見込み`,
      cohort === undefined
        ? "  コホート累積価値のシートはありません（顧客サマリーには期間ごとの購入がないため）"
        : `  シート「${cohort}」：コホート別の1人あたり累積額と獲得コスト`,
    ];
  return [
    `  sheet "${s.listPlan.sheet.name}": ${n} customers; the top 10 % (${s.list.top.customers}) are expected to make ${pct(s.list.top.purchaseShare)} of the next ${horizon}' purchases`,
    cohort === undefined
      ? "  no cohort value sheet (a customer summary has no purchases by period)"
      : `  sheet "${cohort}": cumulative value per customer by cohort, against the acquisition cost`,
  ];
}
