#!/usr/bin/env node
/**
 * `npm run bench`: runs every bench/*.bench.ts (standalone scripts that print markdown tables) through tsx,
 * one after another so they do not compete for the CPU. Extra arguments are passed on (e.g. `--quick`);
 * `npm run bench -- wizard` runs only the files whose name contains "wizard".
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const filters = args.filter((a) => !a.startsWith("-"));
const flags = args.filter((a) => a.startsWith("-"));
const files = readdirSync(join(root, "bench"))
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
let failed = 0;
for (const f of files) {
  console.log(`\n## ${f}\n`);
  const r = spawnSync("npx", ["tsx", join("bench", f), ...flags], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
