/**
 * Column detection on the header rows the platforms export, copied as each platform writes them (the source of
 * each is in src/core/input/platforms.ts): every export is named, and its customer, date, amount and order
 * columns are the ones a person reading the file would pick. The expected columns are given here by their header
 * text, independently of the table.
 */
import { detectColumns, detectPlatform } from "../../../src/core/input/headers";
import { PLATFORM_EXPORTS } from "../../../src/core/input/platforms";
import { platformText, UI_TEXT } from "../../../src/i18n/ui";

const SHOPIFY =
  "Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem compare at price,Lineitem sku,Lineitem requires shipping,Lineitem taxable,Lineitem fulfillment status,Billing Name,Billing Street,Billing Address1,Billing Address2,Billing Company,Billing City,Billing Zip,Billing Province,Billing Country,Billing Phone,Shipping Name,Shipping Street,Shipping Address1,Shipping Address2,Shipping Company,Shipping City,Shipping Zip,Shipping Province,Shipping Country,Shipping Phone,Notes,Note Attributes,Cancelled at,Payment Method,Payment Reference,Refunded Amount,Vendor,Id,Tags,Risk Level,Source,Lineitem discount".split(
    ","
  );
const BASE =
  "注文ID,注文日時,氏(請求先),名(請求先),郵便番号(請求先),都道府県(請求先),住所(請求先),住所2(請求先),電話番号(請求先),メールアドレス(請求先),氏(配送先),名(配送先),郵便番号(配送先),都道府県(配送先),住所(配送先),住所2(配送先),電話番号(配送先),備考,商品名,バリエーション,価格,税率,数量,合計金額,送料,支払い方法,代引き手数料,発送状況,商品ID,種類ID,購入元,配送日,配送時間帯,注文メモ,調整金額".split(
    ","
  );
const RAKUTEN =
  "受注番号,受注ステータス,注文日,注文時間,メールアドレス,注文者名字,注文者名前,注文者名字フリガナ,注文者名前フリガナ,注文者郵便番号1,注文者郵便番号2,商品名,商品番号,単価,個数,合計金額".split(
    ","
  );
const AMAZON_ORDERS =
  "order-id\torder-item-id\tpurchase-date\tpayments-date\tbuyer-email\tbuyer-name\tbuyer-phone-number\tsku\tproduct-name\tquantity-purchased\tcurrency\titem-price\titem-tax\tshipping-price\tshipping-tax\tship-service-level\trecipient-name\tship-address-1\tship-address-2\tship-address-3\tship-city\tship-state\tship-postal-code\tship-country\tship-phone-number".split(
    "\t"
  );
const AMAZON_ALL =
  "amazon-order-id\tmerchant-order-id\tpurchase-date\tlast-updated-date\torder-status\tfulfillment-channel\tsales-channel\torder-channel\turl\tship-service-level\tproduct-name\tsku\tasin\titem-status\tquantity\tcurrency\titem-price\titem-tax\tshipping-price\tshipping-tax\tgift-wrap-price\tgift-wrap-tax\titem-promotion-discount\tship-promotion-discount\tship-city\tship-state\tship-postal-code\tship-country\tpromotion-ids".split(
    "\t"
  );
const FREEE =
  "収支区分,管理番号,発生日,決済期日,取引先コード,取引先,勘定科目,税区分,金額,税計算区分,税額,備考,品目,部門,メモタグ（複数指定可、カンマ区切り）,セグメント1,セグメント2,セグメント3,決済日,決済口座,決済金額".split(
    ","
  );
const MONEYFORWARD =
  "取引No,取引日,借方勘定科目,借方補助科目,借方部門,借方取引先,借方税区分,借方インボイス,借方金額(円),借方税額,貸方勘定科目,貸方補助科目,貸方部門,貸方取引先,貸方税区分,貸方インボイス,貸方金額(円),貸方税額,摘要,仕訳メモ,タグ,MF仕訳タイプ,決算整理仕訳".split(
    ","
  );
const YAYOI =
  "識別フラグ,伝票No,決算,取引日付,借方勘定科目,借方補助科目,借方部門,借方税区分,借方金額,借方税金額,貸方勘定科目,貸方補助科目,貸方部門,貸方税区分,貸方金額,貸方税金額,摘要,番号,期日,タイプ,生成元,仕訳メモ,付箋1,付箋2,調整".split(
    ","
  );

/** A data row under a header: text everywhere, a date and an amount where the test says. */
function row(header: string[], values: Record<string, string>): string[] {
  return header.map((h) => values[h] ?? "x");
}

const CASES: [string, string[], Record<string, string | undefined>, Record<string, string>][] = [
  [
    "shopify",
    SHOPIFY,
    { customer: "Email", date: "Created at", amount: "Total", order: "Name" },
    {
      Email: "a@example.com",
      "Created at": "2024-05-01 10:00:00 +0900",
      Total: "5400",
      Name: "#1001",
    },
  ],
  [
    "base",
    BASE,
    {
      customer: "メールアドレス(請求先)",
      date: "注文日時",
      amount: "合計金額",
      order: "注文ID",
    },
    {
      "メールアドレス(請求先)": "a@example.jp",
      注文日時: "2024/05/01 10:00",
      合計金額: "3300",
      注文ID: "A1B2",
    },
  ],
  [
    "rakuten",
    RAKUTEN,
    // the amount column is not named by the table: the general words take 合計金額
    { customer: "メールアドレス", date: "注文日", amount: "合計金額", order: "受注番号" },
    {
      メールアドレス: "a@example.jp",
      注文日: "2024/05/01",
      合計金額: "3300",
      受注番号: "123-20240501-0001",
    },
  ],
  [
    "amazonOrders",
    AMAZON_ORDERS,
    { customer: "buyer-email", date: "purchase-date", amount: "item-price", order: "order-id" },
    {
      "buyer-email": "x@marketplace.amazon.co.jp",
      "purchase-date": "2024-05-01T10:00:00+09:00",
      "item-price": "1980",
      "order-id": "250-1-2",
    },
  ],
  [
    "freee",
    FREEE,
    { customer: "取引先", date: "発生日", amount: "金額", order: "管理番号" },
    { 取引先: "株式会社A", 発生日: "2024/05/01", 金額: "110000", 管理番号: "INV-1" },
  ],
  [
    "moneyforward",
    MONEYFORWARD,
    { customer: "借方取引先", date: "取引日", amount: "借方金額(円)", order: "取引No" },
    { 借方取引先: "株式会社A", 取引日: "2024/05/01", "借方金額(円)": "110000", 取引No: "1" },
  ],
  [
    "yayoi",
    YAYOI,
    { customer: "借方補助科目", date: "取引日付", amount: "借方金額", order: "伝票No" },
    { 借方補助科目: "A商店", 取引日付: "2024/05/01", 借方金額: "110000", 伝票No: "1" },
  ],
];

describe("platform exports", () => {
  it.each(CASES)("%s: named, and its columns detected", (id, header, expected, values) => {
    const d = detectColumns([header, row(header, values)]);
    expect(d.platform?.id).toBe(id);
    expect(d.hasHeader).toBe(true);
    for (const role of ["customer", "date", "amount", "order"] as const)
      expect([role, d.mapping[role]]).toEqual([role, header.indexOf(expected[role] as string)]);
  });

  it("amazon's all orders report: named, with no customer column to find", () => {
    const d = detectColumns([
      AMAZON_ALL,
      row(AMAZON_ALL, { "purchase-date": "2024-05-01T10:00:00Z", "item-price": "1980" }),
    ]);
    expect(d.platform?.id).toBe("amazonAllOrders");
    expect(d.mapping.date).toBe(AMAZON_ALL.indexOf("purchase-date"));
    expect(d.mapping.amount).toBe(AMAZON_ALL.indexOf("item-price"));
    expect(d.mapping.order).toBe(AMAZON_ALL.indexOf("amazon-order-id"));
    expect(d.platform?.note?.en).toMatch(/no buyer column/);
  });

  it("finds an export whatever its column order, in full-width or spaced text", () => {
    const shuffled = [...SHOPIFY].reverse().map((h) => (h === "Created at" ? "CREATED AT" : h));
    const d = detectColumns([shuffled]);
    expect(d.platform?.id).toBe("shopify");
    expect(d.mapping.date).toBe(shuffled.indexOf("CREATED AT"));
    expect(
      detectPlatform(["ｏｒｄｅｒ－ｉｄ", "order item id", "purchase_date", "buyer-email"])
        ?.platform.id
    ).toBe("amazonOrders");
  });

  it("names no platform for the project's own ledgers or a header missing a signature column", () => {
    expect(detectColumns([["顧客ID", "購入日", "金額", "注文番号"]]).platform).toBeUndefined();
    expect(detectColumns([["customer_id", "date", "cds", "dollars"]]).platform).toBeUndefined();
    const noLineItems = SHOPIFY.filter((h) => h !== "Lineitem quantity");
    const d = detectColumns([noLineItems]);
    expect(d.platform).toBeUndefined();
    // the general words alone take the leftmost money word, Subtotal, and no customer column: why the table exists
    expect(d.mapping.amount).toBe(noLineItems.indexOf("Subtotal"));
    expect(d.mapping.customer).toBeUndefined();
  });

  it("every entry's signature and role headers are distinct after normalisation, and say where they come from", () => {
    for (const p of PLATFORM_EXPORTS) {
      expect(p.source.length).toBeGreaterThan(20);
      const own = detectPlatform([...p.signature, ...Object.values(p.roles)]);
      expect(own?.platform.id).toBe(p.id);
    }
  });

  it("the preview sentence in both languages", () => {
    const shopify = PLATFORM_EXPORTS.find((p) => p.id === "shopify")!;
    expect(platformText("ja", shopify)).toMatch(
      /^Shopify の注文エクスポートとして読み込みました。商品ごとに/
    );
    expect(platformText("en", shopify)).toMatch(
      /^Read as a Shopify orders export\. One row per line item/
    );
    expect(Object.keys(UI_TEXT.ja)).toEqual(Object.keys(UI_TEXT.en));
    for (const p of PLATFORM_EXPORTS) {
      expect(platformText("ja", p)).not.toMatch(/\{/);
      if (p.note) expect(p.note.ja).toMatch(/[。]$/);
    }
  });
});
