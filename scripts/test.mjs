#!/usr/bin/env node
// `pnpm test`: type-checks, makes sure a PostgreSQL server is there (a throwaway cluster from
// Debian's packages unless TEST_DATABASE_URL is set), runs every jest project (unit, API on PGlite,
// API on PostgreSQL, browser) and ends with a plain "N passed, N failed" line.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const artifacts = path.join(root, 'test-artifacts');
fs.mkdirSync(artifacts, { recursive: true });
const jestArgs = process.argv.slice(2);
const run = (cmd, args, opts = {}) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });

let typecheckFailed = 0;
if (!process.env.SKIP_TYPECHECK) {
  console.log('› type-check');
  typecheckFailed = run('pnpm', ['run', 'typecheck']).status === 0 ? 0 : 1;
}

if (!process.env.TEST_DATABASE_URL) {
  const pg = spawnSync(path.join(root, 'scripts/pg-throwaway.sh'), ['start'], { encoding: 'utf8' });
  if (pg.status !== 0) {
    process.stderr.write(pg.stderr);
    console.error('PostgreSQL is needed for the api:postgres project (apt-get install -y postgresql postgresql-contrib), or set TEST_DATABASE_URL.');
    process.exit(1);
  }
  process.env.TEST_DATABASE_URL = pg.stdout.trim();
}
console.log(`› jest (PostgreSQL at ${process.env.TEST_DATABASE_URL.replace(/\/\/[^@]*@/, '//')})`);

// JEST_RESULTS_FILE: a test of this script runs it with its own file, away from the outer run's.
const resultsFile = process.env.JEST_RESULTS_FILE ?? path.join(artifacts, 'jest-results.json');
const EXIT_GRACE_SECONDS = Number(process.env.JEST_EXIT_GRACE_SECONDS ?? 60);
fs.rmSync(resultsFile, { force: true });
const jest = await runJest(['--json', `--outputFile=${resultsFile}`, ...jestArgs]);

let passed = 0;
let failed = typecheckFailed;
if (fs.existsSync(resultsFile)) {
  const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  passed = results.numPassedTests;
  failed += results.numFailedTests + results.numRuntimeErrorTestSuites;
} else {
  failed += 1;
}
if (typecheckFailed) console.log('type-check failed (counted as one failure)');
if (jest.hung) {
  console.log(`jest had not exited ${EXIT_GRACE_SECONDS} s after writing its results: something a test opened is still open ("Jest did not exit" above); it was stopped and counts as one failure`);
  failed += 1;
} else if (jest.status !== 0 && failed === typecheckFailed) {
  // every test passed but jest still failed the run (e.g. code running after a file was torn down)
  console.log(`jest exited with status ${jest.status} although no test failed: counted as one failure, see the log above`);
  failed += 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || jest.status !== 0 ? 1 : 0);

/**
 * Runs jest, and stops it if it is still running EXIT_GRACE_SECONDS after it wrote its results.
 * On two cores jest runs the test files inside its own process (one worker: in band), so one
 * handle a test leaves open (a socket, a timer) keeps it from ever exiting: CI would wait for its 90-minute limit and print
 * no summary at all.
 */
async function runJest(args) {
  const child = spawn('pnpm', ['exec', 'jest', ...args], {
    cwd: root,
    stdio: 'inherit',
    detached: true, // its own process group: stopping it stops the servers its tests started too
    env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules`.trim() },
  });
  const stopGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  const forward = (signal) => () => stopGroup(signal);
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, forward(signal));
  let stopped = false;
  let resultsSeen = false;
  const watch = setInterval(() => {
    if (resultsSeen || !fs.existsSync(resultsFile)) return;
    resultsSeen = true;
    setTimeout(() => {
      stopped = true;
      stopGroup('SIGTERM');
      setTimeout(() => stopGroup('SIGKILL'), 10_000).unref();
    }, EXIT_GRACE_SECONDS * 1000).unref();
  }, 1000);
  const status = await new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
  clearInterval(watch);
  return { status, hung: stopped };
}
