/**
 * The assumptions step: period unit; avg order, frequency and lifespan typed (manual route), or the kind of
 * business and the horizon with what the ledger's model found (ledger route); margin, discount rate, costs and
 * the target ratio — each validated as it is typed.
 */
import * as React from "react";
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Select,
  Text,
  Title3,
} from "@fluentui/react-components";
import { MODEL_NAMES } from "../../i18n/ledger-value";
import type { UiKey } from "../../i18n/ui";
import { SHEET_LABELS } from "../../sheet/labels";
import { PLAN_UNITS } from "../../sheet/plan";
import { HOLDOUT_WARNING } from "../../sheet/sections/ledger";
import type { Business, LedgerAnalysis, PlanUnit } from "../../sheet/types";
import type { Currency } from "../../core/input/currency";
import {
  EXAMPLE_FIELDS,
  moneyText,
  OPTIONAL_FIELDS,
  type FieldError,
  type Fields,
  type NumField,
} from "../model";
import type { WizardAction, WizardState } from "./state";
import { useWizardStyles, type Translate } from "./styles";

export interface SettingsStepProps {
  state: WizardState;
  errors: Partial<Record<NumField, FieldError>>;
  /** the ledger route's analysis, with the model of a new customer (or why there is none) */
  analysis?: LedgerAnalysis;
  /** the money's currency (its sign and rounding in the ledger's facts) */
  currency: Currency;
  t: Translate;
  dispatch: React.Dispatch<WizardAction>;
}

export function SettingsStep(props: SettingsStepProps): React.JSX.Element {
  const { state, errors, analysis, currency, t, dispatch } = props;
  const { fields, route, lang } = state;
  const s = useWizardStyles();
  const set = <K extends keyof Fields>(key: K, value: Fields[K]) =>
    dispatch({ type: "field", key, value });

  // an empty field the user must fill shows no error until typed in: the placeholder says what goes there
  const numField = (k: NumField) => {
    const e = fields[k].trim() === "" ? undefined : errors[k];
    const example = EXAMPLE_FIELDS[k];
    return (
      <Field
        label={t(k as UiKey)}
        hint={OPTIONAL_FIELDS.has(k) && k === "acquisitionCost" ? t("optionalCost") : undefined}
        validationMessage={e ? t(e.key, e.params) : undefined}
        validationState={e ? "error" : "none"}
      >
        <Input
          data-testid={k}
          value={fields[k]}
          placeholder={
            example && example !== "0" ? t("examplePlaceholder", { value: example }) : undefined
          }
          inputMode="decimal"
          onChange={(_, d) => set(k, d.value)}
        />
      </Field>
    );
  };
  const unitSelect = (k: "periodUnit" | "lifespanUnit" | "horizonUnit", testid: string) => (
    <Select data-testid={testid} value={fields[k]} onChange={(_, d) => set(k, d.value as PlanUnit)}>
      {PLAN_UNITS.map((u) => (
        <option key={u} value={u}>
          {t(`unit_${u}` as UiKey)}
        </option>
      ))}
    </Select>
  );
  const L = SHEET_LABELS[lang];

  return (
    <>
      <Title3 as="h2">{t("settingsTitle")}</Title3>
      {route === "manual" && (
        <div className={s.row}>
          <Button
            data-testid="use-example"
            size="small"
            onClick={() => dispatch({ type: "example" })}
          >
            {t("useExample")}
          </Button>
          <Text size={200} className={s.muted}>
            {t("useExampleHint")}
          </Text>
        </div>
      )}
      <Field label={t("periodUnit")}>{unitSelect("periodUnit", "period")}</Field>
      {route === "manual" && numField("avgOrder")}
      {route === "manual" && numField("frequency")}
      {route === "manual" && (
        <div className={s.row}>
          <div className={s.grow}>{numField("lifespan")}</div>
          <Field label={t("lifespanUnit")}>{unitSelect("lifespanUnit", "lifespanUnit")}</Field>
        </div>
      )}
      {route === "ledger" && (
        <>
          <Field label={t("business")}>
            <RadioGroup
              data-testid="business"
              value={fields.business}
              onChange={(_, d) => set("business", d.value as Business)}
            >
              <Radio value="repeat" label={t("businessRepeat")} />
              <Radio value="contract" label={t("businessContract")} />
            </RadioGroup>
          </Field>
          <div className={s.row}>
            <div className={s.grow}>{numField("horizon")}</div>
            <Field label={t("horizonUnit")}>{unitSelect("horizonUnit", "horizonUnit")}</Field>
          </div>
          <ModelFacts
            analysis={analysis}
            lang={lang}
            currency={currency}
            unit={fields.periodUnit}
            L={L}
            t={t}
          />
        </>
      )}
      {numField("grossMargin")}
      {numField("discountRate")}
      {numField("acquisitionCost")}
      <div className={s.row}>
        <div className={s.grow}>{numField("retentionCost")}</div>
        <Field label={t("retentionBasis")}>
          <Select
            data-testid="retentionBasis"
            value={fields.retentionBasis}
            onChange={(_, d) => set("retentionBasis", d.value as Fields["retentionBasis"])}
          >
            <option value="total">{t("basisTotal")}</option>
            <option value="perPeriod">{t("basisPerPeriod")}</option>
          </Select>
        </Field>
      </div>
      {numField("targetRatio")}
    </>
  );
}

/** What the ledger's model says, in one sentence, and how well it tracked the ledger's last sixth. */
function ModelFacts(props: {
  analysis?: LedgerAnalysis;
  lang: WizardState["lang"];
  currency: Currency;
  unit: PlanUnit;
  L: (typeof SHEET_LABELS)["en"];
  t: Translate;
}): React.JSX.Element | null {
  const { analysis, lang, currency, unit, L, t } = props;
  const s = useWizardStyles();
  if (!analysis) return null;
  const value = analysis.value;
  if (!value)
    return (
      <MessageBar intent="warning" data-testid="model-failed">
        <MessageBarBody>{t("modelFailed", { reason: analysis.valueError ?? "" })}</MessageBarBody>
      </MessageBar>
    );
  const locale = lang === "ja" ? "ja-JP" : "en-US";
  const n = (x: number, d: number) => x.toLocaleString(locale, { maximumFractionDigits: d });
  const h = value.holdout;
  const error = h?.error ?? null;
  const holdout =
    h && error !== null
      ? {
          predicted: n(h.predicted, 0),
          actual: n(h.actual, 0),
          days: h.days,
          error: `${error >= 0 ? "+" : "−"}${n(Math.abs(error) * 100, 1)} %`,
        }
      : null;
  return (
    <>
      <Text size={200} className={s.muted} data-testid="model-facts">
        {t("modelFacts", {
          model: MODEL_NAMES[value.model],
          first: moneyText(value.firstOrder, lang, currency),
          avg: moneyText(value.avgOrder, lang, currency),
          freq: n(value.frequency, 3),
          unit: L.units[unit],
          periods: n(value.periods, 2),
          units: L.unitPlural[unit],
        })}
      </Text>
      {holdout &&
        (Math.abs(error as number) > HOLDOUT_WARNING ? (
          <MessageBar intent="warning" data-testid="holdout">
            <MessageBarBody>{t("holdoutBad", holdout)}</MessageBarBody>
          </MessageBar>
        ) : (
          <Text size={200} className={s.muted} data-testid="holdout">
            {t("holdoutOk", holdout)}
          </Text>
        ))}
    </>
  );
}
