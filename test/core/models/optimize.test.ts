import {
  EVALUATION_UNITS,
  WORK_BASE,
  fitPositive,
  minimize,
} from "../../../src/core/models/optimize";
import { seriesWork } from "../../../src/core/models/special";
import { LtvError } from "../../../src/core/errors";

describe("minimize (BFGS with box bounds)", () => {
  it("finds the minimum of the Rosenbrock function from the textbook start", () => {
    const res = minimize(
      (x, g) => {
        const [a, b] = x;
        g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
        g[1] = 200 * (b - a * a);
        return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
      },
      [-1.2, 1],
      { gtol: 1e-10 }
    );
    expect(res.converged).toBe(true);
    expect(res.x[0]).toBeCloseTo(1, 6);
    expect(res.x[1]).toBeCloseTo(1, 6);
  });
  it("reports a minimum that lies beyond a bound as not converged, naming the coordinate", () => {
    const res = minimize(
      (x, g) => {
        g[0] = 2 * (x[0] - 5);
        g[1] = 2 * x[1];
        return (x[0] - 5) ** 2 + x[1] ** 2;
      },
      [0, 1],
      { upper: [3, 10] }
    );
    expect(res.converged).toBe(false);
    expect(res.reason).toBe("bound");
    expect(res.boundIndex).toBe(0);
  });
  it("reports running out of iterations as not converged", () => {
    const res = minimize(
      (x, g) => {
        const [a, b] = x;
        g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
        g[1] = 200 * (b - a * a);
        return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
      },
      [-1.2, 1],
      { maxIterations: 3 }
    );
    expect(res.converged).toBe(false);
    expect(res.reason).toBe("iterations");
  });
  it("backs off from points where the objective is not finite", () => {
    const res = minimize(
      (x, g) => {
        if (x[0] <= 0) return NaN;
        g[0] = 1 - 1 / x[0];
        return x[0] - Math.log(x[0]);
      },
      [10]
    );
    expect(res.converged).toBe(true);
    expect(res.x[0]).toBeCloseTo(1, 7);
  });
});

describe("fitPositive (log-parameter maximum likelihood)", () => {
  it("estimates an exponential rate", () => {
    const data = [0.5, 1.5, 2, 0.25, 0.75];
    const mean = data.reduce((s, v) => s + v, 0) / data.length;
    const fit = fitPositive(
      [{ name: "rate", start: 10 }],
      (p, g) => {
        g[0] = -(1 / p[0] - mean);
        return -(Math.log(p[0]) - p[0] * mean);
      },
      data.length,
      "x"
    );
    expect(fit.params[0]).toBeCloseTo(1 / mean, 8);
    expect(fit.logLik).toBeCloseTo(data.length * (Math.log(1 / mean) - 1), 8);
  });
  it("throws notConverged naming the parameter that runs off to infinity", () => {
    let error: unknown;
    try {
      fitPositive(
        [{ name: "b", start: 1 }],
        (p, g) => ((g[0] = -1 / (1 + p[0]) ** 2), 1 / (1 + p[0])),
        1,
        "frequency"
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LtvError);
    expect((error as LtvError).detail.kind).toBe("notConverged");
    expect((error as LtvError).detail.params?.reason).toBe("b → ∞");
  });
});

describe("fitPositive stops in words and in time (quality fuzzer, issue 7)", () => {
  const detail = (f: () => unknown): LtvError["detail"] => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(LtvError);
      return (e as LtvError).detail;
    }
    throw new Error("expected an error");
  };
  it("a likelihood that overflows at the start is likelihoodNotFinite, not a reason reading 'ln L = NaN'", () => {
    const d = detail(() =>
      fitPositive([{ name: "r", start: 1 }], (_p, g) => ((g[0] = 0), NaN), 1, "frequency")
    );
    expect(d).toMatchObject({
      kind: "notConverged",
      code: "likelihoodNotFinite",
      arg: "frequency",
    });
    expect(JSON.stringify(d)).not.toMatch(/NaN|Infinity/);
    const inf = detail(() =>
      fitPositive([{ name: "r", start: 1 }], (_p, g) => ((g[0] = 1), -Infinity), 1, "frequency")
    );
    expect(inf.code).toBe("likelihoodNotFinite");
  });
  it("minimize gives up with reason 'budget' once its counted work passes the limit", () => {
    const quadratic = (x: Float64Array, g: Float64Array) => (
      (g[0] = 2 * (x[0] - 3)),
      (x[0] - 3) ** 2
    );
    expect(minimize(quadratic, [0], { maxWork: -1 })).toMatchObject({
      converged: false,
      reason: "budget",
      iterations: 0,
    });
    // the default count is the evaluations: a budget of one stops after the first line-search step
    const one = minimize((x, g) => ((g[0] = 1e-3 * Math.cos(x[0])), 1e-3 * Math.sin(x[0])), [0], {
      maxWork: 1,
      gtol: 0,
    });
    expect(one).toMatchObject({ converged: false, reason: "budget" });
    expect(one.evaluations).toBe(2);
  });
  it("a fit whose evaluations turn costly on the way (₂F₁ series summed) ends with fitTimeLimit after a counted budget", () => {
    let evaluations = 0;
    const d = detail(() =>
      fitPositive(
        [{ name: "alpha", start: 1 }],
        (p, g) => {
          evaluations++;
          // a slowly converging objective whose evaluations sum 10⁶ ₂F₁ terms once away from the start (z near 1)
          if (p[0] !== 1) seriesWork.terms += 1_000_000;
          g[0] = -1e-3 / p[0];
          return -1e-3 * Math.log(p[0]);
        },
        1,
        "frequency",
        { gtol: 0 }
      )
    );
    expect(d).toMatchObject({ kind: "notConverged", code: "fitTimeLimit" });
    // the start evaluation costs EVALUATION_UNITS, so the budget is WORK_BASE + 201·EVALUATION_UNITS: 21 costly ones
    const costly = Math.ceil((WORK_BASE + 201 * EVALUATION_UNITS) / (1_000_000 + EVALUATION_UNITS));
    expect(evaluations).toBe(1 + 1 + costly);
  });
});

describe("minimize when no step can be taken", () => {
  // a function defined only at its start: every trial step is infeasible, so the line search fails
  const onlyAtStart = (slope: number) => (x: Float64Array, g: Float64Array) => {
    g[0] = slope;
    return x[0] === 0 ? 0 : NaN;
  };
  it("reports 'no progress' while the gradient is still large", () => {
    const res = minimize(onlyAtStart(1), [0], { gtol: 1e-8 });
    expect(res).toMatchObject({ converged: false, reason: "no progress", iterations: 0 });
    expect(res.evaluations).toBe(61);
  });
  it("accepts the point as converged when the gradient is already at floating-point resolution (≤ 1e-5)", () => {
    expect(minimize(onlyAtStart(1e-6), [0], { gtol: 1e-8 })).toMatchObject({
      converged: true,
      reason: "gradient",
    });
  });
  it("fitPositive turns 'no progress' into notConverged with the BFGS step count and gradient size", () => {
    let caught: unknown;
    try {
      fitPositive(
        [{ name: "r", start: 1 }],
        (p, g) => ((g[0] = 1), p[0] === 1 ? 0 : NaN),
        1,
        "frequency"
      );
    } catch (e) {
      caught = e;
    }
    expect((caught as LtvError).detail).toMatchObject({
      code: "notConverged",
      arg: "frequency",
      params: { reason: "BFGS 0, |∇| = 1.0e+0" },
    });
  });
});

describe("minimize and fitPositive at bounds and on flat ground", () => {
  it("stops on a lower bound the gradient pushes through, naming the coordinate", () => {
    // f = x₀ + (x₁ − 1)²: the minimum in x₀ lies below the bound −3
    const res = minimize(
      (x, g) => {
        g[0] = 1;
        g[1] = 2 * (x[1] - 1);
        return x[0] + (x[1] - 1) ** 2;
      },
      [0, 0],
      { lower: [-3, -10] }
    );
    expect(res.converged).toBe(false);
    expect(res.reason).toBe("bound");
    expect(res.boundIndex).toBe(0);
    expect(res.x[0]).toBe(-3);
  });
  it("reports 'no progress' after five steps that do not change a value at floating-point resolution", () => {
    // f = 1e20 + x: a true slope of 1, but steps of order 1 are below the spacing of doubles near 1e20 (16384)
    const res = minimize((x, g) => ((g[0] = 1), 1e20 + x[0]), [0]);
    expect(res.converged).toBe(false);
    expect(res.reason).toBe("no progress");
    expect(res.iterations).toBe(5);
    expect(res.value).toBe(1e20);
  });
  it("fitPositive names a parameter pushed to its upper bound (1e10) as 'r → ∞'", () => {
    // −log L = −ln r: the likelihood grows without limit in r, with a constant log-space gradient of −1
    expect(() =>
      fitPositive(
        [{ name: "r", start: 1 }],
        (p, g) => ((g[0] = -1 / p[0]), -Math.log(p[0])),
        1,
        "frequency"
      )
    ).toThrow(
      expect.objectContaining({
        detail: expect.objectContaining({ code: "notConverged", params: { reason: "r → ∞" } }),
      })
    );
  });
  it("fitPositive names a parameter pushed to its lower bound (1e-10) as 'beta → 0'", () => {
    expect(() =>
      fitPositive(
        [
          { name: "alpha", start: 2 },
          { name: "beta", start: 1 },
        ],
        (p, g) => {
          // (α − 2)² + ln β: α settles at 2 while β runs off to 0
          g[0] = 2 * (p[0] - 2);
          g[1] = 1 / p[1];
          return (p[0] - 2) ** 2 + Math.log(p[1]);
        },
        1,
        "monetary"
      )
    ).toThrow(
      expect.objectContaining({
        detail: expect.objectContaining({
          code: "notConverged",
          arg: "monetary",
          params: { reason: "beta → 0" },
        }),
      })
    );
  });
});

describe("minimize and fitPositive: the last iteration and a likelihood flat towards 0", () => {
  it("a minimum reached on the last allowed iteration counts as converged", () => {
    // f = x²/2 from x = 1: the first steepest-descent step (t = 1) lands exactly on 0
    const res = minimize((x, g) => ((g[0] = x[0]), (x[0] * x[0]) / 2), [1], { maxIterations: 1 });
    expect(res.converged).toBe(true);
    expect(res.reason).toBe("gradient");
    expect(res.iterations).toBe(1);
    expect(res.x[0]).toBe(0);
  });
  it("fitPositive refuses a zero-gradient point where shrinking a parameter costs no likelihood: 'beta → 0'", () => {
    // −log L = (α − 2)² + (max(0, ln β))²: stationary at α = 2, β = 1, but every β < 1 fits as well
    const objective = (p: Float64Array, g: Float64Array) => {
      const up = Math.max(0, Math.log(p[1]));
      g[0] = 2 * (p[0] - 2);
      g[1] = (2 * up) / p[1];
      return (p[0] - 2) ** 2 + up * up;
    };
    const specs = [
      { name: "alpha", start: 2 },
      { name: "beta", start: 1 },
    ];
    let detail: unknown;
    try {
      fitPositive(specs, objective, 1, "monetary");
    } catch (e) {
      expect(e).toBeInstanceOf(LtvError);
      detail = (e as LtvError).detail;
    }
    expect(detail).toMatchObject({
      code: "notConverged",
      arg: "monetary",
      params: { reason: "beta → 0" },
    });
  });
});
