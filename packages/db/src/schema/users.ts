import { index, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, instant } from './_columns';
import { orgs } from './orgs';

export const ROLES = ['rider', 'station_staff', 'org_admin', 'super_admin'] as const;
export type Role = (typeof ROLES)[number];

export const users = pgTable('users', {
  id: id(),
  /** WeChat openid (or a dev-login id); one user per openid. */
  openid: text('openid').notNull().unique(),
  unionid: text('unionid'),
  nickname: text('nickname'),
  createdAt: createdAt(),
  lastLoginAt: instant('last_login_at'),
  /**
   * Set when the rider closed the account (`DELETE /me`): the openid is replaced by a random one
   * and the nickname erased, so the row stays only as a pseudonym the stamp ledger's sums point
   * to. Tokens of a closed account are refused.
   */
  closedAt: instant('closed_at'),
});

/**
 * A role held by a user, scoped to an org (org_admin: the org and its whole subtree) or to one
 * station (station_staff). Every user is implicitly a rider; super_admin has no scope.
 */
export const roleGrants = pgTable(
  'role_grants',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ROLES }).notNull(),
    orgId: uuid('org_id').references(() => orgs.id),
    stationId: uuid('station_id'),
    grantedBy: uuid('granted_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    unique('role_grants_unique').on(t.userId, t.role, t.orgId, t.stationId).nullsNotDistinct(),
    index('role_grants_user_idx').on(t.userId),
  ],
);

/**
 * Refresh tokens are stored only as SHA-256 hashes. Each sign-in starts a family; every refresh
 * rotates the token within its family, and presenting a rotated token again revokes the family.
 */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    familyId: uuid('family_id').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: createdAt(),
    expiresAt: instant('expires_at').notNull(),
    rotatedAt: instant('rotated_at'),
    revokedAt: instant('revoked_at'),
  },
  (t) => [index('refresh_tokens_family_idx').on(t.familyId)],
);
