// Unit tier of the plugin: components and data shaping in jsdom. Random order, mocks reset.
/** @type {import('jest').Config} */
module.exports = {
  displayName: 'plugin',
  rootDir: __dirname,
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/src/**/*.test.{ts,tsx}'],
  setupFilesAfterEnv: ['<rootDir>/jest.setup.ts'],
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022', transform: { react: { runtime: 'automatic' } } },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
  moduleNameMapper: {
    '\\.(css|scss|sass)$': '<rootDir>/test/style-stub.js',
  },
  randomize: true,
  resetMocks: true,
  restoreMocks: true,
};
