import { AppError, formatMoney, refundAmount, type AdminOrderRefundInput, type AdminRefundResult } from '@makeries/shared';
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { orderLines, orders, paymentRefunds, paymentTransfers, type RefundedLine } from '../../db/schema/index';
import type { Env } from '../../env';
import { recordAudit, type OperatorCtx } from '../operators/audit';
import { markOrderRefunded } from '../payments/order-refunds';
import { refundPaymentRow } from '../payments/refunds';
import type { PaymentRow } from '../payments/payment-rows';
import { requireStripe } from '../payments/stripe-client';
import { orderCardPayment } from './card-payment';
import { queueRefundEmails } from './emails';

/** Per line: what operators' refunds (other than `exceptId`) already gave back. */
export async function refundedByLine(db: DbOrTx, orderId: string, exceptId?: string): Promise<Map<string, { quantity: number; cents: number }>> {
  const rows = await db
    .select({ lines: paymentRefunds.lines })
    .from(paymentRefunds)
    .where(and(eq(paymentRefunds.orderId, orderId), ne(paymentRefunds.status, 'failed'), exceptId ? ne(paymentRefunds.id, exceptId) : undefined));
  const out = new Map<string, { quantity: number; cents: number }>();
  for (const r of rows) {
    for (const l of r.lines ?? []) {
      const had = out.get(l.lineId) ?? { quantity: 0, cents: 0 };
      out.set(l.lineId, { quantity: had.quantity + l.quantity, cents: had.cents + l.cents });
    }
  }
  return out;
}

/** Lines → money: each line's share, never more units than are left of it (see refundAmount). */
async function priceLines(db: DbOrTx, orderId: string, wanted: { lineId: string; quantity: number }[], exceptId?: string): Promise<RefundedLine[]> {
  if (new Set(wanted.map((w) => w.lineId)).size !== wanted.length) throw new AppError('BAD_INPUT', 'Each line can be listed once.');
  const lines = await db.select().from(orderLines).where(eq(orderLines.orderId, orderId)).orderBy(asc(orderLines.lineNo));
  const done = await refundedByLine(db, orderId, exceptId);
  return wanted.map((w) => {
    const line = lines.find((l) => l.id === w.lineId);
    if (!line) throw new AppError('BAD_INPUT', 'One of the lines is not on this order.');
    const had = done.get(line.id) ?? { quantity: 0, cents: 0 };
    const left = line.quantity - had.quantity;
    if (w.quantity > left) {
      throw new AppError('BAD_INPUT', `Only ${Math.max(0, left)} of "${line.name}" ${left === 1 ? 'is' : 'are'} left to refund.`, {
        details: { lineId: line.id, refundableQuantity: Math.max(0, left) },
      });
    }
    const cents = refundAmount({ quantity: line.quantity, refundedQuantity: had.quantity, totalCents: line.totalCents, refundedCents: had.cents }, w.quantity);
    return { lineId: line.id, quantity: w.quantity, cents };
  });
}

/**
 * The marketplace gives a customer money back (issue 17) through the one card-refund path (payments/refunds.ts):
 * the refund row is claimed under the payment's lock with the operator's audit entry in the same transaction,
 * Stripe refunds with `refund-<id>` as idempotency key, and a web order's transfer to the shop is reversed by the
 * same share (`reversal-<id>`); a counter's destination charge reverses the shop's part with the refund. The refund
 * id comes from the dialog's idempotency key, so a double click refunds once. The customer and the shop are
 * emailed once it went through.
 */
export async function operatorRefund(db: Db, env: Env, who: OperatorCtx, input: AdminOrderRefundInput): Promise<AdminRefundResult> {
  requireStripe(env);
  const [order] = await db.select().from(orders).where(eq(orders.id, input.orderId));
  if (!order) throw new AppError('NOT_FOUND', 'There is no such order.');
  const payment = await orderCardPayment(db, order);
  if (!payment || payment.status !== 'succeeded') {
    throw new AppError('CONFLICT', `Order ${order.number} was not paid by card, so there is no card payment to give back.`);
  }
  const refundId = `op-${order.id}-${input.idempotencyKey}`;
  const [earlier] = await db.select().from(paymentRefunds).where(eq(paymentRefunds.id, refundId));
  const lines = earlier ? earlier.lines : input.lines ? await priceLines(db, order.id, input.lines) : null;
  const amountCents = earlier ? earlier.amountCents : (input.amountCents ?? (lines ?? []).reduce((s, l) => s + l.cents, 0));
  if (amountCents <= 0) throw new AppError('BAD_INPUT', 'Nothing is left to refund on those lines.');
  if (!earlier) {
    const left = await refundableCents(db, order, payment);
    if (amountCents > left) {
      const money = (c: number) => formatMoney(c, order.currency, env.MARKET_LOCALE);
      throw new AppError('BAD_INPUT', `Only ${money(left)} of order ${order.number} is left to refund; ${money(amountCents)} is more than that.`, {
        details: { refundableCents: left },
      });
    }
  }
  const [transfer] = await db.select().from(paymentTransfers).where(eq(paymentTransfers.orderId, order.id));
  const fromShop = payment.kind === 'terminal' || transfer?.status === 'paid';
  const { row, created } = await refundPaymentRow(db, env, {
    refundId,
    payment,
    vendorId: order.vendorId,
    amountCents,
    orderId: order.id,
    orderCapCents: order.totalCents,
    operator: { operatorId: who.operatorId, reason: input.reason, lines },
    onClaim: async (tx, claimed) => {
      if (input.lines) await priceLines(tx, order.id, input.lines, claimed.id); // the lines are still there under the lock
      const [before] = await tx
        .select({ cents: sql<number>`coalesce(sum(${paymentRefunds.amountCents}), 0)::int` })
        .from(paymentRefunds)
        .where(and(eq(paymentRefunds.orderId, order.id), ne(paymentRefunds.status, 'failed'), ne(paymentRefunds.id, claimed.id)));
      await recordAudit(tx, who, {
        action: 'order.refund',
        targetType: 'order',
        targetId: order.id,
        before: { paymentStatus: order.paymentStatus, refundedCents: before?.cents ?? 0 },
        after: { refundId: claimed.id, amountCents: amountCents, refundedCents: (before?.cents ?? 0) + amountCents, lines, from: fromShop ? 'shop' : 'platform' },
        reason: input.reason,
      });
    },
  });
  if (row.status === 'succeeded') {
    await markOrderRefunded(db, order.id, order.totalCents);
    await db.transaction((tx) => queueRefundEmails(tx, env, order.id, { refundId: row.id, amountCents: row.amountCents, reversedCents: row.reversedCents, reason: row.reason ?? input.reason }));
  }
  return { refundId: row.id, status: row.status, amountCents: row.amountCents, reversedCents: row.reversedCents, created };
}

/** What is left to give back by card: the order's total less its refunds, and never more than its payment has left. */
export async function refundableCents(
  db: DbOrTx,
  order: Pick<typeof orders.$inferSelect, 'id' | 'totalCents'>,
  payment: Pick<PaymentRow, 'status' | 'amountCents' | 'refundedCents'> | undefined,
): Promise<number> {
  if (!payment || payment.status !== 'succeeded') return 0;
  const [done] = await db
    .select({ cents: sql<number>`coalesce(sum(${paymentRefunds.amountCents}), 0)::int` })
    .from(paymentRefunds)
    .where(and(eq(paymentRefunds.orderId, order.id), ne(paymentRefunds.status, 'failed')));
  return Math.max(0, Math.min(order.totalCents - (done?.cents ?? 0), payment.amountCents - payment.refundedCents));
}
