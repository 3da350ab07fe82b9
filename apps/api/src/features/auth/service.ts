import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { refreshTokens, runStatement, users, type Db } from '@xfqs/db';
import { unauthenticated } from '../../errors';
import type { TokenPair } from './schemas';

export interface TokenIssuer {
  signAccess(userId: string): string;
  accessTokenTtl: number;
  refreshTokenTtl: number;
  now(): Date;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Signs the user of an openid in, creating them on first sign-in (one row per openid, even under
 * concurrent sign-ins): a short-lived access JWT and the first refresh token of a new family.
 * The upsert and the refresh token are one prepared statement — one round trip (issue 10).
 */
export async function signIn(db: Db, issuer: TokenIssuer, openid: string, extra: { nickname?: string; unionid?: string } = {}): Promise<TokenPair> {
  const refreshToken = randomBytes(32).toString('base64url');
  const expiresAt = new Date(issuer.now().getTime() + issuer.refreshTokenTtl * 1000);
  const [user] = await runStatement<{ id: string; nickname: string | null }>(db, SIGN_IN, [
    openid,
    extra.nickname ?? null,
    extra.unionid ?? null,
    randomUUID(),
    hashToken(refreshToken),
    expiresAt,
  ]);
  return { accessToken: issuer.signAccess(user.id), refreshToken, expiresIn: issuer.accessTokenTtl, user };
}

/** $1 openid, $2 nickname, $3 unionid (null keeps the stored one), $4 family id, $5 token hash, $6 expiry. */
const SIGN_IN = {
  name: 'auth_sign_in_v1',
  text: `with signed_in as (
    insert into users (openid, nickname, unionid, last_login_at) values ($1, $2, $3, now())
    on conflict (openid) do update set
      last_login_at = now(),
      nickname = coalesce(excluded.nickname, users.nickname),
      unionid = coalesce(excluded.unionid, users.unionid)
    returning id, nickname
  ), token as (
    insert into refresh_tokens (user_id, family_id, token_hash, expires_at)
    select id, $4, $5, $6 from signed_in
  )
  select id, nickname from signed_in`,
};

async function storeRefreshToken(db: Pick<Db, 'insert'>, issuer: TokenIssuer, userId: string, familyId: string) {
  const token = randomBytes(32).toString('base64url');
  await db.insert(refreshTokens).values({
    userId,
    familyId,
    tokenHash: hashToken(token),
    expiresAt: new Date(issuer.now().getTime() + issuer.refreshTokenTtl * 1000),
  });
  return token;
}

/**
 * Rotates a refresh token. The conditional UPDATE claims the token exactly once; a token that
 * was already rotated is a replay, so its whole family is revoked (committed before the 401).
 */
export async function refresh(db: Db, issuer: TokenIssuer, presented: string): Promise<TokenPair> {
  const tokenHash = hashToken(presented);
  const now = issuer.now();
  const outcome = await db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(refreshTokens)
      .set({ rotatedAt: now })
      .where(
        and(
          eq(refreshTokens.tokenHash, tokenHash),
          isNull(refreshTokens.rotatedAt),
          isNull(refreshTokens.revokedAt),
          gt(refreshTokens.expiresAt, now),
        ),
      )
      .returning();
    if (claimed) {
      const [user] = await tx.select({ id: users.id, nickname: users.nickname }).from(users).where(eq(users.id, claimed.userId));
      const refreshToken = await storeRefreshToken(tx, issuer, claimed.userId, claimed.familyId);
      return { ok: true as const, user, refreshToken };
    }
    const [known] = await tx.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, tokenHash));
    if (known?.rotatedAt) {
      await tx
        .update(refreshTokens)
        .set({ revokedAt: now })
        .where(and(eq(refreshTokens.familyId, known.familyId), isNull(refreshTokens.revokedAt)));
      return { ok: false as const, reused: true };
    }
    return { ok: false as const, reused: false };
  });
  if (!outcome.ok) {
    throw unauthenticated(outcome.reused ? '登录凭证已被使用过，请重新登录' : '登录已失效，请重新登录');
  }
  return {
    accessToken: issuer.signAccess(outcome.user.id),
    refreshToken: outcome.refreshToken,
    expiresIn: issuer.accessTokenTtl,
    user: outcome.user,
  };
}

/** Ends a session: revokes the family of the presented refresh token (unknown tokens are ignored). */
export async function logout(db: Db, presented: string, now: Date): Promise<void> {
  const [known] = await db.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, hashToken(presented)));
  if (!known) return;
  await db
    .update(refreshTokens)
    .set({ revokedAt: now })
    .where(and(eq(refreshTokens.familyId, known.familyId), isNull(refreshTokens.revokedAt)));
}
