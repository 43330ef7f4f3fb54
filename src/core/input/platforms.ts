/**
 * The exports of the platforms Japanese shops sell and keep books on, as their header rows name the ledger
 * columns: one table, used by `detectColumns` (./headers.ts) to recognise an export and take its columns by name.
 *
 * Each entry says where its header names were taken from. Platforms whose export header could not be found in a
 * published source (STORES, カラーミーショップ) are not listed: their files go through the general header words.
 * Pure data; O(1).
 */
import type { LedgerRole } from "./headers";

/** The platforms the table knows. */
export type PlatformId =
  | "shopify"
  | "base"
  | "rakuten"
  | "amazonOrders"
  | "amazonAllOrders"
  | "freee"
  | "moneyforward"
  | "yayoi";

/** One platform's export: how to recognise it and which of its columns is which. */
export interface PlatformExport {
  id: PlatformId;
  /** the platform and the export, as a person names them: "Shopify" + "orders export" */
  name: { en: string; ja: string };
  exportName: { en: string; ja: string };
  /** header cells that are all in the export's header row (compared after `normalizeHeader`) */
  signature: readonly string[];
  /** the header of each ledger column, as the export writes it; a role absent here is left to the general rules */
  roles: Partial<Record<LedgerRole, string>>;
  /** where the header names come from */
  source: string;
  /** what a reader must know about the file (rows that are not sales, repeated line items …), for the preview */
  note?: { en: string; ja: string };
}

export const PLATFORM_EXPORTS: readonly PlatformExport[] = [
  {
    id: "shopify",
    name: { en: "Shopify", ja: "Shopify" },
    exportName: { en: "orders export", ja: "注文エクスポート" },
    signature: ["Name", "Email", "Financial Status", "Created at", "Lineitem quantity"],
    roles: { customer: "Email", date: "Created at", amount: "Total", order: "Name" },
    source:
      "Shopify Help Center, 'Exporting orders' (the orders CSV format table; headers are English in every admin language)",
    note: {
      en: "One row per line item: an order's date and total are on its first row only.",
      ja: "商品ごとに 1 行です。注文日時と合計は注文の最初の行にだけあります。",
    },
  },
  {
    id: "base",
    name: { en: "BASE", ja: "BASE" },
    exportName: { en: "orders CSV", ja: "注文 CSV" },
    signature: ["注文ID", "注文日時", "メールアドレス(請求先)", "合計金額", "発送状況"],
    roles: {
      customer: "メールアドレス(請求先)",
      date: "注文日時",
      amount: "合計金額",
      order: "注文ID",
    },
    source:
      "BASE's order CSV header as reproduced by public tools that read it (no BASE help page with the header was found)",
    note: {
      en: "One row per item: check whether 合計金額 is the item's or the whole order's total.",
      ja: "商品ごとに 1 行です。合計金額が商品ごとか注文全体かを確かめてください。",
    },
  },
  {
    id: "rakuten",
    name: { en: "Rakuten Ichiba (RMS)", ja: "楽天市場（RMS）" },
    exportName: { en: "order data download", ja: "受注データ" },
    signature: ["受注番号", "注文日", "注文時間", "注文者名字", "メールアドレス"],
    roles: { customer: "メールアドレス", date: "注文日", order: "受注番号" },
    source:
      "RMS 'normal purchase data' (通常購入データ) columns as listed by a CRM's import specification; the amount column's name was not found, so the general words choose it",
  },
  {
    id: "amazonOrders",
    name: { en: "Amazon Seller Central", ja: "Amazon セラーセントラル" },
    exportName: { en: "order report", ja: "注文レポート" },
    signature: ["order-id", "order-item-id", "purchase-date", "buyer-email"],
    roles: {
      customer: "buyer-email",
      date: "purchase-date",
      amount: "item-price",
      order: "order-id",
    },
    source:
      "the flat-file order report (seller-fulfilled orders), as read by public integrations of Amazon's reports API",
    note: {
      en: "One row per item; buyer-email is Amazon's relay address, one per buyer.",
      ja: "商品ごとに 1 行です。buyer-email は購入者ごとの Amazon の中継アドレスです。",
    },
  },
  {
    id: "amazonAllOrders",
    name: { en: "Amazon Seller Central", ja: "Amazon セラーセントラル" },
    exportName: { en: "all orders report", ja: "全注文レポート" },
    signature: ["amazon-order-id", "merchant-order-id", "purchase-date", "order-status"],
    roles: { date: "purchase-date", amount: "item-price", order: "amazon-order-id" },
    source:
      "the flat-file all orders report, as read by public integrations of Amazon's reports API",
    note: {
      en: "This report has no buyer column, so it cannot tell customers apart: use the order report instead.",
      ja: "このレポートには購入者の列がないため、顧客を区別できません。注文レポートを使ってください。",
    },
  },
  {
    id: "freee",
    name: { en: "freee Accounting", ja: "freee会計" },
    exportName: { en: "transactions CSV", ja: "取引 CSV" },
    signature: ["収支区分", "管理番号", "発生日", "取引先", "勘定科目", "金額"],
    roles: { customer: "取引先", date: "発生日", amount: "金額", order: "管理番号" },
    source: "freee's transaction import/export format (its sample CSV's header row)",
    note: {
      en: "Holds income and expenses: keep only the rows whose 収支区分 is 収入.",
      ja: "収入と支出の両方を含みます。収支区分が「収入」の行だけにしてください。",
    },
  },
  {
    id: "moneyforward",
    name: { en: "Money Forward Cloud Accounting", ja: "マネーフォワード クラウド会計" },
    exportName: { en: "journal CSV", ja: "仕訳帳 CSV" },
    signature: ["取引No", "取引日", "借方勘定科目", "借方取引先", "貸方勘定科目", "貸方取引先"],
    roles: { customer: "借方取引先", date: "取引日", amount: "借方金額(円)", order: "取引No" },
    source: "Money Forward's journal CSV header as written by public tools that import into it",
    note: {
      en: "A journal: keep only the sales rows (debit 売掛金 with the customer as 取引先).",
      ja: "仕訳帳です。売上の行（借方が売掛金で取引先が顧客の行）だけにしてください。",
    },
  },
  {
    id: "yayoi",
    name: { en: "Yayoi Accounting", ja: "弥生会計" },
    exportName: { en: "journal (import format)", ja: "仕訳日記帳（インポート形式）" },
    signature: ["識別フラグ", "伝票No", "取引日付", "借方勘定科目", "借方補助科目", "借方金額"],
    roles: { customer: "借方補助科目", date: "取引日付", amount: "借方金額", order: "伝票No" },
    source:
      "Yayoi's 25-column journal import format, as written by public tools (the format itself may come without a header row)",
    note: {
      en: "A journal without a customer column: the customer is read from 借方補助科目 (売掛金 kept per customer); keep only the sales rows.",
      ja: "顧客の列がない仕訳帳です。顧客は借方補助科目（得意先別の売掛金）から読みます。売上の行だけにしてください。",
    },
  },
];
