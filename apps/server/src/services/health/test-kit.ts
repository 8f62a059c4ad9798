import { uuidv7 } from '@makeries/shared';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { queryRows } from '../../db/client';
import { checkouts, orders, paymentRefunds, payments, refunds } from '../../db/schema/index';

/** Orders, checkouts and refunds written straight to the database for the health tests. Not a test file itself. */

export interface TestOrder {
  vendorId: string;
  channel: 'web' | 'counter';
  placedAt: Date;
  totalCents: number;
  status?: (typeof orders.$inferInsert)['status'];
  paymentStatus?: (typeof orders.$inferInsert)['paymentStatus'];
  checkoutId?: string | null;
}

let seq = 0;

export async function insertOrder(db: Db, o: TestOrder): Promise<string> {
  const id = uuidv7();
  seq++;
  await db.insert(orders).values({
    id,
    vendorId: o.vendorId,
    checkoutId: o.checkoutId ?? null,
    channel: o.channel,
    number: `${o.channel === 'web' ? 'W' : 'R1'}-${String(seq)}-${id.slice(-6)}`,
    status: o.status ?? (o.channel === 'web' ? 'accepted' : 'completed'),
    fulfilment: o.channel === 'web' ? 'pickup' : 'counter',
    currency: 'GBP',
    taxMode: 'inclusive',
    subtotalCents: o.totalCents,
    taxCents: 0,
    totalCents: o.totalCents,
    paymentStatus: o.paymentStatus ?? (o.channel === 'web' ? 'pay_at_pickup' : 'paid'),
    placedAt: o.placedAt,
  });
  return id;
}

export async function insertCheckout(db: Db, createdAt: Date, totalCents = 1000): Promise<string> {
  const id = uuidv7();
  await db.insert(checkouts).values({
    id,
    idempotencyKey: `k-${id}`,
    contact: { name: 'Casey', email: 'casey@example.test', phone: '' },
    currency: 'GBP',
    totalCents,
    paymentMethod: 'card',
    createdAt,
  });
  return id;
}

/** A counter refund of part of an order, as the sync does it (the order's `updated_at` moves too). */
export async function insertCounterRefund(db: Db, vendorId: string, orderId: string, totalCents: number): Promise<void> {
  const id = uuidv7();
  await db.insert(refunds).values({ id, vendorId, orderId, number: `RF-${id.slice(-8)}`, restock: false, tender: 'cash', totalCents, refundedAt: new Date() });
  await db.execute(sql`UPDATE orders SET updated_at = now() WHERE id = ${orderId}`);
}

/** A card refund row for a web order (`succeeded` unless said), without touching the order. */
export async function insertCardRefund(db: Db, vendorId: string, orderId: string, amountCents: number, status: 'pending' | 'succeeded' = 'succeeded'): Promise<void> {
  const paymentId = uuidv7();
  await db.insert(payments).values({ id: paymentId, kind: 'checkout', idempotencyKey: `p-${paymentId}`, amountCents: 100_000, currency: 'GBP', status: 'succeeded' });
  await db.insert(paymentRefunds).values({ id: `r-${paymentId}`, paymentId, vendorId, orderId, amountCents, currency: 'GBP', status });
}

export interface ShopDayRow {
  day: string;
  vendor_id: string;
  channel: string;
  orders: number;
  gmv_cents: number;
  refunded_cents: number;
}

type RawShopDay = Omit<ShopDayRow, 'gmv_cents' | 'refunded_cents'> & { gmv_cents: number | string; refunded_cents: number | string };

export async function shopDays(db: Db): Promise<ShopDayRow[]> {
  const rows = await queryRows<RawShopDay>(
    db,
    sql`SELECT to_char(day, 'YYYY-MM-DD') AS day, vendor_id, channel, orders, gmv_cents, refunded_cents FROM health_shop_days ORDER BY day, vendor_id, channel`,
  );
  return rows.map((r) => ({ ...r, gmv_cents: Number(r.gmv_cents), refunded_cents: Number(r.refunded_cents) }));
}

/** Empties the orders and the rollups (orders are never deleted in the product, so the next refresh starts over). */
export async function clearOrders(db: Db): Promise<void> {
  await db.execute(sql`DELETE FROM health_refresh_state`);
  await db.execute(sql`DELETE FROM health_shop_days`);
  await db.execute(sql`DELETE FROM health_periods`);
  await db.execute(sql`DELETE FROM payment_refunds`);
  await db.execute(sql`DELETE FROM payments`);
  await db.execute(sql`DELETE FROM refunds`);
  await db.execute(sql`DELETE FROM orders`);
  await db.execute(sql`DELETE FROM checkouts`);
}
