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
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { kind: 'postgres'; url: string; max?: number }
  /** no dataDir = in memory; `loadDataDir` starts from a dumped data directory (the tests' migrated template) */
  | { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob };

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: target.max ?? 10 });
    // a bare pool error (e.g. the server restarting) must not crash the process
    pool.on('error', () => {});
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return { db, kind: 'postgres', pool, close: () => pool.end() };
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

export function targetFromUrl(url: string | undefined, dataDir: string): DatabaseTarget {
  return url ? { kind: 'postgres', url } : { kind: 'pglite', dataDir };
}

/** Raw SQL rows, the same on PGlite and node-postgres (both return `{ rows }`). */
export async function queryRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  // Db is typed over the abstract PgQueryResultHKT, so execute's result type says nothing; both drivers give `{ rows }`
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}
