/**
 * Prints one plain closing line, "N passed, N failed, N skipped", after jest's own summary, so CI logs and
 * tools that read the last line see the counts without parsing jest's layout.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = results;
    const failedSuites = results.numFailedTestSuites + (results.numRuntimeErrorTestSuites || 0);
    if (failedSuites > 0 && numFailedTests === 0) {
      console.log(
        `${numPassedTests} passed, ${failedSuites} failed, ${numPendingTests + numTodoTests} skipped`
      );
      return;
    }
    console.log(
      `${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests + numTodoTests} skipped`
    );
  }
}
module.exports = SummaryReporter;
