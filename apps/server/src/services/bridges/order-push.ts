import { uuidv7, type OrderStatus } from '@makeries/shared';
import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import { queryRows, type Db, type Tx } from '../../db/client';
import { orders, posPushes } from '../../db/schema/index';
import type { Env } from '../../env';
import { PermanentJobError } from '../../jobs/runtime';
import { enqueue } from '../../jobs/queue';
import { callPos, connectionById } from './connections';
import { applyObservations } from './observe';
import { outboundOrder } from './order-outbound';
import { orderLinesAsAdjustments, settleOrderStock } from './order-stock';
import { connectorFor } from './registry';
import { logSync } from './sync-log';
import { PosError } from './types';

/**
 * "Show web orders in Square" (connection option `webOrdersInPos`, off by default; Square charges 1 % on orders paid
 * outside Square). A web order of a bridged shop that the customer paid by card becomes a Square order with an
 * EXTERNAL payment for what they paid, so staff see it in Square's Order Manager and Square takes its stock when it
 * is completed (bridges/order-stock.ts). Everything else — the option off, orders paid at pickup, counter sales —
 * reaches Square as stock adjustments, one per movement (bridges/stock.ts).
 */

export const ORDER_PUSH_JOB = 'pos.order-push';
export const ORDER_CLOSE_JOB = 'pos.order-close';
const orderPushKey = (orderId: string) => `mk-ord-${orderId}`;

const FINISHED: readonly OrderStatus[] = ['completed', 'cancelled', 'rejected'];

interface Candidate {
  orderId: string;
  connectionId: string;
}

/**
 * Called in the transaction that marks web orders paid by card: each one of a shop whose bridge is connected, on a
 * chosen location, imported, with the option on, and holding at least one bridged item, gets its `order` push and
 * its job — both exist exactly when the payment is recorded. Orders paid at pickup never come here, on purpose:
 * Square's Order Manager lists only paid orders, and an order paid later at our counter would have to be paid in
 * Square too; so they reach Square as stock adjustments when handed over, like counter sales.
 */
export async function recordOrderPushes(tx: Tx, orderIds: readonly string[], now = new Date()): Promise<number> {
  if (orderIds.length === 0) return 0;
  const ids = sql.join(
    [...new Set(orderIds)].map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const candidates = await queryRows<Candidate>(
    tx,
    sql`SELECT o.id AS "orderId", c.id AS "connectionId"
        FROM orders o
        JOIN pos_connections c ON c.vendor_id = o.vendor_id
        JOIN pos_sync_state s ON s.connection_id = c.id AND s.stream = 'import' AND s.phase = 'done'
        WHERE o.id IN (${ids}) AND o.channel = 'web' AND o.payment_status = 'paid'
          AND o.status NOT IN ('completed', 'cancelled', 'rejected')
          AND c.status = 'connected' AND c.location_ext_id IS NOT NULL AND (c.options->>'webOrdersInPos')::boolean IS TRUE
          AND EXISTS (SELECT 1 FROM order_lines l JOIN pos_entity_map m ON m.connection_id = c.id AND m.entity = 'variant' AND m.local_id = l.variant_id
                      WHERE l.order_id = o.id)`,
  );
  let queued = 0;
  for (const c of candidates) {
    const id = uuidv7();
    const rows = await tx
      .insert(posPushes)
      .values({ id, connectionId: c.connectionId, kind: 'order', localRef: c.orderId, idempotencyKey: orderPushKey(c.orderId), state: 'pending', occurredAt: now })
      .onConflictDoNothing({ target: posPushes.idempotencyKey })
      .returning({ id: posPushes.id });
    if (rows.length === 0) continue;
    await enqueue(tx, ORDER_PUSH_JOB, `${ORDER_PUSH_JOB}:${id}`, { pushId: id, connectionId: c.connectionId });
    queued++;
  }
  return queued;
}

/**
 * Called by orders/transition.ts in the transaction of every order change: when a web order shown in the POS is
 * handed over, cancelled or rejected here, the POS is told (job `pos.order-close`).
 */
export async function queuePosOrderClose(tx: Tx, orderId: string, to: OrderStatus): Promise<void> {
  if (!FINISHED.includes(to)) return;
  const [push] = await tx
    .select({ id: posPushes.id, connectionId: posPushes.connectionId })
    .from(posPushes)
    .where(and(eq(posPushes.kind, 'order'), eq(posPushes.localRef, orderId), notInArray(posPushes.state, ['skipped', 'failed'])))
    .limit(1);
  if (push) await enqueue(tx, ORDER_CLOSE_JOB, `${ORDER_CLOSE_JOB}:${orderId}`, { pushId: push.id, connectionId: push.connectionId });
}

/** Square refused the order for good: it is not shown there, and its stock goes as adjustments instead. */
async function giveUp(db: Db, push: { id: string; connectionId: string; localRef: string }, number: string, e: PosError, now: Date): Promise<never> {
  await db.transaction(async (tx) => {
    await tx.update(posPushes).set({ state: 'failed', lastError: e.message, updatedAt: now }).where(eq(posPushes.id, push.id));
    await orderLinesAsAdjustments(tx, push.connectionId, push.localRef);
    await logSync(tx, push.connectionId, 'error', `Web order ${number} could not be shown in {pos} (${e.message}); its stock is sent as stock changes instead.`);
  });
  throw new PermanentJobError(e.message);
}

/**
 * A POS that takes an order's stock when it creates it (Shopify, Toast): right after, its counts of the order's items
 * are read and taken, and the order push remembers when (`ext_observed_at`). From then on the POS's count holds the
 * sale, so handing the order over here is not counted a second time (bridges/stock.ts acknowledges those lines at once).
 */
async function takeCountsAfterCreate(db: Db, env: Env, push: { id: string; connectionId: string; localRef: string }, now: Date): Promise<void> {
  const conn = await connectionById(db, push.connectionId);
  if (!conn || connectorFor(env, conn.provider).orderTakesStock !== 'on_create') return;
  const items = await queryRows<{ extId: string }>(
    db,
    sql`SELECT DISTINCT m.ext_id AS "extId" FROM order_lines l
        JOIN pos_entity_map m ON m.connection_id = ${push.connectionId} AND m.entity = 'variant' AND m.local_id = l.variant_id
        WHERE l.order_id = ${push.localRef}`,
  );
  const counts = items.length === 0 ? [] : await callPos(db, env, push.connectionId, (c, connector) => connector.stock(c, items.map((i) => i.extId)), now);
  await db.transaction(async (tx) => {
    if (counts.length > 0) await applyObservations(tx, { connectionId: conn.id, vendorId: conn.vendorId, locationExtId: conn.locationExtId }, counts);
    await tx.update(posPushes).set({ extObservedAt: now, updatedAt: now }).where(and(eq(posPushes.id, push.id), eq(posPushes.state, 'sent')));
  });
}

/**
 * The jobs `pos.order-push` and `pos.order-close`: brings the POS in step with one web order, whatever ran before.
 * 1. Not in the POS yet: created with an EXTERNAL payment, under the push's idempotency key (`mk-ord-<orderId>`, the
 *    payment `…-pay`) — a retry after a timeout, a 5xx after Square committed, or a server killed mid-call sends the
 *    same keys and Square answers with the order it already has. Only then is its id kept (state `sent`).
 *    An order cancelled here before it was ever sent is not sent at all.
 * 2. Finished here (handed over, cancelled, rejected): the POS order is completed or cancelled, then its state is read
 *    back and the order's stock settled (bridges/order-stock.ts) — by what Square did, since the seller may have
 *    cancelled it there meanwhile.
 */
export async function syncOrderToPos(db: Db, env: Env, pushId: string, now: Date): Promise<string> {
  const [push] = await db.select().from(posPushes).where(eq(posPushes.id, pushId));
  if (!push || push.kind !== 'order') return 'nothing to send';
  if (push.state === 'skipped' || push.state === 'failed') return `already ${push.state}`;
  const [order] = await db.select({ status: orders.status, number: orders.number }).from(orders).where(eq(orders.id, push.localRef));
  if (!order) return 'order gone';
  const finished = FINISHED.includes(order.status);
  let extRef = push.extRef;
  if (!extRef) {
    if (order.status !== 'completed' && finished) {
      const [dropped] = await db
        .update(posPushes)
        .set({ state: 'skipped', lastError: 'Cancelled before it reached the point of sale.', updatedAt: now })
        .where(and(eq(posPushes.id, push.id), eq(posPushes.state, 'pending')))
        .returning({ id: posPushes.id });
      if (dropped) return 'cancelled before it was sent';
    }
    const claimed = await db
      .update(posPushes)
      .set({ state: 'sent', updatedAt: now })
      .where(and(eq(posPushes.id, push.id), inArray(posPushes.state, ['pending', 'sent'])))
      .returning({ id: posPushes.id });
    if (claimed.length === 0) return 'taken by another run';
    const outbound = await outboundOrder(db, push.connectionId, push.localRef);
    if (!outbound) return giveUp(db, push, order.number, new PosError('rejected', 'none of its items is in the point of sale any more'), now);
    let created;
    try {
      created = await callPos(db, env, push.connectionId, (conn, connector) => connector.pushOrder(conn, outbound, push.idempotencyKey), now);
    } catch (e) {
      if (e instanceof PosError && (e.kind === 'rejected' || e.kind === 'conflict')) return giveUp(db, push, order.number, e, now);
      throw e;
    }
    extRef = created.extOrderId;
    await db.transaction(async (tx) => {
      await tx.update(posPushes).set({ extRef, lastError: null, updatedAt: now }).where(eq(posPushes.id, push.id));
      await logSync(tx, push.connectionId, 'info', `Web order ${order.number} is now in {pos}'s orders${outbound.paymentRef ? ', paid' : ''}.`);
    });
  }
  if (push.extObservedAt === null) await takeCountsAfterCreate(db, env, push, now);
  if (!finished) return 'sent';
  const target = order.status === 'completed' ? 'collected' : 'cancelled';
  const ext = extRef;
  const { status, takesStock } = await callPos(
    db,
    env,
    push.connectionId,
    async (conn, connector) => {
      await connector.setOrderStatus(conn, ext, target);
      return { status: (await connector.orderStatus(conn, ext)).status, takesStock: connector.orderTakesStock };
    },
    now,
  );
  if (takesStock === 'on_create') {
    // Shopify and Toast took the order's stock when it was created: nothing to wait for, the handover here settles
    // it. Toast has no way to close or cancel an order from outside, so a cancellation there is left to the staff.
    if (target === 'cancelled' && status !== 'cancelled') {
      await logSync(db, push.connectionId, 'warn', `Web order ${order.number} was cancelled here: void it in {pos} too, so its stock comes back there.`);
    }
    return settleOrderStock(db, env, push.connectionId, push.localRef, target, now);
  }
  if (status !== 'collected' && status !== 'cancelled') throw new PosError('transient', `The order is not finished in the point of sale yet (${status ?? 'open'}).`);
  return settleOrderStock(db, env, push.connectionId, push.localRef, status, now);
}

/** After a pause or an outage: web orders not yet settled with the POS are brought in step again. */
export async function requeueOpenOrderPushes(db: Db, connectionId: string, now: Date): Promise<number> {
  const open = await db
    .select({ id: posPushes.id })
    .from(posPushes)
    .where(and(eq(posPushes.connectionId, connectionId), eq(posPushes.kind, 'order'), inArray(posPushes.state, ['pending', 'sent'])));
  for (const p of open) await enqueue(db, ORDER_PUSH_JOB, `${ORDER_PUSH_JOB}:${p.id}:${String(now.getTime())}`, { pushId: p.id, connectionId });
  return open.length;
}
