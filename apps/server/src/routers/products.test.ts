import { gtinCheckDigit, uuidv7 } from '@makeries/shared';
import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { products, searchWords, vendors } from '../db/schema/index';
import { ensureCategory } from '../services/catalog';
import { countRows, errorOf, productInput } from '../services/products/test-support';
import { createCustomerFixture, createVendorFixture, type CustomerFixture, type VendorFixture } from '../test/fixtures';
import { describeEachDb } from '../test/harness';

const ean13 = (first12: string) => `${first12}${gtinCheckDigit(first12)}`;
const CATALOG_TABLES = ['products', 'variants', 'search_words'] as const;

describeEachDb('products router', (get) => {
  let a: VendorFixture;
  let b: VendorFixture;
  let customer: CustomerFixture;
  let breadId: string;

  beforeAll(async () => {
    const { db } = get().database;
    a = await createVendorFixture(db, { name: 'Crumb & Co' });
    b = await createVendorFixture(db);
    customer = await createCustomerFixture(db);
    breadId = await ensureCategory(db, { slug: 'bread', name: 'Bread', sort: 1 });
  });

  it('creates a product with variants and keeps the denormalised columns', async () => {
    const manager = await get().caller({ bearer: a.managerToken });
    const barcode = ean13('501234567890');
    const created = await manager.products.create(
      productInput({
        name: 'Rye Sourdough',
        categoryId: breadId,
        dietaryTags: ['vegan', 'vegan', 'gluten-free'],
        variants: [
          { ...productInput().variants[0]!, name: 'Large', sku: 'RYE-L', priceCents: 650, barcode },
          { ...productInput().variants[0]!, name: 'Small', sku: 'RYE-S', priceCents: 380, trackStock: false },
        ],
      }),
    );
    expect(created.variants.map((v) => [v.sku, v.priceCents, v.barcode])).toEqual([
      ['RYE-L', 650, barcode],
      ['RYE-S', 380, null],
    ]);
    expect(created.dietaryTags).toEqual(['vegan', 'gluten-free']);
    expect(created.minPriceCents).toBe(380);
    // the untracked variant can always be sold
    expect(created.inStock).toBe(true);
    expect(created.category?.name).toBe('Bread');
    const [row] = await get().database.db.select().from(products).where(eq(products.id, created.id));
    expect(row?.searchExtra).toContain('Bread');
    expect(row?.searchExtra).toContain('Crumb & Co');
    expect(row?.searchExtra).toContain('RYE-L');
    expect(row?.searchExtra).toContain(barcode);
    expect(row?.searchExtra).toContain('gluten-free');
    const words = await get().database.db.select().from(searchWords);
    expect(words.map((w) => w.word)).toEqual(expect.arrayContaining(['rye', 'sourdough', 'bread', 'crumb']));
  });

  it('stores UPC-A barcodes in their 13-digit form', async () => {
    const manager = await get().caller({ bearer: a.managerToken });
    const upc = '036000291452';
    const p = await manager.products.create(productInput({ variants: [{ ...productInput().variants[0]!, barcode: upc }] }));
    expect(p.variants[0]?.barcode).toBe(`0${upc}`);
  });

  it('rejects a duplicate SKU or barcode in the shop, says which, and writes nothing', async () => {
    const { db } = get().database;
    const manager = await get().caller({ bearer: a.managerToken });
    const barcode = ean13('400638133393');
    const first = await manager.products.create(
      productInput({ name: 'Seeded Batch', variants: [{ ...productInput().variants[0]!, sku: 'DUP-1', barcode }] }),
    );
    const before = await countRows(db, CATALOG_TABLES);
    const skuClash = await errorOf(manager.products.create(productInput({ variants: [{ ...productInput().variants[0]!, sku: 'DUP-1' }] })));
    expect(skuClash.code).toBe('DUPLICATE');
    expect(skuClash.message).toContain('Seeded Batch');
    expect(skuClash.details).toMatchObject({ field: 'sku', value: 'DUP-1', variantId: first.variants[0]?.id });
    const barcodeClash = await errorOf(
      manager.products.create(productInput({ variants: [{ ...productInput().variants[0]!, barcode: ` ${barcode} ` }] })),
    );
    expect(barcodeClash.code).toBe('DUPLICATE');
    expect(barcodeClash.details).toMatchObject({ field: 'barcode', value: barcode });
    const inside = productInput();
    const sameTwice = await errorOf(
      manager.products.create({ ...inside, variants: [inside.variants[0]!, { ...inside.variants[0]!, name: 'Other' }] }),
    );
    expect(sameTwice.code).toBe('DUPLICATE');
    expect(await countRows(db, CATALOG_TABLES)).toEqual(before);
  });

  it('allows the same SKU at another vendor', async () => {
    const other = await get().caller({ bearer: b.managerToken });
    const p = await other.products.create(productInput({ variants: [{ ...productInput().variants[0]!, sku: 'DUP-1' }] }));
    expect(p.vendorId).toBe(b.vendorId);
  });

  it('rejects an invalid barcode with INVALID_BARCODE and writes nothing', async () => {
    const { db } = get().database;
    const manager = await get().caller({ bearer: a.managerToken });
    const before = await countRows(db, CATALOG_TABLES);
    const good = ean13('501234567891');
    const wrongCheck = `${good.slice(0, 12)}${(Number(good.at(-1)) + 1) % 10}`;
    const err = await errorOf(manager.products.create(productInput({ variants: [{ ...productInput().variants[0]!, barcode: wrongCheck }] })));
    expect(err.code).toBe('INVALID_BARCODE');
    expect(err.message).toContain('last digit');
    expect((await errorOf(manager.products.create(productInput({ variants: [{ ...productInput().variants[0]!, barcode: 'ABC' }] })))).code).toBe(
      'INVALID_BARCODE',
    );
    expect(await countRows(db, CATALOG_TABLES)).toEqual(before);
  });

  it('rejects bad input with BAD_INPUT and writes nothing', async () => {
    const { db } = get().database;
    const manager = await get().caller({ bearer: a.managerToken });
    const before = await countRows(db, CATALOG_TABLES);
    expect((await errorOf(manager.products.create(productInput({ variants: [] })))).code).toBe('BAD_INPUT');
    expect((await errorOf(manager.products.create(productInput({ name: '   ' })))).code).toBe('BAD_INPUT');
    const negative = productInput();
    expect((await errorOf(manager.products.create({ ...negative, variants: [{ ...negative.variants[0]!, priceCents: -1 }] }))).code).toBe('BAD_INPUT');
    expect((await errorOf(manager.products.create({ ...negative, variants: [{ ...negative.variants[0]!, priceCents: 1.5 }] }))).code).toBe('BAD_INPUT');
    const unknownCategory = await errorOf(manager.products.create(productInput({ categoryId: uuidv7() })));
    expect(unknownCategory.code).toBe('BAD_INPUT');
    expect(unknownCategory.message).toContain('category');
    expect(await countRows(db, CATALOG_TABLES)).toEqual(before);
  });

  it('enforces who may write: anonymous, customer, cashier, other vendor', async () => {
    const { db } = get().database;
    const manager = await get().caller({ bearer: a.managerToken });
    const p = await manager.products.create(productInput());
    const before = await countRows(db, CATALOG_TABLES);
    const anon = await get().caller();
    const cust = await get().caller({ sessionCookie: customer.cookie });
    const cashier = await get().caller({ bearer: a.cashierToken });
    const otherVendor = await get().caller({ bearer: b.ownerToken });
    expect((await errorOf(anon.products.create(productInput()))).code).toBe('UNAUTHENTICATED');
    expect((await errorOf(cust.products.create(productInput()))).code).toBe('UNAUTHENTICATED');
    expect((await errorOf(cashier.products.create(productInput()))).code).toBe('FORBIDDEN');
    expect((await errorOf(cashier.products.update({ productId: p.id, name: 'Nope' }))).code).toBe('FORBIDDEN');
    expect((await errorOf(otherVendor.products.update({ productId: p.id, name: 'Nope' }))).code).toBe('NOT_FOUND');
    expect((await errorOf(otherVendor.products.archive({ productId: p.id, archived: true }))).code).toBe('NOT_FOUND');
    expect(
      (await errorOf(otherVendor.products.upsertVariant({ ...productInput().variants[0]!, productId: p.id, archived: false }))).code,
    ).toBe('NOT_FOUND');
    expect((await errorOf(anon.products.list({ status: 'all', limit: 10 }))).code).toBe('UNAUTHENTICATED');
    expect((await errorOf(cust.products.list({ status: 'all', limit: 10 }))).code).toBe('UNAUTHENTICATED');
    expect(await countRows(db, CATALOG_TABLES)).toEqual(before);
    const owner = await get().caller({ bearer: a.ownerToken });
    expect((await owner.products.update({ productId: p.id, description: 'Owners may edit too' })).description).toBe('Owners may edit too');
  });

  it('shows only online, non-archived products of approved vendors to the public', async () => {
    const { db } = get().database;
    const manager = await get().caller({ bearer: a.managerToken });
    const anon = await get().caller();
    const cust = await get().caller({ sessionCookie: customer.cookie });
    const otherStaff = await get().caller({ bearer: b.managerToken });
    const cashier = await get().caller({ bearer: a.cashierToken });
    const p = await manager.products.create(productInput({ name: 'Secret Cake', onlineVisible: false }));
    for (const c of [anon, cust, otherStaff]) expect((await errorOf(c.products.byId({ productId: p.id }))).code).toBe('NOT_FOUND');
    // the vendor's own staff see it, with stock figures
    const own = await cashier.products.byId({ productId: p.id });
    expect(own.onlineVisible).toBe(false);
    expect(own.variants[0]?.stock).toEqual({ onHand: 0, reserved: 0, lowStockThreshold: 0 });

    await manager.products.update({ productId: p.id, onlineVisible: true });
    const pub = await anon.products.byId({ productId: p.id });
    expect(pub.vendor).toMatchObject({ id: a.vendorId, name: 'Crumb & Co', currency: 'GBP' });
    expect(pub.variants[0]).toMatchObject({ available: false, stock: null });
    expect(pub.inStock).toBe(false);

    await manager.products.archive({ productId: p.id, archived: true });
    expect((await errorOf(anon.products.byId({ productId: p.id }))).code).toBe('NOT_FOUND');
    await manager.products.archive({ productId: p.id, archived: false });
    await db.update(vendors).set({ status: 'suspended' }).where(eq(vendors.id, a.vendorId));
    try {
      expect((await errorOf(anon.products.byId({ productId: p.id }))).code).toBe('NOT_FOUND');
    } finally {
      await db.update(vendors).set({ status: 'approved' }).where(eq(vendors.id, a.vendorId));
    }
    expect((await errorOf(anon.products.byId({ productId: uuidv7() }))).code).toBe('NOT_FOUND');
  });

  it('updates fields, adds and replaces variants, and hides archived variants publicly', async () => {
    const manager = await get().caller({ bearer: a.managerToken });
    const anon = await get().caller();
    const p = await manager.products.create(productInput({ name: 'Focaccia' }));
    const updated = await manager.products.update({ productId: p.id, name: 'Rosemary Focaccia', categoryId: breadId, dietaryTags: ['vegan'] });
    expect(updated).toMatchObject({ name: 'Rosemary Focaccia', dietaryTags: ['vegan'], category: { id: breadId } });
    const withSlice = await manager.products.upsertVariant({
      ...productInput().variants[0]!,
      productId: p.id,
      name: 'Slice',
      sku: `FOC-SLICE-${p.id.slice(-4)}`,
      priceCents: 120,
      trackStock: false,
      archived: false,
    });
    expect(withSlice.variants).toHaveLength(2);
    expect(withSlice.minPriceCents).toBe(120);
    expect(withSlice.inStock).toBe(true);
    const slice = withSlice.variants.find((v) => v.name === 'Slice')!;
    const archived = await manager.products.upsertVariant({ ...productInput().variants[0]!, ...slice, productId: p.id, archived: true });
    expect(archived.minPriceCents).toBe(450);
    expect(archived.inStock).toBe(false);
    expect((await anon.products.byId({ productId: p.id })).variants.map((v) => v.name)).toEqual(['Default']);
    // the last active variant cannot be archived
    const last = archived.variants.find((v) => !v.archived)!;
    const err = await errorOf(manager.products.upsertVariant({ ...productInput().variants[0]!, ...last, productId: p.id, archived: true }));
    expect(err.code).toBe('BAD_INPUT');
    // a variant id of another product is refused
    const other = await manager.products.create(productInput());
    const foreign = await errorOf(manager.products.upsertVariant({ ...productInput().variants[0]!, id: other.variants[0]!.id, productId: p.id, archived: false }));
    expect(foreign.code).toBe('NOT_FOUND');
  });

  it('lists the vendor catalog with status filters, search and paging', async () => {
    const manager = await get().caller({ bearer: b.managerToken });
    const cashier = await get().caller({ bearer: b.cashierToken });
    const names = ['Apple Pie', 'banana bread', 'Cherry Tart', 'Date Slice', 'Eclair'];
    const made = [];
    for (const name of names) made.push(await manager.products.create(productInput({ name, onlineVisible: name !== 'Date Slice' })));
    await manager.products.archive({ productId: made[4]!.id, archived: true });

    const page1 = await cashier.products.list({ status: 'active', limit: 2 });
    const page2 = await cashier.products.list({ status: 'active', limit: 2, cursor: page1.nextCursor! });
    const seen = [...page1.items, ...page2.items].map((p) => p.name);
    expect(seen.slice(0, 3)).toEqual(['Apple Pie', 'banana bread', 'Cherry Tart']);
    expect(seen).not.toContain('Eclair');
    expect((await cashier.products.list({ status: 'hidden', limit: 50 })).items.map((p) => p.name)).toEqual(['Date Slice']);
    expect((await cashier.products.list({ status: 'archived', limit: 50 })).items.map((p) => p.name)).toEqual(['Eclair']);
    expect((await cashier.products.list({ status: 'all', q: 'TART', limit: 50 })).items.map((p) => p.name)).toEqual(['Cherry Tart']);
    const sku = made[0]!.variants[0]!.sku;
    expect((await cashier.products.list({ status: 'all', q: sku, limit: 50 })).items.map((p) => p.name)).toEqual(['Apple Pie']);
    expect((await cashier.products.list({ status: 'all', q: '100%', limit: 50 })).items).toEqual([]);
    // vendor A's products never show up in vendor B's list
    const all = await cashier.products.list({ status: 'all', limit: 100 });
    const ownIds = (await get().database.db.select({ id: products.id }).from(products).where(eq(products.vendorId, b.vendorId))).map((r) => r.id);
    expect(all.items.map((p) => p.id).sort()).toEqual(ownIds.sort());
    expect(all.items.some((p) => p.name === 'Rye Sourdough')).toBe(false);
    expect((await errorOf(cashier.products.list({ status: 'all', limit: 10, cursor: 'garbage' }))).code).toBe('BAD_INPUT');
  });
});
