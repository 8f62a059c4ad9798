import { and, eq, notInArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { jobs, orders, paymentTransfers, payments } from '../../db/schema/index';
import { enqueue } from '../../jobs/queue';

export const TRANSFER_JOB = 'order-transfer';
export const ORDER_REFUND_JOB = 'order-refund';

const CLOSED_UNPAID = ['rejected', 'cancelled'] as const;

/**
 * Queues what a paid card order needs: a transfer to the shop once it accepted (any status past `placed`),
 * or a refund of its share once it was rejected/cancelled. Driven by the data, not by who made the change,
 * so transitions from the web, the counter's queued sync, and payments that succeed after the vendor
 * already accepted all end up here. Job keys make it idempotent; an order whose transfer was paid or whose
 * refund went through is skipped too, so deleting finished jobs after their retention never queues them again.
 */
export async function enqueueCardOrderWork(db: Db, checkoutId?: string): Promise<number> {
  const scope: SQL[] = [eq(payments.kind, 'checkout'), eq(payments.status, 'succeeded')];
  if (checkoutId) scope.push(eq(payments.checkoutId, checkoutId));
  const rows = await db
    .select({ orderId: orders.id, status: orders.status })
    .from(orders)
    .innerJoin(payments, eq(payments.checkoutId, orders.checkoutId))
    .where(
      and(
        ...scope,
        notInArray(orders.status, ['placed']),
        sql`NOT EXISTS (SELECT 1 FROM ${jobs} WHERE ${jobs.key} = (CASE WHEN ${orders.status} IN ('rejected', 'cancelled')
          THEN ${ORDER_REFUND_JOB + ':'} ELSE ${TRANSFER_JOB + ':'} END) || ${orders.id}::text)`,
        sql`NOT (${orders.status} IN ('rejected', 'cancelled') AND ${orders.paymentStatus} = 'refunded')`,
        sql`NOT EXISTS (SELECT 1 FROM ${paymentTransfers} WHERE ${paymentTransfers.orderId} = ${orders.id} AND ${paymentTransfers.status} = 'paid'
          AND ${orders.status} NOT IN ('rejected', 'cancelled'))`,
      ),
    )
    .limit(500);
  let queued = 0;
  for (const r of rows) {
    const refund = (CLOSED_UNPAID as readonly string[]).includes(r.status);
    const kind = refund ? ORDER_REFUND_JOB : TRANSFER_JOB;
    if (await enqueue(db, kind, `${kind}:${r.orderId}`, { orderId: r.orderId })) queued++;
  }
  return queued;
}
