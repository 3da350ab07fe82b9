import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { eq } from 'drizzle-orm';
import { orgs, roleGrants, stations, users } from '@xfqs/db';
import { createHash } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { notFound } from '../../errors';
import { membershipSummary } from '../membership/summary';
import { stampsSummary } from '../stamps/summary';
import { DevLoginBody, MeResponse, RefreshBody, TokenPair, WechatLoginBody } from './schemas';
import { logout, refresh, signIn, type TokenIssuer } from './service';
import { WechatClient, type WechatConfig } from './wechat-client';

export interface AuthRoutesOptions {
  wechat: WechatConfig;
  devLogin: boolean;
  accessTokenTtl: number;
  refreshTokenTtl: number;
}

export const authRoutes: FastifyPluginAsyncTypebox<AuthRoutesOptions> = async (app, opts) => {
  const wechat = new WechatClient(opts.wechat);
  const issuer: TokenIssuer = {
    signAccess: (userId) => app.jwt.sign({ sub: userId, typ: 'access' }),
    accessTokenTtl: opts.accessTokenTtl,
    refreshTokenTtl: opts.refreshTokenTtl,
    now: () => app.clock.now(),
  };
  // Sign-in is limited across all its routes together: a generous budget per address (a meeting
  // hall of riders behind one carrier NAT all get in) and a tight one per openid or WeChat code,
  // so one client cannot brute-force an identity however many addresses it has.
  const { settings } = app.limits;
  const perAddress = app.limits.define({ name: 'signin-address', max: settings.authPerAddress, windowMs: 60_000, by: 'address' });
  const perIdentity = app.limits.define({
    name: 'signin-identity',
    max: settings.authPerIdentity,
    windowMs: 60_000,
    by: (request) => {
      const body = request.body as { openid?: unknown; code?: unknown } | undefined;
      const identity = typeof body?.openid === 'string' ? `openid:${body.openid}` : typeof body?.code === 'string' ? `code:${body.code}` : undefined;
      return identity === undefined ? undefined : createHash('sha256').update(identity).digest('base64url').slice(0, 22);
    },
  });

  app.post(
    '/auth/wechat',
    {
      config: { access: 'public' },
      onRequest: [perAddress],
      preHandler: [perIdentity],
      schema: {
        tags: ['auth'],
        summary: '微信登录：用 wx.login 的 code 换取令牌',
        description: 'No sign-in needed. Exchanges the `wx.login` code with WeChat (jscode2session) for the openid, creates the user on first sign-in, and returns a short-lived access JWT and the first refresh token of a new token family. An invalid or expired code is a 401 UNAUTHENTICATED, WeChat unreachable or busy a 503 UNAVAILABLE; sign-ins are rate-limited per address and per code (429).',
        body: WechatLoginBody,
        response: { 200: TokenPair },
      },
    },
    async (request) => {
      const session = await wechat.code2Session(request.body.code);
      return signIn(app.db, issuer, session.openid, { unionid: session.unionid });
    },
  );

  if (opts.devLogin) {
    app.post(
      '/auth/dev',
      {
        config: { access: 'public' },
        onRequest: [perAddress],
        preHandler: [perIdentity],
        schema: {
          tags: ['auth'],
          summary: '开发登录（仅开发环境开启）：按 openid 直接登录',
          description: 'Exists only when DEV_LOGIN is on (a production server refuses to start with it). No sign-in needed: signs in as the given openid, creating the user on first use (with `nickname` if given), and returns the same token pair as WeChat sign-in. Rate-limited per address and per openid (429).',
          body: DevLoginBody,
          response: { 200: TokenPair },
        },
      },
      async (request) => {
        return signIn(app.db, issuer, request.body.openid, { nickname: request.body.nickname });
      },
    );
  }

  app.post(
    '/auth/refresh',
    {
      config: { access: 'public' },
      onRequest: [perAddress],
      schema: {
        tags: ['auth'],
        summary: '刷新令牌（轮换：旧的刷新令牌随即失效，重复使用会注销整组令牌）',
        description: 'No sign-in needed: the refresh token is the credential. Returns a new access token and a new refresh token; the presented one is used up. Presenting a refresh token that was already rotated counts as a replay: its whole family is revoked and the answer is 401; unknown, expired or revoked tokens are a 401 too. Rate-limited per address (429).',
        body: RefreshBody,
        response: { 200: TokenPair },
      },
    },
    async (request) => refresh(app.db, issuer, request.body.refreshToken),
  );

  app.post(
    '/auth/logout',
    {
      config: { access: 'public' },
      onRequest: [perAddress],
      schema: {
        tags: ['auth'],
        summary: '退出登录：注销该刷新令牌所在的整组令牌',
        description: 'No sign-in needed: the refresh token is the credential. Revokes every refresh token of its family (that session); access tokens already issued stay valid until they expire. An unknown token is ignored, so the answer is always 204. Rate-limited per address (429).',
        body: RefreshBody,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await logout(app.db, request.body.refreshToken, app.clock.now());
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/me',
    {
      schema: {
        tags: ['auth'],
        summary: '当前用户：角色、会员状态、积分',
        description: 'Any signed-in caller, about themselves: id and nickname, roles (every user is a rider, plus each org_admin, station_staff or super_admin grant with its org or station name), membership status and member number, and stamp balance, total earned and card goal.',
        response: { 200: MeResponse },
      },
    },
    async (request) => {
      const userId = request.principal.userId;
      const [user] = await app.db.select({ id: users.id, nickname: users.nickname }).from(users).where(eq(users.id, userId));
      if (!user) throw notFound('用户');
      const grants = await app.db
        .select({ role: roleGrants.role, orgId: roleGrants.orgId, orgName: orgs.name, stationId: roleGrants.stationId, stationName: stations.name })
        .from(roleGrants)
        .leftJoin(orgs, eq(orgs.id, roleGrants.orgId))
        .leftJoin(stations, eq(stations.id, roleGrants.stationId))
        .where(eq(roleGrants.userId, userId));
      const [membership, stamps] = await Promise.all([membershipSummary(app.db, userId), stampsSummary(app.db, userId)]);
      return {
        ...user,
        roles: [
          { role: 'rider' as const },
          ...grants
            .filter((g) => g.role !== 'rider')
            .map((g) => ({
              role: g.role,
              ...(g.orgId ? { orgId: g.orgId, orgName: g.orgName ?? undefined } : {}),
              ...(g.stationId ? { stationId: g.stationId, stationName: g.stationName ?? undefined } : {}),
            })),
        ],
        membership,
        stamps,
      };
    },
  );
};
