import { gqlError } from './schema';

export interface SearchTerm {
  field: string;
  op: ':' | '>' | '>=' | '<' | '<=';
  value: string;
}

/**
 * Shopify's search syntax, the subset the fake understands: `field:value`, `field:>value`, `field:>=value`,
 * `field:<value`, `field:<=value`, values bare or in single/double quotes, terms joined by spaces or AND.
 * Fields outside `allowed` are refused (Shopify would fall back to a fuzzy search the fake does not model).
 */
export function parseSearch(query: string | null | undefined, allowed: readonly string[]): SearchTerm[] {
  const terms: SearchTerm[] = [];
  const text = (query ?? '').trim();
  const re = /\s*([a-z_]+):(>=|<=|>|<)?(?:'([^']*)'|"([^"]*)"|(\S+))\s*(?:AND\s+)?/gy;
  let at = 0;
  while (at < text.length) {
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) throw gqlError(`The Shopify fake cannot parse the search query "${text}".`, 'NOT_IMPLEMENTED_IN_FAKE');
    const field = m[1] ?? '';
    if (!allowed.includes(field)) {
      throw gqlError(`The Shopify fake does not model the search filter "${field}".`, 'NOT_IMPLEMENTED_IN_FAKE');
    }
    terms.push({ field, op: (m[2] ?? ':') as SearchTerm['op'], value: m[3] ?? m[4] ?? m[5] ?? '' });
    at = re.lastIndex;
  }
  return terms;
}

/** Compares a timestamp (ms) with a term's ISO value; `:` means the same instant. */
export function timeMatches(ms: number, term: SearchTerm): boolean {
  const bound = Date.parse(term.value);
  if (Number.isNaN(bound)) throw gqlError(`Invalid date in search query: ${term.value}`, 'BAD_REQUEST');
  switch (term.op) {
    case '>':
      return ms > bound;
    case '>=':
      return ms >= bound;
    case '<':
      return ms < bound;
    case '<=':
      return ms <= bound;
    case ':':
      return ms === bound;
  }
}
