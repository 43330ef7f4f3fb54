import { FREQ } from "../src/functions/foundation";
import { readLedger } from "../src/core/ledger";
import { clvSummary } from "../src/core/models/clv-summary";
import { groupRfm } from "../src/core/models/rfm";
function mulberry32(seed: number) { return () => { seed = (seed + 0x6d2b79f5) | 0; let t = Math.imul(seed ^ (seed >>> 15), 1 | seed); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; }; }
const n = Number(process.env.N ?? 1048576); const DAYS = 1095; const START = 45292;
const rand = mulberry32(n); const customers = Math.round(n / 10.5);
const first = new Int32Array(customers); for (let c = 0; c < customers; c++) first[c] = Math.floor(rand() * DAYS);
const rc = new Int32Array(n), rd = new Int32Array(n);
for (let i = 0; i < n; i++) { const c = i < customers ? i : Math.floor(rand() * customers); rc[i] = c; rd[i] = i < customers ? first[c] : first[c] + Math.floor(rand() * (DAYS - first[c])); }
const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => rd[a] - rd[b]);
const ids = Array.from(order, (i) => ["C" + String(rc[i]).padStart(6, "0")]); const dates = Array.from(order, (i) => [START + rd[i]]);
const t0 = performance.now(); const v = FREQ(ids, dates, "month"); console.log(v, performance.now() - t0);
const s = clvSummary(readLedger({ customers: ids, dates }), { days: 7, name: "week" });
console.log("groups", groupRfm(s).count ?? Object.keys(groupRfm(s)));
