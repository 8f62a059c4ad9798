import { AppError, type OrderStatus, type SaleCompleteArgs } from '@makeries/shared';
import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { orders, paymentRefunds, refunds } from '../../db/schema/index';
import { earnForOrder, redeemForOrder, reverseForRefunds, reverseOrder } from './order-entries';

/**
 * The few lines the order flows call (issue 18). A web order earns when the shop accepts it (the shop has
 * committed to it; a card order is paid by then, a pay-at-pickup one is the shop's call) — any later status
 * too, the natural key keeping it once — and a cancelled or rejected one takes the earning back and gives the
 * redemption back. A counter sale earns and redeems when it syncs.
 */
const EARNING_STATUSES: ReadonlySet<OrderStatus> = new Set(['accepted', 'preparing', 'ready', 'out_for_delivery', 'completed']);

interface WebOrderRow {
  id: string;
  vendorId: string;
  customerId: string | null;
  channel: string;
  totalCents: number;
  deliveryFeeCents: number;
}

export async function loyaltyOnTransition(tx: Tx, order: WebOrderRow, to: OrderStatus): Promise<void> {
  if (order.channel !== 'web' || !order.customerId) return;
  if (to === 'cancelled' || to === 'rejected') await reverseOrder(tx, order);
  else if (EARNING_STATUSES.has(to)) await earnForOrder(tx, order, order.totalCents - order.deliveryFeeCents);
}

/** Synced counter sales with a customer: the redemption made at the till, then the earning (the ledger's truth). */
export async function loyaltyForSales(tx: Tx, vendorId: string, sales: readonly SaleCompleteArgs[]): Promise<void> {
  for (const a of sales) {
    if (!a.customerId) {
      if (a.loyalty) throw new AppError('BAD_INPUT', 'A loyalty redemption needs the customer attached to the sale.');
      continue;
    }
    const order = { id: a.id, vendorId, customerId: a.customerId };
    if (a.loyalty) {
      if (a.loyalty.cents > a.discountCents) throw new AppError('BAD_INPUT', 'The loyalty discount is larger than the sale’s discounts.');
      await redeemForOrder(tx, order, { ...a.loyalty, mayOverdraw: true });
    }
    await earnForOrder(tx, order, a.totalCents - a.roundingCents);
  }
}

/** After a counter refund: the earning of what all refunds of the sale gave back comes off. */
export async function loyaltyAfterCounterRefund(tx: Tx, order: { id: string; vendorId: string; customerId: string | null; totalCents: number }, refundId: string): Promise<void> {
  if (!order.customerId) return;
  const [row] = await tx.select({ cents: sql<number>`coalesce(sum(${refunds.totalCents}), 0)::int` }).from(refunds).where(eq(refunds.orderId, order.id));
  await reverseForRefunds(tx, order, refundId, order.totalCents, row?.cents ?? 0);
}

/** After a card refund of part of a web order (back office): the same, counting the refunds that went through. */
export async function loyaltyAfterWebRefund(db: Db, orderId: string, refundId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [order] = await tx.select().from(orders).where(eq(orders.id, orderId));
    if (!order?.customerId) return;
    const [row] = await tx
      .select({ cents: sql<number>`coalesce(sum(${paymentRefunds.amountCents}), 0)::int` })
      .from(paymentRefunds)
      .where(and(eq(paymentRefunds.orderId, orderId), eq(paymentRefunds.status, 'succeeded')));
    await reverseForRefunds(tx, order, refundId, order.totalCents, row?.cents ?? 0);
  });
}
