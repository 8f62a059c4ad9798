import { uuidv7, type PosProvider } from '@makeries/shared';
import { and, asc, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { jobs, posConnections, posWebhookEvents } from '../../db/schema/index';
import type { Env } from '../../env';
import { enqueue, requeue } from '../../jobs/queue';
import { CATALOG_JOB, catalogJobKey } from './catalog-sync';
import { markRevoked } from './connections';
import { applyObservations } from './observe';
import { ORDER_STATUS_JOB } from './order-status';
import { connectorFor, PROVIDER_NAMES } from './registry';
import type { InboundEnvelope, InboundEvent, StockObservation } from './types';

export const WEBHOOK_JOB = 'pos.webhook';

/** One drain job per POS account: a burst of deliveries is processed in batches, not one job each. */
const webhookJobKey = (provider: PosProvider, connectionKey: string | null) => `pos.webhooks:${provider}:${connectionKey ?? '-'}`;

/**
 * Stores a verified delivery once per provider event id, then (re)queues the account's drain job; a repeat (the POS
 * retries for a day) finds the row and changes nothing. The job is queued only once the row is committed: a drain
 * job claimed in between would otherwise read its batch without the row and finish, leaving it for the sweep.
 */
export async function storePosWebhook(db: Db, provider: PosProvider, envelope: InboundEnvelope, rawBody: string, headers: Record<string, string> = {}): Promise<'stored' | 'duplicate'> {
  const rows = await db
    .insert(posWebhookEvents)
    .values({ provider, dedupeKey: envelope.dedupeKey, connectionKey: envelope.connectionKey, topic: envelope.topic.slice(0, 100), headers, body: rawBody })
    .onConflictDoNothing()
    .returning({ key: posWebhookEvents.dedupeKey });
  if (rows.length === 0) return 'duplicate';
  // a process dying right here leaves the row unprocessed: the 15-minute sweep queues its drain (queueStaleDrains)
  await db.transaction((tx) => queueDrain(tx, provider, envelope.connectionKey));
  return 'stored';
}

/**
 * Makes sure the account's drain job will run after this delivery: queued when it is done or dead, queued again
 * when it is running (it may have read its last batch already). A job already waiting is left alone, so a burst
 * writes the job row once per run, not once per delivery.
 */
async function queueDrain(tx: Tx, provider: PosProvider, connectionKey: string | null): Promise<void> {
  const key = webhookJobKey(provider, connectionKey);
  // a plain read first: the upsert below locks the job row even when it changes nothing, which would make a burst
  // of deliveries wait for each other (a delivery that slips past a finishing run is caught by the sweep)
  const [waiting] = await tx
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(eq(jobs.key, key), eq(jobs.status, 'queued'), isNull(jobs.lockedUntil)));
  if (waiting) return;
  const now = new Date();
  await tx
    .insert(jobs)
    .values({ id: uuidv7(), kind: WEBHOOK_JOB, key, payload: { provider, connectionKey }, maxAttempts: 12, runAt: now })
    .onConflictDoUpdate({
      target: jobs.key,
      set: { status: 'queued', attempts: 0, runAt: now, lockedUntil: null, lastError: null, updatedAt: now },
      setWhere: sql`${jobs.status} <> 'queued' OR ${jobs.lockedUntil} IS NOT NULL`,
    });
}

/** Deliveries left unprocessed (one slipped past a finishing drain, or its job died): their drains run again. */
export async function queueStaleDrains(db: Db, olderThan: Date): Promise<number> {
  const stale = await db
    .selectDistinct({ provider: posWebhookEvents.provider, connectionKey: posWebhookEvents.connectionKey })
    .from(posWebhookEvents)
    .where(and(isNull(posWebhookEvents.processedAt), lt(posWebhookEvents.receivedAt, olderThan)));
  for (const s of stale) await db.transaction((tx) => queueDrain(tx, s.provider, s.connectionKey));
  return stale.length;
}

/** A burst of catalog webhooks collapses into one incremental run a couple of seconds later. */
export async function queueCatalogSync(db: Db, connectionId: string, now: Date, delayMs = 2_000): Promise<void> {
  await requeue(db, CATALOG_JOB, catalogJobKey(connectionId), { connectionId }, { runAt: new Date(now.getTime() + delayMs), maxAttempts: 6 });
}

const BATCH = 500;

type Conn = typeof posConnections.$inferSelect;

/** What one non-stock event means for one connection (stock is applied per batch). */
async function actOn(db: Db, c: Conn, event: InboundEvent, dedupeKey: string, now: Date): Promise<string> {
  if (event.kind === 'catalog.dirty') {
    await queueCatalogSync(db, c.id, now);
    return 'catalog sync queued';
  }
  if (event.kind === 'order.changed') {
    await enqueue(db, ORDER_STATUS_JOB, `pos.order-status:${c.id}:${event.extOrderId}:${dedupeKey}`, { connectionId: c.id, extOrderId: event.extOrderId });
    return 'order check queued';
  }
  if (event.kind === 'connection.revoked') {
    await markRevoked(db, c, `The shop removed Makeries’ access in ${PROVIDER_NAMES[c.provider]}. Connect again to resume.`);
    return 'connection revoked';
  }
  return event.kind === 'ignored' ? `ignored: ${event.reason}` : 'stock';
}

/**
 * The `pos.webhook` drain job of one POS account: takes its unprocessed deliveries in arrival order, 500 at a time
 * (rows locked SKIP LOCKED, so two instances draining at once take different ones), applies every stock count of a
 * batch under the stock rule in one go (the monotonic guard makes order and repeats harmless) and acts on the rest.
 */
export async function drainPosWebhooks(db: Db, env: Env, provider: PosProvider, connectionKey: string | null, now: Date): Promise<number> {
  const connector = connectorFor(env, provider);
  let total = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      const batch = await tx
        .select({ dedupeKey: posWebhookEvents.dedupeKey, body: posWebhookEvents.body, headers: posWebhookEvents.headers })
        .from(posWebhookEvents)
        .where(and(eq(posWebhookEvents.provider, provider), connectionKey === null ? isNull(posWebhookEvents.connectionKey) : eq(posWebhookEvents.connectionKey, connectionKey), isNull(posWebhookEvents.processedAt)))
        .orderBy(asc(posWebhookEvents.receivedAt), asc(posWebhookEvents.dedupeKey))
        .limit(BATCH)
        .for('update', { skipLocked: true });
      if (batch.length === 0) return 0;
      const conns = connectionKey === null ? [] : await tx.select().from(posConnections).where(and(eq(posConnections.provider, provider), eq(posConnections.connectionKey, connectionKey)));
      const live = conns.filter((c) => c.status !== 'revoked');
      const outcomes = new Map<string, string>();
      const stock: StockObservation[] = [];
      for (const row of batch) {
        let event: InboundEvent;
        try {
          event = connector.parseWebhook(row.body, row.headers).event;
        } catch {
          outcomes.set(row.dedupeKey, 'ignored: unreadable');
          continue;
        }
        if (conns.length === 0) outcomes.set(row.dedupeKey, 'ignored: no shop is connected to that account');
        else if (event.kind === 'stock') {
          stock.push(...event.obs);
          outcomes.set(row.dedupeKey, `${String(event.obs.length)} counts`);
        } else {
          const parts: string[] = [];
          for (const c of live) parts.push(await actOn(tx, c, event, row.dedupeKey, now));
          outcomes.set(row.dedupeKey, parts.join('; ') || 'connection revoked earlier');
        }
      }
      for (const c of live) {
        if (stock.length > 0 && c.status === 'connected') await applyObservations(tx, { connectionId: c.id, vendorId: c.vendorId, locationExtId: c.locationExtId }, stock);
      }
      const values = sql.join(
        batch.map((r) => sql`(${r.dedupeKey}, ${(outcomes.get(r.dedupeKey) ?? 'done').slice(0, 500)})`),
        sql`, `,
      );
      await tx.execute(sql`
        UPDATE pos_webhook_events e SET processed_at = ${now.toISOString()}::timestamptz, outcome = v.outcome
        FROM (VALUES ${values}) AS v(key, outcome)
        WHERE e.provider = ${provider} AND e.dedupe_key = v.key`);
      return batch.length;
    });
    total += n;
    if (n < BATCH) return total;
  }
}
