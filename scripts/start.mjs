#!/usr/bin/env node
/**
 * `npm start`: build, serve the add-in at https://localhost:3000, and load it into Excel.
 *
 * - Windows / macOS with desktop Excel: office-addin-debugging starts the dev server and sideloads manifest.xml.
 * - Elsewhere (Linux, CI, or no desktop Excel): the dev server runs here and this prints how to sideload
 *   manifest.xml into Excel on the web.
 * Stop with Ctrl+C (and `npm stop` to unregister the sideloaded add-in on desktop).
 */
import { spawn, spawnSync } from "node:child_process";
import https from "node:https";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const PORT = Number(process.env.npm_package_config_dev_server_port || 3000);
const URL_BASE = `https://localhost:${PORT}`;
const bin = (name) => require.resolve(`.bin/${name}`, { paths: [process.cwd() + "/node_modules"] });

// Office's CLI tools ask about usage data on first run; answer once, for this machine, so nothing prompts.
spawnSync(process.execPath, [require.resolve("office-addin-usage-data/lib/cli.js"), "off"], {
  stdio: "ignore",
});

const desktop =
  (process.platform === "win32" || process.platform === "darwin") && !process.env.LTV_NO_SIDELOAD;

if (desktop) {
  const child = spawn(
    bin("office-addin-debugging"),
    [
      "start",
      "manifest.xml",
      "desktop",
      "--dev-server",
      "npm run dev-server",
      "--dev-server-port",
      String(PORT),
    ],
    { stdio: "inherit", shell: process.platform === "win32" }
  );
  child.on("exit", (code) => process.exit(code ?? 0));
} else {
  const server = spawn(
    process.execPath,
    [require.resolve("webpack-cli/bin/cli.js"), "serve", "--mode", "development"],
    {
      stdio: ["ignore", "inherit", "inherit"],
    }
  );
  server.on("exit", (code) => process.exit(code ?? 0));
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
  await waitForServer(`${URL_BASE}/functions.json`, 180_000);
  const { caCertificatePath } = require("./dev-certs.js");
  console.log(`
  The LTV add-in is served at ${URL_BASE}/ (taskpane.html, functions.js, functions.json, functions.ja.json).

  No desktop Excel here. To load it into Excel on the web:
    1. Make your browser trust the development CA once: import ${caCertificatePath}
       as a trusted authority (Chrome/Edge: Settings → Privacy and security → Security → Manage certificates → Authorities).
    2. Open a workbook at https://www.office.com, then Home → Add-ins → More Add-ins → My Add-ins →
       Upload My Add-in, and choose ${process.cwd()}/manifest.xml.
    3. Type =LTV(415, 12, 12, 5000) in a cell (→ 54,760), or click Home → LTV wizard.

  Press Ctrl+C to stop the server.
`);
}

function waitForServer(url, timeoutMs) {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const req = https.get(url, { rejectUnauthorized: false }, (res) => {
        res.resume();
        if (res.statusCode === 200) resolve();
        else retry();
      });
      req.on("error", retry);
    };
    const retry = () =>
      Date.now() - started > timeoutMs
        ? reject(new Error(`${url} did not answer`))
        : setTimeout(attempt, 500);
    attempt();
  });
}
