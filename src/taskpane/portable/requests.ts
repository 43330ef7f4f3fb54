/**
 * Make portable's reads and writes cut into requests that Excel on the web accepts: it refuses a request or a
 * response above 5 MB (RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded), and office.js sends
 * more than the JSON we measure (about 15 % more). So each request is planned at 3 MB of our JSON, and one that
 * is refused all the same is cut in two and tried again.
 *
 * A local budget for Make portable: the calculation-sheet writer budgets its requests in ../batches.ts; when that
 * module offers a budget measured as office.js serialises, `BUDGET_BYTES` and `jsonBytes` should come from it.
 */

import { utf8Bytes } from "../batches";

/** Our JSON per request or response: 3 MB, under 5 MB with room for office.js's own encoding. */
export const BUDGET_BYTES = 3 * 1024 * 1024;

/** UTF-8 size of a value's JSON, without building a buffer. O(size). */
export function jsonBytes(v: unknown): number {
  return utf8Bytes(JSON.stringify(v) ?? "");
}

/** Whether Office refused a request or its response for its size. */
export function isPayloadTooLarge(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  const text = `${typeof code === "string" ? code : ""} ${e instanceof Error ? e.message : String(e)}`;
  return /(Request|Response)PayloadSizeLimitExceeded/.test(text);
}

/** One write: queues its Office.js calls; `bytes` is what it sends; `split` cuts it in two (rows), if it can. */
export interface Write {
  bytes: number;
  queue: () => void;
  split?: () => [Write, Write];
}

/**
 * Runs writes in as few requests as the budget allows, in order: each request starts with calculation
 * suspended, ends with a sync. A request refused for its size is cut in two (its writes, else its one write's
 * rows) and run again. O(writes) requests at most.
 * @returns the number of syncs made. Throws the first other failure (or a refusal of a write that cannot be cut).
 */
export async function runWrites(
  context: Excel.RequestContext,
  writes: Write[],
  budget = BUDGET_BYTES
): Promise<number> {
  let syncs = 0;
  const run = async (group: Write[]): Promise<void> => {
    context.application.suspendApiCalculationUntilNextSync();
    for (const w of group) w.queue();
    try {
      syncs++;
      await context.sync();
    } catch (e) {
      if (!isPayloadTooLarge(e)) throw e;
      if (group.length > 1) {
        const half = Math.ceil(group.length / 2);
        await run(group.slice(0, half));
        await run(group.slice(half));
      } else if (group[0].split) {
        const [a, b] = group[0].split();
        await run([a]);
        await run([b]);
      } else throw e;
    }
  };
  let group: Write[] = [];
  let size = 0;
  for (const w of writes) {
    if (group.length > 0 && size + w.bytes > budget) {
      await run(group);
      group = [];
      size = 0;
    }
    group.push(w);
    size += w.bytes;
  }
  if (group.length > 0) await run(group);
  return syncs;
}

/**
 * Writes of a grid to a block of cells, cut by rows so each stays under the budget (each splits further in two
 * if Office still refuses it). `set` queues the write of `rows` to the block's rows `first …`; `extraPerRow` is
 * what each row sends besides its cells (a number format row, say).
 */
export function gridWrites(
  grid: unknown[][],
  set: (first: number, rows: unknown[][]) => void,
  budget = BUDGET_BYTES,
  extraPerRow = 0
): Write[] {
  const make = (first: number, rows: unknown[][]): Write => ({
    bytes: jsonBytes(rows) + rows.length * extraPerRow + 64,
    queue: () => set(first, rows),
    split:
      rows.length > 1
        ? () => {
            const half = Math.ceil(rows.length / 2);
            return [make(first, rows.slice(0, half)), make(first + half, rows.slice(half))];
          }
        : undefined,
  });
  const out: Write[] = [];
  let first = 0;
  let size = 0;
  for (let i = 0; i < grid.length; i++) {
    const b = jsonBytes(grid[i]) + 1 + extraPerRow;
    if (i > first && size + b > budget - 64) {
      out.push(make(first, grid.slice(first, i)));
      first = i;
      size = 0;
    }
    size += b;
  }
  if (grid.length > first) out.push(make(first, grid.slice(first)));
  return out;
}

/**
 * Reads properties (`formulas`, `values`) of a block of `rows` × `columns` cells in row slices whose response
 * stays under the budget: the first slice is sized at 64 bytes a cell, the next ones by what the previous
 * actually weighed; a slice Office refuses for its size is halved and read again. `range(first, count)` gives
 * the range of the block's rows `first … first + count − 1`.
 * @returns each property's rows, in order, and the syncs made.
 */
export async function readRows<P extends "formulas" | "values">(
  context: Excel.RequestContext,
  range: (first: number, count: number) => Excel.Range,
  rows: number,
  columns: number,
  props: P[],
  budget = BUDGET_BYTES
): Promise<{ grids: Record<P, unknown[][]>; syncs: number }> {
  const grids = Object.fromEntries(props.map((p) => [p, [] as unknown[][]])) as Record<
    P,
    unknown[][]
  >;
  let syncs = 0;
  let perRow = 64 * Math.max(1, columns) * props.length;
  for (let first = 0; first < rows;) {
    let count = Math.max(1, Math.min(rows - first, Math.floor(budget / 2 / perRow)));
    for (;;) {
      const r = range(first, count);
      r.load(props);
      try {
        syncs++;
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one slice per request is the point: each must fit under 5 MB, and the next is sized by what this one weighed
        await context.sync();
      } catch (e) {
        if (!isPayloadTooLarge(e) || count === 1) throw e;
        count = Math.ceil(count / 2);
        continue;
      }
      let bytes = 0;
      for (const p of props) {
        const got = r[p] as unknown[][];
        bytes += jsonBytes(got);
        for (const row of got) grids[p].push(row);
      }
      perRow = Math.max(1, bytes / count);
      break;
    }
    first += count;
  }
  return { grids, syncs };
}
