/**
 * The ledger route's model on the sheet (sections 6–8): the fitted parameters the inputs' formulas read, the
 * new customer's expected life period by period (whose sums are the chain's periods), and the check that the
 * model tracks the ledger (cumulative revenue per acquired customer, observed beside expected, with a chart).
 * Without a fitted model they contribute nothing.
 *
 * The table is live in the inputs it depends on: the discount rate (its factors are formulas), the horizon (a
 * period beyond it counts nothing) and, for the Pareto/NBD and the NBD, the parameters themselves (the expected
 * active time is the closed form over the parameter cells). The BG/NBD's and the sBG's per-period expectations
 * have no closed form in native functions: the add-in computes them when the sheet is written.
 */
import { cell, columnLetter, range } from "../a1";
import type { PlanCell, StyleRange } from "../types";
import { COL, f, named, v, type Fragment, type PlanContext } from "./context";
import { noteStyle, titleStyles } from "./labelled";
import { MODEL_NAMES, TABLE_NAMES, firstRowOf, leftSectionsOf, modelParamName } from "./rows";

/** The models' names in the value cell (the explanation beside it says what each assumes). */
const MODEL_SHORT: Record<"pnbd" | "bgnbd" | "nbd" | "sbg", string> = {
  pnbd: "Pareto/NBD",
  bgnbd: "BG/NBD",
  nbd: "NBD",
  sbg: "sBG",
};

/** Section 6: the model and its fitted parameters, one named value cell each. */
export function modelSection(c: PlanContext): Fragment {
  const { L } = c;
  const value = c.value;
  if (!value) return {};
  const section = leftSectionsOf(c).model;
  const labels = L.modelParams[value.model];
  const rows: { label: string; cell: PlanCell; explain: string; name?: string }[] = [
    {
      label: L.modelLabel,
      cell: v(MODEL_SHORT[value.model]),
      // one sentence after another, in the sheet's language's punctuation
      explain: `${L.modelNames[value.model]}${c.lang === "ja" ? "。" : ". "}${L.modelCaption}`,
    },
    ...value.params.map((p) => ({
      label: labels[p.name]?.[0] ?? p.name,
      cell: v(p.value, "0.000000"),
      explain: labels[p.name]?.[1] ?? "",
      name: modelParamName(p.name),
    })),
    {
      label: L.modelUnitDays[0],
      cell: v(value.unitDays, c.F.days),
      explain: L.modelUnitDays[1],
      name: MODEL_NAMES.unitDays,
    },
    ...(value.spend
      ? (["p", "q", "v"] as const).map((k) => ({
          label: L.spendParams[k][0],
          cell: v((value.spend as Record<string, number>)[k], "0.000000"),
          explain: L.spendParams[k][1],
          name: MODEL_NAMES[k],
        }))
      : []),
  ];
  const first = firstRowOf(section);
  const at = (i: number) => cell(COL.value, first + i);
  return {
    blocks: [
      {
        id: "model",
        address: cell(COL.label, section),
        cells: [
          [v(L.modelSection), null, null, null],
          [v(L.modelHeaders[0]), v(L.modelHeaders[1]), v(L.colUnit), v(L.modelHeaders[2])],
          ...rows.map((r) => [v(r.label), r.cell, null, v(r.explain)]),
        ],
      },
    ],
    styles: [
      ...titleStyles(section),
      noteStyle(section, rows.length),
      { range: range(COL.value, first, COL.value, first + rows.length - 1), style: "calc" },
    ],
    names: rows.flatMap((r, i) => (r.name ? [named(c, r.name, at(i), r.label)] : [])),
  };
}

/**
 * The expected active time of period k for the Pareto/NBD, over the parameter cells: ∫ (β/(β+u))^s du from the
 * period's start to its end (in model time units), back in periods; β·ln(…) at s = 1.
 */
function paretoActiveTime(from: string, to: string): string {
  const s = modelParamName("s");
  const b = modelParamName("beta");
  const w = "Calc_ModelUnitsPerPeriod";
  const t0 = `(${b}+${from}*${w})`;
  const t1 = `(${b}+${to}*${w})`;
  return `IF(ABS(${s}-1)<0.000000001,${b}*LN(${t1}/${t0}),${b}/(${s}-1)*((${b}/${t0})^(${s}-1)-(${b}/${t1})^(${s}-1)))/${w}`;
}

/** A number as formula text without an exponent (1e-7 is not read by every engine inside a formula). */
function plainNumber(x: number): string {
  const text = String(x);
  return /e/i.test(text) ? x.toFixed(20).replace(/0+$/, "").replace(/\.$/, "") : text;
}

/** Section 7: a new customer period by period; its sums are the chain's periods and discounted periods. */
export function tableSection(c: PlanContext): Fragment {
  const { L, F } = c;
  const value = c.value;
  if (!value) return {};
  const top = c.layout.tableSection;
  const header = top + 2;
  const first = header + 1;
  const last = first + value.table.length - 1;
  const col = (k: number) => columnLetter(COL.right + k);
  const rows: (PlanCell | null)[][] = value.table.map((p, i) => {
    const r = first + i;
    const from = `${col(1)}${r}`;
    const to = `${col(2)}${r}`;
    const beyond = `${from}>=Calc_HorizonPeriods`;
    let purchases: PlanCell;
    let active: PlanCell;
    if (value.model === "pnbd" || value.model === "nbd") {
      const time = value.model === "pnbd" ? paretoActiveTime(from, to) : `MAX(0,${to}-${from})`;
      active = f(`=IF(${beyond},0,${time})`, F.fine);
      purchases = f(`=Input_Frequency*${col(4)}${r}`, F.fine);
    } else {
      purchases = f(`=IF(${beyond},0,${plainNumber(p.purchases)})`, F.fine);
      active = f(`=IF(Input_Frequency>0,${col(3)}${r}/Input_Frequency,0)`, F.fine);
    }
    // repeat purchases fall on average in the middle of their period; a contract's renewals at their own time
    const time = value.business === "contract" ? plainNumber(p.time) : `(${from}+${to})/2`;
    return [
      v(i + 1, F.count),
      v(i, F.number),
      f(`=MIN(${i + 1},Calc_HorizonPeriods)`, F.number),
      purchases,
      active,
      f(`=(1+Input_DiscountRate)^(-${time})`, F.fine),
    ];
  });
  const blank = [null, null, null, null, null] as const;
  const styles: StyleRange[] = [
    { range: cell(COL.right, top), style: "section" },
    { range: cell(COL.right, top + 1), style: "caption" },
    { range: range(COL.right, header, COL.right + 5, header), style: "header" },
    { range: range(COL.right + 1, first, COL.right + 5, last), style: "calc" },
  ];
  return {
    blocks: [
      {
        id: "valueTable",
        address: cell(COL.right, top),
        cells: [
          [v(L.tableSection), ...blank],
          [v(L.tableCaption), ...blank],
          L.tableHeaders.map((h) => v(h)),
          ...rows,
        ],
        kind: "data",
      },
    ],
    styles,
    names: [
      named(
        c,
        TABLE_NAMES.active,
        range(COL.right + 4, first, COL.right + 4, last),
        L.tableHeaders[4]
      ),
      named(
        c,
        TABLE_NAMES.discount,
        range(COL.right + 5, first, COL.right + 5, last),
        L.tableHeaders[5]
      ),
    ],
  };
}

/** Section 8: cumulative revenue per acquired customer, observed and expected, and its chart. */
export function curveSection(c: PlanContext): Fragment {
  const { L, F } = c;
  const value = c.value;
  if (!value || value.curve.length === 0) return {};
  const top = c.layout.curveSection;
  const header = top + 2;
  const first = header + 1;
  const last = first + value.curve.length - 1;
  const blank = [null, null, null] as const;
  const chartTop = last + 2;
  return {
    blocks: [
      {
        id: "valueCurve",
        address: cell(COL.right, top),
        cells: [
          [v(L.curveSection), ...blank],
          [v(L.curveCaption), ...blank],
          L.curveHeaders.map((h) => v(h)),
          ...value.curve.map((p) => [
            v(p.period, F.count),
            v(p.customers, F.count),
            v(p.observed, F.money),
            v(p.expected, F.money),
          ]),
        ],
        kind: "data",
      },
    ],
    styles: [
      ...titleStylesRight(top, header, 4),
      { range: range(COL.right + 1, first, COL.right + 3, last), style: "calc" },
    ],
    charts: [
      {
        id: "valueCurve",
        kind: "line",
        title: L.curveChart,
        categories: range(COL.right, first, COL.right, last),
        series: [
          { name: L.curveHeaders[2], values: range(COL.right + 2, first, COL.right + 2, last) },
          { name: L.curveHeaders[3], values: range(COL.right + 3, first, COL.right + 3, last) },
        ],
        from: cell(COL.right, chartTop),
        to: cell(COL.right + 7, chartTop + 16),
        xAxisTitle: L.curveHeaders[0],
        valueFormat: F.money,
      },
    ],
  };
}

function titleStylesRight(top: number, header: number, width: number): StyleRange[] {
  return [
    { range: cell(COL.right, top), style: "section" },
    { range: cell(COL.right, top + 1), style: "caption" },
    { range: range(COL.right, header, COL.right + width - 1, header), style: "header" },
  ];
}
