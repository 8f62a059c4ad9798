import { AppError, type AdminOrderPage, type AdminOrderRow, type AdminOrderSearchInput, type Contact } from '@makeries/shared';
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { customers, orders, vendors } from '../../db/schema/index';

/**
 * The operator's order search, newest first, web and counter orders alike. Each way of reading the box has its
 * own index (migration 0021), so a page stays a short index walk over a million orders:
 * - nothing typed: `orders_placed_idx (placed_at DESC, id DESC)` — the first N entries;
 * - a number (`W-12`, `A1-000042`, or its start): `orders_number_idx (number text_pattern_ops)` — a prefix range;
 * - an email: `orders_contact_email_idx (lower(contact->>'email'), placed_at DESC)` for the address typed at
 *   checkout, OR'ed (BitmapOr) with the account's orders on `orders_customer_idx` — the account is looked up first
 *   through `customers_email_uq`, since an IN (subquery) there makes the planner walk every order instead;
 * - a shop (name start or slug, vendors is small): `orders_vendor_placed_idx (vendor_id, placed_at DESC, id DESC)`.
 * Pages continue from an opaque cursor (placed_at to the microsecond + id), never an OFFSET.
 */

type Mode = AdminOrderPage['matchedBy'];

const NUMBER = /^(?:[a-z0-9]{1,8}-\d*|\d{1,12})$/i;

function searchMode(q: string | undefined): Mode {
  const text = q?.trim() ?? '';
  if (!text) return 'all';
  if (text.includes('@')) return 'email';
  return NUMBER.test(text) ? 'number' : 'shop';
}

function likePrefix(text: string): string {
  return `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const CURSOR = /^(\d{1,17})\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

function encodeCursor(micros: string, id: string): string {
  return Buffer.from(`${micros}.${id}`, 'utf8').toString('base64url');
}

/** The (placed_at, id) a page link continues after; anything else is BAD_INPUT. */
function decodeCursor(cursor: string): { micros: string; id: string } {
  const m = CURSOR.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m?.[1] || !m[2]) throw new AppError('BAD_INPUT', 'This page link is not valid. Go back to the first page.');
  return { micros: m[1], id: m[2] };
}

async function shopIds(db: DbOrTx, text: string): Promise<string[]> {
  const rows = await db
    .select({ id: vendors.id })
    .from(vendors)
    .where(sql`lower(${vendors.name}) LIKE ${likePrefix(text.toLowerCase())} OR lower(${vendors.slug}) = ${text.toLowerCase()}`)
    .limit(50);
  return rows.map((r) => r.id);
}

export async function searchOrders(db: DbOrTx, input: AdminOrderSearchInput): Promise<AdminOrderPage> {
  const q = input.q?.trim() ?? '';
  const mode = searchMode(q);
  const where: SQL[] = [];
  if (input.vendorId) where.push(eq(orders.vendorId, input.vendorId));
  if (input.channel) where.push(eq(orders.channel, input.channel));
  if (input.cursor !== undefined) {
    const c = decodeCursor(input.cursor);
    where.push(sql`(${orders.placedAt}, ${orders.id}) < ('epoch'::timestamptz + ${c.micros}::bigint * interval '1 microsecond', ${c.id}::uuid)`);
  }
  if (mode === 'number') where.push(sql`${orders.number} LIKE ${likePrefix(q.toUpperCase())}`);
  if (mode === 'email') {
    const email = q.toLowerCase();
    // the account first (one unique-index lookup), so the planner can OR two small index scans on orders
    const accounts = await db.select({ id: customers.id }).from(customers).where(sql`lower(${customers.email}) = ${email}`).limit(1);
    const typed = sql`lower(${orders.contact}->>'email') = ${email}`;
    const account = accounts[0];
    where.push(account ? sql`(${typed} OR ${orders.customerId} = ${account.id})` : typed);
  }
  if (mode === 'shop') {
    const ids = await shopIds(db, q);
    if (ids.length === 0) return { items: [], nextCursor: null, matchedBy: mode };
    where.push(inArray(orders.vendorId, ids));
  }
  const rows = await db
    .select({
      o: orders,
      micros: sql<string>`(extract(epoch from ${orders.placedAt}) * 1000000)::bigint::text`,
      shop: { id: vendors.id, name: vendors.name, slug: vendors.slug },
      accountEmail: customers.email,
      accountName: customers.name,
    })
    .from(orders)
    .innerJoin(vendors, eq(vendors.id, orders.vendorId))
    .leftJoin(customers, eq(customers.id, orders.customerId))
    .where(where.length > 0 ? and(...where) : undefined)
    .orderBy(desc(orders.placedAt), desc(orders.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => orderRow(r.o, r.shop, { email: r.accountEmail, name: r.accountName })),
    nextCursor: rows.length > input.limit && last ? encodeCursor(last.micros, last.o.id) : null,
    matchedBy: mode,
  };
}

type OrderRecord = typeof orders.$inferSelect;

/** One order as the console lists it: the contact typed at checkout, else the account's. */
export function orderRow(o: OrderRecord, shop: AdminOrderRow['shop'], account: { email: string | null; name: string | null }): AdminOrderRow {
  const contact: Contact | null = o.contact ?? null;
  return {
    id: o.id,
    number: o.number,
    channel: o.channel,
    status: o.status,
    paymentStatus: o.paymentStatus,
    shop,
    customerName: contact?.name ?? account.name,
    customerEmail: contact?.email ?? account.email,
    totalCents: o.totalCents,
    currency: o.currency,
    placedAt: o.placedAt.toISOString(),
  };
}
