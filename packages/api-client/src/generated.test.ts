import { spawnSync } from 'node:child_process';
import path from 'node:path';

describe('generated contract types', () => {
  it('match the server’s current route schemas (run `pnpm gen:api` after changing a route)', () => {
    const script = path.resolve(__dirname, '../../../apps/api/scripts/openapi-types.ts');
    const result = spawnSync(process.execPath, ['--import', 'tsx', script, '--check'], {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '' },
      timeout: 120000,
    });
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/up to date/);
    expect(result.status).toBe(0);
  });
});
