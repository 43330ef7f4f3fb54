/**
 * Seeded simulation of customer bases from the BG/NBD and Pareto/NBD generative stories, for the recovery
 * tests and the benchmarks (a fit must give back the parameters the data were drawn from).
 *
 * PRNG: sfc32 (Chris Doty-Humphrey's Small Fast Counter), seeded by splitmix32 — tiny, fast, and good enough for
 * statistics (passes PractRand to 2⁴⁰ bytes). Gamma draws by Marsaglia & Tsang (2000), with the U^(1/k) boost
 * for shapes below 1; Beta from two Gammas.
 */
import type { BgNbdParams } from "../../src/core/models/bgnbd";
import type { ParetoNbdParams } from "../../src/core/models/pareto-nbd";

/** A uniform [0, 1) generator. */
export type Random = () => number;

/** A seeded PRNG. Example: `seededRandom(42)()` → the same number on every run. */
export function seededRandom(seed: number): Random {
  let s = seed >>> 0;
  const split = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split();
  let b = split();
  let c = split();
  let d = split();
  return () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
}

function normal(rand: Random): number {
  let u = 0;
  while (u === 0) u = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

/** A Gamma(shape, rate) draw (mean shape/rate). */
export function gammaDraw(rand: Random, shape: number, rate: number): number {
  if (shape < 1) {
    let u = 0;
    while (u === 0) u = rand();
    return gammaDraw(rand, shape + 1, rate) * Math.pow(u, 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(rand);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rand();
    if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v)))
      return (d * v) / rate;
  }
}

function exponential(rand: Random, rate: number): number {
  let u = 0;
  while (u === 0) u = rand();
  return -Math.log(u) / rate;
}

export interface SimulationOptions {
  /** customers */
  n: number;
  seed: number;
  /** first purchases spread uniformly over this many periods after time 0 (default 12, as CDNOW's 12 weeks) */
  cohortSpan?: number;
  /** calibration end, in periods after time 0 (default 39) */
  calibrationEnd?: number;
  /** when set, times are recorded on a grid of this many steps per period (7: days when periods are weeks) */
  stepsPerPeriod?: number;
}

export interface SimulatedRfm {
  frequency: Float64Array;
  recency: Float64Array;
  T: Float64Array;
}

function simulate(
  o: SimulationOptions,
  customer: (rand: Random, T: number) => { x: number; tx: number }
): SimulatedRfm {
  const rand = seededRandom(o.seed);
  const span = o.cohortSpan ?? 12;
  const end = o.calibrationEnd ?? 39;
  const grid = o.stepsPerPeriod;
  const snap = (t: number): number => (grid ? Math.floor(t * grid) / grid : t);
  const frequency = new Float64Array(o.n);
  const recency = new Float64Array(o.n);
  const T = new Float64Array(o.n);
  for (let i = 0; i < o.n; i++) {
    const first = snap(rand() * span);
    const Ti = end - first;
    const { x, tx } = customer(rand, Ti);
    frequency[i] = x;
    // on a grid, a repeat purchase in the first purchase's own step is recorded one step later: a ledger has no
    // repeat purchase at recency 0 (validateRfm refuses it), same-day orders being one purchase
    recency[i] =
      x > 0
        ? Math.min(grid ? Math.max(snap(first + tx) - first, 1 / grid) : first + tx - first, Ti)
        : 0;
    T[i] = Ti;
  }
  return { frequency, recency, T };
}

/**
 * Customers drawn from the BG/NBD: λ ~ Gamma(r, α), p ~ Beta(a, b); Poisson purchases at rate λ after the first,
 * each followed by dropout with probability p. O(n × purchases).
 */
export function simulateBgNbd(p: BgNbdParams, o: SimulationOptions): SimulatedRfm {
  return simulate(o, (rand, T) => {
    const lambda = gammaDraw(rand, p.r, p.alpha);
    const ga = gammaDraw(rand, p.a, 1);
    const drop = ga / (ga + gammaDraw(rand, p.b, 1));
    let t = 0;
    let x = 0;
    let tx = 0;
    for (;;) {
      t += exponential(rand, lambda);
      if (t > T) break;
      x++;
      tx = t;
      if (rand() < drop) break;
    }
    return { x, tx };
  });
}

/**
 * Customers drawn from the Pareto/NBD: λ ~ Gamma(r, α), μ ~ Gamma(s, β); an exponential(μ) lifetime during which
 * purchases arrive at rate λ. O(n × purchases).
 */
export function simulateParetoNbd(p: ParetoNbdParams, o: SimulationOptions): SimulatedRfm {
  return simulate(o, (rand, T) => {
    const lambda = gammaDraw(rand, p.r, p.alpha);
    const mu = gammaDraw(rand, p.s, p.beta);
    const death = Math.min(T, exponential(rand, mu));
    let t = 0;
    let x = 0;
    let tx = 0;
    for (;;) {
      t += exponential(rand, lambda);
      if (t > death) break;
      x++;
      tx = t;
    }
    return { x, tx };
  });
}
