import { describe, expect, it } from 'vitest';
import { AppError } from '@makeries/shared';
import { decodeCursor, encodeCursor } from './cursor';

const ID = '01a1ffac-8714-7034-87ca-35d6f0d79bf5';

describe('search cursor', () => {
  it('round-trips exactly and is URL-safe', () => {
    const c = encodeCursor({ sort: 'relevance', key: '1.123456', id: ID });
    expect(c).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(c, 'relevance')).toEqual({ sort: 'relevance', key: '1.123456', id: ID });
  });

  it('carries the past-the-pool mark of a wide relevance search, and only for relevance', () => {
    const c = encodeCursor({ sort: 'relevance', key: '812', id: ID, pastPool: true });
    expect(decodeCursor(c, 'relevance')).toEqual({ sort: 'relevance', key: '812', id: ID, pastPool: true });
    const forged = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const bad: [string, 'relevance' | 'popularity'][] = [
      [forged(['popularity', '812', ID, 'pool']), 'popularity'],
      [forged(['relevance', '812', ID, 'x']), 'relevance'],
      [forged(['relevance', '812', ID, 'pool', 1]), 'relevance'],
    ];
    for (const [raw, sort] of bad) expect(() => decodeCursor(raw, sort)).toThrow(AppError);
  });

  it('rejects cursors for another sort, forged keys and garbage as BAD_INPUT', () => {
    const forged = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const bad = [
      encodeCursor({ sort: 'newest', key: '1', id: ID }),
      forged(['relevance', '1) OR (1=1', ID]),
      forged(['relevance', '1', "x' --"]),
      forged(['relevance', 1, ID]),
      forged({ sort: 'relevance' }),
      '%%%',
      '',
    ];
    for (const raw of bad) {
      let code: string | undefined;
      try {
        decodeCursor(raw, 'relevance');
      } catch (e) {
        code = e instanceof AppError ? e.code : 'other';
      }
      expect(code, raw).toBe('BAD_INPUT');
    }
  });
});
