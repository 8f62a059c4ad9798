import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';

const MIN_WORD = 3;
/** longer "words" are codes or junk, never worth suggesting as a correction */
const MAX_WORD = 40;

/** Lowercase words of letters/digits (any script), at least three characters, each once, sorted. */
export function extractSearchWords(texts: readonly string[]): string[] {
  const words = new Set<string>();
  for (const text of texts) {
    for (const w of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
      if (w.length >= MIN_WORD && w.length <= MAX_WORD) words.add(w);
    }
  }
  return [...words].sort();
}

/**
 * Adds the words of catalog texts (product, category and vendor names) to `search_words`, the vocabulary
 * the search service corrects typos against. Rows are upserted in sorted order so concurrent writers lock
 * them in the same order and cannot deadlock.
 */
export async function recordSearchWords(tx: DbOrTx, texts: readonly string[]): Promise<void> {
  const words = extractSearchWords(texts);
  if (words.length === 0) return;
  const values = sql.join(
    words.map((w) => sql`(${w}, 1)`),
    sql`, `,
  );
  await tx.execute(
    sql`INSERT INTO search_words (word, uses) VALUES ${values} ON CONFLICT (word) DO UPDATE SET uses = search_words.uses + 1`,
  );
}
