/** The model descriptions: a parameter row read by name, a fit written back as its row, one order for both. */
import { LtvError } from "../../../src/core/errors";
import {
  BGNBD,
  fitRow,
  GAMMA_GAMMA,
  PARETO_NBD,
  paramsOf,
  SBG,
} from "../../../src/core/models/catalog";

describe("model descriptions", () => {
  it("reads a fitted row into named parameters, with or without its log-likelihood", () => {
    expect(paramsOf(BGNBD, [[0.243, 4.414, 0.793, 2.426, -9582.4]])).toEqual({
      r: 0.243,
      alpha: 4.414,
      a: 0.793,
      b: 2.426,
    });
    expect(paramsOf(PARETO_NBD, [[0.553], [10.58], [0.606], [11.66]])).toEqual({
      r: 0.553,
      alpha: 10.58,
      s: 0.606,
      beta: 11.66,
    });
    expect(paramsOf(GAMMA_GAMMA, [[6.25, 3.74, 15.44]])).toEqual({ p: 6.25, q: 3.74, v: 15.44 });
    expect(paramsOf(SBG, [[0.704, 1.182]])).toEqual({ alpha: 0.704, beta: 1.182 });
  });

  it("names the fit that makes the row when the count is wrong, and the argument", () => {
    try {
      paramsOf(SBG, [[1, 2, 3, 4]], "sbg_params");
      throw new Error("no error");
    } catch (e) {
      expect(e).toBeInstanceOf(LtvError);
      expect((e as LtvError).detail).toMatchObject({
        code: "paramCount",
        arg: "sbg_params",
        params: { expected: 2, fit: "SBG_FIT", count: 4 },
      });
    }
  });

  it("writes a fit back in the same order, the log-likelihood last, so paramsOf(fitRow(f)) is f", () => {
    const fit = { r: 1, alpha: 2, a: 3, b: 4, logLik: -5, iterations: 9 };
    expect(fitRow(BGNBD, fit)).toEqual([1, 2, 3, 4, -5]);
    expect(paramsOf(BGNBD, [fitRow(BGNBD, fit)])).toEqual({ r: 1, alpha: 2, a: 3, b: 4 });
  });
});
