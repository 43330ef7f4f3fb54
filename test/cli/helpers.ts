/** Shared by the CLI tests: a scratch folder, running main() in-process, and the demo ledger. */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main";

export const DEMO_LEDGER = join(__dirname, "../../demo/sample-ledger.csv");

export function scratch(): string {
  return mkdtempSync(join(tmpdir(), "ltv-cli-"));
}

export interface Ran {
  code: number;
  out: string;
  err: string;
}

/** Runs the CLI in-process with a fixed clock and language. */
export async function runCli(
  args: string[],
  env: Record<string, string> = { LANG: "en_US.UTF-8" }
): Promise<Ran> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, {
    stdout: (l) => out.push(l),
    stderr: (l) => err.push(l),
    env,
    now: new Date(Date.UTC(2025, 0, 15, 9)),
  });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** The demo ledger's rows without the BOM, as text lines. */
export function demoLines(): string[] {
  return readFileSync(DEMO_LEDGER, "utf8")
    .replace(/^\uFEFF/, "")
    .trim()
    .split(/\r?\n/);
}

/** Files in a folder, hidden temp files included. */
export function filesIn(dir: string): string[] {
  return readdirSync(dir).sort();
}
