/**
 * Lint = office-addin-lint's recommended rules (ESLint recommended, typescript-eslint, the Office.js rules and
 * Prettier) applied to every TypeScript/JavaScript file we own, .tsx included, plus React's rules for the task
 * pane. `npm run lint` fails on any warning.
 */
import officeAddins from "eslint-plugin-office-addins";
import reactPlugin from "eslint-plugin-react";
// office-addins' own block names a parser that resolves to undefined with the installed typescript-eslint,
// which leaves TypeScript to espree: give the parser explicitly.
import * as tsParser from "@typescript-eslint/parser";

// office-addin-lint's block covers .js/.ts only; widen it to .tsx rather than redefining its plugins.
const recommended = officeAddins.configs.recommended.map((block) =>
  block.files ? { ...block, files: ["**/*.{js,mjs,cjs,ts,tsx,cts,mts}"] } : block
);

const config = [
  {
    ignores: ["dist/**", "coverage/**", "node_modules/**", "demo/**", "test-output/**", "docs/**"],
  },
  ...recommended,
  {
    files: ["**/*.{ts,tsx,mts,cts}"],
    languageOptions: {
      parser: tsParser,
      ecmaVersion: 2022,
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
    rules: {
      // the TypeScript compiler checks names (strict); ESLint's no-undef does not know ambient Office/Excel types
      "no-undef": "off",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
  {
    ...reactPlugin.configs.flat.recommended,
    files: ["**/*.tsx"],
    settings: { react: { version: "18" } },
  },
  {
    files: ["**/*.tsx"],
    rules: { "react/react-in-jsx-scope": "off", "react/prop-types": "off" },
  },
  {
    // the Office.js rules read any `.load`/`.sync`/`.value` as Excel objects: only the task pane talks to Office
    files: ["**/*.{js,mjs,cjs,ts,tsx,cts,mts}"],
    ignores: ["src/taskpane/**"],
    rules: Object.fromEntries(
      Object.keys(officeAddins.rules).map((name) => [`office-addins/${name}`, "off"])
    ),
  },
  {
    // the rule takes `load("isNullObject")` for loading a navigation property; isNullObject is a scalar flag
    files: ["src/taskpane/**"],
    rules: { "office-addins/no-navigational-load": "off" },
  },
  {
    files: ["**/*.{js,cjs,mjs}"],
    languageOptions: {
      ecmaVersion: 2022,
      globals: {
        require: "readonly",
        module: "writable",
        process: "readonly",
        __dirname: "readonly",
        console: "readonly",
        globalThis: "readonly",
        URL: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        structuredClone: "readonly",
        performance: "readonly",
        Buffer: "readonly",
        __filename: "readonly",
      },
    },
  },
];

// Zero warnings: every rule the shared configs set to "warn" fails the lint instead (in place, so the order of
// the blocks, and the rules turned off for some files, still hold).
const escalate = (setting) => {
  const level = Array.isArray(setting) ? setting[0] : setting;
  if (level !== "warn" && level !== 1) return setting;
  return Array.isArray(setting) ? ["error", ...setting.slice(1)] : "error";
};

export default [
  ...config.map((block) =>
    block.rules
      ? {
          ...block,
          rules: Object.fromEntries(Object.entries(block.rules).map(([r, s]) => [r, escalate(s)])),
        }
      : block
  ),
  { linterOptions: { reportUnusedDisableDirectives: "error" } },
];
