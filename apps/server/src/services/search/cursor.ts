import { AppError, type SearchSort } from '@makeries/shared';

/** Where the previous page stopped: the last item's sort key (exact text from Postgres) and id. */
export interface SearchCursor {
  sort: SearchSort;
  key: string;
  id: string;
  /**
   * Relevance over a wide match set only (see wide-query.ts): true once the pages have passed the ranked pool
   * and continue in popularity order; `key` is then the last item's popularity.
   */
  pastPool?: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** sort keys are numbers (rank, metres, cents, popularity, microseconds) rendered by Postgres */
const NUMBER = /^-?\d{1,20}(\.\d{1,20})?$/;

export function encodeCursor(c: SearchCursor): string {
  const parts = c.pastPool ? [c.sort, c.key, c.id, 'pool'] : [c.sort, c.key, c.id];
  return Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
}

function stale(): AppError {
  return new AppError('BAD_INPUT', 'This results page is no longer valid. Please start the search again.', {
    issues: [{ path: 'cursor', message: 'Not a cursor from this search' }],
  });
}

/** Opaque to clients; anything we did not mint (or minted for another sort order) is rejected as BAD_INPUT. */
export function decodeCursor(raw: string, sort: SearchSort): SearchCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw stale();
  }
  if (!Array.isArray(parsed) || (parsed.length !== 3 && parsed.length !== 4)) throw stale();
  const [s, key, id, pool] = parsed as unknown[];
  if (s !== sort || typeof key !== 'string' || !NUMBER.test(key) || typeof id !== 'string' || !UUID.test(id)) throw stale();
  if (parsed.length === 4 && (pool !== 'pool' || sort !== 'relevance')) throw stale();
  return pool === 'pool' ? { sort, key, id, pastPool: true } : { sort, key, id };
}
