import fp from 'fastify-plugin';
import fastifyJwt from '@fastify/jwt';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { Role } from '@xfqs/db';
import { forbidden, unauthenticated } from '../errors';
import { Principal } from '../features/auth/principal';
import { isOpenAccount } from '../features/account/service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface AccessTokenClaims {
  sub: string;
  typ: 'access';
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: AccessTokenClaims;
    user: AccessTokenClaims;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** onRequest hook: a valid access token is required; sets `request.principal`. */
    authenticate: onRequestAsyncHookHandler;
    /** onRequest hook: signed in and holding one of the roles (super_admin always passes). */
    requireRole: (...roles: Role[]) => onRequestAsyncHookHandler;
  }
  interface FastifyRequest {
    principal: Principal;
  }
}

export const authPlugin = fp<{ secret: string; accessTokenTtl: number }>(async function auth(
  app: FastifyInstance,
  { secret, accessTokenTtl },
) {
  await app.register(fastifyJwt, { secret, sign: { expiresIn: accessTokenTtl } });
  app.decorateRequest('principal', null as unknown as Principal);

  const authenticate = async (request: FastifyRequest, _reply: FastifyReply) => {
    if (!request.headers.authorization) throw unauthenticated();
    let claims: AccessTokenClaims;
    try {
      claims = await request.jwtVerify<AccessTokenClaims>();
    } catch {
      throw unauthenticated('登录已失效，请重新登录');
    }
    if (claims.typ !== 'access' || typeof claims.sub !== 'string') throw unauthenticated('登录凭证无效');
    // A token outlives a closed (or unknown) account by up to its TTL: every request checks.
    if (!UUID.test(claims.sub) || !(await isOpenAccount(app.db, claims.sub))) throw unauthenticated('账号不存在或已注销，请重新登录');
    request.principal = new Principal(claims.sub, app.db);
  };

  app.decorate('authenticate', authenticate);
  app.decorate('requireRole', (...roles: Role[]) => {
    return async function requireRole(request: FastifyRequest, reply: FastifyReply) {
      if (!request.principal) await authenticate(request, reply);
      if (!(await request.principal.hasAnyRole(roles))) throw forbidden();
    };
  });
});
