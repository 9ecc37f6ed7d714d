/* eslint-disable */
// Fault injection and the soak: the built API and worker (dist/) as processes on a database each
// suite creates and drops; Postgres behind a proxy the suite can cut. Slow by design, so run by
// `npm run test:faults`, not `npm test`.
module.exports = {
  displayName: 'api-faults',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  rootDir: '.',
  roots: ['<rootDir>/faults'],
  testMatch: ['**/*.fault-spec.ts'],
  transform: { '^.+\\.[tj]s$': ['@swc/jest', require('../../tools/jest/swc.config.cjs')] },
  moduleFileExtensions: ['ts', 'js'],
  globalSetup: '<rootDir>/faults/support/global-setup.ts',
  testTimeout: 240_000,
};
