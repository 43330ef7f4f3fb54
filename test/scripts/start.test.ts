/**
 * `npm start` stops cleanly: started through npm as a user does (its own session, so the test can act as the
 * terminal), on a free port, it serves the add-in; then Ctrl+C (SIGINT to the terminal's process group), a SIGTERM
 * to npm (a task runner's "stop") or a SIGKILL of npm (the parent gone without a word) leaves nothing listening on
 * the port and no process of the server's group alive. POSIX only (process groups); skipped on Windows.
 */
import { spawn, spawnSync } from "node:child_process";
import https from "node:https";
import net from "node:net";
import { join } from "node:path";

const ROOT = join(__dirname, "../..");
const posix = process.platform !== "win32";
const describePosix = posix ? describe : describe.skip;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = https.get(
      {
        host: "localhost",
        port,
        path: "/functions.json",
        rejectUnauthorized: false,
        timeout: 2000,
      },
      (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      }
    );
    req.on("error", () => resolve(false));
    req.on("timeout", () => {
      req.destroy();
      resolve(false);
    });
  });
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.on("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
  });
}

async function until(what: () => Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await what()) return true;
    await new Promise((r) => setTimeout(r, 300));
  }
  return false;
}

interface Proc {
  pid: number;
  ppid: number;
  pgid: number;
  args: string;
}

function processes(): Proc[] {
  const ps = spawnSync("ps", ["-e", "-o", "pid=,ppid=,pgid=,args="], { encoding: "utf8" }).stdout;
  return ps
    .split("\n")
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f.length > 3)
    .map((f) => ({ pid: +f[0], ppid: +f[1], pgid: +f[2], args: f.slice(3).join(" ") }));
}

/** The dev server's process group: start.mjs's child (webpack renames its process, so found by parentage). */
function serverGroup(npmGroup: number): number | undefined {
  const all = processes();
  const start = all.find(
    (p) => p.pgid === npmGroup && /(^|\/)node\s+scripts\/start\.mjs/.test(p.args)
  );
  return start ? all.find((p) => p.ppid === start.pid)?.pgid : undefined;
}

describePosix("npm start stops cleanly", () => {
  it.each([
    ["Ctrl+C (SIGINT to the terminal's process group)", "group", "SIGINT"],
    ["SIGTERM to npm", "npm", "SIGTERM"],
    ["SIGKILL of npm", "npm", "SIGKILL"],
  ] as const)(
    "%s frees the port",
    async (_name, target, signal) => {
      const port = await freePort();
      const npm = spawn("npm", ["start"], {
        cwd: ROOT,
        env: { ...process.env, LTV_DEV_SERVER_PORT: String(port), CI: "true" },
        detached: true, // its own session and process group, like a terminal's foreground job
        stdio: ["ignore", "pipe", "pipe"],
      });
      let log = "";
      let group: number | undefined;
      npm.stdout!.on("data", (d) => (log += d));
      npm.stderr!.on("data", (d) => (log += d));
      try {
        expect(await until(() => answers(port), 240_000)).toBe(true);
        // the dev server runs in a process group of its own, not npm's
        group = serverGroup(npm.pid as number);
        expect(group).toBeDefined();
        expect(group).not.toBe(npm.pid);

        if (target === "group") process.kill(-(npm.pid as number), signal);
        else process.kill(npm.pid as number, signal);

        expect(await until(async () => !(await listening(port)), 15_000)).toBe(true);
        const left = () => processes().filter((p) => p.pgid === group);
        expect(await until(async () => left().length === 0, 10_000)).toBe(true);
      } catch (e) {
        throw new Error(`${(e as Error).message}\n--- npm start output ---\n${log.slice(-3000)}`);
      } finally {
        for (const g of [npm.pid as number, group])
          try {
            if (g) process.kill(-g, "SIGKILL");
          } catch {
            // gone
          }
        npm.stdout!.destroy();
        npm.stderr!.destroy();
      }
    },
    300_000
  );
});
