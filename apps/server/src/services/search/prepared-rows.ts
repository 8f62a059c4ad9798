import { createHash } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { queryRows, type DbOrTx } from '../../db/client';

/**
 * Distinct statement texts that may become named prepared statements. A search's text depends only on which
 * filters and sort it uses (every value is a parameter), so real traffic repeats a few dozen shapes; the cap
 * bounds the plans each Postgres connection keeps should something generate many more.
 */
const MAX_NAMED = 256;
const dialect = new PgDialect();
const names = new Map<string, string>();

function statementName(text: string): string | undefined {
  const known = names.get(text);
  if (known !== undefined || names.size >= MAX_NAMED) return known;
  const name = `mk_search_${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`;
  names.set(text, name);
  return name;
}

/**
 * Rows of a search statement. On PostgreSQL it runs as a named prepared statement on the pooled connection:
 * parsed once per connection, and after a few runs Postgres may reuse a generic plan; planning these
 * statements cost about as much CPU as running them. PGlite (and anything else) takes the ordinary path,
 * so results are the same on both.
 */
export async function searchRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const client: unknown = (db as { $client?: unknown }).$client;
  if (!(client instanceof pg.Pool)) return queryRows<T>(db, query);
  const { sql: text, params } = dialect.sqlToQuery(query);
  const name = statementName(text);
  const result = await client.query<T & pg.QueryResultRow>(name ? { name, text, values: params } : { text, values: params });
  return result.rows;
}
