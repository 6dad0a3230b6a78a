// A Jest reporter that ends every run with one plain closing line, `tests: N passed, N failed,
// N skipped`, the form CI reads to tell a run that executed tests from one that executed none
// (Jest's own summary, `Tests: N passed, N total`, is not that form). With LOGNEST_TEST_TALLY
// set to a file path, the same three numbers are appended to it, one line a run, so .ci/run
// can close with the total of all its suites.
const { appendFileSync } = require('node:fs');

class ClosingLineReporter {
  onRunComplete(_contexts, results) {
    const passed = results.numPassedTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const skipped = results.numPendingTests + results.numTodoTests;
    process.stdout.write(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
    const tally = process.env.LOGNEST_TEST_TALLY;
    if (tally) appendFileSync(tally, `${passed} ${failed} ${skipped}\n`);
  }
}

module.exports = ClosingLineReporter;
