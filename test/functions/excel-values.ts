/**
 * Shared helpers for the wrapper tests: ranges as Excel passes them and checks of the errors Excel receives.
 */

/** A `CustomFunctions.Error` as a test sees it. */
export type ExcelError = { code: string; message: string };

/** A column range as Excel passes it: `col(1, 2)` → `[[1], [2]]`. */
export const col = (...values: unknown[]): unknown[][] => values.map((v) => [v]);

/** True when a function returned a `CustomFunctions.Error` (the shim's class in tests). */
export const isError = (v: unknown): v is ExcelError =>
  v instanceof (CustomFunctions.Error as unknown as new () => object);

/** Expects an error of `code` whose message contains every fragment. */
export function expectError(value: unknown, code: string, ...fragments: string[]): void {
  expect(isError(value)).toBe(true);
  const e = value as ExcelError;
  expect(e.code).toBe(code);
  for (const f of fragments) expect(e.message).toContain(f);
}
