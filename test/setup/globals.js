const { createCustomFunctionsShim } = require("./custom-functions-shim");
globalThis.CustomFunctions = createCustomFunctionsShim();
