/**
 * Offline manifest checks (Microsoft's online validator runs with `npm run validate` where a network exists).
 */
import * as fs from "fs";
import * as path from "path";
import { parseStringPromise } from "xml2js";
import { DIST } from "./dist";

const { transformManifest } = require("../../scripts/manifest-transform");

const ROOT = path.resolve(__dirname, "../..");
const source = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
/** The manifest without its comments, which mention what it deliberately leaves out. */
const withoutComments = (xml: string) => xml.replace(/<!--[\s\S]*?-->/g, "");

/** All values of an attribute anywhere in the document, e.g. every resid="…". */
function attributeValues(xml: string, attr: string): string[] {
  return [...xml.matchAll(new RegExp(`\\s${attr}="([^"]*)"`, "g"))].map((m) => m[1]);
}

function resourceIds(xml: string): Set<string> {
  const resources = xml.slice(xml.indexOf("<Resources>"), xml.indexOf("</Resources>"));
  return new Set(attributeValues(resources, "id"));
}

function urls(xml: string): string[] {
  return [...xml.matchAll(/(?:DefaultValue|Value)="(https?:[^"]+)"/g)].map((m) => m[1]);
}

describe("manifest.xml", () => {
  it("is well-formed XML with the add-in's identity", async () => {
    const doc = await parseStringPromise(source);
    expect(doc.OfficeApp.$["xsi:type"]).toBe("TaskPaneApp");
    expect(doc.OfficeApp.Id[0]).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
    );
    expect(doc.OfficeApp.Version[0]).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  });

  it("defines every resource id it references", () => {
    const defined = resourceIds(source);
    for (const id of attributeValues(source, "resid")) expect(defined).toContain(id);
  });

  it("points every icon at a file in assets/", () => {
    const icons = urls(source).filter((u) => u.endsWith(".png"));
    expect(icons.length).toBeGreaterThan(3);
    for (const u of icons) expect(fs.existsSync(path.join(ROOT, new URL(u).pathname))).toBe(true);
  });

  it("serves everything from one https origin, and names files the build writes", () => {
    const all = urls(source);
    for (const u of all) expect(new URL(u).origin).toBe("https://localhost:3000");
    const built = new Set([
      "/taskpane.html",
      "/functions.js",
      "/functions.json",
      "/functions.ja.json",
      "/help.html",
    ]);
    for (const u of all.filter((x) => !x.endsWith(".png")))
      expect(built).toContain(new URL(u).pathname);
    if (fs.existsSync(DIST))
      for (const p of built) expect(fs.existsSync(path.join(DIST, p))).toBe(true);
  });

  it("uses a shared runtime for the task pane and the functions, and a Japanese metadata override", () => {
    expect(source).toMatch(/<Runtime resid="Taskpane.Url" lifetime="long"\/>/);
    expect(source).toMatch(/<Page>\s*<SourceLocation resid="Taskpane.Url"\/>/);
    expect(source).toMatch(/<FunctionFile resid="Taskpane.Url"\/>/);
    expect(source).toMatch(
      /<bt:Override Locale="ja-JP" Value="https:\/\/localhost:3000\/functions.ja.json"\/>/
    );
    expect(source).toMatch(/<Set Name="SharedRuntime" MinVersion="1.1"\/>/);
  });

  it("declares the requirement sets the code uses (src/taskpane/requirements.ts), and no others", async () => {
    const { REQUIRED_SETS } = require("../../src/taskpane/requirements");
    const doc = await parseStringPromise(source);
    const sets = doc.OfficeApp.Requirements[0].Sets[0].Set.map(
      (s: { $: { Name: string; MinVersion: string } }) => [s.$.Name, s.$.MinVersion]
    );
    expect(Object.fromEntries(sets)).toEqual(REQUIRED_SETS);
  });

  it("asks for no more than ReadWriteDocument, trusts no other domain, and opens with the document", () => {
    expect(source).toMatch(/<Permissions>ReadWriteDocument<\/Permissions>/);
    expect(source).toMatch(/<AppDomains\/>/);
    expect(source).toMatch(/<TaskpaneId>Office.AutoShowTaskpaneWithDocument<\/TaskpaneId>/);
    expect(source).toMatch(/<OfficeTab id="TabHome">/);
  });

  it("has no custom-function namespace by default, so people type =LTV(...)", () => {
    expect(withoutComments(source)).not.toMatch(/<Namespace/);
    expect(withoutComments(source)).not.toMatch(/Functions.Namespace/);
  });
});

describe("the build's manifest transform", () => {
  it("adds a namespace element and its string when LTV_NAMESPACE is set", async () => {
    const out = transformManifest(source, { namespace: "acme" });
    expect(out).toMatch(/<Namespace resid="Functions.Namespace"\/>/);
    expect(out).toMatch(/<bt:String id="Functions.Namespace" DefaultValue="ACME"\/>/);
    await expect(parseStringPromise(out)).resolves.toBeTruthy();
    const defined = resourceIds(out);
    for (const id of attributeValues(out, "resid")) expect(defined).toContain(id);
  });

  it("refuses a namespace Excel would refuse", () => {
    expect(() => transformManifest(source, { namespace: "1ACME" })).toThrow(/invalid/);
    expect(() => transformManifest(source, { namespace: "A".repeat(33) })).toThrow(/invalid/);
  });

  it("moves every URL to the production origin", () => {
    const out = transformManifest(source, { url: "https://addins.example.co.jp/ltv" });
    expect(withoutComments(out)).not.toContain("localhost");
    expect(out).toContain("https://addins.example.co.jp/ltv/functions.js");
  });

  it("leaves the manifest unchanged for the default build", () => {
    expect(transformManifest(source, {})).toBe(source);
  });
});
