import { gqlError, type GqlContext, type Plain } from './schema';

const MAX_PAGE = 250;

type SortKey = (string | number)[];

function compareKeys(a: SortKey, b: SortKey): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

function encodeCursor(key: SortKey): string {
  return Buffer.from(JSON.stringify({ k: key })).toString('base64');
}

function decodeCursor(cursor: string): SortKey {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as { k?: unknown };
    if (Array.isArray(parsed.k)) return parsed.k as SortKey;
  } catch {
    // falls through to the error below
  }
  throw gqlError(`Invalid cursor for current pagination sort.`, 'BAD_REQUEST');
}

export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
  reverse?: boolean | null;
}

/**
 * A Relay connection over `items` sorted by `keyOf` (ties broken by the last key element, an id). Forward
 * pagination only (`first`/`after`); bulk operations take every item. Counts returned objects for the cost.
 */
export function connection<T>(
  items: T[],
  args: ConnectionArgs,
  ctx: GqlContext,
  keyOf: (item: T) => SortKey,
  render: (item: T) => Plain,
): Plain {
  if (args.last != null || args.before != null) {
    throw gqlError('The Shopify fake paginates forward only (first/after).', 'NOT_IMPLEMENTED_IN_FAKE');
  }
  let first: number;
  if (ctx.bulk) {
    first = Number.MAX_SAFE_INTEGER;
  } else {
    if (args.first == null) throw gqlError('you must provide one of first or last', 'BAD_REQUEST');
    if (args.first > MAX_PAGE || args.first < 0) {
      throw gqlError(`The page size must be between 0 and ${String(MAX_PAGE)}.`, 'BAD_REQUEST');
    }
    first = args.first;
  }
  const dir = args.reverse ? -1 : 1;
  const sorted = items.map((item) => ({ item, key: keyOf(item) })).sort((a, b) => dir * compareKeys(a.key, b.key));
  let start = 0;
  if (args.after != null) {
    const after = decodeCursor(args.after);
    start = sorted.findIndex((e) => dir * compareKeys(e.key, after) > 0);
    if (start < 0) start = sorted.length;
  }
  const page = sorted.slice(start, start + first);
  ctx.objects += page.length;
  const edges = page.map((e) => ({ cursor: encodeCursor(e.key), node: render(e.item) }));
  return {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: {
      hasNextPage: start + page.length < sorted.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/** Connection-looking list fields the fake gives fixed answers for (e.g. a single page of everything). */
export function countOf(n: number): Plain {
  return { count: n, precision: 'EXACT' };
}
