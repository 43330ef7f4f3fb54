/**
 * Per-customer (frequency, recency, T) data: validation and grouping of identical customers.
 *
 * Likelihoods of the BG/NBD and Pareto/NBD depend on a customer only through (x, tₓ, T), and real ledgers
 * record dates by the day, so many customers share a triple (1,000,000 simulated customers over 39 weeks fall
 * into some 10⁵ groups; the 2,357 CDNOW customers into ~1,400). Each likelihood evaluation then costs
 * O(groups), and the terms that depend on x alone, on T alone or on tₓ alone are computed once per distinct value.
 */
import { badValue, notEnoughData } from "../errors";

export interface RfmData {
  frequency: ArrayLike<number>;
  recency: ArrayLike<number>;
  T: ArrayLike<number>;
}

/**
 * Options of the purchase-model fits. `shapeCap` caps the shape parameters of the mixing distributions (r, and
 * s for the Pareto/NBD): a shape running to ∞ means customers are alike in that rate, and the fit then holds it
 * at the cap (its predictions are those of the limit to within about 1/cap) instead of failing with "r → ∞".
 * Default: no cap (the published fits are reproduced exactly, and a runaway is reported).
 */
export interface ShapeCapOptions {
  shapeCap?: number;
  /** the fixed part of the fit's work budget (default `WORK_BASE`): a smaller one gives up sooner */
  workBase?: number;
  /** BFGS steps allowed (default 500) */
  maxIterations?: number;
}

/** Customers grouped by identical (x, tₓ, T), with the distinct values of each coordinate indexed. */
export interface RfmGroups {
  /** number of customers */
  total: number;
  /** number of groups */
  count: number;
  /** customers in each group */
  weight: Float64Array;
  /** index into `xs` / `txs` / `Ts` of each group's x, tₓ and T */
  xi: Int32Array;
  txi: Int32Array;
  Ti: Int32Array;
  xs: Float64Array;
  txs: Float64Array;
  Ts: Float64Array;
}

/**
 * The most repeat purchases one customer can have: 1,048,576, the rows of a worksheet. A ledger in Excel holds at
 * most that many orders, so no customer of it can have more (CLV_SUMMARY counts repeat purchase *days*, fewer
 * still). A larger number (1e16, 1.8e308) is a wrong column or a typing slip, not data: the fits would spend their
 * time on Γ(r+x) and ₂F₁ at absurd x and end in overflow.
 */
export const MAX_FREQUENCY = 1_048_576;

/**
 * Days in Excel's calendar, 1900-01-01 … 9999-12-31: no ledger spans more, and dates have whole days.
 */
export const CALENDAR_DAYS = 2_958_465;

/**
 * A positive recency or T below this fraction of the longest T in the data is refused (relative, because the
 * period unit may be any number of days). Orders are dated by the day and the longest T spans at most
 * {@link CALENDAR_DAYS} days, so one day — the shortest positive time a ledger gives — is at least
 * 1/2,958,465 ≈ 3.4·10⁻⁷ of it. The bound is set 300 times lower, at 10⁻⁹ (about one second in thirty years), so
 * that continuous-time data (timestamps, simulations) still fit, while what can only be rounding residue or a
 * unit mix-up (1e-23, 1e-175, denormals) is refused: left in, such values push ₂F₁ towards z → 1 and α → 0, and
 * the fit spends seconds finding that out.
 */
export const MIN_TIME_FRACTION = 1e-9;

/**
 * Checks that each customer's values make sense: x a whole number, 0 ≤ x ≤ {@link MAX_FREQUENCY}; T ≥ 0;
 * 0 ≤ tₓ ≤ T; tₓ = 0 when x = 0; every positive tₓ and T at least {@link MIN_TIME_FRACTION} of the longest T
 * (far less than a day).
 * Two kinds of rows that real ledgers and other tools produce are valid, because the likelihoods are defined
 * for them: T = 0 (the first purchase falls on the calibration end: the row's likelihood is exactly 1, so it
 * adds nothing to the fit) and x > 0 with tₓ = 0 (repeat purchases rounded into the first day or week).
 * Example: x = 2, tₓ = 3, T = 2 → `mustBeAtMost` for row 1 (recency beyond T).
 * @throws LtvError naming the argument and the 1-based row: `wholeNumber`, `mustBeAtLeast`, `tooManyPurchases`,
 *   `mustBeAtMost`, `timeTooShort`; `tooFewValues` (#N/A) when no row has T > 0. O(n).
 */
export function validateRfm(data: RfmData): void {
  const { frequency: f, recency: r, T } = data;
  let longest = 0;
  for (let i = 0; i < f.length; i++) {
    const x = f[i];
    if (!Number.isFinite(x) || x < 0 || Math.floor(x) !== x) {
      throw badValue(x < 0 ? "mustBeAtLeast" : "wholeNumber", {
        arg: "frequency",
        row: i + 1,
        value: x,
        params: { limit: 0 },
      });
    }
    if (x > MAX_FREQUENCY)
      throw badValue("tooManyPurchases", {
        arg: "frequency",
        row: i + 1,
        value: x,
        params: { limit: MAX_FREQUENCY },
      });
    if (!Number.isFinite(T[i]) || T[i] < 0)
      throw badValue("mustBeAtLeast", { arg: "T", row: i + 1, value: T[i], params: { limit: 0 } });
    if (!Number.isFinite(r[i]) || r[i] < 0)
      throw badValue("mustBeAtLeast", {
        arg: "recency",
        row: i + 1,
        value: r[i],
        params: { limit: 0 },
      });
    if (r[i] > T[i] * (1 + 1e-12))
      throw badValue("mustBeAtMost", {
        arg: "recency",
        row: i + 1,
        value: r[i],
        params: { limit: T[i] },
      });
    if (x === 0 && r[i] !== 0)
      throw badValue("mustBeAtMost", {
        arg: "recency",
        row: i + 1,
        value: r[i],
        params: { limit: 0 },
      });
    if (T[i] > longest) longest = T[i];
  }
  if (longest === 0)
    throw notEnoughData("tooFewValues", { arg: "T", params: { limit: 1, count: 0 } });
  // second pass: the shortest time a day can be depends on the longest T of all rows
  const shortest = longest * MIN_TIME_FRACTION;
  const params = { longest, days: CALENDAR_DAYS, limit: shortest };
  for (let i = 0; i < f.length; i++) {
    if (T[i] > 0 && T[i] < shortest)
      throw badValue("timeTooShort", { arg: "T", row: i + 1, value: T[i], params });
    if (r[i] > 0 && r[i] < shortest)
      throw badValue("timeTooShort", { arg: "recency", row: i + 1, value: r[i], params });
  }
}

/**
 * Groups customers with identical (x, tₓ, T). Example: (1, 2, 5), (0, 0, 5), (1, 2, 5) → 2 groups, weights 2 and 1.
 * The grouping is canonical: distinct values ascending and groups in (x, tₓ, T) order, whatever the order of the
 * customers, so every sum over groups — and so every fit — is the same to the last bit when rows are shuffled.
 * Cost: O(n) expected (hash maps keyed by numbers) + O(G log G) for G groups.
 */
export function groupRfm(data: RfmData): RfmGroups {
  const n = data.frequency.length;
  const xs = distinctSorted(data.frequency);
  const txs = distinctSorted(data.recency);
  const Ts = distinctSorted(data.T);
  const xIndex = indexOf(xs);
  const txIndex = indexOf(txs);
  const TIndex = indexOf(Ts);
  // a group key as one exact integer: (x index, tₓ index, T index) in mixed radix (< 2⁵³ for any real data),
  // which orders groups by (x, tₓ, T) since the indexes follow the sorted values
  const nTx = txs.length;
  const nT = Ts.length;
  const counts = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const key =
      ((xIndex.get(data.frequency[i]) as number) * nTx + (txIndex.get(data.recency[i]) as number)) *
        nT +
      (TIndex.get(data.T[i]) as number);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const keys = Float64Array.from(counts.keys()).sort();
  const count = keys.length;
  const weight = new Float64Array(count);
  const xi = new Int32Array(count);
  const txi = new Int32Array(count);
  const Ti = new Int32Array(count);
  for (let g = 0; g < count; g++) {
    const key = keys[g];
    weight[g] = counts.get(key) as number;
    Ti[g] = key % nT;
    const rest = (key - Ti[g]) / nT;
    txi[g] = rest % nTx;
    xi[g] = (rest - txi[g]) / nTx;
  }
  return {
    total: n,
    count,
    weight,
    xi,
    txi,
    Ti,
    xs: Float64Array.from(xs),
    txs: Float64Array.from(txs),
    Ts: Float64Array.from(Ts),
  };
}

function distinctSorted(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(new Set(Array.from(values))).sort();
}

function indexOf(sorted: Float64Array): Map<number, number> {
  const m = new Map<number, number>();
  sorted.forEach((v, i) => m.set(v, i));
  return m;
}

/**
 * What every purchase-model fit starts from: the validated, grouped data (grouped here unless the caller already
 * grouped it) and the totals its start values use — n customers, Σx repeat purchases and ΣT observed time.
 * @throws LtvError from {@link validateRfm}, and `tooFewValues` (#N/A) for no customers. Cost: O(n).
 */
export function fitGroups(
  data: RfmData,
  groups?: RfmGroups
): { g: RfmGroups; n: number; sx: number; sT: number } {
  if (!groups) {
    validateRfm(data);
    groups = groupRfm(data);
  }
  const g = groups;
  if (g.total === 0)
    throw notEnoughData("tooFewValues", { arg: "frequency", params: { limit: 1, count: 0 } });
  let sx = 0;
  let sT = 0;
  for (let i = 0; i < g.count; i++) {
    sx += g.weight[i] * g.xs[g.xi[i]];
    sT += g.weight[i] * g.Ts[g.Ti[i]];
  }
  return { g, n: g.total, sx, sT };
}
