/**
 * A stand-in for the `CustomFunctions` global that Excel's runtime provides: the Error class, its codes and
 * `associate` (which records registrations). Used by unit tests and, in a bare VM context, by the bundle test.
 */
function createCustomFunctionsShim() {
  const ErrorCode = {
    invalidValue: "#VALUE!",
    notAvailable: "#N/A",
    divisionByZero: "#DIV/0!",
    invalidNumber: "#NUM!",
    nullReference: "#NULL!",
    invalidName: "#NAME?",
    invalidReference: "#REF!",
  };
  class CustomFunctionsError extends Error {
    constructor(code, message) {
      super(message || "");
      this.code = code || ErrorCode.invalidValue;
      this.name = "CustomFunctions.Error";
    }
  }
  const registered = new Map();
  return {
    Error: CustomFunctionsError,
    ErrorCode,
    associate(id, fn) {
      if (typeof id === "object") for (const [k, v] of Object.entries(id)) registered.set(k, v);
      else registered.set(id, fn);
    },
    registered,
  };
}

module.exports = { createCustomFunctionsShim };
