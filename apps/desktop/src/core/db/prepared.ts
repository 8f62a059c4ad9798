import type { CounterDb } from './open';

/**
 * Caches drizzle prepared statements per database connection. Building a drizzle query costs ~150 µs;
 * running a prepared one ~10 µs, which is what keeps scan → cart line well under its 5 ms budget.
 * better-sqlite3 has one connection, so statements prepared on the root db also run inside transactions.
 */
export function preparedFor<T>(build: (db: CounterDb) => T): (db: CounterDb) => T {
  const cache = new WeakMap<CounterDb, T>();
  return (db) => {
    let q = cache.get(db);
    if (!q) {
      q = build(db);
      cache.set(db, q);
    }
    return q;
  };
}
