import { uuidv7 } from '@makeries/shared';
import { and, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { customers, emailOutbox, orders } from '../../db/schema/index';
import type { Env } from '../../env';
import { isPlainAddress } from '../email/message';
import { queueEmailJob } from '../email/sender';
import type { Channel, OutgoingNotification } from './channel';

/** Where an email goes: a signed-in customer's verified address, else the contact address the order was placed with. */
async function addressFor(db: Db, n: OutgoingNotification): Promise<{ to: string; name: string } | null> {
  if (n.customerId) {
    const [c] = await db
      .select({ to: customers.email, name: customers.name })
      .from(customers)
      .where(and(eq(customers.id, n.customerId), isNotNull(customers.emailVerifiedAt)));
    if (c && isPlainAddress(c.to)) return c;
  }
  if (n.orderId) {
    const [o] = await db.select({ contact: orders.contact }).from(orders).where(eq(orders.id, n.orderId));
    const contact = o?.contact;
    if (contact?.email && isPlainAddress(contact.email)) return { to: contact.email, name: contact.name };
  }
  return null;
}

export function notificationEmailBody(env: Env, n: OutgoingNotification, name: string): string {
  const base = env.PUBLIC_URL.replace(/\/+$/, '');
  return [
    `Hello ${name},`,
    '',
    n.body,
    '',
    n.link,
    '',
    '—',
    `Choose what we tell you and how: ${base}/account#notifications`,
  ].join('\n');
}

/**
 * The email channel: through the existing outbox and its `email.send` job, so an email notification is sent,
 * retried and recorded like every other email. Idempotent per notification (the outbox row's ref).
 */
export function createEmailChannel(db: Db, env: Env): Channel {
  return {
    name: 'email',
    async deliver(n) {
      const address = await addressFor(db, n);
      if (!address) return { status: 'unreachable' };
      const [already] = await db
        .select({ id: emailOutbox.id })
        .from(emailOutbox)
        .where(and(eq(emailOutbox.kind, 'notification'), eq(emailOutbox.ref, n.id)));
      if (already) return { status: 'sent', detail: 'queued to the email outbox' };
      await db.transaction(async (tx) => {
        const id = uuidv7();
        await tx.insert(emailOutbox).values({ id, orderId: n.orderId, kind: 'notification', ref: n.id, to: address.to, subject: n.title, body: notificationEmailBody(env, n, address.name) });
        await queueEmailJob(tx, id);
      });
      return { status: 'sent', detail: 'queued to the email outbox' };
    },
  };
}
