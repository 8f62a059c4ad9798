import { AppError, type ReceiptEmailArgs } from '@makeries/shared';
import type { Tx } from '../../../db/client';
import { composeReceiptEmail } from '../../email/receipt';
import { enqueueReceiptEmail } from '../../email/enqueue-receipt';
import { requireStaff, type ApplyScope } from '../scope';

/**
 * "Email receipt" pressed at the counter (perhaps days ago, offline). The sale was pushed before this row (the
 * outbox keeps order), so it is on the server unless it was itself rejected. The email is queued in this
 * transaction; a second request for the same sale re-queues the one row with the new address.
 */
export async function applyReceiptEmail(tx: Tx, scope: ApplyScope, a: ReceiptEmailArgs): Promise<void> {
  requireStaff(scope, a.staffId);
  const email = await composeReceiptEmail(tx, scope.env.MARKET_LOCALE, scope.vendorId, a.orderId, a.to);
  if (!email) {
    throw new AppError('NOT_FOUND', 'That sale is not on the server, so its receipt could not be emailed.', { details: { orderId: a.orderId } });
  }
  await enqueueReceiptEmail(tx, a.orderId, email);
}
