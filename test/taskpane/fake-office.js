/**
 * A small fake of the Office.js Excel API subset the task pane uses, for unit tests (Node) and the browser e2e
 * test (injected in place of office.js). Plain JavaScript so it runs in both without a build.
 *
 * Faithful where it matters for the writer:
 * - proxies queue work; `context.sync()` ends a request. A property read before `load()` + `sync()` throws, as
 *   in Office.js (PropertyNotLoaded), so code that forgets a sync fails here too;
 * - each request's payload is measured (JSON of every call's arguments) and a request above 5 MB is rejected,
 *   like Excel on the web (RequestPayloadSizeLimitExceeded);
 * - each request records whether `suspendApiCalculationUntilNextSync()` was called in it;
 * - renaming a sheet (`worksheet.name = …`) carries every reference to it along (workbook names, charts, formulas
 *   on any sheet), and deleting a sheet turns the names that pointed at it into `#REF!`, as Excel does;
 * - `NamedItem.formula` reads back as Excel gives it (`=Sheet!B2`, `=#REF!B2`); sheet-scoped names
 *   (`worksheet.names.add`) are kept per sheet and shown in the snapshot as the sheet's `names`.
 * Cells hold what was written (constants or formula text); it does not calculate (tests use HyperFormula).
 */
(function (root) {
  "use strict";
  const LIMIT = 5 * 1024 * 1024;

  function colIndex(letters) {
    let n = 0;
    for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
    return n - 1;
  }
  function colLetter(i) {
    let n = i + 1;
    let s = "";
    while (n > 0) {
      const r = (n - 1) % 26;
      s = String.fromCharCode(65 + r) + s;
      n = Math.floor((n - 1) / 26);
    }
    return s;
  }
  /** "B2:D5", "B2", "A:A" → corners (0-based col, 1-based row) */
  function parseAddress(a) {
    const whole = /^\$?([A-Z]+):\$?([A-Z]+)$/i.exec(a);
    if (whole) return { c1: colIndex(whole[1]), r1: 1, c2: colIndex(whole[2]), r2: 1048576 };
    const [p, q] = a.split(":");
    const m1 = /^\$?([A-Z]+)\$?(\d+)$/i.exec(p);
    if (!m1) throw new Error("InvalidArgument: bad address " + a);
    const m2 = q ? /^\$?([A-Z]+)\$?(\d+)$/i.exec(q) : m1;
    if (!m2) throw new Error("InvalidArgument: bad address " + a);
    return { c1: colIndex(m1[1]), r1: Number(m1[2]), c2: colIndex(m2[1]), r2: Number(m2[2]) };
  }
  function formatAddress(c1, r1, c2, r2) {
    const a = colLetter(c1) + r1;
    const b = colLetter(c2) + r2;
    return a === b ? a : a + ":" + b;
  }
  /** A string that Excel would take as a formula when written: a model for the tests (see portable-fake.ts). */
  function typedAsFormula(v) {
    if (/^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?(e[+-]?\d+)?%?$/i.test(v.trim())) return false;
    return /^[+\-@＝＋－＠]/.test(v);
  }
  function quoteSheet(name) {
    return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : "'" + name.replace(/'/g, "''") + "'";
  }

  /**
   * Creates a workbook and the Office / Excel globals over it.
   * @param {{ sheets?: Record<string, any[][]>, selection?: { sheet: string, address: string }, displayLanguage?: string, tables?: { name: string, sheet: string, address: string }[], missingSets?: string[] }} init
   */
  /** Office.context.document.settings: a key/value store that saves into `saved` on saveAsync. */
  function createSettings(initial) {
    const values = new Map(Object.entries(initial || {}));
    const saved = new Map(values);
    return {
      get: (name) => (values.has(name) ? values.get(name) : null),
      set: (name, value) => values.set(name, value),
      remove: (name) => values.delete(name),
      saveAsync: (callback) => {
        saved.clear();
        for (const [k, v] of values) saved.set(k, v);
        if (callback) callback({ status: "succeeded" });
      },
      saved,
    };
  }

  function createFakeOffice(init) {
    init = init || {};
    const state = {
      sheets: [], // { name, cells: Map, formats: [], validations: [], conditionalFormats: [], charts: [], widths: {}, deleted }
      names: new Map(), // name → { ref, comment }
      requests: [], // { bytes, calls, suspended }
      current: { bytes: 0, calls: 0, suspended: false },
      selection: init.selection || null,
      active: null,
      tables: init.tables || [],
      log: [],
    };

    function addSheet(name) {
      const s = {
        name,
        cells: new Map(),
        formats: [],
        validations: [],
        conditionalFormats: [],
        charts: [],
        widths: {},
        pageLayout: {},
        selected: null,
        names: new Map(), // sheet-scoped names: name → { ref, comment }
      };
      state.sheets.push(s);
      return s;
    }
    for (const [name, rows] of Object.entries(init.sheets || { Sheet1: [] })) {
      const s = addSheet(name);
      rows.forEach((r, i) =>
        r.forEach(
          (v, j) =>
            v !== null && v !== undefined && v !== "" && s.cells.set(i + 1 + "," + j, { value: v })
        )
      );
    }
    state.active = state.sheets[0] ? state.sheets[0].name : null;
    const findSheet = (name) => state.sheets.find((s) => s.name === name);

    function record(what, args) {
      // a test may make the n-th operation fail, as Excel stops a request at the operation that fails
      if (state.failAt !== undefined && state.log.length === state.failAt) {
        state.failAt = undefined;
        throw new Error("GeneralException: injected failure at " + what);
      }
      const bytes = JSON.stringify(args === undefined ? null : args).length + 32;
      state.current.bytes += bytes;
      state.current.calls++;
      state.log.push(what);
    }

    // ---- loading: properties readable only after load() and sync()
    let pending = [];
    function loadable(obj, compute) {
      let snap = null;
      obj.load = function () {
        pending.push(() => {
          snap = compute();
        });
        record("load", null);
        return obj;
      };
      return (key) => {
        if (!snap) throw new Error("PropertyNotLoaded: " + key);
        return snap[key];
      };
    }

    function makeRange(sheet, address) {
      const box = parseAddress(address);
      const r = {};
      const read = loadable(r, () => {
        const values = [];
        const formulas = [];
        const text = [];
        const rows = Math.min(box.r2, maxRow(sheet)) - box.r1 + 1;
        for (let i = 0; i < Math.max(rows, box.r2 === 1048576 ? 0 : box.r2 - box.r1 + 1); i++) {
          const vr = [];
          const fr = [];
          const tr = [];
          for (let c = box.c1; c <= box.c2; c++) {
            const cell = sheet.cells.get(box.r1 + i + "," + c);
            vr.push(cell ? (cell.formula !== undefined ? 0 : cell.value) : "");
            fr.push(cell ? (cell.formula !== undefined ? cell.formula : cell.value) : "");
            tr.push(displayText(vr[vr.length - 1]));
          }
          values.push(vr);
          formulas.push(fr);
          text.push(tr);
        }
        return {
          address: quoteSheet(sheet.name) + "!" + formatAddress(box.c1, box.r1, box.c2, box.r2),
          rowCount: box.r2 - box.r1 + 1,
          columnCount: box.c2 - box.c1 + 1,
          values,
          formulas,
          text,
        };
      });
      for (const k of ["address", "rowCount", "columnCount", "values", "text"]) {
        Object.defineProperty(r, k, { get: () => read(k), enumerable: true });
      }
      Object.defineProperty(r, "formulas", {
        get: () => read("formulas"),
        set: (rows) => {
          record("formulas", rows);
          rows.forEach((row, i) =>
            row.forEach((v, j) => {
              const key = box.r1 + i + "," + (box.c1 + j);
              const prev = sheet.cells.get(key) || {};
              if (v === "" || v === null) {
                if (prev.format) sheet.cells.set(key, { format: prev.format });
                else sheet.cells.delete(key);
              } else if (typeof v === "string" && v.startsWith("="))
                sheet.cells.set(key, { formula: v, format: prev.format });
              else if (typeof v === "string" && typedAsFormula(v))
                // Excel reads "+…", "-…", "@…" (and full-width "＝…") as typed formulas, whatever the format
                sheet.cells.set(key, {
                  formula: "=" + v.replace(/^[@＠＝]/, ""),
                  format: prev.format,
                });
              else if (typeof v === "string" && v.startsWith("'"))
                sheet.cells.set(key, { value: v.slice(1), format: prev.format });
              else sheet.cells.set(key, { value: v, format: prev.format });
            })
          );
        },
      });
      Object.defineProperty(r, "numberFormat", {
        set: (rows) => {
          record("numberFormat", rows);
          // as Excel: a 1×1 array applies to every cell of the range, null leaves a cell's format as it is
          const one = rows.length === 1 && rows[0].length === 1;
          const h = one ? box.r2 - box.r1 + 1 : rows.length;
          for (let i = 0; i < h; i++) {
            const row = one ? null : rows[i];
            const w = one ? box.c2 - box.c1 + 1 : row.length;
            for (let j = 0; j < w; j++) {
              const f = one ? rows[0][0] : row[j];
              if (f === null || f === undefined) continue;
              const key = box.r1 + i + "," + (box.c1 + j);
              const prev = sheet.cells.get(key) || {};
              sheet.cells.set(key, Object.assign({}, prev, { format: f }));
            }
          }
        },
      });
      const fmt = (path) =>
        new Proxy(
          {},
          {
            set: (_, key, value) => {
              record("format." + path + key, value);
              sheet.formats.push({ range: address, key: path + String(key), value });
              return true;
            },
          }
        );
      const format = fmt("");
      r.format = new Proxy(
        {},
        {
          get: (_, key) => {
            if (key === "font") return fmt("font.");
            if (key === "fill") return fmt("fill.");
            if (key === "borders") return { getItem: (edge) => fmt("borders." + edge + ".") };
            return undefined;
          },
          set: (_, key, value) => {
            if (key === "columnWidth") {
              record("columnWidth", value);
              for (let c = box.c1; c <= box.c2; c++) sheet.widths[colLetter(c)] = value;
              return true;
            }
            format[key] = value;
            return true;
          },
        }
      );
      const dv = { range: address };
      r.dataValidation = {
        clear: () => record("dataValidation.clear", address),
        set rule(v) {
          record("dataValidation.rule", v);
          dv.rule = v;
          sheet.validations.push(dv);
        },
        set errorAlert(v) {
          record("dataValidation.errorAlert", v);
          dv.errorAlert = v;
        },
        set prompt(v) {
          record("dataValidation.prompt", v);
          dv.prompt = v;
        },
      };
      r.conditionalFormats = {
        add: (type) => {
          record("conditionalFormats.add", type);
          const cf = {
            range: address,
            type,
            colorScale: {},
            custom: { rule: {}, format: { fill: {}, font: {} } },
          };
          sheet.conditionalFormats.push(cf);
          return cf;
        },
      };
      r.select = () => {
        record("select", address);
        sheet.selected = address;
      };
      r.getUsedRange = () => usedRange(sheet);
      r._address = quoteSheet(sheet.name) + "!" + address;
      return r;
    }

    /**
     * What Excel displays for a value: with `init.dateCells` true, numbers as dates (yyyy/m/d) in the workbook's
     * date system (`init.date1904`), as a date-formatted column shows them; otherwise the value as text.
     */
    function displayText(v) {
      if (typeof v !== "number" || !init.dateCells || v < 1)
        return v === null || v === undefined ? "" : String(v);
      const serial1900 = Math.floor(v) + (init.date1904 ? 1462 : 0);
      const d = new Date(Date.UTC(1899, 11, 30) + serial1900 * 86400000);
      return d.getUTCFullYear() + "/" + (d.getUTCMonth() + 1) + "/" + d.getUTCDate();
    }

    function maxRow(sheet) {
      let m = 0;
      for (const k of sheet.cells.keys()) m = Math.max(m, Number(k.split(",")[0]));
      return m;
    }
    function usedRange(sheet) {
      let r1 = Infinity,
        r2 = 0,
        c1 = Infinity,
        c2 = 0;
      for (const [k, cell] of sheet.cells) {
        if (cell.value === undefined && cell.formula === undefined) continue;
        const [r, c] = k.split(",").map(Number);
        r1 = Math.min(r1, r);
        r2 = Math.max(r2, r);
        c1 = Math.min(c1, c);
        c2 = Math.max(c2, c);
      }
      if (r2 === 0) return makeRange(sheet, "A1");
      return makeRange(sheet, formatAddress(c1, r1, c2, r2));
    }

    /** `Name!` (quoted as needed) at a reference boundary, for carrying references along a rename or delete. */
    function refPattern(name) {
      const q = quoteSheet(name).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      return new RegExp("(^|[^A-Za-z0-9_.'])" + q + "!", "g");
    }
    function renameSheet(sheet, to) {
      record("worksheet.name", to);
      if (typeof to !== "string" || to.length === 0 || to.length > 31 || /[:\\/?*[\]]/.test(to))
        throw new Error("InvalidArgument: sheet name " + to);
      if (state.sheets.some((s) => s !== sheet && s.name.toLowerCase() === to.toLowerCase()))
        throw new Error("ItemAlreadyExists: " + to);
      const from = refPattern(sheet.name);
      const into = (text) =>
        typeof text === "string"
          ? text.replace(from, (_, pre) => pre + quoteSheet(to) + "!")
          : text;
      const retarget = (map) => {
        for (const n of map.values()) n.ref = into(n.ref);
      };
      retarget(state.names);
      for (const s of state.sheets) {
        retarget(s.names);
        for (const cell of s.cells.values())
          if (cell.formula !== undefined) cell.formula = into(cell.formula);
        for (const c of s.charts) {
          c.source = into(c.source);
          for (const ser of c.series) {
            ser.categories = into(ser.categories);
            ser.values = into(ser.values);
          }
        }
      }
      if (state.active === sheet.name) state.active = to;
      for (const t of state.tables) if (t.sheet === sheet.name) t.sheet = to;
      sheet.name = to;
    }

    function makeWorksheet(sheet) {
      const ws = {
        get name() {
          return sheet.name;
        },
        set name(to) {
          renameSheet(sheet, to);
        },
        getRange: (address) => makeRange(sheet, address),
        getUsedRange: () => usedRange(sheet),
        delete: () => {
          record("worksheet.delete", sheet.name);
          // names that pointed at the sheet now point nowhere, as in Excel
          const at = refPattern(sheet.name);
          for (const n of state.names.values())
            if (typeof n.ref === "string") n.ref = n.ref.replace(at, (_, pre) => pre + "#REF!");
          state.sheets = state.sheets.filter((s) => s !== sheet);
          // its tables go with it (their names are free again)
          state.tables = state.tables.filter((t) => t.sheet !== sheet.name);
          sheet.deleted = true;
        },
        activate: () => {
          record("worksheet.activate", sheet.name);
          state.active = sheet.name;
        },
        charts: {
          add: (type, source, seriesBy) => {
            record("charts.add", [type, seriesBy]);
            const chart = {
              type,
              source: source && source._address,
              seriesBy,
              series: [{}],
              title: {},
              position: null,
              axes: { categoryAxis: { title: {} }, valueAxis: {} },
              legend: {},
            };
            sheet.charts.push(chart);
            return {
              title: chart.title,
              setPosition: (from, to) => (chart.position = [from, to]),
              series: {
                getItemAt: (i) => {
                  const s = chart.series[i];
                  return {
                    set name(v) {
                      s.name = v;
                    },
                    setXAxisValues: (rg) => (s.categories = rg._address),
                    setValues: (rg) => (s.values = rg._address),
                  };
                },
                add: (name) => {
                  const s = { name };
                  chart.series.push(s);
                  return {
                    setXAxisValues: (rg) => (s.categories = rg._address),
                    setValues: (rg) => (s.values = rg._address),
                  };
                },
              },
              axes: chart.axes,
              legend: chart.legend,
            };
          },
        },
        tables: makeTables(() => state.tables.filter((t) => t.sheet === sheet.name), sheet),
        // worksheet.freezePanes (ExcelApi 1.7): what is frozen, in sheet.freeze
        freezePanes: {
          freezeAt: (rg) => {
            record("freezePanes.freezeAt", rg._address);
            sheet.freeze = rg._address.split("!").pop();
          },
          freezeRows: (n) => {
            record("freezePanes.freezeRows", n);
            sheet.freeze = { rows: n };
          },
          freezeColumns: (n) => {
            record("freezePanes.freezeColumns", n);
            sheet.freeze = { columns: n };
          },
        },
        // worksheet.pageLayout (ExcelApi 1.9): what was set, in sheet.pageLayout
        pageLayout: new Proxy(
          {
            setPrintArea: (area) => {
              record("pageLayout.setPrintArea", area);
              sheet.pageLayout.printArea = area;
            },
            setPrintTitleRows: (rows) => {
              record("pageLayout.setPrintTitleRows", rows);
              sheet.pageLayout.printTitleRows = rows;
            },
          },
          {
            set: (_, key, value) => {
              record("pageLayout." + String(key), value);
              sheet.pageLayout[key] = value;
              return true;
            },
          }
        ),
        names: {
          add: (name, reference, comment) => {
            record("worksheet.names.add", [name, comment]);
            if (sheet.names.has(name)) throw new Error("ItemAlreadyExists: name " + name);
            sheet.names.set(name, {
              ref: typeof reference === "string" ? reference : reference._address,
              comment,
            });
          },
          getItemOrNullObject: (name) => {
            const obj = {};
            const read = loadable(obj, () => ({ isNullObject: !sheet.names.has(name) }));
            Object.defineProperty(obj, "isNullObject", { get: () => read("isNullObject") });
            obj.delete = () => {
              record("worksheet.names.delete", name);
              sheet.names.delete(name);
            };
            return obj;
          },
        },
      };
      const read = loadable(ws, () => ({ name: sheet.name, isNullObject: false }));
      void read;
      return ws;
    }

    /** A table's proxy: its name and style can be set (a name is workbook-unique, case-insensitively). */
    function tableProxy(t) {
      const clash = (name) =>
        state.tables.some((o) => o !== t && o.name.toLowerCase() === String(name).toLowerCase());
      return {
        get name() {
          return t.name;
        },
        set name(v) {
          record("table.name", v);
          if (clash(v)) throw new Error("ItemAlreadyExists: table " + v);
          t.name = v;
        },
        set style(v) {
          record("table.style", v);
          t.style = v;
        },
        set showFilterButton(v) {
          record("table.showFilterButton", v);
          t.filters = v;
        },
        getRange: () => makeRange(findSheet(t.sheet), t.address),
      };
    }

    /** The tables of a sheet (`sheet` given: `add` lays one on it) or of the workbook. */
    function makeTables(list, sheet) {
      const coll = {};
      const read = loadable(coll, () => ({
        items: list().map((t) => ({
          name: t.name,
          worksheet: { name: t.sheet },
          getRange: () => makeRange(findSheet(t.sheet), t.address),
        })),
      }));
      Object.defineProperty(coll, "items", { get: () => read("items") });
      coll.getItemOrNullObject = (name) => {
        const t = list().find((o) => o.name.toLowerCase() === String(name).toLowerCase());
        const obj = t ? tableProxy(t) : {};
        const r = loadable(obj, () => ({ isNullObject: !t }));
        Object.defineProperty(obj, "isNullObject", { get: () => r("isNullObject") });
        return obj;
      };
      if (sheet)
        coll.add = (address, hasHeaders) => {
          const a = typeof address === "string" ? address : address._address.split("!").pop();
          record("tables.add", [a, hasHeaders]);
          let k = state.tables.length + 1;
          while (state.tables.some((o) => o.name === "Table" + k)) k++;
          const t = { name: "Table" + k, sheet: sheet.name, address: a, hasHeaders };
          state.tables.push(t);
          return tableProxy(t);
        };
      return coll;
    }

    const worksheets = {
      getItemOrNullObject: (name) => {
        const sheet = findSheet(name);
        const obj = sheet ? makeWorksheet(sheet) : {};
        const read = loadable(obj, () => ({ isNullObject: !sheet }));
        Object.defineProperty(obj, "isNullObject", { get: () => read("isNullObject") });
        if (!sheet)
          obj.delete = () => {
            throw new Error("ItemNotFound");
          };
        return obj;
      },
      getItem: (name) => {
        const sheet = findSheet(name);
        if (!sheet) throw new Error("ItemNotFound: " + name);
        return makeWorksheet(sheet);
      },
      add: (name) => {
        record("worksheets.add", name);
        if (findSheet(name)) throw new Error("ItemAlreadyExists: " + name);
        return makeWorksheet(addSheet(name));
      },
      getActiveWorksheet: () => makeWorksheet(findSheet(state.active)),
    };

    const names = {
      getItem: (name) => {
        if (!state.names.has(name)) throw new Error("ItemNotFound: name " + name);
        return names.getItemOrNullObject(name);
      },
      getItemOrNullObject: (name) => {
        const obj = {};
        const read = loadable(obj, () => {
          const n = state.names.get(name);
          return { isNullObject: !n, formula: n ? "=" + n.ref : null };
        });
        Object.defineProperty(obj, "isNullObject", { get: () => read("isNullObject") });
        Object.defineProperty(obj, "formula", { get: () => read("formula") });
        obj.delete = () => {
          record("names.delete", name);
          state.names.delete(name);
        };
        return obj;
      },
      add: (name, reference, comment) => {
        record("names.add", [name, comment]);
        if (state.names.has(name)) throw new Error("ItemAlreadyExists: name " + name);
        const entry = {
          ref: typeof reference === "string" ? reference : reference._address,
          comment,
        };
        state.names.set(name, entry);
        // the NamedItem: `visible = false` hides the name (kept in the snapshot as hidden: true)
        return {
          set visible(v) {
            record("names.visible", [name, v]);
            if (v === false) entry.hidden = true;
            else delete entry.hidden;
          },
        };
      },
    };

    const workbook = {
      worksheets,
      names,
      getSelectedRange: () => {
        const sel = state.selection || { sheet: state.active, address: "A1" };
        return makeRange(findSheet(sel.sheet), sel.address);
      },
      tables: makeTables(() => state.tables),
    };

    const context = {
      workbook,
      application: {
        suspendApiCalculationUntilNextSync: () => {
          record("suspendApiCalculationUntilNextSync", null);
          state.current.suspended = true;
        },
      },
      sync: async () => {
        const req = state.current;
        state.current = { bytes: 0, calls: 0, suspended: false };
        state.requests.push(req);
        if (req.bytes > LIMIT)
          throw new Error("RequestPayloadSizeLimitExceeded: " + req.bytes + " bytes");
        const todo = pending;
        pending = [];
        for (const f of todo) f();
      },
    };

    const Excel = {
      run: async (fn) => fn(context),
    };
    const Office = {
      context: {
        displayLanguage: init.displayLanguage || "en-US",
        // every requirement set is there unless init.missingSets lists it ("ExcelApi 1.9")
        requirements: {
          isSetSupported: (name, version) =>
            !(init.missingSets || []).includes(name + " " + version),
        },
        document: { settings: createSettings(init.settings) },
      },
      HostType: { Excel: "Excel" },
      onReady: (cb) => {
        const info = { host: "Excel", platform: "OfficeOnline" };
        if (cb) setTimeout(() => cb(info), 0);
        return Promise.resolve(info);
      },
    };

    /** A plain-object view of the workbook, for assertions (and to pass out of the browser). */
    function snapshot() {
      const sheets = {};
      for (const s of state.sheets) {
        const cells = {};
        for (const [k, c] of s.cells) {
          const [r, col] = k.split(",").map(Number);
          cells[colLetter(col) + r] = c;
        }
        sheets[s.name] = {
          cells,
          formats: s.formats,
          validations: s.validations,
          conditionalFormats: s.conditionalFormats,
          charts: s.charts,
          widths: s.widths,
          pageLayout: s.pageLayout,
          ...(s.freeze ? { freeze: s.freeze } : {}),
          selected: s.selected,
          names: Object.fromEntries(s.names),
          tables: state.tables
            .filter((t) => t.sheet === s.name)
            .map((t) => ({ name: t.name, address: t.address, style: t.style, filters: t.filters })),
        };
      }
      return {
        sheets,
        order: state.sheets.map((s) => s.name),
        names: Object.fromEntries(state.names),
        requests: state.requests.slice(),
        active: state.active,
      };
    }

    return { Office, Excel, context, state, snapshot };
  }

  const api = { createFakeOffice, parseAddress, formatAddress, colLetter };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.FakeOffice = api;
})(typeof globalThis !== "undefined" ? globalThis : this);
