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
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Divider,
  MessageBar,
  MessageBarBody,
  Text,
  Title3,
} from "@fluentui/react-components";
import type { Lang } from "../i18n/language";
import { uiText, type UiKey } from "../i18n/ui";
import { SHEET_LABELS } from "../sheet/labels";
import { churnFor, previewLedger, previewResults, toPlanInputs, validate } from "./model";
import { officeMessage, proposeLedgerRange, savedAutoOpen, savedChoices } from "./office";
import { PortablePanel } from "./portable/PortablePanel";
import { isSupported, PORTABLE_EXCEL_API } from "./requirements";
import { readLedger, takeSelection, writeSheet } from "./wizard/actions";
import { DoneStep } from "./wizard/DoneStep";
import { ReviewStep } from "./wizard/ReviewStep";
import { RouteStep } from "./wizard/RouteStep";
import { SettingsStep } from "./wizard/SettingsStep";
import { SourceStep, type PreviewResult } from "./wizard/SourceStep";
import { initialState, stepsOf, wizardReducer, type WizardState } from "./wizard/state";
import { useWizardStyles } from "./wizard/styles";

export interface AppProps {
  initialLang: Lang;
}

/** What the steps show that follows from the state: the ledger preview, churn, errors, plan inputs, results. */
function useDerived(state: WizardState) {
  const { rows, mapping, lang, fields, route, dateSystem } = state;
  const preview = React.useMemo((): PreviewResult => {
    if (!rows) return null;
    if (
      mapping.customer === undefined ||
      mapping.date === undefined ||
      mapping.amount === undefined
    )
      return { error: uiText(lang, "mapRequired") };
    try {
      return { ok: previewLedger(rows, mapping, dateSystem) };
    } catch (e) {
      return { error: officeMessage(e, lang) };
    }
  }, [rows, mapping, lang, dateSystem]);
  const ledger = preview && "ok" in preview ? preview.ok : null;
  const churn = React.useMemo(
    () => (ledger ? churnFor(ledger.ledger, fields.periodUnit) : null),
    [ledger, fields.periodUnit]
  );
  const churnAvailable = Boolean(churn && churn.rate > 0);
  const inputs = toPlanInputs(fields, route, churnAvailable);
  return {
    preview,
    ledger,
    churn,
    churnAvailable,
    inputs,
    errors: validate(route, fields, churnAvailable),
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
      Boolean(d.ledger) &&
      (!d.ledger?.unreadable.tooMany || state.unreadableOk)) ||
    (step === "settings" && Object.keys(d.errors).length === 0);
  const write = (replace: boolean) => writeSheet(state, d.inputs, d.ledger, replace, dispatch);
  const results = (): { ok: ReturnType<typeof previewResults> } | { error: string } => {
    try {
      return {
        ok: previewResults(
          d.inputs,
          route === "ledger" ? d.ledger?.ledger : undefined,
          d.churn?.rate
        ),
      };
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
          t={t}
          dispatch={dispatch}
          onRead={() => readLedger(state, dispatch)}
          onUseSelection={() => takeSelection(state, dispatch)}
        />
      )}
      {step === "settings" && (
        <SettingsStep
          state={state}
          errors={d.errors}
          churn={d.churn}
          churnAvailable={d.churnAvailable}
          t={t}
          dispatch={dispatch}
        />
      )}
      {step === "review" && (
        <ReviewStep
          state={state}
          results={results()}
          t={t}
          dispatch={dispatch}
          onWrite={() => write(false)}
        />
      )}
      {step === "done" && state.report && <DoneStep report={state.report} t={t} />}

      {state.error && (
        <MessageBar intent="error" data-testid="error">
          <MessageBarBody>{state.error}</MessageBarBody>
        </MessageBar>
      )}

      <div className={s.nav}>
        {step === "done" ? (
          <Button data-testid="again" onClick={() => dispatch({ type: "again" })}>
            {t("again")}
          </Button>
        ) : (
          <>
            <Button
              data-testid="back"
              disabled={index === 0}
              onClick={() => dispatch({ type: "go", by: -1 })}
            >
              {t("back")}
            </Button>
            {step !== "review" && (
              <Button
                data-testid="next"
                appearance="primary"
                disabled={!canNext}
                onClick={() => dispatch({ type: "go", by: 1 })}
              >
                {t("next")}
              </Button>
            )}
          </>
        )}
      </div>

      {(step === "route" || step === "done") && isSupported("ExcelApi", PORTABLE_EXCEL_API) && (
        <>
          <Divider />
          <PortablePanel lang={lang} />
        </>
      )}

      <Dialog
        open={state.confirmReplace}
        onOpenChange={(_, o) => dispatch({ type: "confirmReplace", open: o.open })}
      >
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{t("replaceTitle")}</DialogTitle>
            <DialogContent>
              {t("replaceText", { sheet: SHEET_LABELS[lang].sheetName })}
            </DialogContent>
            <DialogActions>
              <Button data-testid="replace" appearance="primary" onClick={() => write(true)}>
                {t("replace")}
              </Button>
              <Button
                data-testid="cancel"
                onClick={() => dispatch({ type: "confirmReplace", open: false })}
              >
                {t("cancel")}
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </div>
  );
}
