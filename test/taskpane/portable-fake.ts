/**
 * A small Excel test double for "Make portable": the subset of Office.js it uses, with Office's request model
 * (writes are queued and applied at `context.sync()`; a property read before `load()` + `sync()` throws) and
 * a log of every write, so tests can say exactly what was touched.
 *
 * Cells hold a formula (text starting with "=") and the value Excel last calculated for it, or a constant.
 * A cell may spill: its `spill` is the block of values it shows (anchor included). No calculation happens here:
 * the current values are what the test says they are.
 */
export interface FakeCell {
  formula?: string;
  value: unknown;
  numberFormat?: string;
  /** for a spilling anchor: the spilled block's address (e.g. "D1:F3") */
  spill?: string;
}

export interface FakeSheet {
  name: string;
  visibility: string;
  cells: Map<string, FakeCell>;
}

export interface WriteLog {
  sheet: string;
  address: string;
  what:
    | "formulas"
    | "values"
    | "numberFormat"
    | "clear"
    | "delete"
    | "visibility"
    | "addSheet"
    | "deleteSheet";
}

const MAX_ROWS = 1_048_576;
/** Excel on the web's limit on a request and on a response. */
export const PAYLOAD_LIMIT = 5 * 1024 * 1024;

function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}
function colLetter(i: number): string {
  let s = "";
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
export function corners(a: string): { c1: number; r1: number; c2: number; r2: number } {
  const whole = /^([A-Z]+):([A-Z]+)$/i.exec(a.replace(/\$/g, ""));
  if (whole) return { c1: colIndex(whole[1]), r1: 1, c2: colIndex(whole[2]), r2: MAX_ROWS };
  const [p, q] = a.replace(/\$/g, "").split(":");
  const m1 = /^([A-Z]+)(\d+)$/i.exec(p) as RegExpExecArray;
  const m2 = (q ? /^([A-Z]+)(\d+)$/i.exec(q) : m1) as RegExpExecArray;
  return { c1: colIndex(m1[1]), r1: Number(m1[2]), c2: colIndex(m2[1]), r2: Number(m2[2]) };
}
function addr(c: number, r: number): string {
  return `${colLetter(c)}${r}`;
}
function quote(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export class FakeExcel {
  sheets: FakeSheet[] = [];
  active = "";
  selection = { sheet: "", address: "A1" };
  syncs = 0;
  log: WriteLog[] = [];
  /** writes per sync, to check batching */
  perSync: number[] = [];
  /** a request or response above this is refused, as Excel on the web refuses one above 5 MB */
  limitBytes = PAYLOAD_LIMIT;
  /** the largest request and response seen (JSON bytes of the written grids / loaded properties) */
  largestRequest = 0;
  largestResponse = 0;
  private queue: Array<() => void> = [];
  private queuedBytes = 0;
  private pendingLoads: Array<() => { bytes: number; apply: () => void }> = [];
  suspendedInSync: boolean[] = [];
  private suspended = false;

  constructor(init: Record<string, Record<string, FakeCell | unknown>>, active?: string) {
    for (const [name, cells] of Object.entries(init)) {
      const map = new Map<string, FakeCell>();
      for (const [a, c] of Object.entries(cells)) map.set(a, isCell(c) ? { ...c } : { value: c });
      this.sheets.push({ name, visibility: "Visible", cells: map });
    }
    this.active = active ?? this.sheets[0]?.name ?? "";
    this.selection.sheet = this.active;
  }

  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  /** the formula (if any) or value shown in a cell, spills included */
  shown(sheet: string, a: string): unknown {
    const s = this.sheet(sheet) as FakeSheet;
    const c = s.cells.get(a);
    if (c) return c.formula ?? c.value;
    for (const [anchor, cell] of s.cells) {
      if (!cell.spill) continue;
      const k = corners(cell.spill);
      const p = corners(a);
      if (p.c1 >= k.c1 && p.c1 <= k.c2 && p.r1 >= k.r1 && p.r1 <= k.r2 && anchor !== a)
        return (cell.value as unknown[][])[p.r1 - k.r1][p.c1 - k.c1];
    }
    return null;
  }

  /** a deep copy of every sheet's cells, to compare before and after */
  snapshot(): Record<string, Record<string, FakeCell>> {
    const out: Record<string, Record<string, FakeCell>> = {};
    for (const s of this.sheets)
      out[s.name] = Object.fromEntries(
        [...s.cells].map(([a, c]) => [a, JSON.parse(JSON.stringify(c)) as FakeCell])
      );
    return out;
  }

  enqueue(fn: () => void, entry: WriteLog, bytes = 64): void {
    this.queuedBytes += bytes;
    this.queue.push(() => {
      fn();
      this.log.push(entry);
    });
  }

  context(): Excel.RequestContext {
    const fake = this;
    const workbook = {
      getSelectedRange: () => fake.range(fake.selection.sheet, fake.selection.address),
      worksheets: {
        getActiveWorksheet: () => fake.worksheet(fake.active),
        getItem: (name: string) => {
          if (!fake.sheet(name)) throw new Error(`ItemNotFound: ${name}`);
          return fake.worksheet(name);
        },
        getItemOrNullObject: (name: string) => fake.worksheet(name, true),
        add: (name: string) => {
          fake.enqueue(() => fake.sheets.push({ name, visibility: "Visible", cells: new Map() }), {
            sheet: name,
            address: "",
            what: "addSheet",
          });
          return fake.worksheet(name);
        },
      },
    };
    return {
      workbook,
      application: { suspendApiCalculationUntilNextSync: () => (fake.suspended = true) },
      sync: async () => {
        fake.syncs++;
        const q = fake.queue;
        const bytes = fake.queuedBytes;
        fake.queue = [];
        fake.queuedBytes = 0;
        if (bytes > fake.limitBytes) {
          fake.pendingLoads = [];
          fake.suspended = false;
          throw Object.assign(
            new Error("RequestPayloadSizeLimitExceeded: the request is too large"),
            {
              code: "RequestPayloadSizeLimitExceeded",
            }
          );
        }
        fake.largestRequest = Math.max(fake.largestRequest, bytes);
        for (const fn of q) fn();
        fake.perSync.push(q.length);
        fake.suspendedInSync.push(fake.suspended);
        fake.suspended = false;
        const loads = fake.pendingLoads;
        fake.pendingLoads = [];
        const done = loads.map((fn) => fn());
        const response = done.reduce((n, d) => n + d.bytes, 0);
        if (response > fake.limitBytes)
          throw Object.assign(
            new Error("ResponsePayloadSizeLimitExceeded: the response is too large"),
            {
              code: "ResponsePayloadSizeLimitExceeded",
            }
          );
        fake.largestResponse = Math.max(fake.largestResponse, response);
        for (const d of done) d.apply();
      },
    } as unknown as Excel.RequestContext;
  }

  private loaded<T extends object>(
    target: T,
    names: string[],
    compute: () => Record<string, unknown>
  ): void {
    this.pendingLoads.push(() => {
      const values = compute();
      const bytes = names.reduce((b, n) => b + (JSON.stringify(values[n]) ?? "").length, 0);
      return {
        bytes,
        apply: () => {
          for (const n of names)
            Object.defineProperty(target, n, {
              value: values[n],
              configurable: true,
              writable: true,
            });
        },
      };
    });
  }

  worksheet(name: string, orNull = false): Excel.Worksheet {
    const fake = this;
    const ws: Record<string, unknown> = {
      load(props: string | string[]) {
        const names = Array.isArray(props) ? props : [props];
        fake.loaded(ws, names, () => ({
          isNullObject: !fake.sheet(name),
          name,
          visibility: fake.sheet(name)?.visibility,
        }));
        return ws;
      },
      getRange: (a: string) => fake.range(name, a),
      getUsedRangeOrNullObject: () => fake.usedRange(name),
      delete: () =>
        fake.enqueue(() => (fake.sheets = fake.sheets.filter((s) => s.name !== name)), {
          sheet: name,
          address: "",
          what: "deleteSheet",
        }),
    };
    for (const p of ["isNullObject", "name"]) {
      Object.defineProperty(ws, p, {
        get: () => {
          throw new Error(`PropertyNotLoaded: ${p}`);
        },
        configurable: true,
      });
    }
    Object.defineProperty(ws, "visibility", {
      get: () => {
        throw new Error("PropertyNotLoaded: visibility");
      },
      set: (v: string) => {
        fake.enqueue(() => ((fake.sheet(name) as FakeSheet).visibility = v), {
          sheet: name,
          address: "",
          what: "visibility",
        });
      },
      configurable: true,
    });
    void orNull;
    return ws as unknown as Excel.Worksheet;
  }

  private usedRange(name: string): Excel.Range {
    return this.range(name, () => this.usedAddress(name));
  }

  /** the used range of a sheet (cells and spills), or null */
  usedAddress(name: string): string | null {
    const fake = this;
    return (() => {
      const s = fake.sheet(name);
      if (!s || s.cells.size === 0) return null;
      let c1 = Infinity,
        r1 = Infinity,
        c2 = -1,
        r2 = -1;
      for (const [a, cell] of s.cells) {
        for (const k of [corners(a), ...(cell.spill ? [corners(cell.spill)] : [])]) {
          c1 = Math.min(c1, k.c1);
          r1 = Math.min(r1, k.r1);
          c2 = Math.max(c2, k.c2);
          r2 = Math.max(r2, k.r2);
        }
      }
      return `${addr(c1, r1)}:${addr(c2, r2)}`;
    })();
  }

  range(sheet: string, address: string | (() => string | null)): Excel.Range {
    const fake = this;
    const where = () => (typeof address === "string" ? address : address());
    const r: Record<string, unknown> = {
      load(props: string | string[]) {
        const names = Array.isArray(props) ? props : [props];
        fake.loaded(r, names, () => fake.readRange(sheet, where()));
        return r;
      },
      get worksheet() {
        return fake.worksheet(sheet);
      },
      getIntersectionOrNullObject: (other: Excel.Range) =>
        fake.range(sheet, () => {
          const a = where();
          const b = (other as unknown as { where: () => string | null }).where();
          if (a === null || b === null) return null;
          const p = corners(a);
          const q = corners(b);
          const c1 = Math.max(p.c1, q.c1);
          const r1 = Math.max(p.r1, q.r1);
          const c2 = Math.min(p.c2, q.c2);
          const r2 = Math.min(p.r2, q.r2);
          return c1 > c2 || r1 > r2 ? null : `${addr(c1, r1)}:${addr(c2, r2)}`;
        }),
      getUsedRangeOrNullObject: () =>
        fake.range(sheet, () => {
          const a = where();
          const used = fake.usedAddress(sheet);
          if (a === null || used === null) return null;
          const p = corners(a);
          const q = corners(used);
          const c1 = Math.max(p.c1, q.c1);
          const r1 = Math.max(p.r1, q.r1);
          const c2 = Math.min(p.c2, q.c2);
          const r2 = Math.min(p.r2, q.r2);
          if (c1 > c2 || r1 > r2) return null;
          // the used part of the block: the bounding box of its cells
          let u1 = Infinity,
            v1 = Infinity,
            u2 = -1,
            v2 = -1;
          for (const [k] of (fake.sheet(sheet) as FakeSheet).cells) {
            const x = corners(k);
            if (x.c1 < c1 || x.c1 > c2 || x.r1 < r1 || x.r1 > r2) continue;
            u1 = Math.min(u1, x.c1);
            v1 = Math.min(v1, x.r1);
            u2 = Math.max(u2, x.c1);
            v2 = Math.max(v2, x.r1);
          }
          return u2 < 0 ? null : `${addr(u1, v1)}:${addr(u2, v2)}`;
        }),
      where,
      getSpillingToRangeOrNullObject: () =>
        fake.range(sheet, () => {
          const a = where();
          return fake.sheet(sheet)?.cells.get(a as string)?.spill ?? null;
        }),
      clear: () =>
        fake.enqueue(() => fake.eachCell(sheet, where() as string, (a, s) => s.cells.delete(a)), {
          sheet,
          address: where() as string,
          what: "clear",
        }),
      delete: () =>
        fake.enqueue(
          () => {
            // shift up: only used on the undo sheet's trailing rows, so deleting the rows is enough
            fake.eachCell(sheet, where() as string, (a, s) => s.cells.delete(a));
          },
          { sheet, address: where() as string, what: "delete" }
        ),
    };
    for (const p of ["formulas", "values", "numberFormat"] as const) {
      Object.defineProperty(r, p, {
        get: () => {
          throw new Error(`PropertyNotLoaded: ${p}`);
        },
        set: (grid: unknown[][]) => {
          fake.enqueue(
            () => fake.write(sheet, where() as string, p, grid),
            { sheet, address: where() as string, what: p },
            (JSON.stringify(grid) ?? "").length + 64
          );
        },
        configurable: true,
      });
    }
    for (const p of ["address", "rowCount", "columnCount", "isNullObject"]) {
      Object.defineProperty(r, p, {
        get: () => {
          throw new Error(`PropertyNotLoaded: ${p}`);
        },
        configurable: true,
      });
    }
    return r as unknown as Excel.Range;
  }

  private eachCell(
    sheet: string,
    a: string,
    fn: (address: string, s: FakeSheet, i: number, j: number) => void
  ): void {
    const s = this.sheet(sheet);
    if (!s) throw new Error(`ItemNotFound: ${sheet}`);
    const k = corners(a);
    for (let r = k.r1; r <= k.r2; r++)
      for (let c = k.c1; c <= k.c2; c++) fn(addr(c, r), s, r - k.r1, c - k.c1);
  }

  private write(
    sheet: string,
    a: string,
    what: "formulas" | "values" | "numberFormat",
    grid: unknown[][]
  ): void {
    const k = corners(a);
    if (grid.length !== k.r2 - k.r1 + 1 || grid.some((row) => row.length !== k.c2 - k.c1 + 1))
      throw new Error(`InvalidArgument: ${a} is not ${grid.length}×${grid[0]?.length}`);
    this.eachCell(sheet, a, (address, s, i, j) => {
      const v = grid[i][j];
      const prev = s.cells.get(address);
      if (what === "numberFormat") {
        s.cells.set(address, { ...(prev ?? { value: null }), numberFormat: String(v) });
        return;
      }
      const asText = prev?.numberFormat === "@";
      const read = asText || typeof v !== "string" ? { value: v } : typedText(v);
      // a written value or formula replaces the cell (and ends any spill it had); its value is unknown until Excel calculates
      s.cells.set(address, {
        ...(prev?.numberFormat ? { numberFormat: prev.numberFormat } : {}),
        ...(read.formula !== undefined ? { formula: read.formula, value: "(calculating)" } : read),
      });
    });
  }

  private readRange(sheet: string, a: string | null): Record<string, unknown> {
    if (a === null || !this.sheet(sheet)) return { isNullObject: true };
    const k = corners(a);
    const s = this.sheet(sheet) as FakeSheet;
    // the spills of the sheet, found once (a cell inside one shows the spilled value)
    const spills = [...s.cells.values()]
      .filter((c) => c.spill)
      .map((c) => ({ at: corners(c.spill as string), values: c.value as unknown[][] }));
    const spilled = (c: number, r: number): unknown => {
      for (const p of spills)
        if (c >= p.at.c1 && c <= p.at.c2 && r >= p.at.r1 && r <= p.at.r2)
          return p.values[r - p.at.r1][c - p.at.c1];
      return null;
    };
    const formulas: unknown[][] = [];
    const values: unknown[][] = [];
    for (let r = k.r1; r <= k.r2; r++) {
      const fr: unknown[] = [];
      const vr: unknown[] = [];
      for (let c = k.c1; c <= k.c2; c++) {
        const cell = s.cells.get(addr(c, r));
        const value = cell
          ? cell.spill
            ? (cell.value as unknown[][])[0][0]
            : cell.value
          : spilled(c, r);
        // Office.js: formulas shows a formula cell's formula, any other cell's value ("" when empty)
        fr.push(cell?.formula ?? value ?? "");
        vr.push(value ?? "");
      }
      formulas.push(fr);
      values.push(vr);
    }
    return {
      isNullObject: false,
      address: `${quote(sheet)}!${a}`,
      formulas,
      values,
      rowCount: k.r2 - k.r1 + 1,
      columnCount: k.c2 - k.c1 + 1,
    };
  }
}

/**
 * How Excel reads a string written through `range.values` or `range.formulas` into a cell that is not formatted
 * as text: as if typed. A model of Excel for the tests (a real Excel is the authority): a leading apostrophe
 * marks text and is dropped; "=", "+", "-" and "@" (and their full-width forms) start a formula unless the rest is
 * a plain number; numbers (with thousands separators, exponent, percent, accounting parentheses), dates such as
 * 2024/1/5, TRUE/FALSE and error literals become those.
 */
export function typedText(v: string): { formula?: string; value: unknown } {
  if (v.startsWith("'")) return { value: v.slice(1) };
  const t = v.trim();
  const num = /^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?(e[+-]?\d+)?(%?)$/i.exec(t);
  if (num) {
    const n = Number(t.replace(/[,%]/g, ""));
    return { value: num[5] ? n / 100 : n };
  }
  if (/^\(\d+(\.\d+)?\)$/.test(t)) return { value: -Number(t.slice(1, -1)) };
  if (/^[=＝]/.test(v)) return { formula: `=${v.slice(1)}`, value: undefined };
  if (/^[+\-＋－]/.test(v)) return { formula: `=${v}`, value: undefined };
  if (/^[@＠]/.test(v)) return { formula: `=${v.slice(1)}`, value: undefined };
  if (/^\d{1,4}[/-]\d{1,2}([/-]\d{1,4})?$/.test(t)) return { value: { date: t } };
  if (/^(true|false)$/i.test(t)) return { value: t.toLowerCase() === "true" };
  if (/^#(N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!)$/i.test(t)) return { value: { error: t } };
  return { value: v };
}

function isCell(c: unknown): c is FakeCell {
  return typeof c === "object" && c !== null && "value" in c;
}

/** The Excel enums the action uses. */
export function installExcelEnums(): void {
  (globalThis as unknown as { Excel: unknown }).Excel = {
    SheetVisibility: { visible: "Visible", hidden: "Hidden", veryHidden: "VeryHidden" },
    ClearApplyTo: { all: "All", formats: "Formats", contents: "Contents" },
    DeleteShiftDirection: { up: "Up", left: "Left" },
  };
}
