/**
 * The assumptions step: period unit, avg order and frequency (typed on the manual route), the lifespan or
 * 1 ÷ churn (ledger route), margin, discount rate, costs and the target ratio — each validated as it is typed.
 */
import * as React from "react";
import { Checkbox, Field, Input, Select, Text, Title3 } from "@fluentui/react-components";
import type { UiKey } from "../../i18n/ui";
import { SHEET_LABELS } from "../../sheet/labels";
import { PLAN_UNITS } from "../../sheet/plan";
import type { PlanUnit } from "../../sheet/types";
import type { FieldError, Fields, NumField } from "../model";
import type { WizardAction, WizardState } from "./state";
import { useWizardStyles, type Translate } from "./styles";

export interface SettingsStepProps {
  state: WizardState;
  errors: Partial<Record<NumField, FieldError>>;
  /** the ledger's churn per period, when it can be estimated */
  churn: { rate: number; periods: number } | null;
  churnAvailable: boolean;
  t: Translate;
  dispatch: React.Dispatch<WizardAction>;
}

export function SettingsStep(props: SettingsStepProps): React.JSX.Element {
  const { state, errors, churn, churnAvailable, t, dispatch } = props;
  const { fields, route, lang } = state;
  const s = useWizardStyles();
  const set = <K extends keyof Fields>(key: K, value: Fields[K]) =>
    dispatch({ type: "field", key, value });

  const numField = (k: NumField) => {
    const e = errors[k];
    return (
      <Field
        label={t(k as UiKey)}
        validationMessage={e ? t(e.key, e.params) : undefined}
        validationState={e ? "error" : "none"}
      >
        <Input
          data-testid={k}
          value={fields[k]}
          inputMode="decimal"
          onChange={(_, d) => set(k, d.value)}
        />
      </Field>
    );
  };
  const unitSelect = (k: "periodUnit" | "lifespanUnit", testid: string) => (
    <Select data-testid={testid} value={fields[k]} onChange={(_, d) => set(k, d.value as PlanUnit)}>
      {PLAN_UNITS.map((u) => (
        <option key={u} value={u}>
          {t(`unit_${u}` as UiKey)}
        </option>
      ))}
    </Select>
  );
  const L = SHEET_LABELS[lang];
  const fromChurn = route === "ledger" && fields.lifespanFromChurn && churnAvailable;

  return (
    <>
      <Title3 as="h2">{t("settingsTitle")}</Title3>
      <Field label={t("periodUnit")}>{unitSelect("periodUnit", "period")}</Field>
      {route === "manual" && numField("avgOrder")}
      {route === "manual" && numField("frequency")}
      {route === "ledger" && (
        <>
          <Checkbox
            data-testid="from-churn"
            checked={fields.lifespanFromChurn && churnAvailable}
            disabled={!churnAvailable}
            label={t("lifespanFromChurn")}
            onChange={(_, d) => set("lifespanFromChurn", Boolean(d.checked))}
          />
          <Text size={200} className={s.muted} data-testid="churn">
            {churn && churnAvailable
              ? t("churnEstimate", {
                  unit: L.dropUnit[fields.periodUnit],
                  churn: `${(churn.rate * 100).toFixed(1)}%`,
                  periods: churn.periods,
                  life: (1 / churn.rate).toFixed(2),
                  units: L.unitPlural[fields.periodUnit],
                })
              : t("churnUnavailable")}
          </Text>
        </>
      )}
      {!fromChurn && (
        <div className={s.row}>
          <div className={s.grow}>{numField("lifespan")}</div>
          <Field label={t("lifespanUnit")}>{unitSelect("lifespanUnit", "lifespanUnit")}</Field>
        </div>
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
