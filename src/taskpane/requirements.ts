/**
 * The Office requirement sets the add-in needs, in one place: the manifest declares them (test/build checks it
 * against this table), and a feature that needs a newer set than the minimum asks `isSupported` before it shows.
 *
 * Why these: the wizard's writer uses ExcelApi up to 1.8 (data validation, a chart axis's number format; charts'
 * series 1.7, conditional formats and suspendApiCalculationUntilNextSync 1.6, getItemOrNullObject 1.4); the
 * functions return `CustomFunctions.Error` with messages (CustomFunctionsRuntime 1.2); task pane and functions
 * share one runtime (SharedRuntime 1.1). Make portable reads spills (`getSpillingToRangeOrNullObject`, ExcelApi
 * 1.12): hidden where the host lacks it.
 */

/** Declared in manifest.xml: hosts without them are not offered the add-in. */
export const REQUIRED_SETS: Readonly<Record<string, string>> = {
  ExcelApi: "1.8",
  CustomFunctionsRuntime: "1.2",
  SharedRuntime: "1.1",
};

/** The ExcelApi version Make portable needs. */
export const PORTABLE_EXCEL_API = "1.12";

/** True when the host supports `set` at `version`; false outside Office or before it is ready. Never throws. */
export function isSupported(set: string, version: string): boolean {
  try {
    const office = (
      globalThis as {
        Office?: {
          context?: { requirements?: { isSetSupported?: (s: string, v: string) => boolean } };
        };
      }
    ).Office;
    return office?.context?.requirements?.isSetSupported?.(set, version) === true;
  } catch {
    return false;
  }
}
