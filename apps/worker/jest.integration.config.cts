/* eslint-disable */
// Integration tests: the real API against the real Postgres and Redis, in a database created for
// this run and dropped after it.
module.exports = {
  displayName: 'worker-integration',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  rootDir: '.',
  roots: ['<rootDir>/integration'],
  testMatch: ['**/*.integration-spec.ts'],
  transform: { '^.+\\.[tj]s$': ['@swc/jest', require('../../tools/jest/swc.config.cjs')] },
  moduleFileExtensions: ['ts', 'js'],
  // @fastify/static requires content-disposition, which ships ESM only; Node loads it natively, Jest needs it compiled.
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
  globalSetup: '<rootDir>/../../libs/api/testing/src/lib/global-setup.ts',
  globalTeardown: '<rootDir>/../../libs/api/testing/src/lib/global-teardown.ts',
  testTimeout: 60000,
};
