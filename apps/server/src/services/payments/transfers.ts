import { AppError } from '@makeries/shared';
import { and, eq } from 'drizzle-orm';
import Stripe from 'stripe';
import type { Db } from '../../db/client';
import { orders, payments, paymentTransfers } from '../../db/schema/index';
import type { Env } from '../../env';
import { callStripe, requireStripe } from './stripe-client';
import { transferShare } from '../promos/transfer-share';
import { vendorPayments } from './vendor-account';

const NOT_TRANSFERRED = ['placed', 'rejected', 'cancelled'];

/**
 * Sends one accepted vendor order's share of the checkout payment to the shop: the order total minus the
 * platform fee (per-vendor bps). The transfer row is written first and Stripe gets `transfer-<orderId>` as
 * idempotency key, so a retried job (timeout, crash) transfers exactly once.
 */
export async function transferOrderShare(db: Db, env: Env, orderId: string): Promise<void> {
  const [found] = await db
    .select({ order: orders, payment: payments })
    .from(orders)
    .innerJoin(payments, and(eq(payments.checkoutId, orders.checkoutId), eq(payments.kind, 'checkout')))
    .where(eq(orders.id, orderId))
    .limit(1);
  if (!found || found.payment.status !== 'succeeded' || NOT_TRANSFERRED.includes(found.order.status)) return;
  const { order, payment } = found;
  const vendor = await vendorPayments(db, env, order.vendorId);
  if (!vendor.stripeAccountId) throw new AppError('CONFLICT', `${vendor.name} has no Stripe account to receive its share yet.`);
  // a marketplace promo is paid by the platform: the shop gets its undiscounted share (services/promos)
  const share = transferShare(order, vendor.feeBps);
  await db
    .insert(paymentTransfers)
    .values({
      orderId,
      vendorId: order.vendorId,
      paymentId: payment.id,
      destination: vendor.stripeAccountId,
      amountCents: share.amountCents,
      feeCents: share.feeCents,
      currency: order.currency,
    })
    .onConflictDoNothing();
  const [row] = await db.select().from(paymentTransfers).where(eq(paymentTransfers.orderId, orderId));
  if (!row || row.status === 'paid' || row.amountCents <= 0) return;
  const stripe = requireStripe(env);
  const intentId = payment.stripePaymentIntentId ?? '';
  const intent = await callStripe(() => stripe.paymentIntents.retrieve(intentId));
  const charge = typeof intent.latest_charge === 'string' ? intent.latest_charge : intent.latest_charge?.id;
  const transfer = await callStripe(async () => {
    try {
      return await stripe.transfers.create(
        {
          amount: row.amountCents,
          currency: row.currency.toLowerCase(),
          destination: row.destination,
          transfer_group: payment.checkoutId ?? undefined,
          // tie the transfer to the charge so it can go before the funds settle
          // …unless the platform tops it up (a marketplace promo): then it comes from the platform's balance
          ...(charge && row.amountCents <= order.totalCents ? { source_transaction: charge } : {}),
          metadata: { orderId, vendorId: order.vendorId, feeCents: String(row.feeCents) },
        },
        { idempotencyKey: `transfer-${orderId}-${row.keyAttempt}` },
      );
    } catch (err) {
      // a refusal (e.g. balance too low) is final for that key; the next try needs a new one. Timeouts keep the key.
      if (err instanceof Stripe.errors.StripeInvalidRequestError) {
        await db.update(paymentTransfers).set({ keyAttempt: row.keyAttempt + 1, updatedAt: new Date() }).where(eq(paymentTransfers.orderId, orderId));
      }
      throw err;
    }
  });
  await db
    .update(paymentTransfers)
    .set({ stripeTransferId: transfer.id, status: 'paid', paidAt: new Date(), updatedAt: new Date() })
    .where(eq(paymentTransfers.orderId, orderId));
}
