import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '@xfqs/db';

const cli = path.join(__dirname, 'cli.ts');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xfqs-cli-'));
const admin = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], {
    env: { ...process.env, NODE_OPTIONS: '', DATA_DIR: dataDir, DATABASE_URL: '' },
    encoding: 'utf8',
    timeout: 170000, // a cold tsx start, PGlite and the migrations: slow on a busy machine
  });

jest.setTimeout(900_000);
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('pnpm admin (role CLI over the grants service)', () => {
  it('grants, lists and revokes a role; the user is created by the grant', () => {
    const grant = admin('grant', '--openid', 'cli-operator', '--role', 'super_admin');
    expect(grant.stderr).toBe('');
    expect(grant.status).toBe(0);
    expect(grant.stdout).toMatch(/granted super_admin to cli-operator/);

    const list = admin('list', '--openid', 'cli-operator');
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(/cli-operator.*super_admin/s);

    const revoke = admin('revoke', '--openid', 'cli-operator', '--role', 'super_admin');
    expect(revoke.status).toBe(0);
    expect(admin('list', '--openid', 'cli-operator').stdout).not.toMatch(/super_admin/);
  });

  it('fails with a clear message and exit code 1 on bad input', () => {
    const noOrg = admin('grant', '--openid', 'x', '--role', 'org_admin');
    expect(noOrg.status).toBe(1);
    expect(noOrg.stderr).toMatch(/VALIDATION_FAILED.*orgId/);
    const badRole = admin('grant', '--openid', 'x', '--role', 'emperor');
    expect(badRole.status).toBe(1);
    expect(badRole.stderr).toMatch(/--role must be one of/);
    expect(admin('frobnicate').status).toBe(1);
  });

  it('refuses clearly, changing nothing, while the embedded database is open in another process (a running server)', async () => {
    const server = await openDatabase({ dataDir }); // what a running server holds
    try {
      for (const args of [['grant', '--openid', 'while-running', '--role', 'super_admin'], ['revoke', '--openid', 'while-running', '--role', 'super_admin'], ['list']]) {
        const res = admin(...args);
        expect(res.status).toBe(1);
        expect(res.stdout).not.toMatch(/granted|revoked/);
        expect(res.stderr).toMatch(/nothing changed: the embedded database in .* is in use by another process \(pid \d+/);
      }
    } finally {
      await server.close();
    }
    // the refused grant never happened; once the server is gone the CLI works
    expect(admin('list', '--openid', 'while-running').stdout).not.toMatch(/super_admin/);
    const grant = admin('grant', '--openid', 'while-running', '--role', 'super_admin');
    expect(grant.status).toBe(0);
    // and it released the folder: the server can open it again and sees the grant
    const reopened = await openDatabase({ dataDir });
    await reopened.close();
  });

  it('prune folds old check-ins into daily counts and says what it did', () => {
    const res = admin('prune');
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/pruned before \d{4}-\d\d-\d\dT.*: \d+ check-ins folded into daily counts, \d+ report locations blurred/);
  });

  it('takes over the lock of a process that is gone (a crashed server)', () => {
    fs.writeFileSync(path.join(dataDir, 'pg.lock'), '999999');
    expect(admin('list').status).toBe(0);
  });
});
