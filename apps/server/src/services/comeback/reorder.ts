import { AppError, formatMoney, type ReorderInput, type ReorderLine, type ReorderResult, type ReorderSkipped } from '@makeries/shared';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../../context';
import type { DbOrTx } from '../../db/client';
import { allOf } from '../../db/conditions';
import { inventoryLevels, orderLines, orders, products, variants, vendors } from '../../db/schema/index';
import type { Env } from '../../env';
import { findOrderFor } from '../orders/access';
import { customerOrderScope } from '../orders/customer-scope';
import { mediaUrl } from '../products/reads';

interface PastLine {
  variantId: string | null;
  name: string;
  variantName: string;
  soldBy: 'each' | 'weight';
  quantity: number;
  unitPriceCents: number;
  vendorName: string;
}

interface Current {
  variantId: string;
  productId: string;
  vendorId: string;
  vendorSlug: string;
  vendorName: string;
  vendorStatus: string;
  vendorPaused: boolean;
  currency: string;
  productName: string;
  variantName: string;
  priceCents: number;
  soldBy: 'each' | 'weight';
  trackStock: boolean;
  sellable: boolean;
  available: number;
  thumbPath: string | null;
}

/**
 * The orders to build the cart from: the one asked for and, for its signed-in customer, the other shops' orders of the
 * same checkout they may see. A guest's tracking token opens that one order only (it was minted for it alone).
 */
async function ordersToRepeat(db: DbOrTx, env: Env, actor: Actor, input: ReorderInput): Promise<{ id: string; number: string; vendorName: string }[]> {
  const found = await findOrderFor(db, env, actor, input.orderId, input.trackingToken);
  // shop staff and counters reach the order too, but reordering is the customer's
  if (found.access.role !== 'customer') throw new AppError('NOT_FOUND', 'We could not find that order.');
  const own = { id: found.order.id, number: found.order.number, vendorName: found.vendorName };
  if (actor.kind !== 'customer' || !found.order.checkoutId || found.order.customerId !== actor.customerId) return [own];
  const scope = await customerOrderScope(db, { customerId: actor.customerId, sessionId: actor.sessionId });
  const siblings = await db
    .select({ id: orders.id, number: orders.number, vendorName: vendors.name })
    .from(orders)
    .innerJoin(vendors, eq(vendors.id, orders.vendorId))
    .where(allOf(eq(orders.checkoutId, found.order.checkoutId), scope))
    .orderBy(asc(orders.id));
  return siblings.some((s) => s.id === own.id) ? siblings : [own, ...siblings];
}

async function pastLines(db: DbOrTx, orderIds: string[]): Promise<PastLine[]> {
  return db
    .select({
      variantId: orderLines.variantId,
      name: orderLines.name,
      variantName: orderLines.variantName,
      soldBy: orderLines.soldBy,
      quantity: orderLines.quantity,
      unitPriceCents: orderLines.unitPriceCents,
      vendorName: vendors.name,
    })
    .from(orderLines)
    .innerJoin(vendors, eq(vendors.id, orderLines.vendorId))
    .where(inArray(orderLines.orderId, orderIds))
    .orderBy(asc(orderLines.orderId), asc(orderLines.lineNo));
}

/** Today's price, stock and standing of the variants, sellable or not (so the customer is told why not). */
async function currentOf(db: DbOrTx, variantIds: string[]): Promise<Map<string, Current>> {
  if (variantIds.length === 0) return new Map();
  const rows = await db
    .select({
      variantId: variants.id,
      productId: products.id,
      vendorId: vendors.id,
      vendorSlug: vendors.slug,
      vendorName: vendors.name,
      vendorStatus: vendors.status,
      vendorPaused: vendors.paused,
      currency: vendors.currency,
      productName: products.name,
      variantName: variants.name,
      priceCents: variants.priceCents,
      soldBy: variants.soldBy,
      trackStock: variants.trackStock,
      sellable: sql<boolean>`(NOT ${variants.archived} AND NOT ${products.archived} AND ${products.onlineVisible} AND NOT ${products.moderationHidden})`,
      available: sql<number>`greatest(coalesce(${inventoryLevels.onHand}, 0) - coalesce(${inventoryLevels.reserved}, 0), 0)::int`,
      thumbPath: sql<string | null>`(SELECT pi.thumb_path FROM product_images pi WHERE pi.product_id = ${products.id} ORDER BY pi.sort, pi.id LIMIT 1)`,
    })
    .from(variants)
    .innerJoin(products, and(eq(products.id, variants.productId), eq(products.vendorId, variants.vendorId)))
    .innerJoin(vendors, eq(vendors.id, variants.vendorId))
    .leftJoin(inventoryLevels, eq(inventoryLevels.variantId, variants.id))
    .where(inArray(variants.id, variantIds));
  return new Map(rows.map((r) => [r.variantId, r]));
}

const label = (name: string, variantName: string) => (variantName && variantName !== 'Default' ? `${name} (${variantName})` : name);

function skip(line: PastLine, c: Current | undefined, reason: ReorderSkipped['reason'], message: string): ReorderSkipped {
  return { name: label(line.name, line.variantName), vendorName: c?.vendorName ?? line.vendorName, variantId: c?.variantId ?? null, productId: c?.productId ?? null, reason, message };
}

/** One past line (the same variant on several lines summed) against today's catalog: a cart line, or why not. */
function repeatLine(line: PastLine, c: Current | undefined, locale: string): ReorderLine | ReorderSkipped {
  const name = label(line.name, line.variantName);
  if (!c || !c.sellable || c.soldBy !== line.soldBy) return skip(line, c, 'gone', `${name} is no longer sold online.`);
  if (c.vendorStatus !== 'approved' || c.vendorPaused) return skip(line, c, 'shop_unavailable', `${c.vendorName} is not taking online orders right now.`);
  const quantity = c.trackStock ? Math.min(line.quantity, c.available) : line.quantity;
  if (quantity <= 0) return skip(line, c, 'sold_out', `${name} is sold out.`);
  const notes: string[] = [];
  const changed = c.priceCents !== line.unitPriceCents;
  if (changed) notes.push(`Now ${formatMoney(c.priceCents, c.currency, locale)}, was ${formatMoney(line.unitPriceCents, c.currency, locale)}.`);
  if (quantity < line.quantity) notes.push(c.soldBy === 'weight' ? 'Less is left than you ordered: we added what there is.' : `Only ${quantity} left: ${quantity} added instead of ${line.quantity}.`);
  return {
    variantId: c.variantId,
    productId: c.productId,
    vendorId: c.vendorId,
    vendorSlug: c.vendorSlug,
    vendorName: c.vendorName,
    productName: c.productName,
    variantName: c.variantName,
    unitPriceCents: c.priceCents,
    currency: c.currency,
    soldBy: c.soldBy,
    imageThumb: c.thumbPath ? mediaUrl(c.thumbPath) : null,
    quantity,
    orderedQuantity: line.quantity,
    previousUnitPriceCents: changed ? line.unitPriceCents : null,
    note: notes.length > 0 ? notes.join(' ') : null,
  };
}

/**
 * "Order this again": the lines of a past order (or checkout) as cart lines at today's prices and stock, and what could
 * not be added with the reason. Writes nothing — the storefront cart lives in the browser, and checkout checks it again.
 */
export async function reorder(db: DbOrTx, env: Env, actor: Actor, input: ReorderInput): Promise<ReorderResult> {
  const past = await ordersToRepeat(db, env, actor, input);
  const lines = await pastLines(
    db,
    past.map((o) => o.id),
  );
  // one cart line per variant, as checkout merges them; lines without a variant (a gone product) stay apart
  const merged: PastLine[] = [];
  const byVariant = new Map<string, PastLine>();
  for (const l of lines) {
    const seen = l.variantId ? byVariant.get(l.variantId) : undefined;
    if (seen) {
      seen.quantity += l.quantity;
      continue;
    }
    const copy = { ...l };
    merged.push(copy);
    if (l.variantId) byVariant.set(l.variantId, copy);
  }
  const current = await currentOf(db, [...byVariant.keys()]);
  const added: ReorderLine[] = [];
  const skipped: ReorderSkipped[] = [];
  for (const l of merged) {
    const out = repeatLine(l, l.variantId ? current.get(l.variantId) : undefined, env.MARKET_LOCALE);
    if ('reason' in out) skipped.push(out);
    else added.push(out);
  }
  return { orders: past, added, skipped };
}
