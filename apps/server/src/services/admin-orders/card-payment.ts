import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { orders, payments } from '../../db/schema/index';
import type { PaymentRow } from '../payments/payment-rows';

type OrderRecord = typeof orders.$inferSelect;

/**
 * The card payment behind an order: a web order's checkout payment (shared by the checkout's shops), or a
 * counter sale's Terminal payment (its latest attempt; the sale id is the order id).
 */
export async function orderCardPayment(db: DbOrTx, order: Pick<OrderRecord, 'id' | 'checkoutId' | 'vendorId'>): Promise<PaymentRow | undefined> {
  if (order.checkoutId) {
    const [p] = await db
      .select()
      .from(payments)
      .where(and(eq(payments.checkoutId, order.checkoutId), eq(payments.kind, 'checkout')))
      .orderBy(desc(payments.createdAt))
      .limit(1);
    return p;
  }
  const [p] = await db
    .select()
    .from(payments)
    .where(and(eq(payments.kind, 'terminal'), eq(payments.vendorId, order.vendorId), eq(payments.saleId, order.id)))
    .orderBy(desc(payments.attempt))
    .limit(1);
  return p;
}

/** The orders a card payment paid for (every shop of a web checkout, or the one counter sale). */
export async function ordersOfPayment(db: DbOrTx, payment: Pick<PaymentRow, 'kind' | 'checkoutId' | 'saleId'>): Promise<OrderRecord[]> {
  if (payment.kind === 'checkout' && payment.checkoutId) return db.select().from(orders).where(eq(orders.checkoutId, payment.checkoutId));
  if (payment.saleId) return db.select().from(orders).where(eq(orders.id, payment.saleId));
  return [];
}
