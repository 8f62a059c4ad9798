import type { TerminalRefundInput, TerminalRefundResult } from '@makeries/shared';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { orders } from '../../db/schema/index';
import type { Env } from '../../env';
import { requireProven, type ProvenStaff } from '../staff-proofs';
import { refundPayment } from './refunds';
import { terminalPaymentFor } from './terminal-payments';

/**
 * A counter refund to the card: the counter's refund id is the idempotency key, so a retry pays back once.
 * Money back on a sale the server knows is a manager's or the owner's call (their proof must come with it);
 * a payment no sale took yet (the customer changed their mind at the reader) goes back on any proven staff
 * member's say-so, as the counter lets a cashier do.
 */
export async function refundTerminalPayment(
  db: Db,
  env: Env,
  vendorId: string,
  input: TerminalRefundInput,
  proven: readonly ProvenStaff[],
): Promise<TerminalRefundResult> {
  const payment = await terminalPaymentFor(db, vendorId, input.paymentIntentId);
  const [sale] = payment.saleId ? await db.select({ id: orders.id }).from(orders).where(eq(orders.id, payment.saleId)).limit(1) : [];
  if (sale) requireProven(proven, ['owner', 'manager']);
  return refundPayment(db, env, { refundId: input.refundId, payment, vendorId, amountCents: input.amountCents, orderId: null });
}
