/**
 * The built task pane with the REAL office.js (from @microsoft/office-js, served locally under its CDN path
 * https://appsforoffice.microsoft.com/lib/1/hosted/, nothing else leaves the machine), under the page's own
 * Content-Security-Policy, in headless Chromium:
 * - opened in a browser on its own (no Excel): no page error, no CSP violation, and the pane says — in the
 *   browser's language — that it runs inside Excel (office.js reports no host; functions.js registers nothing);
 * - with the Excel test double loaded after the real office.js (the workbook side): the wizard renders, still
 *   without a page error or a CSP violation.
 *
 * Skips (with a message) only when /usr/bin/chromium is absent; CI installs it.
 */
import { execFileSync } from "child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "fs";
import { createServer, type Server } from "http";
import { tmpdir } from "os";
import { dirname, extname, join, resolve } from "path";
import type { Browser, Page } from "playwright-core";

const CHROMIUM = "/usr/bin/chromium";
const ROOT = resolve(__dirname, "../..");
const OFFICE_DIST = join(dirname(require.resolve("@microsoft/office-js/package.json")), "dist");
const CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/";
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`office.js e2e skipped: ${CHROMIUM} not found`);
const suite = haveChromium ? describe : describe.skip;
jest.setTimeout(300_000);

const TYPES: Record<string, string> = {
  ".html": "text/html",
  ".js": "application/javascript",
  ".json": "application/json",
  ".png": "image/png",
};

interface Watched {
  page: Page;
  errors: string[];
  csp: string[];
  officeFiles: string[];
  blocked: string[];
}

suite("the task pane with the real office.js", () => {
  let dist = "";
  let server: Server;
  let base = "";
  let browser: Browser;
  const fakeJs = readFileSync(join(ROOT, "test/taskpane/fake-office.js"), "utf8");

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), "ltv-officejs-e2e-"));
    execFileSync("npx", ["webpack", "--mode", "production", "--output-path", dist], {
      cwd: ROOT,
      stdio: "pipe",
      timeout: 240_000,
    });
    server = createServer((req, res) => {
      const path = join(dist, decodeURIComponent((req.url ?? "/").split("?")[0]));
      if (!path.startsWith(dist) || !existsSync(path)) {
        res.writeHead(404).end();
        return;
      }
      res
        .writeHead(200, { "content-type": TYPES[extname(path)] ?? "application/octet-stream" })
        .end(readFileSync(path));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://localhost:${(server.address() as { port: number }).port}`;
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
    if (dist) rmSync(dist, { recursive: true, force: true });
  });

  /** Opens the pane; office.js files come from the package, `withDouble` appends the Excel double to office.js. */
  async function open(locale: string, withDouble?: object): Promise<Watched> {
    const context = await browser.newContext({ locale, viewport: { width: 420, height: 700 } });
    const page = await context.newPage();
    const w: Watched = { page, errors: [], csp: [], officeFiles: [], blocked: [] };
    page.on("pageerror", (e) => w.errors.push(String(e)));
    page.on("console", (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) w.csp.push(m.text());
    });
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => {
        const list = ((window as unknown as { __csp?: string[] }).__csp ??= []);
        list.push(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    await page.route("**/*", async (route) => {
      const url = route.request().url();
      if (url.startsWith(CDN)) {
        const rel = url.slice(CDN.length).split("?")[0];
        const file = join(OFFICE_DIST, rel);
        if (!file.startsWith(OFFICE_DIST) || !existsSync(file)) {
          w.blocked.push(url);
          return route.fulfill({ status: 404, body: "" });
        }
        w.officeFiles.push(rel);
        let body = readFileSync(file, "utf8");
        if (rel === "office.js" && withDouble)
          body +=
            "\n" +
            fakeJs +
            `\n;(function(){ var fake = FakeOffice.createFakeOffice(${JSON.stringify(withDouble)});` +
            "window.Office = fake.Office; window.Excel = fake.Excel; })();";
        return route.fulfill({ contentType: "application/javascript", body });
      }
      if (url.startsWith(base)) return route.continue();
      w.blocked.push(url);
      return route.abort(); // nothing else leaves the machine
    });
    await page.goto(`${base}/taskpane.html`);
    return w;
  }

  async function violations(w: Watched): Promise<string[]> {
    const inPage = await w.page.evaluate(
      () => (window as unknown as { __csp?: string[] }).__csp ?? []
    );
    return [...w.csp, ...inPage];
  }

  it.each([
    ["en-US", /runs inside Excel/],
    ["ja-JP", /Excel の中で動きます/],
  ])(
    "outside Excel (%s): no page error, no CSP violation, a note in the user's language",
    async (locale, text) => {
      const w = await open(locale);
      const note = w.page.getByTestId("outside-excel");
      await note.waitFor({ timeout: 60_000 });
      expect(await note.innerText()).toMatch(text);
      await w.page.waitForTimeout(1500); // office.js's own late work (strings, telemetry) has run
      expect(w.officeFiles).toContain("office.js");
      console.log(
        `${locale}: office.js loaded ${w.officeFiles.join(", ")}; refused ${w.blocked.join(", ") || "nothing"}`
      );
      expect(w.errors).toEqual([]);
      expect(await violations(w)).toEqual([]);
      await w.page.context().close();
    }
  );

  it("with the Excel double after the real office.js: the wizard renders, no page error or CSP violation", async () => {
    const w = await open("en-US", { sheets: { Sheet1: [["notes"]] }, displayLanguage: "en-US" });
    await w.page.getByTestId("next").waitFor({ timeout: 60_000 });
    await w.page.waitForTimeout(1000);
    expect(w.errors).toEqual([]);
    expect(await violations(w)).toEqual([]);
    await w.page.context().close();
  });
});
