/**
 * The right-hand grid sections: the title rows, the sensitivity table (section 3) and the unit table the chain
 * looks period lengths up in.
 */
import { UNIT_DAYS } from "../../core/periods";
import { cell, columnLetter, range } from "../a1";
import type { PlanCell } from "../types";
import {
  COL,
  PLAN_UNITS,
  ROW,
  f,
  fill,
  named,
  stampTime,
  v,
  type Fragment,
  type PlanContext,
} from "./context";

/** A1:A3: title, how to read the sheet, where the numbers came from and when. */
export function titleSection(c: PlanContext): Fragment {
  const { L, ledger, now, lang } = c;
  const stamp = ledger
    ? fill(L.sourceStamp, {
        source: ledger.source,
        time: stampTime(now, lang),
        refresh: c.writer === "cli" ? L.refreshCli : L.refreshWizard,
      })
    : fill(L.manualStamp, { time: stampTime(now, lang) });
  return {
    blocks: [{ id: "title", address: "A1", cells: [[v(L.title)], [v(L.subtitle)], [v(stamp)]] }],
    styles: [
      { range: "A1", style: "title" },
      { range: "A2", style: "subtitle" },
      { range: "A3", style: "stamp" },
    ],
  };
}

/** The period units and their days (`Units_Table`), from the core's one period table. */
export function unitsSection(c: PlanContext): Fragment {
  const { L, F } = c;
  const table = range(
    COL.right,
    ROW.unitsFirst,
    COL.right + 1,
    ROW.unitsFirst + PLAN_UNITS.length - 1
  );
  return {
    blocks: [
      {
        id: "units",
        address: cell(COL.right, ROW.unitsSection),
        cells: [
          [v(L.unitsSection), null],
          [v(L.colUnit), v(L.unitsDays)],
          ...PLAN_UNITS.map((u) => [v(L.units[u]), v(UNIT_DAYS[u], F.days)]),
        ],
      },
    ],
    styles: [
      { range: cell(COL.right, ROW.unitsSection), style: "section" },
      {
        range: range(COL.right, ROW.unitsHeader, COL.right + 1, ROW.unitsHeader),
        style: "header",
      },
      { range: table, style: "calc" },
    ],
    names: [named(c, "Units_Table", table, "period units and their length in days")],
  };
}

/** The changes the sensitivity table applies to avg order (rows) and frequency (columns). */
export const SENSITIVITY_STEPS: readonly number[] = [-0.2, -0.1, 0, 0.1, 0.2];

/** Section 3: the LTV for avg order and frequency each −20 % … +20 %, colour-scaled; its centre is the LTV. */
export function sensitivitySection(c: PlanContext): Fragment {
  const { L, F } = c;
  const steps = SENSITIVITY_STEPS;
  const first = ROW.sensHeader + 1;
  const grid = range(COL.right + 1, first, COL.right + steps.length, first + steps.length - 1);
  const rows: (PlanCell | null)[][] = [
    [v(L.sensitivitySection), null, null, null, null, null],
    [v(L.sensitivityCaption), null, null, null, null, null],
    [v(L.sensitivityCorner), ...steps.map((s) => v(s, F.change))],
  ];
  steps.forEach((s, i) => {
    const rowHead = `$${columnLetter(COL.right)}${first + i}`;
    rows.push([
      v(s, F.change),
      ...steps.map((_, j) => {
        const colHead = `${columnLetter(COL.right + 1 + j)}$${ROW.sensHeader}`;
        return f(
          // the ledger route's first purchase is not an average order: it stays as it is
          `=${c.value ? "Input_GrossMargin*Input_FirstOrder+" : ""}Input_GrossMargin*Input_AvgOrder*(1+${rowHead})*Input_Frequency*(1+${colHead})*Calc_AnnuityFactor-Input_AcquisitionCost-Calc_RetentionTotal`,
          F.money
        );
      }),
    ]);
  });
  return {
    blocks: [{ id: "sensitivity", address: cell(COL.right, ROW.sensSection), cells: rows }],
    styles: [
      { range: cell(COL.right, ROW.sensSection), style: "section" },
      { range: cell(COL.right, ROW.sensCaption), style: "caption" },
      {
        range: range(COL.right, ROW.sensHeader, COL.right + steps.length, ROW.sensHeader),
        style: "header",
      },
      {
        range: range(COL.right, first, COL.right, first + steps.length - 1),
        style: "header",
      },
      { range: grid, style: "calc" },
    ],
    conditionalFormats: [
      {
        kind: "colorScale",
        range: grid,
        minColor: "#F8696B",
        midColor: "#FFEB84",
        maxColor: "#63BE7B",
      },
    ],
    anchors: { sensitivity: cell(COL.right + 3, first + 2) },
  };
}
