import type { PosProvider } from '@makeries/shared';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { posConnections, posWebhookEvents } from '../../db/schema/index';
import type { Env } from '../../env';
import { enqueue, requeue } from '../../jobs/queue';
import { CATALOG_JOB, catalogJobKey } from './catalog-sync';
import { markRevoked } from './connections';
import { applyObservations } from './observe';
import { ORDER_STATUS_JOB } from './order-status';
import { connectorFor, PROVIDER_NAMES } from './registry';
import type { InboundEnvelope } from './types';

export const WEBHOOK_JOB = 'pos.webhook';

/**
 * Stores a verified delivery once per provider event id, with its job, in one transaction; a repeat (the POS
 * retries for a day) finds the row and changes nothing.
 */
export async function storePosWebhook(db: Db, provider: PosProvider, envelope: InboundEnvelope, rawBody: string): Promise<'stored' | 'duplicate'> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .insert(posWebhookEvents)
      .values({ provider, dedupeKey: envelope.dedupeKey, connectionKey: envelope.connectionKey, topic: envelope.topic.slice(0, 100), body: rawBody })
      .onConflictDoNothing()
      .returning({ key: posWebhookEvents.dedupeKey });
    if (rows.length === 0) return 'duplicate';
    await enqueue(tx, WEBHOOK_JOB, `pos.webhook:${provider}:${envelope.dedupeKey}`, { provider, dedupeKey: envelope.dedupeKey });
    return 'stored';
  });
}

/** A burst of catalog webhooks collapses into one incremental run a couple of seconds later. */
export async function queueCatalogSync(db: Db, connectionId: string, now: Date, delayMs = 2_000): Promise<void> {
  await requeue(db, CATALOG_JOB, catalogJobKey(connectionId), { connectionId }, { runAt: new Date(now.getTime() + delayMs), maxAttempts: 6 });
}

/** The `pos.webhook` job: what the event means for every connection of that POS account. */
export async function processPosWebhook(db: Db, env: Env, provider: PosProvider, dedupeKey: string, now: Date): Promise<string> {
  const [row] = await db
    .select()
    .from(posWebhookEvents)
    .where(and(eq(posWebhookEvents.provider, provider), eq(posWebhookEvents.dedupeKey, dedupeKey)));
  if (!row || row.processedAt) return 'already processed';
  const { event } = connectorFor(env, provider).parseWebhook(row.body);
  const conns = row.connectionKey
    ? await db
        .select()
        .from(posConnections)
        .where(and(eq(posConnections.provider, provider), eq(posConnections.connectionKey, row.connectionKey)))
    : [];
  let outcome: string;
  if (conns.length === 0) outcome = 'ignored: no shop is connected to that account';
  else if (event.kind === 'ignored') outcome = `ignored: ${event.reason}`;
  else {
    const parts: string[] = [];
    for (const c of conns) {
      if (c.status === 'revoked') {
        parts.push('revoked');
        continue;
      }
      if (event.kind === 'stock') {
        const taken = await applyObservations(db, { connectionId: c.id, vendorId: c.vendorId, locationExtId: c.locationExtId }, event.obs);
        parts.push(`${String(taken)} counts taken`);
      } else if (event.kind === 'catalog.dirty') {
        await queueCatalogSync(db, c.id, now);
        parts.push('catalog sync queued');
      } else if (event.kind === 'order.changed') {
        await enqueue(db, ORDER_STATUS_JOB, `pos.order-status:${c.id}:${event.extOrderId}:${dedupeKey}`, { connectionId: c.id, extOrderId: event.extOrderId });
        parts.push('order check queued');
      } else {
        await markRevoked(db, c, `The shop removed Makeries’ access in ${PROVIDER_NAMES[c.provider]}. Connect again to resume.`);
        parts.push('connection revoked');
      }
    }
    outcome = parts.join('; ');
  }
  await db
    .update(posWebhookEvents)
    .set({ processedAt: now, outcome: outcome.slice(0, 500) })
    .where(and(eq(posWebhookEvents.provider, provider), eq(posWebhookEvents.dedupeKey, dedupeKey)));
  return outcome;
}
