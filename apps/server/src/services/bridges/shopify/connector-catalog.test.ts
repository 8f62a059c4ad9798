import { afterEach, describe, expect, it } from 'vitest';
import type { CatalogPage } from '../types';
import { MARKET, SHOP, startShopifyKit, type ShopifyKit } from './test-kit';

let kit: ShopifyKit | null = null;
afterEach(async () => {
  await kit?.close();
  kit = null;
});

/** Pages like the engine's import job: every page's cursor is what a restarted server would resume from. */
async function readAll(k: ShopifyKit, from: string | null, stopAfter = Infinity): Promise<{ pages: CatalogPage[]; cursor: string | null }> {
  const pages: CatalogPage[] = [];
  let cursor = from;
  do {
    const page = await k.connector.catalogPage(k.conn, cursor);
    pages.push(page);
    cursor = page.next;
  } while (cursor && pages.filter((p) => p.products.length > 0).length < stopAfter);
  return { pages, cursor };
}

describe('Shopify connector: catalog', () => {
  it('imports 600 products through one bulk operation, resumable from a persisted cursor without duplicates', async () => {
    kit = await startShopifyKit();
    const created = kit.fake.seedCatalog(SHOP, 600, { available: 4 });
    const first = await readAll(kit, null, 1);
    expect(first.pages[0]?.products).toEqual([]);
    expect(first.pages[0]?.next).toMatch(/^bulk:\d+:wait$/);
    expect(first.cursor).toMatch(/^bulk:\d+:250$/);
    // the server dies here; a new one resumes from the stored cursor
    const rest = await readAll(kit, first.cursor);
    const products = [...first.pages, ...rest.pages].flatMap((p) => p.products);
    expect(products.length).toBe(600);
    expect(new Set(products.map((p) => p.extId)).size).toBe(600);
    expect(kit.fake.calls('bulkOperationRunQuery').length).toBe(1);
    const one = products.find((p) => p.extId === created[1]?.productId);
    expect(one?.variants.map((v) => v.extId)).toEqual(created[1]?.inventoryItemIds);
    expect(one?.variants.map((v) => v.name)).toEqual(['Small', 'Medium']);
    expect(one?.variants[0]).toMatchObject({ sku: 'ITEM-2-1', priceCents: 1105, currency: 'GBP', tracked: true, archived: false });
    expect(products.find((p) => p.extId === created[0]?.productId)?.variants[0]?.name).toBe('Default');
    expect(products.find((p) => p.extId === created[4]?.productId)?.variants.every((v) => !v.tracked)).toBe(true);
  });

  it('adopts the bulk operation already running instead of failing', async () => {
    kit = await startShopifyKit();
    kit.fake.seedCatalog(SHOP, 3);
    const a = await kit.connector.catalogPage(kit.conn, null);
    for (let i = 0; i < 5; i++) await kit.connector.catalogPage(kit.conn, null);
    const again = await kit.connector.catalogPage(kit.conn, null);
    expect(again.next).toMatch(/^bulk:\d+:wait$/);
    const done = await readAll(kit, a.next);
    expect(done.pages.flatMap((p) => p.products).length).toBe(3);
  });

  it('starts a failed export again (a few times), and stops at once when Shopify denies the catalog', async () => {
    kit = await startShopifyKit();
    kit.fake.seedCatalog(SHOP, 12);
    kit.fake.faults.failBulk({ times: 2, errorCode: 'TIMEOUT' });
    const done = await readAll(kit, null);
    expect(done.pages.flatMap((p) => p.products)).toHaveLength(12);
    expect(kit.fake.calls('bulkOperationRunQuery')).toHaveLength(3);
    expect(done.pages.map((p) => p.next).filter((n) => n?.includes(':wait:r'))).not.toHaveLength(0);

    kit.fake.faults.failBulk({ times: 1, errorCode: 'ACCESS_DENIED' });
    await expect(readAll(kit, null)).rejects.toMatchObject({ kind: 'auth', code: 'ACCESS_DENIED' });
    kit.fake.faults.failBulk({ times: 9 });
    await expect(readAll(kit, null)).rejects.toMatchObject({ kind: 'rejected' });
    kit.fake.faults.clear();
  });

  it('reads what changed since a time (5-minute overlap), newest time as the next cursor, deletions as tombstones', async () => {
    kit = await startShopifyKit();
    const [a, b] = kit.fake.seedCatalog(SHOP, 3);
    const since = new Date(Date.now() + 10 * 60_000).toISOString();
    const none = await kit.connector.catalogSince(kit.conn, since, null);
    expect(none.products).toEqual([]);
    let page = await kit.connector.catalogSince(kit.conn, new Date(Date.now() - 60_000).toISOString(), null);
    const seen = [...page.products];
    while (page.next) {
      page = await kit.connector.catalogSince(kit.conn, new Date(Date.now() - 60_000).toISOString(), page.next);
      seen.push(...page.products);
    }
    expect(seen.length).toBe(3);
    expect(page.latest).not.toBeNull();

    kit.fake.updateProduct(a?.productId ?? '', { title: 'Renamed mug' });
    kit.fake.deleteProduct(b?.productId ?? '');
    const all: CatalogPage[] = [];
    let cursor: string | null = null;
    do {
      const p = await kit.connector.catalogSince(kit.conn, new Date(Date.now() - 60_000).toISOString(), cursor);
      all.push(p);
      cursor = p.next;
    } while (cursor);
    const products = all.flatMap((p) => p.products);
    expect(products.find((p) => p.extId === a?.productId)?.name).toBe('Renamed mug');
    expect(products.some((p) => p.extId === b?.productId)).toBe(false);
    expect(all.flatMap((p) => p.deleted).map((d) => [d.extId, d.type])).toEqual([[b?.productId, 'product']]);
    expect(await kit.connector.products(kit.conn, [a?.productId ?? '', b?.productId ?? ''])).toHaveLength(1);
  });

  it('reads every variant of a product with more than fit one query (pages of them), incrementally and by id', async () => {
    kit = await startShopifyKit();
    const big = kit.fake.createProduct(SHOP, {
      title: 'Button tin',
      variants: Array.from({ length: 75 }, (_, j) => ({ title: `No. ${String(j + 1)}`, options: [{ name: 'Number', value: `No. ${String(j + 1)}` }], price: '1.50', sku: `TIN-${String(j + 1)}` })),
    });
    const all = [];
    let cursor: string | null = null;
    do {
      const p = await kit.connector.catalogSince(kit.conn, new Date(Date.now() - 60_000).toISOString(), cursor);
      all.push(...p.products);
      cursor = p.next;
    } while (cursor);
    expect(all).toHaveLength(1);
    expect(all[0]?.variants.map((v) => v.extId)).toEqual(big.inventoryItemIds);
    const [byId] = await kit.connector.products(kit.conn, [big.productId]);
    expect(byId?.variants).toHaveLength(75);
    expect(kit.fake.calls('product').length).toBeGreaterThanOrEqual(2);
  });

  it('reads available counts at the chosen location for inventory items (untracked: null), Shopify’s time as observedAt', async () => {
    kit = await startShopifyKit();
    const [p1, , , , p5] = kit.fake.seedCatalog(SHOP, 5, { available: 6 });
    const tracked = p1?.inventoryItemIds[0] ?? '';
    const untracked = p5?.inventoryItemIds[0] ?? '';
    kit.fake.setAvailable(tracked, 9, MARKET);
    const obs = await kit.connector.stock(kit.conn, [tracked, untracked]);
    expect(obs).toHaveLength(2);
    expect(obs[0]).toMatchObject({ variantExtId: tracked, locationExtId: MARKET, quantity: 9 });
    expect(Number.isNaN(Date.parse(obs[0]?.observedAt ?? ''))).toBe(false);
    expect(obs[1]).toMatchObject({ variantExtId: untracked, quantity: null });
  });
});
