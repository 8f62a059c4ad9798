import type { TerminalRefundInput, TerminalRefundResult } from '@makeries/shared';
import type { Db } from '../../db/client';
import type { Env } from '../../env';
import { refundPayment } from './refunds';
import { terminalPaymentFor } from './terminal-payments';

/** A counter refund to the card: the counter's refund id is the idempotency key, so a retry pays back once. */
export async function refundTerminalPayment(db: Db, env: Env, vendorId: string, input: TerminalRefundInput): Promise<TerminalRefundResult> {
  const payment = await terminalPaymentFor(db, vendorId, input.paymentIntentId);
  return refundPayment(db, env, { refundId: input.refundId, payment, vendorId, amountCents: input.amountCents, orderId: null });
}
