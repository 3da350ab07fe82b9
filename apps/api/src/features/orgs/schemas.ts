import { Type, type Static } from '@sinclair/typebox';
import { ORG_KINDS } from '@xfqs/db';
import { Closed, Id, Nullable } from '../../schemas';
import { RoleSchema } from '../auth/schemas';

export const OrgKindSchema = Type.Union(ORG_KINDS.map((k) => Type.Literal(k)));

export const Org = Type.Object({
  id: Id,
  name: Type.String(),
  parentId: Nullable(Id),
  kind: OrgKindSchema,
  code: Nullable(Type.String({ description: 'Short code used in member numbers' })),
});
export type Org = Static<typeof Org>;

export const CreateOrgBody = Closed({
  name: Type.String({ minLength: 2, maxLength: 60 }),
  parentId: Type.Optional(Id),
  kind: OrgKindSchema,
  code: Type.Optional(Type.String({ pattern: '^[A-Z][A-Z0-9]{1,9}$', description: '2–10 upper-case letters/digits, e.g. LGQ' })),
});
export type CreateOrgBody = Static<typeof CreateOrgBody>;

export const GrantBody = Closed({
  openid: Type.String({ minLength: 1, maxLength: 64 }),
  role: RoleSchema,
  orgId: Type.Optional(Id),
  stationId: Type.Optional(Id),
});
export type GrantBody = Static<typeof GrantBody>;

export const Grant = Type.Object({
  userId: Id,
  openid: Type.String(),
  nickname: Nullable(Type.String()),
  role: RoleSchema,
  orgId: Nullable(Id),
  stationId: Nullable(Id),
  createdAt: Type.String({ format: 'date-time' }),
});
export type Grant = Static<typeof Grant>;

export const GrantListQuery = Closed({
  openid: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  orgId: Type.Optional(Id),
});
