import { readMetadata } from "./dist";
import { FUNCTIONS_JA } from "../../src/i18n/functions";
import { missingTranslations } from "../../src/i18n/localize-metadata";

const FOUNDATION = ["LTV", "AVG_ORDER", "FREQ", "RETENTION_PERIODS"];

describe("the built function metadata", () => {
  const en = readMetadata("functions.json");
  const ja = readMetadata("functions.ja.json");

  it("declares the foundation functions under their ASCII ids, with no namespace in the ids", () => {
    const ids = en.functions.map((f) => f.id);
    for (const id of FOUNDATION) expect(ids).toContain(id);
    for (const f of en.functions) {
      expect(f.id).toMatch(/^[A-Z][A-Z0-9_]*$/);
      expect(f.name).toBe(f.id);
    }
  });

  it("describes every function and parameter in English", () => {
    for (const f of en.functions) {
      expect(f.description?.length ?? 0).toBeGreaterThan(10);
      for (const p of f.parameters ?? [])
        expect(`${f.id}.${p.name}: ${p.description ?? ""}`).toMatch(/: .{5,}/);
    }
  });

  it("has the same functions, ids, types and options in Japanese, with Japanese texts", () => {
    expect(missingTranslations(en, FUNCTIONS_JA)).toEqual([]);
    expect(ja.functions.map((f) => f.id)).toEqual(en.functions.map((f) => f.id));
    en.functions.forEach((f, i) => {
      const j = ja.functions[i];
      expect(j.name).toBe(f.name);
      expect(j.options).toEqual(f.options);
      expect(j.result?.dimensionality).toEqual(f.result?.dimensionality);
      expect(j.description).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(j.parameters?.map((p) => [p.type, p.dimensionality, p.optional])).toEqual(
        f.parameters?.map((p) => [p.type, p.dimensionality, p.optional])
      );
      for (const p of j.parameters ?? []) {
        expect(p.name).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
        expect(p.description).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      }
    });
  });

  it("takes ledger arguments as ranges and scalars as raw values", () => {
    const avg = en.functions.find((f) => f.id === "AVG_ORDER")!;
    expect(avg.parameters?.[0]).toMatchObject({ name: "amounts", dimensionality: "matrix" });
    expect(avg.parameters?.[1]).toMatchObject({ name: "order_ids", optional: true });
    const ltv = en.functions.find((f) => f.id === "LTV")!;
    expect(ltv.parameters?.map((p) => p.name)).toEqual([
      "avg_order",
      "frequency",
      "periods",
      "acquisition_cost",
      "retention_cost",
      "gross_margin",
      "discount_rate",
    ]);
    expect(ltv.parameters?.slice(3).every((p) => p.optional)).toBe(true);
  });
});
