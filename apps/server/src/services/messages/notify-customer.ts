import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { orders, vendors } from '../../db/schema/index';
import { notify } from '../notify/index';
import type { MessageRow } from './views';

/**
 * In the transaction that stores a shop's message: tells the customer (push, text, email as they chose; a guest
 * on the device and number they ordered with) through the notification queue — once per message, however often
 * the counter's push is replayed (dedupe key `message:<id>`).
 */
export async function afterShopMessage(tx: DbOrTx, row: MessageRow): Promise<void> {
  const [o] = await tx
    .select({ number: orders.number, customerId: orders.customerId, shop: vendors.name })
    .from(orders)
    .innerJoin(vendors, eq(vendors.id, orders.vendorId))
    .where(eq(orders.id, row.orderId));
  if (!o) return;
  const text = row.body.trim().replace(/\s+/g, ' ');
  await notify(tx, {
    topic: 'order_message',
    dedupeKey: `message:${row.id}`,
    customerId: o.customerId,
    orderId: row.orderId,
    vendorId: row.vendorId,
    title: `${o.shop} sent you a message about order ${o.number}`,
    body: text || 'They sent a photo.',
    url: `/orders/${row.orderId}`,
  });
}
