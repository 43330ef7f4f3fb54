import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { readLedger } from "../src/core/ledger";
import { clvSummary } from "../src/core/models/clv-summary";
import { fitClvSummary } from "../src/core/ledger-value";
import { customerSummary } from "../src/core/summary";
import { COHORT_TABLE, CUSTOMER_SUMMARY } from "../src/functions/analytics";
import { FREQ } from "../src/functions/foundation";
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as (o?: any) => void;
function mulberry32(seed: number) { return () => { seed = (seed + 0x6d2b79f5) | 0; let t = Math.imul(seed ^ (seed >>> 15), 1 | seed); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; }; }
const n = Number(process.env.N ?? 1048576); const DAYS = 1095; const START = 45292;
const rand = mulberry32(n); const customers = Math.round(n / 10.5);
const first = new Int32Array(customers); for (let c = 0; c < customers; c++) first[c] = Math.floor(rand() * DAYS);
const rc = new Int32Array(n), rd = new Int32Array(n);
for (let i = 0; i < n; i++) { const c = i < customers ? i : Math.floor(rand() * customers); rc[i] = c; rd[i] = i < customers ? first[c] : first[c] + Math.floor(rand() * (DAYS - first[c])); }
const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => rd[a] - rd[b]);
const cust = Int32Array.from(order, (i) => rc[i]); const day = Int32Array.from(order, (i) => rd[i]); const amt = Int32Array.from(order, () => 100 * (3 + Math.floor(rand() * 150)));
const fresh = process.env.HOLEY ? () => { const ids = new Array(n), dates = new Array(n), amounts = new Array(n); for (let j = 0; j < n; j++) { ids[j] = ["C" + String(cust[j]).padStart(6, "0")]; dates[j] = [START + day[j]]; amounts[j] = [amt[j]]; } return { ids, dates, amounts }; } : () => ({ ids: Array.from(cust, (c) => ["C" + String(c).padStart(6, "0")]), dates: Array.from(day, (d) => [START + d]), amounts: Array.from(amt, (a) => [a]) });
function floorGroup(ids: any[][], amounts: any[][]) { const g = new Map<string, { orders: number; sum: number }>(); for (let i = 0; i < ids.length; i++) { const id = ids[i][0]; let x = g.get(id); if (x === undefined) { x = { orders: 0, sum: 0 }; g.set(id, x); } x.orders++; x.sum += amounts[i][0]; } return g; }
const stages: Record<string, (d: any) => unknown> = {
  floor: (d) => floorGroup(d.ids, d.amounts),
  readLedger2: (d) => readLedger({ customers: d.ids, dates: d.dates }),
  readLedger3: (d) => readLedger({ customers: d.ids, dates: d.dates, amounts: d.amounts }),
  "read+clvSummary": (d) => clvSummary(readLedger({ customers: d.ids, dates: d.dates }), { days: 7, name: "week" }),
  "read+clv+fit": (d) => fitClvSummary(clvSummary(readLedger({ customers: d.ids, dates: d.dates }), { days: 7, name: "week" })),
  "read3+customerSummary": (d) => customerSummary(readLedger({ customers: d.ids, dates: d.dates, amounts: d.amounts })),
  FREQ: (d) => FREQ(d.ids, d.dates, "month"),
  CUSTOMER_SUMMARY: (d) => CUSTOMER_SUMMARY(d.ids, d.dates, d.amounts),
  COHORT_TABLE: (d) => COHORT_TABLE(d.ids, d.dates, "month"),
};
const only = process.env.ONLY?.split(",");
const times: Record<string, number[]> = {};
for (let r = 0; r < 4; r++) for (const [k, f] of Object.entries(stages)) { if (only && !only.includes(k) && k !== "floor") continue; const d = fresh(); gc({ type: "minor" }); gc({ type: "minor" }); const t0 = performance.now(); const v = f(d); const t = performance.now() - t0; if (v instanceof Error) throw v; if (r > 0) (times[k] ??= []).push(t); }
const med = (x: number[]) => x.slice().sort((a, b) => a - b)[Math.floor(x.length / 2)];
const fl = med(times.floor);
for (const [k, t] of Object.entries(times)) console.log(k.padEnd(24), med(t).toFixed(1), (med(t) / fl).toFixed(2));
