import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { serverMeta } from '../../db/schema/index';

/**
 * The server's epoch (DESIGN §4): an id that changes when the database is restored or reset. A counter whose
 * epoch differs re-bootstraps its mirrors and resends the outbox rows it still holds; natural-key idempotency
 * turns those resends into exactly-once writes. The change_feed migration mints the first one.
 */
export async function getEpoch(db: DbOrTx): Promise<string> {
  const [row] = await db.select({ epoch: serverMeta.epoch }).from(serverMeta).where(eq(serverMeta.singleton, true));
  if (row) return row.epoch;
  // the row was lost (a hand-made reset): a fresh epoch is exactly what the counters need to hear
  await db.insert(serverMeta).values({ singleton: true, epoch: randomUUID() }).onConflictDoNothing();
  const [again] = await db.select({ epoch: serverMeta.epoch }).from(serverMeta).where(eq(serverMeta.singleton, true));
  if (!again) throw new Error('server_meta has no epoch');
  return again.epoch;
}

/** Run after restoring a backup or resetting data: every counter re-bootstraps on its next sync. */
export async function rotateEpoch(db: DbOrTx): Promise<string> {
  const epoch = randomUUID();
  await db
    .insert(serverMeta)
    .values({ singleton: true, epoch })
    .onConflictDoUpdate({ target: serverMeta.singleton, set: { epoch, updatedAt: sql`now()` } });
  return epoch;
}
