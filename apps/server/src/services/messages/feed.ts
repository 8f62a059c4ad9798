import { and, asc, eq, gt, inArray, notInArray, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { orderMessages, orders } from '../../db/schema/index';
import { syncMessage } from './views';

/**
 * The change feed's loader for entity 'order_message' (services/sync/entities.ts): the shop's messages by id,
 * or (bootstrap) the messages of the web orders a counter bootstraps — open ones and the last week's.
 */
export async function loadOrderMessage(
  db: DbOrTx,
  vendorId: string,
  sel: { ids?: readonly string[]; afterId?: string | null; limit: number; snapshot?: boolean },
): Promise<{ id: string; data: Record<string, unknown> }[]> {
  const recent = sel.snapshot
    ? or(notInArray(orders.status, ['completed', 'rejected', 'cancelled']), gt(orders.updatedAt, sql`now() - interval '7 days'`))
    : undefined;
  const rows = await db
    .select({ m: orderMessages })
    .from(orderMessages)
    .innerJoin(orders, eq(orders.id, orderMessages.orderId))
    .where(
      and(
        eq(orderMessages.vendorId, vendorId),
        sel.ids ? inArray(orderMessages.id, [...sel.ids]) : undefined,
        sel.afterId ? gt(orderMessages.id, sel.afterId) : undefined,
        recent,
      ),
    )
    .orderBy(asc(orderMessages.id))
    .limit(sel.limit);
  return rows.map((r) => ({ id: r.m.id, data: syncMessage(r.m) as unknown as Record<string, unknown> }));
}
