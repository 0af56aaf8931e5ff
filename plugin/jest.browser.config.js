// Browser tier: real headless Chromium (/usr/bin/chromium) driven by playwright-core against the
// harness page, served from 127.0.0.1. Screenshots go to artifacts/ (git-ignored).
/** @type {import('jest').Config} */
module.exports = {
  displayName: 'plugin-browser',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/tests/browser/**/*.test.ts'],
  transform: {
    '^.+\\.tsx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  testTimeout: 60_000,
  randomize: true,
  resetMocks: true,
  restoreMocks: true,
};
