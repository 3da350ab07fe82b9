import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const cli = path.join(__dirname, 'cli.ts');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xfqs-cli-'));
const admin = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], {
    env: { ...process.env, NODE_OPTIONS: '', DATA_DIR: dataDir, DATABASE_URL: '' },
    encoding: 'utf8',
    timeout: 60000,
  });

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
});
