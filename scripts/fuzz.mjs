#!/usr/bin/env node
/**
 * `npm run fuzz`: the property suite of test/quality/ run long, with a fresh random seed each time.
 *
 *   npm run fuzz                          3,000 calls per function (bundle) and 750 through the sources
 *   npm run fuzz -- --runs 20000          more
 *   npm run fuzz -- --seed 123 [--path 4:1:0]   replay a failure (fast-check prints seed and path)
 *
 * It builds first (the suite fuzzes dist/functions.js). FUZZ_TRACE=/tmp/call.txt keeps the call in progress in
 * a file, for a hang. Environment variables FUZZ_RUNS / FUZZ_SEED / FUZZ_PATH work too.
 */
import { spawnSync } from "node:child_process";

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const env = { ...process.env };
env.FUZZ_RUNS = opt("runs") ?? env.FUZZ_RUNS ?? "3000";
env.FUZZ_SEED = opt("seed") ?? env.FUZZ_SEED ?? String(Math.floor(Math.random() * 2 ** 31));
if (opt("path")) env.FUZZ_PATH = opt("path");
env.FUZZ_BUDGET_MS = env.FUZZ_BUDGET_MS ?? "600000";
env.FUZZ_STATS = env.FUZZ_STATS ?? "1";
console.log(
  `fuzz: ${env.FUZZ_RUNS} runs per function, seed ${env.FUZZ_SEED}${env.FUZZ_PATH ? `, path ${env.FUZZ_PATH}` : ""}`
);

const npx = process.platform === "win32" ? "npx.cmd" : "npx";
if (!args.includes("--no-build")) {
  const build = spawnSync(npx, ["webpack", "--mode", "production"], { stdio: "inherit", env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const jest = spawnSync(
  npx,
  ["jest", "test/quality/functions.property", "--testTimeout", "3600000"],
  { stdio: "inherit", env }
);
console.log(`fuzz: seed ${env.FUZZ_SEED} (replay with npm run fuzz -- --seed ${env.FUZZ_SEED})`);
process.exit(jest.status ?? 1);
