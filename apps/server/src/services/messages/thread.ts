import {
  AppError,
  type CustomerMessageSendInput,
  type CustomerMessagesInput,
  type OrderMessagePage,
  type OrderMessageView,
  type ShopMessageSendInput,
  type ShopMessagesInput,
} from '@makeries/shared';
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../context';
import type { Db, DbOrTx } from '../../db/client';
import { orders } from '../../db/schema/index';
import type { Env } from '../../env';
import { findOrderFor } from '../orders/access';
import type { OrderRow } from '../orders/views';
import { afterShopMessage } from './notify-customer';
import { sendMessage } from './send';
import { messagePage } from './views';

/**
 * The customer's side of an order: the ordering customer, or anyone with the tracking token. Staff and counters
 * reach orders through the shop's side; here they count only as holders of the link (like a guest).
 */
export async function customerOrder(db: DbOrTx, env: Env, actor: Actor, orderId: string, token: string | undefined): Promise<OrderRow> {
  const asCustomer: Actor = actor.kind === 'customer' ? actor : { kind: 'anonymous' };
  const found = await findOrderFor(db, env, asCustomer, orderId, token);
  return found.order;
}

/** The shop's side: a web order of the caller's shop, else NOT_FOUND (ids of other shops reveal nothing). */
export async function shopOrder(db: DbOrTx, vendorId: string, orderId: string): Promise<OrderRow> {
  const [order] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.id, orderId), eq(orders.vendorId, vendorId), eq(orders.channel, 'web')));
  if (!order) throw new AppError('NOT_FOUND', 'We could not find that order.');
  return order;
}

/** Who at the shop wrote: the signed-in staff member, or the staff member whose proof a counter carries. */
function shopAuthor(actor: Actor): string | null {
  if (actor.kind === 'staff') return actor.staffId;
  if (actor.kind === 'device') return actor.proven[0]?.staffId ?? null;
  return null;
}

export async function listForCustomer(db: Db, env: Env, actor: Actor, input: CustomerMessagesInput): Promise<OrderMessagePage> {
  const order = await customerOrder(db, env, actor, input.orderId, input.trackingToken);
  return messagePage(db, order.id, input);
}

export async function sendFromCustomer(db: Db, env: Env, actor: Actor, input: CustomerMessageSendInput): Promise<OrderMessageView> {
  const order = await customerOrder(db, env, actor, input.orderId, input.trackingToken);
  return sendMessage(db, env, { id: input.id, orderId: order.id, vendorId: order.vendorId, author: 'customer', staffId: null, text: input.text }, input.photo);
}

export async function listForShop(db: Db, vendorId: string, input: ShopMessagesInput): Promise<OrderMessagePage> {
  const order = await shopOrder(db, vendorId, input.orderId);
  return messagePage(db, order.id, input);
}

export async function replyFromShop(db: Db, env: Env, actor: Actor, vendorId: string, input: ShopMessageSendInput): Promise<OrderMessageView> {
  const order = await shopOrder(db, vendorId, input.orderId);
  return sendMessage(
    db,
    env,
    { id: input.id, orderId: order.id, vendorId, author: 'shop', staffId: shopAuthor(actor), text: input.text },
    input.photo,
    afterShopMessage,
  );
}
