/**
 * The sheets `--customers` adds to the command line's workbook, from the ledger the calculation sheet was built
 * on: the customer list (every customer ranked by expected revenue over the next year, with segments) and the
 * cohort value sheet (cumulative value per acquired customer by cohort, against the acquisition cost). The same
 * plan builders the wizard calls (`src/sheet/customer-list.ts`, `src/sheet/cohort-value.ts`).
 */
import { cohortValueTable } from "../core/cohort-value";
import { customerValueList, type CustomerValueList } from "../core/customer-value";
import type { LedgerModelKind } from "../core/ledger-value";
import type { Ledger } from "../core/ledger";
import { convertPeriods, namedUnit } from "../core/periods";
import type { Lang } from "../i18n/language";
import { buildCohortValuePlan, type CohortValuePlan } from "../sheet/cohort-value";
import { buildCustomerListPlan, horizonWords, type CustomerListPlan } from "../sheet/customer-list";
import type { PlanUnit } from "../sheet/types";

export interface CustomerSheets {
  list: CustomerValueList;
  listPlan: CustomerListPlan;
  cohortPlan: CohortValuePlan;
}

/**
 * Scores the ledger's customers over the next year (in periods of `period`) with the repeat-purchase models (a
 * contract ledger's payments are scored as purchases) and builds both sheets' plans.
 * @throws LtvError from the fit (`noRepeatPurchases`, `notConverged` …). Cost: that of `customerValueList` and
 *   of the cohort table.
 */
export function customerSheets(
  ledger: Ledger,
  o: {
    lang: Lang;
    period: PlanUnit;
    /** the repeat-purchase model the calculation sheet uses (default auto), so both sheets agree */
    model?: LedgerModelKind;
    grossMargin: number;
    acquisitionCost: number;
    source: string;
    now: Date;
  }
): CustomerSheets {
  const period = namedUnit(o.period);
  const list = customerValueList(ledger, {
    period,
    horizon: convertPeriods(1, namedUnit("year"), period),
    model: o.model,
  });
  const listPlan = buildCustomerListPlan(list, o.lang, { source: o.source, now: o.now });
  const cohortPlan = buildCohortValuePlan(
    cohortValueTable(ledger, period, { grossMargin: o.grossMargin }),
    o.lang,
    {
      source: o.source,
      now: o.now,
      acquisitionCost: o.acquisitionCost,
      grossMargin: o.grossMargin,
    }
  );
  return { list, listPlan, cohortPlan };
}

/** The summary's lines for the added sheets. */
export function customerSheetLines(s: CustomerSheets, lang: Lang): string[] {
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  const n = s.list.rows.length.toLocaleString(lang === "ja" ? "ja-JP" : "en-US");
  const horizon = horizonWords(s.list.horizon, s.list.period, lang);
  if (lang === "ja")
    return [
      `  シート「${s.listPlan.sheet.name}」：顧客 ${n} 人。上位10%（${s.list.top.customers} 人）が今後${horizon}の購入の ${pct(s.list.top.purchaseShare)} を占める見込み`,
      `  シート「${s.cohortPlan.sheet.name}」：コホート別の1人あたり累積額と獲得コスト`,
    ];
  return [
    `  sheet "${s.listPlan.sheet.name}": ${n} customers; the top 10 % (${s.list.top.customers}) are expected to make ${pct(s.list.top.purchaseShare)} of the next ${horizon}' purchases`,
    `  sheet "${s.cohortPlan.sheet.name}": cumulative value per customer by cohort, against the acquisition cost`,
  ];
}
