/** The review step: the LTV and LTV:CAC the sheet will show, computed now by the core, and the write button. */
import * as React from "react";
import {
  Button,
  MessageBar,
  MessageBarBody,
  Spinner,
  Switch,
  Text,
  Title3,
} from "@fluentui/react-components";
import type { Currency } from "../../core/input/currency";
import type { LtvResults } from "../../core/results";
import { warningText } from "../../i18n/warnings";
import { ledgerInterval } from "../../sheet/ledger-analysis";
import { moneyText } from "../model";
import { SHEET_LABELS } from "../../sheet/labels";
import { HOLDOUT_WARNING } from "../../sheet/sections/ledger";
import type { LedgerAnalysis, PlanInputs } from "../../sheet/types";
import type { WizardAction, WizardState } from "./state";
import { useWizardStyles, type Translate } from "./styles";

export interface ReviewStepProps {
  state: WizardState;
  /** the results chain for the answers, or the reason it cannot be computed */
  results: { ok: LtvResults } | { error: string };
  /** the money's currency (its sign and rounding) */
  currency: Currency;
  /** the ledger route's analysis (its horizon and holdout check are shown beside the LTV) */
  analysis?: LedgerAnalysis;
  /** the plan's inputs: the LTV's 90 % interval is read for them from the analysis' parameter draws */
  inputs?: PlanInputs;
  t: Translate;
  dispatch: React.Dispatch<WizardAction>;
  onWrite: () => void;
  /** more of the review, shown under the results (the ledger route's cohort curves and customer-list switch) */
  extra?: React.ReactNode;
}

export function ReviewStep({
  state,
  results,
  currency,
  analysis,
  inputs,
  t,
  dispatch,
  onWrite,
  extra,
}: ReviewStepProps): React.JSX.Element {
  const s = useWizardStyles();
  const { lang } = state;
  const value = analysis?.value;
  // O(draws × horizon): once per change of the inputs (plain data, compared by value), not on every render
  const inputsKey = inputs ? JSON.stringify(inputs) : "";
  const interval = React.useMemo(() => {
    if (!value || !inputsKey) return null;
    try {
      return ledgerInterval(JSON.parse(inputsKey) as PlanInputs, value);
    } catch {
      return null; // an input outside its rule: the LTV line already says why
    }
  }, [value, inputsKey]);
  const money = (x: number) => moneyText(x, lang, currency);
  return (
    <>
      <Title3 as="h2">{t("reviewTitle")}</Title3>
      <Text>{t("reviewIntro", { sheet: SHEET_LABELS[lang].sheetName })}</Text>
      {holdoutWarning(analysis, lang, t)}
      <div className={s.card} data-testid="review">
        {"ok" in results ? (
          <>
            <Text weight="semibold">{t("reviewLtv", { ltv: money(results.ok.ltv) })}</Text>
            {value && (
              <Text size={200} data-testid="review-interval">
                {interval
                  ? t("reviewInterval", { low: money(interval.low), high: money(interval.high) })
                  : t("reviewNoInterval")}
              </Text>
            )}
            {analysis?.value && (
              <Text size={200} data-testid="review-horizon">
                {t("reviewHorizon", {
                  horizon: state.fields.horizon,
                  unit: SHEET_LABELS[lang].unitPlural[state.fields.horizonUnit],
                })}
              </Text>
            )}
            <Text data-testid="review-ratio">
              {results.ok.ltvCac === null
                ? t("reviewNoCac")
                : t("reviewRatio", { ratio: results.ok.ltvCac.toFixed(2) })}
            </Text>
          </>
        ) : (
          <Text>{results.error}</Text>
        )}
      </div>
      {value?.warnings && value.warnings.length > 0 && (
        <MessageBar intent="warning" data-testid="review-warnings">
          <MessageBarBody>
            {value.warnings.map((w) => (
              <div key={w.code}>{warningText(w, lang)}</div>
            ))}
          </MessageBarBody>
        </MessageBar>
      )}
      {extra}
      <Switch
        data-testid="auto-open"
        checked={state.autoOpen}
        label={t("autoOpen")}
        onChange={(_, d) => dispatch({ type: "autoOpen", on: d.checked })}
      />
      <Text size={200}>{t("autoOpenHint")}</Text>
      <Button
        data-testid="write"
        appearance="primary"
        disabled={state.busy !== ""}
        onClick={onWrite}
      >
        {state.busy === "writing" ? <Spinner size="tiny" label={t("writing")} /> : t("write")}
      </Button>
    </>
  );
}

/** Before the LTV: the holdout check's warning when the model did not track the ledger's last sixth. */
function holdoutWarning(
  analysis: LedgerAnalysis | undefined,
  lang: WizardState["lang"],
  t: Translate
): React.JSX.Element | null {
  const h = analysis?.value?.holdout;
  if (!h || h.error === null || Math.abs(h.error) <= HOLDOUT_WARNING) return null;
  const n = (x: number, d = 0) =>
    x.toLocaleString(lang === "ja" ? "ja-JP" : "en-US", { maximumFractionDigits: d });
  return (
    <MessageBar intent="warning" data-testid="review-holdout">
      <MessageBarBody>
        {t("holdoutBad", {
          predicted: n(h.predicted),
          actual: n(h.actual),
          days: h.days,
          error: `${h.error >= 0 ? "+" : "−"}${n(Math.abs(h.error) * 100, 1)} %`,
        })}
      </MessageBarBody>
    </MessageBar>
  );
}
