import hyp2f1Stdlib from "@stdlib/math-base-special-hyp2f1";
import { hyp2f1, log1mExp, logAddExp, logHyp2f1A1 } from "../../../src/core/models/special";

describe("hyp2f1 (power series for 0 ≤ z < 1)", () => {
  it("equals closed forms", () => {
    // ₂F₁(1, 1; 2; z) = −ln(1−z)/z
    for (const z of [0.1, 0.5, 0.9, 0.99])
      expect(hyp2f1(1, 1, 2, z)).toBeCloseTo(-Math.log1p(-z) / z, 12);
    // ₂F₁(½, ½; 3/2; z²) = arcsin(z)/z
    for (const z of [0.2, 0.7, 0.95])
      expect(hyp2f1(0.5, 0.5, 1.5, z * z)).toBeCloseTo(Math.asin(z) / z, 12);
    // ₂F₁(a, b; b; z) = (1−z)^−a
    expect(hyp2f1(2.5, 3, 3, 0.6)).toBeCloseTo(Math.pow(0.4, -2.5), 10);
    // a terminating series: ₂F₁(−2, b; c; z) = 1 − 2bz/c + b(b+1)z²/(c(c+1))
    expect(hyp2f1(-2, 1.5, 2.5, 0.8)).toBeCloseTo(
      1 - (2 * 1.5 * 0.8) / 2.5 + (1.5 * 2.5 * 0.64) / (2.5 * 3.5),
      14
    );
    expect(hyp2f1(3, 4, 5, 0)).toBe(1);
  });
  it("agrees with stdlib's Cephes port on the arguments the models produce", () => {
    const cases: [number, number, number, number][] = [
      [0.243 + 2, 2.426 + 2, 0.793 + 2.426 + 1, 39 / (4.414 + 38.86 + 39)], // BG/NBD expectation
      [0.793 + 2.426 - 1 - 0.243, 0.793 - 1, 0.793 + 2.426 + 1, 0.47], // its Euler transform
      [1, 3.806 + 1, 0.668 + 3.806 + 1, 1 / 1.1], // sBG DERL
      [30.6, 1.6, 31.6, 0.09], // Pareto/NBD, large x
    ];
    for (const [a, b, c, z] of cases) {
      const ref = hyp2f1Stdlib(a, b, c, z);
      expect(Math.abs(hyp2f1(a, b, c, z) / ref - 1)).toBeLessThan(1e-12);
    }
  });
  it("returns NaN instead of a wrong number when z is too close to 1 to sum", () => {
    expect(hyp2f1(1, 2, 3, 1 - 1e-9)).toBeNaN();
  });
});

describe("logHyp2f1A1 (log ₂F₁(a, b; a+1; z) with derivatives)", () => {
  const out = new Float64Array(4);
  it("matches closed forms and stdlib, also far beyond the double range", () => {
    logHyp2f1A1(1, 1, 0.5, out);
    expect(out[0]).toBeCloseTo(Math.log(2 * Math.LN2), 14);
    for (const [a, b, z] of [
      [30.5, 1.6, 0.09],
      [2.3, 7.1, 0.9],
      [5, 2, 0.99],
    ]) {
      logHyp2f1A1(a, b, z, out);
      expect(out[0]).toBeCloseTo(Math.log(hyp2f1Stdlib(a, b, a + 1, z)), 12);
    }
    // ₂F₁(a, b; a+1; z) with b = a+1 is (1−z)^−(a+1)·… ; here simply compare to a slow sum in logs
    logHyp2f1A1(0.6, 800, 0.6, out);
    let ref = 0;
    let logTerm = 0;
    let terms: number[] = [0];
    for (let n = 1; n < 20000; n++) {
      logTerm += Math.log((800 + n - 1) * 0.6) - Math.log(n);
      terms.push(logTerm + Math.log(0.6 / (0.6 + n)));
    }
    const hi = Math.max(...terms);
    ref = hi + Math.log(terms.reduce((s, t) => s + Math.exp(t - hi), 0));
    expect(Number.isFinite(out[0])).toBe(true);
    expect(out[0]).toBeGreaterThan(700); // the value itself overflows a double
    expect(out[0]).toBeCloseTo(ref, 9);
  });
  it("has derivatives equal to central differences", () => {
    const h = new Float64Array(4);
    for (const [a, b, z] of [
      [1, 1, 0.5],
      [30.5, 1.6, 0.09],
      [0.6, 300, 0.3],
      [5, 2, 0.95],
    ]) {
      logHyp2f1A1(a, b, z, out);
      const f = (aa: number, bb: number, zz: number) => (logHyp2f1A1(aa, bb, zz, h), h[0]);
      const e = 1e-5;
      expect(out[1]).toBeCloseTo((f(a + e, b, z) - f(a - e, b, z)) / (2 * e), 6);
      expect(out[2]).toBeCloseTo((f(a, b + e, z) - f(a, b - e, z)) / (2 * e), 6);
      const ez = 1e-7;
      expect(out[3] / ((f(a, b, z + ez) - f(a, b, z - ez)) / (2 * ez))).toBeCloseTo(1, 6);
    }
    logHyp2f1A1(2, 3, 0, out);
    expect(out[0]).toBe(0);
    expect(out[3]).toBeCloseTo((2 * 3) / 3, 14);
  });
});

describe("logAddExp and log1mExp", () => {
  it("stay finite where the naive formulas overflow or lose every digit", () => {
    expect(logAddExp(1000, 1000)).toBeCloseTo(1000 + Math.LN2, 12);
    expect(logAddExp(-Infinity, 3)).toBe(3);
    expect(logAddExp(-1000, -1001)).toBeCloseTo(-1000 + Math.log1p(Math.exp(-1)), 12);
    expect(log1mExp(-1e-20)).toBeCloseTo(Math.log(1e-20), 10);
    expect(log1mExp(-50)).toBeCloseTo(-Math.exp(-50), 30);
    expect(log1mExp(-1)).toBeCloseTo(Math.log(1 - Math.exp(-1)), 14);
  });
});

describe("logHyp2f1A1 for heavy buyers (b = r + x large, z near 1: Euler's transformation)", () => {
  it("agrees with the direct series and stdlib where both are cheap, and stays fast where the direct one is not", () => {
    const out = new Float64Array(4);
    const h = new Float64Array(4);
    for (const [a, b, z] of [
      [3.5, 2.2, 0.3],
      [12.6, 11.6, 0.6],
      [30.6, 1.6, 0.09],
    ]) {
      logHyp2f1A1(a, b, z, out);
      expect(out[0]).toBeCloseTo(Math.log(hyp2f1Stdlib(a, b, a + 1, z)), 11);
      const e = 1e-5;
      const f = (aa: number, bb: number, zz: number) => (logHyp2f1A1(aa, bb, zz, h), h[0]);
      expect(out[1]).toBeCloseTo((f(a + e, b, z) - f(a - e, b, z)) / (2 * e), 6);
      expect(out[2]).toBeCloseTo((f(a, b + e, z) - f(a, b - e, z)) / (2 * e), 6);
      expect(out[3] / ((f(a, b, z + 1e-7) - f(a, b, z - 1e-7)) / 2e-7)).toBeCloseTo(1, 6);
    }
    // a heavy buyer: x = 200, z = 0.99 — the direct series would need ~20,000 terms
    const t0 = performance.now();
    for (let i = 0; i < 100; i++) logHyp2f1A1(202.1, 201.5, 0.99, out);
    expect(performance.now() - t0).toBeLessThan(1000);
    // reference: the same Euler sum written plainly, (1−z)^(1−b) Σ Pₙ zⁿ
    let g = 1;
    let p = 1;
    for (let n = 1; n < 100000; n++) {
      p *= ((202.1 + 1 - 201.5 + n - 1) / (202.1 + 1 + n - 1)) * 0.99;
      g += p;
    }
    expect(out[0]).toBeCloseTo((1 - 201.5) * Math.log(0.01) + Math.log(g), 9);
  });
});

describe("special functions at their limits", () => {
  it("logAddExp with −∞ (log 0) on either side returns the other argument exactly", () => {
    expect(logAddExp(-Infinity, 3.25)).toBe(3.25);
    expect(logAddExp(3.25, -Infinity)).toBe(3.25);
    expect(logAddExp(-Infinity, -Infinity)).toBe(-Infinity);
  });
  it("hyp2f1 refuses (NaN) a sum whose alternating terms cancel away every digit", () => {
    // ₂F₁(−200, 1; 1; z) = (1 − z)²⁰⁰ ≈ 1e-60 at z = 0.5, from terms of size up to ~1e58: nothing to trust
    expect(Math.pow(0.5, 200)).toBeLessThan(1e-59);
    expect(hyp2f1(-200, 1, 1, 0.5)).toBeNaN();
    // with few enough terms to cancel, the same identity holds to full precision
    expect(hyp2f1(-5, 1, 1, 0.5)).toBeCloseTo(Math.pow(0.5, 5), 14);
  });
  it("logHyp2f1A1 reports NaN in all four outputs when the plain series does not converge within its bound", () => {
    // b ≤ 1, so no Euler transformation; at z = 1 − 1e-9 the terms fall like n^(b−2) and would need ~1e9 of them
    const out = new Float64Array(4);
    logHyp2f1A1(1, 0.5, 1 - 1e-9, out);
    expect(Array.from(out).every(Number.isNaN)).toBe(true);
    // and the same call converges at an ordinary z: ₂F₁(1, b; 2; z) = (1 − (1−z)^(1−b))/((1−b)z), i.e. 2(1 − √(1−z))/z for b = ½
    logHyp2f1A1(1, 0.5, 0.5, out);
    expect(out[0]).toBeCloseTo(Math.log((2 * (1 - Math.sqrt(0.5))) / 0.5), 13);
  });
});
