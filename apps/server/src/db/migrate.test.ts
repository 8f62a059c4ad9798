import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { queryRows } from './client';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../test/db';

describe.each(DB_KINDS)('migrations on %s', (kind) => {
  let database: TestDatabase;
  afterAll(() => database?.destroy());

  it('creates every table and the trigram extension', async () => {
    database = await createTestDatabase(kind);
    const tables = await queryRows<{ table_name: string }>(
      database.db,
      sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
    );
    expect(tables.map((r) => r.table_name)).toEqual(
      expect.arrayContaining(['vendors', 'products', 'variants', 'orders', 'inventory_movements']),
    );
    const [trgm] = await queryRows<{ s: number }>(database.db, sql`select similarity('croissant', 'crossaint') as s`);
    expect(Number(trgm?.s)).toBeGreaterThan(0.3);
  });
});
