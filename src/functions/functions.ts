/**
 * The custom functions' entry point. Each module registers its functions: the metadata plugin appends a
 * `CustomFunctions.associate(id, fn)` call for every `@customfunction` it finds (webpack.config.js lists the
 * files in FUNCTION_FILES).
 */
import "./foundation";
import "./analytics";
import "./models";
import "./ledger-value";
import "./customer-value";
