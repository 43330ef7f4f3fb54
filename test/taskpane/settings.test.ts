import {
  AUTO_SHOW_KEY,
  autoShowTaskpane,
  clearWizardChoices,
  loadWizardChoices,
  saveWizardChoices,
  setAutoShowTaskpane,
  WIZARD_SETTINGS_KEY,
  type SettingsLike,
} from "../../src/taskpane/settings";

/** Office.Settings as a map: values are kept as set; saveAsync "persists" them (or fails when told to). */
function settingsDouble(
  fail = false
): SettingsLike & { store: Map<string, unknown>; saved: number } {
  const store = new Map<string, unknown>();
  return {
    store,
    saved: 0,
    get: (k) => (store.has(k) ? store.get(k) : null),
    set: (k, v) => void store.set(k, v),
    remove: (k) => void store.delete(k),
    saveAsync(cb) {
      if (!fail) this.saved++;
      cb?.(
        fail
          ? { status: "failed", error: { message: "read-only workbook" } }
          : { status: "succeeded" }
      );
    },
  };
}

describe("the wizard's choices stored in the workbook", () => {
  it("round-trips the route, source, mapping and typed fields, and leaves auto-open alone", async () => {
    const s = settingsDouble();
    await saveWizardChoices(
      {
        route: "ledger",
        source: { sheet: "売上", address: "A1:D6920" },
        mapping: { customer: 0, date: 1, amount: 2, order: 3 },
        fields: {
          periodUnit: "month",
          grossMargin: "40",
          lifespanFromChurn: true,
          retentionBasis: "perPeriod",
        },
        lang: "ja",
        sheetName: "LTV計算",
        savedAt: "2025-01-01T00:00:00.000Z",
      },
      s
    );
    expect(s.saved).toBe(1);
    // writing does not tag the workbook to open the pane: that is the user's toggle
    expect(s.store.has(AUTO_SHOW_KEY)).toBe(false);
    expect(autoShowTaskpane(s)).toBe(false);
    expect(loadWizardChoices(s)).toEqual({
      version: 1,
      route: "ledger",
      source: { sheet: "売上", address: "A1:D6920" },
      mapping: { customer: 0, date: 1, amount: 2, order: 3 },
      fields: {
        periodUnit: "month",
        grossMargin: "40",
        lifespanFromChurn: true,
        retentionBasis: "perPeriod",
      },
      lang: "ja",
      sheetName: "LTV計算",
      savedAt: "2025-01-01T00:00:00.000Z",
    });
  });

  it("ignores missing, unreadable or foreign values, and drops fields of the wrong type", () => {
    const s = settingsDouble();
    expect(loadWizardChoices(s)).toBeUndefined();
    s.set(WIZARD_SETTINGS_KEY, "{not json");
    expect(loadWizardChoices(s)).toBeUndefined();
    s.set(WIZARD_SETTINGS_KEY, JSON.stringify({ version: 2, route: "manual" }));
    expect(loadWizardChoices(s)).toBeUndefined();
    s.set(
      WIZARD_SETTINGS_KEY,
      JSON.stringify({
        version: 1,
        route: "manual",
        fields: { avgOrder: 415, periodUnit: "week", targetRatio: "3", evil: "x" },
        mapping: { customer: -1, date: 1.5, amount: 2 },
      })
    );
    expect(loadWizardChoices(s)).toEqual({
      version: 1,
      route: "manual",
      fields: { targetRatio: "3" },
      mapping: { amount: 2 },
    });
  });

  it("turns auto-open off and clears everything; a failed save is an error", async () => {
    const s = settingsDouble();
    await saveWizardChoices({ route: "manual", fields: {} }, s);
    await setAutoShowTaskpane(false, s);
    expect(autoShowTaskpane(s)).toBe(false);
    await clearWizardChoices(s);
    expect(s.store.size).toBe(0);
    await expect(
      saveWizardChoices({ route: "manual", fields: {} }, settingsDouble(true))
    ).rejects.toThrow(/read-only workbook/);
  });
});

describe("opening the task pane with the workbook is the user's choice", () => {
  it("autoOpen true tags the workbook, false untags it, absent keeps the earlier choice", async () => {
    const s = settingsDouble();
    await saveWizardChoices({ route: "manual", fields: {}, autoOpen: true }, s);
    expect(autoShowTaskpane(s)).toBe(true);
    expect(JSON.parse(s.store.get(WIZARD_SETTINGS_KEY) as string)).not.toHaveProperty("autoOpen");
    await saveWizardChoices({ route: "manual", fields: {} }, s);
    expect(autoShowTaskpane(s)).toBe(true);
    await saveWizardChoices({ route: "manual", fields: {}, autoOpen: false }, s);
    expect(autoShowTaskpane(s)).toBe(false);
    expect(s.saved).toBe(3);
  });
});
