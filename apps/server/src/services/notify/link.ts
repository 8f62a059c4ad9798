import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { checkouts, orders } from '../../db/schema/index';
import type { Env } from '../../env';
import { orderTrackingToken } from '../orders/tracking-token';

/**
 * The absolute links of a batch of notifications: `PUBLIC_URL` + path, and for an order's notification the
 * tracking token a guest needs (the same link as the order emails), so a tap opens the order on any device.
 */
export async function notificationLinks(db: DbOrTx, env: Env, rows: readonly { id: string; url: string; orderId: string | null }[]): Promise<Map<string, string>> {
  const base = env.PUBLIC_URL.replace(/\/+$/, '');
  const orderIds = [...new Set(rows.flatMap((r) => (r.orderId ? [r.orderId] : [])))];
  const keys = new Map<string, string>();
  if (orderIds.length > 0) {
    const found = await db
      .select({ id: orders.id, key: checkouts.idempotencyKey })
      .from(orders)
      .innerJoin(checkouts, eq(checkouts.id, orders.checkoutId))
      .where(inArray(orders.id, orderIds));
    for (const f of found) keys.set(f.id, f.key);
  }
  const links = new Map<string, string>();
  for (const r of rows) {
    const key = r.orderId ? keys.get(r.orderId) : undefined;
    const path = r.url.startsWith('/') ? r.url : `/${r.url}`;
    const token = r.orderId && key && path.startsWith(`/orders/${r.orderId}`) ? `${path.includes('?') ? '&' : '?'}t=${encodeURIComponent(orderTrackingToken(env, r.orderId, key))}` : '';
    links.set(r.id, `${base}${path}${token}`);
  }
  return links;
}
