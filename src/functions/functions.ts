/**
 * The custom functions' entry point. Each module registers its functions: the metadata plugin appends a
 * `CustomFunctions.associate(id, fn)` call for every `@customfunction` it finds (webpack.config.js lists the
 * files in FUNCTION_FILES).
 *
 * Registered only where Excel's custom-functions runtime is: the task pane page loads this bundle too, and opened
 * outside Excel (a browser, another Office host) it has no `CustomFunctions`; loading the modules there would
 * throw at the first `associate` and leave a blank page.
 */
if (typeof CustomFunctions !== "undefined" && typeof CustomFunctions.associate === "function") {
  require("./foundation");
  require("./analytics");
  require("./models");
  require("./ledger-value");
  require("./customer-value");
}
