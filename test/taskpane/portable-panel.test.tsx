/**
 * @jest-environment jsdom
 */
import { act } from "react";
import { createRoot } from "react-dom/client";
import { PortablePanel } from "../../src/taskpane/portable/PortablePanel";
import { FakeExcel, installExcelEnums, type FakeCell } from "./portable-fake";

(globalThis as unknown as { IS_REACT_ACT_ENVIRONMENT: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
beforeAll(installExcelEnums);
// jsdom has no layout: Fluent's MessageBar only needs ResizeObserver to exist
(globalThis as unknown as { ResizeObserver: unknown }).ResizeObserver ??= class {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
};

function button(root: HTMLElement, text: string): HTMLButtonElement {
  const b = [...root.querySelectorAll("button")].find((x) => x.textContent === text);
  if (!b) throw new Error(`no button '${text}' in: ${root.textContent}`);
  return b as HTMLButtonElement;
}

it("counts, asks, makes the sheet portable and undoes it (Japanese)", async () => {
  const xl = new FakeExcel({
    計算: {
      B1: 100,
      B2: 25,
      B3: { formula: "=LTV_CAC(B1,B2)", value: 4 } as FakeCell,
      B4: { formula: "=FREQ(A:A,B:B)", value: 2 } as FakeCell,
    },
  });
  const ctx = xl.context();
  const run = <T,>(body: (c: Excel.RequestContext) => Promise<T>) => body(ctx);
  const host = document.createElement("div");
  document.body.appendChild(host);
  await act(async () => createRoot(host).render(<PortablePanel lang="ja" run={run} />));
  await act(async () => button(host, "確認する").click());
  expect(host.textContent).toContain(
    "シート「計算」の 2 セルが変わります：1 セルは Excel の数式に、1 セルは値になります。"
  );
  expect(xl.log).toEqual([]);
  await act(async () => button(host, "置き換える").click());
  expect(host.textContent).toContain("2 セルを置き換えました。");
  expect(xl.shown("計算", "B3")).toBe("=B1/B2");
  expect(xl.shown("計算", "B4")).toBe(2);
  await act(async () => button(host, "直前の置き換えを元に戻す").click());
  expect(host.textContent).toContain("2 セルの数式を元に戻しました。");
  expect(xl.shown("計算", "B3")).toBe("=LTV_CAC(B1,B2)");
});

/** A panel over a workbook whose apply fails half-way; `takeBackFails`: the clean-up's syncs fail too. */
async function failingApply(takeBackFails: boolean) {
  const xl = new FakeExcel({
    Model: {
      B1: 100,
      B2: 25,
      B3: { formula: "=LTV_CAC(B1,B2)", value: 4 } as FakeCell,
      B4: { formula: "=FREQ(A:A,B:B)", value: 2 } as FakeCell,
    },
  });
  const ctx = xl.context();
  const sync = ctx.sync.bind(ctx);
  let calls = 0;
  let failFrom = Infinity;
  let failUntil = Infinity;
  // from sync `failFrom` to `failUntil`: fail (Excel stops at the failing operation)
  (ctx as { sync: () => Promise<void> }).sync = async () => {
    calls++;
    if (calls < failFrom || calls > failUntil) return sync();
    const internal = xl as unknown as { queue: Array<() => void> };
    // the first failing request applied all but its last write; later ones (the clean-up) nothing
    internal.queue = calls === failFrom ? internal.queue.slice(0, -1) : [];
    await sync();
    throw new Error("GeneralException: injected failure");
  };
  const run = <T,>(body: (c: Excel.RequestContext) => Promise<T>) => body(ctx);
  const host = document.createElement("div");
  document.body.appendChild(host);
  await act(async () => createRoot(host).render(<PortablePanel lang="en" run={run} />));
  await act(async () => button(host, "Check").click());
  expect(host.textContent).not.toContain("Undo the last change");
  // applyPortable reads once, then writes: fail its write request (and, if asked, the clean-up after it)
  failFrom = calls + 2;
  failUntil = takeBackFails ? failFrom + 1 : failFrom;
  await act(async () => button(host, "Make portable").click());
  expect(host.textContent).toContain("injected failure");
  return { xl, host };
}

it("takes back an apply that failed half-way: the converted cells get their formulas again", async () => {
  const { xl, host } = await failingApply(false);
  expect(xl.shown("Model", "B3")).toBe("=LTV_CAC(B1,B2)");
  expect(xl.sheet("LTV_Portable_Undo")).toBeUndefined();
  expect(host.textContent).not.toContain("Undo the last change");
});

it("offers Undo when even taking back failed, so the cells it did convert can be restored", async () => {
  const { xl, host } = await failingApply(true);
  expect(xl.shown("Model", "B3")).toBe("=B1/B2"); // converted before the failure
  await act(async () => button(host, "Undo the last change").click());
  expect(xl.shown("Model", "B3")).toBe("=LTV_CAC(B1,B2)");
});
