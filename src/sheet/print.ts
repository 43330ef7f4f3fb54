/**
 * The calculation sheet's print layout and font, by language: pure data for the plan (`SheetPlan.print`,
 * `CalculationPlan.font`), applied by both writers.
 */
import { range } from "./a1";
import type { PlanFont, PlanLang, PrintPlan } from "./types";

/**
 * The font of the sheet's cells and charts. Japanese: 游ゴシック (Yu Gothic), Excel's default Japanese font since
 * Office 2016, built into Windows 8.1 and later and macOS 10.9 and later (Meiryo is on Windows only, and on a Mac
 * only with old Office versions). English: the workbook theme's body font (Calibri in a new workbook's theme).
 */
export const PLAN_FONTS: Readonly<Record<PlanLang, PlanFont>> = {
  ja: { name: "游ゴシック", eastAsian: "游ゴシック" },
  en: { name: "Calibri", theme: "minor" },
};

/** A rectangle of the sheet: 0-based columns, 1-based rows, inclusive. */
export interface PrintBox {
  c1: number;
  r1: number;
  c2: number;
  r2: number;
}

/**
 * The print layout: A4 for Japanese, US Letter for English; landscape; one page wide; the title rows (1–3) on
 * every page; and the given boxes as the print area, each from a new page — the calculation with its explanations
 * first, then the sections beside it. Large data blocks (the per-customer summary) are left out of the boxes.
 * @example printLayout("ja", [{ c1: 0, r1: 1, c2: 3, r2: 36 }]) // { paper: "A4", …, area: ["A1:D36"] }
 */
export function printLayout(lang: PlanLang, boxes: PrintBox[]): PrintPlan {
  return {
    paper: lang === "ja" ? "A4" : "Letter",
    orientation: "landscape",
    fitToWidth: 1,
    titleRows: { first: 1, last: 3 },
    area: boxes.map((b) => range(b.c1, b.r1, b.c2, b.r2)),
  };
}
