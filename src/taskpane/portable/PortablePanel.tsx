/**
 * The "Make portable" panel of the task pane: choose the selection or the whole sheet, see how many cells will
 * change (and how), confirm, and undo. The Office.js work is in `action.ts`; this component only renders.
 *
 * Mount it anywhere in the task pane: `<PortablePanel lang={lang} />` (optionally `namespace="ACME"` when the
 * add-in is built with a custom-function namespace).
 */
import * as React from "react";
import {
  Button,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Subtitle2,
  Text,
} from "@fluentui/react-components";
import type { Lang } from "../../i18n/language";
import {
  applyPortable,
  canUndoPortable,
  scanPortable,
  undoPortable,
  type PortableScan,
} from "./action";

type Run = <T>(body: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

const TEXT = {
  en: {
    title: "Make portable",
    intro:
      "Colleagues without the add-in see #NAME? in cells that call its functions. This replaces them: LTV, RETENTION_PERIODS, LTV_CAC, MAX_CAC, CAC_PAYBACK and LTV_CHURN by equivalent Excel formulas, every other function of the add-in by its current value. A copy of the original formulas is kept so you can undo.",
    selection: "Selected cells",
    sheet: "Whole active sheet",
    check: "Check",
    none: "Nothing to change: no cell here calls the add-in's functions.",
    summary:
      "{total} cells will change on '{sheet}': {native} become Excel formulas, {values} become values.",
    apply: "Make portable",
    cancel: "Cancel",
    done: "{n} cells changed. The original formulas are kept in the hidden sheet LTV_Portable_Undo.",
    undo: "Undo the last change",
    undone: "{n} formulas restored.",
    failed: "Could not finish: {message}",
  },
  ja: {
    title: "アドインなしで開けるようにする",
    intro:
      "アドインを入れていない人が開くと、アドインの関数を使うセルは #NAME? になります。ここで置き換えます：LTV、RETENTION_PERIODS、LTV_CAC、MAX_CAC、CAC_PAYBACK、LTV_CHURN は同じ計算の Excel の数式に、そのほかのアドインの関数は今の値に。元の数式は保存するので元に戻せます。",
    selection: "選択したセル",
    sheet: "アクティブなシート全体",
    check: "確認する",
    none: "変更するセルはありません（アドインの関数を使うセルがありません）。",
    summary:
      "シート「{sheet}」の {total} セルが変わります：{native} セルは Excel の数式に、{values} セルは値になります。",
    apply: "置き換える",
    cancel: "キャンセル",
    done: "{n} セルを置き換えました。元の数式は非表示シート LTV_Portable_Undo に保存されています。",
    undo: "直前の置き換えを元に戻す",
    undone: "{n} セルの数式を元に戻しました。",
    failed: "完了できませんでした：{message}",
  },
} as const;

function fill(t: string, p: Record<string, string | number>): string {
  return t.replace(/\{(\w+)\}/g, (_, k: string) => String(p[k] ?? ""));
}

export interface PortablePanelProps {
  lang: Lang;
  namespace?: string;
  /** how to run a batch against Excel; default `Excel.run` (tests pass a double) */
  run?: Run;
}

export function PortablePanel({ lang, namespace, run }: PortablePanelProps): React.ReactElement {
  const t = TEXT[lang];
  const exec: Run = run ?? (<T,>(body: (c: Excel.RequestContext) => Promise<T>) => Excel.run(body));
  const [scope, setScope] = React.useState<"selection" | "sheet">("sheet");
  const [scan, setScan] = React.useState<PortableScan | null>(null);
  const [busy, setBusy] = React.useState(false);
  const [message, setMessage] = React.useState<{
    intent: "success" | "info" | "error";
    text: string;
  } | null>(null);
  const [undoable, setUndoable] = React.useState(false);

  React.useEffect(() => {
    exec((c) => canUndoPortable(c)).then(setUndoable, () => setUndoable(false));
  }, []);

  const guard = async (fn: () => Promise<void>) => {
    setBusy(true);
    try {
      await fn();
    } catch (e) {
      setMessage({
        intent: "error",
        text: fill(t.failed, { message: e instanceof Error ? e.message : String(e) }),
      });
      // a write that failed half-way may have kept the copy of the originals (or an undo may have used it):
      // ask the workbook again, so the Undo button shows whenever there is something to restore
      await exec((c) => canUndoPortable(c)).then(setUndoable, () => undefined);
    } finally {
      setBusy(false);
    }
  };

  const check = () =>
    guard(async () => {
      setMessage(null);
      const s = await exec((c) => scanPortable(c, scope, { namespace }));
      if (s.changes.length === 0) {
        setScan(null);
        setMessage({ intent: "info", text: t.none });
      } else setScan(s);
    });

  const apply = () =>
    guard(async () => {
      if (!scan) return;
      const r = await exec((c) => applyPortable(c, scan));
      setScan(null);
      setUndoable(true);
      setMessage({ intent: "success", text: fill(t.done, { n: r.changed }) });
    });

  const undo = () =>
    guard(async () => {
      const r = await exec((c) => undoPortable(c));
      setUndoable(await exec((c) => canUndoPortable(c)));
      setMessage({ intent: "success", text: fill(t.undone, { n: r.restored }) });
    });

  return (
    <section
      aria-labelledby="ltv-portable-title"
      style={{ display: "flex", flexDirection: "column", gap: 8 }}
    >
      <Subtitle2 id="ltv-portable-title" as="h2">
        {t.title}
      </Subtitle2>
      <Text size={200}>{t.intro}</Text>
      <RadioGroup
        value={scope}
        onChange={(_, d) => setScope(d.value as "selection" | "sheet")}
        disabled={busy || scan !== null}
      >
        <Radio value="selection" label={t.selection} />
        <Radio value="sheet" label={t.sheet} />
      </RadioGroup>
      {scan === null ? (
        <Button appearance="primary" onClick={check} disabled={busy}>
          {t.check}
        </Button>
      ) : (
        <>
          <MessageBar intent="warning">
            <MessageBarBody>
              {fill(t.summary, {
                total: scan.changes.length,
                sheet: scan.sheet,
                native: scan.native,
                values: scan.values,
              })}
            </MessageBarBody>
          </MessageBar>
          <div style={{ display: "flex", gap: 8 }}>
            <Button appearance="primary" onClick={apply} disabled={busy}>
              {t.apply}
            </Button>
            <Button onClick={() => setScan(null)} disabled={busy}>
              {t.cancel}
            </Button>
          </div>
        </>
      )}
      {message && (
        <MessageBar intent={message.intent}>
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      )}
      {undoable && (
        <Button appearance="subtle" onClick={undo} disabled={busy}>
          {t.undo}
        </Button>
      )}
    </section>
  );
}
