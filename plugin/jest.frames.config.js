// Regenerates (UPDATE_FRAMES=1) or checks the committed test frames against a real OpenSearch
// node: `OPENSEARCH_URL` (default http://127.0.0.1:9200, the developer node).
/** @type {import('jest').Config} */
module.exports = {
  displayName: 'plugin-frames',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/frames/**/*.test.ts'],
  transform: {
    '^.+\\.tsx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  testTimeout: 120_000,
  randomize: true,
  resetMocks: true,
  restoreMocks: true,
};
