import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { migrate } from 'drizzle-orm/pglite/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, queryRows, type Database } from './client';
import { MIGRATIONS_DIR, runMigrations } from './migrate';

/** The migrations folder as it was before 0010, so a database can hold customers from before email confirmation. */
function migrationsBefore0010(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mk-migrations-'));
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  const journalPath = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { idx: number }[] };
  journal.entries = journal.entries.filter((e) => e.idx < 10);
  writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

describe('migration 0010 (email confirmation)', () => {
  let database: Database | undefined;
  const dirs: string[] = [];
  afterAll(async () => {
    await database?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('counts every customer who signed up before it as confirmed, so nobody loses their order history', async () => {
    database = await openDatabase({ kind: 'pglite' });
    const before = migrationsBefore0010();
    dirs.push(before);
    await migrate(database.db as unknown as PgliteDatabase, { migrationsFolder: before });
    await database.db.execute(
      sql`insert into customers (id, email, name, password_hash, created_at) values ('0190a000-0000-7000-8000-000000000001', 'old@example.test', 'Old Timer', 'scrypt$x', '2025-03-01T10:00:00Z')`,
    );
    await runMigrations(database);
    const [row] = await queryRows<{ verified: string | Date | null; created: string | Date }>(
      database.db,
      sql`select email_verified_at as verified, created_at as created from customers where email = 'old@example.test'`,
    );
    expect(row?.verified).not.toBeNull();
    expect(new Date(row!.verified!).toISOString()).toBe(new Date(row!.created).toISOString());
    // accounts created after it start unconfirmed
    await database.db.execute(sql`insert into customers (id, email, name, password_hash) values ('0190a000-0000-7000-8000-000000000002', 'new@example.test', 'New', 'scrypt$x')`);
    const [fresh] = await queryRows<{ verified: unknown }>(database.db, sql`select email_verified_at as verified from customers where email = 'new@example.test'`);
    expect(fresh?.verified).toBeNull();
  });
});
