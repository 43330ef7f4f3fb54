#!/usr/bin/env node
/**
 * `npm start`: build, serve the add-in at https://localhost:3000, and load it into Excel.
 *
 * - Windows / macOS with desktop Excel: office-addin-debugging starts the dev server and sideloads manifest.xml.
 * - Elsewhere (Linux, CI, or no desktop Excel): the dev server runs here and this prints how to sideload
 *   manifest.xml into Excel on the web.
 * Stop with Ctrl+C (and `npm stop` to unregister the sideloaded add-in on desktop). The dev server runs in its own
 * process group, and SIGINT, SIGTERM and SIGHUP here are passed on to that whole group; if the process that started
 * this one goes away without a signal (npm killed), the group is stopped too, so nothing is left holding the port.
 * LTV_DEV_SERVER_PORT picks another port than package.json's config.dev_server_port (3000).
 */
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { setInterval } from "node:timers";
import https from "node:https";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const PORT = Number(
  process.env.LTV_DEV_SERVER_PORT || process.env.npm_package_config_dev_server_port || 3000
);
const URL_BASE = `https://localhost:${PORT}`;
const bin = (name) => require.resolve(`.bin/${name}`, { paths: [process.cwd() + "/node_modules"] });

// Office's CLI tools ask about usage data on first run; answer once, for this machine, so nothing prompts.
spawnSync(process.execPath, [require.resolve("office-addin-usage-data/lib/cli.js"), "off"], {
  stdio: "ignore",
});

const desktop =
  (process.platform === "win32" || process.platform === "darwin") && !process.env.LTV_NO_SIDELOAD;

// the dev server (and anything it starts) reads the port from here
const childEnv = { ...process.env, npm_package_config_dev_server_port: String(PORT) };

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
    { stdio: "inherit", shell: process.platform === "win32", env: childEnv, detached: groups() }
  );
  stopWith(child);
} else {
  const server = spawn(
    process.execPath,
    [require.resolve("webpack-cli/bin/cli.js"), "serve", "--mode", "development"],
    { stdio: ["ignore", "inherit", "inherit"], env: childEnv, detached: groups() }
  );
  stopWith(server);
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

/** Process groups exist on POSIX systems; on Windows the child is stopped by itself. */
function groups() {
  return process.platform !== "win32";
}

/**
 * Ties the child's life to this process: its exit ends this one with its code; a signal here is passed on to the
 * child's whole process group (it was started detached, so Ctrl+C in the terminal reaches only this process);
 * the loss of this process's parent stops it too; a group that has not stopped 5 s after a signal is killed.
 */
function stopWith(child) {
  let stopping = false;
  const signalGroup = (signal) => {
    try {
      if (groups()) process.kill(-child.pid, signal);
      else child.kill(signal);
    } catch {
      // already gone
    }
  };
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    signalGroup(signal);
    setTimeout(() => {
      signalGroup("SIGKILL");
      process.exit(1);
    }, 5000).unref();
  };
  child.on("exit", (code, signal) => {
    if (groups()) signalGroup("SIGTERM"); // whatever the server started and left behind
    process.exit(code ?? (signal ? 1 : 0));
  });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => stop(signal));
  // npm (or a terminal) killed without a signal reaching us: we, or the `sh -c` npm runs us in, are re-parented;
  // stop the server too
  const lineage = () => `${process.ppid}/${parentOf(process.ppid)}`;
  const started = lineage();
  setInterval(() => {
    if (lineage() !== started) stop("SIGTERM");
  }, 500).unref();
}

/** The parent of a process, from /proc where there is one (Linux); undefined elsewhere. */
function parentOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return undefined;
  }
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
