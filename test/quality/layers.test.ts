/**
 * The layers' arrows point inward: src/core imports nothing of ours outside src/core, and of packages only pure
 * maths (stdlib-js special functions and distributions) — no Office, no React, no file system. Every import and require of every core file is read
 * with the TypeScript parser, so a dynamic or type-only import counts too.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import * as ts from "typescript";

const ROOT = resolve(__dirname, "../..");
const CORE = join(ROOT, "src/core");
/** Packages the core may use: stdlib-js's special functions and distributions, pure and synchronous. */
const ALLOWED_PACKAGES = /^@stdlib\/(math-base-special|stats-base-dists)-[a-z0-9-]+$/;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Every module specifier a file names: import/export … from, import(), require(), import x = require(). */
function specifiers(file: string): string[] {
  const sf = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    )
      out.push(node.moduleSpecifier.text);
    if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === "require")) &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    )
      out.push(node.arguments[0].text);
    if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference) &&
      ts.isStringLiteral(node.moduleReference.expression)
    )
      out.push(node.moduleReference.expression.text);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

describe("src/core imports nothing outside src/core", () => {
  const files = filesUnder(CORE);

  it("finds the core's files", () => {
    expect(files.length).toBeGreaterThan(30);
  });

  it("resolves every relative import inside src/core, and uses no package but stdlib-js maths", () => {
    const outside: string[] = [];
    for (const file of files) {
      for (const spec of specifiers(file)) {
        const where = `${relative(ROOT, file)} → ${spec}`;
        if (spec.startsWith(".")) {
          const target = resolve(dirname(file), spec);
          if (!(target + sep).startsWith(CORE + sep)) outside.push(where);
        } else if (!ALLOWED_PACKAGES.test(spec)) outside.push(where);
      }
    }
    expect(outside).toEqual([]);
  });

  it("catches an import that leaves the core (the check itself)", () => {
    const probe = join(CORE, "ltv.ts");
    const target = resolve(dirname(probe), "../sheet/plan");
    expect((target + sep).startsWith(CORE + sep)).toBe(false);
    expect(ALLOWED_PACKAGES.test("react")).toBe(false);
    expect(ALLOWED_PACKAGES.test("node:fs")).toBe(false);
  });
});
