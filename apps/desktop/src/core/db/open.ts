import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema/index';

/** The root handle (never a transaction object): prepared statements are cached per root handle. */
export type CounterDb = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export interface OpenedDatabase {
  db: CounterDb;
  sqlite: Database.Database;
  file: string;
  close(): void;
}

const DEFAULT_MIGRATIONS = join(dirname(fileURLToPath(import.meta.url)), 'migrations');
const DATABASE_FILE = 'counter.sqlite';

/**
 * Opens (creating if needed) the counter database in `dataDir` and applies committed migrations.
 * WAL + synchronous=FULL: a sale is on disk when completeSale returns, even if the laptop loses power.
 */
export function openDatabase(dataDir: string, opts: { migrationsFolder?: string } = {}): OpenedDatabase {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, DATABASE_FILE);
  const sqlite = new Database(file);
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const db = drizzle({ client: sqlite, schema });
    migrate(db, { migrationsFolder: opts.migrationsFolder ?? DEFAULT_MIGRATIONS });
    seedSingletons(sqlite);
    return { db, sqlite, file, close: () => sqlite.close() };
  } catch (e) {
    sqlite.close();
    throw e;
  }
}

/** The device and settings tables always hold exactly one row, so readers never handle "missing". */
function seedSingletons(sqlite: Database.Database): void {
  sqlite.exec(`INSERT INTO device (slot) VALUES (1) ON CONFLICT DO NOTHING;
    INSERT INTO counter_settings (slot) VALUES (1) ON CONFLICT DO NOTHING;`);
}

/**
 * Runs `fn` as one IMMEDIATE transaction: the write lock is taken up front, so a write never fails halfway
 * with SQLITE_BUSY. Nested calls become savepoints. All queries inside use the root handle: better-sqlite3
 * has a single connection, so they are part of this transaction.
 */
export function writeTx<T>(db: CounterDb, fn: () => T): T {
  return db.$client.transaction(fn).immediate();
}

/**
 * A write the server never learns and staff can redo in a second — a line scanned into the open cart — commits
 * with `synchronous=NORMAL`: in WAL mode it survives the app crashing or being killed, and is only at risk if the
 * computer loses power before the next fsync. The next FULL commit (the sale itself, any outbox write) fsyncs the
 * WAL including these frames. This keeps scan → line off the fsync path (DESIGN §9: p99 < 5 ms). Everything
 * audited or queued for the server keeps using `writeTx`.
 */
export function cartWriteTx<T>(db: CounterDb, fn: () => T): T {
  const sqlite = db.$client;
  if (sqlite.inTransaction) return writeTx(db, fn);
  sqlite.pragma('synchronous = NORMAL');
  try {
    return writeTx(db, fn);
  } finally {
    sqlite.pragma('synchronous = FULL');
  }
}
