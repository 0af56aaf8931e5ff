// Unit tier: pure and fast, no OpenSearch. Each workspace keeps its unit tests in test/unit/.
const preset = require('./jest.preset');

const unitProject = (dir) => ({
  ...preset,
  displayName: dir,
  rootDir: `<rootDir>/${dir}`,
  testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
});

/** @type {import('jest').Config} */
module.exports = {
  // Random order, so no test can lean on another's leftovers.
  randomize: true,
  projects: ['packages/finding-model', 'packages/grafana-model', 'tools/opensearch-local', 'ingest', 'dashboards', 'alerts', 'stack'].map(unitProject),
};
