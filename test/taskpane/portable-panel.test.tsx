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

it("offers Undo after an apply that failed half-way, so the cells it did convert can be restored", async () => {
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
  let failNext = false;
  // the next sync applies all but the last queued write, then fails (Excel stops at the failing operation)
  (ctx as { sync: () => Promise<void> }).sync = async () => {
    if (!failNext) return sync();
    failNext = false;
    const internal = xl as unknown as { queue: Array<() => void> };
    internal.queue = internal.queue.slice(0, internal.queue.length - 1);
    await sync();
    throw new Error("GeneralException: injected failure");
  };
  const run = <T,>(body: (c: Excel.RequestContext) => Promise<T>) => body(ctx);
  const host = document.createElement("div");
  document.body.appendChild(host);
  await act(async () => createRoot(host).render(<PortablePanel lang="en" run={run} />));
  await act(async () => button(host, "Check").click());
  expect(host.textContent).not.toContain("Undo the last change");
  // applyPortable reads once, then writes: fail its write request
  const read = ctx.sync;
  let calls = 0;
  (ctx as { sync: () => Promise<void> }).sync = async () => {
    if (++calls === 2) failNext = true;
    return read();
  };
  await act(async () => button(host, "Make portable").click());
  expect(host.textContent).toContain("injected failure");
  expect(xl.shown("Model", "B3")).toBe("=B1/B2"); // converted before the failure
  await act(async () => button(host, "Undo the last change").click());
  expect(xl.shown("Model", "B3")).toBe("=LTV_CAC(B1,B2)");
});
