// Shared jest settings for every TypeScript workspace: mocks are reset between tests. Random
// order is a global option, so each top-level config sets `randomize` itself.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.tsx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  resetMocks: true,
  restoreMocks: true,
};
