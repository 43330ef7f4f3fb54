/** Ledgers shared by the sheet, writer and e2e tests. */
import { serialFromDate } from "../../src/core/input/date";

/** 40 customers joining Jan–Mar 2024; most buy monthly for 6 months, then most stop (the seed's month 6 → 7). */
export function shopLedger(): (string | number)[][] {
  const rows: (string | number)[][] = [["顧客ID", "購入日", "金額", "注文番号"]];
  let order = 1;
  for (let c = 0; c < 40; c++) {
    const startMonth = c % 3;
    const months = c % 5 === 0 ? 12 : 7; // a fifth stay a year; the rest buy in months 0…6 only
    for (let k = 0; k < months; k++) {
      const m = startMonth + k;
      const serial = serialFromDate(
        2024 + Math.floor(m / 12),
        (m % 12) + 1,
        1 + ((c * 7 + k) % 27)
      ) as number;
      rows.push([
        `C${String(c).padStart(3, "0")}`,
        serial,
        1000 + ((c * 37 + k * 11) % 9) * 120,
        `O${order++}`,
      ]);
    }
  }
  // two unreadable rows, skipped in lenient mode
  rows.push(["C001", "someday", 500, "O9998"]);
  rows.push(["C002", "2024/3/3", "", "O9999"]);
  return rows;
}
