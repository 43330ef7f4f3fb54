#!/usr/bin/env node
/**
 * `npm run validate`: Microsoft's online manifest validator (office-addin-manifest validate), for manifest.xml
 * and, when built, dist/manifest.xml. Without a network it says so and exits 0, unless --strict is given;
 * the offline checks in test/build/manifest.test.ts run either way with `npm test`.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const strict = process.argv.includes("--strict");
const cli = require.resolve("office-addin-manifest/lib/cli.js");
spawnSync(process.execPath, [require.resolve("office-addin-usage-data/lib/cli.js"), "off"], {
  stdio: "ignore",
});

let failed = false;
for (const manifest of ["manifest.xml", "dist/manifest.xml"].filter((f) => existsSync(f))) {
  const run = spawnSync(process.execPath, [cli, "validate", manifest], {
    encoding: "utf8",
    timeout: 120_000,
  });
  const output = `${run.stdout ?? ""}${run.stderr ?? ""}`;
  if (
    /ENOTFOUND|ECONNREFUSED|EAI_AGAIN|ETIMEDOUT|fetch failed|network|getaddrinfo/i.test(output) ||
    run.error
  ) {
    console.log(`${manifest}: the online validator is unreachable (no network here); skipped.`);
    if (strict) failed = true;
    continue;
  }
  process.stdout.write(output);
  if (run.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
