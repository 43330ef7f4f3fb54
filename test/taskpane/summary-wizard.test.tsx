/**
 * @jest-environment jsdom
 */
/**
 * The wizard on a customer summary, against the Excel double (test/taskpane/fake-office.js): the range the
 * warehouse SQL returns (its eleven columns, a header, serial dates) is recognised as a customer summary, and the
 * sheet it writes computes — in HyperFormula, from the cells the writer wrote — the model parameters and the LTV
 * the same wizard writes from the order lines the summary was made from; the customer list is written, the cohort
 * value sheet is not, and the pane says why. Also: a summary the user chose by hand, and one it cannot read.
 */
import { act } from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { ledgerCustomerSummary } from "../../src/core/summary-route";
import { SHEET_LABELS } from "../../src/sheet/labels";
import { uiText } from "../../src/i18n/ui";
import { App } from "../../src/taskpane/App";
import { demoLedger, demoLines } from "../support/demo-ledger";
import { evaluateSnapshot, type WorkbookSnapshot } from "../sheet/evaluate";

const { createFakeOffice } = require("./fake-office.js");

(globalThis as unknown as { IS_REACT_ACT_ENVIRONMENT: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
jest.setTimeout(120_000);
// Fluent's popovers measure themselves; jsdom has no layout, so a stand-in that never reports
(globalThis as unknown as { ResizeObserver: unknown }).ResizeObserver = class {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
};

const ledger = demoLedger();
const t = ledgerCustomerSummary(ledger);
/** The demo ledger's summary as `ltv-workbook sql` returns it: eleven columns, dates as date cells (serials). */
const sqlRows: unknown[][] = [
  [
    ...["customer_id", "first_purchase", "last_purchase", "orders", "revenue", "average_order"],
    ...["repeat_purchases", "avg_repeat_spend", "first_amount", "recency_weeks", "t_weeks"],
  ],
  ...t.customers.map((c, i) => {
    const revenue = t.firstAmount![i] + t.repeats[i] * t.avgRepeat![i];
    return [
      c,
      t.first[i],
      t.last[i],
      t.repeats[i] + 1,
      revenue,
      revenue / (t.repeats[i] + 1),
      t.repeats[i],
      t.avgRepeat![i],
      t.firstAmount![i],
      (t.last[i] - t.first[i]) / 7,
      (Math.max(...t.last) - t.first[i]) / 7,
    ];
  }),
];
/** The route's five columns without a header, as a user might paste them. */
const fiveRows: unknown[][] = t.customers.map((c, i) => [
  c,
  t.first[i],
  t.last[i],
  t.repeats[i],
  t.repeats[i] === 0 ? "" : t.avgRepeat![i],
]);

type Fake = ReturnType<typeof createFakeOffice>;

function install(fake: Fake) {
  const g = globalThis as unknown as { Excel: unknown; Office: unknown };
  g.Excel = fake.Excel;
  g.Office = fake.Office;
}

async function open(lang: "en" | "ja" = "en") {
  const host = document.createElement("div");
  document.body.appendChild(host);
  await act(async () =>
    createRoot(host).render(
      <FluentProvider theme={webLightTheme}>
        <App initialLang={lang} />
      </FluentProvider>
    )
  );
  const q = (id: string) => host.querySelector(`[data-testid="${id}"]`) as HTMLElement | null;
  const click = async (id: string) => {
    const el = q(id);
    if (!el) throw new Error(`no ${id} in: ${host.textContent}`);
    await act(async () => el.click());
    // the reads and writes are promises resolved by the double: let them settle
    for (let k = 0; k < 20; k++) await act(async () => new Promise((r) => setTimeout(r, 0)));
  };
  const type = async (id: string, value: string) => {
    const el = q(id) as HTMLInputElement;
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!;
    await act(async () => {
      setter.call(el, value);
      el.dispatchEvent(new Event("input", { bubbles: true }));
    });
  };
  const choose = async (id: string, value: string) => {
    const el = q(id) as HTMLSelectElement;
    await act(async () => {
      el.value = value;
      el.dispatchEvent(new Event("change", { bubbles: true }));
    });
  };
  return { host, q, click, type, choose };
}

/** The ledger route from the range at `address` to the written sheet, with the customer list switched on. */
async function runWizard(fake: Fake, address: string, expectKind: "ledger" | "summary") {
  install(fake);
  const w = await open("en");
  await w.click("route-ledger");
  await w.click("next");
  await w.type("source", address);
  await w.click("read");
  expect((w.q("source-kind") as HTMLSelectElement).value).toBe(expectKind);
  await w.click("next");
  await w.type("acquisitionCost", "3000");
  await w.click("next");
  expect(w.q("review")).not.toBeNull();
  await w.click("customer-sheets");
  await w.click("write");
  expect(w.q("done")?.textContent ?? w.host.textContent).toBeTruthy();
  return w;
}

const MODEL_NAMES = ["Model_r", "Model_alpha", "Model_s", "Model_beta", "Model_a", "Model_b"];
const FIGURES = [
  "Input_FirstOrder",
  "Input_AvgOrder",
  "Input_Frequency",
  "Calc_Periods",
  "Calc_LTV_BeforeCosts",
  "Result_LTV",
  "Result_LTV_Low",
  "Result_LTV_High",
];

/** The calculation sheet alone and its names: the customer list's thousands of cells are not computed here. */
function only(snap: WorkbookSnapshot, sheet: string): WorkbookSnapshot {
  const quoted = /^[A-Za-z_][A-Za-z0-9_]*$/.test(sheet) ? sheet : `'${sheet}'`;
  return {
    sheets: { [sheet]: snap.sheets[sheet] },
    names: Object.fromEntries(
      Object.entries(snap.names).filter(([, n]) => n.ref.startsWith(`${quoted}!`))
    ),
  };
}

describe("the wizard writes the ledger route's sheet from a customer summary", () => {
  it("the SQL's eleven columns: recognised by the header; the sheet's model and LTV are the order lines' to 1e-9", async () => {
    const sheetName = SHEET_LABELS.en.sheetName;
    const fromLedger = createFakeOffice({ sheets: { Sales: demoLines() } });
    await runWizard(fromLedger, `Sales!A1:D${demoLines().length}`, "ledger");
    const fromSummary = createFakeOffice({ sheets: { Summary: sqlRows } });
    const w = await runWizard(fromSummary, `Summary!A1:K${sqlRows.length}`, "summary");

    const a = evaluateSnapshot(only(fromLedger.snapshot(), sheetName), sheetName);
    const b = evaluateSnapshot(only(fromSummary.snapshot(), sheetName), sheetName);
    expect(b.errors()).toEqual([]);
    let compared = 0;
    for (const name of [...MODEL_NAMES, ...FIGURES]) {
      const x = a.get(name);
      if (typeof x !== "number") continue;
      const y = b.get(name) as number;
      expect(Math.abs(y - x)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(x)));
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(9);
    // the list beside it, without the cohort value sheet; the last step says why
    const snap = fromSummary.snapshot();
    expect(snap.order).toContain("Customer list");
    expect(snap.order).not.toContain("Cohort value");
    expect(w.q("customer-done")?.textContent).toContain("'Customer list' written");
    expect(w.q("customer-done")?.textContent).not.toContain("Cohort value");
  });

  it("five headerless columns, recognised by their content, the choice switchable; the pane says what a summary lacks", async () => {
    const fake = createFakeOffice({ sheets: { Pasted: fiveRows } });
    install(fake);
    const w = await open("ja");
    await w.click("route-ledger");
    await w.click("next");
    await w.type("source", `Pasted!A1:E${fiveRows.length}`);
    await w.click("read");
    // recognised by its content; the user's choice switches it back and forth
    expect((w.q("source-kind") as HTMLSelectElement).value).toBe("summary");
    await w.choose("source-kind", "ledger");
    expect(w.q("summary-preview")).toBeNull();
    await w.choose("source-kind", "summary");
    const card = w.q("summary-preview")!.textContent!;
    expect(card).toContain(`顧客 ${t.customers.length} 人`);
    expect(w.q("summary-no-first")?.textContent).toBe(uiText("ja", "summaryPreviewNoFirst"));
    expect(w.q("summary-left-out")?.textContent).toBe(uiText("ja", "summaryLeftOut"));
    expect((w.q("next") as HTMLButtonElement).disabled).toBe(false);
  });

  it("a range that is no summary, chosen as one: the reader's message, in words, and no way on", async () => {
    const fake = createFakeOffice({ sheets: { Sales: demoLines() } });
    install(fake);
    const w = await open("en");
    await w.click("route-ledger");
    await w.click("next");
    await w.type("source", `Sales!A1:D${demoLines().length}`);
    await w.click("read");
    await w.choose("source-kind", "summary");
    expect(w.q("summary-error")?.textContent).toMatch(/summary, row \d+: .* is not a date/);
    expect((w.q("next") as HTMLButtonElement).disabled).toBe(true);
  });
});
