/**
 * The customer-summary route gives what the ledger route gives: a summary made from a simulated ledger by the
 * product's own summary (ledgerCustomerSummary), written out as cells as a warehouse returns them (header, text or
 * serial dates, shuffled rows, blank rows), read back and fitted, equals the ledger's fit, LTV and customer list
 * to 1e-9; invariant under the period unit; and every malformed row is an error naming its row.
 */
import { isoFromSerial } from "../../src/core/input/date";
import { readLedger } from "../../src/core/ledger";
import { fitLedgerModel, newCustomerValue, type LedgerModel } from "../../src/core/ledger-value";
import { customerValueList, customerValueListOfSummary } from "../../src/core/customer-value";
import { clvSummary } from "../../src/core/models/clv-summary";
import { UNIT_DAYS, type PeriodUnit } from "../../src/core/periods";
import {
  clvSummaryOfCustomers,
  fitCustomerSummaryModel,
  ledgerCustomerSummary,
  detectSummaryColumns,
  readCustomerSummary,
  summaryCells,
  type CustomerSummaryTable,
} from "../../src/core/summary-route";
import { LtvError } from "../../src/core/errors";
import { ledgerValueDraws } from "../../src/core/ledger-interval";
import {
  bgNbdProcess,
  ledgerOf,
  paretoNbdProcess,
  simulateLedgerRows,
} from "../support/ledger-sim";

const MONTH: PeriodUnit = { days: UNIT_DAYS.month, name: "month" };
const WEEK: PeriodUnit = { days: UNIT_DAYS.week, name: "week" };
const SPEND = { p: 6, q: 4, v: 1500 };

const simulated = (process: ReturnType<typeof paretoNbdProcess>, customers: number, seed: number) =>
  ledgerOf(simulateLedgerRows({ process, customers, acquisitionDays: 730, windowDays: 730, seed }));

/** The table as cells: a header, dates as text in every other row, 6 or 5 columns. */
function cells(t: CustomerSummaryTable, columns: 5 | 6 = 6): unknown[][] {
  const out: unknown[][] = [
    ["顧客ID", "初回購入日", "最終購入日", "リピート回数", "平均リピート額", "初回購入額"].slice(
      0,
      columns
    ),
  ];
  for (let i = 0; i < t.customers.length; i++) {
    const text = i % 2 === 1;
    const date = (d: number) => (text ? isoFromSerial(d).replace(/-/g, "/") : d);
    const row: unknown[] = [
      t.customers[i],
      date(t.first[i]),
      date(t.last[i]),
      t.repeats[i],
      // SQL's AVG over no repeat purchase is NULL: a blank cell
      t.repeats[i] === 0 ? null : (t.avgRepeat as Float64Array)[i],
    ];
    if (columns === 6) row.push((t.firstAmount as Float64Array)[i]);
    out.push(row);
  }
  return out;
}

/** Rows shuffled (header kept first) with blank rows in between, by a fixed permutation. */
function shuffled(grid: unknown[][]): unknown[][] {
  const body = grid.slice(1);
  const order = body.map((_, i) => i).sort((a, b) => ((a * 7919) % 1009) - ((b * 7919) % 1009));
  const out: unknown[][] = [grid[0]];
  order.forEach((k, j) => {
    out.push(body[k]);
    if (j % 97 === 0) out.push(body[k].map(() => ""));
  });
  return out;
}

function close(a: number, b: number, tol = 1e-9): void {
  expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(a), Math.abs(b)));
}

function sameFit(a: LedgerModel, b: LedgerModel): void {
  expect(a.model.kind).toBe(b.model.kind);
  for (const [k, v] of Object.entries(a.model.params))
    close(v, (b.model.params as unknown as Record<string, number>)[k]);
  close(a.logLik, b.logLik);
  close(a.avgOrder as number, b.avgOrder as number);
  close(a.firstOrder as number, b.firstOrder as number);
  expect(a.customers).toBe(b.customers);
  expect(a.repeatBuyers).toBe(b.repeatBuyers);
  expect(a.calibrationEnd).toBe(b.calibrationEnd);
  expect(a.firstDate).toBe(b.firstDate);
}

describe("the summary route equals the ledger route on the same data", () => {
  const cases: Array<[string, ReturnType<typeof paretoNbdProcess>]> = [
    ["Pareto/NBD", paretoNbdProcess(0.8, 0.8 * 30, 1.2, 1.2 * 400, SPEND)],
    ["BG/NBD", bgNbdProcess(0.6, 0.6 * 25, 0.8, 4, SPEND)],
  ];
  it.each(cases)(
    "%s ledger: fit, LTV and customer list to 1e-9 (rows shuffled, header, text dates)",
    (_, process) => {
      const ledger = simulated(process, 1500, 11);
      const byLedger = fitLedgerModel(ledger);
      const table = readCustomerSummary(shuffled(cells(ledgerCustomerSummary(ledger))));
      expect(table.headerSkipped).toBe(true);
      const bySummary = fitCustomerSummaryModel(table);
      sameFit(bySummary, byLedger);
      for (const period of [MONTH, WEEK]) {
        const o = { period, horizon: 36 * (UNIT_DAYS.month / period.days), discountRate: 0.01 };
        const a = newCustomerValue(bySummary, o);
        const b = newCustomerValue(byLedger, o);
        close(a.ltvBeforeCosts, b.ltvBeforeCosts);
        close(a.frequency, b.frequency);
        close(a.periods, b.periods);
      }
      const listL = customerValueList(ledger, { period: MONTH, horizon: 12 });
      const listS = customerValueListOfSummary(table, { period: MONTH, horizon: 12 });
      expect(listS.rows.map((r) => r.customer)).toEqual(listL.rows.map((r) => r.customer));
      listS.rows.forEach((r, i) => {
        const l = listL.rows[i];
        close(r.pAlive, l.pAlive);
        close(r.purchases, l.purchases);
        close(r.revenue, l.revenue);
        close(r.pastRevenue, l.pastRevenue);
        expect(r.segment).toBe(l.segment);
        expect([r.firstOrder, r.lastOrder]).toEqual([l.firstOrder, l.lastOrder]);
      });
    }
  );

  it("an earlier calibration end: the summary of the orders up to it, fitted at it, equals the ledger fitted there", () => {
    const ledger = simulated(cases[0][1], 1200, 12);
    const end = 44927 + 500;
    const table = readCustomerSummary(cells(ledgerCustomerSummary(ledger, end)));
    // with as_of later than every last purchase (the day the SQL ran), the same end is given explicitly
    sameFit(
      fitCustomerSummaryModel(table, { calibrationEnd: end }),
      fitLedgerModel(ledger, { calibrationEnd: end })
    );
  });

  it("the models' (x, tₓ, T, m̄) equal CLV_SUMMARY's on the ledger, in any unit", () => {
    const ledger = simulated(cases[1][1], 400, 13);
    const table = readCustomerSummary(cells(ledgerCustomerSummary(ledger)));
    for (const unit of [WEEK, MONTH, { days: 1, name: "day" } as PeriodUnit]) {
      const a = clvSummaryOfCustomers(table, unit);
      const b = clvSummary(ledger, unit);
      expect(a.customers).toEqual(b.customers);
      expect(a.frequency).toEqual(b.frequency);
      expect(a.recency).toEqual(b.recency);
      expect(a.T).toEqual(b.T);
      expect(a.monetary).toEqual(b.monetary);
    }
  });

  it("without the first purchase amount: the same purchase fit and average order; the first purchase is the average order", () => {
    const ledger = simulated(cases[0][1], 1500, 14);
    const byLedger = fitLedgerModel(ledger);
    const m = fitCustomerSummaryModel(readCustomerSummary(cells(ledgerCustomerSummary(ledger), 5)));
    expect(m.model.params).toEqual(byLedger.model.params);
    close(m.avgOrder as number, byLedger.avgOrder as number);
    expect(m.firstOrder).toBe(m.avgOrder);
    // on this simulation first and repeat orders share one spend process, so the estimate is near the observed
    expect(Math.abs((m.firstOrder as number) / (byLedger.firstOrder as number) - 1)).toBeLessThan(
      0.1
    );
  });
});

describe("readCustomerSummary", () => {
  const code = (f: () => unknown): [string, number | undefined] => {
    try {
      f();
    } catch (e) {
      if (e instanceof LtvError) return [e.detail.code, e.detail.row];
      throw e;
    }
    throw new Error("no error");
  };
  const ok = ["A", 45296, 45352, 2, 450];

  it("reads serials, text dates (2024/1/5, 2024年1月5日), ¥ amounts and blank spend for one-time buyers", () => {
    const t = readCustomerSummary([
      ["A", "2024/1/5", "2024年3月1日", 2, "¥450"],
      ["B", 45300, 45300, 0, ""],
      ["", "", "", "", ""],
    ]);
    expect(t.customers).toEqual(["A", "B"]);
    expect(Array.from(t.first)).toEqual([45296, 45300]);
    expect(Array.from(t.last)).toEqual([45352, 45300]);
    expect(Array.from(t.avgRepeat as Float64Array)).toEqual([450, 0]);
    expect(t.firstAmount).toBeNull();
    expect(t.blankRows).toBe(1);
    expect(t.headerSkipped).toBe(false);
  });

  it("1904 date system: serials move by 1,462 days, text dates do not", () => {
    const t = readCustomerSummary([["A", 45296 - 1462, "2024/3/1", 2, 450]], { dateSystem: 1904 });
    expect(t.first[0]).toBe(45296);
    expect(t.last[0]).toBe(45352);
  });

  it("every bad row is an error naming the row", () => {
    expect(code(() => readCustomerSummary([["A", 1, 2]]))).toEqual(["summaryColumns", undefined]);
    expect(code(() => readCustomerSummary([ok, ["A", 45296, 45352, 1, 3]]))).toEqual([
      "duplicateCustomer",
      2,
    ]);
    expect(code(() => readCustomerSummary([["A", 45352, 45296, 1, 3]]))).toEqual([
      "summaryLastBeforeFirst",
      1,
    ]);
    expect(code(() => readCustomerSummary([["A", 45296, 45296, 1, 3]]))).toEqual([
      "summaryRepeatSameDay",
      1,
    ]);
    expect(code(() => readCustomerSummary([["A", 45296, 45300, 0, ""]]))).toEqual([
      "summaryNoRepeatSpan",
      1,
    ]);
    expect(code(() => readCustomerSummary([ok, ["B", "soon", 45352, 1, 3]]))).toEqual([
      "notADate",
      2,
    ]);
    expect(code(() => readCustomerSummary([["B", 45296, 45352, 1.5, 3]]))).toEqual([
      "wholeNumber",
      1,
    ]);
    expect(code(() => readCustomerSummary([["B", 45296, 45352, -1, 3]]))).toEqual([
      "mustBeAtLeast",
      1,
    ]);
    expect(code(() => readCustomerSummary([["B", 45296, 45352, 1, ""]]))).toEqual(["blankCell", 1]);
    expect(code(() => readCustomerSummary([["B", 45296, 45352, 1, "abc"]]))).toEqual([
      "notAnAmount",
      1,
    ]);
    expect(code(() => readCustomerSummary([["", 45296, 45352, 1, 3]]))).toEqual(["blankCell", 1]);
    expect(code(() => readCustomerSummary([["", "", "", "", ""]]))).toEqual([
      "noOrders",
      undefined,
    ]);
    const t = readCustomerSummary([ok, ["B", 45296, 45400, 1, 3]]);
    expect(code(() => clvSummaryOfCustomers(t, WEEK, 45360))).toEqual(["summaryAfterEnd", 2]);
  });

  it("a customer first seen after the calibration end is left out, as the ledger route leaves them out", () => {
    const t = readCustomerSummary([ok, ["B", 45400, 45400, 0, ""]]);
    expect(clvSummaryOfCustomers(t, WEEK, 45360).customers).toEqual(["A"]);
  });

  it("ids are folded as the ledger's (Ａ００１ and A001 are one customer)", () => {
    expect(
      code(() =>
        readCustomerSummary([
          ["Ａ００１", 45296, 45352, 1, 3],
          ["A001", 45296, 45352, 1, 3],
        ])
      )
    ).toEqual(["duplicateCustomer", 2]);
  });

  it("a ledger's summary: same-day purchases are one occasion", () => {
    const ledger = readLedger({
      customers: ["A", "A", "A"],
      dates: [35431, 35431, 35445],
      amounts: [10, 5, 20],
    });
    const t = ledgerCustomerSummary(ledger);
    expect([t.first[0], t.last[0], t.repeats[0], t.avgRepeat?.[0], t.firstAmount?.[0]]).toEqual([
      35431, 35445, 1, 20, 15,
    ]);
  });
});

describe("a summary as the warehouse or a sheet gives it", () => {
  it("a Japanese header, text and serial dates, whole-column trailing zeros: read, header and blanks counted", () => {
    const t = readCustomerSummary([
      [
        "顧客ID",
        "初回購入日",
        "最終購入日",
        "リピート購入回数",
        "リピート平均購入額",
        "初回購入額",
      ],
      ["A", "2024/1/5", "2024年3月1日", 2, "¥450", "1,200円"],
      ["B", 45300, 45300, 0, "", 500],
      ["C", "2024-01-07 10:00:00", "2024-02-01", "２", 300, 800],
      // a whole-column reference passes the empty cells below the data as 0
      [0, 0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0, 0],
    ]);
    expect(t.customers).toEqual(["A", "B", "C"]);
    expect(t.headerSkipped).toBe(true);
    expect(t.blankRows).toBe(2);
    expect(Array.from(t.first)).toEqual([45296, 45300, 45298]);
    expect(Array.from(t.repeats)).toEqual([2, 0, 2]);
    expect(Array.from(t.firstAmount as Float64Array)).toEqual([1200, 500, 800]);
  });

  it("a header row after the data is a bad row, named", () => {
    const ok = ["A", 45296, 45352, 2, 450];
    expect(() => readCustomerSummary([ok, ["id", "first", "last", "x", "m"]])).toThrow(LtvError);
  });

  it("detectSummaryColumns: the SQL's eleven columns by name, in any order", () => {
    const sql = [
      ["customer_id", "first_purchase", "last_purchase", "orders", "revenue", "average_order"],
      ["repeat_purchases", "avg_repeat_spend", "first_amount", "recency_weeks", "t_weeks"],
    ].flat();
    const rows = [sql, ["A", "2024-01-05", "2024-03-01", 3, 1650, 550, 2, 450, 750, 8, 10]];
    const d = detectSummaryColumns(rows)!;
    expect(d).toEqual({
      columns: {
        customer: 0,
        firstPurchase: 1,
        lastPurchase: 2,
        repeatPurchases: 6,
        averageRepeatSpend: 7,
        firstPurchaseAmount: 8,
      },
      hasHeader: true,
      how: "header",
    });
    const t = readCustomerSummary(summaryCells(rows, d.columns));
    expect([t.customers[0], t.repeats[0], t.avgRepeat?.[0], t.firstAmount?.[0]]).toEqual([
      "A",
      2,
      450,
      750,
    ]);
    // Japanese names, other columns between them
    const ja = detectSummaryColumns([
      ["", "", "", "", ""],
      ["顧客番号", "メモ", "初回購入日", "最終購入日", "リピート回数"],
    ])!;
    expect(ja.columns).toEqual({
      customer: 0,
      firstPurchase: 2,
      lastPurchase: 3,
      repeatPurchases: 4,
    });
  });

  it("detectSummaryColumns: a headerless range by its content; a ledger is not a summary", () => {
    const rows = [
      ["A", 45296, 45352, 2, 450, 1200],
      ["B", 45300, 45300, 0, "", 500],
      [0, 0, 0, 0, 0, 0],
    ];
    expect(detectSummaryColumns(rows)).toEqual({
      columns: {
        customer: 0,
        firstPurchase: 1,
        lastPurchase: 2,
        repeatPurchases: 3,
        averageRepeatSpend: 4,
        firstPurchaseAmount: 5,
      },
      hasHeader: false,
      how: "content",
    });
    // a ledger: customer, order date, ship date, quantity, amount — a later ship date with quantity 1
    const ledger = [
      ["顧客ID", "注文日", "出荷日", "数量", "金額"],
      ["A", "2024/1/5", "2024/1/7", 1, 1200],
    ];
    expect(detectSummaryColumns(ledger)).toBeNull();
    expect(detectSummaryColumns([["A", "2024/1/5", 1200, "O1"]])).toBeNull();
    expect(detectSummaryColumns([])).toBeNull();
  });

  it("detectSummaryColumns: every content rule refuses what a summary cannot be", () => {
    const no = (rows: unknown[][]) => expect(detectSummaryColumns(rows as never)).toBeNull();
    no([["A", 45296, 45352]]); // three columns
    no([["A", 45296, 45352, 1, 2, 3, 4]]); // seven
    no([[0, 0, 0, 0, 0]]); // only the zeros of a whole column
    no([["A", "soon", 45352, 1, 2]]); // no date
    no([["A", 45352, 45296, 1, 2]]); // last before first
    no([["A", 45296, 45352, -1, 2]]); // negative repeats
    no([["A", 45296, 45352, 1.5, 2]]); // not whole
    no([["A", 45296, 45296, 1, 2]]); // repeats on the first day
    no([["A", 45296, 45352, 1, "abc"]]); // no amount
    expect(detectSummaryColumns([["A", 45296, 45352, 1]])?.columns).toEqual({
      customer: 0,
      firstPurchase: 1,
      lastPurchase: 2,
      repeatPurchases: 3,
    });
  });

  it("summaryCells: a first amount without a spend column is not taken (it could not be told apart)", () => {
    const rows = [["A", 45296, 45352, 2, 900]];
    const cells = summaryCells(rows, {
      customer: 0,
      firstPurchase: 1,
      lastPurchase: 2,
      repeatPurchases: 3,
      firstPurchaseAmount: 4,
    });
    expect(cells).toEqual([["A", 45296, 45352, 2]]);
  });

  it("the LTV's interval from a summary without first amounts: the first purchase moves with the average order", () => {
    const ledger = simulated(paretoNbdProcess(0.8, 0.8 * 30, 1.2, 1.2 * 400, SPEND), 400, 14);
    const t = ledgerCustomerSummary(ledger);
    const fit = fitCustomerSummaryModel({ ...t, firstAmount: null });
    const draws = ledgerValueDraws(fit, { period: MONTH, horizon: 36 });
    expect(draws.count).toBeGreaterThan(0);
    for (let k = 0; k < draws.count; k++) expect(draws.firstOrder[k]).toBe(draws.avgOrder[k]);
  });

  it("every cell a row can hold wrongly is named, as the functions report it", () => {
    const codeOf = (rows: unknown): string | undefined => {
      try {
        readCustomerSummary(rows);
      } catch (e) {
        if (e instanceof LtvError) return e.detail.code;
        throw e;
      }
      return undefined;
    };
    const ok = ["A", 45296, 45352, 1, 3];
    expect(codeOf("A")).toBe("summaryColumns"); // a single cell
    expect(codeOf([ok, ["B", 45296]])).toBe("summaryColumns"); // a ragged row
    expect(codeOf([["A", { code: "#N/A" }, 45352, 1, 3]])).toBe("errorCell");
    expect(codeOf([["A", "", 45352, 1, 3]])).toBe("blankCell");
    expect(codeOf([[0, 45296, 45352, 1, 3]])).toBe("blankCell");
    expect(codeOf([[true, 45296, 45352, 1, 3]])).toBe("notAnId");
    expect(codeOf([["A", 45296, 45352, "", 3]])).toBe("blankCell");
    expect(codeOf([["A", 45296, 45352, "many", 3]])).toBe("notANumber");
    expect(codeOf([["A", 45296, 45352, 1, 3, "abc"]])).toBe("notAnAmount");
    expect(codeOf([["A", 45296, 45352, 1, 3, ""]])).toBe("blankCell");
    // four columns: no spend, no first amount; the models' summary then has no monetary value
    const four = readCustomerSummary([["A", 45296, 45352, 1]]);
    expect(four.avgRepeat).toBeNull();
    expect(clvSummaryOfCustomers(four, WEEK).monetary).toBeNull();
    expect(() => clvSummaryOfCustomers(four, WEEK, 45000)).toThrow(LtvError); // nobody by then
  });

  it("detectSummaryColumns: blank rows before the data and a headerless range of zeros", () => {
    expect(
      detectSummaryColumns([
        ["", "", "", ""],
        ["A", 45296, 45352, 1],
      ])?.how
    ).toBe("content");
    expect(
      detectSummaryColumns([
        ["A", 45296, 45352, 1, 3],
        [0, 0, 0, 0, 0],
      ])?.how
    ).toBe("content");
  });
});
