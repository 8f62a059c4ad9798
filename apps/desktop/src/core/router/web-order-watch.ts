import { desc } from 'drizzle-orm';
import type { OrderStatus } from '@makeries/shared';
import type { CounterDb } from '../db/open';
import { mirrorWebOrders } from '../db/schema/index';

export interface WebOrderEvent {
  /** arrived: new to this counter (play the sound); updated: its status moved (here or online); message: the customer wrote (issue 18) */
  kind: 'arrived' | 'updated' | 'message';
  orderId: string;
  number: string;
  status: OrderStatus;
}

/** The inbox shows recent orders; older ones are settled and not worth diffing on every pull. */
const WATCHED = 500;

/**
 * Diffs the mirrored web orders against what it saw last time. The first look only takes a snapshot, so a
 * counter restart does not announce every order again.
 */
export function createWebOrderWatch(db: CounterDb) {
  const read = () =>
    db
      .select({ id: mirrorWebOrders.id, number: mirrorWebOrders.number, status: mirrorWebOrders.status })
      .from(mirrorWebOrders)
      .orderBy(desc(mirrorWebOrders.placedAt), desc(mirrorWebOrders.id))
      .limit(WATCHED)
      .all();

  let seen = new Map<string, OrderStatus>(read().map((o) => [o.id, o.status]));

  return {
    check(): WebOrderEvent[] {
      const rows = read();
      const before = seen;
      const events: WebOrderEvent[] = [];
      for (const o of rows) {
        const was = before.get(o.id);
        if (was === undefined) events.push({ kind: 'arrived', orderId: o.id, number: o.number, status: o.status });
        else if (was !== o.status) events.push({ kind: 'updated', orderId: o.id, number: o.number, status: o.status });
      }
      seen = new Map(rows.map((o) => [o.id, o.status]));
      // oldest first, so the inbox plays arrivals in the order customers placed them
      return events.reverse();
    },
  };
}
