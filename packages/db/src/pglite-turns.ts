import type { PGlite } from '@electric-sql/pglite';

const nextTurnOfTheEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * PGlite runs each statement synchronously on the API's own thread, and its internal queue hands
 * the next statement over in a microtask: under a storm the statements of every request in the
 * queue run back to back and the event loop never reaches its I/O phase — new connections are not
 * accepted and requests are not read (measured: p99 8–11 s at 200–500 in flight, nothing shed).
 * This wrapper lets one operation at a time reach PGlite and gives the event loop a turn before
 * each, so requests keep being read and the admission control (MAX_IN_FLIGHT) can answer the
 * surplus with 503 at once (yielding only every few milliseconds measured worse: the admitted
 * requests then wait behind whole bursts of refusals). A transaction holds its turn until it ends
 * (its statements go through the transaction object, not this wrapper).
 */
export function takingTurns(client: PGlite): PGlite {
  let last: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(operation: () => Promise<T>): Promise<T> => {
    const result = last.then(nextTurnOfTheEventLoop).then(operation);
    last = result.catch(() => undefined);
    return result;
  };
  return new Proxy(client, {
    get(target, property) {
      if (property === 'query' || property === 'exec' || property === 'transaction') {
        const method = Reflect.get(target, property, target) as (...args: unknown[]) => Promise<unknown>;
        return (...args: unknown[]) => inTurn(() => method.apply(target, args));
      }
      const value = Reflect.get(target, property, target); // PGlite's private fields need the real instance
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
