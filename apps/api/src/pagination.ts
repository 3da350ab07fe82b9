import { fieldError } from './errors';

/** Keyset cursor: the sort key and id of the last item of a page, opaque to clients. */
export interface Cursor {
  k: string | number;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor(text: string | undefined): Cursor | undefined {
  if (!text) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (parsed && (typeof parsed.k === 'string' || typeof parsed.k === 'number') && typeof parsed.id === 'string') return parsed;
  } catch {
    // fall through to the 400 below
  }
  throw fieldError('cursor', '分页游标无效');
}

/** Given limit+1 fetched rows, returns the page and the cursor of the next one. */
export function pageOf<T>(rows: T[], limit: number, keyOf: (row: T) => Cursor): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const nextCursor = rows.length > limit ? encodeCursor(keyOf(items[items.length - 1])) : null;
  return { items, nextCursor };
}
