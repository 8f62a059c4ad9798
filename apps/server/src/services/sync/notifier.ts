import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { Database, DbOrTx } from '../../db/client';

/** The NOTIFY channel the change_feed triggers signal on; the payload is a vendor id, or '*' for everyone. */
const CHANGES_CHANNEL = 'makeries_changes';

type ChangeListener = (vendorId: string) => void;

/**
 * Signals a change to a vendor's data that no change-feed trigger sees (rows counters do not mirror, such as
 * reviews), so cached storefront pages on every instance drop their copies. Inside a transaction it is sent at
 * commit, like the triggers' own NOTIFY.
 */
export async function notifyChange(db: DbOrTx, vendorId: string): Promise<void> {
  await db.execute(sql`SELECT pg_notify(${CHANGES_CHANNEL}, ${vendorId})`);
}

/** Tells this process when some vendor's data changed, whichever server instance made the change. */
export interface ChangeNotifier {
  subscribe(listener: ChangeListener): Promise<() => void>;
  close(): Promise<void>;
}

type Source = { start(emit: ChangeListener): Promise<void>; stop(): Promise<void> };

/**
 * Real PostgreSQL: one dedicated LISTEN connection (outside the pool, so it never starves queries). After a
 * lost connection it reconnects with backoff and signals '*', since notifications sent meanwhile are gone.
 */
function postgresSource(pool: pg.Pool): Source {
  let client: pg.Client | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let delay = 1000;
  const connect = async (emit: ChangeListener, isRetry: boolean): Promise<void> => {
    const c = new pg.Client(pool.options);
    c.on('notification', (n) => {
      if (n.channel === CHANGES_CHANNEL) emit(n.payload ?? '*');
    });
    const retry = () => {
      if (stopped || client !== c) return;
      client = undefined;
      timer = setTimeout(() => void connect(emit, true).catch(() => undefined), delay);
      delay = Math.min(delay * 2, 30_000);
    };
    c.on('error', retry);
    c.on('end', retry);
    client = c;
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANGES_CHANNEL}`);
      delay = 1000;
      if (isRetry) emit('*');
    } catch (e) {
      retry();
      if (!isRetry) throw e;
    }
  };
  return {
    start: (emit) => connect(emit, false),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      const c = client;
      client = undefined;
      await c?.end().catch(() => undefined);
    },
  };
}

/** PGlite is one in-process database: its own listen() hears the triggers' NOTIFY at commit. */
function pgliteSource(client: PGlite): Source {
  let unlisten: (() => Promise<void>) | undefined;
  return {
    async start(emit) {
      unlisten = await client.listen(CHANGES_CHANNEL, (payload) => emit(payload || '*'));
    },
    async stop() {
      await unlisten?.().catch(() => undefined);
      unlisten = undefined;
    },
  };
}

function sourceFor(database: Database): Source {
  if (database.pool) return postgresSource(database.pool);
  const client = (database.db as unknown as { $client?: PGlite }).$client;
  if (!client || typeof client.listen !== 'function') throw new Error('This database cannot deliver change notifications');
  return pgliteSource(client);
}

function createNotifier(database: Database): ChangeNotifier {
  const listeners = new Set<ChangeListener>();
  const source = sourceFor(database);
  let started: Promise<void> | undefined;
  const emit: ChangeListener = (vendorId) => {
    for (const l of listeners) l(vendorId);
  };
  return {
    async subscribe(listener) {
      started ??= source.start(emit).catch((e: unknown) => {
        started = undefined;
        throw e;
      });
      await started;
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    async close() {
      listeners.clear();
      if (started) await source.stop();
      started = undefined;
    },
  };
}

const notifiers = new WeakMap<Database, { notifier: ChangeNotifier; users: number }>();

/** One notifier (one LISTEN connection) per database per process, shared by every poke stream. */
export function changeNotifier(database: Database): ChangeNotifier {
  let entry = notifiers.get(database);
  if (!entry) {
    entry = { notifier: createNotifier(database), users: 0 };
    notifiers.set(database, entry);
  }
  return entry.notifier;
}

/**
 * Registers a user of the database's notifier (an HTTP app serving pokes). The returned release stops
 * listening once the last user is gone, so the database can close cleanly on shutdown.
 */
export function retainChangeNotifier(database: Database): () => Promise<void> {
  changeNotifier(database);
  const entry = notifiers.get(database);
  if (entry) entry.users++;
  let released = false;
  return async () => {
    if (released || !entry) return;
    released = true;
    entry.users--;
    if (entry.users > 0 || notifiers.get(database) !== entry) return;
    notifiers.delete(database);
    await entry.notifier.close();
  };
}
