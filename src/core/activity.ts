/**
 * Activity primitives shared by the cohort, retention and churn estimators.
 *
 * - **Purchase occasion.** A customer is *active* in a period when they bought at least once in it. Several
 *   orders of one customer in one period — same-day orders included — count once, so line items or split
 *   payments never inflate retention or churn.
 * - **Cost.** Everything here runs in O(n + C) or O(n + C + P) (n rows, C customers, P periods) and needs no
 *   sort: "already counted this customer in period p" is a bit per (customer, period) or, when that would be
 *   large, a stamp per period over rows grouped by customer with a counting pass ({@link eachActivePeriod}).
 */
import { notEnoughData } from "./errors";
import { gatheredTotals, TOTAL, TOTALS_STRIDE, type Ledger } from "./ledger";

/** Each customer's first order date, and the ledger's first and last order dates. */
export interface CustomerSpans {
  firstDate: Float64Array;
  minDate: number;
  maxDate: number;
}

const spanCache = new WeakMap<Ledger, CustomerSpans>();

/**
 * Each customer's first order date, in one pass. Cached per ledger object, so the wizard's several analyses of
 * one ledger share it.
 * @throws LtvError `noOrders` when the ledger has no rows, no customer ids or no dates. O(n + C).
 */
export function customerSpans(ledger: Ledger): CustomerSpans {
  const cached = spanCache.get(ledger);
  if (cached) return cached;
  const cust = ledger.customerOf;
  const dates = ledger.dates;
  if (!cust || !dates || ledger.n === 0)
    throw notEnoughData("noOrders", { arg: cust ? "order_dates" : "customer_ids" });
  const n = ledger.n;
  // the totals when a summary has gathered them; otherwise this pass, cheaper than gathering them (8 bytes a
  // customer to update per row, not 64)
  const totals = gatheredTotals(ledger);
  if (totals) {
    const C = ledger.customers.length;
    const firstDate = new Float64Array(C);
    for (let c = 0; c < C; c++) firstDate[c] = totals.data[c * TOTALS_STRIDE + TOTAL.first];
    const spans = { firstDate, minDate: totals.minDate, maxDate: totals.maxDate };
    spanCache.set(ledger, spans);
    return spans;
  }
  const firstDate = new Float64Array(ledger.customers.length).fill(Infinity);
  let minDate = Infinity;
  let maxDate = -Infinity;
  for (let i = 0; i < n; i++) {
    const c = cust[i];
    const d = dates[i];
    if (d < firstDate[c]) firstDate[c] = d;
    if (d > maxDate) maxDate = d;
    if (d < minDate) minDate = d;
  }
  const spans = { firstDate, minDate, maxDate };
  spanCache.set(ledger, spans);
  return spans;
}

/** Rows of a ledger grouped by customer (compressed sparse rows): customer c owns `rows[start[c] … start[c+1])`. */
export interface CustomerRows {
  start: Int32Array;
  rows: Int32Array;
}

const rowsCache = new WeakMap<Ledger, CustomerRows>();

/**
 * Groups a ledger's rows by customer with a counting pass (no sort). Cached per ledger object.
 * @throws LtvError `noOrders` without customer ids. O(n + C) time and memory.
 */
export function customerRows(ledger: Ledger): CustomerRows {
  const cached = rowsCache.get(ledger);
  if (cached) return cached;
  const cust = ledger.customerOf;
  if (!cust) throw notEnoughData("noOrders", { arg: "customer_ids" });
  const n = ledger.n;
  const C = ledger.customers.length;
  const start = new Int32Array(C + 1);
  for (let i = 0; i < n; i++) start[cust[i] + 1]++;
  for (let c = 0; c < C; c++) start[c + 1] += start[c];
  const fill = start.slice(0, C);
  const rows = new Int32Array(n);
  for (let i = 0; i < n; i++) rows[fill[cust[i]]++] = i;
  const result = { start, rows };
  rowsCache.set(ledger, result);
  return result;
}

/**
 * Calls `visit(c, p)` once for every distinct (customer c, period p) among the rows, where `periodOf[i]` is row
 * i's period in 0 … P − 1. All visits of one customer come together (customer by customer), so a caller can
 * finish a customer when the next one starts.
 *
 * Two strategies, same visits: when a bit per (customer, period) costs no more memory than the rows themselves
 * (C × ⌈P/32⌉ words ≤ 2n + 64 Ki), one sequential pass sets the bits and a scan of each customer's words reads them
 * back — months or weeks over a few years, the usual case, and cache-friendly. Otherwise (days over decades) the
 * rows are grouped by customer ({@link customerRows}) and a stamp per period marks what the current customer has
 * already visited. O(n + C·⌈P/32⌉) or O(n + C + P) time; memory O(n + C + P) either way.
 */
export function eachActivePeriod(
  ledger: Ledger,
  periodOf: Int32Array,
  P: number,
  visit: (c: number, p: number) => void,
  /** the most words the bitmap may take (0 forces the grouped strategy) */
  bitmapWords = 2 * ledger.n + 65_536
): void {
  const C = ledger.customers.length;
  const active = activeBits(ledger, periodOf, P, bitmapWords);
  if (active) {
    const { bits, W } = active;
    for (let c = 0; c < C; c++) {
      for (let w = 0; w < W; w++) {
        let x = bits[c * W + w];
        while (x !== 0) {
          const low = x & -x;
          visit(c, (w << 5) + 31 - Math.clz32(low));
          x ^= low;
        }
      }
    }
    return;
  }
  const { start, rows } = customerRows(ledger);
  // stamp[p] = c + 1 when customer c has visited p: a fresh (zeroed) array needs no fill pass over P
  const stamp = new Int32Array(P);
  for (let c = 0; c < C; c++) {
    const mark = c + 1;
    for (let j = start[c], e = start[c + 1]; j < e; j++) {
      const p = periodOf[rows[j]];
      if (stamp[p] !== mark) {
        stamp[p] = mark;
        visit(c, p);
      }
    }
  }
}

/** A bit per (customer, period): customer c bought in period p when bit p of `bits[c·W …]` is set. */
export interface ActiveBits {
  bits: Int32Array;
  /** words per customer: ⌈P / 32⌉ */
  W: number;
}

/**
 * {@link eachActivePeriod}'s bitmap, for callers that read it directly (a loop over a customer's words instead
 * of a call per visit): bit p of customer c's W words is set when one of c's rows has period p. Null when it
 * would cost more than `bitmapWords` words (the same rule and default as eachActivePeriod, which then groups
 * rows instead). Example: customer 0 with rows in periods 0 and 2, P = 3 → bits [0b101], W 1.
 * O(n + C·W) time and memory.
 */
export function activeBits(
  ledger: Ledger,
  periodOf: Int32Array,
  P: number,
  bitmapWords = 2 * ledger.n + 65_536
): ActiveBits | null {
  const cust = ledger.customerOf as Int32Array;
  const n = ledger.n;
  const C = ledger.customers.length;
  const W = (P + 31) >>> 5;
  if (C * W > bitmapWords) return null;
  const bits = new Int32Array(C * W);
  for (let i = 0; i < n; i++) {
    const p = periodOf[i];
    bits[cust[i] * W + (p >>> 5)] |= 1 << (p & 31);
  }
  return { bits, W };
}

/**
 * Adds 1 to `into[offset + k]` for every period k ≤ `last` in which customer c of an {@link activeBits} bitmap
 * bought: the count the retention curve and the cohort table both take, per customer rather than by a call per
 * (customer, period). Example: bits [0b1011], W 1, c 0, last 1, offset 0 → into[0]++, into[1]++. O(W + visits).
 */
export function countActive(
  active: ActiveBits,
  c: number,
  last: number,
  into: Float64Array,
  offset: number
): void {
  const { bits, W } = active;
  for (let w = 0; w < W && w << 5 <= last; w++) {
    let x = bits[c * W + w];
    while (x !== 0) {
      const low = x & -x;
      const k = (w << 5) + 31 - Math.clz32(low);
      if (k > last) break;
      into[offset + k]++;
      x ^= low;
    }
  }
}
