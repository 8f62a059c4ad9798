import { AppError } from '@makeries/shared';

/** A change-feed position: (txid, seq) of the last row delivered. txid is an xid8 in decimal. */
export interface FeedPosition {
  txid: string;
  seq: number;
}

/**
 * The opaque pull cursor. '0' starts a bootstrap; `s.<watermark>.<entity index>.<last id>` pages through a
 * snapshot of current rows; `f.<txid>.<seq>` follows the change feed. The snapshot's watermark is where the
 * feed takes over: every transaction below it had finished before the snapshot's first read.
 */
export type Cursor =
  | { kind: 'start' }
  | { kind: 'snapshot'; watermark: string; entity: number; afterId: string | null }
  | ({ kind: 'feed' } & FeedPosition);

const SNAPSHOT_RE = /^s\.(\d{1,20})\.(\d{1,2})\.([0-9a-f-]{36})?$/;
const FEED_RE = /^f\.(\d{1,20})\.(\d{1,19})$/;

export function encodeCursor(c: Cursor): string {
  if (c.kind === 'start') return '0';
  if (c.kind === 'snapshot') return `s.${c.watermark}.${c.entity}.${c.afterId ?? ''}`;
  return `f.${c.txid}.${c.seq}`;
}

export function decodeCursor(text: string): Cursor {
  if (text === '0') return { kind: 'start' };
  const s = SNAPSHOT_RE.exec(text);
  if (s) return { kind: 'snapshot', watermark: s[1] ?? '0', entity: Number(s[2]), afterId: s[3] ?? null };
  const f = FEED_RE.exec(text);
  if (f && Number.isSafeInteger(Number(f[2]))) return { kind: 'feed', txid: f[1] ?? '0', seq: Number(f[2]) };
  throw new AppError('BAD_INPUT', 'This sync position is not one the server handed out. Start again from cursor "0".', {
    details: { cursor: text },
  });
}

/** Orders feed positions like Postgres orders (txid, seq) row values. */
export function comparePositions(a: FeedPosition, b: FeedPosition): number {
  const ta = BigInt(a.txid);
  const tb = BigInt(b.txid);
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.seq - b.seq;
}
