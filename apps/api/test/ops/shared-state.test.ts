import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import type { DatabaseHandle } from '@xfqs/db';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createTestApp, readUntil, type TestApp, type TestUser } from '../harness';
import { openSecondHandle, testDbKind } from '../setup/database';
import { createStation, FENGTAI } from '../stations/helpers';
import { jpeg, reportFields, formData } from '../stamps/helpers';
import { startS3Emulator, type S3Emulator } from './s3';

/**
 * Two API instances on one database, as behind nginx: A is the usual test app, B a second app with
 * its own connections (PostgreSQL) and its own data folder. Whatever one instance did, the other
 * must see: photos, the nearby answers, tokens and codes.
 */
interface Pair {
  a: TestApp;
  b: FastifyInstance;
  bHandle: DatabaseHandle;
  close(): Promise<void>;
}

async function twoInstances(env: Record<string, string> = {}): Promise<Pair> {
  const dirs = [0, 1].map(() => fs.mkdtempSync(path.join(os.tmpdir(), 'xfqs-two-')));
  const a = await createTestApp({ env: { DATA_DIR: dirs[0], AUTH_RATE_LIMIT: '1000000', ...env } });
  const bHandle = await openSecondHandle(a.database);
  const b = await buildApp(loadConfig({ NODE_ENV: 'test', DEV_LOGIN: 'true', AUTH_RATE_LIMIT: '1000000', DATA_DIR: dirs[1], ...env }), { database: bHandle });
  await b.ready();
  return {
    a,
    b,
    bHandle,
    close: async () => {
      await b.close();
      await bHandle.close();
      await a.close();
      for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const viaB = (pair: Pair, method: 'GET' | 'POST', url: string, as?: TestUser, payload?: object) =>
  pair.b.inject({ method, url: `/api/v1${url}`, headers: as?.headers ?? {}, ...(payload ? { payload } : {}) });

async function uploadReportThroughA(pair: Pair, rider: TestUser): Promise<string> {
  const form = await formData(reportFields(), { photo: { data: await jpeg({ width: 80, height: 60 }), filename: 'p.jpg', type: 'image/jpeg' } });
  const res = await pair.a.call('POST', '/reports', { as: rider, body: form.body, headers: form.headers });
  expect(res.status).toBe(201);
  return res.body.id;
}

describe(`two instances on one database (${testDbKind()})`, () => {
  let s3: S3Emulator;
  beforeAll(async () => {
    s3 = await startS3Emulator();
  });
  afterAll(() => s3?.stop());

  it('a photo uploaded through A is served through B from the S3-compatible store', async () => {
    const pair = await twoInstances(s3.env);
    try {
      const rider = await pair.a.loginAs('rider');
      const id = await uploadReportThroughA(pair, rider);
      const fromA = await pair.a.call('GET', `/reports/${id}/photo`, { as: rider });
      const fromB = await viaB(pair, 'GET', `/reports/${id}/photo`, rider);
      expect(fromB.statusCode).toBe(200);
      expect(fromB.headers['content-type']).toBe('image/jpeg');
      expect(fromB.rawPayload.equals(fromA.raw)).toBe(true);
      // and nothing went to either data folder
      for (const dir of [pair.a.config.dataDir]) expect(fs.existsSync(path.join(dir, 'uploads'))).toBe(false);
    } finally {
      await pair.close();
    }
  });

  it('(control) with the local folder default, B cannot serve A’s photo — which is why S3 is needed', async () => {
    const pair = await twoInstances();
    try {
      const rider = await pair.a.loginAs('rider');
      const id = await uploadReportThroughA(pair, rider);
      expect((await viaB(pair, 'GET', `/reports/${id}/photo`, rider)).statusCode).toBe(404);
    } finally {
      await pair.close();
    }
  });

  it('a station edited through A is seen through B within 1 s: the database notifies every instance to read its station directory again', async () => {
    const pair = await twoInstances();
    try {
      const admin = await pair.a.loginAs('org_admin', { orgId: pair.a.orgIds.FT });
      const bNearby = pair.b.nearby;
      let station = { id: '' };
      const nearby = `/stations/nearby?lat=${FENGTAI.lat}&lng=${FENGTAI.lng}&radiusM=500&limit=50`;
      const namesViaB = async () => ((await viaB(pair, 'GET', nearby)).json().items as Array<{ id: string; name: string }>).find((s) => s.id === station.id)?.name;
      const stateNoteViaB = async () => ((await viaB(pair, 'GET', nearby)).json().items as Array<{ id: string; state: { note: string } | null }>).find((s) => s.id === station.id)?.state?.note;
      /** Waits until B has read its directory again after `change` (well within 1 s), then returns what B answers. */
      const seenViaB = async <T>(change: () => Promise<unknown>, read: () => Promise<T>) => {
        const before = bNearby.reloads;
        const started = Date.now();
        await change();
        expect(await readUntil(async () => bNearby.reloads, (n) => n > before)).toBeGreaterThan(before);
        expect(Date.now() - started).toBeLessThan(1000);
        return read();
      };

      expect(await namesViaB()).toBeUndefined(); // B has read its directory (before the station exists)
      expect(
        await seenViaB(async () => {
          station = await createStation(pair.a, { name: '改名前驿站' }, admin);
        }, namesViaB),
      ).toBe('改名前驿站');
      expect(await seenViaB(() => pair.a.call('PATCH', `/stations/${station.id}`, { as: admin, body: { name: '改名后驿站' } }), namesViaB)).toBe('改名后驿站');
      // a live state set through A: B reads the states again
      const until = new Date(Date.now() + 3_600_000).toISOString();
      expect(await seenViaB(() => pair.a.call('PUT', `/stations/${station.id}/state`, { as: admin, body: { note: '热水检修', until } }), stateNoteViaB)).toBe('热水检修');
      // a change made outside any instance (plain SQL) too
      expect(await seenViaB(() => pair.bHandle.db.execute(sql`update stations set name = '数据库里改的' where id = ${station.id}`), namesViaB)).toBe('数据库里改的');
    } finally {
      await pair.close();
    }
  });

  it('tokens, refresh-token reuse detection and station check-in codes work across instances (nothing lives in one process)', async () => {
    const pair = await twoInstances();
    try {
      const rider = await pair.a.loginAs('rider');
      expect((await viaB(pair, 'GET', '/me', rider)).statusCode).toBe(200);

      // refresh at B, then replaying the old refresh token at A is reuse: refused
      const refreshed = await viaB(pair, 'POST', '/auth/refresh', undefined, { refreshToken: rider.refreshToken });
      expect(refreshed.statusCode).toBe(200);
      const replay = await pair.a.call('POST', '/auth/refresh', { body: { refreshToken: rider.refreshToken } });
      expect(replay.status).toBe(401);

      const admin = await pair.a.loginAs('org_admin', { orgId: pair.a.orgIds.FT });
      const station = await createStation(pair.a, {}, admin);
      const { code } = (await pair.a.call('GET', `/stations/${station.id}/checkin-code`, { as: admin })).body;
      const other = await pair.a.loginAs('rider');
      expect((await viaB(pair, 'POST', `/stations/${station.id}/checkins`, other, { code })).statusCode).toBe(201);
      expect((await pair.a.call('POST', `/stations/${station.id}/checkins`, { as: other, body: { code } })).body.duplicate).toBe(true);
    } finally {
      await pair.close();
    }
  });
});
