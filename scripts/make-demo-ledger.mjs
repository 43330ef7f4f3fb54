#!/usr/bin/env node
/**
 * Generates demo/sample-ledger.csv: two years (2023–2024) of orders of a small online tea shop, with Japanese
 * headers (顧客ID, 購入日, 金額, 注文番号) as Japanese shop systems export them, UTF-8 with a BOM so Excel opens
 * it correctly.
 *
 * The story the data tells (the seed article's "retention falls between month 6 and 7"): new customers get
 * six months of free shipping. Most keep buying monthly while it lasts; when it ends, after month 6, about
 * half of them stop. Seeded (mulberry32), so the file is the same on every run: `node scripts/make-demo-ledger.mjs`.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = mulberry32(20240607);
const pick = (p) => rand() < p;
const START = Date.UTC(2023, 0, 1);
const END = Date.UTC(2024, 11, 31);
const DAY = 86_400_000;
const daysInMonth = (y, m) => new Date(Date.UTC(y, m + 1, 0)).getUTCDate();

const orders = [];
let customerNo = 0;
// new customers per month: a shop growing from ~14 to ~24 a month
for (let month = 0; month < 24; month++) {
  const year = 2023 + Math.floor(month / 12);
  const m = month % 12;
  const newcomers = 14 + Math.floor(month / 2) + Math.floor(rand() * 5);
  for (let k = 0; k < newcomers; k++) {
    customerNo++;
    const id = `C${String(customerNo).padStart(4, "0")}`;
    const firstDay = 1 + Math.floor(rand() * daysInMonth(year, m));
    const basket = 1800 + Math.floor(rand() * 2400); // this customer's usual order, yen
    // after the free-shipping months: about half stop at once, the rest fade slowly
    const staysAfterOffer = pick(0.5);
    for (let since = 0; month + since < 24; since++) {
      const buys =
        since === 0 ? true : since <= 6 ? pick(0.82) : staysAfterOffer ? pick(0.72) : false;
      if (!buys) {
        if (since > 6 && staysAfterOffer && pick(0.06)) break; // slow churn of the loyal half
        continue;
      }
      const mm = month + since;
      const y = 2023 + Math.floor(mm / 12);
      const mo = mm % 12;
      const day = since === 0 ? firstDay : 1 + Math.floor(rand() * daysInMonth(y, mo));
      const t = Date.UTC(y, mo, day);
      if (t > END || t < START) continue;
      // amounts vary around the basket, rounded to 10 yen like a price list
      const amount = Math.round((basket * (0.7 + rand() * 0.6)) / 10) * 10;
      orders.push({ id, t, amount });
      if (since > 0 && pick(0.12)) {
        // an occasional second order in the same month
        const d2 = Math.min(daysInMonth(y, mo), day + 3 + Math.floor(rand() * 10));
        orders.push({
          id,
          t: Date.UTC(y, mo, d2),
          amount: Math.round((basket * (0.5 + rand() * 0.5)) / 10) * 10,
        });
      }
    }
  }
}
orders.sort((a, b) => a.t - b.t || a.id.localeCompare(b.id));
const lines = ["顧客ID,購入日,金額,注文番号"];
orders.forEach((o, i) => {
  const d = new Date(o.t);
  const date = `${d.getUTCFullYear()}/${d.getUTCMonth() + 1}/${d.getUTCDate()}`;
  lines.push(`${o.id},${date},${o.amount},A${String(100001 + i)}`);
});
const out = fileURLToPath(new URL("../demo/sample-ledger.csv", import.meta.url));
writeFileSync(out, "\uFEFF" + lines.join("\r\n") + "\r\n", "utf8");
console.log(
  `wrote ${out}: ${orders.length} orders, ${customerNo} customers, ${(END - START) / DAY + 1} days`
);
