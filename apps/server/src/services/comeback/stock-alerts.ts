import { AppError, uuidv7, type StockAlertListInput, type StockAlertPage } from '@makeries/shared';
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client';
import { products, stockAlertSubscriptions, variants, vendors } from '../../db/schema/index';
import { inTransaction } from '../inventory/levels';

/** "Tell me when it's back": a signed-in customer's subscriptions to sold-out variants (one per customer and variant). */

interface Target {
  variantId: string;
  productId: string;
  vendorId: string;
  name: string;
  trackStock: boolean;
  available: number;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The variant as the storefront shows it, its stock level row locked FOR SHARE: a restock committing meanwhile is
 * waited for and then seen, so a subscription is never armed on a variant that has just come back.
 */
async function lockTarget(db: DbOrTx, variantId: string): Promise<Target | undefined> {
  if (!UUID_RE.test(variantId)) return undefined;
  // (the nullable side of the join below cannot be locked there)
  await db.execute(sql`SELECT 1 FROM inventory_levels WHERE variant_id = ${variantId} FOR SHARE`);
  const [row] = await queryRows<Target>(
    db,
    sql`SELECT v.id AS "variantId", p.id AS "productId", v.vendor_id AS "vendorId",
               CASE WHEN v.name = 'Default' THEN p.name ELSE p.name || ' (' || v.name || ')' END AS name,
               v.track_stock AS "trackStock",
               greatest(coalesce(l.on_hand, 0) - coalesce(l.reserved, 0), 0)::int AS available
        FROM variants v
        JOIN products p ON p.id = v.product_id AND p.vendor_id = v.vendor_id
        JOIN vendors s ON s.id = v.vendor_id
        LEFT JOIN inventory_levels l ON l.variant_id = v.id
        WHERE v.id = ${variantId} AND NOT v.archived AND NOT p.archived AND p.online_visible AND NOT p.moderation_hidden
          AND s.status = 'approved'`,
  );
  return row;
}

/** Arms (or re-arms, after an earlier notice) the customer's subscription; refused while the variant is in stock. */
export async function subscribeStockAlert(db: DbOrTx, customerId: string, variantId: string): Promise<{ subscribed: true }> {
  return inTransaction(db, async (tx) => {
    const target = await lockTarget(tx, variantId);
    if (!target) throw new AppError('NOT_FOUND', 'We could not find that product.');
    if (!target.trackStock || target.available > 0) throw new AppError('CONFLICT', `${target.name} is in stock now — add it to your cart.`);
    await tx
      .insert(stockAlertSubscriptions)
      .values({ id: uuidv7(), customerId, vendorId: target.vendorId, productId: target.productId, variantId: target.variantId })
      .onConflictDoUpdate({
        target: [stockAlertSubscriptions.customerId, stockAlertSubscriptions.variantId],
        set: { notifiedAt: null, restockId: null, createdAt: sql`now()` },
      });
    return { subscribed: true as const };
  });
}

export async function unsubscribeStockAlert(db: DbOrTx, customerId: string, variantId: string): Promise<{ subscribed: false }> {
  await db.delete(stockAlertSubscriptions).where(and(eq(stockAlertSubscriptions.customerId, customerId), eq(stockAlertSubscriptions.variantId, variantId)));
  return { subscribed: false };
}

/** Which variants of one product the customer is waiting for (armed subscriptions), for the product page. */
export async function stockAlertsForProduct(db: DbOrTx, customerId: string, productId: string): Promise<{ variantIds: string[] }> {
  const rows = await db
    .select({ variantId: stockAlertSubscriptions.variantId })
    .from(stockAlertSubscriptions)
    .where(and(eq(stockAlertSubscriptions.customerId, customerId), eq(stockAlertSubscriptions.productId, productId), sql`${stockAlertSubscriptions.notifiedAt} IS NULL`));
  return { variantIds: rows.map((r) => r.variantId) };
}

/** The customer's subscriptions, newest first, paged by id (UUIDv7: creation order). */
export async function listStockAlerts(db: DbOrTx, customerId: string, input: StockAlertListInput): Promise<StockAlertPage> {
  const cursor = input.cursor && UUID_RE.test(input.cursor) ? input.cursor : undefined;
  if (input.cursor !== undefined && !cursor) throw new AppError('BAD_INPUT', 'That page link is not valid any more: start from the first page.');
  const rows = await db
    .select({
      id: stockAlertSubscriptions.id,
      variantId: stockAlertSubscriptions.variantId,
      productId: stockAlertSubscriptions.productId,
      productName: products.name,
      variantName: variants.name,
      vendorName: vendors.name,
      vendorSlug: vendors.slug,
      createdAt: stockAlertSubscriptions.createdAt,
      notifiedAt: stockAlertSubscriptions.notifiedAt,
    })
    .from(stockAlertSubscriptions)
    .innerJoin(products, eq(products.id, stockAlertSubscriptions.productId))
    .innerJoin(variants, eq(variants.id, stockAlertSubscriptions.variantId))
    .innerJoin(vendors, eq(vendors.id, stockAlertSubscriptions.vendorId))
    .where(and(eq(stockAlertSubscriptions.customerId, customerId), cursor ? lt(stockAlertSubscriptions.id, cursor) : undefined))
    .orderBy(desc(stockAlertSubscriptions.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  return {
    items: page.map((r) => ({
      variantId: r.variantId,
      productId: r.productId,
      productName: r.productName,
      variantName: r.variantName,
      vendorName: r.vendorName,
      vendorSlug: r.vendorSlug,
      createdAt: r.createdAt.toISOString(),
      notifiedAt: r.notifiedAt ? r.notifiedAt.toISOString() : null,
    })),
    nextCursor: rows.length > input.limit ? (page[page.length - 1]?.id ?? null) : null,
  };
}
