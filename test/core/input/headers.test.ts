import {
  detectColumns,
  headerScore,
  normalizeHeader,
  roleOfHeader,
} from "../../../src/core/input/headers";

describe("header words name ledger columns in Japanese and English", () => {
  it.each([
    ["顧客ID", "customer"],
    ["顧客番号", "customer"],
    ["得意先コード", "customer"],
    ["Customer ID", "customer"],
    ["customer_id", "customer"],
    ["購入日", "date"],
    ["注文日", "date"],
    ["売上日", "date"],
    ["日付", "date"],
    ["Order Date", "date"],
    ["date", "date"],
    ["金額", "amount"],
    ["売上", "amount"],
    ["売上金額", "amount"],
    ["税込金額", "amount"],
    ["Amount", "amount"],
    ["sales", "amount"],
    ["Total", "amount"],
    ["dollars", "amount"],
    ["注文番号", "order"],
    ["伝票番号", "order"],
    ["受注番号", "order"],
    ["Order ID", "order"],
    ["Invoice", "order"],
    ["ＣＵＳＴＯＭＥＲ－ＩＤ", "customer"],
  ])("%s is the %s column", (header, role) => {
    expect(roleOfHeader(header)).toBe(role);
  });

  it("leaves unrelated headers and non-text cells unmatched", () => {
    expect(roleOfHeader("備考")).toBeUndefined();
    expect(roleOfHeader("cds")).toBeUndefined();
    expect(roleOfHeader(42)).toBeUndefined();
    expect(headerScore(null, "amount")).toBe(0);
  });

  it("normalises width, case, spaces and punctuation", () => {
    expect(normalizeHeader(" 顧客 ＩＤ ")).toBe("顧客id");
    expect(normalizeHeader("Order-No.")).toBe("orderno");
  });
});

describe("detectColumns", () => {
  it("maps a Japanese header row, whatever the column order", () => {
    const d = detectColumns([
      ["注文番号", "金額", "顧客ID", "購入日", "備考"],
      ["A-1", 1200, "C1", "2024/1/5", ""],
      ["A-2", 800, "C2", "2024/1/6", "x"],
    ]);
    expect(d.hasHeader).toBe(true);
    expect(d.mapping).toEqual({ order: 0, amount: 1, customer: 2, date: 3 });
    expect(d.how.customer).toBe("header");
  });

  it("maps the CDNOW headers (customer_id, date, cds, dollars) and leaves the count column alone", () => {
    const d = detectColumns([
      ["customer_id", "date", "cds", "dollars"],
      ["00001", 19970101, 1, 11.77],
      ["00002", 19970112, 1, 12.0],
    ]);
    expect(d.mapping).toEqual({ customer: 0, date: 1, amount: 3 });
  });

  it("falls back to content for a role the header does not name", () => {
    const d = detectColumns([
      ["who", "購入日", "金額"],
      ["C1", "2024/1/5", 100],
      ["C1", "2024/2/5", 100],
      ["C2", "2024/2/6", 300],
    ]);
    expect(d.mapping).toEqual({ customer: 0, date: 1, amount: 2 });
    expect(d.how.customer).toBe("content");
  });

  it("guesses every column from content when there is no header", () => {
    const rows = [];
    for (let i = 0; i < 30; i++)
      rows.push([
        `ORD-${i}`,
        `${2024}/${1 + (i % 12)}/${1 + (i % 28)}`,
        `C${i % 7}`,
        100 + i * 10.5,
      ]);
    const d = detectColumns(rows);
    expect(d.hasHeader).toBe(false);
    expect(d.mapping).toEqual({ order: 0, date: 1, customer: 2, amount: 3 });
  });

  it("tells date serials from amounts without a header", () => {
    const rows = [];
    for (let i = 0; i < 20; i++) rows.push([1000 + (i % 5), 45290 + i, 1980 + i * 3.5]);
    const d = detectColumns(rows);
    expect(d.mapping.date).toBe(1);
    expect(d.mapping.amount).toBe(2);
    expect(d.mapping.customer).toBe(0);
  });

  it("returns an empty mapping for an empty block", () => {
    expect(detectColumns([])).toEqual({ mapping: {}, hasHeader: false, how: {} });
  });
});
