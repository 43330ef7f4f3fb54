/**
 * "Make portable": rewrite the formulas of a sheet so it works where the add-in is not installed.
 *
 * A workbook that calls `=LTV(…)` shows `#NAME?` on a colleague's computer without the add-in. This module
 * decides, formula by formula, what to write instead — pure, with no Office dependency, so the task pane
 * (`src/taskpane/portable/`) and tests share it:
 * - LTV, RETENTION_PERIODS, LTV_CAC, MAX_CAC, CAC_PAYBACK and LTV_CHURN become the equivalent native Excel
 *   formula, the argument expressions kept as written and omitted arguments defaulted exactly as the core does
 *   (see {@link nativeCall}); the result stays live when its inputs change.
 * - Any other call of this add-in (AVG_ORDER, FREQ, CUSTOMER_SUMMARY, the model functions …), and any formula
 *   whose call cannot be rewritten (a wrong number of arguments), is replaced by the cell's current value.
 * - Formulas that do not call the add-in are left untouched.
 *
 * Calls are found with a real tokenizer (`formula-tokens.ts`): text in strings, sheet names and defined names
 * that merely look like `LTV(` are never touched; a namespace prefix (`ACME.LTV`) is recognised.
 *
 * What the native formulas do not repeat: the core's reading of text cells (`¥5,000`, full-width digits, `４０％`
 * are numbers to the add-in, text or errors to Excel's arithmetic), and its range checks (a negative avg_order
 * is #VALUE! from LTV and a plain number from the native formula). Division by zero gives #DIV/0! where the
 * core gives #VALUE!/#N/A. docs/sharing.md lists these.
 */
import { UNIT_DAYS, UNIT_WORDS, parsePeriodUnit } from "../core/periods";
import {
  FormulaSyntaxError,
  isAtomic,
  parseFormula,
  renderNodes,
  trimNodes,
  type CallNode,
  type FormulaNode,
} from "./formula-tokens";

/** The add-in's functions that have a native equivalent. */
export const NATIVE_REWRITES = [
  "LTV",
  "RETENTION_PERIODS",
  "LTV_CAC",
  "MAX_CAC",
  "CAC_PAYBACK",
  "LTV_CHURN",
] as const;

/**
 * Every function id the add-in registers (`@customfunction` in `src/functions/*.ts`). Calls of these without a native rewrite are replaced by their current value.
 */
export const ADDIN_FUNCTIONS: readonly string[] = [
  ...NATIVE_REWRITES,
  "AVG_ORDER",
  "FREQ",
  "LEDGER_LTV",
  "LEDGER_LTV_SUMMARY",
  "BGNBD_EXPECTED_NEW",
  "PNBD_EXPECTED_NEW",
  "CUSTOMER_SUMMARY",
  "RETENTION_CURVE",
  "COHORT_TABLE",
  "CHURN_RATE",
  "BGNBD_FIT",
  "BGNBD_EXPECTED",
  "BGNBD_PALIVE",
  "PNBD_FIT",
  "PNBD_EXPECTED",
  "PNBD_PALIVE",
  "GG_FIT",
  "GG_SPEND",
  "SBG_FIT",
  "SBG_RETENTION",
  "SBG_SURVIVAL",
  "SBG_DERL",
  "CLV_PREDICT",
  "CLV_SUMMARY",
  "CLV_SUMMARY_FROM",
  "CUSTOMER_VALUE",
  "CUSTOMER_VALUE_SUMMARY",
  "PAYBACK_PERIOD",
];

export interface PortableOptions {
  /** the add-in's custom-function namespace (`ACME` for `=ACME.LTV(…)`); without it, any `X.` prefix is accepted */
  namespace?: string;
  /** the function ids of the add-in (default {@link ADDIN_FUNCTIONS}) */
  functions?: readonly string[];
}

/** What to do with one formula. */
export type PortableResult =
  /** the formula calls none of the add-in's functions (or is no formula) */
  | { kind: "unchanged" }
  /** write this native formula (with its leading "=") */
  | { kind: "native"; formula: string }
  /** write the cell's current value instead of the formula */
  | {
      kind: "value";
      reason: "noNativeEquivalent" | "cannotRewrite" | "unparsable";
      functions: string[];
    };

/**
 * The add-in function a call name refers to, or undefined. Case-insensitive; accepts `LTV`, `ACME.LTV`
 * (namespace), and the file-format spelling `_xldudf_LTV`.
 * Example: `addinFunctionOf("acme.ltv", { namespace: "ACME" })` → "LTV"; `addinFunctionOf("SUM")` → undefined. O(1).
 */
export function addinFunctionOf(name: string, options: PortableOptions = {}): string | undefined {
  let n = name.toUpperCase();
  if (n.startsWith("_XLDUDF_")) n = n.slice(8);
  if (n.startsWith("_XLFN.") || n.startsWith("_XLWS.")) return undefined;
  const ns = options.namespace?.toUpperCase();
  if (ns) {
    if (n.startsWith(ns + ".") || n.startsWith(ns + "_")) n = n.slice(ns.length + 1);
  } else if (n.includes(".")) n = n.slice(n.lastIndexOf(".") + 1);
  const known = options.functions ?? ADDIN_FUNCTIONS;
  return known.includes(n) ? n : undefined;
}

/**
 * Rewrites one formula (see the module comment). Not a formula (no leading "=") → unchanged.
 *
 * Example: `makePortable("=LTV(B2,B3,B4,B5)")` → `{ kind: "native", formula: "=B2*B3*B4-B5" }`;
 * `makePortable("=AVG_ORDER(C:C)*2")` → `{ kind: "value", … }`. O(length of the formula).
 */
export function makePortable(formula: string, options: PortableOptions = {}): PortableResult {
  if (typeof formula !== "string" || !formula.startsWith("=")) return { kind: "unchanged" };
  let nodes: FormulaNode[];
  try {
    nodes = parseFormula(formula);
  } catch (e) {
    if (!(e instanceof FormulaSyntaxError)) throw e;
    // a formula we cannot read: if it seems to call the add-in, keep its value; otherwise leave it be
    const names = [...formula.matchAll(/([A-Za-z_][\w.]*)\s*\(/g)]
      .map((m) => addinFunctionOf(m[1], options))
      .filter((x): x is string => !!x);
    return names.length
      ? { kind: "value", reason: "unparsable", functions: [...new Set(names)] }
      : { kind: "unchanged" };
  }
  const found = new Set<string>();
  const blocked = new Set<string>();
  let reason: "noNativeEquivalent" | "cannotRewrite" = "noNativeEquivalent";
  const rewrite = (list: FormulaNode[], topLevel: boolean): FormulaNode[] =>
    list.map((node) => {
      if (node.kind === "token") return node;
      const args = node.args.map((a) => rewrite(a, false));
      const ours = addinFunctionOf(node.name, options);
      if (!ours) return { ...node, args };
      found.add(ours);
      const native = (NATIVE_REWRITES as readonly string[]).includes(ours)
        ? nativeCall(ours, args)
        : undefined;
      if (native === undefined) {
        blocked.add(ours);
        if ((NATIVE_REWRITES as readonly string[]).includes(ours)) reason = "cannotRewrite";
        return { ...node, args };
      }
      const text =
        topLevel && list.filter((n) => !(n.kind === "token" && n.token.type === "ws")).length === 1
          ? native
          : `(${native})`;
      return { kind: "token", token: { type: "word", text, at: node.at } } as FormulaNode;
    });
  const out = rewrite(nodes, true);
  if (found.size === 0) return { kind: "unchanged" };
  if (blocked.size > 0) return { kind: "value", reason, functions: [...blocked] };
  return { kind: "native", formula: "=" + renderNodes(out).trim() };
}

/** Argument text: trimmed; `undefined` when omitted (`LTV(1,2,3,,4)`) or beyond the last. */
function argText(args: FormulaNode[][], i: number): string | undefined {
  if (i >= args.length) return undefined;
  const t = renderNodes(trimNodes(args[i]));
  return t === "" ? undefined : t;
}

/** An operand: atomic expressions as written, anything else in brackets. */
function operand(args: FormulaNode[][], i: number): string {
  const text = argText(args, i) as string;
  return isAtomic(args[i]) && !/^[-+]/.test(text) ? text : `(${text})`;
}

/** A plain number literal's value, or undefined. */
function literal(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const t = text.replace(/^\((.*)\)$/, "$1").trim();
  return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t) ? Number(t) : undefined;
}

/**
 * An optional numeric argument: omitted → the default (as text, or undefined when the default is 0 and the
 * term can be dropped); a blank cell must give the default too, as the core's `numberArg` does, so a non-zero
 * default wraps the expression: `IF(B2="",1,B2)`. A default of 0 needs no wrap: a blank cell is 0 in arithmetic.
 */
function optional(args: FormulaNode[][], i: number, def: number): string | undefined {
  const text = argText(args, i);
  if (text === undefined) return def === 0 ? undefined : String(def);
  const op = operand(args, i);
  if (def === 0 || literal(text) !== undefined) return op;
  return `IF(${op}="",${def},${op})`;
}

/**
 * The native formula for one of {@link NATIVE_REWRITES} with its (already rewritten) arguments, or undefined
 * when the arguments do not fit (a required one missing, too many).
 *
 * - LTV(a, f, n, [acq=0], [ret=0], [m=1], [d=0]) → m·a·f·A − acq − ret, A = n if d = 0 else
 *   (1+d)(1−(1+d)^−n)/d (the annuity due of `src/core/ltv.ts#annuityFactor`); a literal d picks the branch now,
 *   an expression gives `IF(d=0,n,…)`.
 * - RETENTION_PERIODS(l, [unit="year"], [period="year"]) → l × days(unit) ÷ days(period); literal units are
 *   resolved now, a reference looks its word up in the core's unit table written as an array constant.
 * - LTV_CAC(ltv, cac) → ltv/cac; MAX_CAC(ltv, [t=3]) → ltv/t; CAC_PAYBACK(cac, m) → cac/m;
 *   LTV_CHURN(m, c, [d=0], [cac=0]) → m(1+d)/(d+c) − cac.
 */
export function nativeCall(fn: string, args: FormulaNode[][]): string | undefined {
  const given = args.length === 1 && argText(args, 0) === undefined ? 0 : args.length;
  const need = (required: number, max: number) =>
    given <= max && [...Array(required).keys()].every((i) => argText(args, i) !== undefined);
  switch (fn) {
    case "LTV": {
      if (!need(3, 7)) return undefined;
      const a = operand(args, 0);
      const f = operand(args, 1);
      const n = operand(args, 2);
      const acq = optional(args, 3, 0);
      const ret = optional(args, 4, 0);
      const m = argText(args, 5) === undefined ? undefined : optional(args, 5, 1);
      const d = optional(args, 6, 0);
      const dv = literal(d);
      let annuity: string;
      if (d === undefined || dv === 0) annuity = n;
      else {
        const closed = `(1+${d})*(1-(1+${d})^(-${n}))/${d}`;
        annuity = dv !== undefined ? `(${closed})` : `IF(${d}=0,${n},${closed})`;
      }
      let out = `${m === undefined ? "" : `${m}*`}${a}*${f}*${annuity}`;
      if (acq !== undefined) out += `-${acq}`;
      if (ret !== undefined) out += `-${ret}`;
      return out;
    }
    case "RETENTION_PERIODS": {
      if (!need(1, 3)) return undefined;
      const from = unitDays(args, 1);
      const to = unitDays(args, 2);
      if (from === undefined || to === undefined) return undefined;
      return `${operand(args, 0)}*${from}/${to}`;
    }
    case "LTV_CAC":
      return need(2, 2) ? `${operand(args, 0)}/${operand(args, 1)}` : undefined;
    case "MAX_CAC":
      return need(1, 2) ? `${operand(args, 0)}/${optional(args, 1, 3)}` : undefined;
    case "CAC_PAYBACK":
      return need(2, 2) ? `${operand(args, 0)}/${operand(args, 1)}` : undefined;
    case "LTV_CHURN": {
      if (!need(2, 4)) return undefined;
      const m = operand(args, 0);
      const c = operand(args, 1);
      const d = optional(args, 2, 0);
      const cac = optional(args, 3, 0);
      let out = d === undefined ? `${m}/${c}` : `${m}*(1+${d})/(${d}+${c})`;
      if (cac !== undefined) out += `-${cac}`;
      return out;
    }
    default:
      return undefined;
  }
}

/**
 * Days of a period-unit argument (default "year"): a literal word or number resolved now through the core's
 * `parsePeriodUnit`; a reference or other expression looked up at calculation time. Undefined when a literal is
 * no unit (the call then keeps its value rather than becoming a wrong formula).
 */
function unitDays(args: FormulaNode[][], i: number): string | undefined {
  const text = argText(args, i);
  if (text === undefined) return String(UNIT_DAYS.year);
  const nodes = trimNodes(args[i]);
  if (
    nodes.length === 1 &&
    nodes[0].kind === "token" &&
    (nodes[0].token.type === "string" || nodes[0].token.type === "number")
  ) {
    const raw =
      nodes[0].token.type === "string"
        ? nodes[0].token.text.slice(1, -1).replace(/""/g, '"')
        : Number(nodes[0].token.text);
    try {
      return String(parsePeriodUnit(raw, "year").days);
    } catch {
      return undefined;
    }
  }
  const u = operand(args, i);
  return `IF(ISNUMBER(${u}),${u},IF(TRIM(${u})="",${UNIT_DAYS.year},IFERROR(${UNIT_LOOKUP.replace(/\{u\}/g, u)},VALUE(${u}))))`;
}

/** The core's unit words and their days as two array constants, for a lookup at calculation time. */
const UNIT_LOOKUP = (() => {
  const words = [...UNIT_WORDS.keys()];
  const days = words.map((w) => UNIT_DAYS[UNIT_WORDS.get(w) as keyof typeof UNIT_DAYS]);
  return `INDEX({${days.join(",")}},1,MATCH(LOWER(TRIM({u})),{${words.map((w) => `"${w}"`).join(",")}},0))`;
})();

/** A cell to rewrite, as Office.js reads it: its formula (or constant) and its current value. */
export interface PortableCell {
  row: number;
  column: number;
  formula: unknown;
}

/** One change the action will make. `row`/`column` are 0-based within the scanned range. */
export interface PortableChange {
  row: number;
  column: number;
  /** the formula as it was */
  before: string;
  /** `native`: write `formula`; `value`: write the cell's current value (and its spill, if it spills) */
  result: Exclude<PortableResult, { kind: "unchanged" }>;
}

/**
 * Scans a block of formulas (as `range.formulas` returns: formulas as "=…" text, constants as they are) and
 * lists the cells that will change. O(total formula length).
 *
 * `values` (as `range.values` returns) tells a formula from a text constant that merely starts with "="
 * (typed with a leading apostrophe): Office.js shows both as "=…" in `formulas`, but only the constant has the
 * same text as its value.
 * Example: `[["=LTV(1,2,3)", 5]]` → one change at (0,0), native "=1*2*3".
 */
export function planPortable(
  formulas: readonly (readonly unknown[])[],
  options: PortableOptions = {},
  values?: readonly (readonly unknown[])[]
): PortableChange[] {
  const changes: PortableChange[] = [];
  for (let r = 0; r < formulas.length; r++) {
    const row = formulas[r];
    for (let c = 0; c < row.length; c++) {
      const f = row[c];
      if (typeof f !== "string" || !f.startsWith("=")) continue;
      if (values && values[r]?.[c] === f) continue;
      const result = makePortable(f, options);
      if (result.kind !== "unchanged") changes.push({ row: r, column: c, before: f, result });
    }
  }
  return changes;
}

// re-exported for the task pane and tests
export type { CallNode };
