import { uuidv7 } from '@makeries/shared';
import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { emailOutbox } from '../../db/schema/index';
import type { ComposedEmail } from './compose';
import { queueEmailJob } from './sender';

/**
 * Queues a sale's receipt email in the caller's transaction. The outbox keeps one row per (order, kind): asking
 * again with a corrected address re-queues that row with the new address (and a fresh attempt count); asking
 * again for the same address changes nothing unless the earlier send gave up, so a replayed request never
 * mails the customer twice.
 */
export async function enqueueReceiptEmail(tx: Tx, orderId: string, email: ComposedEmail): Promise<void> {
  const rows = await tx
    .insert(emailOutbox)
    .values({ id: uuidv7(), orderId, kind: 'receipt', to: email.to, subject: email.subject, body: email.body })
    .onConflictDoUpdate({
      target: [emailOutbox.orderId, emailOutbox.kind, emailOutbox.ref],
      set: {
        to: email.to,
        subject: email.subject,
        body: email.body,
        status: 'queued',
        attempts: 0,
        nextAttemptAt: sql`now()`,
        lastError: null,
        sentAt: null,
      },
      setWhere: sql`${emailOutbox.to} <> excluded.to OR ${emailOutbox.status} = 'failed'`,
    })
    .returning({ id: emailOutbox.id });
  // inserted or re-queued: its send job starts (over) in the same transaction
  for (const row of rows) await queueEmailJob(tx, row.id, { again: true });
}
