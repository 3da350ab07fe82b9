import { Type, type Static } from '@sinclair/typebox';
import { ROLES } from '@xfqs/db';
import { Closed, Id } from '../../schemas';

export const UserSummary = Type.Object({ id: Id, nickname: Type.Union([Type.String(), Type.Null()]) });

export const TokenPair = Type.Object({
  accessToken: Type.String({ description: 'JWT for the Authorization: Bearer header' }),
  refreshToken: Type.String({ description: 'Opaque; one use, rotated by /auth/refresh' }),
  expiresIn: Type.Integer({ description: 'Access-token lifetime in seconds' }),
  user: UserSummary,
});
export type TokenPair = Static<typeof TokenPair>;

export const WechatLoginBody = Closed({ code: Type.String({ minLength: 1, maxLength: 256, description: 'wx.login code' }) });
export const DevLoginBody = Closed({
  openid: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
  nickname: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
});
export const RefreshBody = Closed({ refreshToken: Type.String({ minLength: 1, maxLength: 256 }) });

export const RoleSchema = Type.Union(ROLES.map((r) => Type.Literal(r)));

export const RoleEntry = Type.Object({
  role: RoleSchema,
  orgId: Type.Optional(Id),
  orgName: Type.Optional(Type.String()),
  stationId: Type.Optional(Id),
  stationName: Type.Optional(Type.String()),
});

export const MembershipSummary = Type.Object({
  status: Type.Union([Type.Literal('none'), Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected')]),
  memberNo: Type.Optional(Type.String()),
});
export type MembershipSummary = Static<typeof MembershipSummary>;

export const StampsSummary = Type.Object({
  balance: Type.Integer(),
  total: Type.Integer(),
  goal: Type.Integer(),
});
export type StampsSummary = Static<typeof StampsSummary>;

export const MeResponse = Type.Object({
  id: Id,
  nickname: Type.Union([Type.String(), Type.Null()]),
  roles: Type.Array(RoleEntry, { description: 'Every user is a rider; other roles come from grants' }),
  membership: MembershipSummary,
  stamps: StampsSummary,
});
