import { AppError, formatWebOrderNumber, uuidv7, weightLabel, type CheckoutInput, type Contact } from '@makeries/shared';
import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { checkouts, orderEvents, orderLines, orders, products, vendors } from '../../db/schema/index';
import { reserveStock } from '../inventory';
import { lineName } from './checkout-load';
import type { PricedCart } from './checkout-price';

export interface CheckoutClaim {
  checkoutId: string;
  idempotencyKey: string;
  customerId: string | null;
  sessionId: string | null;
  contact: Contact;
  currency: string;
  totalCents: number;
  paymentMethod: CheckoutInput['paymentMethod'];
}

/**
 * Claims the idempotency key. On PostgreSQL a concurrent submit with the same key waits here for the
 * first transaction; if that one committed, nothing is inserted and the caller replays its result.
 */
export async function claimCheckout(tx: Tx, claim: CheckoutClaim): Promise<boolean> {
  const rows = await tx
    .insert(checkouts)
    .values({
      id: claim.checkoutId,
      idempotencyKey: claim.idempotencyKey,
      customerId: claim.customerId,
      sessionId: claim.sessionId,
      contact: claim.contact,
      currency: claim.currency,
      totalCents: claim.totalCents,
      paymentMethod: claim.paymentMethod,
    })
    .onConflictDoNothing({ target: checkouts.idempotencyKey })
    .returning({ id: checkouts.id });
  return rows.length > 0;
}

interface Shortage {
  vendorId: string;
  variantId: string;
  name: string;
  requested: number;
  available: number;
}

/** Reserves every vendor's stock; any shortage anywhere fails the whole checkout (the transaction rolls back). */
export async function reserveAll(tx: Tx, carts: PricedCart[]): Promise<void> {
  const shortages: Shortage[] = [];
  // grams, shown as a weight in the message
  const weighed = new Set<string>();
  // one global lock order (vendor id, then variant id inside reserveStock) so racing checkouts cannot deadlock
  const ordered = [...carts].sort((a, b) => a.vendor.id.localeCompare(b.vendor.id));
  for (const cart of ordered) {
    const items = cart.lines.map((l) => ({ variantId: l.variant.variantId, quantity: l.quantity }));
    const result = await reserveStock(tx, cart.vendor.id, items);
    if (result.ok) continue;
    for (const s of result.shortages) {
      const line = cart.lines.find((l) => l.variant.variantId === s.variantId);
      const name = line ? lineName(line.variant) : 'An item';
      if (line?.variant.soldBy === 'weight') weighed.add(s.variantId);
      shortages.push({ vendorId: cart.vendor.id, variantId: s.variantId, name, requested: s.requested, available: s.available });
    }
  }
  const [first] = shortages;
  if (!first) return;
  const left = first.available > 0 ? `Only ${weighed.has(first.variantId) ? weightLabel(first.available) : first.available} left` : 'Sold out';
  const more = shortages.length > 1 ? ` ${shortages.length - 1} more ${shortages.length === 2 ? 'item is' : 'items are'} short too.` : '';
  throw new AppError('OUT_OF_STOCK', `${left}: ${first.name}. Lower the quantity or remove it.${more}`, {
    details: { shortages },
  });
}

export interface OrderWriteContext {
  checkoutId: string;
  customerId: string | null;
  contact: Contact;
  note: string;
  now: Date;
}

/** The vendor row is already locked by the checkout, so the number sequence has no gaps or duplicates. */
async function nextWebNumber(tx: Tx, vendorId: string): Promise<string> {
  const [row] = await tx
    .update(vendors)
    .set({ nextOrderNumber: sql`${vendors.nextOrderNumber} + 1` })
    .where(eq(vendors.id, vendorId))
    .returning({ next: vendors.nextOrderNumber });
  if (!row) throw new AppError('NOT_FOUND', 'A shop in your cart is no longer available.');
  return formatWebOrderNumber(row.next - 1);
}

/** Immutable copies of name, SKU, price and tax as sold, so later catalog edits never change an order. */
function lineSnapshots(cart: PricedCart, orderId: string): (typeof orderLines.$inferInsert)[] {
  return cart.lines.map((l, i) => {
    const t = cart.totals.lines.find((x) => x.key === l.variant.variantId);
    if (!t) throw new AppError('INTERNAL', 'Totals are missing a line.');
    return {
      id: uuidv7(),
      orderId,
      vendorId: cart.vendor.id,
      lineNo: i + 1,
      productId: l.variant.productId,
      variantId: l.variant.variantId,
      name: l.variant.productName,
      variantName: l.variant.variantName,
      sku: l.variant.sku,
      quantity: l.quantity,
      soldBy: l.variant.soldBy,
      unitPriceCents: l.variant.priceCents,
      taxRateBps: t.taxRateBps,
      discountCents: t.discountCents,
      taxCents: t.taxCents,
      totalCents: t.totalCents,
    };
  });
}

/** One vendor's order: the order, its immutable line snapshots and the first status event. */
export async function writeOrder(tx: Tx, cart: PricedCart, ctx: OrderWriteContext): Promise<{ id: string; number: string }> {
  const id = uuidv7();
  const number = await nextWebNumber(tx, cart.vendor.id);
  const { totals, fulfilment, vendor } = cart;
  await tx.insert(orders).values({
    id,
    vendorId: vendor.id,
    checkoutId: ctx.checkoutId,
    customerId: ctx.customerId,
    channel: 'web',
    number,
    status: 'placed',
    fulfilment: fulfilment.type,
    pickupAt: fulfilment.pickupAt ? new Date(fulfilment.pickupAt) : null,
    deliveryAddress: fulfilment.type === 'delivery' && fulfilment.address ? { ...fulfilment.address, country: fulfilment.address.country ?? vendor.country } : null,
    contact: ctx.contact,
    currency: vendor.currency,
    taxMode: vendor.taxMode,
    subtotalCents: totals.subtotalCents,
    discountCents: totals.discountCents,
    taxCents: totals.taxCents,
    deliveryFeeCents: totals.deliveryFeeCents,
    totalCents: totals.totalCents,
    paymentStatus: 'pay_at_pickup',
    note: ctx.note,
    placedAt: ctx.now,
  });
  await tx.insert(orderLines).values(lineSnapshots(cart, id));
  await tx.insert(orderEvents).values({
    id: uuidv7(),
    orderId: id,
    fromStatus: null,
    toStatus: 'placed',
    actorKind: 'customer',
    actorId: ctx.customerId,
  });
  return { id, number };
}

/** Storefront "popular" sort: units sold per product; a weighed line counts once rather than per gram. */
export async function bumpPopularity(tx: Tx, carts: PricedCart[]): Promise<void> {
  const byProduct = new Map<string, number>();
  for (const l of carts.flatMap((c) => c.lines)) {
    const units = l.variant.soldBy === 'weight' ? 1 : l.quantity;
    byProduct.set(l.variant.productId, (byProduct.get(l.variant.productId) ?? 0) + units);
  }
  for (const [productId, units] of [...byProduct].sort(([a], [b]) => a.localeCompare(b))) {
    await tx.update(products).set({ popularity: sql`${products.popularity} + ${units}` }).where(eq(products.id, productId));
  }
}
