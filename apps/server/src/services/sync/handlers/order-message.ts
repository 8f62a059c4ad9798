import type { OrderMessageArgs } from '@makeries/shared';
import type { Tx } from '../../../db/client';
import { afterShopMessage } from '../../messages/notify-customer';
import { insertMessage } from '../../messages/send';
import { shopOrder } from '../../messages/thread';
import { requireStaff, type ApplyScope } from '../scope';

/**
 * A reply written at the counter (offline or not), delivered exactly once: the message id minted at the counter
 * is the natural key, so a resend (lost response, epoch change) finds the row and adds nothing. Never refused
 * for rate: it was already written to the customer at the counter.
 */
export async function applyOrderMessage(tx: Tx, scope: ApplyScope, a: OrderMessageArgs): Promise<void> {
  requireStaff(scope, a.staffId);
  const order = await shopOrder(tx, scope.vendorId, a.orderId);
  await insertMessage(
    tx,
    { id: a.id, orderId: order.id, vendorId: scope.vendorId, author: 'shop', staffId: a.staffId, text: a.text },
    { limited: false, afterStore: afterShopMessage },
  );
}
