import { and, eq, inArray, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { allOf } from '../../db/conditions';
import { checkouts, customers, orders } from '../../db/schema/index';

/** The signed-in customer looking at orders: their account and the session they are using now. */
export interface CustomerViewer {
  customerId: string;
  sessionId: string;
}

/**
 * Which of an account's orders this session may see. A confirmed email sees them all, on every device. An
 * unconfirmed account has only shown it knows the password, not that it owns the address, so it sees only
 * the orders placed in this very session (checkouts remember their session); signing in elsewhere, or again,
 * shows none of the earlier ones until the email is confirmed. Tracking links keep working for everyone.
 */
export async function customerOrderScope(db: DbOrTx, viewer: CustomerViewer): Promise<SQL> {
  const mine = eq(orders.customerId, viewer.customerId);
  const [row] = await db.select({ verifiedAt: customers.emailVerifiedAt }).from(customers).where(eq(customers.id, viewer.customerId));
  if (row?.verifiedAt) return mine;
  const thisSession = db
    .select({ id: checkouts.id })
    .from(checkouts)
    .where(and(eq(checkouts.customerId, viewer.customerId), eq(checkouts.sessionId, viewer.sessionId)));
  return allOf(mine, inArray(orders.checkoutId, thisSession));
}
