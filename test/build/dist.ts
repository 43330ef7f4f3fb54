/** Helpers for tests over the built add-in in dist/ (`npm test` builds first). */
import * as fs from "fs";
import * as path from "path";
import type { FunctionsMetadata } from "../../src/i18n/localize-metadata";

export const DIST = path.resolve(__dirname, "../../dist");

export function distFile(name: string): string {
  const file = path.join(DIST, name);
  if (!fs.existsSync(file))
    throw new Error(`${file} is missing: run \`npm run build\` first (npm test does).`);
  return file;
}

export function readMetadata(name = "functions.json"): FunctionsMetadata {
  return JSON.parse(fs.readFileSync(distFile(name), "utf8")) as FunctionsMetadata;
}
