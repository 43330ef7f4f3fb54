/**
 * The chart parts the command line adds to the exceljs package: every chart the plan declares is there, in the
 * order ECMA-376's schemas give each element's children (the sequences below are transcribed from dml-chart.xsd,
 * dml-main.xsd and dml-spreadsheetDrawing.xsd, for the elements the writer emits), every relationship resolves,
 * every part has a content type, and the series refer to the retention curve the plan names — with the curve the
 * core computed as their cached values. LibreOffice's reading of the same file is in libreoffice.test.ts.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { parseStringPromise } from "xml2js";
import { readLedger } from "../../src/core/ledger";
import { analyseLedgerForPlan } from "../../src/sheet/ledger-analysis";
import { buildCalculationPlan, DEFAULT_INPUTS } from "../../src/sheet/plan";
import type { CalculationPlan, LedgerAnalysis } from "../../src/sheet/types";
import { addChartParts } from "../../src/cli/xlsx-chart";
import { planToXlsx, writePlanToWorkbook } from "../../src/cli/xlsx-writer";
import { shopLedger } from "../sheet/fixtures";

/**
 * Child order of the schema types the writer uses. Names joined by "|" are one choice (one position); a key
 * "parent/child" is for an element whose type depends on where it is.
 */
const SEQUENCES: Record<string, { seq: string[]; required?: string[] }> = {
  chartSpace: {
    seq: [
      "date1904",
      "lang",
      "roundedCorners",
      "AlternateContent",
      "clrMapOvr",
      "pivotSource",
      "protection",
      "chart",
      "spPr",
      "txPr",
      "externalData",
      "printSettings",
      "userShapes",
      "extLst",
    ],
    required: ["chart"],
  },
  chart: {
    seq: [
      "title",
      "autoTitleDeleted",
      "pivotFmts",
      "view3D",
      "floor",
      "sideWall",
      "backWall",
      "plotArea",
      "legend",
      "plotVisOnly",
      "dispBlanksAs",
      "showDLblsOverMax",
      "extLst",
    ],
    required: ["plotArea"],
  },
  title: { seq: ["tx", "layout", "overlay", "spPr", "txPr", "extLst"] },
  "title/tx": { seq: ["strRef|rich"], required: ["strRef|rich"] },
  rich: { seq: ["bodyPr", "lstStyle", "p"], required: ["bodyPr", "p"] },
  txPr: { seq: ["bodyPr", "lstStyle", "p"], required: ["bodyPr", "p"] },
  p: { seq: ["pPr", "r|br|fld", "endParaRPr"] },
  pPr: {
    seq: [
      "lnSpc",
      "spcBef",
      "spcAft",
      "buClrTx|buClr",
      "buSzTx|buSzPct|buSzPts",
      "buFontTx|buFont",
      "buNone|buAutoNum|buChar|buBlip",
      "tabLst",
      "defRPr",
      "extLst",
    ],
  },
  r: { seq: ["rPr", "t"], required: ["t"] },
  defRPr: {
    seq: [
      "ln",
      "noFill|solidFill|gradFill|blipFill|pattFill|grpFill",
      "effectLst|effectDag",
      "highlight",
      "uLnTx|uLn",
      "uFillTx|uFill",
      "latin",
      "ea",
      "cs",
      "sym",
      "hlinkClick",
      "hlinkMouseOver",
      "rtl",
      "extLst",
    ],
  },
  plotArea: {
    seq: [
      "layout",
      "areaChart|area3DChart|lineChart|line3DChart|stockChart|radarChart|scatterChart|pieChart|pie3DChart|doughnutChart|barChart|bar3DChart|ofPieChart|surfaceChart|surface3DChart|bubbleChart",
      "valAx|catAx|dateAx|serAx",
      "dTable",
      "spPr",
      "extLst",
    ],
  },
  lineChart: {
    seq: [
      "grouping",
      "varyColors",
      "ser",
      "dLbls",
      "dropLines",
      "hiLowLines",
      "upDownBars",
      "marker",
      "smooth",
      "axId",
      "extLst",
    ],
    required: ["grouping", "axId"],
  },
  barChart: {
    seq: [
      "barDir",
      "grouping",
      "varyColors",
      "ser",
      "dLbls",
      "gapWidth",
      "overlap",
      "serLines",
      "axId",
      "extLst",
    ],
    required: ["barDir", "axId"],
  },
  "lineChart/ser": {
    seq: [
      "idx",
      "order",
      "tx",
      "spPr",
      "marker",
      "dPt",
      "dLbls",
      "trendline",
      "errBars",
      "cat",
      "val",
      "smooth",
      "extLst",
    ],
    required: ["idx", "order"],
  },
  "barChart/ser": {
    seq: [
      "idx",
      "order",
      "tx",
      "spPr",
      "invertIfNegative",
      "pictureOptions",
      "dPt",
      "dLbls",
      "trendline",
      "errBars",
      "cat",
      "val",
      "shape",
      "extLst",
    ],
    required: ["idx", "order"],
  },
  "ser/tx": { seq: ["strRef|v"], required: ["strRef|v"] },
  "ser/marker": { seq: ["symbol", "size", "spPr", "extLst"] },
  cat: {
    seq: ["multiLvlStrRef|numRef|numLit|strRef|strLit"],
    required: ["multiLvlStrRef|numRef|numLit|strRef|strLit"],
  },
  val: { seq: ["numRef|numLit"], required: ["numRef|numLit"] },
  numRef: { seq: ["f", "numCache", "extLst"], required: ["f"] },
  strRef: { seq: ["f", "strCache", "extLst"], required: ["f"] },
  numCache: { seq: ["formatCode", "ptCount", "pt", "extLst"] },
  strCache: { seq: ["ptCount", "pt", "extLst"] },
  pt: { seq: ["v"], required: ["v"] },
  catAx: {
    seq: [
      "axId",
      "scaling",
      "delete",
      "axPos",
      "majorGridlines",
      "minorGridlines",
      "title",
      "numFmt",
      "majorTickMark",
      "minorTickMark",
      "tickLblPos",
      "spPr",
      "txPr",
      "crossAx",
      "crosses|crossesAt",
      "auto",
      "lblAlgn",
      "lblOffset",
      "tickLblSkip",
      "tickMarkSkip",
      "noMultiLvlLbl",
      "extLst",
    ],
    required: ["axId", "scaling", "axPos", "crossAx"],
  },
  valAx: {
    seq: [
      "axId",
      "scaling",
      "delete",
      "axPos",
      "majorGridlines",
      "minorGridlines",
      "title",
      "numFmt",
      "majorTickMark",
      "minorTickMark",
      "tickLblPos",
      "spPr",
      "txPr",
      "crossAx",
      "crosses|crossesAt",
      "crossBetween",
      "majorUnit",
      "minorUnit",
      "dispUnits",
      "extLst",
    ],
    required: ["axId", "scaling", "axPos", "crossAx"],
  },
  scaling: { seq: ["logBase", "orientation", "max", "min", "extLst"] },
  legend: { seq: ["legendPos", "legendEntry", "layout", "overlay", "spPr", "txPr", "extLst"] },
  // the drawing part
  wsDr: { seq: ["twoCellAnchor|oneCellAnchor|absoluteAnchor"] },
  twoCellAnchor: {
    seq: ["from", "to", "sp|grpSp|graphicFrame|cxnSp|pic|contentPart", "clientData"],
    required: ["from", "to", "sp|grpSp|graphicFrame|cxnSp|pic|contentPart", "clientData"],
  },
  from: { seq: ["col", "colOff", "row", "rowOff"], required: ["col", "colOff", "row", "rowOff"] },
  to: { seq: ["col", "colOff", "row", "rowOff"], required: ["col", "colOff", "row", "rowOff"] },
  graphicFrame: {
    seq: ["nvGraphicFramePr", "xfrm", "graphic", "extLst"],
    required: ["nvGraphicFramePr", "xfrm", "graphic"],
  },
  nvGraphicFramePr: {
    seq: ["cNvPr", "cNvGraphicFramePr", "nvPr"],
    required: ["cNvPr", "cNvGraphicFramePr"],
  },
  xfrm: { seq: ["off", "ext"] },
  graphic: { seq: ["graphicData"], required: ["graphicData"] },
  // the chart reference in a drawing (CT_RelId: empty), not CT_Chart
  "graphicData/chart": { seq: [] },
};

interface XNode {
  "#name": string;
  $?: Record<string, string>;
  _?: string;
  $$?: XNode[];
}

const local = (name: string) => name.replace(/^.*:/, "");

/** Every place where an element's children break its schema sequence or miss a required child. */
function violations(node: XNode, parent = ""): string[] {
  const name = local(node["#name"]);
  const rule = SEQUENCES[`${parent}/${name}`] ?? SEQUENCES[name];
  const kids = node.$$ ?? [];
  const out: string[] = [];
  if (rule) {
    const position = (child: string) => rule.seq.findIndex((s) => s.split("|").includes(child));
    let last = -1;
    for (const k of kids) {
      const at = position(local(k["#name"]));
      if (at < 0) out.push(`${name}: unexpected <${k["#name"]}>`);
      else if (at < last) out.push(`${name}: <${k["#name"]}> out of order`);
      else last = at;
    }
    for (const req of rule.required ?? [])
      if (!kids.some((k) => req.split("|").includes(local(k["#name"]))))
        out.push(`${name}: missing <${req}>`);
  }
  for (const k of kids) out.push(...violations(k, name));
  return out;
}

async function parse(xml: string): Promise<XNode> {
  const doc = await parseStringPromise(xml, {
    explicitChildren: true,
    preserveChildrenOrder: true,
    explicitArray: true,
  });
  const root = Object.keys(doc)[0];
  return { "#name": root, ...doc[root] } as XNode;
}

function find(node: XNode, name: string): XNode[] {
  const here = local(node["#name"]) === name ? [node] : [];
  return here.concat(...(node.$$ ?? []).map((k) => find(k, name)));
}

function ledgerPlan(lang: "en" | "ja"): { plan: CalculationPlan; analysis: LedgerAnalysis } {
  const rows = shopLedger().slice(1);
  const ledger = readLedger(
    {
      customers: rows.map((r) => r[0]),
      dates: rows.map((r) => r[1]),
      amounts: rows.map((r) => r[2]),
      orders: rows.map((r) => r[3]),
    },
    { mode: "lenient" }
  );
  const analysis = analyseLedgerForPlan(ledger, "month", {
    source: "shop.csv",
    readAt: new Date(Date.UTC(2025, 0, 1)),
  });
  const plan = buildCalculationPlan(
    { ...DEFAULT_INPUTS, periodUnit: "month", lifespanFromChurn: true },
    lang,
    analysis,
    { now: new Date(2025, 0, 1) }
  );
  return { plan, analysis };
}

/** The part a relationship points at, resolved against the part holding the rels. */
function resolve(relsPath: string, target: string): string {
  const base = target.startsWith("/") ? "" : relsPath.replace(/_rels\/[^/]*\.rels$/, "");
  const parts = (base + target).split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "..") out.pop();
    else if (p !== "." && p !== "") out.push(p);
  }
  return out.join("/");
}

/** Every relationship of the package resolves to a part, and every part has a content type. */
async function packageProblems(zip: JSZip): Promise<string[]> {
  const problems: string[] = [];
  const types = await parse(await zip.file("[Content_Types].xml")!.async("string"));
  const defaults = find(types, "Default").map((d) => d.$!.Extension);
  const overrides = find(types, "Override").map((o) => o.$!.PartName.slice(1));
  for (const path of Object.keys(zip.files)) {
    if (zip.files[path].dir || path === "[Content_Types].xml") continue;
    const ext = path.split(".").pop() as string;
    if (!overrides.includes(path) && !defaults.includes(ext))
      problems.push(`no content type: ${path}`);
    if (!path.endsWith(".rels")) continue;
    const rels = await parse(await zip.file(path)!.async("string"));
    for (const r of find(rels, "Relationship")) {
      if (r.$!.TargetMode === "External") continue;
      const to = resolve(path, r.$!.Target);
      if (!zip.file(to)) problems.push(`${path} ${r.$!.Id} → missing ${to}`);
    }
  }
  for (const o of overrides) if (!zip.file(o)) problems.push(`override for a missing part: ${o}`);
  return problems;
}

describe("the chart parts of the CLI workbook", () => {
  it.each(["en", "ja"] as const)(
    "the retention chart (%s): schema order, resolved parts, the plan's ranges and the core's curve",
    async (lang) => {
      const { plan, analysis } = ledgerPlan(lang);
      // the retention curve first, then the value curve of the ledger's model
      expect(plan.sheet.charts.map((c) => c.id)).toEqual(["retention", "valueCurve"]);
      const chart = plan.sheet.charts[0];
      const zip = await JSZip.loadAsync(await planToXlsx(plan));
      expect(await packageProblems(zip)).toEqual([]);

      const chartXml = await parse(await zip.file("xl/charts/chart1.xml")!.async("string"));
      const drawingXml = await parse(await zip.file("xl/drawings/drawing1.xml")!.async("string"));
      expect(violations(chartXml)).toEqual([]);
      expect(violations(drawingXml)).toEqual([]);

      // the sheet points at the drawing, the drawing at the chart
      const sheetXml = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
      const drawingRel = /<drawing r:id="([^"]+)"\/>/.exec(sheetXml)![1];
      const sheetRels = await zip.file("xl/worksheets/_rels/sheet1.xml.rels")!.async("string");
      expect(sheetRels).toContain(
        `Id="${drawingRel}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/drawing1.xml"`
      );
      // <drawing> after pageSetup, as CT_Worksheet orders them
      expect(sheetXml.indexOf("<drawing ")).toBeGreaterThan(sheetXml.indexOf("<pageSetup"));

      // the series are the plan's named retention curve, the categories its header row
      const curve = plan.names.find((n) => n.name === "Ledger_RetentionCurve")!;
      const refs = find(chartXml, "f").map((f) => f._);
      const [c1, c2] = chart.categories.split(":");
      const abs = (a: string) => a.replace(/^([A-Z]+)(\d+)$/, "$$$1$$$2");
      expect(refs).toEqual([`'${plan.sheet.name}'!${abs(c1)}:${abs(c2)}`, curve.ref]);
      expect(curve.range).toBe(plan.anchors.retention);

      // cached values: 0, 1, 2 … on the category axis, the core's retention curve as the values
      const [catCache, valCache] = find(chartXml, "numCache");
      const points = (cache: XNode) =>
        find(cache, "pt").map((p) => [Number(p.$!.idx), Number(find(p, "v")[0]._)]);
      expect(points(catCache)).toEqual(analysis.retention.map((_, k) => [k, k]));
      expect(points(valCache)).toEqual(analysis.retention.map((s, k) => [k, s]));
      expect(find(valCache, "formatCode")[0]._).toBe(chart.valueFormat);

      // title and axis title in the plan's language; a line chart anchored where the plan says
      const texts = find(chartXml, "t").map((t) => t._);
      expect(texts).toEqual([chart.title, chart.xAxisTitle]);
      expect(find(chartXml, "lineChart")).toHaveLength(1);
      const mark = (tag: string) => {
        const m = find(drawingXml, tag)[0];
        return [Number(find(m, "col")[0]._), Number(find(m, "row")[0]._)];
      };
      const at = (a: string) => {
        const m = /^([A-Z]+)(\d+)$/.exec(a)!;
        return [m[1].split("").reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1, +m[2] - 1];
      };
      expect(mark("from")).toEqual(at(chart.from));
      expect(mark("to")).toEqual(at(chart.to));

      // exceljs still reads the package
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(
        (await zip.generateAsync({ type: "nodebuffer" })) as unknown as ArrayBuffer
      );
      expect(wb.getWorksheet(plan.sheet.name)).toBeDefined();
    }
  );

  it("writes every chart the plan declares: a column chart with two series and a legend", async () => {
    const { plan } = ledgerPlan("en");
    const line = plan.sheet.charts[0];
    plan.sheet.charts.push({
      id: "extra",
      kind: "column",
      title: 'Sizes & "shares" <by cohort>',
      categories: line.categories,
      series: [
        { name: "one", values: line.series[0].values },
        { name: "two", values: line.series[0].values },
      ],
      from: "A60",
      to: "D75",
      yAxisTitle: "share",
    });
    const zip = await JSZip.loadAsync(await planToXlsx(plan));
    expect(await packageProblems(zip)).toEqual([]);
    // the plan's own two charts come first; the added column chart is the third
    const second = await parse(await zip.file("xl/charts/chart3.xml")!.async("string"));
    expect(violations(second)).toEqual([]);
    expect(find(second, "barChart")).toHaveLength(1);
    expect(find(second, "ser")).toHaveLength(2);
    expect(find(second, "legend")).toHaveLength(1);
    expect(find(second, "t").map((t) => t._)).toEqual(['Sizes & "shares" <by cohort>', "share"]);
    const drawing = await parse(await zip.file("xl/drawings/drawing1.xml")!.async("string"));
    expect(find(drawing, "twoCellAnchor")).toHaveLength(plan.sheet.charts.length);
    const rels = await zip.file("xl/drawings/_rels/drawing1.xml.rels")!.async("string");
    expect(rels).toContain('Target="../charts/chart1.xml"');
    expect(rels).toContain('Target="../charts/chart2.xml"');
    expect(rels).toContain('Target="../charts/chart3.xml"');
  });

  it("continues the sheet's own relationships (a hyperlink stays external) and refuses a second drawing", async () => {
    const { plan } = ledgerPlan("en");
    const wb = new ExcelJS.Workbook();
    const ws = writePlanToWorkbook(plan, wb);
    ws.getCell("Z1").value = { text: "site", hyperlink: "https://example.com/" };
    const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
    await addChartParts(zip, plan);
    expect(await packageProblems(zip)).toEqual([]);
    const rels = await zip.file("xl/worksheets/_rels/sheet1.xml.rels")!.async("string");
    expect(rels).toMatch(/Target="https:\/\/example\.com\/" TargetMode="External"/);
    const ids = [...rels.matchAll(/Id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    await expect(addChartParts(zip, plan)).rejects.toThrow(/already has a drawing/);
  });

  it("the schema check itself catches a misplaced and a missing element", async () => {
    const { plan } = ledgerPlan("en");
    const zip = await JSZip.loadAsync(await planToXlsx(plan));
    const xml = await zip.file("xl/charts/chart1.xml")!.async("string");
    const swapped = xml.replace(/(<c:cat>.*?<\/c:cat>)(<c:val>.*?<\/c:val>)/, "$2$1");
    expect(swapped).not.toBe(xml);
    expect(violations(await parse(swapped))).toEqual(["ser: <c:cat> out of order"]);
    const noAxis = xml.replace(/<c:crossAx val="\d+"\/>/, "");
    expect(violations(await parse(noAxis))).toEqual(["catAx: missing <crossAx>"]);
  });

  it("adds nothing to a plan without charts (the manual route)", async () => {
    const plan = buildCalculationPlan(DEFAULT_INPUTS, "ja");
    expect(plan.sheet.charts).toEqual([]);
    const zip = await JSZip.loadAsync(await planToXlsx(plan));
    expect(Object.keys(zip.files).filter((p) => /chart|drawing/.test(p))).toEqual([]);
  });
});
