/** The last step: what was written, and which of the user's own names were left alone. */
import * as React from "react";
import { MessageBar, MessageBarBody } from "@fluentui/react-components";
import type { WriteReport } from "../writer";
import type { Translate } from "./styles";

export function DoneStep({ report, t }: { report: WriteReport; t: Translate }): React.JSX.Element {
  return (
    <>
      {report.sheetKept && (
        <MessageBar intent="info" data-testid="sheet-kept">
          <MessageBarBody>
            {t("sheetKept", { kept: report.sheetKept, sheet: report.sheet })}
          </MessageBarBody>
        </MessageBar>
      )}
      {report.sheetScopedNames.length > 0 && (
        <MessageBar intent="warning" data-testid="names-kept">
          <MessageBarBody>
            {t("namesKept", { names: report.sheetScopedNames.join(", ") })}
          </MessageBarBody>
        </MessageBar>
      )}
      <MessageBar intent="success" data-testid="done">
        <MessageBarBody>
          <b>{t("doneTitle")}</b> {t("doneText", { sheet: report.sheet, syncs: report.syncs })}
        </MessageBarBody>
      </MessageBar>
    </>
  );
}
