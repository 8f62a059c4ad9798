import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../db/client';
import { describeEachDb } from '../test/harness';
import { extractSearchWords, recordSearchWords } from './search-words';

describe('extractSearchWords', () => {
  it('keeps lowercase words of three or more letters/digits, once each, in any script', () => {
    expect(extractSearchWords(['Pain au Chocolat', 'CHOCOLAT chaud', 'Crème brûlée 250g', 'Ψωμί & co'])).toEqual([
      '250g',
      'brûlée',
      'chaud',
      'chocolat',
      'crème',
      'pain',
      'ψωμί',
    ]);
    expect(extractSearchWords(['', 'a an to', '--'])).toEqual([]);
  });
});

describeEachDb('recordSearchWords', (get) => {
  it('upserts words and counts every use', async () => {
    const { db } = get().database;
    await recordSearchWords(db, ['Sourdough Loaf', 'Bread']);
    await db.transaction((tx) => recordSearchWords(tx, ['Seeded sourdough']));
    await recordSearchWords(db, []);
    const rows = await queryRows<{ word: string; uses: number }>(db, sql`SELECT word, uses FROM search_words ORDER BY word`);
    expect(rows).toEqual([
      { word: 'bread', uses: 1 },
      { word: 'loaf', uses: 1 },
      { word: 'seeded', uses: 1 },
      { word: 'sourdough', uses: 2 },
    ]);
  });
});
