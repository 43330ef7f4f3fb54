/**
 * How sure the ledger route's new-customer LTV is: a 90 % interval by parametric bootstrap over everything the
 * LTV is estimated from — the repeat-purchase model's parameters (Pareto/NBD, BG/NBD or NBD; sBG for a contract),
 * the average order and the average first purchase.
 *
 * The estimate θ̂ = (purchase parameters…, average order, first purchase) is approximately normal around the truth
 * with a covariance Σ assembled in blocks, the blocks independent (separate likelihoods):
 *   purchase parameters  the inverse observed information of the fit (./models/standard-errors); a shape the fit
 *                        held at {@link LEDGER_SHAPE_CAP} is not estimated and stays at its value;
 *   average order        Gamma-Gamma: the delta-method variance of its mean pγ/(q−1) from the fit's covariance;
 *                        observed mean (and when the Gamma-Gamma has no covariance): the ratio estimator's
 *                        variance Σᵢ xᵢ²(m̄ᵢ − m̄)² / (Σ xᵢ)², customers as clusters;
 *   first purchase       the sample mean's variance s²/n, and its covariance with the average order over the same
 *                        customers (a big spender's first and later orders go together).
 * Draws θ* are taken log-normally around θ̂ (./models/interval `drawParameters`: every draw positive), and for each
 * the whole new-customer value is recomputed (./ledger-value `newCustomerValue`, ./contract-value
 * `contractValue`): its first purchase, average order, frequency and per-period table. A figure of it — the LTV
 * before costs, or the sheet's LTV after the costs — is then read at every draw, and the interval is the 5 % and
 * 95 % points of the figure over the draws. The draws are kept (compact arrays), so the same draws give the
 * interval of any figure for any margin, discount rate or cost without refitting.
 *
 * What it means: the range of new-customer LTVs compatible with this ledger if the model is right and the ledger's
 * customers are a random sample of the kind of customer the shop acquires — the uncertainty from having seen only
 * so many customers for so long. What it does not cover: the model being wrong (a process it does not assume),
 * future changes (prices, market, a new acquisition channel bringing other customers), or the choice between the
 * models. Deterministic: the draws come from a fixed seed.
 */
import { LtvError } from "./errors";
import { contractValue, type ContractModel } from "./contract-value";
import {
  newCustomerValue,
  type LedgerModel,
  type NewCustomerValue,
  type NewCustomerValueOptions,
} from "./ledger-value";
import {
  DEFAULT_DRAWS,
  DEFAULT_SEED,
  deltaInterval,
  drawParameters,
  quantileOfSorted,
  type DeltaInterval,
} from "./models/interval";
import type { PurchaseModel } from "./models/new-customer";
import { groupRfm } from "./models/rfm";
import {
  bgNbdCovariance,
  blockDiagonal,
  gammaGammaCovariance,
  nbdCovariance,
  paretoNbdCovariance,
  type Covariance,
} from "./models/standard-errors";

/** The interval's coverage: 90 %. */
export const LTV_INTERVAL_LEVEL = 0.9;

/**
 * The most numbers the kept draws may hold (draws × table rows, twice): 1,000 draws of a 200-period table. A longer
 * table gets fewer draws (at least {@link MIN_LTV_DRAWS}), so memory and work stay bounded at any horizon.
 */
export const MAX_DRAW_CELLS = 200_000;
export const MIN_LTV_DRAWS = 200;

/** The estimated quantities of the LTV, their values and their sampling covariance (row-major). */
export interface ValueUncertainty {
  /** e.g. ["r", "alpha", "s", "beta", "avgOrder", "firstOrder"] */
  names: string[];
  estimate: Float64Array;
  covariance: Float64Array;
}

/**
 * The new-customer value at every draw, kept compact: draw k's first purchase, average order and frequency, and
 * row j of its per-period table at [k·rows + j] (expected purchases, and their mean time for the discount).
 * Only the draws the value could be computed at are kept (`failed` counts the others).
 */
export interface ValueDraws {
  count: number;
  rows: number;
  firstOrder: Float64Array;
  avgOrder: Float64Array;
  frequency: Float64Array;
  purchases: Float64Array;
  time: Float64Array;
  /** draws taken, and of those, the ones whose value could not be computed */
  draws: number;
  failed: number;
}

/** One draw's value as the sheet's results chain reads it (the shape of the plan's `LedgerValueInfo`). */
export interface DrawnValue {
  firstOrder: number;
  avgOrder: number;
  frequency: number;
  table: { purchases: number; time: number }[];
}

/** A figure's interval, with the figure at the estimate and (at the core's figure) the delta-method interval. */
export interface LtvInterval {
  estimate: number;
  level: number;
  low: number;
  high: number;
  draws: number;
  failed: number;
  delta?: DeltaInterval;
}

export interface LtvIntervalOptions {
  /** default {@link DEFAULT_SEED} */
  seed?: number;
  /** default {@link DEFAULT_DRAWS}, fewer for long tables (see {@link MAX_DRAW_CELLS}) */
  draws?: number;
}

/**
 * The estimated quantities of a ledger model's LTV and their covariance (see the module comment).
 * Example: a Pareto/NBD fit on 300 customers → names r, alpha, s, beta, avgOrder, firstOrder; 6×6 covariance.
 * @throws LtvError `requiredFor` without amounts, `noStandardErrors` (#N/A) when the purchase model's information
 *   is not positive definite (the ledger does not pin its parameters down). Cost: 16 likelihood gradients over
 *   the groups, 12 over the customers for a Gamma-Gamma, O(customers).
 */
export function ledgerUncertainty(m: LedgerModel): ValueUncertainty {
  if (m.avgOrder === null || m.firstOrder === null)
    throw new LtvError({ kind: "badValue", code: "requiredFor", arg: "amounts", params: {} });
  const s = m.summary;
  const groups = groupRfm({ frequency: s.frequency, recency: s.recency, T: s.T });
  const pm = m.model;
  const cov: Covariance =
    pm.kind === "pnbd"
      ? paretoNbdCovariance({ ...pm.params, capped: m.capped }, groups)
      : pm.kind === "bgnbd"
        ? bgNbdCovariance({ ...pm.params, capped: m.capped }, groups)
        : nbdCovariance({ ...pm.params, capped: m.capped }, groups);
  if (!cov.ok)
    throw new LtvError({ kind: "notConverged", code: "noStandardErrors", arg: "params" });
  const names = Object.keys(m.model.params);
  const spend = spendCovariance(m);
  return {
    names: [...names, "avgOrder", "firstOrder"],
    estimate: Float64Array.from([...Object.values(m.model.params), m.avgOrder, m.firstOrder]),
    covariance: blockDiagonal(cov.covariance, spend),
  };
}

/** 2×2 covariance of (average order, first purchase) of a ledger model. O(customers). */
function spendCovariance(m: LedgerModel): Float64Array {
  const s = m.summary;
  const first = s.firstAmount;
  const mon = s.monetary as Float64Array;
  const n = s.customers.length;
  const avg = m.avgOrder as number;
  const f0 = m.firstOrder as number;
  let repeats = 0;
  for (let i = 0; i < n; i++) repeats += s.frequency[i];
  // customers as clusters: each contributes its first-purchase deviation and its repeat purchases' deviation
  let vf = 0;
  let va = 0;
  let cfa = 0;
  for (let i = 0; i < n; i++) {
    // a customer summary without first amounts: the first purchase is the average order (drawn as it, ledgerAt)
    const df = first ? (first[i] - f0) / n : 0;
    const da = repeats > 0 ? (s.frequency[i] * (mon[i] - avg)) / repeats : 0;
    vf += df * df;
    va += da * da;
    cfa += df * da;
  }
  const c = n > 1 ? n / (n - 1) : 0;
  vf *= c;
  va *= c;
  cfa *= c;
  if (m.spend?.kind === "gammaGamma") {
    const g = m.spend.params;
    const gc = gammaGammaCovariance(g, s.frequency, mon);
    if (gc.ok) {
      // ∇ of pγ/(q−1) in (p, q, γ)
      const grad = [g.v / (g.q - 1), (-g.p * g.v) / ((g.q - 1) * (g.q - 1)), g.p / (g.q - 1)];
      let v = 0;
      for (let i = 0; i < 3; i++)
        for (let j = 0; j < 3; j++) v += grad[i] * gc.covariance[i * 3 + j] * grad[j];
      if (Number.isFinite(v) && v > 0) {
        // the Gamma-Gamma's variance, with the observed correlation between first and later spend
        const rho = va > 0 && vf > 0 ? cfa / Math.sqrt(va * vf) : 0;
        cfa = rho * Math.sqrt(v * vf);
        va = v;
      }
    }
  }
  // without first amounts the first purchase's own entry is a placeholder, independent and of the average order's
  // variance, so the covariance stays positive definite; ledgerAt draws the first purchase as the average order
  if (!first) return Float64Array.of(va, 0, 0, va);
  return Float64Array.of(va, cfa, cfa, vf);
}

/**
 * The estimated quantities of a contract model's LTV and their covariance: sBG (α, β), the average renewal payment
 * and the first payment (their variances as the fit recorded them, independent).
 * @throws LtvError `noStandardErrors` (#N/A) when the sBG information is not positive definite. O(1).
 */
export function contractUncertainty(m: ContractModel): ValueUncertainty {
  if (!m.covariance?.ok)
    throw new LtvError({ kind: "notConverged", code: "noStandardErrors", arg: "params" });
  const sv = m.spendVariance ?? { firstOrder: 0, avgOrder: 0 };
  return {
    names: ["alpha", "beta", "avgOrder", "firstOrder"],
    estimate: Float64Array.of(m.params.alpha, m.params.beta, m.avgOrder, m.firstOrder),
    covariance: blockDiagonal(m.covariance.covariance, [sv.avgOrder], [sv.firstOrder]),
  };
}

/** The draws a table of `rows` periods gets: {@link DEFAULT_DRAWS}, fewer for long tables. O(1). */
export function drawsFor(rows: number, requested = DEFAULT_DRAWS): number {
  return Math.min(
    requested,
    Math.max(MIN_LTV_DRAWS, Math.floor(MAX_DRAW_CELLS / (2 * Math.max(1, rows))))
  );
}

/**
 * A ledger model's new-customer value at every parameter draw (see the module comment).
 * Example: a Pareto/NBD fit on 400 customers, horizon 36 months → 1,000 draws of 36 rows, their LTVs before
 * costs spread around the estimate by about ±20 %.
 * @throws LtvError from {@link ledgerUncertainty} and from `newCustomerValue` at the estimate (horizon, margin,
 *   discount rate); `intervalUnstable` (#N/A) when more than a quarter of one tail's share of the draws (25 of
 *   1,000) cannot be computed. Cost: O(draws × (d² + horizon)), BG/NBD × series terms; at 1,000 draws and 36
 *   months, some tens of milliseconds.
 */
export function ledgerValueDraws(
  m: LedgerModel,
  o: NewCustomerValueOptions,
  options: LtvIntervalOptions = {}
): ValueDraws {
  return collectDraws(ledgerUncertainty(m), (p) => newCustomerValue(ledgerAt(m, p), o), options);
}

/**
 * A contract model's new-customer value at every parameter draw, as {@link ledgerValueDraws}.
 * @throws LtvError from {@link contractUncertainty}, `contractValue` and `intervalUnstable`.
 * Cost: O(draws × horizon in billing periods).
 */
export function contractValueDraws(
  m: ContractModel,
  o: NewCustomerValueOptions,
  options: LtvIntervalOptions = {}
): ValueDraws {
  const u = contractUncertainty(m);
  return collectDraws(
    u,
    (p) =>
      contractValue(
        { ...m, params: { alpha: p[0], beta: p[1] }, avgOrder: p[2], firstOrder: p[3] },
        o
      ),
    options
  );
}

/** The ledger model at the quantities p (in the order of {@link ledgerUncertainty}'s names). */
function ledgerAt(m: LedgerModel, p: ArrayLike<number>): LedgerModel {
  const names = Object.keys(m.model.params);
  const k = names.length;
  const params = Object.fromEntries(names.map((name, i) => [name, p[i]]));
  const model = { ...m.model, params: { ...m.model.params, ...params } } as PurchaseModel;
  return { ...m, model, avgOrder: p[k], firstOrder: m.summary.firstAmount ? p[k + 1] : p[k] };
}

function collectDraws(
  u: ValueUncertainty,
  at: (p: ArrayLike<number>) => NewCustomerValue,
  options: LtvIntervalOptions
): ValueDraws {
  const rows = at(u.estimate).table.length;
  const { estimate, covariance } = positivePart(u);
  const sample = drawParameters(estimate.values, covariance, {
    draws: drawsFor(rows, options.draws),
    seed: options.seed ?? DEFAULT_SEED,
  });
  const n = sample.length;
  const out: ValueDraws = {
    count: 0,
    rows,
    firstOrder: new Float64Array(n),
    avgOrder: new Float64Array(n),
    frequency: new Float64Array(n),
    purchases: new Float64Array(n * rows),
    time: new Float64Array(n * rows),
    draws: n,
    failed: 0,
  };
  const full = Float64Array.from(u.estimate);
  for (const p of sample) {
    estimate.index.forEach((i, a) => (full[i] = p[a]));
    let v: NewCustomerValue;
    try {
      v = at(full);
    } catch (e) {
      if (!(e instanceof LtvError)) throw e;
      out.failed++;
      continue;
    }
    if (!Number.isFinite(v.ltvBeforeCosts) || v.table.length !== rows) {
      out.failed++;
      continue;
    }
    const c = out.count++;
    out.firstOrder[c] = v.firstOrder;
    out.avgOrder[c] = v.avgOrder;
    out.frequency[c] = v.frequency;
    v.table.forEach((r, j) => {
      out.purchases[c * rows + j] = r.purchases;
      out.time[c * rows + j] = r.time;
    });
  }
  if (out.failed > (n * (1 - LTV_INTERVAL_LEVEL)) / 4)
    throw new LtvError({
      kind: "notConverged",
      code: "intervalUnstable",
      arg: "params",
      params: { failed: out.failed, draws: n },
    });
  return out;
}

/**
 * The quantities drawn: those with a positive value (a first purchase of 0 cannot be drawn log-normally; it and
 * any quantity with variance 0 stay at their value, as a capped shape does).
 */
function positivePart(u: ValueUncertainty): {
  estimate: { values: Float64Array; index: number[] };
  covariance: Float64Array;
} {
  const d = u.estimate.length;
  const index = Array.from({ length: d }, (_, i) => i).filter((i) => u.estimate[i] > 0);
  const m = index.length;
  const covariance = new Float64Array(m * m);
  for (let a = 0; a < m; a++)
    for (let b = 0; b < m; b++) covariance[a * m + b] = u.covariance[index[a] * d + index[b]];
  return {
    estimate: { values: Float64Array.from(index, (i) => u.estimate[i]), index },
    covariance,
  };
}

/** Draw k as the results chain reads it. O(rows). */
export function drawnValue(d: ValueDraws, k: number): DrawnValue {
  const table = [];
  for (let j = 0; j < d.rows; j++)
    table.push({ purchases: d.purchases[k * d.rows + j], time: d.time[k * d.rows + j] });
  return {
    firstOrder: d.firstOrder[k],
    avgOrder: d.avgOrder[k],
    frequency: d.frequency[k],
    table,
  };
}

/**
 * The interval of any figure of the new-customer value over the kept draws: its (1−level)/2 and (1+level)/2
 * quantiles (Excel's PERCENTILE.INC). A draw at which the figure throws an LtvError or is not finite is left out,
 * under the same limit as the draws themselves.
 * Example: figure = the LTV before costs at margin 0.4 → the interval of the LTV before costs × 0.4.
 * @throws LtvError `intervalUnstable` (#N/A) when too many draws fail. Cost: O(count × (rows + cost of the
 *   figure) + count·log count).
 */
export function drawsInterval(
  d: ValueDraws,
  figure: (v: DrawnValue) => number,
  level = LTV_INTERVAL_LEVEL
): { low: number; high: number } {
  const values: number[] = [];
  for (let k = 0; k < d.count; k++) {
    let v: number;
    try {
      v = figure(drawnValue(d, k));
    } catch (e) {
      if (!(e instanceof LtvError)) throw e;
      v = NaN;
    }
    if (Number.isFinite(v)) values.push(v);
  }
  const failed = d.draws - values.length;
  if (failed > (d.draws * (1 - level)) / 4 || values.length === 0)
    throw new LtvError({
      kind: "notConverged",
      code: "intervalUnstable",
      arg: "params",
      params: { failed, draws: d.draws },
    });
  values.sort((a, b) => a - b);
  return {
    low: quantileOfSorted(values, (1 - level) / 2),
    high: quantileOfSorted(values, (1 + level) / 2),
  };
}

/** The LTV before costs of a drawn value, as `newCustomerValue` computes it: m × (first + avg × f × Σ active × disc). */
function ltvBeforeCostsOf(v: DrawnValue, o: NewCustomerValueOptions): number {
  const ln = Math.log1p(o.discountRate ?? 0);
  let discounted = 0;
  for (const r of v.table)
    discounted += v.frequency > 0 ? (r.purchases / v.frequency) * Math.exp(-r.time * ln) : 0;
  return (o.grossMargin ?? 1) * (v.firstOrder + v.avgOrder * v.frequency * discounted);
}

/**
 * The 90 % interval of a ledger model's LTV before costs (what LEDGER_LTV shows), with the delta-method interval
 * beside it for comparison.
 * Example: a Pareto/NBD ledger of 400 customers whose true 3-year LTV is 9,000 → about (7,500, 10,800); with
 * 1,600 customers about half as wide.
 * @throws LtvError as {@link ledgerValueDraws}. Cost: that, plus 13 evaluations of `newCustomerValue`.
 */
export function ledgerLtvInterval(
  m: LedgerModel,
  o: NewCustomerValueOptions,
  options: LtvIntervalOptions = {}
): LtvInterval {
  const draws = ledgerValueDraws(m, o, options);
  const g = (p: ArrayLike<number>): number => newCustomerValue(ledgerAt(m, p), o).ltvBeforeCosts;
  return withDelta(draws, o, g, ledgerUncertainty(m));
}

/** The 90 % interval of a contract model's LTV before costs, as {@link ledgerLtvInterval}. */
export function contractLtvInterval(
  m: ContractModel,
  o: NewCustomerValueOptions,
  options: LtvIntervalOptions = {}
): LtvInterval {
  const draws = contractValueDraws(m, o, options);
  const u = contractUncertainty(m);
  const g = (p: ArrayLike<number>): number =>
    contractValue(
      { ...m, params: { alpha: p[0], beta: p[1] }, avgOrder: p[2], firstOrder: p[3] },
      o
    ).ltvBeforeCosts;
  return withDelta(draws, o, g, u);
}

function withDelta(
  draws: ValueDraws,
  o: NewCustomerValueOptions,
  g: (p: ArrayLike<number>) => number,
  u: ValueUncertainty
): LtvInterval {
  const { low, high } = drawsInterval(draws, (v) => ltvBeforeCostsOf(v, o));
  let delta: DeltaInterval | undefined;
  try {
    delta = deltaInterval(g, u.estimate, u.covariance, LTV_INTERVAL_LEVEL);
  } catch (e) {
    if (!(e instanceof LtvError)) throw e;
  }
  return {
    estimate: g(u.estimate),
    level: LTV_INTERVAL_LEVEL,
    low,
    high,
    draws: draws.draws,
    failed: draws.failed,
    ...(delta ? { delta } : {}),
  };
}
