import {
  AppError,
  formatReceiptNumber,
  parseReceiptNumber,
  type CounterRefundRecord,
  type CounterSaleRecord,
  type SaleRefundArgs,
} from '@makeries/shared';
import { and, asc, eq, sql } from 'drizzle-orm';
import { queryRows, type Db, type Tx } from '../../db/client';
import { devices, orderLines, orderPayments, orders, refundLines, refunds } from '../../db/schema/index';
import type { Env } from '../../env';
import { applySaleRefund } from './handlers/sale-refund';
import type { DeviceRef } from './push';
import { loadScope } from './scope';
import { lineView } from '../orders/views';

/*
 * A customer may bring a receipt back to any register of the shop. The register that did not make the sale
 * finds it here and refunds it synchronously, so this server — which sees every register's refunds — refuses
 * a second refund of the same line before any money is handed over. Everything is scoped to the device's shop.
 */

function normalisedNumber(raw: string): string {
  const parsed = parseReceiptNumber(raw);
  if (!parsed) throw new AppError('NOT_FOUND', `"${raw.trim()}" is not a receipt number like A1-000042.`);
  return formatReceiptNumber(parsed.registerCode, parsed.sequence);
}

async function findOrder(db: Db | Tx, vendorId: string, by: { number?: string | undefined; saleId?: string | undefined }) {
  const match = by.saleId !== undefined ? eq(orders.id, by.saleId) : eq(orders.number, normalisedNumber(by.number ?? ''));
  const [row] = await db
    .select({ order: orders, registerCode: devices.registerCode, registerName: devices.name })
    .from(orders)
    .leftJoin(devices, eq(devices.id, orders.deviceId))
    .where(and(match, eq(orders.vendorId, vendorId), eq(orders.channel, 'counter')));
  if (!row) {
    const what = by.number !== undefined ? `Receipt ${by.number.trim().toUpperCase()}` : 'That sale';
    throw new AppError('NOT_FOUND', `${what} is not a sale of this shop on the server. Check the number, or the sale may not have been sent yet by its register.`);
  }
  return row;
}

/** A counter sale of the device's shop, with what has been refunded of each line (by any register). */
export async function findCounterSale(db: Db, device: DeviceRef, by: { number?: string | undefined; saleId?: string | undefined }): Promise<CounterSaleRecord> {
  const { order, registerCode, registerName } = await findOrder(db, device.vendorId, by);
  const lines = await db.select().from(orderLines).where(eq(orderLines.orderId, order.id)).orderBy(asc(orderLines.lineNo));
  const payments = await db.select().from(orderPayments).where(eq(orderPayments.orderId, order.id)).orderBy(asc(orderPayments.id));
  const done = await queryRows<{ lineId: string; qty: number; amount: number }>(
    db,
    sql`SELECT rl.order_line_id AS "lineId", sum(rl.quantity)::int AS qty, sum(rl.amount_cents)::int AS amount
        FROM refund_lines rl JOIN order_lines ol ON ol.id = rl.order_line_id
        WHERE ol.order_id = ${order.id} GROUP BY rl.order_line_id`,
  );
  const refunded = new Map(done.map((d) => [d.lineId, d]));
  return {
    id: order.id,
    number: order.number,
    registerCode: registerCode ?? order.number.split('-')[0] ?? '',
    registerName: registerName ?? null,
    currency: order.currency,
    taxMode: order.taxMode,
    subtotalCents: order.subtotalCents,
    discountCents: order.discountCents,
    taxCents: order.taxCents,
    roundingCents: order.roundingCents,
    totalCents: order.totalCents,
    note: order.note,
    staffId: order.staffId,
    customerId: order.customerId,
    completedAt: order.placedAt.toISOString(),
    lines: lines.map((l) => ({
      ...lineView(l),
      refundedQuantity: refunded.get(l.id)?.qty ?? 0,
      refundedCents: refunded.get(l.id)?.amount ?? 0,
    })),
    payments: payments.map((p) => ({
      id: p.id,
      kind: p.kind,
      amountCents: p.amountCents,
      tenderedCents: p.tenderedCents,
      changeCents: p.changeCents,
      reference: p.reference,
    })),
  };
}

async function storedRefund(tx: Tx, vendorId: string, id: string): Promise<CounterRefundRecord['refund'] | null> {
  const [r] = await tx.select().from(refunds).where(and(eq(refunds.id, id), eq(refunds.vendorId, vendorId)));
  if (!r) return null;
  const lines = await tx
    .select({ orderLineId: refundLines.orderLineId, quantity: refundLines.quantity, amountCents: refundLines.amountCents })
    .from(refundLines)
    .where(eq(refundLines.refundId, id))
    .orderBy(asc(refundLines.orderLineId));
  return { id: r.id, orderId: r.orderId, number: r.number, totalCents: r.totalCents, tender: r.tender, restock: r.restock, refundedAt: r.refundedAt.toISOString(), lines };
}

/**
 * Records a refund now, in one transaction under the sale's row lock: two registers refunding the same line
 * one after the other (or at the same moment) cannot refund more than was sold — the second gets CONFLICT with
 * `details.quantityLeft`. Idempotent by the refund's client-made id: a retry returns the first recording.
 * The same refund later arriving through `sync.push` (the counter's outbox) is a no-op for the same reason.
 */
export async function refundCounterSale(db: Db, env: Env, device: DeviceRef, a: SaleRefundArgs): Promise<CounterRefundRecord> {
  return db.transaction(async (tx) => {
    // lock the sale first, so a retry racing its own first attempt sees that attempt's row once it may go on
    const [order] = await tx
      .select({ id: orders.id })
      .from(orders)
      .where(and(eq(orders.id, a.orderId), eq(orders.vendorId, device.vendorId), eq(orders.channel, 'counter')))
      .for('update');
    const before = await storedRefund(tx, device.vendorId, a.id);
    if (before) {
      if (before.orderId !== a.orderId) throw new AppError('CONFLICT', 'This refund id is already used for another sale.');
      return { created: false, refund: before };
    }
    if (!order) throw new AppError('NOT_FOUND', 'The sale being refunded is not a sale of this shop on the server.');
    const [clash] = await tx.select({ id: refunds.id }).from(refunds).where(and(eq(refunds.vendorId, device.vendorId), eq(refunds.number, a.number)));
    if (clash) throw new AppError('CONFLICT', `Refund number ${a.number} is already used in this shop.`);
    const scope = await loadScope(tx, env, device.vendorId, device.deviceId, device.proven ?? []);
    await applySaleRefund(tx, scope, a);
    const after = await storedRefund(tx, device.vendorId, a.id);
    if (!after) throw new AppError('INTERNAL', 'The refund was not recorded.');
    return { created: true, refund: after };
  });
}
