import { AppError, type PullInput, type PullResult } from '@makeries/shared';
import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { devices } from '../../db/schema/index';
import { decodeCursor, encodeCursor } from './cursor';
import { getEpoch } from './epoch';
import { awaitHeldChanges, feedPage } from './feed';
import { belowFloor } from './prune';
import type { DeviceRef } from './push';
import { snapshotPage } from './snapshot';

async function touchDevice(db: DbOrTx, device: DeviceRef): Promise<number> {
  const [row] = await db
    .update(devices)
    .set({ lastSeenAt: new Date() })
    .where(and(eq(devices.id, device.deviceId), eq(devices.vendorId, device.vendorId), isNull(devices.revokedAt)))
    .returning({ last: devices.lastMutationId });
  if (!row) throw new AppError('UNAUTHENTICATED', 'This counter is no longer paired with the shop. Pair it again.');
  return row.last;
}

/** A pull page before the router adds the marketplace's settings. */
export type FeedResult = Omit<PullResult, 'market'>;

/**
 * `sync.pull` (DESIGN §4): a page of current rows for what changed after the cursor, scoped to the device's
 * vendor (plus marketplace-wide categories). A client whose epoch differs, or whose cursor is older than the
 * pruned log, gets resetRequired and no changes: it must re-bootstrap from cursor '0'.
 */
export async function pullChanges(db: DbOrTx, device: DeviceRef, input: PullInput): Promise<FeedResult> {
  const cursor = decodeCursor(input.cursor);
  const lastMutationId = await touchDevice(db, device);
  const epoch = await getEpoch(db);
  const base = { lastMutationId, epoch, serverTime: new Date().toISOString() };
  const reset: FeedResult = { ...base, changes: [], nextCursor: '0', hasMore: false, resetRequired: true };
  if (input.epoch !== null && input.epoch !== epoch) return reset;
  if (cursor.kind === 'feed') {
    if (await belowFloor(db, cursor)) return reset;
    // a change already committed but held behind an older transaction: wait for it rather than answer "nothing"
    await awaitHeldChanges(db, device.vendorId);
    const page = await feedPage(db, device.vendorId, cursor, input.limit);
    return { ...base, changes: page.changes, nextCursor: encodeCursor({ kind: 'feed', ...page.next }), hasMore: page.hasMore, resetRequired: false };
  }
  const page = await snapshotPage(db, device.vendorId, cursor, input.limit);
  // a finished snapshot still says hasMore: the feed since its watermark comes next
  return { ...base, changes: page.changes, nextCursor: encodeCursor(page.next), hasMore: true, resetRequired: false };
}
