/**
 * `npm run test:coverage`: the tests that exercise src/core/ (core, wrappers, the quality suite's source run),
 * instrumented, with the gate the project holds itself to: src/core/ ≥ 95 % of lines and of branches, as a whole
 * (the per-file table is printed too). Kept apart from `npm test` so ordinary runs stay uninstrumented and fast.
 */
const base = require("./jest.config.js");

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  // the suites that reach src/core/; the bundle-only quality suites add nothing to its coverage
  roots: ["<rootDir>/test/core", "<rootDir>/test/functions", "<rootDir>/test/quality"],
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/quality/functions.property", "<rootDir>/test/quality/harness.test", "<rootDir>/test/quality/no-"],
  collectCoverage: true,
  // tests that bound a run's time check it only on uninstrumented code (`npm test`)
  globals: { ...(base.globals ?? {}), LTV_INSTRUMENTED: true },
  collectCoverageFrom: ["src/core/**/*.ts"],
  coverageReporters: ["text-summary", "text", "json-summary"],
  coverageDirectory: "coverage",
  coverageThreshold: {
    "./src/core/": { lines: 95, branches: 95 },
  },
};
