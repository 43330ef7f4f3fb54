/**
 * Error cells as Excel passes them once the metadata sets `allowErrorForDataTypeAny`: Excel's custom-functions
 * runtime (office.js, `CustomFunctionProxy._transferCustomFunctionError`) turns each error cell of a parameter —
 * alone or anywhere inside a range's 2-D array — into `new CustomFunctions.Error(code)`: an Error whose `code` is
 * the error as Excel shows it ("#N/A"), `type` and `basicType` "Error", `basicValue` the code, message "".
 *
 * Through the built bundle (as Excel loads it) and the sources: every ledger function names the argument, the
 * row and the error; #N/A stays #N/A, other errors give #VALUE! with that message.
 */
import { loadBundle, loadSources, type LoadedRuntime } from "./harness/runtime";

type Err = { code: string; message: string };

/** An error cell in the runtime's shape. */
function excelError(rt: LoadedRuntime, code: string): object {
  const e = new (rt.ErrorClass as unknown as new (c: string) => Record<string, unknown>)(code);
  e.type = "Error";
  e.basicType = "Error";
  e.basicValue = code;
  e.message = "";
  return e;
}

const col = (...v: unknown[]) => v.map((x) => [x]);

for (const rt of [loadBundle(), loadSources()]) {
  describe(`error cells reach the functions and are named (${rt.label})`, () => {
    const fn = (id: string) => rt.functions.get(id)!;
    const isErr = (v: unknown): v is Err =>
      v instanceof (rt.ErrorClass as unknown as new () => object);

    it("AVG_ORDER: #DIV/0! in row 3 of the amounts → #VALUE! naming amounts, row 3 and #DIV/0!", () => {
      const got = fn("AVG_ORDER")(col("金額", 340, excelError(rt, "#DIV/0!"), 490));
      expect(isErr(got)).toBe(true);
      expect((got as Err).code).toBe("#VALUE!");
      expect((got as Err).message).toMatch(/amounts/);
      expect((got as Err).message).toMatch(/row 3/);
      expect((got as Err).message).toMatch(/#DIV\/0!/);
    });

    it("FREQ: #N/A in a date → #N/A naming order_dates and the row", () => {
      const got = fn("FREQ")(
        col("A", "B", "A"),
        col(45292, excelError(rt, "#N/A"), 45400),
        "month"
      );
      expect(isErr(got)).toBe(true);
      expect((got as Err).code).toBe("#N/A");
      expect((got as Err).message).toMatch(/order_dates, row 2/);
    });

    it("CUSTOMER_SUMMARY and COHORT_TABLE: #REF! in a customer id → #VALUE! naming it", () => {
      for (const id of ["CUSTOMER_SUMMARY", "COHORT_TABLE"]) {
        const args =
          id === "CUSTOMER_SUMMARY"
            ? [col("A", excelError(rt, "#REF!")), col(45292, 45300), col(100, 200)]
            : [col("A", excelError(rt, "#REF!")), col(45292, 45300), "month"];
        const got = fn(id)(...args);
        expect(isErr(got)).toBe(true);
        expect((got as Err).code).toBe("#VALUE!");
        expect((got as Err).message).toMatch(/customer_ids, row 2.*#REF!/);
      }
    });

    it("a model column: #NUM! in T → #VALUE! naming T and the row", () => {
      const got = fn("BGNBD_FIT")(
        col(1, 2, 0),
        col(10, 20, 0),
        col(30, excelError(rt, "#NUM!"), 40)
      );
      expect(isErr(got)).toBe(true);
      expect((got as Err).code).toBe("#VALUE!");
      expect((got as Err).message).toMatch(/T, row 2.*#NUM!/);
    });

    it("a scalar: LTV(#N/A, …) → #N/A, LTV(…, #DIV/0!) → #VALUE! naming the argument", () => {
      const na = fn("LTV")(excelError(rt, "#N/A"), 12, 12) as Err;
      expect(isErr(na)).toBe(true);
      expect(na.code).toBe("#N/A");
      expect(na.message).toMatch(/avg_order/);
      const div = fn("LTV")(415, 12, 12, excelError(rt, "#DIV/0!")) as Err;
      expect(div.code).toBe("#VALUE!");
      expect(div.message).toMatch(/acquisition_cost.*#DIV\/0!/);
    });
  });
}
