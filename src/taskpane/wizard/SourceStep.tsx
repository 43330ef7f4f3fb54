/**
 * Step 2 of the ledger route: which range holds the sales ledger, which column is what (detected, changeable),
 * and a preview of what was read — nothing is written.
 */
import * as React from "react";
import {
  Button,
  Divider,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Text,
  Title3,
} from "@fluentui/react-components";
import { LEDGER_ROLES, type LedgerRole } from "../../core/input/headers";
import type { Lang } from "../../i18n/language";
import { formatError } from "../../i18n/messages";
import { platformText, uiText, type UiKey } from "../../i18n/ui";
import type { Currency } from "../../core/input/currency";
import type { PlatformExport } from "../../core/input/platforms";
import { columnLetter } from "../../sheet/a1";
import { moneyText, type LedgerPreview } from "../model";
import type { WizardAction, WizardState } from "./state";
import { useWizardStyles, type Translate } from "./styles";

/** The preview of the mapped columns, or why there is none. */
export type PreviewResult = { ok: LedgerPreview } | { error: string } | null;

const ROLE_LABEL: Record<LedgerRole, UiKey> = {
  customer: "colCustomer",
  date: "colDate",
  amount: "colAmount",
  order: "colOrder",
};

/** Skip reasons with a text of their own; any other is "other". */
const REASON_KEYS: Record<string, true> = {
  reason_notADate: true,
  reason_notAnAmount: true,
  reason_blankCell: true,
  reason_notAnId: true,
  reason_errorCell: true,
};

function ColumnMapping({
  state,
  t,
  dispatch,
}: Omit<SourceStepProps, "preview" | "currency" | "onRead" | "onUseSelection">) {
  const { rows, detected, mapping } = state;
  if (!rows || !detected) return null;
  const header = detected.hasHeader ? rows[0] : null;
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  return (
    <>
      {LEDGER_ROLES.map((role) => {
        const how = detected.how[role];
        return (
          <Field
            key={role}
            label={t(ROLE_LABEL[role])}
            hint={
              how && mapping[role] === detected.mapping[role]
                ? t(how === "header" ? "detectedHeader" : "detectedContent")
                : undefined
            }
          >
            <Select
              data-testid={`map-${role}`}
              value={mapping[role] === undefined ? "" : String(mapping[role])}
              onChange={(_, d) =>
                dispatch({
                  type: "map",
                  role,
                  column: d.value === "" ? undefined : Number(d.value),
                })
              }
            >
              <option value="">{t("none")}</option>
              {Array.from({ length: width }, (_, c) => (
                <option key={c} value={String(c)}>
                  {t("column", { letter: columnLetter(c) })}
                  {header && header[c] !== undefined && header[c] !== ""
                    ? ` — ${String(header[c])}`
                    : ""}
                </option>
              ))}
            </Select>
          </Field>
        );
      })}
    </>
  );
}

function PreviewCard({
  preview,
  platform,
  currency,
  lang,
  t,
  accepted,
  onAccept,
}: {
  preview: LedgerPreview;
  /** the platform export the header row matches, if any */
  platform?: PlatformExport;
  currency: Currency;
  lang: Lang;
  t: Translate;
  accepted: boolean;
  onAccept: () => void;
}) {
  const s = useWizardStyles();
  const reasons = preview.reasons
    .map(([code, n]) => {
      const key = `reason_${code}` as UiKey;
      return uiText(lang, key in REASON_KEYS ? key : "reason_other", { count: n });
    })
    .join(lang === "ja" ? "、" : ", ");
  return (
    <div className={s.card} data-testid="preview">
      <Text weight="semibold">{t("previewTitle")}</Text>
      {platform && <Text data-testid="platform">{platformText(lang, platform)}</Text>}
      <Text>
        {t("previewRows", {
          rows: preview.orders,
          used: preview.usedRows,
          customers: preview.customers,
        })}
      </Text>
      <Text>{t("previewSpan", { first: preview.first, last: preview.last })}</Text>
      {/* every row not used is counted and explained: the header, blank rows, unreadable rows */}
      {preview.header && <Text data-testid="preview-header">{t("previewHeader")}</Text>}
      {preview.blankRows > 0 && (
        <Text data-testid="preview-blank">{t("previewBlank", { count: preview.blankRows })}</Text>
      )}
      {preview.skipped > 0 && (
        <Text>{t("previewSkipped", { count: preview.skipped, reasons })}</Text>
      )}
      {preview.skipped === 0 && preview.blankRows === 0 && <Text>{t("previewNoneSkipped")}</Text>}
      {preview.ledger.skipped.slice(0, 3).map((sk) => (
        <Text key={sk.row} size={200} className={s.muted}>
          {formatError(
            { kind: "badValue", code: sk.reason, arg: sk.arg, row: sk.row, value: sk.value },
            lang
          )}
        </Text>
      ))}
      <FirstRows preview={preview} currency={currency} lang={lang} t={t} />
      {preview.unreadable.tooMany && (
        <MessageBar intent={accepted ? "info" : "warning"} data-testid="unreadable">
          <MessageBarBody>
            {t("unreadableWarning", {
              count: preview.unreadable.unreadable,
              rows: preview.unreadable.rows,
              percent: `${(preview.unreadable.share * 100).toFixed(preview.unreadable.share < 0.1 ? 1 : 0)}%`,
              reasons,
            })}{" "}
            {!accepted && (
              <Button size="small" data-testid="unreadable-ok" onClick={onAccept}>
                {t("unreadableGoOn")}
              </Button>
            )}
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}

/** The first orders as the wizard read them: row, customer, date, amount — so a wrong column shows at once. */
function FirstRows({
  preview,
  currency,
  lang,
  t,
}: {
  preview: LedgerPreview;
  currency: Currency;
  lang: Lang;
  t: Translate;
}) {
  const s = useWizardStyles();
  if (preview.firstRows.length === 0) return null;
  return (
    <>
      <Text size={200} weight="semibold">
        {t("previewFirstRows", { count: preview.firstRows.length })}
      </Text>
      <table className={s.table} data-testid="first-rows">
        <thead>
          <tr>
            <th>{t("previewRow")}</th>
            <th>{t("colCustomer")}</th>
            <th>{t("colDate")}</th>
            <th>{t("colAmount")}</th>
          </tr>
        </thead>
        <tbody>
          {preview.firstRows.map((r) => (
            <tr key={r.row}>
              <td>{r.row}</td>
              <td>{r.customer}</td>
              <td>{r.date}</td>
              <td>{r.amount === null ? "" : moneyText(r.amount, lang, currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export interface SourceStepProps {
  state: WizardState;
  preview: PreviewResult;
  /** the money's currency (the first rows' amounts) */
  currency: Currency;
  t: Translate;
  dispatch: React.Dispatch<WizardAction>;
  onRead: () => void;
  onUseSelection: () => void;
  /** the order-lines-or-summary choice, shown once the range is read */
  sourceKind?: React.ReactNode;
  /** shown instead of the column mapping and preview when the range is a customer summary */
  summaryView?: React.ReactNode;
}

export function SourceStep(props: SourceStepProps): React.JSX.Element {
  const { state, preview, currency, t, dispatch, onRead, onUseSelection } = props;
  const s = useWizardStyles();
  return (
    <>
      <Title3 as="h2">{t("sourceTitle")}</Title3>
      <div className={s.row}>
        <Field className={s.grow} label={t("sourceRange")} hint={t("sourceRangeHint")}>
          <Input
            data-testid="source"
            value={state.address}
            onChange={(_, d) => dispatch({ type: "address", address: d.value })}
          />
        </Field>
      </div>
      <div className={s.row}>
        <Button data-testid="use-selection" onClick={onUseSelection}>
          {t("useSelection")}
        </Button>
        <Button
          data-testid="read"
          appearance="primary"
          disabled={!state.address || state.busy !== ""}
          onClick={onRead}
        >
          {state.busy === "reading" ? t("reading") : t("read")}
        </Button>
      </div>
      {state.rows && state.detected && state.sourceKind === "summary" && (
        <>
          <Divider />
          {props.sourceKind}
          {props.summaryView}
        </>
      )}
      {state.rows && state.detected && state.sourceKind !== "summary" && (
        <>
          <Divider />
          {props.sourceKind}
          <Title3 as="h2">{t("mappingTitle")}</Title3>
          <ColumnMapping state={state} t={t} dispatch={dispatch} />
          {preview && "error" in preview && (
            <MessageBar intent="warning">
              <MessageBarBody>{preview.error}</MessageBarBody>
            </MessageBar>
          )}
          {preview && "ok" in preview && (
            <PreviewCard
              preview={preview.ok}
              platform={state.detected.platform}
              currency={currency}
              lang={state.lang}
              t={t}
              accepted={state.unreadableOk}
              onAccept={() => dispatch({ type: "unreadableOk" })}
            />
          )}
        </>
      )}
    </>
  );
}
