/** The thin-data warnings: which facts raise which warning, and a sentence for each in both languages. */
import {
  FEW_CUSTOMERS,
  FEW_LAPSES,
  FEW_REPEAT_BUYERS,
  thinDataWarnings,
  type ThinDataWarning,
} from "../../src/core/thin-data";
import { warningText } from "../../src/i18n/warnings";

const healthy = {
  business: "repeat" as const,
  customers: 2000,
  repeatBuyers: 900,
  windowDays: 730,
  horizonDays: 1095.75,
  capped: [],
  model: "pnbd",
  interval: true,
};

describe("thinDataWarnings", () => {
  it("says nothing about a healthy ledger", () => {
    expect(thinDataWarnings(healthy)).toEqual([]);
  });
  it("120 customers, 40 repeat buyers, six months for a three-year horizon: three warnings, in order", () => {
    const w = thinDataWarnings({ ...healthy, customers: 120, repeatBuyers: 40, windowDays: 182 });
    expect(w.map((x) => x.code)).toEqual(["fewCustomers", "fewRepeatBuyers", "shortWindow"]);
    expect(w[0]).toEqual({ code: "fewCustomers", customers: 120, limit: FEW_CUSTOMERS });
  });
  it("with few customers, few repeat buyers is said only when they are a small share of them", () => {
    const w = thinDataWarnings({ ...healthy, customers: 40, repeatBuyers: 36 });
    expect(w.map((x) => x.code)).toEqual(["fewCustomers"]);
    const v = thinDataWarnings({ ...healthy, customers: 400, repeatBuyers: 90 });
    expect(v.map((x) => x.code)).toEqual(["fewRepeatBuyers"]);
  });
  it("at the limits: exactly the limit is not thin", () => {
    const w = thinDataWarnings({
      ...healthy,
      customers: FEW_CUSTOMERS,
      repeatBuyers: FEW_REPEAT_BUYERS,
      windowDays: healthy.horizonDays / 2,
    });
    expect(w).toEqual([]);
  });
  it("a capped shape, no dropout seen, no interval", () => {
    const w = thinDataWarnings({ ...healthy, capped: ["r"], model: "nbd", interval: false });
    expect(w.map((x) => x.code)).toEqual(["noInterval", "noDropoutSeen", "atBound"]);
  });
  it("a contract counts lapses, not repeat buyers", () => {
    const w = thinDataWarnings({ ...healthy, business: "contract", repeatBuyers: 12 });
    expect(w).toEqual([{ code: "fewLapses", cancelled: 12, limit: FEW_LAPSES }]);
  });
});

describe("warningText", () => {
  const all: ThinDataWarning[] = [
    { code: "noInterval" },
    { code: "fewCustomers", customers: 120, limit: 300 },
    { code: "fewRepeatBuyers", repeatBuyers: 40, customers: 120, limit: 100 },
    { code: "shortWindow", windowDays: 182.625, horizonDays: 1095.75 },
    { code: "atBound", parameters: ["r", "s"] },
    { code: "noDropoutSeen" },
    { code: "fewLapses", cancelled: 12, limit: 30 },
  ];
  it("one sentence per warning in each language, with its numbers and what would help", () => {
    for (const w of all) {
      const en = warningText(w, "en");
      const ja = warningText(w, "ja");
      expect(en).toMatch(/would help\.$/);
      expect(ja).toMatch(/改善します。$/);
      expect(ja).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    }
    expect(warningText(all[1], "en")).toContain("Only 120 customers");
    expect(warningText(all[3], "en")).toContain("6.0 months but the horizon is 36 months");
    expect(warningText(all[3], "ja")).toContain("6.0か月分");
  });
});
