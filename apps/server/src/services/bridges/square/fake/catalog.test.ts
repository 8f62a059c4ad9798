import { afterEach, describe, expect, it } from 'vitest';
import type { Square } from 'square';
import type { SquareFake } from './index';
import { MERCHANT, clientFor, squareError, startWithMerchant } from './test-helpers';

let fake: SquareFake;
afterEach(async () => {
  await fake.close();
});

async function listAll(client: ReturnType<typeof clientFor>, types: string): Promise<Square.CatalogObject[]> {
  const out: Square.CatalogObject[] = [];
  for await (const o of await client.catalog.list({ types })) out.push(o);
  return out;
}

describe('square fake: catalog', () => {
  it('lists every object across cursor pages, items embedding their variations, without deleted ones', async () => {
    fake = await startWithMerchant({ pageSize: 7 });
    const seeded = fake.seedItems(MERCHANT, 20, { taxes: 2, categories: 3, imageEvery: 5 });
    fake.deleteObject(MERCHANT, seeded.itemIds[0] ?? '');
    const client = clientFor(fake);

    const items = await listAll(client, 'ITEM');
    expect(items).toHaveLength(19);
    expect(new Set(items.map((o) => o.id)).size).toBe(19);
    const first = items[0];
    if (first?.type !== 'ITEM') throw new Error('expected an ITEM');
    expect(first.itemData?.variations?.length).toBeGreaterThan(0);
    expect(typeof first.version).toBe('bigint');
    const variation = first.itemData?.variations?.[0];
    if (variation?.type !== 'ITEM_VARIATION') throw new Error('expected a variation');
    expect(typeof variation.itemVariationData?.priceMoney?.amount).toBe('bigint');
    expect(fake.calls('/v2/catalog/list').length).toBe(3);

    const all = await listAll(client, 'ITEM,ITEM_VARIATION,CATEGORY,TAX,IMAGE');
    const byType = (t: string) => all.filter((o) => o.type === t).length;
    expect([byType('TAX'), byType('CATEGORY'), byType('IMAGE')]).toEqual([2, 3, 4]);
    expect(byType('ITEM_VARIATION')).toBe(seeded.variationIds.length - 1); // item 0 had one variation
  });

  it('search: begin_time is exclusive, tombstones only with include_deleted_objects, latest_time is the next cursor', async () => {
    fake = await startWithMerchant();
    const a = fake.upsertItem(MERCHANT, { name: 'Sourdough', variations: [{ name: 'Loaf', sku: 'SD-1', price: 650 }] });
    const b = fake.upsertItem(MERCHANT, { name: 'Rye', variations: [{ name: 'Loaf', sku: 'RY-1', price: 550 }] });
    const client = clientFor(fake);
    const first = await client.catalog.search({ objectTypes: ['ITEM', 'ITEM_VARIATION'], includeDeletedObjects: true });
    expect(first.objects?.map((o) => o.id).sort()).toEqual([a.itemId, ...a.variationIds, b.itemId, ...b.variationIds].sort());
    const cursor = first.latestTime ?? '';
    expect(cursor).not.toBe('');

    const nothing = await client.catalog.search({ objectTypes: ['ITEM', 'ITEM_VARIATION'], includeDeletedObjects: true, beginTime: cursor });
    expect(nothing.objects ?? []).toEqual([]);
    expect(nothing.latestTime).toBe(cursor);

    const beforeVersion = fake.catalogObject(MERCHANT, a.itemId)?.version ?? 0;
    fake.upsertItem(MERCHANT, { id: a.itemId, name: 'Sourdough XL', variations: [{ id: a.variationIds[0] ?? '', name: 'Loaf', sku: 'SD-1', price: 700 }] });
    fake.deleteObject(MERCHANT, b.itemId);

    const changed = await client.catalog.search({ objectTypes: ['ITEM', 'ITEM_VARIATION'], includeDeletedObjects: true, beginTime: cursor });
    const ids = (changed.objects ?? []).map((o) => `${o.id}:${String(o.isDeleted)}`).sort();
    expect(ids).toEqual([`${a.itemId}:false`, `${a.variationIds[0] ?? ''}:false`, `${b.itemId}:true`, `${b.variationIds[0] ?? ''}:true`].sort());
    const updated = (changed.objects ?? []).find((o) => o.id === a.itemId);
    expect(Number(updated?.version)).toBeGreaterThan(beforeVersion);
    expect(changed.latestTime && changed.latestTime > cursor).toBe(true);

    const live = await client.catalog.search({ objectTypes: ['ITEM'], beginTime: cursor });
    expect((live.objects ?? []).map((o) => o.id)).toEqual([a.itemId]);
  });

  it('search pages keep one snapshot: latest_time is the same on every page, later edits wait for the next sweep', async () => {
    fake = await startWithMerchant();
    fake.seedItems(MERCHANT, 5, { taxes: 0, categories: 0 });
    const client = clientFor(fake);
    const p1 = await client.catalog.search({ objectTypes: ['ITEM'], limit: 2 });
    const late = fake.upsertItem(MERCHANT, { name: 'Late', variations: [{ name: 'One', price: 100 }] });
    const pages = [p1];
    while (pages[pages.length - 1]?.cursor) {
      pages.push(await client.catalog.search({ objectTypes: ['ITEM'], limit: 2, cursor: pages[pages.length - 1]?.cursor ?? '' }));
    }
    expect(pages.map((p) => p.latestTime)).toEqual(pages.map(() => p1.latestTime));
    const seen = pages.flatMap((p) => (p.objects ?? []).map((o) => o.id));
    expect(seen).toHaveLength(5);
    expect(seen).not.toContain(late.itemId);
    const next = await client.catalog.search({ objectTypes: ['ITEM'], beginTime: p1.latestTime ?? '' });
    expect((next.objects ?? []).map((o) => o.id)).toEqual([late.itemId]);
  });

  it('upserting an item without one of its variations deletes that variation; every write bumps the version', async () => {
    fake = await startWithMerchant();
    const item = fake.upsertItem(MERCHANT, { name: 'Jam', variations: [{ name: 'Small', price: 300 }, { name: 'Large', price: 500 }] });
    const v1 = fake.catalogObject(MERCHANT, item.itemId)?.version ?? 0;
    fake.upsertItem(MERCHANT, { id: item.itemId, name: 'Jam', variations: [{ id: item.variationIds[0] ?? '', name: 'Small', price: 300 }] });
    const client = clientFor(fake);
    const got = await client.catalog.object.get({ objectId: item.itemId });
    if (got.object?.type !== 'ITEM') throw new Error('expected an ITEM');
    expect(got.object.itemData?.variations?.map((v) => v.id)).toEqual([item.variationIds[0]]);
    expect(Number(got.object.version)).toBeGreaterThan(v1);
    const gone = await client.catalog.batchGet({ objectIds: [item.variationIds[1] ?? ''], includeDeletedObjects: true });
    expect(gone.objects?.[0]?.isDeleted).toBe(true);
    const hidden = await client.catalog.batchGet({ objectIds: [item.variationIds[1] ?? ''] });
    expect(hidden.objects ?? []).toEqual([]);
    expect((await squareError(() => client.catalog.object.get({ objectId: item.variationIds[1] ?? '' }))).code).toBe('NOT_FOUND');
  });

  it('batch-retrieve returns related objects; images point at a PNG the fake serves', async () => {
    fake = await startWithMerchant();
    const ids = fake.upsertObjects(MERCHANT, [
      { type: 'TAX', id: '#tax', tax_data: { name: 'VAT', percentage: '7.5', inclusion_type: 'INCLUSIVE', enabled: true } },
      { type: 'CATEGORY', id: '#cat', category_data: { name: 'Bread' } },
      { type: 'IMAGE', id: '#img', image_data: { name: 'loaf', url: '' } },
      {
        type: 'ITEM',
        id: '#item',
        item_data: {
          name: 'Baguette',
          categories: [{ id: '#cat' }],
          tax_ids: ['#tax'],
          image_ids: ['#img'],
          variations: [{ type: 'ITEM_VARIATION', id: '#v', item_variation_data: { item_id: '#item', name: 'One', pricing_type: 'VARIABLE_PRICING' } }],
        },
      },
    ]);
    const client = clientFor(fake);
    const res = await client.catalog.batchGet({ objectIds: [ids.get('#item') ?? ''], includeRelatedObjects: true });
    const related = new Map((res.relatedObjects ?? []).map((o) => [o.id, o]));
    expect([...related.keys()].sort()).toEqual([ids.get('#tax'), ids.get('#cat'), ids.get('#img')].sort());
    const tax = related.get(ids.get('#tax') ?? '');
    if (tax?.type !== 'TAX') throw new Error('expected a TAX');
    expect(tax.taxData?.percentage).toBe('7.5');
    const image = related.get(ids.get('#img') ?? '');
    if (image?.type !== 'IMAGE') throw new Error('expected an IMAGE');
    const png = await fetch(image.imageData?.url ?? '');
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await png.arrayBuffer()).subarray(1, 4).toString()).toBe('PNG');
  });

  it('seeds 5,000 items with unique SKUs in one write and one webhook', async () => {
    fake = await startWithMerchant();
    fake.takeEvents();
    const seeded = fake.seedItems(MERCHANT, 5000);
    expect(seeded.itemIds).toHaveLength(5000);
    const skus = seeded.variationIds.map((id) => fake.catalogObject(MERCHANT, id)?.item_variation_data?.sku);
    expect(new Set(skus).size).toBe(seeded.variationIds.length);
    const events = fake.takeEvents();
    expect(events.map((e) => e.type)).toEqual(['catalog.version.updated']);
  });
});
