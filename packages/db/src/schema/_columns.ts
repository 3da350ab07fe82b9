import { timestamp, uuid } from 'drizzle-orm/pg-core';

/** Primary key: a random UUID, sent over the wire as a string. */
export const id = () => uuid('id').primaryKey().defaultRandom();

/** A UTC instant; the column type is timestamptz so both drivers hand back a Date. */
export const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const createdAt = () => instant('created_at').notNull().defaultNow();
