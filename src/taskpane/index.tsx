/**
 * Task pane entry: waits for Office, picks the language from Office's display language, renders the wizard.
 * The page also loads functions.js (shared runtime), so the custom functions and the pane share one runtime.
 *
 * Never throws at load: opened outside Excel (a browser, `npm start`'s URL, another Office host) there is no
 * `Excel` to talk to, and the pane says so in the user's language instead of rendering a wizard that would fail
 * at its first call; without office.js at all (no network) it says the same.
 */
import { createRoot } from "react-dom/client";
import { FluentProvider, Text, Title3, webLightTheme } from "@fluentui/react-components";
import { currentLanguage } from "../i18n/language";
import { uiText } from "../i18n/ui";
import { App } from "./App";

function mount(content: JSX.Element): void {
  const root = document.getElementById("root");
  if (!root) return;
  createRoot(root).render(<FluentProvider theme={webLightTheme}>{content}</FluentProvider>);
}

function renderWizard(): void {
  mount(<App initialLang={currentLanguage()} />);
}

/** The note shown where the pane cannot work: outside Excel. */
export function OutsideExcel(): JSX.Element {
  const lang = currentLanguage();
  return (
    <div data-testid="outside-excel" style={{ padding: 16, display: "grid", gap: 8 }}>
      <Title3 as="h1">{uiText(lang, "outsideExcelTitle")}</Title3>
      <Text>{uiText(lang, "outsideExcelBody")}</Text>
    </div>
  );
}

/** True inside Excel: office.js says the host is Excel and the Excel API is loaded. */
function inExcel(host: unknown): boolean {
  const g = globalThis as {
    Excel?: { run?: unknown };
    Office?: { HostType?: { Excel?: unknown } };
  };
  return (
    typeof g.Excel?.run === "function" && (host === undefined || host === g.Office?.HostType?.Excel)
  );
}

function start(): void {
  const office = (
    globalThis as { Office?: { onReady?: (cb: (info: { host?: unknown }) => void) => unknown } }
  ).Office;
  if (!office || typeof office.onReady !== "function") {
    mount(<OutsideExcel />);
    return;
  }
  try {
    office.onReady((info) =>
      inExcel(info?.host ?? undefined) ? renderWizard() : mount(<OutsideExcel />)
    );
  } catch {
    mount(<OutsideExcel />);
  }
}

start();
