import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { posPushes } from '../../db/schema/index';
import type { Env } from '../../env';
import { callPos } from './connections';
import { followPosOrder } from './order-follow';
import { settleOrderStock } from './order-stock';

export const ORDER_STATUS_JOB = 'pos.order-status';

/**
 * An order changed in the POS. Only orders we pushed (web orders shown in the POS) matter: the POS's fulfilment
 * state is read fresh (events arrive in any order) and the Makeries order moves forward to match — never back.
 * Sales rung up in the POS itself reach us through the stock counts instead.
 */
export async function checkPosOrder(db: Db, env: Env, connectionId: string, extOrderId: string, now: Date): Promise<string> {
  const [push] = await db
    .select({ orderId: posPushes.localRef })
    .from(posPushes)
    .where(and(eq(posPushes.connectionId, connectionId), eq(posPushes.kind, 'order'), eq(posPushes.extRef, extOrderId)))
    .limit(1);
  if (!push) return 'not a Makeries order';
  const { status } = await callPos(db, env, connectionId, (conn, connector) => connector.orderStatus(conn, extOrderId), now);
  if (!status) return 'nothing to do yet';
  const moved = await followPosOrder(db, env, connectionId, push.orderId, status, now);
  // completed in Square: Square took the stock, so the order's lines are acknowledged; cancelled: they go as adjustments
  if (status === 'collected' || status === 'cancelled') await settleOrderStock(db, env, connectionId, push.orderId, status, now);
  return moved;
}
