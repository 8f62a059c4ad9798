import { createECDH } from 'node:crypto';
import { AppError, isLoopbackPushEndpoint, uuidv7, type PushDeviceState, type PushSubscribeInput, type PushUnsubscribeInput } from '@makeries/shared';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../../context';
import type { Db, DbOrTx } from '../../db/client';
import { orders, pushSubscriptionOrders, pushSubscriptions } from '../../db/schema/index';
import type { Env } from '../../env';
import { findOrderFor } from '../orders/access';

/** orders one device follows at most: the oldest is let go when a new one is followed */
const MAX_FOLLOWED_ORDERS = 50;

type Shopper = Extract<Actor, { kind: 'anonymous' | 'customer' }>;

function badInput(path: string, message: string): AppError {
  return new AppError('BAD_INPUT', message, { issues: [{ path, message }] });
}

/** The checks zod cannot make: a key that is a point on P-256, a plain-http endpoint outside development. */
function checkSubscription(env: Env, input: PushSubscribeInput): void {
  if (env.NODE_ENV === 'production' && isLoopbackPushEndpoint(input.endpoint)) throw badInput('endpoint', 'A push service address must start with https://');
  try {
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    ecdh.computeSecret(Buffer.from(input.keys.p256dh, 'base64url'));
  } catch {
    throw badInput('keys.p256dh', 'The device key (p256dh) is not a P-256 public key');
  }
}

async function stateOf(db: DbOrTx, actor: Shopper, endpoint: string, orderId: string | undefined): Promise<PushDeviceState> {
  const [sub] = await db.select().from(pushSubscriptions).where(eq(pushSubscriptions.endpoint, endpoint));
  if (!sub) return { subscribed: false, account: false, order: false };
  const account = actor.kind === 'customer' && sub.customerId === actor.customerId;
  let order = false;
  if (orderId) {
    const [followed] = await db
      .select({ id: pushSubscriptionOrders.orderId })
      .from(pushSubscriptionOrders)
      .where(and(eq(pushSubscriptionOrders.subscriptionId, sub.id), eq(pushSubscriptionOrders.orderId, orderId)));
    const [own] = account && sub.customerId ? await db.select({ id: orders.id }).from(orders).where(and(eq(orders.id, orderId), eq(orders.customerId, sub.customerId))) : [];
    order = followed !== undefined || own !== undefined;
  }
  return { subscribed: true, account, order };
}

/**
 * Subscribes this device (the same endpoint again updates its keys, never a second row): to the signed-in
 * customer's account, and to the order named (a guest proves it with the order's tracking token). A guest must
 * name an order; a wrong token is NOT_FOUND, like the tracking page.
 */
export async function subscribePush(db: Db, env: Env, actor: Shopper, input: PushSubscribeInput): Promise<PushDeviceState> {
  checkSubscription(env, input);
  if (actor.kind === 'anonymous' && !input.trackingToken) {
    throw new AppError('UNAUTHENTICATED', 'Sign in to get notifications on this device, or turn them on from your order’s tracking page.');
  }
  const orderId = input.orderId ? (await findOrderFor(db, env, actor, input.orderId, input.trackingToken)).order.id : undefined;
  const customerId = actor.kind === 'customer' ? actor.customerId : null;
  return db.transaction(async (tx) => {
    const [sub] = await tx
      .insert(pushSubscriptions)
      .values({ id: uuidv7(), endpoint: input.endpoint, p256dh: input.keys.p256dh, auth: input.keys.auth, customerId })
      .onConflictDoUpdate({
        target: pushSubscriptions.endpoint,
        set: {
          p256dh: input.keys.p256dh,
          auth: input.keys.auth,
          // a guest's tap keeps the account the device belongs to; a signed-in customer takes the device over
          customerId: customerId ?? sql`${pushSubscriptions.customerId}`,
        },
      })
      .returning({ id: pushSubscriptions.id });
    if (!sub) throw new Error('push subscription not saved');
    if (orderId) {
      await tx.insert(pushSubscriptionOrders).values({ subscriptionId: sub.id, orderId }).onConflictDoNothing();
      const kept = await tx
        .select({ orderId: pushSubscriptionOrders.orderId })
        .from(pushSubscriptionOrders)
        .where(eq(pushSubscriptionOrders.subscriptionId, sub.id))
        .orderBy(desc(pushSubscriptionOrders.createdAt), desc(pushSubscriptionOrders.orderId))
        .offset(MAX_FOLLOWED_ORDERS);
      if (kept.length > 0) {
        await tx.delete(pushSubscriptionOrders).where(and(eq(pushSubscriptionOrders.subscriptionId, sub.id), inArray(pushSubscriptionOrders.orderId, kept.map((k) => k.orderId))));
      }
    }
    return stateOf(tx, actor, input.endpoint, orderId);
  });
}

/**
 * Turns push off on this device (no order: the subscription goes), or stops following one order on it (the
 * subscription goes too when nothing is left: no account, no order). The endpoint is the proof: only the browser
 * holding the subscription knows it. Unknown endpoints are already off.
 */
export async function unsubscribePush(db: Db, actor: Shopper, input: PushUnsubscribeInput): Promise<PushDeviceState> {
  return db.transaction(async (tx) => {
    const [sub] = await tx.select().from(pushSubscriptions).where(eq(pushSubscriptions.endpoint, input.endpoint)).for('update');
    if (!sub) return { subscribed: false, account: false, order: false };
    if (input.orderId) {
      await tx.delete(pushSubscriptionOrders).where(and(eq(pushSubscriptionOrders.subscriptionId, sub.id), eq(pushSubscriptionOrders.orderId, input.orderId)));
      const [left] = await tx.select({ id: pushSubscriptionOrders.orderId }).from(pushSubscriptionOrders).where(eq(pushSubscriptionOrders.subscriptionId, sub.id)).limit(1);
      if (sub.customerId || left) return stateOf(tx, actor, input.endpoint, input.orderId);
    }
    await tx.delete(pushSubscriptions).where(eq(pushSubscriptions.id, sub.id));
    return { subscribed: false, account: false, order: false };
  });
}

export function pushDeviceState(db: DbOrTx, actor: Shopper, endpoint: string, orderId: string | undefined): Promise<PushDeviceState> {
  return stateOf(db, actor, endpoint, orderId);
}
