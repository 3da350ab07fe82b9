// The deploy project's test files (and only theirs: jest gives each test file its own copy of
// process.env) talk to the deployment its globalSetup brought up, through nginx:
// - the browser journeys (tests/e2e/support/target.ts) drive DEPLOY_BASE_URL instead of E2E_BASE_URL;
// - the API harness (apps/api/test/harness.ts) runs in remote mode: real HTTP to nginx, the
//   deployment's primary as its database handle.
// DEPLOY_BASE_URL and DEPLOY_DATABASE_URL are set by support/global-setup.ts, so every project's
// workers see them; E2E_TARGET and TEST_API_* are set here, so no other project does.
if (process.env.DEPLOY_UP_ERROR) throw new Error(process.env.DEPLOY_UP_ERROR);
if (!process.env.DEPLOY_BASE_URL || !process.env.DEPLOY_DATABASE_URL) throw new Error('the deployment is not up: run through the deploy jest project (support/global-setup.ts)');
process.env.E2E_TARGET = 'deploy';
process.env.TEST_API_BASE_URL = process.env.DEPLOY_BASE_URL;
process.env.TEST_API_DATABASE_URL = process.env.DEPLOY_DATABASE_URL;
