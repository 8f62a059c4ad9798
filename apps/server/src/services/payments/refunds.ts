import { AppError, roundHalfUp, type TerminalRefundResult } from '@makeries/shared';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { paymentRefunds, payments, paymentTransfers, type RefundedLine } from '../../db/schema/index';
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
  /**
   * the most that may have been refunded of this order, this refund included (its total): checked under the
   * payment's lock, so two refunds racing on one order cannot give back more than it cost
   */
  orderCapCents?: number;
  /** an operator's refund (issue 17): kept on the row, shown on the order's timeline */
  operator?: { operatorId: string; reason: string; lines: RefundedLine[] | null };
  /** runs in the transaction that records a NEW refund (e.g. the operator audit); throwing records nothing */
  onClaim?: (tx: Tx, row: RefundRow) => Promise<void>;
}

export type RefundRow = typeof paymentRefunds.$inferSelect;

function view(row: RefundRow): TerminalRefundResult {
  return { refundId: row.id, status: row.status, amountCents: row.amountCents };
}

/** Records the refund (once per refund id) before asking Stripe, so a retry replays the same keys. */
async function claim(db: Db, req: RefundRequest): Promise<{ row: RefundRow; created: boolean }> {
  return db.transaction(async (tx) => {
    const [locked] = await tx.select().from(payments).where(eq(payments.id, req.payment.id)).for('update');
    const [existing] = await tx.select().from(paymentRefunds).where(eq(paymentRefunds.id, req.refundId));
    if (existing) {
      if (existing.paymentId !== req.payment.id || existing.amountCents !== req.amountCents) {
        throw new AppError('CONFLICT', 'This refund id was already used for a different refund.');
      }
      return { row: existing, created: false };
    }
    if (!locked || locked.status !== 'succeeded') throw new AppError('CONFLICT', 'Only a card payment that went through can be refunded.');
    const left = locked.amountCents - locked.refundedCents;
    if (req.amountCents > left) {
      throw new AppError('BAD_INPUT', `Only ${left} (minor units) of this card payment is left to refund.`, { details: { refundableCents: left } });
    }
    if (req.orderId && req.orderCapCents !== undefined) {
      const [done] = await tx
        .select({ cents: sql<number>`coalesce(sum(${paymentRefunds.amountCents}), 0)::int` })
        .from(paymentRefunds)
        .where(and(eq(paymentRefunds.orderId, req.orderId), sql`${paymentRefunds.status} <> 'failed'`));
      const orderLeft = req.orderCapCents - (done?.cents ?? 0);
      if (req.amountCents > orderLeft) {
        throw new AppError('BAD_INPUT', `Only ${Math.max(0, orderLeft)} (minor units) of this order is left to refund.`, {
          details: { refundableCents: Math.max(0, orderLeft) },
        });
      }
    }
    await tx
      .update(payments)
      .set({ refundedCents: sql`${payments.refundedCents} + ${req.amountCents}`, updatedAt: new Date() })
      .where(eq(payments.id, locked.id));
    const [row] = await tx
      .insert(paymentRefunds)
      .values({
        id: req.refundId,
        paymentId: locked.id,
        vendorId: req.vendorId,
        orderId: req.orderId,
        amountCents: req.amountCents,
        currency: locked.currency,
        ...(req.operator ? { operatorId: req.operator.operatorId, reason: req.operator.reason, lines: req.operator.lines } : {}),
      })
      .returning();
    if (!row) throw new AppError('INTERNAL', 'The refund could not be recorded.');
    if (req.onClaim) await req.onClaim(tx, row);
    return { row, created: true };
  });
}

/**
 * Gives card money back. Terminal payments are destination charges: Stripe reverses the shop's part and the
 * fee with the refund. Web payments are separate charges and transfers: the refund comes from the platform,
 * then the shop's transfer (if already sent) is reversed by the same share.
 */
export async function refundPayment(db: Db, env: Env, req: RefundRequest): Promise<TerminalRefundResult> {
  return view((await refundPaymentRow(db, env, req)).row);
}

/** `refundPayment`, answering with the stored row and whether this call recorded it (false: a replay of the id). */
export async function refundPaymentRow(db: Db, env: Env, req: RefundRequest): Promise<{ row: RefundRow; created: boolean }> {
  const { row, created } = await claim(db, req);
  if (row.status === 'succeeded') return { row, created };
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
      .set({
        stripeRefundId: refund.id,
        status,
        reversedCents: reversal?.cents ?? 0,
        stripeReversalId: reversal?.id ?? null,
        reversedAt: reversal ? new Date() : null,
        succeededAt: status === 'succeeded' ? new Date() : null,
        updatedAt: new Date(),
      })
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
  if (updated) return { row: updated, created };
  const [current] = await db.select().from(paymentRefunds).where(eq(paymentRefunds.id, row.id));
  return { row: current ?? row, created };
}

/** Takes back from the shop the part of its transfer that this refund covers (pro rata of the order total). */
async function reverseTransferShare(db: Db, env: Env, row: RefundRow): Promise<{ cents: number; orderId: string; id: string } | null> {
  const orderId = row.orderId;
  if (!orderId) return null;
  const [t] = await db.select().from(paymentTransfers).where(eq(paymentTransfers.orderId, orderId));
  if (!t || t.status !== 'paid' || !t.stripeTransferId) return null;
  const orderGross = t.amountCents + t.feeCents;
  const share = Math.min(roundHalfUp(row.amountCents * t.amountCents, orderGross), t.amountCents - t.reversedCents);
  if (share <= 0) return null;
  const stripe = requireStripe(env);
  const transferId = t.stripeTransferId;
  const reversal = await callStripe(() =>
    stripe.transfers.createReversal(transferId, { amount: share, metadata: { refundId: row.id } }, { idempotencyKey: `reversal-${row.id}` }),
  );
  return { cents: share, orderId, id: reversal.id };
}
