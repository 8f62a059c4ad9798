import { evidenceDueLabel, formatMoney, uuidv7 } from '@makeries/shared';
import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { emailOutbox, orders, vendors, type EmailKind } from '../../db/schema/index';
import type { Env } from '../../env';
import { isPlainAddress } from '../email/message';
import { queueEmailJob } from '../email/sender';

/**
 * The emails of issue 17's orders area, queued in the caller's transaction like every order email: the customer's
 * refund email, and the shop told of a refund the marketplace made or of a dispute. One outbox row per
 * (order, kind, ref) — ref is the refund's or the dispute's id — so a retried change never mails twice.
 */

async function queue(tx: Tx, orderId: string, kind: EmailKind, ref: string, to: string, subject: string, body: string): Promise<boolean> {
  if (!isPlainAddress(to)) return false;
  const rows = await tx
    .insert(emailOutbox)
    .values({ id: uuidv7(), orderId, kind, ref, to, subject, body })
    .onConflictDoNothing({ target: [emailOutbox.orderId, emailOutbox.kind, emailOutbox.ref] })
    .returning({ id: emailOutbox.id });
  for (const row of rows) await queueEmailJob(tx, row.id);
  return rows.length > 0;
}

async function orderAndShop(tx: Tx, orderId: string) {
  const [row] = await tx
    .select({ order: orders, shop: vendors.name, shopEmail: vendors.email })
    .from(orders)
    .innerJoin(vendors, eq(vendors.id, orders.vendorId))
    .where(eq(orders.id, orderId));
  return row;
}

export interface RefundNotice {
  refundId: string;
  amountCents: number;
  reversedCents: number;
  reason: string;
}

/** The customer's refund email (web orders with an email) and the shop's notice of the marketplace's refund. */
export async function queueRefundEmails(tx: Tx, env: Env, orderId: string, refund: RefundNotice): Promise<void> {
  const row = await orderAndShop(tx, orderId);
  if (!row) return;
  const { order: o, shop } = row;
  const money = (c: number) => formatMoney(c, o.currency, env.MARKET_LOCALE);
  const contact = o.contact;
  if (contact?.email) {
    await queue(
      tx,
      o.id,
      'refund',
      refund.refundId,
      contact.email,
      `Refund of ${money(refund.amountCents)} for order ${o.number} from ${shop}`,
      [
        `Hello ${contact.name},`,
        '',
        `We have refunded ${money(refund.amountCents)} to the card you paid with for order ${o.number} from ${shop}.`,
        'Refunds usually show on your statement within 5 to 10 working days.',
        '',
        '— Makeries',
      ].join('\n'),
    );
  }
  const fromShop =
    refund.reversedCents > 0
      ? `${money(refund.reversedCents)} of it was taken back from the transfer we made to you for this order.`
      : 'Nothing was taken back from your payouts for it.';
  await queue(
    tx,
    o.id,
    'shop_refund',
    refund.refundId,
    row.shopEmail,
    `Makeries refunded ${money(refund.amountCents)} on order ${o.number}`,
    [
      `Hello ${shop},`,
      '',
      `The Makeries team refunded ${money(refund.amountCents)} to the customer of order ${o.number}.`,
      `Reason: ${refund.reason}`,
      fromShop,
      '',
      'Questions? Reply to this email.',
      '',
      '— Makeries',
    ].join('\n'),
  );
}

export interface DisputeNotice {
  disputeId: string;
  amountCents: number;
  currency: string;
  reason: string;
  evidenceDueBy: Date | null;
}

/** Tells the shop that a customer disputed the card payment of its order, and by when evidence is due. */
export async function queueDisputeEmail(tx: Tx, env: Env, orderId: string, d: DisputeNotice, now = new Date()): Promise<void> {
  const row = await orderAndShop(tx, orderId);
  if (!row) return;
  const { order: o, shop } = row;
  const due = d.evidenceDueBy ? evidenceDueLabel(d.evidenceDueBy, now, { timeZone: env.MARKET_TIMEZONE, locale: env.MARKET_LOCALE }) : null;
  await queue(
    tx,
    o.id,
    'shop_dispute',
    d.disputeId,
    row.shopEmail,
    `A customer disputed the payment for order ${o.number}`,
    [
      `Hello ${shop},`,
      '',
      `The customer of order ${o.number} disputed ${formatMoney(d.amountCents, d.currency.toUpperCase(), env.MARKET_LOCALE)} with their card issuer (reason: ${d.reason.replace(/_/g, ' ')}).`,
      ...(due ? [`${due}.`] : []),
      'Please reply with anything that shows the order was delivered or collected: messages, photos, a signature.',
      '',
      '— Makeries',
    ].join('\n'),
  );
}
