/** Step 1: type the numbers in, or read them from a sales ledger. */
import * as React from "react";
import { Field, Radio, RadioGroup, Text } from "@fluentui/react-components";
import type { Route, WizardAction } from "./state";
import { useWizardStyles, type Translate } from "./styles";

export interface RouteStepProps {
  route: Route;
  t: Translate;
  dispatch: React.Dispatch<WizardAction>;
}

export function RouteStep({ route, t, dispatch }: RouteStepProps): React.JSX.Element {
  const s = useWizardStyles();
  const option = (value: Route, label: "routeManual" | "routeLedger", hint: string) => (
    <Radio
      data-testid={`route-${value}`}
      value={value}
      label={
        <>
          {t(label)}
          <br />
          <Text size={200} className={s.muted}>
            {hint}
          </Text>
        </>
      }
    />
  );
  return (
    <>
      <Text>{t("appIntro")}</Text>
      <Field label={t("routeTitle")}>
        <RadioGroup
          value={route}
          onChange={(_, d) => dispatch({ type: "route", route: d.value as Route })}
        >
          {option("manual", "routeManual", t("routeManualHint"))}
          {option("ledger", "routeLedger", t("routeLedgerHint"))}
        </RadioGroup>
      </Field>
    </>
  );
}
