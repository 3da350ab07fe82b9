import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { reports } from '@xfqs/db';
import { createReport } from '../../src/features/stamps/reports';
import type { PhotoStore } from '../../src/features/stamps/photo-store';
import { expectError } from '../harness';
import { createStampsApp, jpeg, LUGOUQIAO, reportFields, sendReport } from './helpers';

describe('随手拍 upload limits', () => {
  it('each rider may send REPORT_RATE_LIMIT reports an hour; the next is 429 RATE_LIMITED; other riders are unaffected', async () => {
    const t = await createStampsApp({ REPORT_RATE_LIMIT: '2' });
    try {
      const rider = await t.loginAs('rider');
      expect((await sendReport(t, rider)).status).toBe(201);
      expect((await sendReport(t, rider)).status).toBe(201);
      expectError(await sendReport(t, rider), 429, 'RATE_LIMITED');
      expect((await sendReport(t, await t.loginAs('rider'))).status).toBe(201);
      expect(await t.db.select().from(reports).where(eq(reports.userId, rider.userId))).toHaveLength(2);
    } finally {
      await t.close();
    }
  });

  it('over a real socket, a rider still sending a 4 MB photo reads the 429 in the envelope, not a broken pipe', async () => {
    const t = await createStampsApp({ REPORT_RATE_LIMIT: '1' });
    try {
      const rider = await t.loginAs('rider');
      expect((await sendReport(t, rider)).status).toBe(201);
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const form = new FormData();
      for (const [name, value] of Object.entries(reportFields())) form.append(name, String(value));
      form.append('photo', new Blob([await jpeg(), Buffer.alloc(4 * 1024 * 1024, 0xff)], { type: 'image/jpeg' }), 'photo.jpg');
      const res = await fetch(`http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/api/v1/reports`, { method: 'POST', headers: rider.headers, body: form });
      expect(res.status).toBe(429);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
      expect(res.headers.get('retry-after')).toBeTruthy();
      expect(await t.db.select().from(reports).where(eq(reports.userId, rider.userId))).toHaveLength(1);
    } finally {
      await t.close();
    }
  });
});

describe('a report and its photo are stored together', () => {
  it('when the photo cannot be written, no report row is left behind', async () => {
    const t = await createStampsApp();
    try {
      const rider = await t.loginAs('rider');
      const brokenDisk: PhotoStore = {
        put: async () => {
          throw new Error('ENOSPC: no space left on device');
        },
        get: async () => undefined,
      };
      const fields = { category: 'traffic' as const, description: '红绿灯不亮', lat: LUGOUQIAO.lat, lng: LUGOUQIAO.lng, orgId: t.orgIds.LGQ };
      await expect(createReport(t.db, t.app.nearby, brokenDisk, rider.userId, fields, await jpeg(), new Date())).rejects.toThrow(/ENOSPC/);
      expect(await t.db.select().from(reports).where(eq(reports.userId, rider.userId))).toHaveLength(0);
    } finally {
      await t.close();
    }
  });
});
