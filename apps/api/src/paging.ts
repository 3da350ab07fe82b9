import { asc, desc, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { hasUnsafeText } from '@xfqs/domain';
import { fieldError } from './errors';

/**
 * The one keyset-paging module every list uses. A cursor is opaque to clients (base64url JSON of
 * the last item's sort key and id); whatever a client sends back is checked against the list's
 * key kind before it reaches SQL, so a forged or foreign cursor is a 400 naming `cursor`, never
 * a database error.
 */
export type KeyKind = 'timestamp' | 'integer' | 'text';

export interface KeysetOrder {
  /** The sort column, then the id column that breaks ties. */
  key: AnyColumn;
  id: AnyColumn;
  kind: KeyKind;
  direction: 'asc' | 'desc';
}

type KeyValue = string | number;

interface Cursor {
  k: KeyValue;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const INT4_MAX = 2147483647;

const badCursor = () => fieldError('cursor', '分页游标无效');

function validKey(kind: KeyKind, k: unknown): k is KeyValue {
  switch (kind) {
    case 'timestamp':
      return typeof k === 'string' && ISO_INSTANT.test(k) && !Number.isNaN(Date.parse(k));
    case 'integer':
      return typeof k === 'number' && Number.isInteger(k) && Math.abs(k) <= INT4_MAX;
    case 'text':
      return typeof k === 'string' && k.length <= 500 && !hasUnsafeText(k);
  }
}

/** Decodes and checks a cursor for a list keyed by `kind`; undefined when none was sent. */
export function decodeCursor(kind: KeyKind, text: string | undefined): Cursor | undefined {
  if (text === undefined || text === '') return undefined;
  if (!/^[A-Za-z0-9_-]+$/.test(text)) throw badCursor();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  const cursor = parsed as Partial<Cursor> | null;
  if (!cursor || typeof cursor !== 'object' || !validKey(kind, cursor.k) || typeof cursor.id !== 'string' || !UUID.test(cursor.id)) {
    throw badCursor();
  }
  return { k: cursor.k, id: cursor.id };
}

export function encodeCursor(k: KeyValue, id: string): string {
  return Buffer.from(JSON.stringify({ k, id })).toString('base64url');
}

const CAST: Record<KeyKind, SQL> = { timestamp: sql`timestamptz`, integer: sql`int4`, text: sql`text` };

/**
 * Keyset paging for one list: the condition "after the cursor", the ordering, and `page()` to cut
 * limit+1 fetched rows into a page with the next cursor.
 */
export function keyset<Row>(order: KeysetOrder, cursorText: string | undefined, keyOf: (row: Row) => [KeyValue | Date, string]) {
  const after = decodeCursor(order.kind, cursorText);
  const tuple = sql`(${order.key}, ${order.id})`;
  const bound = after ? sql`(${after.k}::${CAST[order.kind]}, ${after.id}::uuid)` : undefined;
  const where = bound ? (order.direction === 'desc' ? sql`${tuple} < ${bound}` : sql`${tuple} > ${bound}`) : undefined;
  const dir = order.direction === 'desc' ? desc : asc;
  return {
    where,
    orderBy: [dir(order.key), dir(order.id)],
    page<R extends Row>(rows: R[], limit: number): { items: R[]; nextCursor: string | null } {
      const items = rows.slice(0, limit);
      if (rows.length <= limit) return { items, nextCursor: null };
      const [k, id] = keyOf(items[items.length - 1]);
      return { items, nextCursor: encodeCursor(k instanceof Date ? k.toISOString() : k, id) };
    },
  };
}
