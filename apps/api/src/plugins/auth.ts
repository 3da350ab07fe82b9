import fp from 'fastify-plugin';
import fastifyJwt from '@fastify/jwt';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestAsyncHookHandler, RouteOptions } from 'fastify';
import type { Role } from '@xfqs/db';
import { forbidden, unauthenticated } from '../errors';
import { noAccount, Principal, principalLoader } from '../features/auth/principal';

export interface AccessTokenClaims {
  sub: string;
  typ: 'access';
}

/**
 * Who may call a route, declared in the route's `config.access` (the one place, next to the route):
 * - absent (the default): a valid access token of an existing user is required;
 * - `'public'`: anyone, no token looked at (documented with `security: []`);
 * - `'optional'`: anyone; a token, when sent, must be valid and signs the caller in.
 */
export type RouteAccess = 'signed-in' | 'public' | 'optional';

/**
 * Where a signed-in route checks that the token's account still exists and is open:
 * - absent (the default): before the route runs, one indexed query (`principalLoader().load`);
 * - `'in-statement'`: the route's own statement checks it in the same round trip and calls
 *   `request.principal.confirmAccount()`; an error answer checks it first, so a closed account
 *   still hears 401 before anything else (`accountFirst`, from the error handler), and a success
 *   the route forgot to confirm is checked before it leaves (and logged as a bug). For hot routes
 *   only: the rider's activity check-in, where the query was a third of the request's cost
 *   (docs/PERFORMANCE.md).
 */
export type AccountCheck = 'in-statement';

/** One row of the route table (the authorization matrix and the fuzzer are generated from it). */
export interface ApiRoute {
  method: string;
  url: string;
  access: RouteAccess;
  accountCheck?: AccountCheck;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** See `RouteAccess`; leave it out for routes that need a signed-in caller. */
    access?: RouteAccess;
    /** See `AccountCheck`; leave it out unless the route's statement checks the account itself. */
    accountCheck?: AccountCheck;
  }
  interface FastifyInstance {
    /** onRequest hook: a valid access token is required; sets `request.principal`. */
    authenticate: onRequestAsyncHookHandler;
    /** onRequest hook: signed in and holding one of the roles (super_admin always passes). */
    requireRole: (...roles: Role[]) => onRequestAsyncHookHandler;
    /** Every API route with its declared access, in registration order. */
    apiRoutes: ApiRoute[];
  }
  interface FastifyRequest {
    principal: Principal;
  }
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: AccessTokenClaims;
    user: AccessTokenClaims;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ACCESS_VALUES: RouteAccess[] = ['signed-in', 'public', 'optional'];
/** Access tokens are HS256 only, and always carry an expiry. */
export const JWT_ALGORITHM = 'HS256';

export const authPlugin = fp<{ secret: string; accessTokenTtl: number }>(async function auth(
  app: FastifyInstance,
  { secret, accessTokenTtl },
) {
  await app.register(fastifyJwt, {
    secret,
    sign: { algorithm: JWT_ALGORITHM, expiresIn: accessTokenTtl },
    verify: { algorithms: [JWT_ALGORITHM], requiredClaims: ['exp', 'sub'] },
  });
  app.decorateRequest('principal', null as unknown as Principal);
  app.decorate('apiRoutes', [] as ApiRoute[]);
  let principals: ReturnType<typeof principalLoader> | undefined;

  const authenticate = async (request: FastifyRequest, _reply: FastifyReply) => {
    if (request.principal) return;
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
    if (claims.typ !== 'access' || typeof claims.sub !== 'string' || !UUID.test(claims.sub)) throw unauthenticated('登录凭证无效');
    principals ??= principalLoader(app.db);
    if (request.routeOptions.config.accountCheck === 'in-statement') {
      request.principal = principals.deferred(claims.sub);
      return;
    }
    const principal = await principals.load(claims.sub);
    if (!principal) throw noAccount();
    request.principal = principal;
  };

  app.decorate('authenticate', authenticate);
  app.decorate('requireRole', (...roles: Role[]) => {
    return async function requireRole(request: FastifyRequest, reply: FastifyReply) {
      await authenticate(request, reply);
      if (!(await request.principal.hasAnyRole(roles))) throw forbidden();
    };
  });
});

/**
 * Secure by default, for the scope it is registered in (the whole `/api/v1` folder): every route
 * requires a signed-in caller unless its `config.access` says otherwise, and its OpenAPI
 * `security` is derived from that same declaration. A route cannot become public by forgetting
 * a hook; it becomes public only by writing `config: { access: 'public' }`.
 */
export const secureByDefault = fp(async function secureByDefault(app: FastifyInstance) {
  app.addHook('onRoute', (route: RouteOptions) => {
    const access = route.config?.access ?? 'signed-in';
    if (!ACCESS_VALUES.includes(access)) throw new Error(`route ${route.url}: unknown access ${String(access)}`);
    if (route.schema && !route.schema.hide) {
      route.schema.security ??= access === 'public' ? [] : access === 'optional' ? [{ bearerAuth: [] }, {}] : [{ bearerAuth: [] }];
    }
    const accountCheck = route.config?.accountCheck;
    if (accountCheck !== undefined) {
      if (accountCheck !== 'in-statement' || access !== 'signed-in') {
        throw new Error(`route ${route.url}: accountCheck ${String(accountCheck)} needs access 'signed-in'`);
      }
      route.onSend = [...[route.onSend ?? []].flat(), accountConfirmedBeforeSuccess];
    }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') app.apiRoutes.push({ method, url: route.url, access, accountCheck });
    }
  });
  app.addHook('onRequest', async (request, reply) => {
    const access = request.routeOptions.config.access ?? 'signed-in';
    if (access === 'public') return;
    if (access === 'optional' && !request.headers.authorization) return;
    await app.authenticate.call(app, request, reply);
  });
});

/**
 * A success of an `accountCheck: 'in-statement'` route whose statement did not confirm the
 * account is a bug in that route: the account is checked now (a closed one gets 401 instead) and
 * the bug logged.
 */
async function accountConfirmedBeforeSuccess(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
  if (reply.statusCode < 400 && request.principal && !request.principal.accountConfirmed) {
    request.log.error({ route: request.routeOptions.url }, "accountCheck 'in-statement': the route answered without confirming the account");
    await request.principal.assertAccount();
  }
  return payload;
}

/**
 * The error to answer with, on a route whose account is not checked yet (`accountCheck`: the
 * request failed before the route's statement ran): a closed account hears 401 first, as on every
 * other route, whatever else was wrong with the request. Called by the error handler.
 */
export async function accountFirst<E>(err: E, request: FastifyRequest): Promise<E> {
  try {
    await request.principal?.assertAccount();
    return err;
  } catch (accountError) {
    return accountError as E;
  }
}

/** The token of an `Authorization: Bearer <token>` header (the scheme in any case, as @fastify/jwt reads it). */
function bearerToken(header: string): string {
  const parts = header.split(' ');
  if (parts.length !== 2 || !/^Bearer$/i.test(parts[0])) throw unauthenticated();
  return parts[1];
}
