/**
 * One jest run, several projects: pure unit tests once, the API suite twice — on embedded
 * PGlite and on a real PostgreSQL server — so both databases run the same tests, and the browser
 * journeys (the built H5 app in Chromium against one real server on a fresh database).
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', tsx: true },
      transform: { react: { runtime: 'automatic' } },
    },
    module: { type: 'commonjs' },
  },
];

const base = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': swc, '^.+\\.mjs$': swc },
  // ESM-only packages (Fastify's inject(), the nearby k-d tree) must be transformed too.
  transformIgnorePatterns: ['/node_modules/(?!(\\.pnpm/[^/]+/node_modules/)?(cookie|set-cookie-parser|content-disposition|kdbush|geokdbush|tinyqueue)/)'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1', '^@/(.*)$': '<rootDir>/apps/miniapp/src/$1' },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};

const apiTests = ['<rootDir>/apps/api/test/**/*.test.ts'];

/**
 * Files about HTTP, configuration or several processes, where the database is incidental: they
 * run on PostgreSQL only. Everything that reads or writes data runs on both databases.
 */
const databaseIndependent = [
  'platform/(cors|health|map-tiles|production|rate-limits|redis-limits|request-id|static-h5)',
  'ops/(trust-proxy|metrics|shared-state|processes)',
  'auth/(rate-limit|wechat)',
  'security/(authorization|openapi-lint)',
].map((name) => `/apps/api/test/${name}\\.test\\.ts$`);

module.exports = {
  testTimeout: 180000,
  projects: [
    {
      ...base,
      displayName: 'unit',
      testMatch: ['<rootDir>/packages/*/src/**/*.test.ts?(x)', '<rootDir>/apps/api/src/**/*.test.ts', '<rootDir>/apps/miniapp/src/**/*.test.ts'],
    },
    {
      ...base,
      // React components rendered in jsdom, with Taro's host components as plain DOM elements.
      displayName: 'components',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/apps/miniapp/src/**/*.test.tsx'],
      setupFiles: ['<rootDir>/apps/miniapp/test/render/setup.js'],
      moduleNameMapper: {
        '^@tarojs/components$': '<rootDir>/apps/miniapp/test/render/taro-components.tsx',
        '^(\\./|@/components/)nut$': '<rootDir>/apps/miniapp/test/render/nut.tsx',
        '\\.(s?css)$': '<rootDir>/apps/miniapp/test/render/style.js',
        ...base.moduleNameMapper,
      },
    },
    {
      ...base,
      // Builds the weapp package (≈30 s, or reads WEAPP_DIST) and checks app.json and the size budget.
      displayName: 'miniapp:weapp',
      testMatch: ['<rootDir>/apps/miniapp/test/**/*.test.ts'],
    },
    {
      ...base,
      displayName: 'api:pglite',
      testMatch: apiTests,
      testPathIgnorePatterns: [...base.testPathIgnorePatterns, ...databaseIndependent],
      setupFiles: ['<rootDir>/apps/api/test/setup/env-pglite.js'],
    },
    {
      ...base,
      displayName: 'api:postgres',
      testMatch: apiTests,
      globalSetup: '<rootDir>/apps/api/test/setup/postgres-global.ts',
      setupFiles: ['<rootDir>/apps/api/test/setup/env-postgres.js'],
    },
    // The nearby and station tests once more with lag-tolerant reads (dbRead) on a real streaming
    // replica of the test server: only when TEST_DATABASE_REPLICA_URL is set (scripts/pg-replica.sh).
    ...(process.env.TEST_DATABASE_REPLICA_URL
      ? [
          {
            ...base,
            displayName: 'api:replica',
            testMatch: ['<rootDir>/apps/api/test/stations/nearby.test.ts', '<rootDir>/apps/api/test/stations/manage.test.ts', '<rootDir>/apps/api/test/ops/replica.test.ts'],
            globalSetup: '<rootDir>/apps/api/test/setup/postgres-global.ts',
            setupFiles: ['<rootDir>/apps/api/test/setup/env-replica.js'],
          },
        ]
      : []),
    {
      ...base,
      // scripts/deploy-local.sh up once (PostgreSQL + replica, Redis, S3 emulator, 2 instances, nginx),
      // then, in one file so nothing overlaps, through nginx: the API suite's HTTP-level journeys (its
      // harness in remote mode), the browser journeys, an instance killed mid-traffic, a rolling restart.
      // DEPLOY_KEEP=1 leaves the deployment up afterwards.
      displayName: 'deploy',
      testMatch: ['<rootDir>/tests/deploy/**/*.test.ts'],
      globalSetup: '<rootDir>/tests/deploy/support/global-setup.ts',
      globalTeardown: '<rootDir>/tests/deploy/support/global-teardown.ts',
      setupFiles: ['<rootDir>/tests/deploy/support/env.js'],
    },
    {
      ...base,
      // Builds H5 once if stale and starts one real server (embedded database, demo data) for every
      // journey; the journeys live in one file so they run in order, one browser at a time.
      displayName: 'browser',
      testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'],
      globalSetup: '<rootDir>/tests/e2e/support/global-setup.ts',
      globalTeardown: '<rootDir>/tests/e2e/support/global-teardown.ts',
    },
  ],
};
