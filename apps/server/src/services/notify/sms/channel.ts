import { and, count, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { customerSms, orderSms, smsMessages, smsNumbers } from '../../../db/schema/index';
import type { Channel, DeliveryOutcome, OutgoingNotification } from '../channel';
import { optOutNumber } from './consent';
import { SmsSendError, type SmsProvider } from './provider';
import { smsText } from './text';

const HOUR_MS = 60 * 60 * 1000;

export interface SmsChannelOptions {
  /** texts per number per rolling hour */
  hourlyLimit: number;
  now?: () => Date;
}

/** The opted-in numbers a notification reaches: the signed-in customer's (if on) and the one its order was given. */
async function numbersFor(db: Db, n: OutgoingNotification): Promise<string[]> {
  const found: string[] = [];
  if (n.customerId) {
    const rows = await db.select({ phone: customerSms.phone }).from(customerSms).where(and(eq(customerSms.customerId, n.customerId), eq(customerSms.enabled, true)));
    found.push(...rows.map((r) => r.phone));
  }
  if (n.orderId) {
    const rows = await db.select({ phone: orderSms.phone }).from(orderSms).where(eq(orderSms.orderId, n.orderId));
    found.push(...rows.map((r) => r.phone));
  }
  return [...new Set(found)];
}

type Claim = { kind: 'already'; id: string } | { kind: 'opted_out' } | { kind: 'rate_limited' } | { kind: 'go' };

/**
 * Decides, under a lock on the number (so parallel deliveries cannot all slip under the limit), whether this
 * notification may be texted to it now, and if so reserves the send: the reservation counts against the hour.
 */
async function claimSend(db: Db, notificationId: string, phone: string, now: Date, limit: number): Promise<Claim> {
  return db.transaction(async (tx) => {
    await tx.insert(smsNumbers).values({ phone }).onConflictDoNothing();
    const [number] = await tx.select().from(smsNumbers).where(eq(smsNumbers.phone, phone)).for('update');
    const [had] = await tx.select().from(smsMessages).where(and(eq(smsMessages.notificationId, notificationId), eq(smsMessages.phone, phone)));
    if (had?.providerId) return { kind: 'already', id: had.providerId };
    if (number?.optedOutAt) return { kind: 'opted_out' };
    if (had) return { kind: 'go' }; // reserved by an attempt that did not finish: send now
    const [recent] = await tx
      .select({ n: count() })
      .from(smsMessages)
      .where(and(eq(smsMessages.phone, phone), gt(smsMessages.createdAt, new Date(now.getTime() - HOUR_MS))));
    if ((recent?.n ?? 0) >= limit) return { kind: 'rate_limited' };
    await tx.insert(smsMessages).values({ notificationId, phone, createdAt: now });
    return { kind: 'go' };
  });
}

type One = { status: 'sent'; id: string } | { status: 'skipped' | 'failed'; detail: string } | { status: 'retry'; error: Error };

async function textOne(db: Db, provider: SmsProvider, n: OutgoingNotification, phone: string, body: string, opts: SmsChannelOptions): Promise<One> {
  const now = opts.now?.() ?? new Date();
  const claim = await claimSend(db, n.id, phone, now, opts.hourlyLimit);
  if (claim.kind === 'already') return { status: 'sent', id: claim.id };
  if (claim.kind === 'opted_out') return { status: 'skipped', detail: 'opted out' };
  if (claim.kind === 'rate_limited') return { status: 'skipped', detail: 'rate limited' };
  const mine = and(eq(smsMessages.notificationId, n.id), eq(smsMessages.phone, phone));
  try {
    const { id } = await provider.send({ to: phone, body });
    await db.update(smsMessages).set({ providerId: id }).where(mine);
    return { status: 'sent', id };
  } catch (err) {
    // not sent: the reservation is handed back (it must not count against the number's hour)
    await db.delete(smsMessages).where(and(mine, isNull(smsMessages.providerId)));
    if (!(err instanceof SmsSendError)) return { status: 'retry', error: err instanceof Error ? err : new Error(String(err)) };
    if (err.transient) return { status: 'retry', error: err };
    if (err.kind === 'opted_out') {
      await optOutNumber(db, phone, 'provider', now);
      return { status: 'skipped', detail: 'opted out' };
    }
    return { status: 'failed', detail: `${err.kind.replace('_', ' ')}: ${err.message}` };
  }
}

/**
 * The SMS channel (issue 18): texts "title. body link" (at most two parts, see text.ts) to every opted-in number
 * the notification reaches, except numbers that said STOP ("opted out") or already had their texts this hour
 * ("rate limited"). Records the provider's message ids. A transient provider failure is retried by the delivery
 * job; numbers already texted for this notification are not texted again.
 */
export function createSmsChannel(db: Db, provider: SmsProvider, opts: SmsChannelOptions): Channel {
  return {
    name: 'sms',
    async deliver(n): Promise<DeliveryOutcome> {
      const numbers = await numbersFor(db, n);
      if (numbers.length === 0) return { status: 'unreachable' };
      const body = smsText(n);
      const results: One[] = [];
      for (const phone of numbers) results.push(await textOne(db, provider, n, phone, body, opts));
      const retry = results.find((r): r is Extract<One, { status: 'retry' }> => r.status === 'retry');
      if (retry) throw retry.error;
      const sent = results.flatMap((r) => (r.status === 'sent' ? [r.id] : []));
      if (sent.length > 0) return { status: 'sent', detail: sent.join(' ') };
      const failed = results.flatMap((r) => (r.status === 'failed' ? [r.detail] : []));
      if (failed.length > 0) return { status: 'failed', detail: failed.join('; ') };
      const skipped = [...new Set(results.flatMap((r) => (r.status === 'skipped' ? [r.detail] : [])))];
      return { status: 'skipped', detail: skipped.join('; ') };
    },
  };
}
