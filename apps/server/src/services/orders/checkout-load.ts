import { AppError, weightOrderProblem, type CheckoutFulfilment, type CheckoutInput } from '@makeries/shared';
import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { products, variants, vendors } from '../../db/schema/index';
import { suspendedShopsOf } from './offline-shops';

interface CartVariant {
  variantId: string;
  productId: string;
  vendorId: string;
  productName: string;
  variantName: string;
  sku: string;
  priceCents: number;
  taxClass: string;
  soldBy: 'each' | 'weight';
}

interface CartLine {
  variant: CartVariant;
  quantity: number;
}

type LockedVendor = typeof vendors.$inferSelect;

export interface VendorCart {
  vendor: LockedVendor;
  fulfilment: CheckoutFulfilment;
  lines: CartLine[];
}

/** The same variant twice in one cart (two taps on "add") is one line with the summed quantity. */
export function mergeItems(items: CheckoutInput['items']): Map<string, number> {
  const merged = new Map<string, number>();
  for (const it of items) merged.set(it.variantId, (merged.get(it.variantId) ?? 0) + it.quantity);
  return merged;
}

/** What a customer may order online: live variants of visible products of approved shops (checkout and quote agree). */
export function sellableOnline(variantIds: string[]) {
  return and(
    inArray(variants.id, variantIds),
    eq(variants.archived, false),
    eq(products.archived, false),
    eq(products.onlineVisible, true),
    eq(products.moderationHidden, false),
    eq(vendors.status, 'approved'),
  );
}

async function loadVariants(tx: Tx, ids: string[]): Promise<Map<string, CartVariant>> {
  const rows = await tx
    .select({
      variantId: variants.id,
      productId: products.id,
      vendorId: variants.vendorId,
      productName: products.name,
      variantName: variants.name,
      sku: variants.sku,
      priceCents: variants.priceCents,
      taxClass: variants.taxClass,
      soldBy: variants.soldBy,
    })
    .from(variants)
    .innerJoin(products, and(eq(products.id, variants.productId), eq(products.vendorId, variants.vendorId)))
    .innerJoin(vendors, eq(vendors.id, variants.vendorId))
    .where(sellableOnline(ids));
  return new Map(rows.map((r) => [r.variantId, r]));
}

/**
 * Locks every vendor in the cart, in id order so two checkouts sharing vendors cannot deadlock. The lock
 * makes the paused/hours/minimum checks and the order number consistent with what gets written.
 */
async function lockVendors(tx: Tx, ids: string[]): Promise<Map<string, LockedVendor>> {
  const rows = await tx.select().from(vendors).where(inArray(vendors.id, ids)).orderBy(vendors.id).for('update');
  return new Map(rows.map((r) => [r.id, r]));
}

/** Groups the cart by vendor (in first-seen order) and pairs each group with its pickup/delivery choice. */
export async function loadVendorCarts(tx: Tx, input: CheckoutInput): Promise<VendorCart[]> {
  const merged = mergeItems(input.items);
  const found = await loadVariants(tx, [...merged.keys()]);
  const missing = [...merged.keys()].filter((id) => !found.has(id));
  const [suspended] = await suspendedShopsOf(tx, missing);
  if (suspended) {
    // shaped like checkout's other shop problems, so the storefront shows the message on that shop's group
    throw new AppError('VENDOR_PAUSED', `${suspended.message} Remove its items from your cart to order from the other shops.`, {
      details: { vendorId: suspended.vendorId, problems: [{ vendorId: suspended.vendorId, message: suspended.message }], variantIds: suspended.variantIds },
    });
  }
  if (missing.length > 0) {
    throw new AppError('NOT_FOUND', 'Some items in your cart are no longer available. Remove them and try again.', {
      details: { variantIds: missing },
    });
  }
  refuseBadWeights(merged, found);
  const groups = new Map<string, CartLine[]>();
  for (const [variantId, quantity] of merged) {
    const variant = found.get(variantId);
    if (!variant) continue;
    const list = groups.get(variant.vendorId) ?? [];
    list.push({ variant, quantity });
    groups.set(variant.vendorId, list);
  }
  const locked = await lockVendors(tx, [...groups.keys()].sort());
  const byVendor = new Map(input.fulfilment.map((f) => [f.vendorId, f]));
  const extra = input.fulfilment.filter((f) => !groups.has(f.vendorId)).map((f) => f.vendorId);
  if (extra.length > 0) {
    throw new AppError('BAD_INPUT', 'Pickup or delivery was chosen for a shop with nothing in your cart.', {
      details: { vendorIds: extra },
    });
  }
  const carts: VendorCart[] = [];
  for (const [vendorId, lines] of groups) {
    const vendor = locked.get(vendorId);
    const fulfilment = byVendor.get(vendorId);
    if (!vendor) throw new AppError('NOT_FOUND', 'A shop in your cart is no longer available.', { details: { vendorIds: [vendorId] } });
    if (!fulfilment) {
      throw new AppError('BAD_INPUT', `Choose pickup or delivery for ${vendor.name}.`, { details: { vendorId } });
    }
    carts.push({ vendor, fulfilment, lines });
  }
  return carts;
}

export function lineName(v: { productName: string; variantName: string }): string {
  return v.variantName && v.variantName !== 'Default' ? `${v.productName} (${v.variantName})` : v.productName;
}

/** A weighed item is ordered in grams within the shared limits (minimum, step, maximum); stock is checked later. */
function refuseBadWeights(merged: Map<string, number>, found: Map<string, CartVariant>): void {
  const refused = [...merged]
    .map(([variantId, grams]) => {
      const variant = found.get(variantId);
      return variant?.soldBy === 'weight' ? { variantId, problem: weightOrderProblem(lineName(variant), grams) } : null;
    })
    .filter((r): r is { variantId: string; problem: string } => r !== null && r.problem !== null);
  const [first] = refused;
  if (!first) return;
  throw new AppError('BAD_INPUT', first.problem, { details: { variantIds: refused.map((r) => r.variantId) } });
}
