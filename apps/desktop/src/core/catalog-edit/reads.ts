import type Database from 'better-sqlite3';
import type { SyncVariant } from '@makeries/shared';
import { onHandFor } from '../catalog/stock';
import type { CoreContext } from '../context';
import type { ProductListInput } from './inputs';
import { productListInput } from './inputs';
import { parseInput } from '../errors';

/** A variant as the catalog editor shows it: the synced fields, plus on-hand as staff see it. */
export type EditableVariant = Omit<SyncVariant, 'productId' | 'vendorId' | 'updatedAt'> & {
  /** the counter's view: the server's level plus unsynced moves; null when stock is not tracked */
  onHand: number | null;
};

export interface EditableProduct {
  id: string;
  name: string;
  categoryId: string | null;
  categoryName: string | null;
  onlineVisible: boolean;
  archived: boolean;
  /** bridged from a point of sale ('square'…): its name, variants, prices and stock are edited there; null = ours */
  posProvider: string | null;
  /** where the owner edits it in that POS */
  posEditUrl: string | null;
  variants: EditableVariant[];
  /** a catalog edit of this product is queued and not yet confirmed by the server */
  pendingSync: boolean;
}

interface ProductRow {
  id: string;
  name: string;
  categoryId: string | null;
  categoryName: string | null;
  onlineVisible: number;
  archived: number;
  posProvider: string | null;
  posEditUrl: string | null;
}

interface VariantRow {
  id: string;
  productId: string;
  name: string;
  sku: string;
  barcode: string | null;
  priceCents: number;
  taxClass: string;
  soldBy: 'each' | 'weight';
  trackStock: number;
  lowStockThreshold: number;
  sort: number;
  archived: number;
}

const STATUS_SQL: Record<string, string> = {
  active: 'p.archived = 0',
  online: 'p.archived = 0 AND p.online_visible = 1',
  hidden: 'p.archived = 0 AND p.online_visible = 0',
  archived: 'p.archived = 1',
  all: '1 = 1',
};

function pendingProductIds(sqlite: Database.Database): Set<string> {
  const rows = sqlite
    .prepare(
      `SELECT json_extract(args, '$.productId') AS id FROM outbox
       WHERE status = 'pending' AND name IN ('catalog.productCreate', 'catalog.productUpdate', 'product.quickAdd')`,
    )
    .all() as { id: string | null }[];
  return new Set(rows.map((r) => r.id).filter((x): x is string => x !== null));
}

function variantsOf(ctx: CoreContext, productIds: string[]): Map<string, EditableVariant[]> {
  const out = new Map<string, EditableVariant[]>();
  if (productIds.length === 0) return out;
  const rows = ctx.sqlite
    .prepare(
      `SELECT id, product_id AS productId, name, sku, barcode, price_cents AS priceCents, tax_class AS taxClass, sold_by AS soldBy,
              track_stock AS trackStock, low_stock_threshold AS lowStockThreshold, sort, archived
       FROM mirror_variants WHERE product_id IN (SELECT value FROM json_each(?)) ORDER BY archived, sort, name`,
    )
    .all(JSON.stringify(productIds)) as VariantRow[];
  const stock = onHandFor(ctx.db, rows.map((r) => r.id));
  for (const r of rows) {
    const list = out.get(r.productId) ?? [];
    list.push({
      id: r.id,
      name: r.name,
      sku: r.sku,
      barcode: r.barcode,
      priceCents: r.priceCents,
      taxClass: r.taxClass,
      soldBy: r.soldBy,
      trackStock: r.trackStock === 1,
      lowStockThreshold: r.lowStockThreshold,
      sort: r.sort,
      archived: r.archived === 1,
      onHand: r.trackStock === 1 ? (stock.get(r.id) ?? 0) : null,
    });
    out.set(r.productId, list);
  }
  return out;
}

/**
 * The back office's product list from the local catalog (works offline). The text matches the product
 * name, or any variant's name, SKU or barcode, so a scanned code finds its product.
 */
export function listProducts(ctx: CoreContext, input: ProductListInput): EditableProduct[] {
  return queryProducts(ctx, parseInput(productListInput, input));
}

/** limit -1 = every product (the CSV export). */
export function queryProducts(ctx: CoreContext, p: ReturnType<typeof productListInput.parse>): EditableProduct[] {
  const where = [STATUS_SQL[p.status] ?? '1 = 1'];
  const params: (string | number)[] = [];
  if (p.categoryId !== undefined) {
    where.push(p.categoryId === null ? 'p.category_id IS NULL' : 'p.category_id = ?');
    if (p.categoryId !== null) params.push(p.categoryId);
  }
  if (p.q) {
    const like = `%${p.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(
      `(p.name LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM mirror_variants v WHERE v.product_id = p.id
        AND (v.sku LIKE ? ESCAPE '\\' OR v.barcode LIKE ? ESCAPE '\\' OR v.name LIKE ? ESCAPE '\\')))`,
    );
    params.push(like, like, like, like);
  }
  const rows = ctx.sqlite
    .prepare(
      `SELECT p.id, p.name, p.category_id AS categoryId, c.name AS categoryName, p.online_visible AS onlineVisible, p.archived,
              p.pos_provider AS posProvider, p.pos_edit_url AS posEditUrl
       FROM mirror_products p LEFT JOIN mirror_categories c ON c.id = p.category_id
       WHERE ${where.join(' AND ')} ORDER BY p.name COLLATE NOCASE, p.id LIMIT ?`,
    )
    .all(...params, p.limit) as ProductRow[];
  const variants = variantsOf(ctx, rows.map((r) => r.id));
  const pending = pendingProductIds(ctx.sqlite);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    categoryId: r.categoryId,
    categoryName: r.categoryName,
    onlineVisible: r.onlineVisible === 1,
    archived: r.archived === 1,
    posProvider: r.posProvider,
    posEditUrl: r.posEditUrl,
    variants: variants.get(r.id) ?? [],
    pendingSync: pending.has(r.id),
  }));
}

export function productById(ctx: CoreContext, productId: string): EditableProduct | undefined {
  const row = ctx.sqlite
    .prepare(
      `SELECT p.id, p.name, p.category_id AS categoryId, c.name AS categoryName, p.online_visible AS onlineVisible, p.archived,
              p.pos_provider AS posProvider, p.pos_edit_url AS posEditUrl
       FROM mirror_products p LEFT JOIN mirror_categories c ON c.id = p.category_id WHERE p.id = ?`,
    )
    .get(productId) as ProductRow | undefined;
  if (!row) return undefined;
  return {
    id: row.id,
    name: row.name,
    categoryId: row.categoryId,
    categoryName: row.categoryName,
    onlineVisible: row.onlineVisible === 1,
    archived: row.archived === 1,
    posProvider: row.posProvider,
    posEditUrl: row.posEditUrl,
    variants: variantsOf(ctx, [row.id]).get(row.id) ?? [],
    pendingSync: pendingProductIds(ctx.sqlite).has(row.id),
  };
}

export interface CategoryRow {
  id: string;
  slug: string;
  name: string;
  sort: number;
  /** products of this shop in it (archived ones left out) */
  productCount: number;
  /** a marketplace category: pick it for products, but only the marketplace renames it */
  marketplace: boolean;
}

export function listCategories(ctx: CoreContext): CategoryRow[] {
  const rows = ctx.sqlite
    .prepare(
      `SELECT c.id, c.slug, c.name, c.sort, c.vendor_id IS NULL AS marketplace,
              (SELECT count(*) FROM mirror_products p WHERE p.category_id = c.id AND p.archived = 0) AS productCount
       FROM mirror_categories c ORDER BY c.sort, c.name COLLATE NOCASE`,
    )
    .all() as (Omit<CategoryRow, 'marketplace'> & { marketplace: number })[];
  return rows.map((r) => ({ ...r, marketplace: r.marketplace === 1 }));
}

export interface TaxRateRow {
  id: string;
  taxClass: string;
  name: string;
  rateBps: number;
}

export function listTaxRates(ctx: CoreContext): TaxRateRow[] {
  return ctx.sqlite
    .prepare('SELECT id, tax_class AS taxClass, name, rate_bps AS rateBps FROM mirror_tax_rates ORDER BY tax_class, name')
    .all() as TaxRateRow[];
}
