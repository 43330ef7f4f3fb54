/**
 * fast-check generators for what Excel can hand a custom function: cell contents and argument shapes.
 *
 * Cells: numbers at the edges of double precision (−0, 1e308, 5e-324, huge negatives), numbers that only look
 * like dates or YYYYMMDD, text that is no number ("NaN", "1e999", "1,2x0"), booleans, blanks (`null`, `""`,
 * whitespace, the ideographic space), Excel error values (`CustomFunctions.Error` objects, as Excel passes an
 * error cell), long strings, non-Latin strings, full-width digits, dates as text in many formats (valid, invalid
 * and ambiguous), amounts as people type them (`¥1,200`, `△500`, `(500)`), and period words.
 *
 * Shapes follow the metadata: a `matrix` parameter gets a column, a row, a 1×1, an empty range, a 2-D range or
 * a column of a different length than its siblings; a scalar parameter gets a scalar, and sometimes a 1×1 or a
 * larger range (a user can type one); an optional parameter is sometimes omitted (`undefined`) or blank (`null`).
 *
 * Range contents are biased by the parameter's name (ids, dates, amounts, numbers, params) so that a fair share
 * of calls get past input checking into the maths, with junk cells sprinkled in so the checks are exercised too.
 */
import { PARAMS, type ParamRule } from "../../../src/core/params";
import fc from "fast-check";

/** Excel error codes as `CustomFunctions.ErrorCode` spells them. */
export const ERROR_CODES = [
  "#VALUE!",
  "#N/A",
  "#DIV/0!",
  "#NUM!",
  "#NULL!",
  "#NAME?",
  "#REF!",
] as const;

/** Builds the object Excel passes for an error cell, in the runtime under test (its own `CustomFunctions.Error`). */
export type ErrorCellFactory = (code: string) => object;

/** Metadata of one parameter, as in functions.json. */
export interface ParamMeta {
  name: string;
  dimensionality?: string;
  optional?: boolean;
  type?: string;
}

/** Metadata of one function, as in functions.json. */
export interface FunctionMeta {
  id: string;
  name: string;
  parameters: ParamMeta[];
  result?: { type?: string; dimensionality?: string };
}

const EDGE_NUMBERS = [
  0,
  -0,
  1,
  -1,
  0.5,
  2,
  12,
  100,
  1e308,
  -1e308,
  1.7976931348623157e308,
  5e-324,
  -5e-324,
  2.2250738585072014e-308,
  1e-10,
  Number.MAX_SAFE_INTEGER,
  Number.MIN_SAFE_INTEGER,
  2 ** 53 + 2,
  -1e300,
  1e300,
  1e15,
  0.1 + 0.2,
  45296,
  45296.999,
  60,
  61,
  59,
  1,
  2958465,
  2958466,
  19970101,
  20240105,
  99991231,
  19000229,
  1e-300,
  -1e-300,
];

const NAN_TEXT = [
  "abc",
  "NaN",
  "nan",
  "Infinity",
  "-Infinity",
  "1e999",
  "-1e999",
  "1,2x0",
  "--5",
  "1/0",
  "0x10",
  "1e",
  ".",
  ",",
  "+",
  "-",
  "¥",
  "()",
  "1.2.3",
  "1,20",
  "12,3456",
  "#N/A",
  "#VALUE!",
  "TRUE",
  "FALSE",
  "null",
  "undefined",
  "[object Object]",
  "½",
  "Ⅻ",
  "٣",
  "१२",
  "5-",
  "(-5)",
  "△-5",
  "¥¥5",
  "5¥¥",
  "$ -5",
  "1 000",
  "1_000",
  "0b11",
  "Ox1",
  "１e５",
  "e5",
  "1e+",
  "%",
  "50%%",
];

const BLANKS = [null, "", " ", "   ", "\t", "\u3000", "\u00a0", "\n"];

const NON_LATIN = [
  "顧客",
  "東京都千代田区",
  "株式会社テスト",
  "ｶﾀｶﾅ",
  "𠮷野家",
  "😀",
  "👨‍👩‍👧",
  "مرحبا",
  "שלום",
  "Привет",
  "ไทย",
  "한국어",
  "\u200b",
  "\u200e",
  "a\u0301",
  "\ufeff",
  "\ud800",
  "\udfff",
  "金額",
  "購入日",
  "顧客ID",
  "注文番号",
];

const FULL_WIDTH = [
  "１２３",
  "１，２００",
  "￥１，２００",
  "４０％",
  "２０２４／１／５",
  "２０２４年１月５日",
  "－５００",
  "−500",
  "１２．５",
  "０",
  "Ａ００１",
  "１００１",
  "△５００",
  "▲1,200",
];

const DATE_TEXT = [
  "2024/1/5",
  "2024-01-05",
  "2024.1.5",
  "2024年1月5日",
  "20240105",
  "令和6年1月5日",
  "R6.1.5",
  "令和元年5月1日",
  "H31.4.30",
  "昭和64年1月7日",
  "2024/1/5 10:30",
  "2024-01-05T10:30:00Z",
  "2024年1月5日(金)",
  "1/5/2024",
  "5/1/2024",
  "5.1.2024",
  "Jan 5, 2024",
  "2024/2/30",
  "2023/2/29",
  "2024/2/29",
  "1900/2/29",
  "1900/1/1",
  "1899/12/31",
  "9999/12/31",
  "10000/1/1",
  "0099/1/1",
  "2024/13/1",
  "2024/0/1",
  "2024-1-5",
  "2024/01/05 25:99",
  "２０２４－０１－０５",
  "00000000",
  "99999999",
];

const AMOUNT_TEXT = [
  "¥1,200",
  "￥1,200",
  "1,200円",
  "$35.10",
  "35.10 USD",
  "(500)",
  "△500",
  "▲500",
  "-¥500",
  "¥-500",
  "+500",
  "1,200.50",
  "€3",
  "£0.01",
  "1200 yen",
  "JPY 1200",
  "(¥500)",
  "¥ 1,200",
  "1,200 円",
  "1,000,000,000,000,000,000,000",
  "9".repeat(400),
];

const PERIOD_TEXT = [
  "day",
  "week",
  "month",
  "quarter",
  "year",
  "Month",
  " YEAR ",
  "日",
  "週",
  "月",
  "四半期",
  "年",
  "か月",
  "ヶ月",
  "7",
  "30",
  "0",
  "-1",
  "0.5",
  "1e3",
  "fortnight",
  "d",
  "q",
  "y",
];

const OPTION_TEXT = [
  "customers",
  "retention",
  "revenue",
  "count",
  "share",
  "sum",
  "顧客数",
  "継続率",
  "売上",
  "amount",
];

const ID_POOL = [
  "C1",
  "C2",
  "C3",
  "C4",
  "C5",
  "Ｃ１",
  " C1 ",
  "c1",
  1001,
  1002,
  "1001",
  "顧客A",
  "顧客B",
  7,
];

/** The long-string cases: near and over Excel's 32,767-character cell limit. */
const LONG_STRINGS = [
  "x".repeat(255),
  "あ".repeat(5000),
  "1".repeat(400),
  "9".repeat(32767),
  "a".repeat(40000),
];

function errorCell(makeError: ErrorCellFactory): fc.Arbitrary<object> {
  return fc.constantFrom(...ERROR_CODES).map((code) => makeError(code));
}

/** Any cell Excel could pass, weighted toward the hard cases. */
export function anyCell(makeError: ErrorCellFactory): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...EDGE_NUMBERS) },
    { weight: 3, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
    { weight: 2, arbitrary: fc.integer({ min: -1_000_000, max: 1_000_000 }) },
    { weight: 3, arbitrary: fc.constantFrom(...NAN_TEXT) },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 3, arbitrary: fc.constantFrom(...BLANKS) },
    { weight: 2, arbitrary: errorCell(makeError) },
    { weight: 1, arbitrary: fc.constantFrom(...LONG_STRINGS) },
    { weight: 2, arbitrary: fc.constantFrom(...NON_LATIN) },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
    { weight: 2, arbitrary: fc.constantFrom(...FULL_WIDTH) },
    { weight: 3, arbitrary: fc.constantFrom(...DATE_TEXT) },
    { weight: 1, arbitrary: formattedDate() },
    { weight: 3, arbitrary: fc.constantFrom(...AMOUNT_TEXT) },
    { weight: 2, arbitrary: fc.constantFrom(...PERIOD_TEXT) },
    { weight: 1, arbitrary: fc.constantFrom(...OPTION_TEXT) },
    // what a broken host might pass: never from Excel, but a function must still not crash on it
    { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, undefined) }
  );
}

/** A random calendar date written in one of the formats people use (some accepted, some refused). */
export function formattedDate(): fc.Arbitrary<string> {
  const pad = (n: number) => String(n).padStart(2, "0");
  return fc
    .tuple(
      fc.integer({ min: 1890, max: 2110 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 31 }),
      fc.nat(7)
    )
    .map(([y, m, d, style]) => {
      switch (style) {
        case 0:
          return `${y}/${m}/${d}`;
        case 1:
          return `${y}-${pad(m)}-${pad(d)}`;
        case 2:
          return `${y}年${m}月${d}日`;
        case 3:
          return `${y}${pad(m)}${pad(d)}`;
        case 4:
          return `${m}/${d}/${y}`;
        case 5:
          return `${d}.${m}.${y}`;
        case 6:
          return `${y}.${m}.${d} 12:34:56`;
        default:
          return `R${y - 2018}.${m}.${d}`;
      }
    });
}

/** What kind of column a range parameter most likely holds, guessed from its name. */
export type Flavor =
  | "ids"
  | "dates"
  | "amounts"
  | "repeats"
  | "recency"
  | "age"
  | "monetary"
  | "survivors"
  | "counts"
  | "numbers"
  | "params"
  | "any";

const FLAVORS: Flavor[] = [
  "ids",
  "dates",
  "amounts",
  "repeats",
  "recency",
  "age",
  "monetary",
  "survivors",
  "counts",
  "numbers",
  "params",
  "any",
];

export function flavorOf(paramName: string): Flavor {
  const n = paramName.toLowerCase();
  if (/param|fit|coef/.test(n)) return "params";
  if (paramName === "T" || /^age$|^t_cal/.test(n)) return "age";
  if (/recency/.test(n)) return "recency";
  if (/^(frequency|freq|x|repeats?)$/.test(n)) return "repeats";
  if (/monetary|spend/.test(n)) return "monetary";
  if (/survivor|alive|active/.test(n)) return "survivors";
  if (/(^|_)ids?$|customer|order_id|cust/.test(n)) return "ids";
  if (/date|day|time_?stamp/.test(n)) return "dates";
  if (/amount|revenue|sales|price|value|cost|margin/.test(n)) return "amounts";
  if (/^t$|count|number|horizon|^n$|periods?$/.test(n)) return "counts";
  if (/rate|ratio|share/.test(n)) return "numbers";
  return "any";
}

/**
 * One ledger row / one customer, coherent across columns: a customer id, an order date and amount, and the
 * customer's repeat purchases x, recency ≤ T and mean spend, so aligned columns make sense together and calls
 * get past input checks into the maths.
 */
interface RowRecord {
  id: unknown;
  date: unknown;
  amount: unknown;
  x: number;
  recency: number;
  T: number;
  monetary: number;
  count: number;
  number: number;
}

function rowRecord(): fc.Arbitrary<RowRecord> {
  return fc
    .record({
      id: fc.oneof(
        { weight: 5, arbitrary: fc.constantFrom(...ID_POOL) },
        { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 6 }) }
      ),
      date: fc.oneof(
        { weight: 6, arbitrary: fc.integer({ min: 45000, max: 45800 }) },
        { weight: 1, arbitrary: fc.double({ min: 45000, max: 45800, noNaN: true }) },
        {
          weight: 2,
          arbitrary: fc.constantFrom(
            "2024/1/5",
            "2024-03-01",
            "2024年6月30日",
            "20241231",
            "R6.2.29"
          ),
        },
        { weight: 1, arbitrary: fc.constantFrom(1, 60, 61, 2958465, 19970101) }
      ),
      amount: fc.oneof(
        { weight: 6, arbitrary: fc.integer({ min: 0, max: 20000 }) },
        { weight: 2, arbitrary: fc.double({ min: 0, max: 1e6, noNaN: true }) },
        { weight: 1, arbitrary: fc.integer({ min: -5000, max: -1 }) },
        {
          weight: 2,
          arbitrary: fc.constantFrom("¥1,200", "1,200円", "△500", "(300)", "３４０", "$35.10"),
        }
      ),
      x: fc.oneof(
        { weight: 3, arbitrary: fc.integer({ min: 0, max: 8 }) },
        { weight: 1, arbitrary: fc.integer({ min: 0, max: 200 }) }
      ),
      T: fc.oneof(
        { weight: 4, arbitrary: fc.double({ min: 1, max: 80, noNaN: true }) },
        { weight: 1, arbitrary: fc.integer({ min: 0, max: 520 }) }
      ),
      share: fc.double({ min: 0, max: 1, noNaN: true }),
      monetary: fc.oneof(
        fc.double({ min: 1, max: 500, noNaN: true }),
        fc.integer({ min: 0, max: 100000 })
      ),
      count: fc.integer({ min: 0, max: 30 }),
      number: fc.oneof(
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.constantFrom(0, -0, 1e-9, 1e9, 1)
      ),
    })
    .map(({ share, ...r }) => ({
      ...r,
      recency: r.x === 0 ? 0 : share * r.T,
      monetary: r.x === 0 ? 0 : r.monetary,
    }));
}

/** The cell of a record for a column of the given flavor. `i` places survivors in a falling sequence. */
function cellOf(flavor: Flavor, r: RowRecord, i: number): unknown {
  switch (flavor) {
    case "ids":
      return r.id;
    case "dates":
      return r.date;
    case "amounts":
      return r.amount;
    case "repeats":
      return r.x;
    case "recency":
      return r.recency;
    case "age":
      return r.T;
    case "monetary":
      return r.monetary;
    case "survivors":
      // 1000 customers at t = 0, then a share that falls with each period
      return i === 0
        ? 1000
        : Math.max(0, Math.round(1000 * Math.pow(0.5 + 0.45 * (r.number / 100), i)));
    case "counts":
      return r.count;
    case "numbers":
      return r.number;
    default:
      return r.amount;
  }
}

const KEEP = Symbol("keep");

/** How one call's arguments are made: a shared length, whether ranges line up, a junk rate, a flavor per parameter. */
export interface CallPlan {
  length: number;
  /** aligned: every range is an n×1 column (or every one a 1×n row) and scalars are plausible; mixed: anything */
  aligned: boolean;
  rows: boolean;
  junkRate: number;
  flavors: Flavor[];
}

export function callPlan(params: readonly ParamMeta[]): fc.Arbitrary<CallPlan> {
  return fc.record({
    length: fc.oneof(
      { weight: 2, arbitrary: fc.constantFrom(0, 1, 2) },
      { weight: 6, arbitrary: fc.integer({ min: 3, max: 25 }) },
      { weight: 1, arbitrary: fc.integer({ min: 26, max: 300 }) }
    ),
    aligned: fc.oneof(
      { weight: 3, arbitrary: fc.constant(true) },
      { weight: 2, arbitrary: fc.constant(false) }
    ),
    rows: fc.oneof(
      { weight: 5, arbitrary: fc.constant(false) },
      { weight: 1, arbitrary: fc.constant(true) }
    ),
    junkRate: fc.constantFrom(0, 0, 0, 0.01, 0.05, 0.3, 1),
    flavors: fc.tuple(
      ...params.map((p) =>
        fc.oneof(
          { weight: 6, arbitrary: fc.constant(flavorOf(p.name)) },
          { weight: 1, arbitrary: fc.constantFrom(...FLAVORS) }
        )
      )
    ),
  });
}

/** A rows × columns block of cells. */
function block(rows: number, cols: number, cell: fc.Arbitrary<unknown>): fc.Arbitrary<unknown[][]> {
  return fc.array(fc.array(cell, { minLength: cols, maxLength: cols }), {
    minLength: rows,
    maxLength: rows,
  });
}

/**
 * A parameter row such as a *_FIT function spills: positive numbers, sometimes with a log-likelihood. The count
 * is guessed from the model named in the function or parameter (BG/NBD and Pareto/NBD 4, Gamma-Gamma 3, sBG 2),
 * else 2–6.
 */
function paramsRow(hint: string, makeError: ErrorCellFactory): fc.Arbitrary<unknown[][]> {
  const h = hint.toLowerCase();
  const guess = /bgnbd|pnbd/.test(h) ? 4 : /gg/.test(h) ? 3 : /sbg/.test(h) ? 2 : undefined;
  const count = guess
    ? fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(guess, guess + 1) },
        { weight: 1, arbitrary: fc.integer({ min: 1, max: 6 }) }
      )
    : fc.integer({ min: 2, max: 6 });
  const value = fc.oneof(
    { weight: 30, arbitrary: fc.double({ min: 1e-3, max: 50, noNaN: true }) },
    { weight: 1, arbitrary: fc.constantFrom(0, -1, 1e300, 5e-324, -9582.4) },
    { weight: 1, arbitrary: anyCell(makeError) }
  );
  return count.chain((k) =>
    fc.oneof(
      { weight: 4, arbitrary: block(1, k, value) },
      { weight: 1, arbitrary: block(k, 1, value) }
    )
  );
}

/** A range argument in the mixed plan: usually an n×1 column, else another shape. */
function mixedShape(column: unknown[], cell: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const n = column.length;
  const asColumn = column.map((c) => [c]);
  return fc.oneof(
    { weight: 6, arbitrary: fc.constant(asColumn) },
    { weight: 2, arbitrary: fc.constant(n === 0 ? [] : [column]) },
    { weight: 1, arbitrary: block(1, 1, cell) },
    { weight: 1, arbitrary: fc.constantFrom([], [[]]) },
    { weight: 1, arbitrary: block(Math.max(n, 1), 2, cell) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }))
        .chain(([r, c]) => block(r, c, cell)),
    },
    { weight: 1, arbitrary: cell.map((extra) => [...asColumn, [extra]]) },
    { weight: 1, arbitrary: fc.constant(n > 0 ? asColumn.slice(1) : [[null]]) }
  );
}

/** Every bound and default the registry gives an argument of this name, and values just past each bound. */
export function registryEdges(name: string): number[] {
  const out = new Set<number>();
  for (const rule of Object.values(PARAMS) as ParamRule[]) {
    if (rule.arg !== name) continue;
    for (const b of [rule.min, rule.above, rule.max, rule.below])
      if (b !== undefined) [b, b - 1e-9, b + 1e-9].forEach((v) => out.add(v));
    if (rule.default !== undefined) out.add(rule.default);
  }
  return [...out];
}

/** A scalar argument: a plausible value by the parameter's name, or any cell, sometimes as a range. */
function scalarArg(
  param: ParamMeta,
  aligned: boolean,
  makeError: ErrorCellFactory
): fc.Arbitrary<unknown> {
  const n = param.name.toLowerCase();
  const plausible =
    /period|unit|interval/.test(n) && !/^periods$/.test(n)
      ? fc.constantFrom(...PERIOD_TEXT, null)
      : /measure|option|kind|mode|method|type/.test(n)
        ? fc.constantFrom(...OPTION_TEXT, null)
        : /date|end|start/.test(n)
          ? rowRecord().map((r) => r.date)
          : /margin|rate|ratio|share|churn|discount/.test(n)
            ? fc.oneof(
                fc.double({ min: 0, max: 1, noNaN: true }),
                fc.constantFrom(0, 1, 0.4, "40%", "４０％", 1.5, -0.1)
              )
            : /^t$|horizon|periods|renewals|count|lifespan/.test(n)
              ? fc.oneof(
                  fc.integer({ min: 0, max: 60 }),
                  fc.double({ min: 0, max: 60, noNaN: true })
                )
              : fc.oneof(
                  fc.double({ min: 0, max: 1e5, noNaN: true }),
                  fc.integer({ min: 0, max: 100 }),
                  fc.constantFrom("¥5,000", "１２")
                );
  // the registry's bounds of a parameter of this name, and just past them: where a rule would show a crack
  const edges = registryEdges(param.name);
  const near = edges.length
    ? fc.oneof(
        { weight: 3, arbitrary: plausible },
        { weight: 1, arbitrary: fc.constantFrom(...edges) }
      )
    : plausible;
  const cell = aligned
    ? fc.oneof({ weight: 9, arbitrary: near }, { weight: 1, arbitrary: anyCell(makeError) })
    : fc.oneof({ weight: 1, arbitrary: near }, { weight: 1, arbitrary: anyCell(makeError) });
  if (aligned)
    return fc.oneof({ weight: 8, arbitrary: cell }, { weight: 1, arbitrary: block(1, 1, cell) });
  return fc.oneof(
    { weight: 6, arbitrary: cell },
    { weight: 2, arbitrary: block(1, 1, cell) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }))
        .chain(([r, c]) => block(r, c, cell)),
    },
    { weight: 1, arbitrary: fc.constantFrom([], [[]]) }
  );
}

/** A range argument: the flavor's column of the call's records, junk sprinkled in, shaped by the plan. */
function rangeArg(
  plan: CallPlan,
  flavor: Flavor,
  records: RowRecord[],
  hint: string,
  makeError: ErrorCellFactory
): fc.Arbitrary<unknown> {
  if (flavor === "params") return paramsRow(hint, makeError);
  const junkWeight = Math.round(plan.junkRate * 100);
  const any = anyCell(makeError);
  const replace = fc.oneof(
    { weight: 100 - junkWeight + 1, arbitrary: fc.constant<unknown>(KEEP) },
    { weight: junkWeight, arbitrary: any },
    { weight: 1, arbitrary: fc.constantFrom(null, "") }
  );
  const n = records.length;
  return fc
    .array(flavor === "any" ? any : replace, { minLength: n, maxLength: n })
    .chain((swaps) => {
      const column = records.map((r, i) => (swaps[i] === KEEP ? cellOf(flavor, r, i) : swaps[i]));
      if (plan.aligned)
        return fc.constant(plan.rows ? (n === 0 ? [] : [column]) : column.map((c) => [c]));
      return mixedShape(column, any);
    });
}

/**
 * The argument list of one call of a function, from its metadata. Optional parameters are sometimes omitted
 * (`undefined`, and trailing ones dropped from the list as Excel does) or blank (`null`).
 */
export function callArgs(fn: FunctionMeta, makeError: ErrorCellFactory): fc.Arbitrary<unknown[]> {
  const params = fn.parameters;
  return callPlan(params).chain((plan) =>
    fc.array(rowRecord(), { minLength: plan.length, maxLength: plan.length }).chain((records) => {
      const perParam = params.map((p, i) => {
        const value =
          p.dimensionality === "matrix"
            ? rangeArg(plan, plan.flavors[i], records, `${p.name} ${fn.id}`, makeError)
            : scalarArg(p, plan.aligned, makeError);
        if (!p.optional) return value;
        return fc.oneof(
          { weight: 3, arbitrary: value },
          { weight: 1, arbitrary: fc.constantFrom(undefined, null) }
        );
      });
      return fc.tuple(fc.tuple(...perParam), fc.boolean()).map(([args, trimTrailing]) => {
        const list = [...args];
        if (trimTrailing) while (list.length > 0 && list[list.length - 1] === undefined) list.pop();
        return list;
      });
    })
  );
}
