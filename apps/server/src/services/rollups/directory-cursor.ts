import { AppError } from '@makeries/shared';

/**
 * The directory's page links, opaque to clients: where the last page ended in its order (popularity rank, or
 * distance in metres plus id as the tiebreak) and how many shops came before, for "shops 25–48".
 */
export type DirectoryCursor = { order: 'popularity'; rank: number; shown: number } | { order: 'distance'; meters: number; id: string; shown: number };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const count = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

export function encodeDirectoryCursor(c: DirectoryCursor): string {
  const parts = c.order === 'popularity' ? ['p', c.rank, c.shown] : ['d', c.meters, c.id, c.shown];
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

/** A link made for the other order (the shopper set or cleared a location meanwhile) is as invalid as garbage. */
export function decodeDirectoryCursor(cursor: string, order: DirectoryCursor['order']): DirectoryCursor {
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    v = null;
  }
  if (Array.isArray(v)) {
    if (order === 'popularity' && v[0] === 'p' && count(v[1]) && count(v[2])) return { order, rank: v[1], shown: v[2] };
    if (order === 'distance' && v[0] === 'd' && count(v[1]) && typeof v[2] === 'string' && UUID.test(v[2]) && count(v[3])) {
      return { order, meters: v[1], id: v[2], shown: v[3] };
    }
  }
  throw new AppError('BAD_INPUT', 'That page of shops is out of date. Please start the list again.');
}
