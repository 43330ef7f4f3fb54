/**
 * The customer list's part of the wizard (ledger route): on the review step, the cumulative value per customer of
 * each cohort against the acquisition cost — the curves the cohort value sheet will chart, drawn here as they will
 * be — the payback in words, and the switch that adds the customer list and cohort value sheets; on the last
 * step, what they say. The figures are the core's (`cohortValueTable`, `paybackSummary`), the cohorts drawn the
 * sheet's (`chartCohorts`).
 */
import * as React from "react";
import { MessageBar, MessageBarBody, Switch, Text } from "@fluentui/react-components";
import {
  cohortValueTable,
  paybackSummary,
  type CohortValueTable,
  type PaybackSummary,
} from "../../core/cohort-value";
import type { Currency } from "../../core/input/currency";
import type { Ledger } from "../../core/ledger";
import { namedUnit } from "../../core/periods";
import type { Lang } from "../../i18n/language";
import { chartCohorts, cohortUnitWords, cohortValueSheetName } from "../../sheet/cohort-value";
import { customerListSheetName } from "../../sheet/customer-list";
import type { PlanUnit } from "../../sheet/types";
import type { CustomerSheetsReport } from "../customer-sheets";
import { moneyText } from "../model";
import type { WizardAction } from "./state";
import { useWizardStyles, type Translate } from "./styles";

export interface CustomerSheetsReviewProps {
  lang: Lang;
  /** the ledger as read (null before it is) */
  ledger: Ledger | null;
  period: PlanUnit;
  grossMargin: number;
  acquisitionCost: number;
  /** the money's currency: the CAC is written as the rest of the review writes money (its sign and rounding) */
  currency: Currency;
  /** the switch: also write the two sheets */
  on: boolean;
  t: Translate;
  dispatch: React.Dispatch<WizardAction>;
}

/** Colours of the drawn cohorts (Excel's default chart palette), then the acquisition cost's. */
const COLORS = [
  "#4472C4",
  "#ED7D31",
  "#A5A5A5",
  "#FFC000",
  "#5B9BD5",
  "#70AD47",
  "#264478",
  "#9E480E",
];
const CAC_COLOR = "#C00000";

/** The review's part: the curves against the CAC line, the payback in words, the switch. */
export function CustomerSheetsReview(p: CustomerSheetsReviewProps): React.JSX.Element {
  const s = useWizardStyles();
  const { lang, ledger, period, grossMargin, acquisitionCost, currency, t } = p;
  const table = React.useMemo((): CohortValueTable | null => {
    if (!ledger) return null;
    try {
      return cohortValueTable(ledger, namedUnit(period), { grossMargin });
    } catch {
      return null; // a margin being typed, a ledger without amounts: nothing to draw
    }
  }, [ledger, period, grossMargin]);
  const cost = Number.isFinite(acquisitionCost) && acquisitionCost >= 0 ? acquisitionCost : 0;
  const summary = React.useMemo(() => (table ? paybackSummary(table, cost) : null), [table, cost]);
  return (
    <>
      {table && summary && table.rows.length > 0 && (
        <div className={s.card} data-testid="cohort-review">
          <Text weight="semibold">{t("cohortTitle")}</Text>
          <CohortChart table={table} cost={cost} lang={lang} t={t} />
          <Text data-testid="payback">{paybackWords(summary, table, cost, lang, currency, t)}</Text>
        </div>
      )}
      <Switch
        data-testid="customer-sheets"
        checked={p.on}
        label={t("customerSheets")}
        onChange={(_, d) => p.dispatch({ type: "customerSheets", on: d.checked })}
      />
      <Text size={200}>
        {t("customerSheetsHint", {
          list: customerListSheetName(lang),
          cohort: cohortValueSheetName(lang),
        })}
      </Text>
    </>
  );
}

/**
 * The payback in words, as the cohort value sheet's sentence says it; the CAC as every view writes money
 * (`moneyText`: "$3,000.00", "￥3,000").
 */
export function paybackWords(
  summary: PaybackSummary,
  table: CohortValueTable,
  cost: number,
  lang: Lang,
  currency: Currency,
  t: Translate
): string {
  if (cost <= 0) return t("paybackAsk");
  const cac = moneyText(cost, lang, currency);
  if (summary.paid === 0 || summary.median === null)
    return t("paybackNone", { cohorts: summary.cohorts, cac });
  const words = cohortUnitWords(table.unit, lang);
  return t("paybackSome", {
    paid: summary.paid,
    cohorts: summary.cohorts,
    cac,
    median: summary.median.toLocaleString(lang === "ja" ? "ja-JP" : "en-US", {
      maximumFractionDigits: 1,
    }),
    unit: words.unit,
    unitNoun: words.unitNoun,
  });
}

/**
 * The curves of the cohorts the sheet's chart draws, and the acquisition cost as a dashed line, as an SVG (a
 * dozen lines of paths: no chart library is worth its weight for one small line chart in the pane).
 */
function CohortChart({
  table,
  cost,
  lang,
  t,
}: {
  table: CohortValueTable;
  cost: number;
  lang: Lang;
  t: Translate;
}): React.JSX.Element {
  const W = 380;
  const H = 190;
  const left = 52;
  const right = 8;
  const top = 8;
  const bottom = 30;
  const drawn = chartCohorts(table);
  const K = Math.max(table.periods, 2);
  let top0 = cost;
  for (const h of drawn) for (const v of table.rows[h].values) if (v !== null && v > top0) top0 = v;
  const ticks = niceTicks(top0);
  const max = ticks[ticks.length - 1];
  const x = (k: number) => left + (k / (K - 1)) * (W - left - right);
  const y = (v: number) => top + (1 - v / max) * (H - top - bottom);
  const fmt = (v: number) =>
    v.toLocaleString(lang === "ja" ? "ja-JP" : "en-US", {
      maximumFractionDigits: 2,
      ...(v >= 1e6 ? { notation: "compact" as const } : {}),
    });
  const unit = cohortUnitWords(table.unit, lang).unit;
  const title = t("cohortTitle");
  return (
    <>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        width="100%"
        role="img"
        aria-label={title}
        data-testid="cohort-chart"
      >
        <title>{title}</title>
        <line x1={left} y1={top} x2={left} y2={H - bottom} stroke="#8a8886" />
        <line x1={left} y1={H - bottom} x2={W - right} y2={H - bottom} stroke="#8a8886" />
        {ticks.map((v) => (
          <text key={v} x={left - 4} y={y(v) + 4} fontSize="10" textAnchor="end">
            {fmt(v)}
          </text>
        ))}
        {xTicks(table.periods).map((k) => (
          <text key={k} x={x(k)} y={H - bottom + 12} fontSize="10" textAnchor="middle">
            {k}
          </text>
        ))}
        <text x={(left + W - right) / 2} y={H - 4} fontSize="10" textAnchor="middle">
          {t("cohortAxis", { unit })}
        </text>
        {drawn.map((h, i) => {
          const points = table.rows[h].values
            .map((v, k) => (v === null ? null : `${x(k).toFixed(1)},${y(v).toFixed(1)}`))
            .filter((pt): pt is string => pt !== null);
          return (
            <polyline
              key={h}
              points={points.join(" ")}
              fill="none"
              stroke={COLORS[i % COLORS.length]}
              strokeWidth="1.6"
              data-testid="cohort-curve"
            />
          );
        })}
        {cost > 0 && (
          <line
            x1={left}
            x2={W - right}
            y1={y(cost)}
            y2={y(cost)}
            stroke={CAC_COLOR}
            strokeDasharray="5 3"
            strokeWidth="1.6"
            data-testid="cac-line"
          />
        )}
      </svg>
      <div style={{ display: "flex", flexWrap: "wrap", gap: "2px 10px", fontSize: "11px" }}>
        {drawn.map((h, i) => (
          <span key={h}>
            <span style={{ color: COLORS[i % COLORS.length] }}>━</span> {table.rows[h].label}
          </span>
        ))}
        {cost > 0 && (
          <span>
            <span style={{ color: CAC_COLOR }}>╍</span> {t("cohortCac")}
          </span>
        )}
      </div>
    </>
  );
}

/** Value-axis ticks from 0 to at least `top`, at a round step (1, 2 or 5 × 10ⁿ), three to five of them. */
function niceTicks(top: number): number[] {
  if (!(top > 0)) return [0, 1];
  const raw = top / 4;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) as number;
  const out = [0];
  while (out[out.length - 1] < top) out.push(out.length * step);
  return out;
}

/** Period ticks: 0, the last, and round steps between (at most seven labels). */
function xTicks(periods: number): number[] {
  const last = Math.max(periods - 1, 1);
  const step = [1, 2, 3, 6, 12, 24, 60].find((s) => last / s <= 6) ?? Math.ceil(last / 6);
  const out: number[] = [];
  for (let k = 0; k < last; k += step) out.push(k);
  out.push(last);
  return out;
}

/** The last step's part: what the customer list says, and where the sheets went. */
export function CustomerSheetsDone({
  report,
  lang,
  t,
}: {
  report: CustomerSheetsReport;
  lang: Lang;
  t: Translate;
}): React.JSX.Element {
  const n = (x: number) => x.toLocaleString(lang === "ja" ? "ja-JP" : "en-US");
  const cohort = report.cohort;
  const kept = [report.list, ...(cohort ? [cohort] : [])].filter((r) => r.sheetKept);
  return (
    <>
      {kept.map((r) => (
        <MessageBar intent="info" key={r.sheet} data-testid="customer-kept">
          <MessageBarBody>
            {t("customerKept", { kept: r.sheetKept ?? "", sheet: r.sheet })}
          </MessageBarBody>
        </MessageBar>
      ))}
      <MessageBar intent="success" data-testid="customer-done">
        <MessageBarBody>
          {t(cohort ? "customerDone" : "summaryListDone", {
            list: report.list.sheet,
            cohort: cohort?.sheet ?? "",
            customers: n(report.customers),
            top: n(report.top),
            share: `${Math.round(report.topShare * 100)}%`,
            horizon: report.horizon,
          })}
        </MessageBarBody>
      </MessageBar>
    </>
  );
}
