import { createPglite } from './client';
import { takingTurns } from './pglite-turns';

/** Order in which 30 queued queries and one I/O-phase callback (setImmediate) finish. */
async function finishingOrder(client: { query(text: string): Promise<unknown> }): Promise<string[]> {
  const order: string[] = [];
  const queries = Array.from({ length: 30 }, () => client.query('select pg_sleep(0.002)').then(() => order.push('query')));
  setImmediate(() => order.push('event loop'));
  await Promise.all(queries);
  await new Promise((resolve) => setImmediate(resolve));
  return order;
}

describe('takingTurns (PGlite off the microtask queue)', () => {
  // One embedded database for both tests: starting one takes most of this file's time (≈ 25 s under CI's load).
  let pglite: Awaited<ReturnType<typeof createPglite>>;
  beforeAll(async () => {
    pglite = await createPglite(undefined);
  });
  afterAll(async () => {
    await pglite.close();
  });

  it('gives the event loop a turn between queries, so requests are read during a burst; the bare client does not', async () => {
    const bare = await finishingOrder(pglite);
    expect(bare.indexOf('event loop')).toBeGreaterThanOrEqual(29); // starved until the queue drained
    const turns = await finishingOrder(takingTurns(pglite));
    expect(turns.indexOf('event loop')).toBeLessThanOrEqual(1);
    expect(turns.filter((e) => e === 'query')).toHaveLength(30);
  });

  it('keeps results, errors and transactions as the bare client has them', async () => {
    const client = takingTurns(pglite);
    await client.exec('create table t (n int primary key)');
    await expect(client.query('insert into t values (1), (1)')).rejects.toThrow(/duplicate key/);
    await client.transaction(async (tx) => {
      await tx.query('insert into t values ($1)', [2]);
      await tx.query('insert into t values ($1)', [3]);
    });
    await expect(client.transaction(async (tx) => {
      await tx.query('insert into t values ($1)', [4]);
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    expect((await client.query<{ n: number }>('select n from t order by n')).rows.map((r) => r.n)).toEqual([2, 3]);
    expect(client.closed).toBe(false);
  });
});
