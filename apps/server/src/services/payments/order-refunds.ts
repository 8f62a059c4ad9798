import { AppError, type TerminalRefundResult } from '@makeries/shared';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { orders, paymentRefunds, payments } from '../../db/schema/index';
import type { Env } from '../../env';
import { loyaltyAfterWebRefund } from '../loyalty/order-hooks';
import { refundPayment } from './refunds';

async function cardOrder(db: Db, orderId: string, vendorId?: string) {
  const [found] = await db
    .select({ order: orders, payment: payments })
    .from(orders)
    .innerJoin(payments, and(eq(payments.checkoutId, orders.checkoutId), eq(payments.kind, 'checkout')))
    .where(vendorId ? and(eq(orders.id, orderId), eq(orders.vendorId, vendorId)) : eq(orders.id, orderId))
    .limit(1);
  return found;
}

/** After a card refund: the order reads refunded once the whole total went back, partially refunded before. */
export async function markOrderRefunded(db: Db, orderId: string, totalCents: number): Promise<void> {
  const [sum] = await db
    .select({ cents: sql<number>`coalesce(sum(${paymentRefunds.amountCents}), 0)::int` })
    .from(paymentRefunds)
    .where(and(eq(paymentRefunds.orderId, orderId), eq(paymentRefunds.status, 'succeeded')));
  const refunded = sum?.cents ?? 0;
  if (refunded <= 0) return;
  await db
    .update(orders)
    .set({ paymentStatus: refunded >= totalCents ? 'refunded' : 'partially_refunded', updatedAt: new Date() })
    .where(and(eq(orders.id, orderId), inArray(orders.paymentStatus, ['paid', 'partially_refunded'])));
}

/**
 * A rejected or cancelled card order gets exactly its own share back — what is left of its total after any
 * earlier partial refunds — never the other shops' parts of the same checkout.
 */
export async function refundClosedOrder(db: Db, env: Env, orderId: string): Promise<void> {
  const found = await cardOrder(db, orderId);
  if (!found || found.payment.status !== 'succeeded') return;
  const { order, payment } = found;
  if (order.status !== 'rejected' && order.status !== 'cancelled') return;
  const refundId = `order-${orderId}-closed`;
  const [earlier] = await db
    .select({ cents: sql<number>`coalesce(sum(${paymentRefunds.amountCents}), 0)::int` })
    .from(paymentRefunds)
    .where(and(eq(paymentRefunds.orderId, orderId), sql`${paymentRefunds.id} <> ${refundId}`));
  const amount = order.totalCents - (earlier?.cents ?? 0);
  if (amount > 0) await refundPayment(db, env, { refundId, payment, vendorId: order.vendorId, amountCents: amount, orderId });
  await markOrderRefunded(db, orderId, order.totalCents);
}

/** A back-office refund of part of a paid web order: the card gets it back and the shop's transfer is reversed pro rata. */
export async function refundWebOrder(
  db: Db,
  env: Env,
  vendorId: string,
  input: { orderId: string; amountCents: number; refundId: string },
): Promise<TerminalRefundResult> {
  const found = await cardOrder(db, input.orderId, vendorId);
  if (!found) throw new AppError('NOT_FOUND', 'This order was not paid by card online, so there is no card payment to refund.');
  const { order, payment } = found;
  const [earlier] = await db
    .select({ cents: sql<number>`coalesce(sum(${paymentRefunds.amountCents}), 0)::int` })
    .from(paymentRefunds)
    .where(and(eq(paymentRefunds.orderId, order.id), sql`${paymentRefunds.id} <> ${input.refundId}`));
  const left = order.totalCents - (earlier?.cents ?? 0);
  if (input.amountCents > left) {
    throw new AppError('BAD_INPUT', `Only ${left} (minor units) of this order is left to refund.`, { details: { refundableCents: left } });
  }
  const result = await refundPayment(db, env, { refundId: input.refundId, payment, vendorId, amountCents: input.amountCents, orderId: order.id });
  await markOrderRefunded(db, order.id, order.totalCents);
  await loyaltyAfterWebRefund(db, order.id, input.refundId);
  return result;
}
