import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../db/client';
import { runMigrations } from '../db/migrate';
import { pgliteTemplate, postgresTemplateName } from './template';

export type DbKind = 'pglite' | 'postgres';

/** PGlite always; real PostgreSQL too when TEST_DATABASE_URL is set (CI sets it). */
export const DB_KINDS: DbKind[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export interface TestDatabase extends Database {
  /** drops the throwaway database (PostgreSQL) or closes PGlite */
  destroy(): Promise<void>;
}

/**
 * A fresh, migrated, empty database: in-memory PGlite, or a new database on the TEST_DATABASE_URL server, copied
 * from the run's migrated template when the global set-up built one (test/template.ts), else migrated here.
 */
export async function createTestDatabase(kind: DbKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const template = pgliteTemplate();
    const database = await openDatabase({ kind: 'pglite', ...(template ? { loadDataDir: template } : {}) });
    if (!template) await runMigrations(database);
    return { ...database, destroy: () => database.close() };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `mk_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const template = postgresTemplateName();
  const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
  await admin.query(found.rowCount ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: url.toString(), max: 5 });
  if (!found.rowCount) await runMigrations(database);
  return {
    ...database,
    async destroy() {
      await database.close();
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}
