import { AppError, type SaleRefundArgs } from '@makeries/shared';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../../db/client';
import { orderLines, orders, refundLines, refunds } from '../../../db/schema/index';
import { recordMovements, type MovementInput } from '../../inventory';
import { uuidList } from '../../inventory/levels';
import { loyaltyAfterCounterRefund } from '../../loyalty/order-hooks';
import { refundMovementId } from '../ids';
import { requireProvenRole, requireStaff, type ApplyScope } from '../scope';

type LineRow = typeof orderLines.$inferSelect;

async function loadOrder(tx: Tx, scope: ApplyScope, orderId: string) {
  // the order row is locked so two counters refunding the same sale cannot both pass the "left to refund" check
  const [order] = await tx
    .select()
    .from(orders)
    .where(and(eq(orders.id, orderId), eq(orders.vendorId, scope.vendorId)))
    .for('update');
  if (!order) throw new AppError('NOT_FOUND', 'The sale being refunded is not on the server.');
  if (order.status !== 'completed') {
    throw new AppError('ILLEGAL_TRANSITION', `Order ${order.number} is ${order.status}; only completed sales can be refunded.`);
  }
  return order;
}

async function loadLines(tx: Tx, orderId: string, a: SaleRefundArgs): Promise<Map<string, LineRow>> {
  const ids = a.lines.map((l) => l.orderLineId);
  if (new Set(ids).size !== ids.length) throw new AppError('BAD_INPUT', 'Each sold line can appear once in a refund.');
  const rows = await tx
    .select()
    .from(orderLines)
    .where(and(eq(orderLines.orderId, orderId), inArray(orderLines.id, ids)));
  const byId = new Map(rows.map((r) => [r.id, r]));
  if (byId.size !== ids.length) throw new AppError('NOT_FOUND', 'Some refunded lines are not lines of that sale.');
  return byId;
}

/** Earlier refunds of the same lines: a line cannot be refunded beyond what was sold. */
async function checkRemaining(tx: Tx, a: SaleRefundArgs, lines: Map<string, LineRow>): Promise<void> {
  const prior = await queryRows<{ lineId: string; qty: number; amount: number }>(
    tx,
    sql`SELECT order_line_id AS "lineId", sum(quantity)::int AS qty, sum(amount_cents)::int AS amount
        FROM refund_lines WHERE order_line_id IN (${uuidList([...lines.keys()])}) GROUP BY order_line_id`,
  );
  const done = new Map(prior.map((p) => [p.lineId, p]));
  for (const l of a.lines) {
    const line = lines.get(l.orderLineId);
    if (!line) continue;
    const before = done.get(l.orderLineId);
    const qtyLeft = line.quantity - (before?.qty ?? 0);
    const amountLeft = line.totalCents - (before?.amount ?? 0);
    if (l.quantity > qtyLeft || l.amountCents > amountLeft) {
      throw new AppError('CONFLICT', `"${line.name}": only ${Math.max(qtyLeft, 0)} (${Math.max(amountLeft, 0)} in minor units) can still be refunded.`, {
        details: { orderLineId: line.id, quantityLeft: qtyLeft, amountLeftCents: amountLeft },
      });
    }
  }
}

async function updatePaymentStatus(tx: Tx, orderId: string, orderTotal: number): Promise<void> {
  const [row] = await queryRows<{ refunded: number }>(
    tx,
    sql`SELECT coalesce(sum(total_cents), 0)::int AS refunded FROM refunds WHERE order_id = ${orderId}`,
  );
  const status = (row?.refunded ?? 0) >= orderTotal ? 'refunded' : 'partially_refunded';
  await tx.update(orders).set({ paymentStatus: status, updatedAt: new Date() }).where(eq(orders.id, orderId));
}

/** A refund against an earlier sale, idempotent on its id; restocked lines go back into the ledger. */
export async function applySaleRefund(tx: Tx, scope: ApplyScope, a: SaleRefundArgs): Promise<void> {
  const [existing] = await tx.select({ vendorId: refunds.vendorId }).from(refunds).where(eq(refunds.id, a.id));
  if (existing) {
    if (existing.vendorId !== scope.vendorId) throw new AppError('CONFLICT', 'This refund id is already used on the server.');
    return;
  }
  requireStaff(scope, a.staffId);
  requireStaff(scope, a.approvedBy, 'approving manager');
  requireProvenRole(scope, a.staffId, a.approvedBy);
  const sum = a.lines.reduce((s, l) => s + l.amountCents, 0);
  if (sum !== a.totalCents) throw new AppError('BAD_INPUT', `The refund total (${a.totalCents}) is not the sum of its lines (${sum}).`);
  const order = await loadOrder(tx, scope, a.orderId);
  const lines = await loadLines(tx, order.id, a);
  await checkRemaining(tx, a, lines);
  const at = new Date(a.refundedAt);
  await tx.insert(refunds).values({
    id: a.id,
    vendorId: scope.vendorId,
    orderId: order.id,
    number: a.number,
    deviceId: scope.deviceId,
    staffId: a.staffId,
    approvedBy: a.approvedBy,
    reason: a.reason,
    restock: a.restock,
    tender: a.tender,
    totalCents: a.totalCents,
    refundedAt: at,
  });
  await tx.insert(refundLines).values(
    a.lines.map((l) => ({ refundId: a.id, orderLineId: l.orderLineId, vendorId: scope.vendorId, quantity: l.quantity, amountCents: l.amountCents })),
  );
  if (a.restock) {
    const movements: MovementInput[] = a.lines.flatMap((l) => {
      const variantId = lines.get(l.orderLineId)?.variantId;
      return variantId
        ? [{ id: refundMovementId(a.id, l.orderLineId), variantId, kind: 'refund' as const, quantity: l.quantity, occurredAt: at, reference: a.id, staffId: a.staffId, deviceId: scope.deviceId }]
        : [];
    });
    await recordMovements(tx, scope.vendorId, movements);
  }
  await updatePaymentStatus(tx, order.id, order.totalCents);
  await loyaltyAfterCounterRefund(tx, order, a.id);
}
