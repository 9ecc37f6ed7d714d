/* eslint-disable */
module.exports = {
  displayName: 'api-delivery',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  transform: { '^.+\\.[tj]s$': ['@swc/jest', require('../../../tools/jest/swc.config.cjs')] },
  moduleFileExtensions: ['ts', 'js'],
  passWithNoTests: true,
  coverageDirectory: '../../../coverage/libs/api/delivery',
};
