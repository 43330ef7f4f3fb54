/**
 * The words of the ranked customer list and of the cumulative cohort values, in English and Japanese: the spills'
 * headers and the segment names (also written on the customer list sheet, whose colours key on them).
 */
import type { Segment } from "../core/customer-value";
import type { Lang } from "./language";

/** CUSTOMER_VALUE's header, in its column order. */
export const CUSTOMER_VALUE_HEADERS: Readonly<Record<Lang, readonly string[]>> = {
  en: [
    "customer",
    "probability still active",
    "expected purchases",
    "expected revenue",
    "rank",
    "segment",
  ],
  ja: ["顧客ID", "継続している確率", "期待購入回数", "期待売上", "順位", "セグメント"],
};

/** The segments as people read them. */
export const SEGMENT_NAMES: Readonly<Record<Lang, Readonly<Record<Segment, string>>>> = {
  en: {
    best: "Best",
    followUp: "Follow up",
    regular: "Regular",
    dormant: "Dormant",
    new: "New",
  },
  ja: {
    best: "優良",
    followUp: "要フォロー",
    regular: "通常",
    dormant: "休眠",
    new: "新規",
  },
};

/** COHORT_TABLE "ltv" with a group column: the group's header, and the label of a blank group cell. */
export const GROUP_WORDS: Readonly<Record<Lang, { header: string; blank: string }>> = {
  en: { header: "group", blank: "(blank)" },
  ja: { header: "グループ", blank: "（空白）" },
};
