import { bgnbdExpected, bgnbdPAlive } from "../../../src/core/models/bgnbd";
import { bgnbdHead, logGammaRatioOver } from "../../../src/core/models/bgnbd-expected";
import { seriesWork } from "../../../src/core/models/special";
import gammaln from "@stdlib/math-base-special-gammaln";
import digamma from "@stdlib/math-base-special-digamma";
import { expectedEq10 } from "../../reference/clv-step-by-step";

/**
 * H(t) for (r, α, a, b, x, T, t), from test/reference/bgnbd_expected.py: mpmath at 60 digits, eq. 10 as printed.
 * The cases reach every branch: short and 100,000-period horizons, new and heavy buyers (x = 1000), a = 1 and
 * a = 1 ± 10⁻⁷, a + b + x − 1 = 0, r − a a whole number (the 1 − z transformation's degenerate case), a > r + x + 1,
 * tiny α, r = 51318, and a series whose denominator (1 − m)ₙ passes through 0 after its terms first fell.
 */
const MPMATH: [number[], number][] = [
  [[0.243, 4.414, 0.793, 2.426, 2, 38.86, 39], 1.687399305805313],
  [[0.243, 4.414, 0.793, 2.426, 0, 38.86, 52], 0.2520730222824589],
  [[0.243, 4.414, 0.793, 2.426, 2, 38.86, 5200], 27.134564249187264],
  [[0.243, 4.414, 0.793, 2.426, 2, 38.86, 100000], 66.91202586416875],
  [[0.243, 4.414, 0.793, 2.426, 0, 0.5, 100000], 28.75419859750186],
  [[0.243, 4.414, 0.793, 2.426, 150, 38.86, 52000], 2448.1820987100223],
  [[0.243, 4.414, 0.793, 2.426, 20, 0.5, 0.3], 1.2093497563867042],
  [[1, 1, 2, 1, 0, 0, 100000.0], 1.9997697412907016],
  [[1, 1, 2, 1, 7, 3, 700], 8.941613658697165],
  [[1, 1, 2, 1, 2, 38.86, 100000.0], 3.9976103006345576],
  [[1, 1, 1, 1, 0, 3, 9000], 7.719129840906732],
  [[1, 1, 1, 1, 60, 400, 30], 4.4009464306278945],
  [[2, 0.05, 1, 0.5, 2, 0, 100000.0], 37.6540475407769],
  [[0.5, 0.001, 0.5, 0.5, 0, 3, 700], 9.647720608498915],
  [[0.5, 0.001, 0.5, 0.5, 0, 400, 100000.0], 9.99250131208781],
  [[0.3, 0.01, 1.3, 100, 1, 0.5, 52], 64.71495838395175],
  [[0.3, 0.01, 1.3, 100, 1, 38.86, 5200], 75.14452427166586],
  [[0.8, 20, 5, 40, 0, 38.86, 520], 3.9290767066582335],
  [[5, 2, 0.2, 0.3, 3, 0.5, 52000], 23034.375545246938],
  [[2, 10, 3, 0.5, 20, 38.86, 5], 1.9532534069650422],
  [[0.001, 1, 0.05, 0.05, 0, 0, 100000.0], 29.83723940035067],
  [[20, 1, 0.5, 200, 1000, 3, 9000], 102561.76192854933],
  [[0.7, 5, 1.0000001, 3, 2, 3, 9000], 31.591447633560534],
  [[1.00004, 1, 2, 1, 2, 3, 100000.0], 3.999760023990977],
  [[0.25, 4, 1.25, 2, 0, 0, 100000.0], 6.142172749573167],
  [[3.2, 1.1, 0.9, 7.5, 3, 38.86, 52000], 97.72104892550834],
  [[51318, 10, 68.18, 25.36, 5, 10, 59], 1.4519202143495087],
  [[20, 1, 0.5, 200, 60, 3, 30], 425.0468805982763],
];

describe("the BG/NBD expectation of an alive customer, at any horizon", () => {
  it.each(MPMATH)("%j matches mpmath at 60 digits to 1e-10", ([r, alpha, a, b, x, T, t], ref) => {
    const h = bgnbdHead({ r, alpha, a, b }, x, alpha + T, "params")(t);
    expect(Math.abs(h / ref - 1)).toBeLessThan(1e-10);
  });

  it("matches eq. 10 with stdlib's ₂F₁ where that converges, P(alive) included", () => {
    const p = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    for (const [t, x, tx, T] of [
      [52, 2, 30.43, 38.86],
      [500, 0, 0, 20],
      [3000, 7, 35, 39],
    ])
      expect(bgnbdExpected(p, t, x, tx, T) / expectedEq10(p, t, x, tx, T)).toBeCloseTo(1, 11);
    expect(bgnbdPAlive(p, 2, 30.43, 38.86)).toBeCloseTo(0.727, 3);
  });

  it("costs the same few series terms at a horizon of 100,000 periods as at 1,000 (not ~40/(1 − z))", () => {
    const terms = (p: { r: number; alpha: number; a: number; b: number }, x: number, t: number) => {
      const head = bgnbdHead(p, x, p.alpha + 10, "params");
      const before = seriesWork.terms;
      head(t);
      return seriesWork.terms - before;
    };
    for (const p of [
      { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
      { r: 1, alpha: 1, a: 2, b: 1 }, // degenerate: six extrapolation points
      { r: 0.5, alpha: 0.01, a: 1, b: 0.5 },
    ])
      for (const x of [0, 3, 200]) {
        expect(terms(p, x, 1e5)).toBeLessThan(2_000);
        expect(terms(p, x, 1e5)).toBeLessThanOrEqual(terms(p, x, 1e3) + 200);
      }
  });

  it("is increasing in t and continuous across the switch between the two series", () => {
    const p = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    const h = bgnbdHead(p, 2, p.alpha + 38.86, "params");
    let previous = 0;
    for (let t = 1; t < 2e5; t *= 1.013) {
      const v = h(t);
      expect(v).toBeGreaterThan(previous);
      // continuity: no jump larger than the growth over the step
      if (previous > 0) expect(v / previous).toBeLessThan(1.013);
      previous = v;
    }
  });

  it("refuses, naming the argument, when every series cancels its digits away (r = 51318, x = 150, t = 0.3)", () => {
    const t0 = performance.now();
    expect(() =>
      bgnbdHead({ r: 51318, alpha: 10, a: 68.18, b: 25.36 }, 150, 48.86, "bgnbd_params")(0.3)
    ).toThrow(
      expect.objectContaining({
        detail: expect.objectContaining({ code: "resultNotFinite", arg: "bgnbd_params" }),
      })
    );
    expect(performance.now() - t0).toBeLessThan(500);
  });
});

describe("logGammaRatioOver: (ln Γ(x+u) − ln Γ(x))/u without losing digits to the difference", () => {
  it("equals the difference of log-gammas for u of order 1, and ψ(x) at u = 0", () => {
    for (const x of [0.3, 2.5, 9.99, 10, 47, 1e4])
      for (const u of [-0.2, 0.25, 0.7, 3]) {
        if (x + u <= 0) continue;
        // the reference difference itself carries gammaln's rounding, ~1e-16 of its size, divided by u
        const noise = (4e-16 * (Math.abs(gammaln(x + u)) + Math.abs(gammaln(x)))) / Math.abs(u);
        const ratio = (gammaln(x + u) - gammaln(x)) / u;
        expect(Math.abs(logGammaRatioOver(x, u) - ratio)).toBeLessThan(
          1e-13 * Math.abs(ratio) + noise
        );
      }
    for (const x of [0.3, 5, 12, 300]) expect(logGammaRatioOver(x, 0)).toBeCloseTo(digamma(x), 13);
  });
  it("tends to ψ(x) as u → 0 (where the plain difference is noise), off by u·ψ′(x)/2 < u(1/x + 1/x²)/2", () => {
    for (const x of [0.7, 3.2, 150])
      for (const u of [1e-7, -1e-9, 1e-12]) {
        const gap = logGammaRatioOver(x, u) - digamma(x);
        expect(gap * Math.sign(u)).toBeGreaterThan(0);
        expect(Math.abs(gap)).toBeLessThan((Math.abs(u) * (1 / x + 1 / (x * x))) / 2 + 1e-14);
      }
  });
});
