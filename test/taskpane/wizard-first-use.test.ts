/**
 * What the wizard tells a first-time user about their ledger and money, without a browser: every row it did not
 * use is counted (the header, blank rows, unreadable rows), the first orders are shown as read, and money is shown
 * with its currency's sign and one rounding rule (the sheet's).
 */
import { formatError } from "../../src/i18n/messages";
import { currencyFor, moneyText, previewLedger, PREVIEW_ROWS } from "../../src/taskpane/model";

describe("the ledger preview counts and explains every row it did not use", () => {
  const rows = [
    ["顧客ID", "購入日", "金額"],
    ["C1", "2024/1/5", "¥1,200"],
    [null, null, null],
    ["C2", "2024/1/6", 800],
    ["C1", "not a date", 500],
    ["", "", ""],
    ["C2", "2024/2/6", 900],
  ];

  it("the header, the blank rows and the unreadable rows, each with its count", () => {
    const p = previewLedger(rows, { customer: 0, date: 1, amount: 2 });
    expect(p.header).toBe(true);
    expect(p.blankRows).toBe(2);
    expect(p.skipped).toBe(1);
    expect(p.usedRows).toBe(3);
    // every row of the range is accounted for
    expect(Number(p.header) + p.blankRows + p.skipped + p.usedRows).toBe(rows.length);
  });

  it.each([
    ["en", "Order date, row "],
    ["ja", "購入日（"],
  ] as const)(
    "%s: a skipped row's message names the column in the user's words, not a function's argument",
    (lang, where) => {
      const p = previewLedger(rows, { customer: 0, date: 1, amount: 2 }, 1900, lang);
      const sk = p.ledger.skipped[0];
      const text = formatError(
        { kind: "badValue", code: sk.reason, arg: sk.arg, row: sk.row, value: sk.value },
        lang
      );
      expect(text.startsWith(where)).toBe(true);
      expect(text).not.toMatch(/order_dates|amounts|customer_ids/);
    }
  );

  it("shows the first orders as read, with their row in the range", () => {
    const p = previewLedger(rows, { customer: 0, date: 1, amount: 2 });
    expect(p.firstRows).toEqual([
      { row: 2, customer: "C1", date: "2024-01-05", amount: 1200 },
      { row: 4, customer: "C2", date: "2024-01-06", amount: 800 },
      { row: 7, customer: "C2", date: "2024-02-06", amount: 900 },
    ]);
    const many = [
      ["id", "date", "amount"],
      ...Array.from({ length: 20 }, (_, i) => [`C${i}`, "2024/1/5", 100]),
    ];
    expect(previewLedger(many, { customer: 0, date: 1, amount: 2 }).firstRows).toHaveLength(
      PREVIEW_ROWS
    );
    // in Japanese, dates as the Japanese sheet shows them
    const ja = previewLedger(rows, { customer: 0, date: 1, amount: 2 }, 1900, "ja");
    expect(ja.firstRows[0].date).toBe("2024/01/05");
    expect([ja.first, ja.last]).toEqual(["2024/01/05", "2024/02/06"]);
  });
});

describe("money in the wizard: the ledger's currency, else the language's, one rounding rule", () => {
  it("takes yen from a ¥ in the amounts, dollars from a $, else the language's", () => {
    expect(currencyFor("en", [["a", "¥1,200"]], 1)).toBe("JPY");
    expect(currencyFor("ja", [["a", "$12.50"]], 1)).toBe("USD");
    expect(currencyFor("ja", [["a", 1200]], 1)).toBe("JPY");
    expect(currencyFor("en", [["a", 1200]], 1)).toBe("USD");
    expect(currencyFor("en")).toBe("USD");
  });

  it("yen without decimals, dollars with cents, in either language", () => {
    expect(moneyText(987.4, "ja", "JPY")).toBe("￥987");
    expect(moneyText(987.4, "en", "JPY")).toBe("¥987");
    expect(moneyText(133683.181, "en", "USD")).toBe("$133,683.18");
    expect(moneyText(5, "en", "USD")).toBe("$5.00");
  });
});
