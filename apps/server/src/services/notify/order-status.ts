import type { NotifyTopic, OrderStatus } from '@makeries/shared';
import type { DbOrTx } from '../../db/client';
import type { orders } from '../../db/schema/index';
import { notify } from './notify';

type OrderRow = Pick<typeof orders.$inferSelect, 'id' | 'number' | 'channel' | 'customerId' | 'vendorId' | 'fulfilment' | 'statusReason'>;

/** The topic a web order's new status is told as (null: nothing to tell — placed, preparing, completed). */
function orderStatusTopic(to: OrderStatus, fulfilment: string): NotifyTopic | null {
  if (to === 'accepted') return 'order_accepted';
  if (to === 'ready') return fulfilment === 'delivery' ? null : 'order_ready';
  if (to === 'out_for_delivery') return 'order_out_for_delivery';
  if (to === 'cancelled' || to === 'rejected') return 'order_cancelled';
  return null;
}

function wording(topic: NotifyTopic, o: OrderRow, shop: string, to: OrderStatus): { title: string; body: string } {
  const reason = o.statusReason ? ` ${o.statusReason}` : '';
  switch (topic) {
    case 'order_accepted':
      return { title: `${shop} accepted your order`, body: `Order ${o.number} is being prepared. We will tell you when it is ready.` };
    case 'order_ready':
      return { title: `Order ${o.number} is ready`, body: `Collect it at ${shop}.` };
    case 'order_out_for_delivery':
      return { title: `Order ${o.number} is on its way`, body: `${shop} has sent your order out for delivery.` };
    default:
      return to === 'rejected'
        ? { title: `${shop} could not take order ${o.number}`, body: `Sorry, the shop could not take your order.${reason}` }
        : { title: `Order ${o.number} was cancelled`, body: `Your order from ${shop} was cancelled.${reason}` };
  }
}

/**
 * Tells the customer about a web order's new status (push, text — their order email is queued beside this), in the
 * transaction of the change; once per (order, status), however often the change is retried or replayed.
 */
export async function notifyOrderStatus(tx: DbOrTx, order: OrderRow, shopName: string, to: OrderStatus): Promise<void> {
  if (order.channel !== 'web') return;
  const topic = orderStatusTopic(to, order.fulfilment);
  if (!topic) return;
  const { title, body } = wording(topic, order, shopName, to);
  await notify(tx, { topic, dedupeKey: `order:${order.id}:${to}`, customerId: order.customerId, orderId: order.id, vendorId: order.vendorId, title, body, url: `/orders/${order.id}` });
}
