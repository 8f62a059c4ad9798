import { performance } from 'node:perf_hooks';
import { searchProductsInput, type SearchProductsInputRaw } from '@makeries/shared';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { openDatabase } from '../../src/db/client';
import { planProductSearch } from '../../src/services/search/products';
import { productSearchSql } from '../../src/services/search/product-query';
import { summarize, type LatencySummary } from '../lib/latency';

export interface RawSqlResult extends LatencySummary {
  statements: number;
}

/**
 * The engine baseline: the exact search statement the service builds for each query (after its typo and
 * open-now lookups), executed straight on a pg client, one at a time. API minus this = our overhead.
 */
export async function rawSqlBaseline(url: string, inputs: SearchProductsInputRaw[], rounds: number): Promise<RawSqlResult> {
  const database = await openDatabase({ kind: 'postgres', url, max: 2 });
  const dialect = new PgDialect();
  const statements: { sql: string; params: unknown[] }[] = [];
  try {
    for (const raw of inputs) {
      const plan = await planProductSearch(database.db, searchProductsInput.parse(raw));
      statements.push(dialect.sqlToQuery(productSearchSql(plan)));
    }
  } finally {
    await database.close();
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const samples: number[] = [];
  try {
    for (const s of statements) await client.query(s.sql, s.params); // warm
    for (let r = 0; r < rounds; r++) {
      for (const s of statements) {
        const t0 = performance.now();
        await client.query(s.sql, s.params);
        samples.push(performance.now() - t0);
      }
    }
  } finally {
    await client.end();
  }
  return { ...summarize(samples), statements: statements.length };
}
