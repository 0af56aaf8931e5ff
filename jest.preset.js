// Shared jest settings for every TypeScript workspace. Tests run in random order with mocks
// reset, so no test can lean on another's leftovers.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.tsx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  randomize: true,
  resetMocks: true,
  restoreMocks: true,
};
