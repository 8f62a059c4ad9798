import { canTransition, type OrderStatus } from '@makeries/shared';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { orders } from '../../db/schema/index';
import type { Env } from '../../env';
import { transitionOrder } from '../orders/transition';
import { logSync } from './sync-log';
import type { ExtOrderStatus } from './types';

const TARGET: Record<ExtOrderStatus, OrderStatus> = { accepted: 'accepted', ready: 'ready', collected: 'completed', cancelled: 'cancelled' };
/** how far along an order is; a POS state behind ours changes nothing */
const RANK: Record<OrderStatus, number> = { placed: 0, accepted: 1, preparing: 2, ready: 3, out_for_delivery: 4, completed: 5, rejected: 5, cancelled: 5 };

/** The steps from `from` to `to` along the shared state machine (placed → accepted → ready → completed). */
function path(from: OrderStatus, to: OrderStatus, fulfilment: 'pickup' | 'delivery' | 'counter'): OrderStatus[] {
  if (canTransition(from, to, 'system', fulfilment)) return [to];
  for (const via of ['accepted', 'ready'] as const) {
    if (RANK[via] > RANK[from] && RANK[via] < RANK[to] && canTransition(from, via, 'system', fulfilment)) {
      const rest = path(via, to, fulfilment);
      if (rest.length > 0) return [via, ...rest];
    }
  }
  return [];
}

/**
 * Moves a Makeries web order forward to what the shop did in its POS (accepted, ready, collected, cancelled), one
 * legal step at a time, as the marketplace; never backwards, and a finished order stays finished. The customer's
 * tracking page and emails follow as for any change.
 */
export async function followPosOrder(db: Db, env: Env, connectionId: string, orderId: string, status: ExtOrderStatus, now: Date): Promise<string> {
  const [order] = await db.select({ status: orders.status, fulfilment: orders.fulfilment, number: orders.number }).from(orders).where(eq(orders.id, orderId));
  if (!order) return 'order gone';
  const to = TARGET[status];
  if (RANK[order.status] >= RANK[to]) return `already ${order.status}`;
  const steps = path(order.status, to, order.fulfilment);
  if (steps.length === 0) return `cannot go from ${order.status} to ${to}`;
  for (const step of steps) {
    await transitionOrder(db, env, { kind: 'system' }, { orderId, to: step, ...(step === 'cancelled' ? { reason: 'Cancelled by the shop.' } : {}) }, { at: now });
  }
  await logSync(db, connectionId, 'info', `Order ${order.number} is now ${to} (changed in {pos}).`);
  return `moved to ${to}`;
}
