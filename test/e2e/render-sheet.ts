/**
 * Renders a written sheet (the Excel test double's cells, values recomputed by HyperFormula) as an HTML table,
 * so the e2e test can screenshot what the calculation sheet looks like without Excel. Approximate by design:
 * fills, bold, italics, column widths, wrapped cells and row heights, and the common number formats; conditional
 * formats are drawn for the colour scales only (min → max linear).
 */
import { isoFromSerial } from "../../src/core/input/date";
import { columnLetter, parseRange } from "../../src/sheet/a1";

interface SheetSnap {
  cells: Record<string, { value?: unknown; formula?: string; format?: string }>;
  formats: { range: string; key: string; value: unknown }[];
  widths: Record<string, number>;
  conditionalFormats: {
    range: string;
    type: string;
    colorScale: { criteria?: { minimum: { color: string }; maximum: { color: string } } };
  }[];
}

function formatValue(v: unknown, code: string | undefined): string {
  if (typeof v !== "number")
    return v === null || v === undefined
      ? ""
      : typeof v === "object"
        ? String((v as { value?: unknown }).value)
        : String(v);
  if (!code || code === "General") return String(Math.round(v * 1e6) / 1e6);
  if (/y/.test(code)) return isoFromSerial(v);
  if (code.startsWith("+0%")) return `${v > 0 ? "+" : ""}${Math.round(v * 100)}%`;
  const decimals = (code.split(".")[1] ?? "").replace(/[^0]/g, "").length;
  if (code.includes("%")) return `${(v * 100).toFixed(decimals)}%`;
  return v.toLocaleString("en-US", {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    useGrouping: code.includes(","),
  });
}

function mix(a: string, b: string, t: number): string {
  const p = (h: string, i: number) => parseInt(h.slice(1 + 2 * i, 3 + 2 * i), 16);
  return `rgb(${[0, 1, 2].map((i) => Math.round(p(a, i) + (p(b, i) - p(a, i)) * t)).join(",")})`;
}

export function renderSheetHtml(
  sheet: SheetSnap,
  get: (address: string) => unknown,
  lastCol: number,
  lastRow: number,
  title: string
): string {
  const style = new Map<string, Record<string, string>>();
  const put = (addr: string, k: string, v: string) => {
    const s = style.get(addr) ?? {};
    s[k] = v;
    style.set(addr, s);
  };
  const each = (range: string, fn: (addr: string) => void) => {
    const { c1, r1, c2, r2 } = parseRange(range);
    for (let r = r1; r <= Math.min(r2, lastRow); r++)
      for (let c = c1; c <= Math.min(c2, lastCol); c++) fn(`${columnLetter(c)}${r}`);
  };
  const heights = new Map<number, number>();
  for (const f of sheet.formats) {
    if (f.key === "fill.color") each(f.range, (a) => put(a, "background", String(f.value)));
    if (f.key === "font.bold" && f.value) each(f.range, (a) => put(a, "font-weight", "bold"));
    if (f.key === "font.italic" && f.value) each(f.range, (a) => put(a, "font-style", "italic"));
    if (f.key === "font.color") each(f.range, (a) => put(a, "color", String(f.value)));
    if (f.key === "font.size")
      each(f.range, (a) => put(a, "font-size", `${Number(f.value) * 1.33}px`));
    // wrapped cells wrap, and a row the plan made taller for them is that tall, as in Excel
    if (f.key === "wrapText" && f.value)
      each(f.range, (a) => put(a, "white-space", "normal;line-height:1.25"));
    if (f.key === "rowHeight") heights.set(parseRange(f.range).r1, Number(f.value) * 1.33);
  }
  for (const cf of sheet.conditionalFormats) {
    const crit = cf.colorScale.criteria;
    if (cf.type !== "ColorScale" || !crit) continue;
    const values: number[] = [];
    each(cf.range, (a) => {
      const v = get(a);
      if (typeof v === "number") values.push(v);
    });
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    each(cf.range, (a) => {
      const v = get(a);
      if (typeof v === "number")
        put(
          a,
          "background",
          mix(crit.minimum.color, crit.maximum.color, hi > lo ? (v - lo) / (hi - lo) : 0.5)
        );
    });
  }
  // the columns' widths as written (points → px); a fixed layout holds them only with the table's width given, else
  // the browser widens a column to its longest unwrapped text, which Excel never does
  const px = (c: number) => {
    const w = sheet.widths[columnLetter(c)];
    return w ? Math.round(w * 1.33) : 64;
  };
  let tableWidth = 32;
  for (let c = 0; c <= lastCol; c++) tableWidth += px(c);
  let html = `<html><head><meta charset="utf-8"><style>body{font-family:Calibri,'Noto Sans CJK JP',sans-serif;font-size:14px;margin:8px}
  table{border-collapse:collapse;table-layout:fixed}td{border:1px solid #e0e0e0;padding:1px 4px;white-space:nowrap;overflow:hidden;height:20px}
  th{background:#f3f3f3;font-weight:normal;color:#666;border:1px solid #d0d0d0}caption{text-align:left;color:#666;padding:4px}</style></head><body>
  <table style="width:${tableWidth}px"><caption>${title}</caption><tr><th style="width:32px"></th>`;
  for (let c = 0; c <= lastCol; c++) html += `<th style="width:${px(c)}px">${columnLetter(c)}</th>`;
  html += "</tr>";
  for (let r = 1; r <= lastRow; r++) {
    const h = heights.get(r);
    html += h ? `<tr style="height:${Math.round(h)}px"><th>${r}</th>` : `<tr><th>${r}</th>`;
    for (let c = 0; c <= lastCol; c++) {
      const a = `${columnLetter(c)}${r}`;
      const cell = sheet.cells[a];
      const v = cell ? (cell.formula !== undefined ? get(a) : cell.value) : "";
      const css = Object.entries(style.get(a) ?? {})
        .map(([k, x]) => `${k}:${x}`)
        .join(";");
      const align = typeof v === "number" ? "text-align:right;" : "";
      // unwrapped text runs on over an empty cell to its right, as in Excel; otherwise it is cut at the border
      const right = sheet.cells[`${columnLetter(c + 1)}${r}`];
      const spills =
        typeof v === "string" &&
        !style.get(a)?.["white-space"] &&
        (right === undefined || (right.value ?? "") === "") &&
        !right?.formula;
      const text = formatValue(v, cell?.format).replace(/&/g, "&amp;").replace(/</g, "&lt;");
      html += `<td style="${align}${spills ? "overflow:visible;" : ""}${css}" title="${cell?.formula ? cell.formula.replace(/"/g, "&quot;") : ""}">${text}</td>`;
    }
    html += "</tr>";
  }
  return html + "</table></body></html>";
}
