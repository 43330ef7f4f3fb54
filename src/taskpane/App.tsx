/**
 * The wizard: route → (ledger: source, columns, preview) → assumptions → review → write. Nothing is written
 * before the last step; every field is validated as it is typed.
 */
import * as React from "react";
import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Divider,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Select,
  Spinner,
  Text,
  Title3,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { LtvError } from "../core/errors";
import {
  detectColumns,
  LEDGER_ROLES,
  type ColumnMapping,
  type DetectedColumns,
  type LedgerRole,
} from "../core/input/headers";
import type { Lang } from "../i18n/language";
import { formatError } from "../i18n/messages";
import { uiText, type UiKey } from "../i18n/ui";
import { columnLetter } from "../sheet/a1";
import { analyseLedgerForPlan } from "../sheet/ledger-analysis";
import { buildCalculationPlan, PLAN_UNITS } from "../sheet/plan";
import { SHEET_LABELS } from "../sheet/labels";
import type { PlanUnit } from "../sheet/types";
import { proposeSource, readSource } from "./ledger-reader";
import {
  churnFor,
  DEFAULT_FIELDS,
  previewLedger,
  previewResults,
  toPlanInputs,
  validate,
  type Fields,
  type LedgerPreview,
} from "./model";
import { writePlan, type WriteReport } from "./writer";
import { PortablePanel } from "./portable/PortablePanel";
import { loadWizardChoices, saveWizardChoices, type WizardChoices } from "./settings";

/** The choices a colleague saved in this workbook, if any (none outside Office, e.g. in a test double). */
function savedChoices(): WizardChoices | undefined {
  try {
    return loadWizardChoices();
  } catch {
    return undefined;
  }
}

/** "'My sheet'!A1:D9" → { sheet: "My sheet", address: "A1:D9" }, and back. */
function splitAddress(full: string): { sheet: string; address: string } | undefined {
  const i = full.lastIndexOf("!");
  if (i < 0) return undefined;
  return {
    sheet: full
      .slice(0, i)
      .replace(/^'(.*)'$/, "$1")
      .replace(/''/g, "'"),
    address: full.slice(i + 1),
  };
}
function joinAddress(source: { sheet: string; address: string }): string {
  const sheet = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(source.sheet)
    ? source.sheet
    : `'${source.sheet.replace(/'/g, "''")}'`;
  return `${sheet}!${source.address}`;
}

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: "12px",
    padding: "16px",
    maxWidth: "420px",
  },
  header: { display: "flex", justifyContent: "space-between", alignItems: "baseline", gap: "8px" },
  row: { display: "flex", gap: "8px", alignItems: "flex-end" },
  grow: { flexGrow: 1 },
  nav: { display: "flex", gap: "8px", justifyContent: "space-between", marginTop: "8px" },
  muted: { color: tokens.colorNeutralForeground3 },
  card: {
    display: "flex",
    flexDirection: "column",
    gap: "4px",
    padding: "8px 12px",
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusMedium,
  },
});

type Route = "manual" | "ledger";
type Step = "route" | "source" | "settings" | "review" | "done";

function stepsOf(route: Route): Step[] {
  return route === "ledger"
    ? ["route", "source", "settings", "review", "done"]
    : ["route", "settings", "review", "done"];
}

export interface AppProps {
  initialLang: Lang;
}

export function App({ initialLang }: AppProps): React.JSX.Element {
  const s = useStyles();
  const [lang, setLang] = React.useState<Lang>(initialLang);
  const t = (key: UiKey, params?: Record<string, string | number>) => uiText(lang, key, params);
  // a workbook that carries earlier choices reopens the wizard pre-filled (issue: sharing with colleagues)
  const [saved] = React.useState(savedChoices);
  const [route, setRoute] = React.useState<Route>(saved?.route ?? "manual");
  const [step, setStep] = React.useState<Step>("route");
  const [fields, setFields] = React.useState<Fields>({ ...DEFAULT_FIELDS, ...saved?.fields });
  const [address, setAddress] = React.useState(saved?.source ? joinAddress(saved.source) : "");
  const [rows, setRows] = React.useState<unknown[][] | null>(null);
  const [detected, setDetected] = React.useState<DetectedColumns | null>(null);
  const [mapping, setMapping] = React.useState<ColumnMapping>({});
  const [busy, setBusy] = React.useState<"" | "reading" | "writing">("");
  const [error, setError] = React.useState("");
  const [confirmReplace, setConfirmReplace] = React.useState(false);
  const [report, setReport] = React.useState<WriteReport | null>(null);

  const set = <K extends keyof Fields>(k: K, v: Fields[K]) => setFields((f) => ({ ...f, [k]: v }));
  const officeError = (e: unknown) => {
    if (e instanceof LtvError) return formatError(e.detail, lang);
    const m = e instanceof Error ? e.message : String(e);
    return m === "errRange" ? t("errRange") : t("errOffice", { message: m });
  };

  // ---- ledger: propose a range once, read it on demand, preview on every mapping change
  React.useEffect(() => {
    if (step !== "source" || address) return;
    Excel.run(proposeSource).then(setAddress, () => undefined);
  }, [step, address]);

  const preview = React.useMemo((): { ok: LedgerPreview } | { error: string } | null => {
    if (!rows) return null;
    if (
      mapping.customer === undefined ||
      mapping.date === undefined ||
      mapping.amount === undefined
    )
      return { error: t("mapRequired") };
    try {
      return { ok: previewLedger(rows, mapping) };
    } catch (e) {
      return { error: officeError(e) };
    }
  }, [rows, mapping, lang]);
  const ledgerPreview = preview && "ok" in preview ? preview.ok : null;
  const churn = React.useMemo(
    () => (ledgerPreview ? churnFor(ledgerPreview.ledger, fields.periodUnit) : null),
    [ledgerPreview, fields.periodUnit]
  );
  const churnAvailable = Boolean(churn && churn.rate > 0);
  const errors = validate(route, fields, churnAvailable);

  const readLedgerRange = async () => {
    setBusy("reading");
    setError("");
    try {
      if (address.replace(/'/g, "").startsWith(`${SHEET_LABELS[lang].sheetName}!`))
        throw new Error(t("errOwnSheet"));
      const values = await Excel.run((ctx) => readSource(ctx, address));
      const d = detectColumns(values as never);
      setRows(values);
      setDetected(d);
      // the saved column mapping wins when the same range is read again
      const sameSource = saved?.mapping && saved.source && joinAddress(saved.source) === address;
      setMapping(sameSource && saved?.mapping ? saved.mapping : d.mapping);
    } catch (e) {
      setError(officeError(e));
    } finally {
      setBusy("");
    }
  };
  const useSelection = async () => {
    try {
      const a = await Excel.run(async (ctx) => {
        const r = ctx.workbook.getSelectedRange();
        r.load("address");
        await ctx.sync();
        // eslint-disable-next-line office-addins/call-sync-after-load, office-addins/call-sync-before-read -- read after the sync just above (the rule misses syncs inside Excel.run callbacks)
        return r.address;
      });
      setAddress(a);
    } catch (e) {
      setError(officeError(e));
    }
  };

  // ---- write
  const inputs = toPlanInputs(fields, route, churnAvailable);
  const write = async (replace: boolean) => {
    setBusy("writing");
    setError("");
    setConfirmReplace(false);
    try {
      const analysis =
        route === "ledger" && ledgerPreview
          ? analyseLedgerForPlan(ledgerPreview.ledger, fields.periodUnit, { source: address })
          : undefined;
      const plan = buildCalculationPlan(inputs, lang, analysis);
      const r = await Excel.run((ctx) => writePlan(ctx, plan, { replace }));
      if (r.status === "exists") setConfirmReplace(true);
      else {
        setReport(r);
        setStep("done");
        // remember the choices in the workbook; a failure here must not hide the sheet just written
        saveWizardChoices({
          route,
          source: route === "ledger" ? splitAddress(address) : undefined,
          mapping: route === "ledger" ? mapping : undefined,
          fields,
          lang,
          sheetName: r.sheet,
        }).catch(() => setError(t("errSettings")));
      }
    } catch (e) {
      setError(officeError(e));
    } finally {
      setBusy("");
    }
  };

  const steps = stepsOf(route);
  const index = steps.indexOf(step);
  const canNext =
    step === "route" ||
    (step === "source" && Boolean(ledgerPreview)) ||
    (step === "settings" && Object.keys(errors).length === 0);
  const go = (d: number) => {
    setError("");
    setStep(steps[Math.max(0, Math.min(steps.length - 1, index + d))]);
  };
  const fmtMoney = (x: number) =>
    x.toLocaleString(lang === "ja" ? "ja-JP" : "en-US", {
      maximumFractionDigits: lang === "ja" ? 0 : 2,
    });

  const numField = (k: keyof typeof errors, label: UiKey, testid: string) => {
    const e = errors[k];
    return (
      <Field
        label={t(label)}
        validationMessage={e ? t(e.key, e.params) : undefined}
        validationState={e ? "error" : "none"}
      >
        <Input
          data-testid={testid}
          value={fields[k] as string}
          inputMode="decimal"
          onChange={(_, d) => set(k, d.value)}
        />
      </Field>
    );
  };
  const unitSelect = (value: PlanUnit, onChange: (u: PlanUnit) => void, testid: string) => (
    <Select data-testid={testid} value={value} onChange={(_, d) => onChange(d.value as PlanUnit)}>
      {PLAN_UNITS.map((u) => (
        <option key={u} value={u}>
          {t(`unit_${u}` as UiKey)}
        </option>
      ))}
    </Select>
  );

  return (
    <div className={s.root} lang={lang}>
      <div className={s.header}>
        <Title3 as="h1">{t("appTitle")}</Title3>
        <Button
          size="small"
          appearance="subtle"
          data-testid="lang"
          onClick={() => setLang(lang === "en" ? "ja" : "en")}
        >
          {t("language")}
        </Button>
      </div>
      {step !== "done" && (
        <Text size={200} className={s.muted} data-testid="step">
          {t("step", { n: index + 1, total: steps.length - 1 })}
        </Text>
      )}

      {step === "route" && (
        <>
          <Text>{t("appIntro")}</Text>
          <Field label={t("routeTitle")}>
            <RadioGroup value={route} onChange={(_, d) => setRoute(d.value as Route)}>
              <Radio
                data-testid="route-manual"
                value="manual"
                label={
                  <>
                    {t("routeManual")}
                    <br />
                    <Text size={200} className={s.muted}>
                      {t("routeManualHint")}
                    </Text>
                  </>
                }
              />
              <Radio
                data-testid="route-ledger"
                value="ledger"
                label={
                  <>
                    {t("routeLedger")}
                    <br />
                    <Text size={200} className={s.muted}>
                      {t("routeLedgerHint")}
                    </Text>
                  </>
                }
              />
            </RadioGroup>
          </Field>
        </>
      )}

      {step === "source" && (
        <>
          <Title3 as="h2">{t("sourceTitle")}</Title3>
          <div className={s.row}>
            <Field className={s.grow} label={t("sourceRange")} hint={t("sourceRangeHint")}>
              <Input
                data-testid="source"
                value={address}
                onChange={(_, d) => setAddress(d.value)}
              />
            </Field>
          </div>
          <div className={s.row}>
            <Button data-testid="use-selection" onClick={useSelection}>
              {t("useSelection")}
            </Button>
            <Button
              data-testid="read"
              appearance="primary"
              disabled={!address || busy !== ""}
              onClick={readLedgerRange}
            >
              {busy === "reading" ? t("reading") : t("read")}
            </Button>
          </div>
          {rows && detected && (
            <>
              <Divider />
              <Title3 as="h2">{t("mappingTitle")}</Title3>
              {LEDGER_ROLES.map((role: LedgerRole) => {
                const header = detected.hasHeader ? rows[0] : null;
                const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
                const how = detected.how[role];
                const label =
                  role === "customer"
                    ? "colCustomer"
                    : role === "date"
                      ? "colDate"
                      : role === "amount"
                        ? "colAmount"
                        : "colOrder";
                return (
                  <Field
                    key={role}
                    label={t(label)}
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
                        setMapping((m) => ({
                          ...m,
                          [role]: d.value === "" ? undefined : Number(d.value),
                        }))
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
              {preview && "error" in preview && (
                <MessageBar intent="warning">
                  <MessageBarBody>{preview.error}</MessageBarBody>
                </MessageBar>
              )}
              {ledgerPreview && (
                <div className={s.card} data-testid="preview">
                  <Text weight="semibold">{t("previewTitle")}</Text>
                  <Text>
                    {t("previewRows", {
                      rows: ledgerPreview.orders,
                      used: ledgerPreview.usedRows,
                      customers: ledgerPreview.customers,
                    })}
                  </Text>
                  <Text>
                    {t("previewSpan", { first: ledgerPreview.first, last: ledgerPreview.last })}
                  </Text>
                  <Text>
                    {ledgerPreview.skipped === 0
                      ? t("previewNoneSkipped")
                      : t("previewSkipped", {
                          count: ledgerPreview.skipped,
                          reasons: ledgerPreview.reasons
                            .map(([code, n]) => {
                              const key = `reason_${code}` as UiKey;
                              return uiText(lang, key in UI_KEYS ? key : "reason_other", {
                                count: n,
                              });
                            })
                            .join(lang === "ja" ? "、" : ", "),
                        })}
                  </Text>
                  {ledgerPreview.ledger.skipped.slice(0, 3).map((sk) => (
                    <Text key={sk.row} size={200} className={s.muted}>
                      {formatError(
                        {
                          kind: "badValue",
                          code: sk.reason,
                          arg: sk.arg,
                          row: sk.row,
                          value: sk.value,
                        },
                        lang
                      )}
                    </Text>
                  ))}
                </div>
              )}
            </>
          )}
        </>
      )}

      {step === "settings" && (
        <>
          <Title3 as="h2">{t("settingsTitle")}</Title3>
          <Field label={t("periodUnit")}>
            {unitSelect(fields.periodUnit, (u) => set("periodUnit", u), "period")}
          </Field>
          {route === "manual" && numField("avgOrder", "avgOrder", "avgOrder")}
          {route === "manual" && numField("frequency", "frequency", "frequency")}
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
                      unit: SHEET_LABELS[lang].dropUnit[fields.periodUnit],
                      churn: `${(churn.rate * 100).toFixed(1)}%`,
                      periods: churn.periods,
                      life: (1 / churn.rate).toFixed(2),
                      units: SHEET_LABELS[lang].unitPlural[fields.periodUnit],
                    })
                  : t("churnUnavailable")}
              </Text>
            </>
          )}
          {!(route === "ledger" && fields.lifespanFromChurn && churnAvailable) && (
            <div className={s.row}>
              <div className={s.grow}>{numField("lifespan", "lifespan", "lifespan")}</div>
              <Field label={t("lifespanUnit")}>
                {unitSelect(fields.lifespanUnit, (u) => set("lifespanUnit", u), "lifespanUnit")}
              </Field>
            </div>
          )}
          {numField("grossMargin", "grossMargin", "grossMargin")}
          {numField("discountRate", "discountRate", "discountRate")}
          {numField("acquisitionCost", "acquisitionCost", "acquisitionCost")}
          <div className={s.row}>
            <div className={s.grow}>
              {numField("retentionCost", "retentionCost", "retentionCost")}
            </div>
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
          {numField("targetRatio", "targetRatio", "targetRatio")}
        </>
      )}

      {step === "review" && (
        <>
          <Title3 as="h2">{t("reviewTitle")}</Title3>
          <Text>{t("reviewIntro", { sheet: SHEET_LABELS[lang].sheetName })}</Text>
          <div className={s.card} data-testid="review">
            {(() => {
              try {
                const r = previewResults(
                  inputs,
                  route === "ledger" ? ledgerPreview?.ledger : undefined,
                  churn?.rate
                );
                return (
                  <>
                    <Text weight="semibold">{t("reviewLtv", { ltv: fmtMoney(r.ltv) })}</Text>
                    <Text>
                      {t("reviewRatio", { ratio: r.ltvCac === null ? "—" : r.ltvCac.toFixed(2) })}
                    </Text>
                  </>
                );
              } catch (e) {
                return <Text>{officeError(e)}</Text>;
              }
            })()}
          </div>
          <Button
            data-testid="write"
            appearance="primary"
            disabled={busy !== ""}
            onClick={() => write(false)}
          >
            {busy === "writing" ? <Spinner size="tiny" label={t("writing")} /> : t("write")}
          </Button>
        </>
      )}

      {step === "done" && report && report.sheetScopedNames.length > 0 && (
        <MessageBar intent="warning" data-testid="names-kept">
          <MessageBarBody>
            {t("namesKept", { names: report.sheetScopedNames.join(", ") })}
          </MessageBarBody>
        </MessageBar>
      )}

      {step === "done" && report && (
        <MessageBar intent="success" data-testid="done">
          <MessageBarBody>
            <b>{t("doneTitle")}</b> {t("doneText", { sheet: report.sheet, syncs: report.syncs })}
          </MessageBarBody>
        </MessageBar>
      )}

      {error && (
        <MessageBar intent="error" data-testid="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}

      <div className={s.nav}>
        {step === "done" ? (
          <Button
            data-testid="again"
            onClick={() => {
              setStep("route");
              setReport(null);
            }}
          >
            {t("again")}
          </Button>
        ) : (
          <>
            <Button data-testid="back" disabled={index === 0} onClick={() => go(-1)}>
              {t("back")}
            </Button>
            {step !== "review" && (
              <Button
                data-testid="next"
                appearance="primary"
                disabled={!canNext}
                onClick={() => go(1)}
              >
                {t("next")}
              </Button>
            )}
          </>
        )}
      </div>

      {(step === "route" || step === "done") && (
        <>
          <Divider />
          <PortablePanel lang={lang} />
        </>
      )}

      <Dialog open={confirmReplace} onOpenChange={(_, d) => setConfirmReplace(d.open)}>
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
              <Button data-testid="cancel" onClick={() => setConfirmReplace(false)}>
                {t("cancel")}
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </div>
  );
}

const UI_KEYS: Record<string, true> = {
  reason_notADate: true,
  reason_notAnAmount: true,
  reason_blankCell: true,
  reason_notAnId: true,
  reason_errorCell: true,
};
