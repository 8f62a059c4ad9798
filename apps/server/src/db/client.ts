import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { ExtractTablesWithRelations, SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import * as schema from './schema/index';

type Schema = typeof schema;
/** The one database type the services see, whether PGlite or node-postgres is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** A service function can run on the database or inside a caller's transaction. */
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** a pg Pool for LISTEN/NOTIFY and raw work, absent on PGlite */
  pool?: pg.Pool;
  /** the PGlite instance, absent on PostgreSQL */
  pglite?: PGlite;
  /**
   * A streaming replica (DATABASE_READ_URL) for search and catalog reads by anonymous visitors; absent = every read
   * on `db`. Read-only and a little behind the primary, so nothing that reads its own writes may use it (context.ts).
   */
  replica?: { db: Db; pool: pg.Pool };
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { kind: 'postgres'; url: string; max?: number; readUrl?: string | undefined }
  /** no dataDir = in memory; `loadDataDir` starts from a dumped data directory (the tests' migrated template) */
  | { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob };

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'postgres') {
    const pool = openPool(target.url, target.max);
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    if (!target.readUrl) return { db, kind: 'postgres', pool, close: () => pool.end() };
    const readPool = openPool(target.readUrl, target.max);
    const replica = { db: drizzlePg(readPool, { schema }) as unknown as Db, pool: readPool };
    return { db, kind: 'postgres', pool, replica, close: () => Promise.all([pool.end(), readPool.end()]).then(() => undefined) };
  }
  if (target.dataDir) mkdirSync(target.dataDir, { recursive: true });
  // PGlite is single-connection; pg_trgm is loaded alone (DESIGN §10: cube before pg_trgm breaks `%`).
  const client = await PGlite.create({
    dataDir: target.dataDir,
    extensions: { pg_trgm },
    ...(target.loadDataDir ? { loadDataDir: target.loadDataDir } : {}),
  });
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return { db, kind: 'pglite', pglite: client, close: () => client.close() };
}

function openPool(url: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max });
  // a bare pool error (e.g. the server restarting) must not crash the process
  pool.on('error', () => {});
  return pool;
}

export function targetFromUrl(url: string | undefined, dataDir: string, readUrl?: string): DatabaseTarget {
  return url ? { kind: 'postgres', url, readUrl } : { kind: 'pglite', dataDir };
}

/** Raw SQL rows, the same on PGlite and node-postgres (both return `{ rows }`). */
export async function queryRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  // Db is typed over the abstract PgQueryResultHKT, so execute's result type says nothing; both drivers give `{ rows }`
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}
