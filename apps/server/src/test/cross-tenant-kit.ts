import { uuidv7 } from '@makeries/shared';
import { and, eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client';
import { categories, customers, orderLines, productImages, staff, stockAlerts } from '../db/schema/index';
import { checkoutRequest } from '../services/orders/test-kit';
import { addProduct, createShop, envelope, epochOf, pairCounter, saleArgs, type Counter } from '../services/sync/sync-test-kit';
import type { Caller, TestServer } from './harness';
import { createCustomerFixture } from './fixtures';

/**
 * Two shops, each with one of everything a cross-tenant call could aim at: product, variant, shop category,
 * tax rate, cashier, image, stock alert, open shift, a counter sale (with its line) to a customer of that shop
 * only, and a web order. Not a test file itself.
 */
export interface TenantShop {
  counter: Counter;
  owner: Caller;
  vendorId: string;
  ownerId: string;
  cashierId: string;
  productId: string;
  variantId: string;
  categoryId: string;
  taxRateId: string;
  imageId: string;
  alertId: string;
  shiftId: string;
  saleId: string;
  saleNumber: string;
  saleLineId: string;
  webOrderId: string;
  customer: { id: string; name: string; email: string; phone: string };
}

async function push(c: Counter, db: Db, name: Parameters<typeof envelope>[1], args: unknown): Promise<void> {
  const me = await c.caller.devices.me();
  const res = await c.caller.sync.push({ epoch: await epochOf(db), mutations: [envelope(me.device.lastMutationId + 1, name, args)] });
  if (res.results[0]?.status !== 'applied') throw new Error(`set-up ${name} was not applied: ${JSON.stringify(res.results)}`);
}

export async function tenantShop(server: TestServer): Promise<TenantShop> {
  const db = server.database.db;
  const shop = await createShop(db);
  const counter = await pairCounter(server, shop);
  const product = await addProduct(db, shop.vendorId, { name: 'Sourdough', priceCents: 250, stock: 20 });
  const [cashier] = await db.select({ id: staff.id }).from(staff).where(and(eq(staff.vendorId, shop.vendorId), eq(staff.role, 'cashier')));
  const categoryId = uuidv7();
  await db.insert(categories).values({ id: categoryId, vendorId: shop.vendorId, slug: 'our-loaves', name: 'Our loaves' });
  const [rate] = await queryRows<{ id: string }>(db, sql`SELECT id FROM tax_rates WHERE vendor_id = ${shop.vendorId}::uuid LIMIT 1`);
  const imageId = uuidv7();
  await db.insert(productImages).values({
    id: imageId,
    productId: product.productId,
    vendorId: shop.vendorId,
    originalPath: `products/${imageId}.jpg`,
    thumbPath: `products/${imageId}-t.jpg`,
    mediumPath: `products/${imageId}-m.jpg`,
    width: 10,
    height: 10,
  });
  const alertId = uuidv7();
  await db.insert(stockAlerts).values({ id: alertId, vendorId: shop.vendorId, variantId: product.variantId, kind: 'low_stock', onHand: 1, message: 'Low' });

  const id = uuidv7();
  const customer = { id, name: `Customer ${id.slice(-6)}`, email: `tenant-${id.slice(-8)}@example.test`, phone: `07700 8${id.slice(-5).replace(/\D/g, '3')}` };
  await db.insert(customers).values({ ...customer, passwordHash: 'unusable' });
  const shiftId = uuidv7();
  await push(counter, db, 'shift.event', { id: uuidv7(), shiftId, kind: 'open', staffId: shop.ownerId, occurredAt: new Date().toISOString(), amountCents: 1000 });
  const sale = saleArgs(counter, [[product, 1]], { customerId: customer.id });
  await push(counter, db, 'sale.complete', sale);
  const [line] = await db.select({ id: orderLines.id }).from(orderLines).where(eq(orderLines.orderId, sale.id));

  const buyer = await createCustomerFixture(db);
  const web = await (await server.caller({ sessionCookie: buyer.cookie })).orders.checkout(checkoutRequest([[product, 1]], [{ vendorId: shop.vendorId }]));
  const webOrderId = (web as { orders: { id: string }[] }).orders[0]?.id;
  if (!cashier || !rate || !line || !webOrderId) throw new Error('tenant set-up incomplete');
  return {
    counter,
    owner: await server.caller({ bearer: shop.ownerToken }),
    vendorId: shop.vendorId,
    ownerId: shop.ownerId,
    cashierId: cashier.id,
    productId: product.productId,
    variantId: product.variantId,
    categoryId,
    taxRateId: rate.id,
    imageId,
    alertId,
    shiftId,
    saleId: sale.id,
    saleNumber: sale.number,
    saleLineId: line.id,
    webOrderId,
    customer,
  };
}

/** What of a shop must never appear in another shop's answers. */
export function secretsOf(y: TenantShop): string[] {
  return [y.vendorId, y.productId, y.variantId, y.categoryId, y.taxRateId, y.cashierId, y.imageId, y.alertId, y.shiftId, y.saleId, y.webOrderId, y.customer.email, y.customer.name, y.customer.phone];
}

/** Bookkeeping a refused call may still write for its own caller (its session, device counters, its feed). */
const BOOKKEEPING = new Set(['change_log', 'device_mutations', 'sessions', 'rate_limits', '__drizzle_migrations']);

/**
 * A fingerprint of everything that is not shop X's: rows of every table with a vendor_id that belong to another
 * shop or to the marketplace (vendor_id NULL), every other shop's vendor row, and whole tables without a
 * vendor_id (customers, order lines, emails…). Equal before and after a call of X's = X changed nothing of theirs.
 */
export async function foreignState(db: Db, xVendorId: string): Promise<Record<string, string>> {
  const tables = await queryRows<{ name: string; scoped: boolean }>(
    db,
    sql`SELECT t.table_name AS name,
          EXISTS (SELECT 1 FROM information_schema.columns c
                  WHERE c.table_schema = 'public' AND c.table_name = t.table_name AND c.column_name = 'vendor_id') AS scoped
        FROM information_schema.tables t
        WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE'
        ORDER BY t.table_name`,
  );
  const out: Record<string, string> = {};
  for (const t of tables) {
    if (BOOKKEEPING.has(t.name)) continue;
    const where =
      t.name === 'vendors' ? sql`WHERE r.id <> ${xVendorId}::uuid` : t.scoped ? sql`WHERE r.vendor_id IS DISTINCT FROM ${xVendorId}::uuid` : sql``;
    const [row] = await queryRows<{ h: string | null; n: number }>(
      db,
      sql`SELECT md5(string_agg(r::text, '|' ORDER BY r::text)) AS h, count(*)::int AS n FROM ${sql.identifier(t.name)} r ${where}`,
    );
    out[t.name] = `${row?.n ?? 0}:${row?.h ?? ''}`;
  }
  return out;
}
