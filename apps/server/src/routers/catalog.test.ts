import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { products, searchWords, vendors } from '../db/schema/index';
import { ensureCategory, ratesForClasses } from '../services/catalog';
import { refreshProductDenorm } from '../services/products';
import { refreshStorefrontRollups } from '../services/rollups/refresh';
import { countRows, errorOf, productInput } from '../services/products/test-support';
import { createCustomerFixture, createVendorFixture, type CustomerFixture, type VendorFixture } from '../test/fixtures';
import { describeEachDb } from '../test/harness';

describeEachDb('catalog router', (get) => {
  let a: VendorFixture;
  let b: VendorFixture;
  let customer: CustomerFixture;

  beforeAll(async () => {
    const { db } = get().database;
    a = await createVendorFixture(db);
    b = await createVendorFixture(db);
    customer = await createCustomerFixture(db);
  });

  it('lists categories with counts of publicly visible products only, as of the last rollup refresh', async () => {
    const { db } = get().database;
    const cheese = await ensureCategory(db, { slug: 'cheese', name: 'Cheese', sort: 2 });
    const bread = await ensureCategory(db, { slug: 'bread', name: 'Bread', sort: 1 });
    // ensureCategory is idempotent by slug and can rename
    expect(await ensureCategory(db, { slug: 'bread', name: 'Breads', sort: 1 })).toBe(bread);
    const pending = await createVendorFixture(db, { status: 'pending' });
    const m = await get().caller({ bearer: a.managerToken });
    await m.products.create(productInput({ categoryId: bread }));
    await m.products.create(productInput({ categoryId: bread }));
    await m.products.create(productInput({ categoryId: bread, onlineVisible: false }));
    const archived = await m.products.create(productInput({ categoryId: bread }));
    await m.products.archive({ productId: archived.id, archived: true });
    await (await get().caller({ bearer: pending.managerToken })).products.create(productInput({ categoryId: cheese }));

    // counted by the rollup job, not per request: before its first refresh every count is 0
    expect((await (await get().caller()).catalog.categories()).map((c) => c.productCount)).toEqual([0, 0]);
    await refreshStorefrontRollups(db);
    const list = await (await get().caller()).catalog.categories();
    expect(list.map((c) => [c.slug, c.name, c.productCount])).toEqual([
      ['bread', 'Breads', 2],
      ['cheese', 'Cheese', 0],
    ]);
    await db.update(vendors).set({ status: 'approved' }).where(eq(vendors.id, pending.vendorId));
    await refreshStorefrontRollups(db);
    expect((await (await get().caller()).catalog.categories()).find((c) => c.slug === 'cheese')?.productCount).toBe(1);
  });

  it('writes a category or vendor rename into its products’ search text', async () => {
    const { db } = get().database;
    const pastry = await ensureCategory(db, { slug: 'pastry', name: 'Pastry', sort: 3 });
    const p = await (await get().caller({ bearer: a.managerToken })).products.create(productInput({ categoryId: pastry }));
    const extra = async () => (await db.select({ s: products.searchExtra }).from(products).where(eq(products.id, p.id)))[0]?.s;
    expect(await extra()).toContain('Pastry');
    await ensureCategory(db, { slug: 'pastry', name: 'Viennoiserie', sort: 3 });
    expect(await extra()).toContain('Viennoiserie');
    expect(await extra()).not.toContain('Pastry');
    const words = (await db.select({ w: searchWords.word }).from(searchWords)).map((r) => r.w);
    expect(words).toContain('viennoiserie');
    await db.update(vendors).set({ name: 'Renamed Bakery' }).where(eq(vendors.id, a.vendorId));
    await refreshProductDenorm(db, { vendorId: a.vendorId });
    expect(await extra()).toContain('Renamed Bakery');
  });

  it('manages tax rates per vendor for owners and managers', async () => {
    const manager = await get().caller({ bearer: a.managerToken });
    const owner = await get().caller({ bearer: a.ownerToken });
    const vat = await manager.catalog.taxRates.create({ taxClass: 'standard', name: 'VAT', rateBps: 2000 });
    const levy = await owner.catalog.taxRates.create({ taxClass: 'standard', name: 'City levy', rateBps: 150 });
    await manager.catalog.taxRates.create({ taxClass: 'zero', name: 'VAT zero', rateBps: 0 });
    await (await get().caller({ bearer: b.managerToken })).catalog.taxRates.create({ taxClass: 'standard', name: 'VAT', rateBps: 1900 });

    expect((await manager.catalog.taxRates.list()).map((r) => [r.taxClass, r.name, r.rateBps])).toEqual([
      ['standard', 'City levy', 150],
      ['standard', 'VAT', 2000],
      ['zero', 'VAT zero', 0],
    ]);
    const rates = await ratesForClasses(get().database.db, a.vendorId);
    expect([...(rates.get('standard') ?? [])].sort((x, y) => x - y)).toEqual([150, 2000]);
    expect(rates.get('zero')).toEqual([0]);
    expect(rates.get('reduced')).toBeUndefined();

    expect(await manager.catalog.taxRates.update({ id: vat.id, rateBps: 2100 })).toMatchObject({ name: 'VAT', rateBps: 2100 });
    expect(await manager.catalog.taxRates.remove({ id: levy.id })).toEqual({ id: levy.id });
    expect((await ratesForClasses(get().database.db, a.vendorId)).get('standard')).toEqual([2100]);
    expect((await ratesForClasses(get().database.db, b.vendorId)).get('standard')).toEqual([1900]);
  });

  it('rejects duplicates and bad rates and writes nothing', async () => {
    const { db } = get().database;
    const manager = await get().caller({ bearer: a.managerToken });
    const reduced = await manager.catalog.taxRates.create({ taxClass: 'reduced', name: 'VAT', rateBps: 500 });
    const other = await manager.catalog.taxRates.create({ taxClass: 'reduced', name: 'Other', rateBps: 100 });
    const before = await countRows(db, ['tax_rates']);
    const dup = await errorOf(manager.catalog.taxRates.create({ taxClass: 'reduced', name: 'VAT', rateBps: 600 }));
    expect(dup.code).toBe('DUPLICATE');
    expect(dup.message).toContain('reduced');
    expect((await errorOf(manager.catalog.taxRates.update({ id: other.id, name: 'VAT' }))).code).toBe('DUPLICATE');
    expect((await errorOf(manager.catalog.taxRates.create({ taxClass: 'reduced', name: 'Big', rateBps: 10001 }))).code).toBe('BAD_INPUT');
    expect((await errorOf(manager.catalog.taxRates.create({ taxClass: 'reduced', name: 'Neg', rateBps: -1 }))).code).toBe('BAD_INPUT');
    expect((await errorOf(manager.catalog.taxRates.create({ taxClass: 'reduced', name: 'Frac', rateBps: 12.5 }))).code).toBe('BAD_INPUT');
    expect((await errorOf(manager.catalog.taxRates.create({ taxClass: 'Has Spaces', name: 'X', rateBps: 1 }))).code).toBe('BAD_INPUT');
    expect((await errorOf(manager.catalog.taxRates.update({ id: reduced.id, rateBps: 20000 }))).code).toBe('BAD_INPUT');
    expect(await countRows(db, ['tax_rates'])).toEqual(before);
    expect((await manager.catalog.taxRates.list()).find((r) => r.id === reduced.id)?.rateBps).toBe(500);
  });

  it('keeps tax rates to the vendor’s owners and managers', async () => {
    const { db } = get().database;
    const manager = await get().caller({ bearer: a.managerToken });
    const rate = await manager.catalog.taxRates.create({ taxClass: 'standard', name: 'Private', rateBps: 1000 });
    const before = await countRows(db, ['tax_rates']);
    const anon = await get().caller();
    const cust = await get().caller({ sessionCookie: customer.cookie });
    const cashier = await get().caller({ bearer: a.cashierToken });
    const otherVendor = await get().caller({ bearer: b.ownerToken });
    expect((await errorOf(anon.catalog.taxRates.list())).code).toBe('UNAUTHENTICATED');
    expect((await errorOf(cust.catalog.taxRates.create({ taxClass: 'standard', name: 'X', rateBps: 1 }))).code).toBe('UNAUTHENTICATED');
    expect((await errorOf(cashier.catalog.taxRates.list())).code).toBe('FORBIDDEN');
    expect((await errorOf(cashier.catalog.taxRates.create({ taxClass: 'standard', name: 'X', rateBps: 1 }))).code).toBe('FORBIDDEN');
    expect((await errorOf(otherVendor.catalog.taxRates.update({ id: rate.id, rateBps: 1 }))).code).toBe('NOT_FOUND');
    expect((await errorOf(otherVendor.catalog.taxRates.remove({ id: rate.id }))).code).toBe('NOT_FOUND');
    expect((await otherVendor.catalog.taxRates.list()).some((r) => r.id === rate.id)).toBe(false);
    expect(await countRows(db, ['tax_rates'])).toEqual(before);
    expect((await manager.catalog.taxRates.list()).find((r) => r.id === rate.id)?.rateBps).toBe(1000);
  });
});
