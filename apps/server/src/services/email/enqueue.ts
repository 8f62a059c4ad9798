import { uuidv7, type OrderStatus } from '@makeries/shared';
import type { Tx } from '../../db/client';
import { emailOutbox, type OrderEmailKind } from '../../db/schema/index';
import type { Env } from '../../env';
import { composeOrderEmail } from './compose';
import { queueEmailJob } from './sender';

/**
 * Queues an order email (outbox row + its `email.send` job) inside the caller's transaction: it exists exactly when
 * the change that caused it commits.
 * UNIQUE (order_id, kind) makes a repeat a no-op, so a retried request never queues a second copy.
 */
export async function enqueueOrderEmail(tx: Tx, env: Env, orderId: string, kind: OrderEmailKind): Promise<boolean> {
  const email = await composeOrderEmail(tx, env, orderId, kind);
  if (!email) return false;
  const rows = await tx
    .insert(emailOutbox)
    .values({ id: uuidv7(), orderId, kind, to: email.to, subject: email.subject, body: email.body })
    .onConflictDoNothing({ target: [emailOutbox.orderId, emailOutbox.kind, emailOutbox.ref] })
    .returning({ id: emailOutbox.id });
  for (const row of rows) await queueEmailJob(tx, row.id);
  return rows.length > 0;
}

/** Which email a status change sends: ready (pickup) or out for delivery, cancelled, rejected; others send none. */
export function emailKindFor(to: OrderStatus, fulfilment: string): OrderEmailKind | null {
  if (to === 'ready') return fulfilment === 'delivery' ? null : 'ready';
  if (to === 'out_for_delivery') return 'ready';
  if (to === 'cancelled' || to === 'rejected') return to;
  return null;
}
