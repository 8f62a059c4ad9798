import { uuidv7, type NotifyTopic } from '@makeries/shared';
import type { DbOrTx } from '../../db/client';
import { notifications } from '../../db/schema/index';
import { enqueue } from '../../jobs/queue';

export const NOTIFY_JOB = 'notify.deliver';
/** notifications per delivery job: a 10,000-subscriber restock is 50 jobs, each sending its batch concurrently */
const NOTIFY_BATCH = 200;
export const MAX_DELIVERY_ATTEMPTS = 8;

export interface NotifyRequest {
  topic: NotifyTopic;
  /** what makes this notification unique, e.g. `order:<id>:ready`, `message:<id>`, `restock:<subscription id>:<n>` */
  dedupeKey: string;
  /** a signed-in customer: their devices, number and address, under their choices */
  customerId?: string | null;
  /** an order: also reaches the device and number of a guest who ordered (and gives the link its token) */
  orderId?: string | null;
  vendorId?: string | null;
  title: string;
  body: string;
  /** a storefront path, e.g. `/orders/<id>` or `/p/<slug>`; the channel makes it absolute */
  url: string;
}

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/**
 * Queues notifications in the caller's transaction (they exist exactly when the change that causes them commits)
 * and their delivery jobs, one per batch of NOTIFY_BATCH. A request whose dedupeKey was already used is a no-op,
 * so a retried request or a replayed push never tells anyone twice. Returns how many were new.
 */
export async function notifyMany(db: DbOrTx, requests: readonly NotifyRequest[]): Promise<number> {
  let created = 0;
  for (let i = 0; i < requests.length; i += NOTIFY_BATCH) {
    const rows = requests.slice(i, i + NOTIFY_BATCH).map((r) => ({
      id: uuidv7(),
      dedupeKey: r.dedupeKey,
      topic: r.topic,
      customerId: r.customerId ?? null,
      orderId: r.orderId ?? null,
      vendorId: r.vendorId ?? null,
      title: clip(r.title, 120),
      body: clip(r.body, 500),
      url: r.url,
    }));
    const inserted = await db.insert(notifications).values(rows).onConflictDoNothing({ target: notifications.dedupeKey }).returning({ id: notifications.id });
    if (inserted.length === 0) continue;
    const ids = inserted.map((r) => r.id);
    await enqueue(db, NOTIFY_JOB, `${NOTIFY_JOB}:${ids[0] ?? ''}`, { ids }, { maxAttempts: MAX_DELIVERY_ATTEMPTS });
    created += inserted.length;
  }
  return created;
}

/** One notification (see notifyMany). Returns whether it was new. */
export async function notify(db: DbOrTx, request: NotifyRequest): Promise<boolean> {
  return (await notifyMany(db, [request])) === 1;
}
