import { afterEach, describe, expect, it } from 'vitest';
import { planProduct } from '../plan';
import type { CatalogPage, ExtProduct, ExtTax } from '../types';
import { RESTAURANT, startToastKit, type ToastKit } from './fake/kit';
import { toCents } from './mapping';

const MENUS = '/menus/v2/menus';
let kit: ToastKit | null = null;

afterEach(async () => {
  await kit?.fake.close();
  kit = null;
});

async function allPages(k: ToastKit, first: string | null = null): Promise<CatalogPage[]> {
  const pages: CatalogPage[] = [];
  let cursor = first;
  do {
    const page = await k.connector.catalogPage(k.conn, cursor);
    pages.push(page);
    cursor = page.next;
  } while (cursor);
  return pages;
}

describe('Toast connector: catalog from menus v2', () => {
  it('imports 600 items in pages of 200 from one menus read; product and variant ids are distinct and stable', async () => {
    kit = await startToastKit();
    const k = kit;
    const ids = k.fake.seedMenu(RESTAURANT, 600);
    const pages = await allPages(k);
    expect(pages.map((p) => p.products.length)).toEqual([200, 200, 200]);
    expect(k.calls(MENUS)).toBe(1);
    const products = pages.flatMap((p) => p.products);
    expect(new Set(products.map((p) => p.extId)).size).toBe(600);
    expect(products.map((p) => p.variants[0]?.extId ?? '').sort()).toEqual([...ids].sort());
    expect(products[0]?.extId).toBe(`item:${products[0]?.variants[0]?.extId ?? ''}`);
    expect(products.every((p) => p.variants.length === 1 && p.variants[0]?.extId !== p.extId)).toBe(true);
    const first = products.find((p) => p.variants[0]?.extId === ids[0]);
    expect(first?.name).toBe('Item 1');
    expect(first?.categoryExtId).toMatch(/^group:/);
    expect(pages[0]?.categories.map((c) => c.name)).toEqual(['Breads', 'Pastries', 'Drinks']);
    expect(pages[0]?.taxes.map((t) => [t.extId, t.rateBps, t.inclusive])).toEqual([
      ['tax-state', 625, false],
      ['tax-state:incl', 625, true],
      ['tax-city', 263, false],
      ['tax-city:incl', 263, true],
    ]);
    expect(pages[0]?.images.length).toBeGreaterThan(0);
    // republished: new item guids, the same ext ids
    k.fake.republish(RESTAURANT);
    const again = (await allPages(k)).flatMap((p) => p.products);
    expect(again.map((p) => p.extId)).toEqual(products.map((p) => p.extId));
  });

  it('resumes at its page, and starts over when the menu was republished meanwhile', async () => {
    kit = await startToastKit();
    const k = kit;
    k.fake.seedMenu(RESTAURANT, 450);
    const page1 = await k.connector.catalogPage(k.conn, null);
    const resumed = await allPages(k, page1.next);
    expect(resumed.map((p) => p.products.length)).toEqual([200, 50]);
    k.fake.editItem(RESTAURANT, page1.products[0]?.variants[0]?.extId ?? '', { name: 'Renamed' });
    const restarted = await k.connector.catalogPage(k.conn, page1.next);
    expect(restarted.products[0]?.name).toBe('Renamed');
    expect(restarted.next).toMatch(/^menu:200:/);
  });

  it('prices float dollars to cents; no price and required modifiers keep the item off sale, flagged in-store only', async () => {
    kit = await startToastKit();
    const k = kit;
    const ids = k.fake.seedMenu(RESTAURANT, 20, { requiredEvery: 5, openPriceEvery: 7 });
    const [a, b] = ids;
    k.fake.editItem(RESTAURANT, a ?? '', { price: 19.99 });
    k.fake.editItem(RESTAURANT, b ?? '', { price: 4.35, taxInclusion: 'TAX_INCLUDED' });
    const page = await k.connector.catalogPage(k.conn, null);
    const byMlid = new Map(page.products.map((p) => [p.variants[0]?.extId ?? '', p]));
    expect(byMlid.get(a ?? '')?.variants[0]?.priceCents).toBe(1999);
    expect(byMlid.get(b ?? '')?.variants[0]?.priceCents).toBe(435);
    expect(byMlid.get(b ?? '')?.taxExtIds).toEqual(['tax-state:incl', 'tax-city:incl']);
    expect(byMlid.get(a ?? '')?.taxExtIds).toEqual(['tax-state']);
    expect(byMlid.get(ids[6] ?? '')?.variants[0]?.priceCents).toBeNull();
    const required = page.products.filter((p) => p.inStoreOnly === true);
    expect(required.map((p) => p.variants[0]?.extId ?? '').sort()).toEqual([ids[4], ids[9], ids[14], ids[19]].map(String).sort());
    const taxes = new Map<string, ExtTax>(page.taxes.map((t) => [t.extId, t]));
    const plan = planProduct(required[0] as ExtProduct, { taxMode: 'exclusive', currency: 'USD', taxes }, 'tt');
    expect(plan.attention.map((x) => x.reason)).toEqual(['in_store_only']);
    expect(plan.variants.every((v) => v.archived)).toBe(true);
    const sellable = planProduct(byMlid.get(a ?? '') as ExtProduct, { taxMode: 'exclusive', currency: 'USD', taxes }, 'tt');
    expect(sellable.attention).toEqual([]);
    expect(sellable.variants[0]?.archived).toBe(false);
    expect(toCents(0.1 + 0.2)).toBe(30);
    expect(toCents(1.1 + 2.2)).toBe(330);
    expect(toCents(null)).toBeNull();
  });

  it('catalogSince returns nothing while the menu and the counted items stay the same, everything when either moves', async () => {
    kit = await startToastKit();
    const k = kit;
    const ids = k.fake.seedMenu(RESTAURANT, 250);
    const first = await k.connector.catalogSince(k.conn, '2026-12-01T00:00:00.000Z', null);
    expect(first.products.length).toBe(200);
    expect(first.deleted).toEqual([]);
    const second = await k.connector.catalogSince(k.conn, '2026-12-01T00:00:00.000Z', first.next);
    expect(second.products.length).toBe(50);
    const stamp = second.latest ?? '';
    expect(first.latest).toBe(stamp);
    const quiet = await k.connector.catalogSince(k.conn, stamp, null);
    expect(quiet.products).toEqual([]);
    expect(quiet.latest).toBe(stamp);
    const menusReads = k.calls(MENUS);

    const before = new Map([...first.products, ...second.products].map((p) => [p.extId, p.version]));
    k.fake.editItem(RESTAURANT, ids[3] ?? '', { price: 7.5 });
    const edited = await k.connector.catalogSince(k.conn, stamp, null);
    expect(k.calls(MENUS)).toBe(menusReads + 1);
    expect(edited.latest).not.toBe(stamp);
    const changed = edited.products.filter((p) => before.get(p.extId) !== p.version).map((p) => p.variants[0]?.extId);
    // a publish gives every item a new guid (orders need it): all versions move, the edited one with its price
    expect(changed).toContain(ids[3]);
    expect(edited.products.find((p) => p.variants[0]?.extId === ids[3])?.variants[0]?.priceCents).toBe(750);

    // an item starting to be counted reaches the catalog (tracked), without a menu publish
    const stamp2 = edited.latest ?? '';
    k.fake.setStock(RESTAURANT, ids[5] ?? '', 'QUANTITY', 9);
    const counted = await k.connector.catalogSince(k.conn, stamp2, null);
    expect(counted.latest).not.toBe(stamp2);
    const rest = counted.next ? await k.connector.catalogSince(k.conn, stamp2, counted.next) : null;
    const all = [...counted.products, ...(rest?.products ?? [])];
    expect(all.length).toBe(250);
    expect(all.find((p) => p.variants[0]?.extId === ids[5])?.variants[0]?.tracked).toBe(true);
    expect(all.find((p) => p.variants[0]?.extId === ids[6])?.variants[0]?.tracked).toBe(false);

    const gone = await k.connector.products(k.conn, [`item:${ids[1] ?? ''}`, ids[2] ?? '']);
    expect(gone.map((p) => p.variants[0]?.extId)).toEqual([ids[1], ids[2]]);
  });
});
