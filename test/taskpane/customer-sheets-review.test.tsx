/**
 * @jest-environment jsdom
 */
/**
 * The review step's cohort curves and payback in words (ledger route): the words give the figures the cohort
 * value sheet computes by formula (HyperFormula evaluates its COUNT / COUNTIF / MEDIAN over the MINIFS column),
 * at the boundaries (no cost typed, reached exactly, never reached), in English and Japanese; the chart draws the
 * sheet's cohorts and the CAC line; the switch says whether the two sheets are written.
 */
import { act } from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { cohortValueTable, paybackPeriod, paybackSummary } from "../../src/core/cohort-value";
import { demoLedger } from "../support/demo-ledger";
import { namedUnit } from "../../src/core/periods";
import type { Currency } from "../../src/core/input/currency";
import type { Lang } from "../../src/i18n/language";
import { uiText, type UiKey } from "../../src/i18n/ui";
import { buildCohortValuePlan, chartCohorts } from "../../src/sheet/cohort-value";
import type { CalculationPlan } from "../../src/sheet/types";
import { CustomerSheetsReview } from "../../src/taskpane/wizard/CustomerSheetsStep";
import type { WizardAction } from "../../src/taskpane/wizard/state";
import { evaluatePlan } from "../sheet/evaluate";

/** The currency a run in each language falls back to when the ledger names none. */
const CURRENCY: Record<Lang, Currency> = { en: "USD", ja: "JPY" };

(globalThis as unknown as { IS_REACT_ACT_ENVIRONMENT: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const ledger = demoLedger({ orders: false });
const MONTH = namedUnit("month");
const table = cohortValueTable(ledger, MONTH, { grossMargin: 0.4 });

async function render(lang: Lang, cost: number, on = false, currency: Currency = CURRENCY[lang]) {
  const host = document.createElement("div");
  document.body.appendChild(host);
  const actions: WizardAction[] = [];
  const t = (key: UiKey, params?: Record<string, string | number>) => uiText(lang, key, params);
  await act(async () =>
    createRoot(host).render(
      <FluentProvider theme={webLightTheme}>
        <CustomerSheetsReview
          lang={lang}
          ledger={ledger}
          period="month"
          grossMargin={0.4}
          acquisitionCost={cost}
          currency={currency}
          on={on}
          t={t}
          dispatch={(a) => actions.push(a)}
        />
      </FluentProvider>
    )
  );
  const text = (id: string) => host.querySelector(`[data-testid="${id}"]`)?.textContent ?? "";
  return { host, actions, text };
}

describe("the review's cohort curves against the acquisition cost", () => {
  const plan = buildCohortValuePlan(table, "en", {
    source: "x",
    now: new Date(2025, 0, 1),
    acquisitionCost: 0,
    grossMargin: 0.4,
  });
  const e = evaluatePlan(plan as unknown as CalculationPlan);
  /** The sheet's own figures for a cost typed in B4: COUNT of its paybacks and their MEDIAN. */
  const sheetFigures = (cost: number) => {
    e.hf.setCellContents({ sheet: e.sheet, row: 3, col: 1 }, cost);
    const paybacks = table.rows.map((_, h) => e.get(`C${7 + h}`));
    const numbers = paybacks
      .filter((p): p is number => typeof p === "number")
      .sort((a, b) => a - b);
    const m = numbers.length;
    const median =
      m === 0 ? null : m % 2 ? numbers[(m - 1) / 2] : (numbers[m / 2 - 1] + numbers[m / 2]) / 2;
    return { paid: m, median, sentence: String(e.get("A2")) };
  };

  it("gives the sheet's payback figures, for costs at the boundaries", () => {
    // a cost some cohort reaches exactly (its month-3 value), one nobody reaches, one in between
    const exact = table.rows.find((r) => r.customers > 0 && r.values[3] !== null)!.values[3]!;
    for (const cost of [exact, 250, 1e9, 0.01]) {
      const mine = paybackSummary(table, cost);
      const sheet = sheetFigures(cost);
      expect({ paid: mine.paid, median: mine.median }).toEqual({
        paid: sheet.paid,
        median: sheet.median,
      });
      table.rows.forEach((r, h) =>
        expect(mine.periods[h]).toBe(r.customers > 0 ? paybackPeriod(r.values, cost) : null)
      );
    }
    expect(paybackSummary(table, exact).periods).toContain(3);
    expect(paybackSummary(table, 1e9)).toMatchObject({ paid: 0, median: null });
  });

  it("says it in words, in English and Japanese; asks for the cost when none is typed", async () => {
    const cost = 250;
    const { paid, median } = sheetFigures(cost);
    const cohorts = table.rows.filter((r) => r.customers > 0).length;
    const en = await render("en", cost);
    expect(en.text("payback")).toBe(
      `${paid} of ${cohorts} cohorts have earned back the acquisition cost of $250.00 per customer; the median payback is month ${median}, counting the month of the first purchase as month 0.`
    );
    // the sheet's sentence says the same (its number of cohorts and median as the engine computes them)
    expect(sheetFigures(cost).sentence).toContain(`${paid} of ${cohorts} cohorts`);
    const ja = await render("ja", cost);
    expect(ja.text("payback")).toBe(
      `${cohorts} コホートのうち ${paid} コホートが1人あたりの獲得コスト ￥250 を回収済みです。回収期間の中央値は初回購入から ${median} か月目（0 は初回購入の月）です。`
    );
    expect((await render("ja", 0)).text("payback")).toBe(uiText("ja", "paybackAsk"));
    expect((await render("en", 1e9)).text("payback")).toBe(
      `None of the ${cohorts} cohorts has earned back the acquisition cost of $1,000,000,000.00 per customer yet.`
    );
    // the CAC as the rest of the review writes money: the ledger's currency, its one rounding rule
    expect((await render("ja", 1e9, false, "USD")).text("payback")).toContain(
      "1人あたりの獲得コスト $1,000,000,000.00 をまだ回収していません"
    );
    expect((await render("en", 1234.5, false, "JPY")).text("payback")).toContain(
      "the acquisition cost of ¥1,235 per customer"
    );
  });

  it("draws the sheet's cohorts and the CAC line; the switch asks for the two sheets", async () => {
    const r = await render("en", 250);
    expect(r.host.querySelectorAll('[data-testid="cohort-curve"]')).toHaveLength(
      chartCohorts(table).length
    );
    expect(chartCohorts(table).length).toBeGreaterThan(1);
    expect(r.host.querySelector('[data-testid="cac-line"]')).not.toBeNull();
    expect(r.text("cohort-review")).toContain("Acquisition cost");
    expect((await render("en", 0)).host.querySelector('[data-testid="cac-line"]')).toBeNull();
    const input = r.host.querySelector('[data-testid="customer-sheets"]') as HTMLInputElement;
    await act(async () => input.click());
    expect(r.actions).toEqual([{ type: "customerSheets", on: true }]);
    expect(r.host.textContent).toContain("'Customer list'");
  });
});
