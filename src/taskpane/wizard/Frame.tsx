/** The wizard's frame around the steps: Back / Next (or Start again), and the question before replacing a sheet. */
import * as React from "react";
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from "@fluentui/react-components";
import { SHEET_LABELS } from "../../sheet/labels";
import type { Step, WizardAction, WizardState } from "./state";
import { useWizardStyles, type Translate } from "./styles";

export interface NavProps {
  step: Step;
  /** the step's position on its route (0 = first) */
  index: number;
  canNext: boolean;
  t: Translate;
  dispatch: React.Dispatch<WizardAction>;
}

export function Nav({ step, index, canNext, t, dispatch }: NavProps): React.JSX.Element {
  const s = useWizardStyles();
  if (step === "done")
    return (
      <div className={s.nav}>
        <Button data-testid="again" onClick={() => dispatch({ type: "again" })}>
          {t("again")}
        </Button>
      </div>
    );
  return (
    <div className={s.nav}>
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
    </div>
  );
}

export interface ReplaceDialogProps {
  state: WizardState;
  t: Translate;
  dispatch: React.Dispatch<WizardAction>;
  onReplace: () => void;
}

export function ReplaceDialog({
  state,
  t,
  dispatch,
  onReplace,
}: ReplaceDialogProps): React.JSX.Element {
  return (
    <Dialog
      open={state.confirmReplace}
      onOpenChange={(_, o) => dispatch({ type: "confirmReplace", open: o.open })}
    >
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t("replaceTitle")}</DialogTitle>
          <DialogContent>
            {t("replaceText", { sheet: SHEET_LABELS[state.lang].sheetName })}
          </DialogContent>
          <DialogActions>
            <Button data-testid="replace" appearance="primary" onClick={onReplace}>
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
  );
}
