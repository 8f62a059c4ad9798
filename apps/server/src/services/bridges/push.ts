import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { posConnections, posEntityMap, posPushes } from '../../db/schema/index';
import type { Env } from '../../env';
import { PermanentJobError } from '../../jobs/runtime';
import { enqueue } from '../../jobs/queue';
import { callPos } from './connections';
import { connectorFor } from './registry';
import { applyObservations } from './observe';
import { PUSH_JOB, pushJobKey, recomputeBridgedLevels } from './stock';
import { logSync } from './sync-log';
import { PosError, type PushMemo } from './types';

/** The push row's `ext_ref` (unused by stock pushes otherwise) as the connector's memo, written in its own commit. */
function memoOf(db: Db, pushId: string): PushMemo {
  return {
    async read() {
      const [row] = await db.select({ note: posPushes.extRef }).from(posPushes).where(eq(posPushes.id, pushId));
      return row?.note ?? null;
    },
    async write(note) {
      await db.update(posPushes).set({ extRef: note.slice(0, 500) }).where(eq(posPushes.id, pushId));
    },
  };
}

/**
 * Sends one stock movement to the POS as an adjustment, with the push's own idempotency key: a retry after a
 * timeout, a 5xx after the POS committed, or a server killed mid-call sends the same key, so the POS applies it
 * once. The POS's answer acknowledges the push and its count is taken under the stock rule, in one transaction.
 */
export async function sendPush(db: Db, env: Env, pushId: string, now: Date): Promise<string> {
  const [push] = await db.select().from(posPushes).where(eq(posPushes.id, pushId));
  if (!push || push.kind !== 'stock_delta') return 'nothing to send';
  if (push.state === 'acknowledged' || push.state === 'skipped') return `already ${push.state}`;
  const [conn] = await db.select().from(posConnections).where(eq(posConnections.id, push.connectionId));
  const [mapped] = push.variantId
    ? await db
        .select({ extId: posEntityMap.extId })
        .from(posEntityMap)
        .where(and(eq(posEntityMap.connectionId, push.connectionId), eq(posEntityMap.entity, 'variant'), eq(posEntityMap.localId, push.variantId)))
    : [];
  if (!conn || !mapped || !push.variantId) return 'not bridged any more';
  const variantId = push.variantId;
  if (!connectorFor(env, conn.provider).capabilities(conn.scopes).stockWrite) {
    // a read-only connection (Toast Standard API access, a Shopify shop that declined write_inventory): the POS keeps
    // its own count, which this sale never reaches; the owner is told once per connection in the back office view
    await db.transaction(async (tx) => {
      await tx.update(posPushes).set({ state: 'skipped', lastError: 'The connection is read-only.', updatedAt: now }).where(eq(posPushes.id, push.id));
      await recomputeBridgedLevels(tx, [variantId]);
    });
    return 'skipped: read-only connection';
  }
  await db.update(posPushes).set({ state: 'sent', updatedAt: now }).where(and(eq(posPushes.id, push.id), inArray(posPushes.state, ['pending', 'failed'])));
  let obs;
  try {
    obs = await callPos(
      db,
      env,
      push.connectionId,
      (c, connector) => connector.pushStockDelta(c, { idempotencyKey: push.idempotencyKey, variantExtId: mapped.extId, delta: push.quantity, occurredAt: push.occurredAt.toISOString(), reference: push.localRef, memo: memoOf(db, push.id) }),
      now,
    );
  } catch (e) {
    if (e instanceof PosError && (e.kind === 'rejected' || e.kind === 'conflict')) {
      await db.transaction(async (tx) => {
        await tx.update(posPushes).set({ state: 'failed', lastError: e.message, updatedAt: now }).where(eq(posPushes.id, push.id));
        await recomputeBridgedLevels(tx, [variantId]);
        await logSync(tx, push.connectionId, 'error', `A stock change (${String(push.quantity)}) could not be sent to {pos}: ${e.message}`);
      });
      throw new PermanentJobError(e.message);
    }
    throw e;
  }
  await db.transaction(async (tx) => {
    await tx
      .update(posPushes)
      .set({ state: 'acknowledged', extObservedAt: obs ? new Date(obs.observedAt) : now, lastError: null, updatedAt: now })
      .where(eq(posPushes.id, push.id));
    if (obs) await applyObservations(tx, { connectionId: conn.id, vendorId: conn.vendorId, locationExtId: conn.locationExtId }, [obs]);
    await recomputeBridgedLevels(tx, [variantId]);
  });
  return 'acknowledged';
}

/** After a pause or an outage: every push still owed is queued again (keys make a resend harmless). */
export async function requeueOpenPushes(db: Db, connectionId: string): Promise<number> {
  const open = await db
    .select({ id: posPushes.id })
    .from(posPushes)
    .where(and(eq(posPushes.connectionId, connectionId), eq(posPushes.kind, 'stock_delta'), inArray(posPushes.state, ['pending', 'sent'])));
  for (const p of open) await enqueue(db, PUSH_JOB, `${pushJobKey(p.id)}:${String(Date.now())}`, { pushId: p.id, connectionId });
  return open.length;
}
