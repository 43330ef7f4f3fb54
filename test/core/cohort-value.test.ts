/**
 * Cumulative cohort values against a slow reference written here (plain objects, calendar dates through
 * `dateFromSerial`, "has period k ended?" answered by walking to the period's last day), on random ledgers in
 * calendar and elapsed units, with and without groups and margins; the payback period at its boundaries.
 */
import fc from "fast-check";
import {
  cohortValueTable,
  paybackPeriod,
  paybackSummary,
  readGroups,
} from "../../src/core/cohort-value";
import { cohortTable } from "../../src/core/cohorts";
import { dateFromSerial, serialFromDate } from "../../src/core/input/date";
import { readLedger } from "../../src/core/ledger";
import { namedUnit, type PeriodUnit } from "../../src/core/periods";

interface Row {
  c: string;
  d: number;
  a: number;
  g: string;
}

const MONTHS: Record<string, number> = { month: 1, quarter: 3, year: 12 };

/** The slow reference: one pass per (row of the table, period), everything recomputed from the rows. */
function reference(rows: Row[], unit: PeriodUnit, margin: number, grouped: boolean) {
  const calendar = unit.name !== undefined && unit.name in MONTHS;
  const end = Math.max(...rows.map((r) => r.d));
  const minDate = Math.min(...rows.map((r) => r.d));
  const calPeriod = (d: number) => {
    const { year, month } = dateFromSerial(d);
    return Math.floor((year * 12 + month - 1) / MONTHS[unit.name as string]);
  };
  const lastDayOfCal = (p: number) => {
    const m = (p + 1) * MONTHS[unit.name as string];
    return (serialFromDate(Math.floor(m / 12), (m % 12) + 1, 1) as number) - 1;
  };
  // customers: first date, group of the first purchase (smallest in group order on a tie)
  const ids = [...new Set(rows.map((r) => r.c))];
  const groupOrder = (a: string, b: string) => {
    const num = /^[+-]?\d+(\.\d+)?$/;
    if (num.test(a) && num.test(b) && Number(a) !== Number(b)) return Number(a) - Number(b);
    return a < b ? -1 : a > b ? 1 : 0;
  };
  const info = ids.map((id) => {
    const own = rows.filter((r) => r.c === id);
    const first = Math.min(...own.map((r) => r.d));
    const groups = own.filter((r) => r.d === first).map((r) => r.g);
    groups.sort(groupOrder);
    return { id, first, group: grouped ? groups[0] : null, own };
  });
  const cohortOf = (first: number) =>
    calendar ? calPeriod(first) : Math.floor((first - minDate) / (unit.days as number));
  const kOf = (first: number, d: number) =>
    calendar ? calPeriod(d) - calPeriod(first) : Math.floor((d - first) / (unit.days as number));
  /** has period k of a customer starting on `first` ended by `end`? */
  const ended = (first: number, k: number) =>
    calendar
      ? lastDayOfCal(calPeriod(first) + k) <= end
      : first + (k + 1) * (unit.days as number) - 1 <= end;
  const keys = new Map<string, { group: string | null; cohort: number; members: typeof info }>();
  for (const x of info) {
    const key = `${x.group}|${cohortOf(x.first)}`;
    const e = keys.get(key) ?? { group: x.group, cohort: cohortOf(x.first), members: [] };
    e.members.push(x);
    keys.set(key, e);
  }
  const out = [...keys.values()];
  out.sort((a, b) =>
    a.group !== b.group ? groupOrder(a.group as string, b.group as string) : a.cohort - b.cohort
  );
  return out.map((e) => {
    const values: (number | null)[] = [];
    for (let k = 0; e.members.every((m) => ended(m.first, k)); k++) {
      let sum = 0;
      for (const m of e.members) for (const r of m.own) if (kOf(m.first, r.d) <= k) sum += r.a;
      values.push((margin * sum) / e.members.length);
    }
    return { group: e.group, cohort: e.cohort, customers: e.members.length, values };
  });
}

const rowsArb = fc.array(
  fc.record({
    c: fc.constantFrom("A", "B", "C", "D", "E", "F", "G", "顧客H"),
    d: fc.integer({ min: 45000, max: 45400 }),
    a: fc.oneof(fc.integer({ min: -50, max: 500 }), fc.double({ min: 0.5, max: 900, noNaN: true })),
    g: fc.constantFrom("web", "store", "10", "9", ""),
  }),
  { minLength: 1, maxLength: 40 }
);

const UNITS: PeriodUnit[] = [
  namedUnit("month"),
  namedUnit("quarter"),
  namedUnit("week"),
  { days: 10 },
  namedUnit("year"),
];

function ledgerOf(rows: Row[]) {
  return readLedger({
    customers: rows.map((r) => r.c),
    dates: rows.map((r) => r.d),
    amounts: rows.map((r) => r.a),
  });
}

function expectRowsClose(actual: (number | null)[], expected: (number | null)[]) {
  expect(actual.length).toBe(expected.length);
  actual.forEach((x, k) => {
    if (expected[k] === null) expect(x).toBeNull();
    else
      expect(Math.abs((x as number) - (expected[k] as number))).toBeLessThanOrEqual(
        1e-9 * Math.max(1, Math.abs(expected[k] as number))
      );
  });
}

describe("cumulative value per acquired customer equals the slow reference", () => {
  it.each(UNITS.map((u) => [u.name ?? `${u.days} days`, u] as const))(
    "%s, by cohort and by group",
    (_name, unit) => {
      fc.assert(
        fc.property(
          rowsArb,
          fc.constantFrom(1, 0.4),
          fc.boolean(),
          (rows: Row[], margin: number, grouped: boolean) => {
            const ledger = ledgerOf(rows);
            const t = cohortValueTable(ledger, unit, {
              grossMargin: margin,
              groupOf: grouped
                ? readGroups(
                    ledger,
                    rows.map((r) => r.g),
                    rows.length
                  )
                : undefined,
            });
            const ref = reference(rows, unit, margin, grouped);
            // without groups the table keeps empty cohorts between the first and the last (null values)
            const shown = t.rows.filter((r) => r.customers > 0);
            expect(shown.length).toBe(ref.length);
            shown.forEach((r, i) => {
              expect(r.group).toBe(ref[i].group);
              expect(r.customers).toBe(ref[i].customers);
              expect(r.observedPeriods).toBe(ref[i].values.length);
              const padded = [
                ...ref[i].values,
                ...new Array<null>(t.periods - ref[i].values.length).fill(null),
              ];
              expectRowsClose(r.values, padded);
            });
            expect(
              t.rows
                .filter((r) => r.customers === 0)
                .every((r) => r.values.every((v) => v === null))
            ).toBe(true);
          }
        ),
        { seed: 14, numRuns: 60 }
      );
    }
  );

  it("without groups, the rows, labels and observation of the cohort table", () => {
    const rows: Row[] = [
      { c: "A", d: serialFromDate(2024, 1, 5) as number, a: 1000, g: "" },
      { c: "A", d: serialFromDate(2024, 2, 10) as number, a: 500, g: "" },
      { c: "B", d: serialFromDate(2024, 1, 20) as number, a: 800, g: "" },
      { c: "C", d: serialFromDate(2024, 3, 31) as number, a: 300, g: "" },
    ];
    const ledger = ledgerOf(rows);
    const t = cohortValueTable(ledger, namedUnit("month"));
    const c = cohortTable(ledger, namedUnit("month"), "revenue");
    expect(t.rows.map((r) => r.label)).toEqual(c.cohorts.map((r) => r.label));
    expect(t.rows.map((r) => r.label)).toEqual(["2024-01", "2024-02", "2024-03"]);
    expect(t.rows[0].values).toEqual([900, 1150, 1150]);
    expect(t.rows[1].values).toEqual([null, null, null]); // nobody started in February
    expect(t.rows[2].values).toEqual([300, null, null]);
    expect(
      cohortValueTable(ledger, namedUnit("month"), { grossMargin: 0.4 }).rows[0].values
    ).toEqual([360, 460, 460]);
    expect(t.grouped).toBe(false);
    expect(t.calendar).toBe(true);
  });

  it("with one group for everyone, the same values as without groups (empty cohorts dropped)", () => {
    fc.assert(
      fc.property(rowsArb, (rows: Row[]) => {
        const ledger = ledgerOf(rows);
        const plain = cohortValueTable(ledger, namedUnit("month")).rows.filter(
          (r) => r.customers > 0
        );
        const one = cohortValueTable(ledger, namedUnit("month"), {
          groupOf: rows.map(() => "all"),
        }).rows;
        expect(one.map((r) => r.label)).toEqual(plain.map((r) => r.label));
        one.forEach((r, i) =>
          expect(r.values.slice(0, plain[i].observedPeriods)).toEqual(
            plain[i].values.slice(0, plain[i].observedPeriods)
          )
        );
      }),
      { seed: 3, numRuns: 40 }
    );
  });

  it("the same table whatever the order of the rows", () => {
    fc.assert(
      fc.property(rowsArb, fc.boolean(), (rows: Row[], grouped: boolean) => {
        const t = (rs: Row[]) => {
          const ledger = ledgerOf(rs);
          return cohortValueTable(ledger, namedUnit("week"), {
            groupOf: grouped
              ? readGroups(
                  ledger,
                  rs.map((r) => r.g),
                  rs.length
                )
              : undefined,
          }).rows;
        };
        const a = t(rows);
        const b = t([...rows].reverse());
        expect(b.length).toBe(a.length);
        b.forEach((r, i) => {
          expect(r.group).toBe(a[i].group);
          expect(r.label).toBe(a[i].label);
          expectRowsClose(r.values, a[i].values);
        });
      }),
      { seed: 5, numRuns: 40 }
    );
  });
});

describe("errors and limits", () => {
  const rows: Row[] = [
    { c: "A", d: 45000, a: 10, g: "x" },
    { c: "B", d: 45100, a: 20, g: "y" },
  ];
  it("amounts, the margin and the period", () => {
    const noAmounts = readLedger({ customers: ["A"], dates: [45000] });
    expect(() => cohortValueTable(noAmounts, namedUnit("month"))).toThrow(/requiredFor/);
    expect(() =>
      cohortValueTable(ledgerOf(rows), namedUnit("month"), { grossMargin: 1.5 })
    ).toThrow(/mustBeAtMost/);
    expect(() => cohortValueTable(ledgerOf(rows), { days: 0.5 }, { groupOf: ["x", "y"] })).toThrow(
      /periodBelowDay/
    );
  });

  it("a grouped table wider than a sheet, or with too many cells, is refused before it is built", () => {
    const wide = ledgerOf([
      { c: "A", d: 1, a: 10, g: "x" },
      { c: "B", d: 40000, a: 20, g: "y" },
    ]);
    expect(() => cohortValueTable(wide, namedUnit("day"), { groupOf: ["x", "y"] })).toThrow(
      /tooManyPeriodsSpan/
    );
    // 1,500 customers starting on 1,500 days, each its own group: 1,501 rows × 1,503 columns
    const many: Row[] = Array.from({ length: 1500 }, (_, i) => ({
      c: `C${i}`,
      d: 45000 + i,
      a: 1,
      g: `g${i}`,
    }));
    many.push({ c: "C0", d: 45000 + 1500, a: 1, g: "g0" });
    const ledger = ledgerOf(many);
    expect(() =>
      cohortValueTable(ledger, namedUnit("day"), {
        groupOf: readGroups(
          ledger,
          many.map((r) => r.g),
          many.length
        ),
      })
    ).toThrow(/tableTooLarge/);
  });

  it("readGroups: same length, error cells named by row, numbers, booleans and blanks", () => {
    const ledger = readLedger({
      customers: ["id", "A", "", "B", "C"],
      dates: ["date", 45000, "", 45001, 45002],
    });
    expect(readGroups(ledger, ["channel", " ｗｅｂ ", "ignored", 12, true], 5)).toEqual([
      "web",
      "12",
      "TRUE",
    ]);
    expect(readGroups(ledger, ["channel", NaN, "", 1.5, "x"], 5)).toEqual(["NaN", "1.5", "x"]);
    expect(readGroups(ledger, [["channel"], [null], [""], [false], [" "]], 5)).toEqual([
      "",
      "FALSE",
      "",
    ]);
    expect(() => readGroups(ledger, ["a", "b"], 5)).toThrow(/sizeMismatch/);
    const err = { type: "Error", value: "#N/A" };
    let caught: unknown;
    try {
      readGroups(ledger, ["channel", "web", "", err, "x"], 5);
    } catch (e) {
      caught = e;
    }
    expect((caught as { detail: { code: string; row: number } }).detail).toMatchObject({
      code: "errorCell",
      row: 4,
    });
  });
});

describe("payback period", () => {
  it("the first period at which the cumulative value reaches the cost, reached exactly included", () => {
    const v = [900, 1150, 1150, 1300];
    expect(paybackPeriod(v, 1000)).toBe(1);
    expect(paybackPeriod(v, 1150)).toBe(1); // exactly reached
    expect(paybackPeriod(v, 1150.000001)).toBe(3);
    expect(paybackPeriod(v, 900)).toBe(0);
    expect(paybackPeriod(v, 0)).toBe(0);
    expect(paybackPeriod(v, 1300.01)).toBeNull(); // never reached
    expect(paybackPeriod([], 10)).toBeNull();
    expect(paybackPeriod([null, 50, null, 120], 100)).toBe(3);
    expect(paybackPeriod([-20, 5], 0)).toBe(1); // returns first
    expect(paybackPeriod([10, 20], 15, 1)).toBe(2); // values counted from period 1
  });
  it("refuses a negative or non-finite cost", () => {
    expect(() => paybackPeriod([1], -1)).toThrow(/mustBeAtLeast/);
    expect(() => paybackPeriod([1], NaN)).toThrow(/notANumber/);
  });
});

describe("paybackSummary", () => {
  const row = (values: (number | null)[], customers = 1) => ({
    group: null,
    label: "x",
    start: 0,
    customers,
    observedPeriods: values.length,
    values,
  });
  const table = (rows: ReturnType<typeof row>[]) => ({
    unit: namedUnit("month"),
    calendar: true,
    grouped: false,
    periods: 3,
    rows,
  });

  it("the module's example: paybacks 1 and 2, median 1.5; cost 0 pays back in period 0", () => {
    const t = table([row([100, 600, null]), row([300, 450, 700])]);
    expect(paybackSummary(t, 500)).toEqual({ cohorts: 2, paid: 2, median: 1.5, periods: [1, 2] });
    expect(paybackSummary(t, 0)).toMatchObject({ paid: 2, median: 0 });
  });

  it("reached exactly counts; never reached and empty cohorts are left out of the median", () => {
    const t = table([row([100, 600, null]), row([300, 450, 700]), row([null, null, null], 0)]);
    expect(paybackSummary(t, 600)).toEqual({
      cohorts: 2,
      paid: 2,
      median: 1.5,
      periods: [1, 2, null],
    });
    expect(paybackSummary(t, 650)).toEqual({
      cohorts: 2,
      paid: 1,
      median: 2,
      periods: [null, 2, null],
    });
    expect(paybackSummary(t, 701)).toEqual({
      cohorts: 2,
      paid: 0,
      median: null,
      periods: [null, null, null],
    });
    expect(() => paybackSummary(t, -1)).toThrow();
  });
});
