import { AppError, type OrderDetailView, type OrderPage, type OrderStatus } from '@makeries/shared';
import { and, desc, eq, inArray, lt, type SQL } from 'drizzle-orm';
import type { Actor } from '../../context';
import type { DbOrTx } from '../../db/client';
import { allOf, anyOf } from '../../db/conditions';
import { orders, vendors } from '../../db/schema/index';
import type { Env } from '../../env';
import { findOrderFor } from './access';
import { customerOrderScope, type CustomerViewer } from './customer-scope';
import { linesByOrder, orderDetailView, orderView, type ViewerRole } from './views';

export { transitionOrder } from './transition';

/** One order with its lines and status history, for whoever may see it (see findOrderFor). */
export async function getOrder(
  db: DbOrTx,
  env: Env,
  actor: Actor,
  input: { orderId: string; trackingToken?: string | undefined },
): Promise<OrderDetailView> {
  const { order, vendorName, access } = await findOrderFor(db, env, actor, input.orderId, input.trackingToken);
  return orderDetailView(db, order, vendorName, access.role);
}

export interface PageInput {
  cursor?: string | undefined;
  limit: number;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Cursor = the last row's (placed_at, id): stable newest-first paging even while new orders arrive. */
function encodeCursor(placedAt: Date, id: string): string {
  return Buffer.from(JSON.stringify([placedAt.toISOString(), id])).toString('base64url');
}

function decodeCursor(cursor: string): { placedAt: Date; id: string } {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && typeof parsed[0] === 'string' && typeof parsed[1] === 'string' && UUID_RE.test(parsed[1])) {
      const placedAt = new Date(parsed[0]);
      if (!Number.isNaN(placedAt.getTime())) return { placedAt, id: parsed[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw new AppError('BAD_INPUT', 'That page link is no longer valid. Start again from the first page.');
}

async function pageOrders(db: DbOrTx, scope: SQL, page: PageInput, role: ViewerRole): Promise<OrderPage> {
  const conditions: SQL[] = [scope];
  if (page.cursor) {
    const c = decodeCursor(page.cursor);
    conditions.push(anyOf(lt(orders.placedAt, c.placedAt), allOf(eq(orders.placedAt, c.placedAt), lt(orders.id, c.id))));
  }
  const rows = await db
    .select({ order: orders, vendorName: vendors.name })
    .from(orders)
    .innerJoin(vendors, eq(vendors.id, orders.vendorId))
    .where(and(...conditions))
    .orderBy(desc(orders.placedAt), desc(orders.id))
    .limit(page.limit + 1);
  const pageRows = rows.slice(0, page.limit);
  const lines = await linesByOrder(db, pageRows.map((r) => r.order));
  const last = pageRows[pageRows.length - 1];
  return {
    items: pageRows.map((r) => orderView(r.order, r.vendorName, lines.get(r.order.id) ?? [], role)),
    nextCursor: rows.length > page.limit && last ? encodeCursor(last.order.placedAt, last.order.id) : null,
  };
}

/** The vendor's inbox and history, newest first; optionally only some statuses or one channel. */
export async function listVendorOrders(
  db: DbOrTx,
  vendorId: string,
  input: PageInput & { status?: OrderStatus[] | undefined; channel?: 'web' | 'counter' | undefined },
): Promise<OrderPage> {
  const byStatus = input.status ? inArray(orders.status, input.status) : undefined;
  const byChannel = input.channel ? eq(orders.channel, input.channel) : undefined;
  return pageOrders(db, allOf(eq(orders.vendorId, vendorId), byStatus, byChannel), input, 'vendor');
}

/** A signed-in customer's orders across all vendors, newest first (only this session's until the email is confirmed). */
export async function listCustomerOrders(db: DbOrTx, viewer: CustomerViewer, input: PageInput): Promise<OrderPage> {
  return pageOrders(db, await customerOrderScope(db, viewer), input, 'customer');
}
