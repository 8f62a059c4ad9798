import type { BridgeAttention, BridgePreview } from '@makeries/shared';
import { and, asc, eq, sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client';
import { posConnections, posImportStaging, vendors } from '../../db/schema/index';
import { planProduct } from './plan';
import type { ExtCategory, ExtImage, ExtProduct, ExtTax } from './types';

export interface StagedCatalog {
  products: ExtProduct[];
  taxes: Map<string, ExtTax>;
  categories: Map<string, ExtCategory>;
  images: Map<string, ExtImage>;
}

/** Everything staged but the products (small: taxes, categories, image URLs), plus optionally the products. */
export async function loadStaged(db: DbOrTx, connectionId: string, withProducts: boolean): Promise<StagedCatalog> {
  const rows = await db
    .select({ type: posImportStaging.type, data: posImportStaging.data })
    .from(posImportStaging)
    .where(and(eq(posImportStaging.connectionId, connectionId), withProducts ? undefined : sql`${posImportStaging.type} <> 'product'`))
    .orderBy(asc(posImportStaging.seq));
  const out: StagedCatalog = { products: [], taxes: new Map(), categories: new Map(), images: new Map() };
  for (const r of rows) {
    if (r.type === 'product') out.products.push(r.data as unknown as ExtProduct);
    else if (r.type === 'tax') out.taxes.set(String(r.data.extId), r.data as unknown as ExtTax);
    else if (r.type === 'category') out.categories.set(String(r.data.extId), r.data as unknown as ExtCategory);
    else if (r.type === 'image') out.images.set(String(r.data.extId), r.data as unknown as ExtImage);
  }
  return out;
}

const REASON_WORDS: Record<BridgeAttention['reason'], string> = {
  variable_price: 'variable price',
  tax_mode_mismatch: 'tax mode mismatch',
  duplicate_sku: 'duplicate SKU',
  duplicate_barcode: 'duplicate barcode',
  currency: 'other currency',
  price_too_large: 'price out of range',
  no_variations: 'no variations',
  in_store_only: 'in-store only',
};

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** "412 products, 530 variants, 3 taxes; 7 items need attention (variable price / duplicate SKU)". */
function previewSentence(p: Omit<BridgePreview, 'summary'>, reasons: readonly BridgeAttention['reason'][]): string {
  const head = `${plural(p.products, 'product')}, ${plural(p.variants, 'variant')}, ${plural(p.taxes, 'tax', 'taxes')}`;
  if (p.attention === 0) return `${head}; nothing needs attention.`;
  const why = [...new Set(reasons)].map((r) => REASON_WORDS[r]).join(' / ');
  return `${head}; ${plural(p.attention, 'item')} ${p.attention === 1 ? 'needs' : 'need'} attention (${why}).`;
}

/**
 * What the import would do, computed from the staged catalog without writing anything: counts, the items that need
 * the owner's attention, and how many existing products a SKU or barcode match would link instead of creating.
 */
export async function buildPreview(db: DbOrTx, connectionId: string): Promise<BridgePreview & { items: BridgeAttention[] }> {
  const [conn] = await db
    .select({ vendorId: posConnections.vendorId, currency: posConnections.currency, taxMode: vendors.taxMode, provider: posConnections.provider })
    .from(posConnections)
    .innerJoin(vendors, eq(vendors.id, posConnections.vendorId))
    .where(eq(posConnections.id, connectionId));
  if (!conn) throw new Error('connection vanished');
  const staged = await loadStaged(db, connectionId, true);
  const items: BridgeAttention[] = [];
  const skuSeen = new Map<string, string>();
  let variantCount = 0;
  for (const product of staged.products) {
    const plan = planProduct(product, { taxMode: conn.taxMode, currency: conn.currency, taxes: staged.taxes }, 'sq');
    items.push(...plan.attention);
    variantCount += plan.variants.length;
    for (const v of plan.variants) {
      if (!v.skuFromPos) continue;
      const first = skuSeen.get(v.sku);
      if (first && first !== product.extId) items.push({ extId: product.extId, name: product.name, reason: 'duplicate_sku', detail: `SKU ${v.sku} is used by another item in the point of sale too; this one gets its own SKU here.` });
      else skuSeen.set(v.sku, product.extId);
    }
  }
  const skus = [...skuSeen.keys()];
  const barcodes = staged.products.flatMap((p) => p.variants.flatMap((v) => (v.barcode ? [v.barcode] : [])));
  const matchCount = async (column: 'sku' | 'barcode', values: string[]) => {
    if (values.length === 0) return 0;
    const [r] = await queryRows<{ n: number }>(
      db,
      sql`SELECT count(DISTINCT v.product_id)::int AS n FROM variants v
          WHERE v.vendor_id = ${conn.vendorId} AND v.${sql.raw(column)} IN (${sql.join(
            values.map((x) => sql`${x}`),
            sql`, `,
          )})
            AND NOT EXISTS (SELECT 1 FROM pos_entity_map m WHERE m.connection_id = ${connectionId} AND m.entity = 'variant' AND m.local_id = v.id)`,
    );
    return r?.n ?? 0;
  };
  const counts = {
    products: staged.products.length,
    variants: variantCount,
    taxes: staged.taxes.size,
    categories: staged.categories.size,
    images: staged.images.size,
    attention: new Set(items.map((i) => i.extId)).size,
    matches: { sku: await matchCount('sku', skus), barcode: await matchCount('barcode', barcodes) },
  };
  return { ...counts, summary: previewSentence(counts, items.map((i) => i.reason)), items };
}
