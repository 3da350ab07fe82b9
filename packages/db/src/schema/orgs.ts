import { index, pgTable, text, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { createdAt, id } from './_columns';

export const ORG_KINDS = ['district', 'street', 'industry'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

/**
 * Union organisations form a tree (district → street → …). `path` is the materialised path of ids
 * ("/<root>/<child>/"), so "is X inside the subtree of Y" is a prefix test and needs no recursion.
 */
export const orgs = pgTable(
  'orgs',
  {
    id: id(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ORG_KINDS }).notNull(),
    parentId: uuid('parent_id').references((): AnyPgColumn => orgs.id),
    path: text('path').notNull().unique(),
    /** Short code used in member numbers (e.g. LGQ-2026-000123). */
    code: text('code').unique(),
    /** The union hotline riders call from 一键求助; unset: the nearest ancestor's, else 12351. */
    hotline: text('hotline'),
    createdAt: createdAt(),
  },
  (t) => [index('orgs_parent_idx').on(t.parentId)],
);
