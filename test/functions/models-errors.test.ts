/**
 * The fits' optional `with_errors` argument as Excel calls it: a second row of standard errors under the
 * estimates, a blank under the log-likelihood, and the prediction functions reading only the first row of what
 * they are given, so a fit with errors still chains into predictions.
 */
import {
  BGNBD_EXPECTED,
  BGNBD_FIT,
  CLV_PREDICT,
  CLV_SUMMARY,
  GG_FIT,
  GG_SPEND,
  PNBD_FIT,
  PNBD_PALIVE,
  SBG_FIT,
  SBG_RETENTION,
} from "../../src/functions/models";
import * as standardErrors from "../../src/core/models/standard-errors";
import { setLanguage } from "../../src/i18n/language";
import { col, expectError } from "./excel-values";
import { readCdnowElog } from "../core/models/cdnow";

afterEach(() => {
  setLanguage(undefined);
  jest.restoreAllMocks();
});

const elog = readCdnowElog();
const summary = CLV_SUMMARY(
  [["sampleid"], ...elog.ids.map((v) => [v])],
  [["date"], ...elog.dates.map((v) => [v])],
  [["sales"], ...elog.sales.map((v) => [v])],
  "week",
  "1997-09-30"
) as (number | string)[][];
const column = (k: number) => summary.map((row) => [row[k]]);
const [F, R, T, M] = [column(1), column(2), column(3), column(4)];
// customer 1 of CDNOW, as single cells
const [X1, TX1, T1, M1] = [[[2]], [[30.43]], [[38.86]], [[22.35]]];
const regular = col(1000, 631, 468, 382, 326, 289, 262, 241);

const rounded = (row: unknown[], digits: number) =>
  row.map((v) => (typeof v === "number" ? Number(v.toPrecision(digits)) : v));

describe("with_errors on the four fits", () => {
  it("BGNBD_FIT spills the published CDNOW standard errors under the estimates, blank under ln L", () => {
    const out = BGNBD_FIT(F, R, T, true) as unknown[][];
    expect(out.length).toBe(2);
    expect(rounded(out[0], 3)).toEqual([0.243, 4.41, 0.793, 2.43, -9580]);
    expect(rounded(out[1], 3)).toEqual([0.0126, 0.378, 0.186, 0.705, ""]);
  });
  it("PNBD_FIT, GG_FIT and SBG_FIT do the same", () => {
    expect(rounded((PNBD_FIT(F, R, T, true) as unknown[][])[1], 3)).toEqual([
      0.0476,
      0.843,
      0.187,
      6.21,
      "",
    ]);
    expect(rounded((GG_FIT(F, M, true) as unknown[][])[1], 3)).toEqual([1.19, 0.29, 4.16, ""]);
    expect(rounded((SBG_FIT(regular, true) as unknown[][])[1], 3)).toEqual([0.0656, 0.152, ""]);
  });
  it("without the argument, or FALSE, 0 or a blank cell, the fits return the one row they always did", () => {
    const one = BGNBD_FIT(F, R, T) as unknown[][];
    expect(one.length).toBe(1);
    for (const off of [false, 0, null, "", [[""]], "false", "ＦＡＬＳＥ"])
      expect(SBG_FIT(regular, off)).toEqual(SBG_FIT(regular));
  });
  it("reads TRUE as Excel does: TRUE, a number other than 0, or the text TRUE in any case or width", () => {
    for (const on of [true, 1, -2, "TRUE", "true", " True ", "ＴＲＵＥ", [[true]]])
      expect((SBG_FIT(regular, on) as unknown[][]).length).toBe(2);
  });
  it("refuses anything else, naming the argument, in the user's language", () => {
    expectError(SBG_FIT(regular, "yes"), "#VALUE!", "with_errors", "'yes'", "TRUE, FALSE");
    // an #N/A input propagates as #N/A (as through any Excel formula), with the argument named
    expectError(SBG_FIT(regular, { code: "#N/A" } as never), "#N/A", "with_errors", "#N/A");
    expectError(SBG_FIT(regular, { code: "#REF!" } as never), "#VALUE!", "with_errors", "#REF!");
    expectError(SBG_FIT(regular, [[true, false]]), "#VALUE!", "with_errors");
    setLanguage("ja");
    expectError(SBG_FIT(regular, "はい"), "#VALUE!", "標準誤差", "TRUE, FALSE");
  });
  it("keeps the fit's own errors first (rows named as on the sheet)", () => {
    expectError(SBG_FIT(col(100, 90, 95), true), "#VALUE!", "survivors, row 3");
    expectError(
      BGNBD_FIT(col("frequency", 1, 2), col("recency", 3, 9), col("T", 5, 5), true),
      "#VALUE!",
      "recency, row 3"
    );
  });
});

describe("a fit with errors chains into the predictions (they read the first row)", () => {
  it("=BGNBD_EXPECTED(BGNBD_FIT(…, TRUE), 39, …) equals the chain without errors: customer 1 → 1.226", () => {
    const withSe = BGNBD_EXPECTED(BGNBD_FIT(F, R, T, true), 39, X1, TX1, T1) as number[][];
    const without = BGNBD_EXPECTED(BGNBD_FIT(F, R, T), 39, X1, TX1, T1) as number[][];
    expect(withSe).toEqual(without);
    expect(withSe[0][0]).toBeCloseTo(1.226, 3);
  });
  it("PNBD_PALIVE, GG_SPEND, CLV_PREDICT and SBG_RETENTION too", () => {
    const pn = PNBD_FIT(F, R, T, true);
    expect(PNBD_PALIVE(pn, X1, TX1, T1)).toEqual(PNBD_PALIVE(PNBD_FIT(F, R, T), X1, TX1, T1));
    const gg = GG_FIT(F, M, true);
    expect(GG_SPEND(gg, X1, M1)).toEqual(GG_SPEND(GG_FIT(F, M), X1, M1));
    const bg = BGNBD_FIT(F, R, T, true);
    expect(CLV_PREDICT(bg, gg, X1, TX1, T1, M1)).toEqual(
      CLV_PREDICT(BGNBD_FIT(F, R, T), GG_FIT(F, M), X1, TX1, T1, M1)
    );
    expect((SBG_RETENTION(SBG_FIT(regular, true), [[1]]) as number[][])[0][0]).toBeCloseTo(
      0.627,
      3
    );
  });
});

describe("when the information is not positive definite", () => {
  it("the estimates stay, the standard errors are blank and the last cell says why (en and ja)", () => {
    jest
      .spyOn(standardErrors, "sbgCovariance")
      .mockReturnValue({ ok: false, reason: "notPositiveDefinite" });
    const out = SBG_FIT(regular, true) as unknown[][];
    expect(out[0]).toEqual((SBG_FIT(regular) as unknown[][])[0]);
    expect(out[1].slice(0, 2)).toEqual(["", ""]);
    expect(out[1][2]).toContain("standard errors are not available");
    setLanguage("ja");
    expect((SBG_FIT(regular, true) as unknown[][])[1][2]).toContain("標準誤差を計算できません");
    // and the row still feeds a prediction
    expect(SBG_RETENTION(SBG_FIT(regular, true), [[1]])).toEqual(
      SBG_RETENTION(SBG_FIT(regular), [[1]])
    );
  });
});
