import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { refreshTokens, users, type Db } from '@xfqs/db';
import { unauthenticated } from '../../errors';
import type { TokenPair } from './schemas';

export interface TokenIssuer {
  signAccess(userId: string): string;
  accessTokenTtl: number;
  refreshTokenTtl: number;
  now(): Date;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Finds or creates the user of an openid (one row per openid, even under concurrent sign-ins). */
export async function upsertUser(db: Db, openid: string, extra: { nickname?: string; unionid?: string } = {}) {
  const [user] = await db
    .insert(users)
    .values({ openid, nickname: extra.nickname ?? null, unionid: extra.unionid ?? null, lastLoginAt: sql`now()` })
    .onConflictDoUpdate({
      target: users.openid,
      set: {
        lastLoginAt: sql`now()`,
        nickname: sql`coalesce(excluded.nickname, ${users.nickname})`,
        unionid: sql`coalesce(excluded.unionid, ${users.unionid})`,
      },
    })
    .returning({ id: users.id, nickname: users.nickname });
  return user;
}

/** Signs a user in: a short-lived access JWT and the first refresh token of a new family. */
export async function signIn(db: Db, issuer: TokenIssuer, user: { id: string; nickname: string | null }): Promise<TokenPair> {
  const refreshToken = await storeRefreshToken(db, issuer, user.id, randomUUID());
  return { accessToken: issuer.signAccess(user.id), refreshToken, expiresIn: issuer.accessTokenTtl, user };
}

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
