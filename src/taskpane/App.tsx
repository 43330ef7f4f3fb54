/**
 * The wizard: route → (ledger: source, columns, preview) → assumptions → review → write. Nothing is written
 * before the last step; every field is validated as it is typed.
 *
 * The state lives in one reducer (`wizard/state.ts`), each step is a component of its own (`wizard/*Step.tsx`),
 * the buttons' work is in `wizard/actions.ts`, and every `Excel.run` in `office.ts`.
 */
import * as React from "react";
import {
  Button,
  Divider,
  MessageBar,
  MessageBarBody,
  Text,
  Title3,
} from "@fluentui/react-components";
import type { Lang } from "../i18n/language";
import { uiText, type UiKey } from "../i18n/ui";
import type { LtvResults } from "../core/results";
import {
  analyseLedgerForPlan,
  analyseSummaryForPlan,
  ledgerResults,
} from "../sheet/ledger-analysis";
import {
  churnFor,
  currencyFor,
  previewLedger,
  previewResults,
  toPlanInputs,
  validate,
} from "./model";
import { officeMessage, proposeLedgerRange, savedAutoOpen, savedChoices } from "./office";
import { PortablePanel } from "./portable/PortablePanel";
import { isSupported, PORTABLE_EXCEL_API } from "./requirements";
import { readLedger, takeSelection, writeSheet } from "./wizard/actions";
import { CustomerSheetsDone, CustomerSheetsReview } from "./wizard/CustomerSheetsStep";
import { DoneStep } from "./wizard/DoneStep";
import { Nav, ReplaceDialog } from "./wizard/Frame";
import { ReviewStep } from "./wizard/ReviewStep";
import { RouteStep } from "./wizard/RouteStep";
import { SettingsStep } from "./wizard/SettingsStep";
import { SourceStep, type PreviewResult } from "./wizard/SourceStep";
import { positionalSummaryColumns, previewSummary } from "./summary-source";
import {
  SourceKindChoice,
  SummaryListReview,
  SummaryPreviewCard,
  type SummaryPreviewResult,
} from "./wizard/SummarySourceStep";
import { initialState, stepsOf, wizardReducer, type WizardState } from "./wizard/state";
import { useWizardStyles } from "./wizard/styles";

export interface AppProps {
  initialLang: Lang;
}

/** What the steps show that follows from the state: the ledger preview, churn, errors, plan inputs, results. */
function useDerived(state: WizardState) {
  const { rows, mapping, lang, fields, route, dateSystem } = state;
  const isSummary = state.sourceKind === "summary";
  // a customer summary: its columns as detected, else the route's order from the first column
  const summaryColumns = React.useMemo(
    () =>
      state.summaryColumns ??
      positionalSummaryColumns(rows ? rows.reduce((w, r) => Math.max(w, r.length), 0) : 0),
    [state.summaryColumns, rows]
  );
  const summary = React.useMemo((): SummaryPreviewResult => {
    if (!rows || !isSummary) return null;
    try {
      return { ok: previewSummary(rows, summaryColumns, dateSystem) };
    } catch (e) {
      return { error: officeMessage(e, lang) };
    }
  }, [rows, isSummary, summaryColumns, dateSystem, lang]);
  const summaryTable = summary && "ok" in summary ? summary.ok.table : null;
  const preview = React.useMemo((): PreviewResult => {
    if (!rows || isSummary) return null;
    if (
      mapping.customer === undefined ||
      mapping.date === undefined ||
      mapping.amount === undefined
    )
      return { error: uiText(lang, "mapRequired") };
    try {
      return { ok: previewLedger(rows, mapping, dateSystem, lang) };
    } catch (e) {
      return { error: officeMessage(e, lang) };
    }
  }, [rows, mapping, lang, dateSystem, isSummary]);
  const ledger = preview && "ok" in preview ? preview.ok : null;
  const churn = React.useMemo(
    () => (ledger ? churnFor(ledger.ledger, fields.periodUnit) : null),
    [ledger, fields.periodUnit]
  );
  const churnAvailable = Boolean(churn && churn.rate > 0);
  // the money's currency: the ledger's sign, else the language's (the sheet, the review and the facts agree)
  const currency = currencyFor(
    lang,
    route === "ledger" ? rows : null,
    isSummary ? summaryColumns.columns.averageRepeatSpend : mapping.amount
  );
  const inputs = { ...toPlanInputs(fields, route), currency };
  // the ledger route's model of a new customer: fitted once per ledger, period, horizon and kind of business
  const horizon = inputs.horizon ?? 0;
  const analysis = React.useMemo(() => {
    if (route !== "ledger" || horizon <= 0) return undefined;
    const common = {
      source: state.address,
      horizon: { amount: horizon, unit: fields.horizonUnit },
      lang,
    };
    if (isSummary) {
      if (!summaryTable) return undefined;
      const a = analyseSummaryForPlan(summaryTable, fields.periodUnit, common);
      // a contract's tenures need the payment lines: said, not fitted
      return fields.business === "contract"
        ? { ...a, value: undefined, valueError: uiText(lang, "summaryContract") }
        : a;
    }
    return ledger
      ? analyseLedgerForPlan(ledger.ledger, fields.periodUnit, {
          ...common,
          business: fields.business,
        })
      : undefined;
  }, [
    route,
    isSummary,
    summaryTable,
    ledger,
    fields.periodUnit,
    horizon,
    fields.horizonUnit,
    fields.business,
    lang,
    state.address,
  ]);
  return {
    summary,
    summaryTable,
    preview,
    ledger,
    churn,
    churnAvailable,
    inputs,
    analysis,
    errors: validate(route, fields),
  };
}

export function App({ initialLang }: AppProps): React.JSX.Element {
  const s = useWizardStyles();
  // a workbook that carries earlier choices reopens the wizard pre-filled
  const [state, dispatch] = React.useReducer(wizardReducer, initialLang, (lang) =>
    initialState(lang, savedChoices(), savedAutoOpen())
  );
  const { lang, route, step, address } = state;
  const t = (key: UiKey, params?: Record<string, string | number>) => uiText(lang, key, params);
  const d = useDerived(state);

  // propose the ledger's range once, when the source step opens empty
  React.useEffect(() => {
    if (step !== "source" || address) return;
    proposeLedgerRange().then(
      (a) => dispatch({ type: "address", address: a }),
      () => undefined
    );
  }, [step, address]);

  const steps = stepsOf(route);
  const index = steps.indexOf(step);
  const canNext =
    step === "route" ||
    // too much unreadable: only once the user said to go on without those rows
    (step === "source" &&
      (state.sourceKind === "summary"
        ? Boolean(d.summaryTable)
        : Boolean(d.ledger) && (!d.ledger?.unreadable.tooMany || state.unreadableOk))) ||
    (step === "settings" &&
      Object.keys(d.errors).length === 0 &&
      (route === "manual" || Boolean(d.analysis?.value)));
  const write = (replace: boolean) =>
    writeSheet(
      state,
      d.inputs,
      d.analysis,
      replace,
      dispatch,
      d.ledger?.ledger,
      d.summaryTable ?? undefined
    );
  const results = (): { ok: LtvResults } | { error: string } => {
    try {
      if (route === "ledger") {
        const value = d.analysis?.value;
        if (!value) return { error: d.analysis?.valueError ?? "" };
        return { ok: ledgerResults(d.inputs, value) };
      }
      return { ok: previewResults(d.inputs) };
    } catch (e) {
      return { error: officeMessage(e, lang) };
    }
  };

  return (
    <div className={s.root} lang={lang}>
      <div className={s.header}>
        <Title3 as="h1">{t("appTitle")}</Title3>
        <Button
          size="small"
          appearance="subtle"
          data-testid="lang"
          onClick={() => dispatch({ type: "lang", lang: lang === "en" ? "ja" : "en" })}
        >
          {t("language")}
        </Button>
      </div>
      {step !== "done" && (
        <Text size={200} className={s.muted} data-testid="step">
          {t("step", { n: index + 1, total: steps.length - 1 })}
        </Text>
      )}

      {step === "route" && <RouteStep route={route} t={t} dispatch={dispatch} />}
      {step === "source" && (
        <SourceStep
          state={state}
          preview={d.preview}
          currency={d.inputs.currency ?? "USD"}
          t={t}
          dispatch={dispatch}
          onRead={() => readLedger(state, dispatch)}
          onUseSelection={() => takeSelection(state, dispatch)}
          sourceKind={<SourceKindChoice state={state} t={t} dispatch={dispatch} />}
          summaryView={<SummaryPreviewCard preview={d.summary} t={t} />}
        />
      )}
      {step === "settings" && (
        <SettingsStep
          state={state}
          errors={d.errors}
          analysis={d.analysis}
          currency={d.inputs.currency ?? "USD"}
          t={t}
          dispatch={dispatch}
        />
      )}
      {step === "review" && (
        <ReviewStep
          state={state}
          results={results()}
          currency={d.inputs.currency ?? "USD"}
          analysis={d.analysis}
          inputs={d.inputs}
          t={t}
          dispatch={dispatch}
          onWrite={() => write(false)}
          extra={
            route === "ledger" &&
            (state.sourceKind === "summary" ? (
              <SummaryListReview
                lang={lang}
                on={Boolean(state.customerSheets)}
                t={t}
                dispatch={dispatch}
              />
            ) : (
              <CustomerSheetsReview
                lang={lang}
                ledger={d.ledger?.ledger ?? null}
                period={state.fields.periodUnit}
                grossMargin={d.inputs.grossMargin}
                acquisitionCost={d.inputs.acquisitionCost}
                currency={d.inputs.currency ?? "USD"}
                on={Boolean(state.customerSheets)}
                t={t}
                dispatch={dispatch}
              />
            ))
          }
        />
      )}
      {step === "done" && state.report && <DoneStep report={state.report} t={t} />}
      {step === "done" && state.customerReport && (
        <CustomerSheetsDone report={state.customerReport} lang={lang} t={t} />
      )}

      {state.error && (
        <MessageBar intent="error" data-testid="error">
          <MessageBarBody>{state.error}</MessageBarBody>
        </MessageBar>
      )}

      <Nav step={step} index={index} canNext={canNext} t={t} dispatch={dispatch} />

      {(step === "route" || step === "done") && isSupported("ExcelApi", PORTABLE_EXCEL_API) && (
        <>
          <Divider />
          <PortablePanel lang={lang} />
        </>
      )}

      <ReplaceDialog state={state} t={t} dispatch={dispatch} onReplace={() => write(true)} />
    </div>
  );
}
