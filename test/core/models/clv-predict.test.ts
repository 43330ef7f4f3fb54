import { bgnbdExpected } from "../../../src/core/models/bgnbd";
import { clvPredict } from "../../../src/core/models/clv-predict";
import { gammaGammaSpend } from "../../../src/core/models/gamma-gamma";
import { LtvError } from "../../../src/core/errors";

const bg = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const gg = { p: 6.25, q: 3.74, v: 15.44 };

describe("clvPredict", () => {
  it("without discounting is margin × expected spend × expected purchases over the horizon", () => {
    const v = clvPredict(bg, gg, 2, 30.43, 38.86, 30, { horizon: 52, margin: 0.3 });
    expect(v).toBeCloseTo(
      0.3 * gammaGammaSpend(gg, 2, 30) * bgnbdExpected(bg, 52, 2, 30.43, 38.86),
      10
    );
  });
  it("discounts each period's increment, and a fractional horizon adds a last partial step", () => {
    const d = 0.01;
    let ref = 0;
    for (let k = 1; k <= 10; k++)
      ref +=
        (bgnbdExpected(bg, k, 3, 20, 30) - bgnbdExpected(bg, k - 1, 3, 20, 30)) /
        Math.pow(1 + d, k);
    const spend = gammaGammaSpend(gg, 3, 40);
    expect(clvPredict(bg, gg, 3, 20, 30, 40, { horizon: 10, discountRate: d })).toBeCloseTo(
      spend * ref,
      10
    );
    const frac = clvPredict(bg, gg, 3, 20, 30, 40, { horizon: 10.5, discountRate: d });
    expect(frac - spend * ref).toBeCloseTo(
      (spend * (bgnbdExpected(bg, 10.5, 3, 20, 30) - bgnbdExpected(bg, 10, 3, 20, 30))) /
        Math.pow(1 + d, 10.5),
      10
    );
  });
  it("refuses a non-positive horizon and negative rates", () => {
    expect(() => clvPredict(bg, gg, 1, 1, 2, 10, { horizon: 0 })).toThrow(/horizon/);
    expect(() => clvPredict(bg, gg, 1, 1, 2, 10, { discountRate: -0.1 })).toThrow(/discount_rate/);
    expect(() => clvPredict(bg, gg, 1, 1, 2, 10, { margin: -1 })).toThrow(/margin/);
  });
});

describe("clvPredict with implausible BG/NBD parameters (quality fuzzer, issue 7)", () => {
  const huge = { r: 51318, alpha: 10, a: 68.18, b: 25.36 };
  const gg = { p: 45.3, q: 50, v: 16.4 };
  it("r = 51318 is refused quickly with an error naming bgnbd_params (was 13 s, then an error naming nothing)", () => {
    const t0 = performance.now();
    let caught: unknown;
    try {
      clvPredict(huge, gg, 5, 3, 10, 100, { horizon: 59, discountRate: 0.4, margin: 1 });
    } catch (e) {
      caught = e;
    }
    expect(performance.now() - t0).toBeLessThan(500);
    expect(caught).toBeInstanceOf(LtvError);
    expect((caught as LtvError).detail).toMatchObject({
      kind: "badValue",
      code: "resultNotFinite",
      arg: "bgnbd_params",
    });
  });
  it("bgnbdExpected names its own params argument for the same row", () => {
    expect(() => bgnbdExpected(huge, 59, 5, 3, 10)).toThrow(
      expect.objectContaining({ detail: expect.objectContaining({ arg: "params" }) })
    );
  });
});

describe("clvPredict defaults", () => {
  it("without options is one year of weekly periods (52), undiscounted, at a margin of 1", () => {
    expect(clvPredict(bg, gg, 2, 30.43, 38.86, 30)).toBeCloseTo(
      gammaGammaSpend(gg, 2, 30) * bgnbdExpected(bg, 52, 2, 30.43, 38.86),
      10
    );
  });
});
