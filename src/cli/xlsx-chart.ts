/**
 * Charts for the command line's workbook. exceljs writes no charts, and no maintained npm library adds a chart to
 * an existing .xlsx (xlsx-chart and office-chart build their own workbooks from templates; SheetJS's community
 * edition has no charts), so this writes the chart parts of the Office Open XML package itself (ECMA-376 Part 1,
 * DrawingML charts) into the bytes exceljs produced:
 *
 * - `xl/charts/chartN.xml`: one `c:chartSpace` per `ChartPlan` (line or clustered column), its series and
 *   categories referring to the plan's ranges (`'LTV計算'!$H$22:$AE$22`), with a cache of the values the plan
 *   stamped so viewers that do not recalculate still draw it;
 * - `xl/drawings/drawingN.xml` (+ its rels): one two-cell anchor per chart, at the plan's `from`/`to` cells;
 * - the sheet's `<drawing r:id>` and its relationship, and the `[Content_Types].xml` overrides.
 *
 * The package is a JSZip (exceljs' own zip library). O(package size + chart points).
 */
import JSZip from "jszip";
import { absolute, parseCell, parseRange, quoteSheet } from "../sheet/a1";
import type { CalculationPlan, ChartPlan, PlanCell, PlanFont } from "../sheet/types";

/** What the chart parts need of a plan: its sheet (cells, charts) and font — any sheet's plan, not only the calculation's. */
type ChartSource = Pick<CalculationPlan, "lang" | "sheet" | "font">;

const NS = {
  c: "http://schemas.openxmlformats.org/drawingml/2006/chart",
  a: "http://schemas.openxmlformats.org/drawingml/2006/main",
  r: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  xdr: "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
  rels: "http://schemas.openxmlformats.org/package/2006/relationships",
} as const;
const REL = {
  drawing: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing",
  chart: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart",
  worksheet: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet",
} as const;
const CONTENT_TYPE = {
  chart: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
  drawing: "application/vnd.openxmlformats-officedocument.drawing+xml",
} as const;
/** Worksheet children that come after `<drawing>` in CT_Worksheet's sequence. */
const AFTER_DRAWING = [
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
];

/** Escapes text for XML content and attribute values. */
export function xmlEscape(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** The plan's cell at a 0-based column and 1-based row, or null. O(blocks). */
function planCellAt(plan: ChartSource, col: number, row: number): PlanCell | null {
  for (const b of plan.sheet.blocks) {
    const at = parseCell(b.address);
    const i = row - at.row;
    const j = col - at.col;
    if (i < 0 || j < 0 || i >= b.cells.length) continue;
    const cells = b.cells[i];
    if (j < cells.length) return cells[j] ?? null;
  }
  return null;
}

/** The constants a range holds in the plan, in reading order (undefined where a cell is empty or a formula). */
function planValues(plan: ChartSource, address: string): (string | number | undefined)[] {
  const { c1, r1, c2, r2 } = parseRange(address);
  const out: (string | number | undefined)[] = [];
  for (let r = r1; r <= r2; r++)
    for (let c = c1; c <= c2; c++) {
      const v = planCellAt(plan, c, r)?.value;
      out.push(typeof v === "number" || typeof v === "string" ? v : undefined);
    }
  return out;
}

/** A reference to a range of the plan's sheet as a chart formula: `'LTV calculation'!$H$22:$AE$22`. */
export function chartRef(sheetName: string, address: string): string {
  return `${quoteSheet(sheetName)}!${absolute(address)}`;
}

function numRef(ref: string, values: (string | number | undefined)[], format?: string): string {
  const pts = values
    .map((v, i) =>
      typeof v === "number" && Number.isFinite(v) ? `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>` : ""
    )
    .join("");
  return (
    `<c:numRef><c:f>${xmlEscape(ref)}</c:f><c:numCache>` +
    `<c:formatCode>${xmlEscape(format ?? "General")}</c:formatCode>` +
    `<c:ptCount val="${values.length}"/>${pts}</c:numCache></c:numRef>`
  );
}

function strRef(ref: string, values: (string | number | undefined)[]): string {
  const pts = values
    .map((v, i) =>
      v === undefined ? "" : `<c:pt idx="${i}"><c:v>${xmlEscape(String(v))}</c:v></c:pt>`
    )
    .join("");
  return (
    `<c:strRef><c:f>${xmlEscape(ref)}</c:f><c:strCache>` +
    `<c:ptCount val="${values.length}"/>${pts}</c:strCache></c:strRef>`
  );
}

/** Run properties naming the plan's font (Latin and East Asian), or nothing for the theme's font. */
function fontRun(font: PlanFont | undefined): string {
  if (!font || font.theme) return "";
  return (
    `<a:latin typeface="${xmlEscape(font.name)}"/>` +
    `<a:ea typeface="${xmlEscape(font.eastAsian ?? font.name)}"/>`
  );
}

function richText(text: string, lang: string, size: number, bold: boolean, font?: PlanFont) {
  const props = `lang="${lang}" sz="${size}" b="${bold ? 1 : 0}"`;
  return (
    `<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr ${props}>${fontRun(font)}</a:defRPr></a:pPr>` +
    `<a:r><a:rPr ${props}>${fontRun(font)}</a:rPr><a:t>${xmlEscape(text)}</a:t></a:r></a:p></c:rich></c:tx>`
  );
}

function title(text: string, lang: string, size: number, font?: PlanFont): string {
  return `<c:title>${richText(text, lang, size, true, font)}<c:overlay val="0"/></c:title>`;
}

/**
 * The chart part (`c:chartSpace`) of one chart of the plan.
 * @example chartSpaceXml(plan, plan.sheet.charts[0]) // '<?xml …?><c:chartSpace …><c:lineChart>…'
 */
export function chartSpaceXml(plan: ChartSource, chart: ChartPlan): string {
  const sheet = plan.sheet.name;
  const lang = plan.lang === "ja" ? "ja-JP" : "en-US";
  const font = plan.font;
  const catValues = planValues(plan, chart.categories);
  const numericCats = catValues.every((v) => v === undefined || typeof v === "number");
  const catRef = chartRef(sheet, chart.categories);
  const cat = numericCats ? numRef(catRef, catValues) : strRef(catRef, catValues);
  const [catAxId, valAxId] = [500000001, 500000002];

  const series = chart.series
    .map((s, i) => {
      const tx = `<c:tx><c:v>${xmlEscape(s.name)}</c:v></c:tx>`;
      const look =
        chart.kind === "line"
          ? `<c:marker><c:symbol val="circle"/><c:size val="5"/></c:marker>`
          : `<c:invertIfNegative val="0"/>`;
      const val = numRef(chartRef(sheet, s.values), planValues(plan, s.values), chart.valueFormat);
      const tail = chart.kind === "line" ? `<c:smooth val="0"/>` : "";
      return `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>${tx}${look}<c:cat>${cat}</c:cat><c:val>${val}</c:val>${tail}</c:ser>`;
    })
    .join("");
  const axIds = `<c:axId val="${catAxId}"/><c:axId val="${valAxId}"/>`;
  const group =
    chart.kind === "line"
      ? `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series}<c:marker val="1"/>${axIds}</c:lineChart>`
      : `<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series}<c:gapWidth val="150"/>${axIds}</c:barChart>`;

  const catAx =
    `<c:catAx><c:axId val="${catAxId}"/><c:scaling><c:orientation val="minMax"/></c:scaling>` +
    `<c:delete val="0"/><c:axPos val="b"/>` +
    (chart.xAxisTitle ? title(chart.xAxisTitle, lang, 1000, font) : "") +
    `<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/>` +
    `<c:tickLblPos val="nextTo"/><c:crossAx val="${valAxId}"/><c:crosses val="autoZero"/>` +
    `<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`;
  const valAx =
    `<c:valAx><c:axId val="${valAxId}"/><c:scaling><c:orientation val="minMax"/></c:scaling>` +
    `<c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/>` +
    (chart.yAxisTitle ? title(chart.yAxisTitle, lang, 1000, font) : "") +
    `<c:numFmt formatCode="${xmlEscape(chart.valueFormat ?? "General")}" sourceLinked="${chart.valueFormat ? 0 : 1}"/>` +
    `<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `<c:crossAx val="${catAxId}"/><c:crosses val="autoZero"/>` +
    `<c:crossBetween val="${chart.kind === "line" ? "midCat" : "between"}"/></c:valAx>`;
  // one series needs no legend (the title says what it is); several do
  const legend =
    chart.series.length > 1
      ? `<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>`
      : "";
  const txPr = fontRun(font)
    ? `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr>${fontRun(font)}</a:defRPr></a:pPr>` +
      `<a:endParaRPr lang="${lang}"/></a:p></c:txPr>`
    : "";

  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${NS.c}" xmlns:a="${NS.a}" xmlns:r="${NS.r}">` +
    `<c:date1904 val="0"/><c:lang val="${lang}"/><c:roundedCorners val="0"/>` +
    `<c:chart>${title(chart.title, lang, 1400, font)}<c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/>${group}${catAx}${valAx}</c:plotArea>${legend}` +
    `<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>${txPr}</c:chartSpace>`
  );
}

/** The drawing part holding one anchor per chart; `rIds[i]` is chart i's relationship in the drawing's rels. */
export function drawingXml(charts: ChartPlan[], rIds: string[]): string {
  const anchors = charts
    .map((c, i) => {
      const from = parseCell(c.from);
      const to = parseCell(c.to);
      const mark = (tag: string, p: { col: number; row: number }) =>
        `<xdr:${tag}><xdr:col>${p.col}</xdr:col><xdr:colOff>0</xdr:colOff>` +
        `<xdr:row>${p.row - 1}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
      return (
        `<xdr:twoCellAnchor>${mark("from", from)}${mark("to", to)}` +
        `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr>` +
        `<xdr:cNvPr id="${i + 2}" name="${xmlEscape(c.title || `Chart ${i + 1}`)}"/><xdr:cNvGraphicFramePr/>` +
        `</xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
        `<a:graphic><a:graphicData uri="${NS.c}"><c:chart r:id="${rIds[i]}"/></a:graphicData></a:graphic>` +
        `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
      );
    })
    .join("");
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<xdr:wsDr xmlns:xdr="${NS.xdr}" xmlns:a="${NS.a}" xmlns:c="${NS.c}" xmlns:r="${NS.r}">${anchors}</xdr:wsDr>`
  );
}

interface Rel {
  id: string;
  type: string;
  target: string;
  /** "External" for a hyperlink's target */
  mode?: string;
}

function relsXml(rels: Rel[]): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.rels}">` +
    rels
      .map(
        (r) =>
          `<Relationship Id="${xmlEscape(r.id)}" Type="${xmlEscape(r.type)}" Target="${xmlEscape(r.target)}"` +
          (r.mode ? ` TargetMode="${xmlEscape(r.mode)}"/>` : "/>")
      )
      .join("") +
    `</Relationships>`
  );
}

/** Attribute `name` of each element `tag` in an XML text (the package's own parts: flat, machine-written). */
function elements(xml: string, tag: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  const re = new RegExp(`<${tag}\\s([^>]*?)/?>`, "g");
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const attrs: Record<string, string> = {};
    for (const a of m[1].matchAll(/([\w:]+)="([^"]*)"/g)) attrs[a[1]] = a[2];
    out.push(attrs);
  }
  return out;
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

/** The first `prefix{N}.xml` not yet in the package, N ≥ 1. */
function freePart(zip: JSZip, prefix: string): { path: string; n: number } {
  for (let n = 1; ; n++)
    if (!zip.file(`${prefix}${n}.xml`)) return { path: `${prefix}${n}.xml`, n };
}

/**
 * Adds every chart of the plan to the plan's sheet in an .xlsx package (as written by exceljs), in place.
 * Nothing changes when the plan has no charts.
 * @throws Error when the package has no sheet of the plan's name, or that sheet already has a drawing
 */
export async function addChartParts(zip: JSZip, plan: ChartSource): Promise<void> {
  const charts = plan.sheet.charts;
  if (charts.length === 0) return;
  const read = async (path: string) => {
    const f = zip.file(path);
    if (!f) throw new Error(`xlsx: missing part ${path}`);
    return f.async("string");
  };

  // the sheet's part, through the workbook's relationships
  const workbook = await read("xl/workbook.xml");
  const entry = elements(workbook, "sheet").find(
    (s) => unescapeXml(s.name ?? "") === plan.sheet.name
  );
  if (!entry) throw new Error(`xlsx: no sheet named ${plan.sheet.name}`);
  const wbRels = elements(await read("xl/_rels/workbook.xml.rels"), "Relationship");
  const target = wbRels.find((r) => r.Id === entry["r:id"] && r.Type === REL.worksheet)?.Target;
  if (!target) throw new Error(`xlsx: no part for sheet ${plan.sheet.name}`);
  const sheetPath = target.startsWith("/") ? target.slice(1) : `xl/${target}`;
  const sheetDir = sheetPath.slice(0, sheetPath.lastIndexOf("/"));
  const sheetFile = sheetPath.slice(sheetPath.lastIndexOf("/") + 1);
  const sheetRelsPath = `${sheetDir}/_rels/${sheetFile}.rels`;

  let sheetXml = await read(sheetPath);
  if (/<drawing\s/.test(sheetXml)) throw new Error(`xlsx: ${sheetPath} already has a drawing`);

  // the drawing and its charts
  const drawing = freePart(zip, "xl/drawings/drawing");
  const chartParts: string[] = [];
  const drawingRels = charts.map((c, i) => {
    const part = freePart(zip, "xl/charts/chart");
    zip.file(part.path, chartSpaceXml(plan, c));
    chartParts.push(part.path);
    return { id: `rId${i + 1}`, type: REL.chart, target: `../charts/chart${part.n}.xml` };
  });
  zip.file(
    drawing.path,
    drawingXml(
      charts,
      drawingRels.map((r) => r.id)
    )
  );
  zip.file(`xl/drawings/_rels/drawing${drawing.n}.xml.rels`, relsXml(drawingRels));

  // the sheet's relationship to the drawing, continuing the sheet's own numbering
  const existing: Rel[] = zip.file(sheetRelsPath)
    ? elements(await read(sheetRelsPath), "Relationship").map((r) => ({
        id: unescapeXml(r.Id),
        type: unescapeXml(r.Type),
        target: unescapeXml(r.Target),
        ...(r.TargetMode ? { mode: r.TargetMode } : {}),
      }))
    : [];
  const taken = new Set(existing.map((r) => r.id));
  let k = existing.length + 1;
  while (taken.has(`rId${k}`)) k++;
  const drawingRelId = `rId${k}`;
  zip.file(
    sheetRelsPath,
    relsXml([
      ...existing,
      { id: drawingRelId, type: REL.drawing, target: `../drawings/drawing${drawing.n}.xml` },
    ])
  );

  const tag = `<drawing r:id="${drawingRelId}"/>`;
  const before = AFTER_DRAWING.map((t) => sheetXml.search(new RegExp(`<${t}[\\s/>]`)))
    .filter((i) => i >= 0)
    .sort((a, b) => a - b)[0];
  const at = before ?? sheetXml.lastIndexOf("</worksheet>");
  sheetXml = sheetXml.slice(0, at) + tag + sheetXml.slice(at);
  if (!/<worksheet[^>]*xmlns:r=/.test(sheetXml))
    sheetXml = sheetXml.replace(/<worksheet\b/, `<worksheet xmlns:r="${NS.r}"`);
  zip.file(sheetPath, sheetXml);

  // content types
  let types = await read("[Content_Types].xml");
  const overrides = [
    ...chartParts.map((p) => ({ part: `/${p}`, type: CONTENT_TYPE.chart })),
    { part: `/${drawing.path}`, type: CONTENT_TYPE.drawing },
  ];
  types = types.replace(
    "</Types>",
    overrides.map((o) => `<Override PartName="${o.part}" ContentType="${o.type}"/>`).join("") +
      "</Types>"
  );
  zip.file("[Content_Types].xml", types);
}
