import { createTestApp, logCapture } from '../harness';
import { makeIdCard, validApplication } from './helpers';

it('membership requests never put ID numbers, mobile numbers or names in the logs, even at trace level and on errors', async () => {
  const logs = logCapture();
  const t = await createTestApp({ logStream: logs.stream, env: { LOG_LEVEL: 'trace' } });
  const idCardNumber = makeIdCard({ birthDate: '1991-01-01', seq: 135 });
  const secrets = [idCardNumber, '13812349876', '欧阳娜娜'];
  try {
    const admin = await t.loginAs('org_admin', { orgId: t.orgIds.LGQ });
    const rider = await t.loginAs('rider');
    const body = validApplication({ orgId: t.orgIds.LGQ, idCardNumber, phone: '13812349876', realName: '欧阳娜娜' });
    const created = await t.call('POST', '/membership/applications', { as: rider, body });
    expect(created.status).toBe(201);
    expect((await t.call('POST', '/membership/applications', { as: await t.loginAs('rider'), body })).status).toBe(201);
    expect((await t.call('POST', '/membership/applications', { as: rider, body: { ...body, idCardNumber: `${idCardNumber.slice(0, 17)}0`, extra: 1 } })).status).toBe(400);
    expect((await t.call('GET', `/membership/applications/${created.body.id}/pii`, { as: admin })).status).toBe(200);
    expect((await t.call('GET', '/membership/applications/export.csv?full=true', { as: admin })).status).toBe(200);
  } finally {
    await t.close();
  }
  const log = logs.text();
  expect(log).toContain('"url":"/api/v1/membership/applications"');
  for (const secret of secrets) expect(log).not.toContain(secret);
});
