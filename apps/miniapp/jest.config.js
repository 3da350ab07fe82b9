// Minimal config so `pnpm exec jest -c apps/miniapp/jest.config.js` runs on this branch; the root
// config will absorb it. Unit tests of UI logic live next to the code (src/**/*.test.ts); the weapp
// build test (test/weapp-build.test.ts) builds the mini-program once (≈30 s) unless
// WEAPP_DIST points at an existing build.
const path = require('node:path')

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      transform: { react: { runtime: 'automatic' } },
      target: 'es2022',
      paths: { '@/*': ['./src/*'] },
      baseUrl: path.resolve(__dirname),
    },
    module: { type: 'commonjs' },
  },
]

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.test.ts?(x)', '<rootDir>/test/**/*.test.ts'],
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
  transform: { '^.+\\.(t|j)sx?$': swc },
  testTimeout: 180000,
}
