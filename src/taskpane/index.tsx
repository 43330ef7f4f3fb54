/**
 * Task pane entry: waits for Office, picks the language from Office's display language, renders the wizard.
 * The page also loads functions.js (shared runtime), so the custom functions and the pane share one runtime.
 */
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { currentLanguage } from "../i18n/language";
import { App } from "./App";

function render(): void {
  const root = document.getElementById("root");
  if (!root) return;
  createRoot(root).render(
    <FluentProvider theme={webLightTheme}>
      <App initialLang={currentLanguage()} />
    </FluentProvider>
  );
}

if (typeof Office !== "undefined" && Office.onReady) Office.onReady(() => render());
else render();
