/**
 * The user's language: Japanese when Office (or, outside Office, the browser) says so, else English.
 */
export type Lang = "en" | "ja";

/** Maps a BCP-47 tag to a supported language: `ja`, `ja-JP` → "ja"; anything else → "en". */
export function langFromTag(tag: string | undefined | null): Lang {
  return typeof tag === "string" && /^ja\b/i.test(tag) ? "ja" : "en";
}

let override: Lang | undefined;

/** Forces a language (the task pane's switch, and tests). `undefined` returns to detection. */
export function setLanguage(lang: Lang | undefined): void {
  override = lang;
}

/**
 * The language to answer in: a forced one, else Office's display language (shared runtime), else the
 * JavaScript runtime's locale. Never throws: Excel's JavaScript-only runtime has neither `Office` nor `navigator`.
 */
export function currentLanguage(): Lang {
  if (override) return override;
  const g = globalThis as {
    Office?: { context?: { displayLanguage?: string } };
    navigator?: { language?: string };
  };
  try {
    const office = g.Office?.context?.displayLanguage;
    if (office) return langFromTag(office);
  } catch {
    // Office.context throws before Office.onReady in some hosts: fall through to the runtime's locale
  }
  return langFromTag(g.navigator?.language);
}
