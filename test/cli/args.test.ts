import { defaultOutput, parseArgs, parseLifespan } from "../../src/cli/args";
import { CliError } from "../../src/cli/errors";

function usageError(argv: string[]): CliError {
  try {
    parseArgs(argv);
  } catch (e) {
    if (e instanceof CliError) return e;
    throw e;
  }
  throw new Error("expected a usage error");
}

describe("ltv-workbook's command line", () => {
  it("reads the options of the issue, with Japanese units and percentages", () => {
    const o = parseArgs([
      "ledger.csv",
      "-o",
      "ltv.xlsx",
      "--period",
      "四半期",
      "--lifespan",
      "3y",
      "--margin",
      "40%",
      "--discount-rate",
      "0.02",
      "--acquisition-cost",
      "¥5,000",
      "--retention-cost",
      "1200",
      "--lang",
      "ja",
      "--customer",
      "顧客ID",
      "--date=C",
      "--amount",
      "4",
      "--order",
      "注文番号",
    ]);
    expect(o).toMatchObject({
      input: "ledger.csv",
      output: "ltv.xlsx",
      period: "quarter",
      margin: 0.4,
      discountRate: 0.02,
      acquisitionCost: 5000,
      retentionCost: 1200,
      lang: "ja",
      columns: { customer: "顧客ID", date: "C", amount: "4", order: "注文番号" },
    });
    // --lifespan is read as the horizon (the ledger's model gives how long customers stay)
    expect(o.horizon?.amount).toBe(3);
    expect(o.horizon?.unit.name).toBe("year");
    expect(o.business).toBe("repeat");
    expect(o.model).toBe("auto");
  });

  it("defaults: month, output beside the input, language from LANG", () => {
    const o = parseArgs(["data/ledger.csv"], { LANG: "ja_JP.UTF-8" });
    expect(o.period).toBe("month");
    expect(o.output).toBe("data/ledger-ltv.xlsx");
    expect(o.lang).toBe("ja");
    expect(parseArgs(["a.csv"], {}).lang).toBe("en");
    expect(defaultOutput("x.tsv")).toBe("x-ltv.xlsx");
  });

  it("reads lifespans in any unit the core knows", () => {
    expect(parseLifespan("18か月").unit.name).toBe("month");
    expect(parseLifespan("12q").unit.name).toBe("quarter");
    expect(parseLifespan("2").unit.name).toBe("year");
    expect(parseLifespan("3 years").amount).toBe(3);
  });

  it("reads the horizon, the kind of business and the model", () => {
    const o = parseArgs(["a.csv", "--horizon", "36m", "--business", "契約", "--model", "BG/NBD"]);
    expect(o.horizon).toMatchObject({ amount: 36, unit: { name: "month" } });
    expect(o.business).toBe("contract");
    expect(o.model).toBe("bgnbd");
    // --periods N is N periods of the chosen period
    expect(parseArgs(["a.csv", "--period", "quarter", "--periods", "12"]).horizon).toMatchObject({
      amount: 12,
      unit: { name: "quarter" },
    });
    expect(parseArgs(["a.csv"]).horizon).toBeUndefined();
    expect(usageError(["a.csv", "--horizon", "0y"]).message).toMatch(/--horizon/);
    expect(usageError(["a.csv", "--business", "shop"]).message).toMatch(/repeat, contract/);
    expect(usageError(["a.csv", "--model", "magic"]).message).toMatch(/auto, pnbd, bgnbd/);
    expect(usageError(["a.csv", "--horizon", "3y", "--periods", "12"]).code).toBe(
      "conflictingOptions"
    );
  });

  it("refuses bad command lines with exit code 2 and says what is accepted", () => {
    expect(usageError([]).code).toBe("noInput");
    expect(usageError(["a.csv", "--bogus"]).message).toMatch(/Unknown option --bogus/);
    expect(usageError(["a.csv", "-o"]).message).toMatch(/needs a value/);
    expect(usageError(["a.csv", "--period", "week"]).message).toMatch(/month, quarter or year/);
    expect(usageError(["a.csv", "--margin", "1.5"]).message).toMatch(
      /--margin: '1.5' is not valid/
    );
    expect(usageError(["a.csv", "--periods", "12", "--lifespan", "3y"]).code).toBe(
      "conflictingOptions"
    );
    expect(
      usageError(["a.csv", "--retention-cost", "1", "--retention-cost-per-period", "1"]).code
    ).toBe("conflictingOptions");
    expect(usageError(["a.csv", "--lifespan", "forever"]).code).toBe("badOptionValue");
    expect(usageError(["a.csv", "--encoding", "latin1"]).code).toBe("badOptionValue");
    for (const a of [[], ["a.csv", "--bogus"], ["a.csv", "--margin", "x"]])
      expect(usageError(a).exit).toBe(2);
  });
});
