import { uuidv7 } from '@makeries/shared';
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { customers, emailOutbox, orders } from '../../db/schema/index';
import type { Env } from '../../env';
import { isPlainAddress } from '../email/message';
import { queueEmailBatchJob } from '../email/sender';
import type { Channel, DeliveryOutcome, OutgoingNotification } from './channel';

interface Address {
  to: string;
  name: string;
}

/**
 * Where each email goes: a signed-in customer's verified address, else the contact address the order was placed
 * with. Two queries for a whole batch.
 */
async function addressesFor(db: Db, ns: readonly OutgoingNotification[]): Promise<Map<string, Address>> {
  const customerIds = [...new Set(ns.flatMap((n) => (n.customerId ? [n.customerId] : [])))];
  const orderIds = [...new Set(ns.flatMap((n) => (n.orderId ? [n.orderId] : [])))];
  const byCustomer = new Map<string, Address>();
  if (customerIds.length > 0) {
    const rows = await db
      .select({ id: customers.id, to: customers.email, name: customers.name })
      .from(customers)
      .where(and(inArray(customers.id, customerIds), isNotNull(customers.emailVerifiedAt)));
    for (const r of rows) if (isPlainAddress(r.to)) byCustomer.set(r.id, { to: r.to, name: r.name });
  }
  const byOrder = new Map<string, Address>();
  if (orderIds.length > 0) {
    const rows = await db.select({ id: orders.id, contact: orders.contact }).from(orders).where(inArray(orders.id, orderIds));
    for (const r of rows) if (r.contact?.email && isPlainAddress(r.contact.email)) byOrder.set(r.id, { to: r.contact.email, name: r.contact.name });
  }
  const out = new Map<string, Address>();
  for (const n of ns) {
    const a = (n.customerId ? byCustomer.get(n.customerId) : undefined) ?? (n.orderId ? byOrder.get(n.orderId) : undefined);
    if (a) out.set(n.id, a);
  }
  return out;
}

function notificationEmailBody(env: Env, n: OutgoingNotification, name: string): string {
  const base = env.PUBLIC_URL.replace(/\/+$/, '');
  return [`Hello ${name},`, '', n.body, '', n.link, '', '—', `Choose what we tell you and how: ${base}/account#notifications`].join('\n');
}

const QUEUED: DeliveryOutcome = { status: 'sent', detail: 'queued to the email outbox' };

/**
 * The email channel: through the existing outbox and its `email.send` jobs, so an email notification is sent,
 * retried and recorded like every other email. A batch is a few statements (addresses, what is already queued,
 * one insert of the rows and one batch job to send them); idempotent per notification (the outbox row's ref is its id).
 */
export function createEmailChannel(db: Db, env: Env): Channel {
  async function deliverMany(ns: readonly OutgoingNotification[]): Promise<DeliveryOutcome[]> {
    const addresses = await addressesFor(db, ns);
    const reachable = ns.filter((n) => addresses.has(n.id));
    if (reachable.length === 0) return ns.map(() => ({ status: 'unreachable' }));
    const already = new Set(
      (
        await db
          .select({ ref: emailOutbox.ref })
          .from(emailOutbox)
          .where(and(eq(emailOutbox.kind, 'notification'), inArray(emailOutbox.ref, reachable.map((n) => n.id))))
      ).map((r) => r.ref),
    );
    const fresh = reachable.filter((n) => !already.has(n.id));
    if (fresh.length > 0) {
      await db.transaction(async (tx) => {
        const rows = fresh.map((n) => {
          const a = addresses.get(n.id) ?? { to: '', name: '' };
          return { id: uuidv7(), orderId: n.orderId, kind: 'notification' as const, ref: n.id, to: a.to, subject: n.title, body: notificationEmailBody(env, n, a.name) };
        });
        await tx.insert(emailOutbox).values(rows);
        await queueEmailBatchJob(
          tx,
          rows.map((r) => r.id),
        );
      });
    }
    return ns.map((n) => (addresses.has(n.id) ? QUEUED : { status: 'unreachable' }));
  }
  return {
    name: 'email',
    deliverMany,
    async deliver(n) {
      const [outcome] = await deliverMany([n]);
      return outcome ?? { status: 'unreachable' };
    },
  };
}
