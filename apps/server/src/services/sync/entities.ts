import type {
  ChangeEntity,
  SyncCategory,
  SyncPromoCode,
  SyncProduct,
  SyncStaff,
  SyncStockLevel,
  SyncTaxRate,
  SyncVariant,
  SyncVendor,
} from '@makeries/shared';
import { and, asc, eq, gt, inArray, isNull, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client';
import { categories, inventoryLevels, orders, products, promoCodes, staff, taxRates, variants, vendors } from '../../db/schema/index';
import { linesByOrder, orderView } from '../orders/views';
import { loadOrderMessage } from '../messages/feed';

/** Which rows to read: by id (the feed) or the next page in id order (the bootstrap snapshot). */
interface Selection {
  ids?: readonly string[];
  afterId?: string | null;
  limit: number;
  /** bootstrap: web orders are limited to open and recent ones */
  snapshot?: boolean;
}

interface EntityRow {
  id: string;
  data: Record<string, unknown>;
}

type Loader = (db: DbOrTx, vendorId: string, sel: Selection) => Promise<EntityRow[]>;

function where(idCol: AnyPgColumn, sel: Selection, ...extra: (SQL | undefined)[]): SQL | undefined {
  return and(sel.ids ? inArray(idCol, [...sel.ids]) : undefined, sel.afterId ? gt(idCol, sel.afterId) : undefined, ...extra);
}

const iso = (d: Date): string => d.toISOString();
/** Change.data is a plain record on the wire; the Sync* interfaces in shared document each shape. */
const row = (id: string, data: object): EntityRow => ({ id, data: data as Record<string, unknown> });

const loadVendor: Loader = async (db, vendorId, sel) => {
  const rows = await db.select().from(vendors).where(where(vendors.id, sel, eq(vendors.id, vendorId))).limit(sel.limit);
  return rows.map((v) => {
    const data: SyncVendor = {
      id: v.id,
      slug: v.slug,
      name: v.name,
      email: v.email,
      phone: v.phone,
      addressLine1: v.addressLine1,
      city: v.city,
      postcode: v.postcode,
      country: v.country,
      timezone: v.timezone,
      currency: v.currency,
      taxMode: v.taxMode,
      cashRoundingCents: v.cashRoundingCents,
      gs1Template: v.gs1Template ?? null,
      openingHours: v.openingHours,
      paused: v.paused,
      pausedReason: v.pausedReason,
      status: v.status,
      updatedAt: iso(v.updatedAt),
      description: v.description,
      receiptHeader: v.receiptHeader,
      receiptFooter: v.receiptFooter,
      taxNumber: v.taxNumber,
      receiptLogoPath: v.receiptLogoPath,
      soldOutPolicy: v.soldOutPolicy,
      blindClose: v.blindClose,
    };
    return row(v.id, data);
  });
};

/** Every counter mirrors the marketplace categories (vendorId null, read-only there) and its own shop's. */
const loadCategory: Loader = async (db, vendorId, sel) => {
  const rows = await db
    .select({ id: categories.id, vendorId: categories.vendorId, slug: categories.slug, name: categories.name, sort: categories.sort })
    .from(categories)
    .where(where(categories.id, sel, or(isNull(categories.vendorId), eq(categories.vendorId, vendorId))))
    .orderBy(asc(categories.id))
    .limit(sel.limit);
  return rows.map((c) => row(c.id, c satisfies SyncCategory));
};

const loadTaxRate: Loader = async (db, vendorId, sel) => {
  const rows = await db
    .select({ id: taxRates.id, vendorId: taxRates.vendorId, taxClass: taxRates.taxClass, name: taxRates.name, rateBps: taxRates.rateBps })
    .from(taxRates)
    .where(where(taxRates.id, sel, eq(taxRates.vendorId, vendorId)))
    .orderBy(asc(taxRates.id))
    .limit(sel.limit);
  return rows.map((t) => row(t.id, t satisfies SyncTaxRate));
};

const loadProduct: Loader = async (db, vendorId, sel) => {
  const rows = await db
    .select({
      id: products.id,
      vendorId: products.vendorId,
      categoryId: products.categoryId,
      name: products.name,
      description: products.description,
      dietaryTags: products.dietaryTags,
      onlineVisible: products.onlineVisible,
      archived: products.archived,
      posProvider: products.posProvider,
      posEditUrl: products.posEditUrl,
      updatedAt: products.updatedAt,
    })
    .from(products)
    .where(where(products.id, sel, eq(products.vendorId, vendorId)))
    .orderBy(asc(products.id))
    .limit(sel.limit);
  return rows.map((p) => row(p.id, { ...p, updatedAt: iso(p.updatedAt) } satisfies SyncProduct));
};

const loadVariant: Loader = async (db, vendorId, sel) => {
  const rows = await db
    .select({
      id: variants.id,
      productId: variants.productId,
      vendorId: variants.vendorId,
      name: variants.name,
      sku: variants.sku,
      barcode: variants.barcode,
      priceCents: variants.priceCents,
      taxClass: variants.taxClass,
      soldBy: variants.soldBy,
      trackStock: variants.trackStock,
      lowStockThreshold: variants.lowStockThreshold,
      sort: variants.sort,
      archived: variants.archived,
      updatedAt: variants.updatedAt,
    })
    .from(variants)
    .where(where(variants.id, sel, eq(variants.vendorId, vendorId)))
    .orderBy(asc(variants.id))
    .limit(sel.limit);
  return rows.map((v) => row(v.id, { ...v, updatedAt: iso(v.updatedAt) } satisfies SyncVariant));
};

/** PIN hashes only: the counter verifies PINs offline, but password hashes never leave the server. */
const loadStaff: Loader = async (db, vendorId, sel) => {
  const rows = await db
    .select({ id: staff.id, vendorId: staff.vendorId, name: staff.name, role: staff.role, active: staff.active, pinHash: staff.pinHash })
    .from(staff)
    .where(where(staff.id, sel, eq(staff.vendorId, vendorId)))
    .orderBy(asc(staff.id))
    .limit(sel.limit);
  return rows.map((s) => row(s.id, s satisfies SyncStaff));
};

const loadStockLevel: Loader = async (db, vendorId, sel) => {
  const rows = await db
    .select({
      variantId: inventoryLevels.variantId,
      vendorId: inventoryLevels.vendorId,
      onHand: inventoryLevels.onHand,
      reserved: inventoryLevels.reserved,
      updatedAt: inventoryLevels.updatedAt,
    })
    .from(inventoryLevels)
    .where(where(inventoryLevels.variantId, sel, eq(inventoryLevels.vendorId, vendorId)))
    .orderBy(asc(inventoryLevels.variantId))
    .limit(sel.limit);
  return rows.map((l) => row(l.variantId, { ...l, updatedAt: iso(l.updatedAt) } satisfies SyncStockLevel));
};

/** Bootstrap brings open web orders and the last week's; the feed then keeps every later change coming. */
const RECENT_WEB_ORDERS = sql`now() - interval '7 days'`;

const loadWebOrder: Loader = async (db, vendorId, sel) => {
  const recent = sel.snapshot
    ? or(notInArray(orders.status, ['completed', 'rejected', 'cancelled']), gt(orders.updatedAt, RECENT_WEB_ORDERS))
    : undefined;
  const rows = await db
    .select({ order: orders, vendorName: vendors.name })
    .from(orders)
    .innerJoin(vendors, eq(vendors.id, orders.vendorId))
    .where(where(orders.id, sel, eq(orders.vendorId, vendorId), eq(orders.channel, 'web'), recent))
    .orderBy(asc(orders.id))
    .limit(sel.limit);
  const lines = await linesByOrder(
    db,
    rows.map((r) => r.order),
  );
  return rows.map((r) => row(r.order.id, orderView(r.order, r.vendorName, lines.get(r.order.id) ?? [], 'vendor')));
};

/**
 * The shop's own codes, for the till (issue 18). Marketplace codes are not fed: the server records only a shop's
 * codes on a counter sale (services/promos/counter-sale.ts), so the till takes shop codes only.
 */
const loadPromoCode: Loader = async (db, vendorId, sel) => {
  const rows = await db
    .select()
    .from(promoCodes)
    .where(where(promoCodes.id, sel, eq(promoCodes.vendorId, vendorId), eq(promoCodes.fundedBy, 'shop')))
    .orderBy(asc(promoCodes.id))
    .limit(sel.limit);
  return rows.map((p) => {
    const data: SyncPromoCode = {
      id: p.id,
      vendorId,
      code: p.code,
      description: p.description,
      discount: p.discountKind === 'percent' ? { kind: 'percent', bps: p.percentBps } : { kind: 'amount', amountCents: p.amountCents },
      minBasketCents: p.minBasketCents,
      firstOrderOnly: p.firstOrderOnly,
      startsAt: p.startsAt ? iso(p.startsAt) : null,
      endsAt: p.endsAt ? iso(p.endsAt) : null,
      active: p.active,
      updatedAt: iso(p.updatedAt),
    };
    return row(p.id, data);
  });
};

export const LOADERS: Record<ChangeEntity, Loader> = {
  vendor: loadVendor,
  category: loadCategory,
  tax_rate: loadTaxRate,
  product: loadProduct,
  variant: loadVariant,
  staff: loadStaff,
  stock_level: loadStockLevel,
  web_order: loadWebOrder,
  order_message: loadOrderMessage,
  promo_code: loadPromoCode,
};

/** Bootstrap order: what a row refers to comes before it (products before variants, variants before levels). */
export const SNAPSHOT_ORDER: readonly ChangeEntity[] = ['vendor', 'category', 'tax_rate', 'staff', 'product', 'variant', 'stock_level', 'web_order', 'order_message', 'promo_code'];
