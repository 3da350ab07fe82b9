import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { PiiKeyring } from '../../config';
import { createPiiCipher } from '../../pii';
import { runRetention } from './retention';
import { MyCheckins } from './schemas';
import { closeAccount, eraseMyCheckins, myCheckins } from './service';

export interface AccountRoutesOptions {
  pii: PiiKeyring;
  /** Raw locations are kept this many days (LOCATION_RETENTION_DAYS). */
  retentionDays: number;
  /** Closed help requests keep their personal fields this many days (HELP_RETENTION_DAYS). */
  helpRetentionDays: number;
  /** Minutes between runs of the retention job in this instance (0: never; `pnpm admin prune` instead). */
  pruneIntervalMinutes: number;
}

const tags = ['auth'];

/** PIPL: a rider sees and erases their movement history and closes their account; the retention job. */
export const accountRoutes: FastifyPluginAsyncTypebox<AccountRoutesOptions> = async (app, opts) => {
  const cipher = createPiiCipher(opts.pii);

  app.get(
    '/me/checkins',
    { schema: { tags, summary: '我的打卡记录（驿站与活动，含位置）', description: 'Signed-in rider, own data only: station check-ins (with the location the phone sent, if any) and activity check-ins (no location is kept), newest first, as far as the retention period keeps them; not paged.', response: { 200: MyCheckins } } },
    async (request) => ({ items: await myCheckins(app.db, request.principal.userId) }),
  );

  app.delete(
    '/me/checkins',
    {
      schema: {
        tags,
        summary: '删除我的打卡记录（位置与记录删除，已获得的积分保留）',
        description: 'The rows and their locations are erased; the station keeps only an anonymous count of visits for that day.',
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await eraseMyCheckins(app.db, request.principal.userId, app.clock.now());
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/me',
    {
      schema: {
        tags,
        summary: '注销账号（个人信息删除或去标识化，令牌全部失效）',
        description:
          'Name, ID and phone of membership applications are erased (a pending one is withdrawn), check-ins become anonymous daily counts, sessions and roles are deleted; ' +
          'the stamp ledger keeps its sums under a pseudonym that no longer leads to the person. Afterwards every token of the account is a 401; signing in with WeChat again starts a new account.',
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await closeAccount(app.db, cipher, request.principal.userId, app.clock.now());
      return reply.status(204).send(null);
    },
  );

  if (opts.pruneIntervalMinutes > 0) {
    const run = async () => {
      try {
        const result = await runRetention(app.db, app.clock.now(), { locations: opts.retentionDays, helpRequests: opts.helpRetentionDays });
        if (result.checkinsFolded || result.reportsBlurred || result.helpRequestsErased) app.log.info(result, 'retention: pruned');
      } catch (err) {
        app.log.error({ err }, 'retention: prune failed (retried at the next interval)');
      }
    };
    const timer = setInterval(() => void run(), opts.pruneIntervalMinutes * 60_000);
    timer.unref();
    app.addHook('onReady', async () => {
      setImmediate(() => void run());
    });
    app.addHook('onClose', async () => clearInterval(timer));
  }
};
