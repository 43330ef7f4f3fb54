#!/usr/bin/env node
/*
 * ltv-workbook: runs the command line's TypeScript (src/cli/main.ts) through tsx, installed by `npm ci`,
 * so there is no build step and the CLI is the same source the add-in is built from.
 *
 * The command runs itself again with the heap of ./heap.js (half the machine's memory, at most 16 GB: the
 * workbook of a very large ledger needs more than Node's default) when its own is smaller; the child does the
 * work, and its exit code and signals are the command's.
 */
"use strict";
const v8 = require("node:v8");
const { wantedHeapMB } = require("./heap");

const wanted = wantedHeapMB();
const heap = v8.getHeapStatistics().heap_size_limit / (1024 * 1024);
if (!process.env.LTV_WORKBOOK_HEAP && heap < wanted * 0.9) {
  const { spawn } = require("node:child_process");
  const child = spawn(
    process.execPath,
    [`--max-old-space-size=${wanted}`, ...process.execArgv, __filename, ...process.argv.slice(2)],
    { stdio: "inherit", env: { ...process.env, LTV_WORKBOOK_HEAP: String(wanted) } }
  );
  // a signal to this process goes on to the child (Ctrl+C reaches both already); this one waits for it to end
  const signals = ["SIGINT", "SIGTERM", "SIGHUP"];
  for (const signal of signals) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => {
    if (signal) {
      for (const s of signals) process.removeAllListeners(s);
      process.kill(process.pid, signal);
    } else process.exit(code ?? 1);
  });
} else {
  const { register } = require("tsx/cjs/api");
  register();
  require("../src/cli/main.ts").cli();
}
