/** `db.execute()` returns `{ rows }` on both drivers; this names that fact once. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
