import type { OrderTransitionArgs } from '@makeries/shared';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../../db/client';
import { orders } from '../../../db/schema/index';
import { transitionOrder } from '../../orders/transition';
import { requireStaff, type ApplyScope } from '../scope';

/**
 * A web-order move queued at the counter. It applies only if the order is still in `from` (a stale `from` is
 * a CONFLICT rejection, shown at the counter). An order already in `to` counts as done: that is the resend of
 * a transition whose response was lost, and the counter's intent holds either way.
 */
export async function applyOrderTransition(tx: Tx, scope: ApplyScope, a: OrderTransitionArgs): Promise<void> {
  requireStaff(scope, a.staffId);
  const [current] = await tx
    .select({ status: orders.status })
    .from(orders)
    .where(and(eq(orders.id, a.orderId), eq(orders.vendorId, scope.vendorId)));
  if (current && current.status === a.to && a.from !== a.to) return;
  await transitionOrder(
    tx,
    scope.env,
    { kind: 'device', deviceId: scope.deviceId, vendorId: scope.vendorId, proven: scope.proven },
    { orderId: a.orderId, from: a.from, to: a.to, reason: a.reason, prepMinutes: a.prepMinutes },
    { at: new Date(a.occurredAt) },
  );
}
