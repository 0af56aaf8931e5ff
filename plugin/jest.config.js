// Unit tier of the plugin: components and data shaping in jsdom. Random order, mocks reset.
// Dependencies of @grafana/* published as ES modules only; swc turns them into CommonJS for jest.
const ES_MODULES = ['marked', 'd3', 'd3-[a-z-]+', 'internmap', 'delaunator', 'robust-predicates', 'ol', 'react-colorful', 'uuid', 'rxjs', 'nanoid', '@grafana/schema', 'yaml', 'ml-matrix', 'react-calendar', 'get-user-locale', 'memoize', 'mimic-function', '@wojtekmaj/date-utils'];

/** @type {import('jest').Config} */
module.exports = {
  displayName: 'plugin',
  rootDir: __dirname,
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/src/**/*.test.{ts,tsx}'],
  setupFilesAfterEnv: ['<rootDir>/jest.setup.ts'],
  transform: {
    '^.+\\.(t|j|mj)sx?$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022', transform: { react: { runtime: 'automatic' } } },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
  // Only the innermost node_modules segment decides, so nested copies are transformed too.
  transformIgnorePatterns: [`node_modules/(?!(${ES_MODULES.join('|')})/)(?!.*node_modules/)`],
  moduleNameMapper: {
    '\\.(css|scss|sass)$': '<rootDir>/test/style-stub.js',
  },
  randomize: true,
  resetMocks: true,
  restoreMocks: true,
};
