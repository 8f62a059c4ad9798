import {
  AppError,
  canTransition,
  holdsReservation,
  nextStatuses,
  uuidv7,
  type OrderDetailView,
  type OrderStatus,
  type TransitionOrderInput,
} from '@makeries/shared';
import { eq } from 'drizzle-orm';
import type { Actor } from '../../context';
import type { DbOrTx, Tx } from '../../db/client';
import { orderEvents, orderLines, orders } from '../../db/schema/index';
import type { Env } from '../../env';
import { queuePosOrderClose } from '../bridges/order-push';
import { emailKindFor, enqueueOrderEmail } from '../email/enqueue';
import { notifyOrderStatus } from '../notify/order-status';
import { fulfilReservation, releaseStock } from '../inventory';
import { findOrderFor, findOrderForSystem, type FoundOrder } from './access';
import { orderDetailView, type OrderRow } from './views';

function statusLabel(s: OrderStatus): string {
  return s.replace(/_/g, ' ');
}

function illegal(found: FoundOrder, to: OrderStatus): AppError {
  const { order, access } = found;
  const allowed = nextStatuses(order.status, access.role, order.fulfilment);
  const message =
    access.role === 'customer' && to === 'cancelled' && order.status !== 'cancelled'
      ? `This order is already ${statusLabel(order.status)}, so it can no longer be cancelled online. Please contact the shop.`
      : `This order is ${statusLabel(order.status)}; it cannot be moved to ${statusLabel(to)}.`;
  return new AppError('ILLEGAL_TRANSITION', message, { details: { currentStatus: order.status, allowed } });
}

/** Sum per variant of the order's lines: what was reserved at checkout and what leaves stock on completion. */
async function stockItems(tx: Tx, order: OrderRow): Promise<{ variantId: string; quantity: number }[]> {
  const lines = await tx
    .select({ variantId: orderLines.variantId, quantity: orderLines.quantity, vendorId: orderLines.vendorId })
    .from(orderLines)
    .where(eq(orderLines.orderId, order.id));
  const sums = new Map<string, number>();
  for (const l of lines) {
    if (l.variantId && l.vendorId === order.vendorId) sums.set(l.variantId, (sums.get(l.variantId) ?? 0) + l.quantity);
  }
  return [...sums].map(([variantId, quantity]) => ({ variantId, quantity }));
}

async function moveStock(tx: Tx, order: OrderRow, to: OrderStatus, at: Date): Promise<void> {
  const releases = (to === 'rejected' || to === 'cancelled') && holdsReservation(order.status);
  if (!releases && to !== 'completed') return;
  const items = await stockItems(tx, order);
  if (items.length === 0) return;
  if (to === 'completed') await fulfilReservation(tx, order.vendorId, order.id, items, at);
  else await releaseStock(tx, order.vendorId, items);
}

/** The marketplace itself moving an order (a POS bridge following the shop's point of sale). */
export interface SystemActor {
  kind: 'system';
}

async function systemFind(tx: Tx, orderId: string): Promise<FoundOrder> {
  const found = await findOrderForSystem(tx, orderId, true);
  if (!found) throw new AppError('NOT_FOUND', 'We could not find that order.');
  return found;
}

export interface TransitionOptions {
  /** when the transition happened (a counter's queued transition carries its own time); default now */
  at?: Date;
}

/**
 * Moves a web order along the shared state machine. The order row is locked so two counters (or a counter and
 * the customer) cannot both move it; a stale `from` is a CONFLICT rather than a silent overwrite.
 */
export async function transitionOrder(
  db: DbOrTx,
  env: Env,
  actor: Actor | SystemActor,
  input: TransitionOrderInput,
  opts: TransitionOptions = {},
): Promise<OrderDetailView> {
  return db.transaction(async (tx) => {
    const found = actor.kind === 'system' ? await systemFind(tx, input.orderId) : await findOrderFor(tx, env, actor, input.orderId, input.trackingToken, true);
    const { order, access } = found;
    if (input.from && input.from !== order.status) {
      throw new AppError('CONFLICT', `This order is now ${statusLabel(order.status)}, not ${statusLabel(input.from)}. Refresh and try again.`, {
        details: { currentStatus: order.status, expected: input.from },
      });
    }
    if (!canTransition(order.status, input.to, access.role, order.fulfilment)) throw illegal(found, input.to);
    const reason = input.reason?.trim() || null;
    if (input.to === 'rejected' && !reason) throw new AppError('BAD_INPUT', 'Tell the customer why the order is rejected.');
    const at = opts.at ?? new Date();
    const [updated] = await tx
      .update(orders)
      .set({
        status: input.to,
        statusReason: reason ?? order.statusReason,
        prepMinutes: input.prepMinutes ?? order.prepMinutes,
        updatedAt: new Date(),
      })
      .where(eq(orders.id, order.id))
      .returning();
    if (!updated) throw new AppError('NOT_FOUND', 'We could not find that order.');
    await tx.insert(orderEvents).values({
      id: uuidv7(),
      orderId: order.id,
      fromStatus: order.status,
      toStatus: input.to,
      actorKind: access.eventActor.kind,
      actorId: access.eventActor.id,
      reason,
    });
    await moveStock(tx, order, input.to, at);
    // a web order shown in the shop's POS: the POS is told it was handed over or cancelled here
    await queuePosOrderClose(tx, order.id, input.to);
    // the customer's email is queued with the change itself, whether it came from the API or a counter's push
    const emailKind = emailKindFor(input.to, order.fulfilment);
    if (emailKind) await enqueueOrderEmail(tx, env, order.id, emailKind);
    await notifyOrderStatus(tx, updated, found.vendorName, input.to);
    return orderDetailView(tx, updated, found.vendorName, access.role);
  });
}
