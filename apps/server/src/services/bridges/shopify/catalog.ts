import type { CatalogPage, ConnContext, ExtDeleted, ExtProduct, StockObservation } from '../types';
import { PosError } from '../types';
import { gql, type ShopifyEnv } from './client';
import { productsPage, type ProductNode, type ShopInfo, type VariantNode } from './mapping';
import { DELETED_PRODUCTS_QUERY, LEVELS_QUERY, PRODUCT_PAGE, PRODUCT_VARIANTS_QUERY, PRODUCTS_BY_ID_QUERY, PRODUCTS_SINCE_QUERY } from './queries';

/** Shopify's `updated_at` search is not exact at the edges and webhooks lag: every incremental run looks 5 minutes back. */
const OVERLAP_MS = 5 * 60_000;
/** what a page of products with their first variants is estimated to cost (points) */
const QUERY_COST = 650;

interface EventsAnswer {
  events: { nodes: ({ subjectId?: string; subjectType?: string; action?: string; createdAt?: string } | null)[]; pageInfo: PageInfo };
}

interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

type ShopFields = { shop: { currencyCode: string; taxesIncluded: boolean } };

function info(conn: ConnContext, r: ShopFields): ShopInfo {
  return { shop: conn.connectionKey, currencyCode: r.shop.currencyCode, taxesIncluded: r.shop.taxesIncluded };
}

/**
 * Products come with their first 30 variants; a product with more gets the rest here, page by page. Without them
 * the engine would archive the missing variants (it archives variants a product no longer lists).
 */
async function withAllVariants(env: ShopifyEnv, conn: ConnContext, nodes: readonly ProductNode[]): Promise<ProductNode[]> {
  const out: ProductNode[] = [];
  for (const p of nodes) {
    let page = p.variants?.pageInfo;
    if (!page?.hasNextPage) {
      out.push(p);
      continue;
    }
    const all: VariantNode[] = [...(p.variants?.nodes ?? [])];
    while (page?.hasNextPage && page.endCursor) {
      const r: { product: { variants: { nodes: VariantNode[]; pageInfo: PageInfo } } | null } = await gql(env, conn, PRODUCT_VARIANTS_QUERY, { id: p.id, after: page.endCursor }, { cost: 210 });
      if (!r.product) break;
      all.push(...r.product.variants.nodes);
      page = r.product.variants.pageInfo;
    }
    out.push({ ...p, variants: { nodes: all } });
  }
  return out;
}

function searchTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new PosError('rejected', 'The catalog sync position is not a time.');
  return new Date(t - OVERLAP_MS).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Cursor of an incremental run: `p:<products cursor>` while products are paged, then `d:<events cursor>` while
 * deletions are; deletions come from the shop's events (`action:destroy`, the documented successor of
 * deletionEvents), since a deleted product is simply absent from `products`.
 */
export async function catalogSince(env: ShopifyEnv, conn: ConnContext, since: string, cursor: string | null): Promise<CatalogPage & { latest: string | null }> {
  const from = searchTime(since);
  if (cursor === null || cursor.startsWith('p:')) {
    const after = cursor?.slice(2) || null;
    const r = await gql<ShopFields & { products: { nodes: ProductNode[]; pageInfo: PageInfo } }>(env, conn, PRODUCTS_SINCE_QUERY, { query: `updated_at:>'${from}'`, after }, { cost: QUERY_COST });
    const page = productsPage(await withAllVariants(env, conn, r.products.nodes), info(conn, r));
    const latest = latestOf(page.products.map((p) => p.updatedAt));
    const next = r.products.pageInfo.hasNextPage && r.products.pageInfo.endCursor ? `p:${r.products.pageInfo.endCursor}` : `d:${String(latest ? Date.parse(latest) : 0)}:`;
    return { ...page, categories: [], deleted: [], next, latest };
  }
  // `d:<latest product time, ms>:<events cursor>`: the deletion pages keep the run's latest time from going back
  const m = /^d:(\d+):(.*)$/.exec(cursor);
  if (!m) throw new PosError('rejected', 'The catalog sync position is unreadable.');
  const seen = Number(m[1]);
  const after = m[2] || null;
  let r: EventsAnswer;
  try {
    r = await gql<EventsAnswer>(env, conn, DELETED_PRODUCTS_QUERY, { query: `subject_type:PRODUCT AND action:destroy AND created_at:>'${from}'`, after }, { cost: 20 });
  } catch (e) {
    // the shop's event log refused (not the products, read just before): deletions then wait for the nightly full
    // compare, which archives every product Shopify no longer lists, rather than stopping the whole sync
    if (e instanceof PosError && (e.kind === 'rejected' || (e.kind === 'auth' && e.code === 'ACCESS_DENIED'))) {
      return { products: [], taxes: [], categories: [], images: [], deleted: [], next: null, latest: seen > 0 ? new Date(seen).toISOString() : null };
    }
    throw e;
  }
  const deleted: ExtDeleted[] = [];
  for (const e of r.events.nodes) {
    if (!e?.subjectId || e.subjectType !== 'PRODUCT' || e.action !== 'destroy' || !e.createdAt) continue;
    const at = new Date(e.createdAt);
    // the engine compares tombstone versions as numbers (catalog-apply archiveDeleted): the deletion time in ms
    deleted.push({ extId: e.subjectId, type: 'product', version: String(at.getTime()), updatedAt: at.toISOString() });
  }
  const next = r.events.pageInfo.hasNextPage && r.events.pageInfo.endCursor ? `d:${String(seen)}:${r.events.pageInfo.endCursor}` : null;
  const latest = latestOf([...deleted.map((d) => d.updatedAt), ...(seen > 0 ? [new Date(seen).toISOString()] : [])]);
  return { products: [], taxes: [], categories: [], images: [], deleted, next, latest };
}

function latestOf(times: readonly string[]): string | null {
  let best: string | null = null;
  for (const t of times) if (best === null || Date.parse(t) > Date.parse(best)) best = t;
  return best;
}

/** Products by id (10 per call); ids Shopify no longer has are simply missing from the answer. */
export async function productsById(env: ShopifyEnv, conn: ConnContext, extIds: string[]): Promise<ExtProduct[]> {
  const ids = [...new Set(extIds)];
  const out: ExtProduct[] = [];
  for (let i = 0; i < ids.length; i += PRODUCT_PAGE) {
    const r = await gql<ShopFields & { nodes: (ProductNode | null)[] }>(env, conn, PRODUCTS_BY_ID_QUERY, { ids: ids.slice(i, i + PRODUCT_PAGE) }, { cost: QUERY_COST });
    const nodes = r.nodes.filter((n): n is ProductNode => n !== null && typeof n.id === 'string');
    out.push(...productsPage(await withAllVariants(env, conn, nodes), info(conn, r)).products);
  }
  return out;
}

interface LevelNode {
  id?: string;
  tracked?: boolean;
  inventoryLevel?: { updatedAt: string; quantities: { name: string; quantity: number; updatedAt?: string | null }[] } | null;
}

/** Well past the stamped second, so a small clock difference with Shopify cannot make a current second look finished. */
const SETTLED_AFTER_MS = 5_000;

/**
 * When a read count holds. Shopify stamps counts in whole seconds, and the engine keeps the lower of two counts of
 * one instant; a count read once its second is well over is that second's final state, so it is placed at the
 * second's last millisecond: it wins over any webhook of the same second (a sale then a restock in one second no
 * longer stays low until the item's next change), and loses to anything stamped later.
 */
export function readCountAt(updatedAt: string, readAt: number): string {
  const at = Date.parse(updatedAt);
  return new Date(readAt - at >= SETTLED_AFTER_MS && at % 1000 === 0 ? at + 999 : at).toISOString();
}

/** `available` at the chosen location of each inventory item (our variant ids), 100 per query; observedAt = Shopify's update time (see readCountAt). */
export async function stockOf(env: ShopifyEnv, conn: ConnContext, variantExtIds: string[]): Promise<StockObservation[]> {
  const location = conn.locationExtId;
  if (!location) throw new PosError('rejected', 'Choose the Shopify location that is this shop first.');
  const out: StockObservation[] = [];
  const ids = [...new Set(variantExtIds)];
  for (let i = 0; i < ids.length; i += 100) {
    const r = await gql<{ nodes: (LevelNode | null)[] }>(env, conn, LEVELS_QUERY, { ids: ids.slice(i, i + 100), location }, { cost: 310 });
    const readAt = Date.now();
    for (const n of r.nodes) {
      const level = n?.inventoryLevel;
      if (!n?.id || !level) continue;
      const available = level.quantities.find((q) => q.name === 'available');
      const at = available?.updatedAt ?? level.updatedAt;
      out.push({ variantExtId: n.id, locationExtId: location, quantity: n.tracked === false ? null : (available?.quantity ?? null), observedAt: readCountAt(at, readAt) });
    }
  }
  return out;
}
