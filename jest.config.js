// Four tiers, selected with --selectProjects: unit and e2e need nothing installed (npm test);
// browser needs Chromium, integration needs real Redis, Elasticsearch and Kafka (.ci/run).
const transform = { '^.+\\.ts$': ['@swc/jest'] };
const base = { transform, testEnvironment: 'node', moduleFileExtensions: ['ts', 'js', 'json'] };

module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'], testTimeout: 60000 },
    { ...base, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'], testTimeout: 120000 },
    { ...base, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.int-spec.ts'], testTimeout: 120000 },
  ],
};
