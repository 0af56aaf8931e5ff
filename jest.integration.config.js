// Integration tier: every test here talks to a real OpenSearch node. The global setup starts
// one from Maven artifacts unless OPENSEARCH_URL points at an existing cluster.
const preset = require('./jest.preset');

/** @type {import('jest').Config} */
module.exports = {
  ...preset,
  displayName: 'integration',
  randomize: true,
  roots: ['<rootDir>/packages', '<rootDir>/tools', '<rootDir>/ingest', '<rootDir>/stack', '<rootDir>/plugin/test'],
  // The plugin's test frames are checked here too: real fixtures, the real node, grafana-model.
  testMatch: ['**/test/integration/**/*.test.ts', '<rootDir>/plugin/test/frames/**/*.test.ts'],
  globalSetup: '<rootDir>/tools/opensearch-local/jest/global-setup.ts',
  globalTeardown: '<rootDir>/tools/opensearch-local/jest/global-teardown.ts',
  // One JVM and two cores: running integration files in parallel only adds contention.
  maxWorkers: 1,
  testTimeout: 120000,
};
