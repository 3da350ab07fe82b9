import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { unavailable } from '../../errors';

const Health = Type.Object({ status: Type.String(), db: Type.Union([Type.Literal('ok'), Type.Literal('down')]) });
const Down = Type.Object({
  status: Type.String(),
  db: Type.Literal('down'),
  error: Type.Object({ code: Type.String(), message: Type.String() }),
});
const Ready = Type.Object({ status: Type.Literal('ready') });

/**
 * Public in the auth sense (no `onRequest: [app.authenticate]`): `/healthz` is liveness (the process
 * answers; the database state is reported), `/readyz` is readiness for nginx or an orchestrator.
 */
export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/healthz',
    { schema: { tags: ['health'], summary: '健康检查（数据库不可用时 503）', description: 'Liveness, no sign-in needed (outside /api/v1): 200 `{ status: ok, db: ok }` when the database answers a ping within 2 s, otherwise 503 with `db: down` and an UNAVAILABLE error.', security: [], response: { 200: Health, 503: Down } } },
    async (_request, reply) => {
      try {
        await withTimeout(app.database.ping(), 2000);
        return { status: 'ok', db: 'ok' as const };
      } catch {
        return reply
          .status(503)
          .send({ status: 'unavailable', db: 'down' as const, error: { code: 'UNAVAILABLE', message: '数据库暂时不可用' } });
      }
    },
  );

  // Once every migration is seen applied it stays so for this process (a running instance never un-migrates).
  let migrated = false;
  app.get(
    '/readyz',
    {
      schema: {
        tags: ['health'],
        summary: '就绪检查：数据库可用且迁移已全部执行（否则 503 UNAVAILABLE）；实例关闭中也是 503',
        description: 'Readiness for nginx or an orchestrator, no sign-in needed (outside /api/v1): 200 `{ status: ready }` once the database answers and every migration has been applied, otherwise 503 UNAVAILABLE; an instance that is shutting down answers 503 too. Never cached.',
        security: [],
        response: { 200: Ready },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      try {
        await withTimeout(app.database.ping(), 2000);
        migrated ||= await withTimeout(app.database.migrationsApplied(), 2000);
      } catch {
        throw unavailable('数据库暂时不可用');
      }
      if (!migrated) throw unavailable('数据库迁移尚未完成');
      return { status: 'ready' as const };
    },
  );
};

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
