/**
 * The customer-summary source in the ledger route's steps: which kind of range was read (order lines or one row
 * per customer, detected and changeable), the summary as read, and on the review the customer list's switch
 * without the cohort value sheet. The reading and the analysis are pure (`../summary-source.ts`,
 * `analyseSummaryForPlan`); these components only show them and dispatch the choice.
 */
import * as React from "react";
import {
  Field,
  MessageBar,
  MessageBarBody,
  Select,
  Switch,
  Text,
} from "@fluentui/react-components";
import type { SummaryRole } from "../../core/summary-route";
import type { UiKey } from "../../i18n/ui";
import { columnLetter } from "../../sheet/a1";
import { customerListSheetName } from "../../sheet/customer-list";
import type { Lang } from "../../i18n/language";
import type { SummaryPreview } from "../summary-source";
import type { WizardAction, WizardState } from "./state";
import { useWizardStyles, type Translate } from "./styles";

/** The summary as read, or why it could not be. */
export type SummaryPreviewResult = { ok: SummaryPreview } | { error: string } | null;

const ROLE_LABEL: Record<SummaryRole, UiKey> = {
  customer: "colCustomer",
  firstPurchase: "colFirstPurchase",
  lastPurchase: "colLastPurchase",
  repeatPurchases: "colRepeatPurchases",
  averageRepeatSpend: "colAverageRepeatSpend",
  firstPurchaseAmount: "colFirstPurchaseAmount",
};

/** Order lines or a customer summary: the detected kind, which the user may change. */
export function SourceKindChoice({
  state,
  t,
  dispatch,
}: {
  state: WizardState;
  t: Translate;
  dispatch: React.Dispatch<WizardAction>;
}): React.JSX.Element {
  const kind = state.sourceKind ?? "ledger";
  const detected = state.summaryColumns;
  const hint =
    detected && kind === "summary"
      ? t("sourceKindDetected", {
          how: t(detected.how === "header" ? "sourceKindHeader" : "sourceKindContent"),
        })
      : undefined;
  return (
    <Field label={t("sourceKind")} hint={hint}>
      <Select
        data-testid="source-kind"
        value={kind}
        onChange={(_, d) =>
          dispatch({ type: "sourceKind", kind: d.value === "summary" ? "summary" : "ledger" })
        }
      >
        <option value="ledger">{t("sourceKindLedger")}</option>
        <option value="summary">{t("sourceKindSummary")}</option>
      </Select>
    </Field>
  );
}

/** The summary as read: customers, dates, the columns used, what it lacks and what the sheet leaves out. */
export function SummaryPreviewCard({
  preview,
  t,
}: {
  preview: SummaryPreviewResult;
  t: Translate;
}): React.JSX.Element | null {
  const s = useWizardStyles();
  if (!preview) return null;
  if ("error" in preview)
    return (
      <MessageBar intent="warning" data-testid="summary-error">
        <MessageBarBody>{preview.error}</MessageBarBody>
      </MessageBar>
    );
  const p = preview.ok;
  const roles = new Set(p.used.map((u) => u.role));
  const columns = p.used
    .map((u) => `${t(ROLE_LABEL[u.role])} (${t("column", { letter: columnLetter(u.column) })})`)
    .join(", ");
  return (
    <div className={s.card} data-testid="summary-preview">
      <Text weight="semibold">{t("summaryPreviewTitle")}</Text>
      <Text>
        {t("summaryPreviewRows", { customers: p.customers, first: p.first, last: p.last })}
      </Text>
      <Text size={200}>{t("summaryPreviewColumns", { columns })}</Text>
      {p.header && <Text size={200}>{t("previewHeader")}</Text>}
      {p.blankRows > 0 && <Text size={200}>{t("previewBlank", { count: p.blankRows })}</Text>}
      {!roles.has("averageRepeatSpend") && (
        <Text data-testid="summary-no-spend">{t("summaryPreviewNoSpend")}</Text>
      )}
      {roles.has("averageRepeatSpend") && !roles.has("firstPurchaseAmount") && (
        <Text data-testid="summary-no-first">{t("summaryPreviewNoFirst")}</Text>
      )}
      <Text size={200} className={s.muted} data-testid="summary-left-out">
        {t("summaryLeftOut")}
      </Text>
    </div>
  );
}

/** The review's switch for a customer summary: the customer list alone. */
export function SummaryListReview({
  lang,
  on,
  t,
  dispatch,
}: {
  lang: Lang;
  on: boolean;
  t: Translate;
  dispatch: React.Dispatch<WizardAction>;
}): React.JSX.Element {
  return (
    <>
      <Switch
        data-testid="customer-sheets"
        checked={on}
        label={t("customerSheets")}
        onChange={(_, d) => dispatch({ type: "customerSheets", on: d.checked })}
      />
      <Text size={200}>{t("summaryListHint", { list: customerListSheetName(lang) })}</Text>
    </>
  );
}
