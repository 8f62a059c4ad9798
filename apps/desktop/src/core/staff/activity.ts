import { desc } from 'drizzle-orm';
import { uuidv7 } from '@makeries/shared';
import { isoAt } from '../context';
import type { CounterDb } from '../db/open';
import { activityLog } from '../db/schema/index';

export type ActivityKind =
  | 'login'
  | 'login_failed'
  | 'lockout'
  | 'logout'
  | 'auto_lock'
  | 'override'
  | 'no_sale'
  | 'void_line'
  | 'void_cart'
  | 'discount'
  | 'refund'
  | 'paid_in'
  | 'paid_out'
  | 'shift_open'
  | 'shift_close'
  | 'order_transition'
  /** a reply to a customer's order message (issue 18) */
  | 'order_message'
  | 'resolve_rejection'
  /** a drawer kick a crash interrupted: it may or may not have opened the drawer, and is not sent again */
  | 'drawer_unconfirmed';

export function logActivity(
  db: CounterDb,
  nowMs: number,
  staffId: string | null,
  kind: ActivityKind,
  detail: Record<string, unknown> = {},
): void {
  db.insert(activityLog).values({ id: uuidv7(nowMs), at: isoAt(nowMs), staffId, kind, detail }).run();
}

export function recentActivity(db: CounterDb, limit = 100) {
  return db.select().from(activityLog).orderBy(desc(activityLog.at), desc(activityLog.id)).limit(limit).all();
}
