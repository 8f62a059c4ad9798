import { uuidv7 } from '@makeries/shared';
import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { categories, categoryRollups, products, vendors } from '../../db/schema/index';
import { createJobRuntime } from '../../jobs/runtime';
import { ALWAYS_OPEN } from '../../test/fixtures';
import { describeEachDb } from '../../test/harness';
import { haversineMeters } from '../search/geo';
import { registerRollupRefresh, refreshStorefrontRollups, ROLLUP_TASK } from './refresh';

/** Bristol's centre; the test shops sit on a spiral around it, from 200 m to ~20 km out. */
const CENTRE = { lat: 51.4545, lng: -2.5879 };
const SHOPS = 60;

async function insertShops(db: Db, n: number): Promise<{ id: string; name: string; lat: number; lng: number }[]> {
  const rows = Array.from({ length: n }, (_, i) => {
    const km = 0.2 + (i * 20) / n;
    const angle = i * 2.4;
    const id = uuidv7();
    return {
      id,
      slug: `spiral-shop-${i}-${id.slice(-6)}`,
      name: `Spiral Shop ${String(i).padStart(3, '0')}`,
      email: `spiral-${i}-${id.slice(-6)}@example.test`,
      addressLine1: `${i} Spiral Road`,
      city: 'Bristol',
      postcode: `BS${1 + (i % 9)} 1AA`,
      country: 'GB',
      lat: CENTRE.lat + (km / 111.2) * Math.sin(angle),
      lng: CENTRE.lng + (km / (111.2 * Math.cos((CENTRE.lat * Math.PI) / 180))) * Math.cos(angle),
      timezone: 'Europe/London',
      currency: 'GBP',
      taxMode: 'inclusive' as const,
      openingHours: ALWAYS_OPEN,
      status: 'approved' as const,
    };
  });
  await db.insert(vendors).values(rows);
  return rows;
}

async function insertProduct(db: Db, vendorId: string, categoryId: string, popularity: number, extra: Partial<typeof products.$inferInsert> = {}): Promise<string> {
  const id = uuidv7();
  await db.insert(products).values({ id, vendorId, categoryId, name: `Loaf ${popularity}`, minPriceCents: 300, inStock: true, popularity, ...extra });
  return id;
}

describeEachDb('storefront rollups and bounded directory pages', (get) => {
  const db = () => get().database.db;
  let shops: Awaited<ReturnType<typeof insertShops>>;
  let bread: string;

  beforeAll(async () => {
    shops = await insertShops(db(), SHOPS);
    bread = uuidv7();
    await db().insert(categories).values({ id: bread, slug: 'bread', name: 'Bread', sort: 0 });
  });

  it('counts a category’s visible products after the next refresh, and follows adds and hides at the one after', async () => {
    const [a, b] = shops;
    if (!a || !b) throw new Error('no shops');
    const first = await insertProduct(db(), a.id, bread, 5);
    await insertProduct(db(), b.id, bread, 7);
    await insertProduct(db(), b.id, bread, 9, { onlineVisible: false });
    await insertProduct(db(), b.id, bread, 9, { archived: true });
    const count = async () => (await (await get().caller()).catalog.categories()).find((c) => c.slug === 'bread')?.productCount;
    expect(await count()).toBe(0); // never refreshed
    await refreshStorefrontRollups(db());
    expect(await count()).toBe(2);

    await insertProduct(db(), a.id, bread, 1);
    await db().update(products).set({ onlineVisible: false }).where(eq(products.id, first));
    expect(await count()).toBe(2); // stale until the next refresh …
    await refreshStorefrontRollups(db());
    expect(await count()).toBe(2); // … then one added, one hidden
    await db().update(products).set({ onlineVisible: true }).where(eq(products.id, first));
    await refreshStorefrontRollups(db());
    expect(await count()).toBe(3);
  });

  it('pages the nearest shops in exact distance order, every shop once, each page bounded', async () => {
    const caller = await get().caller();
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await caller.vendors.directory({ near: CENTRE, limit: 7, ...(cursor ? { cursor } : {}) });
      expect(page.order).toBe('distance');
      expect(page.items.length).toBeLessThanOrEqual(7);
      expect(page.firstPosition).toBe(seen.length + 1);
      seen.push(...page.items.map((s) => s.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor && pages < 50);
    const expected = [...shops]
      .map((s) => ({ id: s.id, d: Math.round(haversineMeters(CENTRE, s)) }))
      .filter((s) => s.d <= 25_000)
      .sort((x, y) => x.d - y.d || (x.id < y.id ? -1 : 1))
      .map((s) => s.id);
    expect(seen).toEqual(expected);
    expect(pages).toBe(Math.ceil(SHOPS / 7));
  });

  it('without a location pages the most popular shops from the rollup', async () => {
    const [, , c] = shops;
    if (!c) throw new Error('no shops');
    await insertProduct(db(), c.id, bread, 500);
    await refreshStorefrontRollups(db());
    const caller = await get().caller();
    const first = await caller.vendors.directory({ limit: 5 });
    expect(first.order).toBe('popularity');
    expect(first.items.map((s) => s.id).slice(0, 1)).toEqual([c.id]); // sold the most
    expect(first.items[0]?.distanceMeters).toBeUndefined();
    const all = [...first.items];
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await caller.vendors.directory({ limit: 48, cursor });
      expect(page.firstPosition).toBe(all.length + 1);
      all.push(...page.items);
      cursor = page.nextCursor;
    }
    expect(new Set(all.map((s) => s.id)).size).toBe(SHOPS);
  });

  it('refuses an oversized page and a forged or mismatched page link with BAD_INPUT', async () => {
    const caller = await get().caller();
    await expect(caller.vendors.directory({ limit: 49 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(caller.vendors.directory({ cursor: 'not-a-cursor' })).rejects.toThrow(/out of date/);
    const distanceLink = (await caller.vendors.directory({ near: CENTRE, limit: 1 })).nextCursor ?? '';
    await expect(caller.vendors.directory({ cursor: distanceLink })).rejects.toThrow(/out of date/);
    await expect(caller.catalog.popular({ limit: 25 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('shows best sellers from the rollup, never a product hidden since, and near a place only nearby shops’ products', async () => {
    const far = shops[SHOPS - 1];
    const near = shops[3];
    if (!far || !near) throw new Error('no shops');
    const farStar = await insertProduct(db(), far.id, bread, 900);
    const nearStar = await insertProduct(db(), near.id, bread, 800);
    await refreshStorefrontRollups(db());
    const caller = await get().caller();
    expect((await caller.catalog.popular({ limit: 2 })).map((p) => p.id)).toEqual([farStar, nearStar]);
    const nearby = await caller.catalog.popular({ near: CENTRE, limit: 8 });
    expect(nearby[0]?.id).toBe(nearStar);
    expect(nearby.map((p) => p.id)).not.toContain(farStar);
    expect(nearby[0]?.vendor.distanceMeters).toBeGreaterThan(0);

    await db().update(products).set({ onlineVisible: false }).where(eq(products.id, farStar));
    expect((await caller.catalog.popular({ limit: 2 })).map((p) => p.id)[0]).toBe(nearStar); // at once, before a refresh
  });

  it('is refreshed by the job runtime exactly once per due time across several server instances', async () => {
    const t = new Date(Date.now() + 30 * 86_400_000); // a due time no other test claimed
    const refreshedAt = async () => (await db().select({ at: categoryRollups.refreshedAt }).from(categoryRollups).limit(1))[0]?.at.getTime();
    const instances = [0, 1, 2].map(() => {
      const runtime = createJobRuntime(db(), { now: () => t });
      registerRollupRefresh(runtime, db(), { now: () => t });
      return runtime;
    });
    const passes = await Promise.all(instances.map((r) => r.tick()));
    expect(passes.filter((p) => p.periodic.includes(ROLLUP_TASK))).toHaveLength(1);
    expect(await refreshedAt()).toBe(t.getTime());
    // the next due time is one interval later: nobody runs it again now
    const again = await Promise.all(instances.map((r) => r.tick()));
    expect(again.filter((p) => p.periodic.includes(ROLLUP_TASK))).toHaveLength(0);
  });
});
