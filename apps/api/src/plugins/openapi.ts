import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { ErrorBody } from '../errors';

export const API_TAGS = [
  { name: 'health', description: '健康检查' },
  { name: 'auth', description: '登录、令牌与当前用户' },
  { name: 'orgs', description: '工会组织与角色授权' },
  { name: 'stations', description: '暖心驿站：附近查询、打卡、管理' },
  { name: 'membership', description: '入会：沟通会、申请、审核、统计' },
  { name: 'stamps', description: '先锋骑士：活动打卡、随手拍、积分兑换' },
  { name: 'notifications', description: '消息：站内信与微信订阅消息' },
  { name: 'help', description: '一键求助与留言求助' },
];

const errorResponse = { ...ErrorBody, $id: undefined, description: 'Error envelope' };

/**
 * `GET /stations/:id/checkin-code.png` → `getStationsIdCheckinCodePng`: unique because a method and
 * a path are, and stable as long as the route is.
 */
export function operationIdOf(method: string, url: string): string {
  const words = url
    .replace(/^\/api\/v\d+/, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return method.toLowerCase() + words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

/** A query string with nothing in it: routes that take no parameters answer `?foo=1` with a 400. */
const NoQuery = Type.Object({}, { additionalProperties: false });

/**
 * OpenAPI at /docs/json and Swagger UI at /docs (when `DOCS_ENABLED`; off by default in production), generated from the route schemas. Every route
 * also gets the error envelope as its 4xx/5xx response, so clients and docs see one shape.
 */
export const openapiPlugin = fp<{ docsEnabled: boolean }>(async function openapi(app: FastifyInstance, { docsEnabled }) {
  app.addHook('onRoute', (route) => {
    if (!route.schema || route.schema.hide) return;
    const response = (route.schema.response ??= {}) as Record<string, unknown>;
    response['4xx'] ??= errorResponse;
    response['5xx'] ??= errorResponse;
    route.schema.querystring ??= NoQuery;
    const method = [route.method].flat()[0];
    if (method !== 'HEAD') route.schema.operationId ??= operationIdOf(method, route.url);
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: '先锋骑士 API',
        description: '工会服务新就业形态劳动者的小程序后端：入会、先锋骑士积分、暖心驿站。',
        version: '1.0.0',
        license: { name: 'Proprietary' },
      },
      servers: [{ url: '/' }],
      tags: API_TAGS,
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      },
    },
  });
  // The document is always built (`app.swagger()`, `pnpm gen:api`); it is served only when DOCS_ENABLED.
  if (docsEnabled) await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
});
