import { and, eq } from 'drizzle-orm';
import type { CounterDb } from '../db/open';
import { mirrorWebOrders, orderMessages } from '../db/schema/index';
import type { WebOrderEvent } from './web-order-watch';

/**
 * New unread customer messages since the last look (issue 18), announced on the web-order stream as
 * `kind: 'message'` so the workspace rings and shows a notice like for a new order. The first look only takes a
 * snapshot, so a counter restart does not ring for messages it already had.
 */
export function createMessageWatch(db: CounterDb) {
  const read = () =>
    db
      .select({ id: orderMessages.id, orderId: orderMessages.orderId, number: mirrorWebOrders.number, status: mirrorWebOrders.status })
      .from(orderMessages)
      .innerJoin(mirrorWebOrders, eq(mirrorWebOrders.id, orderMessages.orderId))
      .where(and(eq(orderMessages.seen, false), eq(orderMessages.author, 'customer')))
      .all();
  let seen = new Set(read().map((m) => m.id));
  return {
    check(): WebOrderEvent[] {
      const rows = read();
      const events: WebOrderEvent[] = [];
      const announced = new Set<string>();
      for (const m of rows) {
        if (seen.has(m.id) || announced.has(m.orderId)) continue;
        announced.add(m.orderId);
        events.push({ kind: 'message', orderId: m.orderId, number: m.number, status: m.status });
      }
      seen = new Set(rows.map((m) => m.id));
      return events;
    },
  };
}
