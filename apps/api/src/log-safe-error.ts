/**
 * The one serializer for errors in log lines. Database errors carry the values a query was bound
 * with (Drizzle's "Failed query: … params: …", PostgreSQL's `detail` "Key (id_card_hash)=(…)"),
 * which are ciphertexts, birth dates and blind-index hashes of riders: the line keeps the query
 * text, the error code and the constraint, never a bound value.
 */
export function logSafeError(err: unknown, depth = 0): { [key: string]: unknown; type: string; message: string; stack: string } {
  if (typeof err !== 'object' || err === null) return { type: typeof err, message: String(err), stack: '' };
  const e = err as Error & Record<string, unknown>;
  const out: { [key: string]: unknown; type: string; message: string; stack: string } = {
    type: e.constructor?.name ?? 'Error',
    message: withoutBoundValues(String(e.message ?? '')),
    stack: typeof e.stack === 'string' ? withoutBoundValues(e.stack) : '',
  };
  for (const key of ['code', 'statusCode', 'severity', 'constraint', 'table', 'column', 'routine', 'query'] as const) {
    if (e[key] !== undefined && e[key] !== null) out[key] = key === 'query' ? String(e[key]) : e[key];
  }
  if (e.cause !== undefined && depth < 3) out.cause = logSafeError(e.cause, depth + 1);
  return out;
}

/** Drops everything from a `params:` list on, and the values inside `Key (…)=(…)` details. */
export function withoutBoundValues(text: string): string {
  const at = text.search(/\n?\s*params: /);
  const cut = at >= 0 ? `${text.slice(0, at)} [bound values omitted]` : text;
  return cut.replace(/\)=\((?:[^()]|\([^()]*\))*\)/g, ')=([omitted])');
}
