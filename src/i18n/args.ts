/**
 * Argument names as people read them: English keeps the documented ASCII name (`amounts`), Japanese uses the
 * parameter's Japanese display name from the function table (`金額`).
 */
import { FUNCTIONS_JA } from "./functions";
import type { Lang } from "./language";

let jaLabels: Map<string, string> | undefined;

/** The label of an argument in a language; unknown names are returned as they are. */
export function argLabel(arg: string, lang: Lang): string {
  if (lang === "en") return arg;
  if (!jaLabels) {
    jaLabels = new Map();
    for (const fn of Object.values(FUNCTIONS_JA)) {
      for (const [name, text] of Object.entries(fn.params))
        if (!jaLabels.has(name)) jaLabels.set(name, text.name);
    }
  }
  return jaLabels.get(arg) ?? arg;
}
