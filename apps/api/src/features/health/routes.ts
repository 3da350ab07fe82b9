import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';

const Health = Type.Object({ status: Type.String(), db: Type.Union([Type.Literal('ok'), Type.Literal('down')]) });
const Down = Type.Object({
  status: Type.String(),
  db: Type.Literal('down'),
  error: Type.Object({ code: Type.String(), message: Type.String() }),
});

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/healthz',
    { schema: { tags: ['health'], summary: '健康检查（数据库不可用时 503）', security: [], response: { 200: Health, 503: Down } } },
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
