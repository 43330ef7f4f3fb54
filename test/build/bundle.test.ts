/**
 * Loads the built dist/functions.js as Excel's JavaScript-only runtime would: a bare JavaScript context whose
 * only add-in global is `CustomFunctions` (no window, document, navigator, Office), then calls every function.
 */
import * as fs from "fs";
import * as vm from "vm";
import { distFile, readMetadata } from "./dist";

const { createCustomFunctionsShim } = require("../setup/custom-functions-shim");

type Fn = (...args: unknown[]) => unknown;

function loadBundle(): {
  registered: Map<string, Fn>;
  shim: ReturnType<typeof createCustomFunctionsShim>;
} {
  const shim = createCustomFunctionsShim();
  const context = vm.createContext({ CustomFunctions: shim });
  vm.runInContext(fs.readFileSync(distFile("functions.js"), "utf8"), context, {
    filename: "functions.js",
  });
  return { registered: shim.registered, shim };
}

describe("the built functions bundle in a bare JavaScript runtime", () => {
  const { registered, shim } = loadBundle();
  const call = (id: string, ...args: unknown[]) => {
    const fn = registered.get(id);
    if (!fn) throw new Error(`${id} is not registered`);
    return fn(...args);
  };
  const col = (...v: unknown[]) => v.map((x) => [x]);

  it("registers exactly the functions the metadata declares", () => {
    const ids = readMetadata()
      .functions.map((f) => f.id)
      .sort();
    expect([...registered.keys()].sort()).toEqual(ids);
  });

  it("answers the seed's examples", () => {
    expect(call("LTV", 415, 12, 12, 5000)).toBe(54760);
    expect(call("AVG_ORDER", col(340, 490, 340, 490))).toBe(415);
    expect(call("RETENTION_PERIODS", 3, "year", "quarter")).toBe(12);
    expect(call("RETENTION_PERIODS", 18, "month", "quarter")).toBe(6);
    expect(
      call(
        "FREQ",
        col("A", "B", "A", "B"),
        col("2024/1/1", 45400, "2024年6月1日", "2024-12-31"),
        "quarter",
        null,
        "window"
      )
    ).toBeCloseTo(2 / (366 / 91.3125), 12);
  });

  it("returns CustomFunctions.Error with a message for bad input, in English without Office", () => {
    const e = call("AVG_ORDER", col(100, "¥1,2x0")) as { code: string; message: string };
    expect(e).toBeInstanceOf(shim.Error);
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toContain("row 2");
    const n = call("AVG_ORDER", col("金額")) as { code: string };
    expect(n.code).toBe("#N/A");
  });

  it("never throws for any registered function called with nothing or with junk", () => {
    for (const [id, fn] of registered) {
      for (const args of [
        [],
        [undefined],
        ["x", "y", "z"],
        [[["a"], ["b"]], [[1]], {}],
        [NaN, Infinity, -Infinity],
      ]) {
        let result: unknown;
        expect(() => (result = fn(...args))).not.toThrow();
        if (typeof result === "number") expect(Number.isFinite(result)).toBe(true);
        if (result instanceof shim.Error)
          expect((result as { message: string }).message.length).toBeGreaterThan(0);
        void id;
      }
    }
  });
});
