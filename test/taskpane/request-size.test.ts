/**
 * The wizard's requests as office.js itself serialises them (the real Excel library from @microsoft/office-js,
 * see ./office-js.ts), against Excel on the web's 5 MB limit: the writer runs its whole sequence on a 1,048,576-row
 * ledger with Japanese ids, and every request office.js sends — measured as the host message, the body escaped
 * inside it — stays within its estimate (batches.officeBytes) and well under the limit. A request Excel refuses
 * as too large is halved and sent again.
 */
import { readLedger } from "../../src/core/ledger";
import { analyseLedgerForPlan } from "../../src/sheet/ledger-analysis";
import { buildCalculationPlan, DEFAULT_INPUTS } from "../../src/sheet/plan";
import type { CalculationPlan } from "../../src/sheet/types";
import {
  DEFAULT_BUDGET_BYTES,
  officeBytes,
  planRequests,
  REQUEST_LIMIT_BYTES,
  sliceByBudget,
  splitRequest,
} from "../../src/taskpane/batches";
import { writePlan } from "../../src/taskpane/writer";
import { loadOfficeJs } from "./office-js";

jest.setTimeout(120_000);

function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A whole column's worth of orders (1,048,575 under a header), ≈ 10 per customer, ids in Japanese. */
function ledgerPlan(rows: number): CalculationPlan {
  const rnd = mulberry32(42);
  const customers = Math.round(rows / 10);
  const ids = new Array<string>(rows);
  const dates = new Array<number>(rows);
  const amounts = new Array<number>(rows);
  for (let i = 0; i < rows; i++) {
    ids[i] = `顧客${String(Math.floor(rnd() * rnd() * customers)).padStart(6, "0")}`;
    dates[i] = 45292 + Math.floor((i / rows) * 730);
    amounts[i] = Math.round(500 + rnd() * 9500);
  }
  const ledger = readLedger({ customers: ids, dates, amounts }, { mode: "lenient" });
  const analysis = analyseLedgerForPlan(ledger, "month", { source: "売上!A1:C1048576" });
  return buildCalculationPlan(
    { ...DEFAULT_INPUTS, periodUnit: "month", lifespanFromChurn: true },
    "ja",
    analysis
  );
}

const MB = (b: number) => `${(b / 1024 / 1024).toFixed(2)} MB`;

describe("write requests as office.js sends them", () => {
  const plan = ledgerPlan(1_048_575);

  it("a 1,048,576-row ledger: every request within its estimate and under 5 MB with margin", async () => {
    const ojs = loadOfficeJs();
    const report = await writePlan(ojs.context(), plan);
    expect(report.status).toBe("written");
    const writes = ojs.requests.slice(1); // the first sync only looks
    expect(writes).toHaveLength(report.requestBytes.length);
    writes.forEach((w, i) => {
      expect(w.messageBytes).toBeLessThanOrEqual(report.requestBytes[i]);
      expect(w.bodyBytes).toBeLessThan(w.messageBytes);
    });
    const largest = Math.max(...writes.map((w) => w.messageBytes));
    expect(largest).toBeLessThanOrEqual(DEFAULT_BUDGET_BYTES);
    expect(largest).toBeLessThan(0.85 * REQUEST_LIMIT_BYTES);
    console.log(
      `1,048,576-row ledger: ${report.requestBytes.length} write requests; as office.js sends them ` +
        `(host message / body): ${writes.map((w) => `${MB(w.messageBytes)} / ${MB(w.bodyBytes)}`).join(", ")}; ` +
        `estimates ${report.requestBytes.map(MB).join(", ")}; limit ${MB(REQUEST_LIMIT_BYTES)}`
    );
  });

  it("number formats go per column: one [[format]] for a column of the summary, not one per cell", () => {
    const summary = planRequests(plan)
      .flatMap((r) => r.ops)
      .filter((op) => op.op === "values" && op.block === "summary");
    expect(summary.length).toBeGreaterThan(0);
    // one format per column of the summary block (seven with the ledger's model)
    const width = plan.sheet.blocks.find((b) => b.id === "summary")!.cells[0].length;
    for (const op of summary) {
      if (op.op !== "values") continue;
      expect(op.formats).toHaveLength(width);
      for (const f of op.formats) expect(f.formats).toEqual([[expect.any(String)]]);
    }
  });

  it("every kind of op is estimated at least at what office.js sends for it (small plans, both routes)", async () => {
    const manual = buildCalculationPlan(DEFAULT_INPUTS, "en");
    const small = ledgerPlan(3000);
    for (const p of [manual, small]) {
      const requests = planRequests(p);
      const ojs = loadOfficeJs();
      await writePlan(ojs.context(), p);
      ojs.requests.slice(1).forEach((w, i) => {
        const estimate = requests[i].ops.reduce((n, op) => n + officeBytes(op, p.styles), 0);
        expect(w.messageBytes).toBeLessThanOrEqual(estimate);
      });
    }
  });

  it("a request Excel refuses as too large is halved and sent again; every cell still arrives", async () => {
    const cells = (bodies: string[]) =>
      bodies.reduce((n, b) => {
        const actions = (
          JSON.parse(b) as {
            Actions: Array<{ Name: string; ArgumentInfo?: { Arguments: unknown[] } }>;
          }
        ).Actions;
        return (
          n +
          actions
            .filter((a) => a.Name === "Formulas")
            .reduce((m, a) => {
              const v = a.ArgumentInfo!.Arguments[0] as unknown[][];
              return m + v.length * v[0].length;
            }, 0)
        );
      }, 0);
    const normal = loadOfficeJs();
    const a = await writePlan(normal.context(), plan);
    const refused = loadOfficeJs();
    refused.failNextWithPayloadLimit(0);
    const ctx = refused.context();
    // refuse the first write request (the second sync) once
    const sync = ctx.sync.bind(ctx);
    let n = 0;
    ctx.sync = (() => {
      n++;
      if (n === 2) refused.failNextWithPayloadLimit(1);
      return sync();
    }) as typeof ctx.sync;
    const b = await writePlan(ctx, plan);
    expect(b.status).toBe("written");
    expect(b.syncs).toBe(a.syncs + 2); // the refused request, then its two halves
    const sent = (o: typeof normal, skip: number[]) =>
      o.requests.filter((_, i) => !skip.includes(i)).map((r) => r.body);
    expect(cells(sent(refused, [1]))).toBe(cells(sent(normal, [])));
  });
});

describe("splitRequest and sliceByBudget", () => {
  it("halves a request by rows, keeping every row once and in order", () => {
    const formulas = Array.from({ length: 9 }, (_, i) => [`r${i}`, i]);
    const [x, y] = splitRequest({
      ops: [
        {
          op: "values",
          block: "b",
          address: "B3:C11",
          formulas,
          formats: [{ address: "C3:C11", formats: [["0"]] }],
        },
      ],
      bytes: 0,
    })!;
    const [p, q] = [x.ops[0], y.ops[0]];
    expect(p).toMatchObject({
      address: "B3:C7",
      formats: [{ address: "C3:C7", formats: [["0"]] }],
    });
    expect(q).toMatchObject({
      address: "B8:C11",
      formats: [{ address: "C8:C11", formats: [["0"]] }],
    });
    expect([
      ...(p as { formulas: unknown[] }).formulas,
      ...(q as { formulas: unknown[] }).formulas,
    ]).toEqual(formulas);
    expect(
      splitRequest({
        ops: [{ op: "values", block: "b", address: "A1", formulas: [[1]], formats: [] }],
        bytes: 0,
      })
    ).toBeNull();
  });

  it("cuts items into runs within a budget (an item above it alone)", () => {
    expect(sliceByBudget([3, 3, 3, 3], (x) => x, 7)).toEqual([
      [0, 2],
      [2, 4],
    ]);
    expect(sliceByBudget([9, 1, 1], (x) => x, 5)).toEqual([
      [0, 1],
      [1, 3],
    ]);
    expect(sliceByBudget([], (x: number) => x, 5)).toEqual([]);
  });
});
