/**
 * "Make portable": the tokenizer keeps every formula intact, the rewrite finds exactly the add-in's calls, and
 * the native formulas it writes compute — in an independent engine, HyperFormula — what src/core computes.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { HyperFormula } from "hyperformula";
import { parseFormula, renderNodes, tokenize } from "../../src/sheet/formula-tokens";
import {
  ADDIN_FUNCTIONS,
  addinFunctionOf,
  makePortable,
  planPortable,
} from "../../src/sheet/portable";
import { lifetimeValue, retentionPeriods } from "../../src/core/ltv";
import { cacPayback, ltvFromChurn, ltvToCac, maxCac } from "../../src/core/unit-economics";
import { UNIT_WORDS, parsePeriodUnit } from "../../src/core/periods";

/** Evaluates cells (row 0 holds inputs, the last cell the formula) with HyperFormula and returns the formula's value. */
function evaluate(inputs: (number | string | null)[], formula: string): unknown {
  const hf = HyperFormula.buildFromArray([[...inputs, formula]], {
    licenseKey: "gpl-v3",
    smartRounding: false,
  });
  const v = hf.getCellValue({ sheet: 0, row: 0, col: inputs.length });
  hf.destroy();
  return v;
}

function native(formula: string): string {
  const r = makePortable(formula);
  if (r.kind !== "native")
    throw new Error(`expected a native rewrite of ${formula}, got ${JSON.stringify(r)}`);
  return r.formula;
}

function close(actual: unknown, expected: number): void {
  expect(typeof actual).toBe("number");
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(
    1e-9 * Math.max(1, Math.abs(expected))
  );
}

describe("the formula tokenizer", () => {
  const formulas = [
    "=LTV(B2,B3,B4,B5)",
    "=IF(A1=\"LTV(\",SUM('LTV data'!A1:A3),0)",
    "='It''s LTV'!B2*2",
    "=SUM(Table1[[#This Row],[Amount]])+Table1[Amount]",
    '=INDEX({1,2;3,4},2,1)&"a,b"',
    "=acme.LTV( B2 , B3, B4 )",
    "=IFERROR(1/0,#DIV/0!)+#N/A",
    "=シート1!$A$1:$B$2+1.5E-3-.5%",
    "=[1]Sales!A1+Sheet1:Sheet3!B2",
    "=A1# + @B2:B9 <> C1",
    "=SUM(A:A,1:1)",
    '=""""',
  ];
  it.each(formulas)("gives back %s unchanged after parsing", (f) => {
    expect("=" + renderNodes(parseFormula(f))).toBe(f);
  });

  it("keeps text, quoted sheet names and structured references as single tokens", () => {
    const types = (f: string) =>
      tokenize(f)
        .filter((t) => t.type !== "ws")
        .map((t) => `${t.type}:${t.text}`);
    expect(types('=IF(A1="LTV(",1)')).toEqual([
      "func:IF",
      "open:(",
      "word:A1",
      "op:=",
      'string:"LTV("',
      "comma:,",
      "number:1",
      "close:)",
    ]);
    expect(types("='LTV(x)'!A1+Table1[[#Totals],[LTV]]")).toEqual([
      "word:'LTV(x)'!A1",
      "op:+",
      "word:Table1[[#Totals],[LTV]]",
    ]);
    expect(types("=ACME.LTV(1)")).toEqual(["func:ACME.LTV", "open:(", "number:1", "close:)"]);
  });

  it("splits arguments only at top-level commas", () => {
    const [call] = parseFormula('=LTV(SUM(A1,A2),{1,2},"a,b",,C1)');
    expect(call.kind).toBe("call");
    if (call.kind !== "call") return;
    expect(call.args.map(renderNodes)).toEqual(["SUM(A1,A2)", "{1,2}", '"a,b"', "", "C1"]);
  });

  it("refuses unclosed strings and brackets", () => {
    expect(() => tokenize('=LTV("abc')).toThrow(/unclosed string/);
    expect(() => parseFormula("=LTV(1,2")).toThrow(/unclosed/);
    expect(() => parseFormula("=1+2)")).toThrow(/unbalanced/);
  });

  it("round-trips any formula built from random pieces", () => {
    const piece = fc.constantFrom(
      "A1",
      "$B$2",
      "'a b'!C3",
      '"x,y"',
      "1.5",
      "{1,2;3,4}",
      "TRUE",
      "#N/A",
      "Name_1",
      "T[C]"
    );
    const expr: fc.Arbitrary<string> = fc.letrec((tie) => ({
      e: fc.oneof(
        { depthSize: "small" },
        piece,
        fc
          .tuple(
            tie("e") as fc.Arbitrary<string>,
            fc.constantFrom("+", "-", "*", "/", "&", "<>", " ", ":"),
            tie("e") as fc.Arbitrary<string>
          )
          .map(([a, o, b]) => `${a}${o}${b}`),
        fc
          .tuple(
            fc.constantFrom("SUM", "LTV", "ACME.MAX_CAC", "IF"),
            fc.array(tie("e") as fc.Arbitrary<string>, { maxLength: 4 })
          )
          .map(([f, a]) => `${f}(${a.join(",")})`),
        (tie("e") as fc.Arbitrary<string>).map((e) => `(${e})`)
      ),
    })).e;
    fc.assert(fc.property(expr, (e) => "=" + renderNodes(parseFormula("=" + e)) === "=" + e));
  });
});

describe("which calls are the add-in's", () => {
  it("recognises plain, namespaced and file-format names, case-insensitively", () => {
    expect(addinFunctionOf("LTV")).toBe("LTV");
    expect(addinFunctionOf("acme.ltv_cac")).toBe("LTV_CAC");
    expect(addinFunctionOf("ACME.LTV", { namespace: "ACME" })).toBe("LTV");
    expect(addinFunctionOf("_xldudf_AVG_ORDER")).toBe("AVG_ORDER");
    expect(addinFunctionOf("SUM")).toBeUndefined();
    expect(addinFunctionOf("_xlfn.LTV")).toBeUndefined();
    expect(addinFunctionOf("OTHER.LTV", { namespace: "ACME" })).toBeUndefined();
  });

  it("lists every function the add-in registers", () => {
    const dir = join(__dirname, "../../src/functions");
    const ids = readdirSync(dir)
      .filter((f) => f.endsWith(".ts"))
      .flatMap((f) =>
        [...readFileSync(join(dir, f), "utf8").matchAll(/@customfunction\s+([A-Z0-9_.]+)/g)].map(
          (m) => m[1]
        )
      );
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(ADDIN_FUNCTIONS).toContain(id);
  });
});

describe("makePortable", () => {
  it("leaves constants and formulas without add-in calls alone", () => {
    expect(makePortable("LTV(1,2,3)")).toEqual({ kind: "unchanged" });
    expect(makePortable('=IF(A1="LTV(1,2,3)",1,2)')).toEqual({ kind: "unchanged" });
    expect(makePortable("='LTV'!A1*LTV_rate")).toEqual({ kind: "unchanged" });
  });

  it("writes LTV as margin × order × frequency × annuity − costs, omitted arguments dropped or defaulted", () => {
    expect(native("=LTV(415,12,12,5000)")).toBe("=415*12*12-5000");
    expect(native("=LTV(B2,B3,B4)")).toBe("=B2*B3*B4");
    expect(native("=LTV(B2,B3,B4,,,0.4,0.02)")).toBe(
      "=0.4*B2*B3*((1+0.02)*(1-(1+0.02)^(-B4))/0.02)"
    );
    expect(native("=LTV(B2,B3,B4,B5,B6,B7,B8)")).toBe(
      '=IF(B7="",1,B7)*B2*B3*IF(B8=0,B4,(1+B8)*(1-(1+B8)^(-B4))/B8)-B5-B6'
    );
    expect(native("=LTV(B2+1,B3,B4)*2")).toBe("=((B2+1)*B3*B4)*2");
  });

  it("writes the unit economics functions as their closed forms", () => {
    expect(native("=LTV_CAC(B2,B3)")).toBe("=B2/B3");
    expect(native("=MAX_CAC(B2)")).toBe("=B2/3");
    expect(native("=MAX_CAC(B2,B3)")).toBe('=B2/IF(B3="",3,B3)');
    expect(native("=CAC_PAYBACK(B2,B3)")).toBe("=B2/B3");
    expect(native("=LTV_CHURN(B2,B3)")).toBe("=B2/B3");
    expect(native("=LTV_CHURN(B2,B3,B4,B5)")).toBe("=B2*(1+B4)/(B4+B3)-B5");
  });

  it("resolves literal units of RETENTION_PERIODS now and looks up units in cells at calculation time", () => {
    expect(native('=RETENTION_PERIODS(3,"year","quarter")')).toBe("=3*365.25/91.3125");
    expect(native("=RETENTION_PERIODS(B2)")).toBe("=B2*365.25/365.25");
    expect(native('=RETENTION_PERIODS(B2,"ヶ月","四半期")')).toBe("=B2*30.4375/91.3125");
    expect(native("=RETENTION_PERIODS(B2,C2,D2)")).toMatch(
      /^=B2\*IF\(ISNUMBER\(C2\),C2,.*MATCH\(LOWER\(TRIM\(C2\)\)/
    );
  });

  it("rewrites nested and namespaced calls and keeps the rest of the formula", () => {
    expect(native('=ROUND(ACME.LTV(B2,B3,RETENTION_PERIODS(3,"year","quarter")),0)&" yen"')).toBe(
      '=ROUND((B2*B3*(3*365.25/91.3125)),0)&" yen"'
    );
  });

  it("replaces calls without a native equivalent, and calls it cannot rewrite, by their value", () => {
    expect(makePortable("=AVG_ORDER(C:C)*2")).toEqual({
      kind: "value",
      reason: "noNativeEquivalent",
      functions: ["AVG_ORDER"],
    });
    expect(makePortable("=LTV(AVG_ORDER(C:C),B3,B4)")).toMatchObject({
      kind: "value",
      functions: ["AVG_ORDER"],
    });
    expect(makePortable("=LTV(1,2)")).toEqual({
      kind: "value",
      reason: "cannotRewrite",
      functions: ["LTV"],
    });
    expect(makePortable('=RETENTION_PERIODS(3,"fortnight")')).toMatchObject({
      kind: "value",
      reason: "cannotRewrite",
    });
    expect(makePortable('=LTV(1,2,"3')).toEqual({
      kind: "value",
      reason: "unparsable",
      functions: ["LTV"],
    });
  });

  it("plans the changes of a block, constants and other formulas left out", () => {
    const changes = planPortable([
      ["=LTV(1,2,3)", 5, "text"],
      ["=SUM(A1:A2)", "=FREQ(A:A,B:B)", null],
    ]);
    expect(changes.map((c) => [c.row, c.column, c.result.kind])).toEqual([
      [0, 0, "native"],
      [1, 1, "value"],
    ]);
    // a text constant that starts with "=" reads the same in formulas and values: it is not a formula
    expect(
      planPortable([["=LTV(1,2,3)", "=LTV(x"]], {}, [[6, "=LTV(x"]]).map((c) => c.column)
    ).toEqual([0]);
  });
});

describe("native formulas evaluated by HyperFormula equal src/core", () => {
  const money = fc.double({ min: 0, max: 1e6, noNaN: true });
  const rate = fc.double({ min: 0, max: 0.5, noNaN: true });

  it("LTV with every argument in a cell", () => {
    fc.assert(
      fc.property(
        money,
        fc.double({ min: 0, max: 50, noNaN: true }),
        fc.double({ min: 0, max: 120, noNaN: true }),
        money,
        money,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.oneof(fc.constant(0), rate),
        (a, f, n, acq, ret, m, d) => {
          const expected = lifetimeValue({
            avgOrder: a,
            frequency: f,
            periods: n,
            acquisitionCost: acq,
            retentionCost: ret,
            grossMargin: m,
            discountRate: d,
          });
          close(
            evaluate([a, f, n, acq, ret, m, d], native("=LTV(A1,B1,C1,D1,E1,F1,G1)")),
            expected
          );
        }
      ),
      { numRuns: 60 }
    );
  });

  it("LTV with omitted and blank optional arguments defaults as the core does", () => {
    // blank margin cell → 1, blank discount cell → 0, as numberArg's defaults
    close(
      evaluate([415, 12, 12, 5000, null, null, null], native("=LTV(A1,B1,C1,D1,E1,F1,G1)")),
      54760
    );
    close(
      evaluate([415, 12, 12], native("=LTV(A1,B1,C1,,,0.4,0.02)")),
      lifetimeValue({
        avgOrder: 415,
        frequency: 12,
        periods: 12,
        grossMargin: 0.4,
        discountRate: 0.02,
      })
    );
    close(evaluate([415, 12, 3], native("=LTV(A1,B1,C1)")), 415 * 12 * 3);
  });

  it("RETENTION_PERIODS for every unit word of the core, in a cell", () => {
    for (const word of UNIT_WORDS.keys()) {
      const expected = retentionPeriods(
        3,
        parsePeriodUnit(word, "year"),
        parsePeriodUnit("quarter", "year")
      );
      close(evaluate([3, word, "quarter"], native("=RETENTION_PERIODS(A1,B1,C1)")), expected);
    }
    close(
      evaluate([18, 30, null], native("=RETENTION_PERIODS(A1,B1,C1)")),
      retentionPeriods(18, { days: 30 }, parsePeriodUnit(undefined, "year"))
    );
    close(
      evaluate([2, "MONTH ", "30"], native("=RETENTION_PERIODS(A1,B1,C1)")),
      retentionPeriods(2, parsePeriodUnit("month", "year"), { days: 30 })
    );
    expect(evaluate([2, "fortnight", null], native("=RETENTION_PERIODS(A1,B1,C1)"))).toMatchObject({
      type: "VALUE",
    });
  });

  it("LTV_CAC, MAX_CAC, CAC_PAYBACK and LTV_CHURN", () => {
    fc.assert(
      fc.property(
        money,
        fc.double({ min: 1, max: 1e5, noNaN: true }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        rate,
        fc.double({ min: 0.5, max: 10, noNaN: true }),
        (x, y, c, d, t) => {
          close(evaluate([x, y], native("=LTV_CAC(A1,B1)")), ltvToCac(x, y));
          close(evaluate([x, t], native("=MAX_CAC(A1,B1)")), maxCac(x, t));
          close(evaluate([x], native("=MAX_CAC(A1)")), maxCac(x));
          close(evaluate([x, null], native("=MAX_CAC(A1,B1)")), maxCac(x));
          close(evaluate([x, y], native("=CAC_PAYBACK(A1,B1)")), cacPayback(x, y));
          close(
            evaluate([y, c, d, x], native("=LTV_CHURN(A1,B1,C1,D1)")),
            ltvFromChurn(y, c, d, x)
          );
          close(evaluate([y, c], native("=LTV_CHURN(A1,B1)")), ltvFromChurn(y, c));
        }
      ),
      { numRuns: 40 }
    );
  });

  it("the seed's worked example through a nested rewrite", () => {
    const f = native('=LTV(A1,B1,RETENTION_PERIODS(3,"year","quarter"),C1)');
    close(evaluate([415, 12, 5000], f), 54760);
  });
});
