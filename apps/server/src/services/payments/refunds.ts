import { AppError, roundHalfUp, type TerminalRefundResult } from '@makeries/shared';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { paymentRefunds, payments, paymentTransfers } from '../../db/schema/index';
import type { Env } from '../../env';
import type { PaymentRow } from './payment-rows';
import { callStripe, requireStripe } from './stripe-client';

export interface RefundRequest {
  /** our id for this refund: the idempotency key of the Stripe refund and of the transfer reversal */
  refundId: string;
  payment: PaymentRow;
  vendorId: string;
  amountCents: number;
  /** web orders: the vendor order whose share is refunded (its transfer, if made, is reversed pro rata) */
  orderId: string | null;
}

type RefundRow = typeof paymentRefunds.$inferSelect;

function view(row: RefundRow): TerminalRefundResult {
  return { refundId: row.id, status: row.status, amountCents: row.amountCents };
}

/** Records the refund (once per refund id) before asking Stripe, so a retry replays the same keys. */
async function claim(db: Db, req: RefundRequest): Promise<RefundRow> {
  return db.transaction(async (tx) => {
    const [locked] = await tx.select().from(payments).where(eq(payments.id, req.payment.id)).for('update');
    const [existing] = await tx.select().from(paymentRefunds).where(eq(paymentRefunds.id, req.refundId));
    if (existing) {
      if (existing.paymentId !== req.payment.id || existing.amountCents !== req.amountCents) {
        throw new AppError('CONFLICT', 'This refund id was already used for a different refund.');
      }
      return existing;
    }
    if (!locked || locked.status !== 'succeeded') throw new AppError('CONFLICT', 'Only a card payment that went through can be refunded.');
    const left = locked.amountCents - locked.refundedCents;
    if (req.amountCents > left) {
      throw new AppError('BAD_INPUT', `Only ${left} (minor units) of this card payment is left to refund.`, { details: { refundableCents: left } });
    }
    await tx
      .update(payments)
      .set({ refundedCents: sql`${payments.refundedCents} + ${req.amountCents}`, updatedAt: new Date() })
      .where(eq(payments.id, locked.id));
    const [row] = await tx
      .insert(paymentRefunds)
      .values({ id: req.refundId, paymentId: locked.id, vendorId: req.vendorId, orderId: req.orderId, amountCents: req.amountCents, currency: locked.currency })
      .returning();
    if (!row) throw new AppError('INTERNAL', 'The refund could not be recorded.');
    return row;
  });
}

/**
 * Gives card money back. Terminal payments are destination charges: Stripe reverses the shop's part and the
 * fee with the refund. Web payments are separate charges and transfers: the refund comes from the platform,
 * then the shop's transfer (if already sent) is reversed by the same share.
 */
export async function refundPayment(db: Db, env: Env, req: RefundRequest): Promise<TerminalRefundResult> {
  const row = await claim(db, req);
  if (row.status === 'succeeded') return view(row);
  const stripe = requireStripe(env);
  const intentId = req.payment.stripePaymentIntentId;
  if (!intentId) throw new AppError('CONFLICT', 'This payment never reached Stripe, so there is nothing to refund.');
  const destination = req.payment.kind === 'terminal';
  const refund = await callStripe(() =>
    stripe.refunds.create(
      {
        payment_intent: intentId,
        amount: row.amountCents,
        ...(destination ? { reverse_transfer: true, refund_application_fee: true } : {}),
        metadata: { refundId: row.id, ...(row.orderId ? { orderId: row.orderId } : {}) },
      },
      { idempotencyKey: `refund-${row.id}` },
    ),
  );
  const reversal = destination ? null : await reverseTransferShare(db, env, row);
  const status = refund.status === 'succeeded' ? 'succeeded' : refund.status === 'failed' || refund.status === 'canceled' ? 'failed' : 'pending';
  const updated = await db.transaction(async (tx) => {
    // only the first completion counts the reversal, however often this refund is retried
    const [done] = await tx
      .update(paymentRefunds)
      .set({ stripeRefundId: refund.id, status, reversedCents: reversal?.cents ?? 0, updatedAt: new Date() })
      .where(and(eq(paymentRefunds.id, row.id), isNull(paymentRefunds.stripeRefundId)))
      .returning();
    if (done && reversal) {
      await tx
        .update(paymentTransfers)
        .set({ reversedCents: sql`${paymentTransfers.reversedCents} + ${reversal.cents}`, updatedAt: new Date() })
        .where(eq(paymentTransfers.orderId, reversal.orderId));
    }
    return done;
  });
  return view(updated ?? row);
}

/** Takes back from the shop the part of its transfer that this refund covers (pro rata of the order total). */
async function reverseTransferShare(db: Db, env: Env, row: RefundRow): Promise<{ cents: number; orderId: string } | null> {
  const orderId = row.orderId;
  if (!orderId) return null;
  const [t] = await db.select().from(paymentTransfers).where(eq(paymentTransfers.orderId, orderId));
  if (!t || t.status !== 'paid' || !t.stripeTransferId) return null;
  const orderGross = t.amountCents + t.feeCents;
  const share = Math.min(roundHalfUp(row.amountCents * t.amountCents, orderGross), t.amountCents - t.reversedCents);
  if (share <= 0) return null;
  const stripe = requireStripe(env);
  const transferId = t.stripeTransferId;
  await callStripe(() =>
    stripe.transfers.createReversal(transferId, { amount: share, metadata: { refundId: row.id } }, { idempotencyKey: `reversal-${row.id}` }),
  );
  return { cents: share, orderId };
}
