import fp from 'fastify-plugin';
import fastifyJwt from '@fastify/jwt';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { Role } from '@xfqs/db';
import { forbidden, unauthenticated } from '../errors';
import { Principal } from '../features/auth/principal';

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
    const header = request.headers.authorization;
    if (!header) throw unauthenticated();
    let claims: AccessTokenClaims;
    try {
      // The plugin's verifier (fast-jwt, built once), called directly: request.jwtVerify() merges
      // options, decodes the token twice and runs a callback waterfall on every request.
      claims = app.jwt.verify<AccessTokenClaims>(bearerToken(header));
    } catch {
      throw unauthenticated('登录已失效，请重新登录');
    }
    if (claims.typ !== 'access' || typeof claims.sub !== 'string') throw unauthenticated('登录凭证无效');
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

/** The token of an `Authorization: Bearer <token>` header (the scheme in any case, as @fastify/jwt reads it). */
function bearerToken(header: string): string {
  const parts = header.split(' ');
  if (parts.length !== 2 || !/^Bearer$/i.test(parts[0])) throw unauthenticated();
  return parts[1];
}
