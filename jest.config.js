// Four tiers, selected with --selectProjects: unit and e2e need nothing installed (npm test);
// browser needs Chromium, integration needs real Redis, Elasticsearch and Kafka (.ci/run).
const transform = { '^.+\\.ts$': ['@swc/jest'] };
const base = { transform, testEnvironment: 'node', moduleFileExtensions: ['ts', 'js', 'json'] };

module.exports = {
  // testTimeout is a global option: per-project values are ignored when projects run together.
  testTimeout: 60000,
  // Jest's summary, then one plain `tests: N passed, N failed, N skipped` line (CI reads it).
  reporters: ['default', '<rootDir>/test/support/closing-line-reporter.js'],
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'] },
    { ...base, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'] },
    { ...base, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.int-spec.ts'] },
  ],
};
