import { AppError } from '@makeries/shared';
import { eq, type SQL } from 'drizzle-orm';
import type { Actor } from '../../context';
import type { DbOrTx } from '../../db/client';
import { allOf } from '../../db/conditions';
import { checkouts, orders, vendors } from '../../db/schema/index';
import type { Env } from '../../env';
import { customerOrderScope } from './customer-scope';
import { verifyTrackingToken } from './tracking-token';
import type { OrderRow } from './views';

/** How the caller reaches the order, and who they are in its event log. */
interface OrderAccess {
  role: 'vendor' | 'customer';
  eventActor: { kind: 'staff' | 'device' | 'customer' | 'system'; id: string | null };
}

export interface FoundOrder {
  order: OrderRow;
  vendorName: string;
  access: OrderAccess;
}

async function selectOrder(db: DbOrTx, where: SQL, lock: boolean): Promise<{ order: OrderRow; vendorName: string } | undefined> {
  const query = db
    .select({ order: orders, vendorName: vendors.name })
    .from(orders)
    .innerJoin(vendors, eq(vendors.id, orders.vendorId))
    .where(where)
    .limit(1);
  // only the order row is locked: transitions of one order queue up, the vendor row stays free for checkouts
  const rows = lock ? await query.for('update', { of: orders }) : await query;
  return rows[0];
}

async function tokenMatches(db: DbOrTx, env: Env, order: OrderRow, token: string): Promise<boolean> {
  if (!order.checkoutId) return false;
  const [c] = await db
    .select({ key: checkouts.idempotencyKey })
    .from(checkouts)
    .where(eq(checkouts.id, order.checkoutId))
    .limit(1);
  return c !== undefined && verifyTrackingToken(env, order.id, c.key, token);
}

/**
 * Finds an order the caller may see: staff/devices of its vendor, the customer who placed it (before the email
 * is confirmed: in this session, see customer-scope.ts), or anyone holding its tracking token. Everyone else gets NOT_FOUND, so order ids reveal nothing.
 */
export async function findOrderFor(
  db: DbOrTx,
  env: Env,
  actor: Actor,
  orderId: string,
  trackingToken: string | undefined,
  lock = false,
): Promise<FoundOrder> {
  if (actor.kind === 'staff' || actor.kind === 'device') {
    const found = await selectOrder(db, allOf(eq(orders.id, orderId), eq(orders.vendorId, actor.vendorId)), lock);
    const id = actor.kind === 'staff' ? actor.staffId : actor.deviceId;
    if (found) return { ...found, access: { role: 'vendor', eventActor: { kind: actor.kind, id } } };
  }
  if (actor.kind === 'customer') {
    const scope = await customerOrderScope(db, { customerId: actor.customerId, sessionId: actor.sessionId });
    const found = await selectOrder(db, allOf(eq(orders.id, orderId), scope), lock);
    if (found) return { ...found, access: { role: 'customer', eventActor: { kind: 'customer', id: actor.customerId } } };
  }
  if (trackingToken) {
    const found = await selectOrder(db, eq(orders.id, orderId), lock);
    if (found && (await tokenMatches(db, env, found.order, trackingToken))) {
      return { ...found, access: { role: 'customer', eventActor: { kind: 'customer', id: found.order.customerId } } };
    }
  }
  if (actor.kind === 'anonymous' && !trackingToken) {
    throw new AppError('UNAUTHENTICATED', 'Sign in, or open the tracking link from your order confirmation.');
  }
  throw new AppError('NOT_FOUND', 'We could not find that order.');
}

/** The marketplace itself (a POS bridge following the shop's point of sale) acting on an order: no caller to check. */
export async function findOrderForSystem(db: DbOrTx, orderId: string, lock: boolean): Promise<FoundOrder | null> {
  const found = await selectOrder(db, eq(orders.id, orderId), lock);
  return found ? { ...found, access: { role: 'vendor', eventActor: { kind: 'system', id: null } } } : null;
}
