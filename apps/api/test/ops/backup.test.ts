import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { asc, eq, sql } from 'drizzle-orm';
import { membershipApplications, memberNumberCounters, openDatabase, rewards, rowsOf, type DatabaseHandle } from '@xfqs/db';
import { createPiiCipher } from '../../src/pii';
import { openPii } from '../../src/features/membership/applications';
import { createTestApp, type TestApp } from '../harness';
import { testDbKind } from '../setup/database';
import { createMigratedPostgres } from '../setup/postgres';
import { applyAsNewRider } from '../membership/helpers';
import { checkIn, createActivity, currentToken, loginStaff } from '../stamps/helpers';
import { ROOT } from './processes';

const kind = testDbKind();

/** Where the drill's database lives: a PostgreSQL database by URL, or an embedded one in a folder. */
async function drillTarget(): Promise<{
  env: Record<string, string>;
  open: () => Promise<DatabaseHandle>;
  wipe: () => Promise<void>;
  tablesLeft: () => Promise<number>;
  drop: () => Promise<void>;
}> {
  if (kind === 'postgres') {
    const db = await createMigratedPostgres();
    return {
      env: { DATABASE_URL: db.url },
      open: () => openDatabase({ databaseUrl: db.url, poolSize: 5 }),
      wipe: async () => {
        const c = new Client({ connectionString: db.url });
        await c.connect();
        await c.query('drop schema public cascade; drop schema drizzle cascade; create schema public;');
        await c.query('drop extension if exists earthdistance cascade; drop extension if exists cube cascade; drop extension if exists btree_gist cascade');
        await c.end();
      },
      tablesLeft: async () => {
        const c = new Client({ connectionString: db.url });
        await c.connect();
        const { rows } = await c.query("select count(*)::int as n from information_schema.tables where table_schema in ('public', 'drizzle')");
        await c.end();
        return rows[0].n;
      },
      drop: db.drop,
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xfqs-drill-'));
  return {
    env: { DATA_DIR: dir },
    open: async () => {
      const handle = await openDatabase({ dataDir: dir });
      await handle.migrate();
      return handle;
    },
    wipe: async () => fs.rmSync(path.join(dir, 'pg'), { recursive: true, force: true }),
    tablesLeft: async () => (fs.existsSync(path.join(dir, 'pg')) ? fs.readdirSync(path.join(dir, 'pg')).length : 0),
    drop: async () => fs.rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 }),
  };
}

/** `pnpm db:backup|db:restore <file>` as an operator runs it. */
function dbCommand(command: 'db:backup' | 'db:restore', file: string, env: Record<string, string>) {
  const res = spawnSync('pnpm', ['--silent', command, file], { cwd: ROOT, env: { ...process.env, DATABASE_URL: '', DATA_DIR: '', ...env }, encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`${command} failed (${res.status}): ${res.stdout}\n${res.stderr}`);
}

/** What must survive a backup and restore, read straight from the tables. */
async function fingerprint(t: Pick<TestApp, 'db' | 'config'>) {
  const tables = rowsOf<{ table_name: string }>(
    await t.db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`),
  ).map((r) => r.table_name);
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = rowsOf<{ n: number }>(await t.db.execute(sql`select count(*)::int as n from ${sql.identifier(table)}`))[0].n;
  const ledger = rowsOf<{ kind: string; total: number }>(
    await t.db.execute(sql`select kind, sum(amount)::int as total from stamp_ledger group by kind order by kind`),
  );
  const stock = await t.db.select({ id: rewards.id, stock: rewards.stock }).from(rewards).orderBy(asc(rewards.id));
  const counters = await t.db.select().from(memberNumberCounters).orderBy(asc(memberNumberCounters.orgId));
  const cipher = createPiiCipher(t.config.pii);
  const applications = await t.db.select().from(membershipApplications).orderBy(asc(membershipApplications.id));
  const pii = applications.map((a) => ({ id: a.id, memberNo: a.memberNo, ...openPii(cipher, a) }));
  return { counts, ledger, stock, counters, pii };
}

describe(`backup and restore drill (${kind})`, () => {
  it('pnpm db:backup, wipe, pnpm db:restore: counts, ledger sums, stock, member-number counters and decrypted PII are equal', async () => {
    const target = await drillTarget();
    let t: TestApp | undefined;
    try {
      t = await createTestApp({ database: await target.open(), env: { AUTH_RATE_LIMIT: '1000000' } });
      // members with numbers and encrypted PII
      const lgqAdmin = await t.loginAs('org_admin', { orgId: t.orgIds.LGQ });
      const applied = [];
      for (const realName of ['王小明', '李四', '赵六']) applied.push(await applyAsNewRider(t, { realName, orgId: t.orgIds.LGQ }));
      for (const a of applied.slice(0, 2)) expect((await t.call('POST', `/membership/applications/${a.id}/approve`, { as: lgqAdmin })).status).toBe(200);
      // stamps earned and spent, stock taken
      const rider = applied[0].rider;
      for (const stamps of [5, 5]) {
        const activity = await createActivity(t, lgqAdmin, { stamps });
        expect((await checkIn(t, rider, activity.id, { token: await currentToken(t, lgqAdmin, activity.id) })).status).toBe(201);
      }
      const [reward] = await t.db.select().from(rewards).where(eq(rewards.name, '冰袖')).limit(1);
      const redemption = await t.call('POST', '/redemptions', { as: rider, body: { stationId: reward.stationId, rewardId: reward.id } });
      expect(redemption.status).toBe(201);
      const staff = await loginStaff(t, reward.stationId);
      expect((await t.call('POST', '/redemptions/fulfill', { as: staff, body: { code: redemption.body.code } })).status).toBe(200);

      const before = await fingerprint(t);
      expect(before.pii.map((p) => p.realName).sort()).toEqual(['李四', '王小明', '赵六']);
      expect(before.pii.filter((p) => p.memberNo)).toHaveLength(2);
      expect(before.ledger).toEqual([{ kind: 'earn', total: 10 }, { kind: 'spend', total: reward.cost }]);
      expect(before.stock.find((r) => r.id === reward.id)!.stock).toBe(reward.stock - 1);
      expect(before.counters.length).toBeGreaterThan(0);
      const config = t.config;
      await t.close();
      t = undefined;

      const file = path.join(os.tmpdir(), `xfqs-drill-${process.pid}-${kind}.backup`);
      dbCommand('db:backup', file, target.env);
      expect(fs.statSync(file).size).toBeGreaterThan(1000);
      await target.wipe();
      expect(await target.tablesLeft()).toBe(0);

      dbCommand('db:restore', file, target.env);
      fs.rmSync(file, { force: true });
      const restored = await target.open();
      try {
        expect(await fingerprint({ db: restored.db, config })).toEqual(before);
        expect(await restored.migrationsApplied()).toBe(true);
      } finally {
        await restored.close();
      }
    } finally {
      await t?.close();
      await target.drop();
    }
  }, 900_000);
});
