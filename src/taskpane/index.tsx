/**
 * Task pane entry (placeholder until the wizard lands): shows that the add-in is loaded.
 */
const root = document.getElementById("root");
if (root) root.textContent = "LTV add-in loaded. Type =LTV(415, 12, 12, 5000) in a cell.";
export {};
