/** sBG on Fader & Hardie (2007), "How to project customer retention", Table 1 (../shared/data/sbg_survivors_fader_hardie_2007.csv). */
import { readFileSync } from "fs";
import { join } from "path";
import betaln from "@stdlib/math-base-special-betaln";
import { LtvError } from "../../../src/core/errors";
import {
  fitSbg,
  sbgDerl,
  sbgLogLik,
  sbgRetention,
  sbgSurvival,
} from "../../../src/core/models/sbg";
import { DATA_DIR } from "./cdnow";

const rows = readFileSync(join(DATA_DIR, "sbg_survivors_fader_hardie_2007.csv"), "utf8")
  .trim()
  .split(/\r?\n/)
  .slice(1)
  .map((l) => l.split(",").map(Number));
const years0to7 = rows.filter((r) => r[0] <= 7);
const regular = years0to7.map((r) => r[1]);
const highEnd = years0to7.map((r) => r[2]);

describe("fitSbg", () => {
  it("reproduces the published estimates for both cohorts (years 0–7)", () => {
    const a = fitSbg(regular);
    expect(a.alpha.toFixed(3)).toBe("0.704");
    expect(a.beta.toFixed(3)).toBe("1.182");
    const b = fitSbg(highEnd);
    expect(b.alpha.toFixed(3)).toBe("0.668");
    expect(b.beta.toFixed(3)).toBe("3.806");
  });
  it("projects the held-out years 8–12 close to what happened (the paper's point)", () => {
    const fit = fitSbg(regular);
    for (const r of rows.filter((r) => r[0] > 7))
      expect(Math.abs(1000 * sbgSurvival(fit, r[0]) - r[1])).toBeLessThan(10);
  });
  it("has a gradient equal to central differences", () => {
    const grad = new Float64Array(2);
    const p = { alpha: 0.8, beta: 1.5 };
    sbgLogLik(p, regular, grad);
    const e = 1e-6;
    expect(grad[0]).toBeCloseTo(
      (sbgLogLik({ ...p, alpha: p.alpha + e }, regular) -
        sbgLogLik({ ...p, alpha: p.alpha - e }, regular)) /
        (2 * e),
      4
    );
    expect(grad[1]).toBeCloseTo(
      (sbgLogLik({ ...p, beta: p.beta + e }, regular) -
        sbgLogLik({ ...p, beta: p.beta - e }, regular)) /
        (2 * e),
      4
    );
  });
  it("refuses counts that rise or a single count, and does not pretend to converge when nobody leaves", () => {
    expect(() => fitSbg([100, 90, 95])).toThrow(/mustBeAtMost \(survivors, row 3\)/);
    expect(() => fitSbg([100])).toThrow(/tooFewValues/);
    expect(() => fitSbg([100, 100, 100])).toThrow(LtvError);
  });
});

describe("sBG retention, survival and DERL", () => {
  const p = { alpha: 0.704, beta: 1.182 };
  it("retention rates rise with tenure; survival is their product", () => {
    expect(sbgRetention(p, 1)).toBeCloseTo(1.182 / 1.886, 12);
    let s = 1;
    for (let t = 1; t <= 10; t++) {
      s *= sbgRetention(p, t);
      expect(sbgSurvival(p, t)).toBeCloseTo(s, 12);
      if (t > 1) expect(sbgRetention(p, t)).toBeGreaterThan(sbgRetention(p, t - 1));
    }
  });
  it("DERL equals the slow sum Σⱼ E[(1−θ)ʲ⁺¹ | n renewals]/(1+d)ʲ", () => {
    for (const [d, n] of [
      [0.1, 0],
      [0.1, 4],
      [0.02, 1],
    ]) {
      let ref = 0;
      for (let j = 0; j < 200000; j++) {
        const term = Math.exp(
          betaln(p.alpha, p.beta + n + j + 1) - betaln(p.alpha, p.beta + n) - j * Math.log1p(d)
        );
        ref += term;
        if (term < 1e-18 * ref) break;
      }
      expect(sbgDerl(p, d, n)).toBeCloseTo(ref, 8);
    }
    // θ uniform: Σ 1/((j+2)·1.1ʲ) = 1.21·(ln 11 − 1/1.1)
    expect(sbgDerl({ alpha: 1, beta: 1 }, 0.1)).toBeCloseTo(1.21 * (Math.log(11) - 1 / 1.1), 12);
  });
});

describe("fitSbg refuses survivor counts that are not counts", () => {
  const codeOf = (s: number[]) => {
    try {
      fitSbg(s);
    } catch (e) {
      return (e as LtvError).detail;
    }
    throw new Error("expected an error");
  };
  it("a first count of 0 (nobody to follow) is mustBeAbove 0 on row 1", () => {
    expect(codeOf([0, 0, 0])).toMatchObject({
      code: "mustBeAbove",
      arg: "survivors",
      row: 1,
      value: 0,
    });
  });
  it("a negative later count is mustBeAtLeast 0, naming its row", () => {
    expect(codeOf([100, 80, -1])).toMatchObject({ code: "mustBeAtLeast", row: 3, value: -1 });
  });
});

describe("sbgDerl when the series cannot be summed", () => {
  it("a discount rate extremely close to 0 (₂F₁ at z → 1, more terms than the bound) is resultNotFinite naming discount_rate", () => {
    let detail: unknown;
    try {
      sbgDerl({ alpha: 2, beta: 1 }, 1e-9);
    } catch (e) {
      expect(e).toBeInstanceOf(LtvError);
      detail = (e as LtvError).detail;
    }
    expect(detail).toMatchObject({ code: "resultNotFinite", arg: "discount_rate" });
    // a small but ordinary rate still sums: Σⱼ E[(1−θ)ʲ⁺¹]/(1+d)ʲ with E[(1−θ)ᵏ] = B(α, β+k)/B(α, β)
    let ref = 0;
    for (let j = 0; j < 200000; j++)
      ref += Math.exp(betaln(2, 1 + j + 1) - betaln(2, 1) - j * Math.log1p(1e-3));
    expect(sbgDerl({ alpha: 2, beta: 1 }, 1e-3)).toBeCloseTo(ref, 6);
  });
});
