/** The wizard's layout styles (Fluent UI's makeStyles), shared by its steps. */
import { makeStyles, tokens } from "@fluentui/react-components";
import type { UiKey } from "../../i18n/ui";

export const useWizardStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: "12px",
    padding: "16px",
    maxWidth: "420px",
  },
  header: { display: "flex", justifyContent: "space-between", alignItems: "baseline", gap: "8px" },
  row: { display: "flex", gap: "8px", alignItems: "flex-end" },
  grow: { flexGrow: 1 },
  nav: { display: "flex", gap: "8px", justifyContent: "space-between", marginTop: "8px" },
  muted: { color: tokens.colorNeutralForeground3 },
  card: {
    display: "flex",
    flexDirection: "column",
    gap: "4px",
    padding: "8px 12px",
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusMedium,
  },
  table: {
    borderCollapse: "collapse",
    fontSize: tokens.fontSizeBase200,
    "& th, & td": {
      textAlign: "left",
      padding: "1px 6px 1px 0",
      borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
      whiteSpace: "nowrap",
    },
    // the amount column
    "& th:last-child, & td:last-child": { textAlign: "right", fontVariantNumeric: "tabular-nums" },
  },
});

/** A UI text in the wizard's language. */
export type Translate = (key: UiKey, params?: Record<string, string | number>) => string;
