import { performance } from 'node:perf_hooks';
import { searchProductsInput, type SearchProductsInputRaw } from '@makeries/shared';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { openDatabase } from '../../src/db/client';
import { planProductSearch } from '../../src/services/search/products';
import { productSearchSql, wideSearchSql } from '../../src/services/search/product-query';
import { summarize, type LatencySummary } from '../lib/latency';

export interface RawSqlResult extends LatencySummary {
  statements: number;
}

/**
 * The engine baseline: the exact search statements the service builds for each query (after its typo and
 * open-now lookups: the sample statement, plus the page statement when the match set is wide), executed
 * straight on a pg client, one query at a time. API minus this = our overhead.
 */
export async function rawSqlBaseline(url: string, inputs: SearchProductsInputRaw[], rounds: number): Promise<RawSqlResult> {
  const database = await openDatabase({ kind: 'postgres', url, max: 2 });
  const dialect = new PgDialect();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const queries: { sql: string; params: unknown[] }[][] = [];
  const samples: number[] = [];
  try {
    for (const raw of inputs) {
      const plan = await planProductSearch(database.db, searchProductsInput.parse(raw));
      const first = dialect.sqlToQuery(productSearchSql(plan));
      const meta = (await client.query<{ meta: { n: number; est: number; table_rows: number } }>(first.sql, first.params)).rows[0]?.meta;
      const wide = meta && meta.n > plan.limits.sample ? [dialect.sqlToQuery(wideSearchSql(plan, { est: meta.est, tableRows: meta.table_rows }))] : [];
      queries.push([first, ...wide]);
    }
    for (const q of queries) for (const s of q) await client.query(s.sql, s.params); // warm
    for (let r = 0; r < rounds; r++) {
      for (const q of queries) {
        const t0 = performance.now();
        for (const s of q) await client.query(s.sql, s.params);
        samples.push(performance.now() - t0);
      }
    }
  } finally {
    await client.end();
    await database.close();
  }
  return { ...summarize(samples), statements: queries.flat().length };
}
