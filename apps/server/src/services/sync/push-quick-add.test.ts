import { gtinCheckDigit, uuidv7, type ProductQuickAddArgs } from '@makeries/shared';
import { eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { categories, products, variants } from '../../db/schema/index';
import { describeEachDb } from '../../test/harness';
import { createProduct } from '../products';
import { envelope, epochOf, pairCounter, pullUntil, saleArgs, settle, type Counter } from './sync-test-kit';

let codes = 0;
/** A fresh EAN-13 (valid check digit) per call, so suites sharing a database never clash. */
function ean13(): string {
  const body = `50${String(Date.now() % 1e6).padStart(6, '0')}${String(++codes).padStart(4, '0')}`;
  return `${body}${gtinCheckDigit(body)}`;
}

function quickAdd(c: Counter, extra: Partial<ProductQuickAddArgs> = {}): ProductQuickAddArgs {
  const barcode = extra.barcode === undefined ? ean13() : extra.barcode;
  return {
    productId: uuidv7(),
    variantId: uuidv7(),
    name: 'Rhubarb Chutney',
    categoryId: null,
    sku: barcode ?? `QA-${uuidv7().slice(-8)}`,
    barcode,
    priceCents: 475,
    taxClass: 'standard',
    trackStock: true,
    staffId: c.staffId,
    approvedBy: c.staffId,
    createdAt: new Date().toISOString(),
    ...extra,
  };
}

describeEachDb('sync.push product.quickAdd', (get) => {
  const db = () => get().database.db;

  async function push(c: Counter, ...items: [Parameters<typeof envelope>[1], unknown][]) {
    const me = await c.caller.devices.me();
    const start = me.device.lastMutationId + 1;
    const res = await c.caller.sync.push({ epoch: await epochOf(db()), mutations: items.map(([name, args], i) => envelope(start + i, name, args)) });
    return res.results;
  }

  async function productsOf(vendorId: string) {
    return db().select({ id: products.id, name: products.name }).from(products).where(eq(products.vendorId, vendorId));
  }

  it('creates the product and variant with the counter’s ids, feeds them to counters, and a later sale of it applies', async () => {
    const c = await pairCounter(get());
    const epoch = await epochOf(db());
    const cursor = await settle(db(), c.caller, epoch, '0');
    const [category] = await db().insert(categories).values({ id: uuidv7(), slug: `preserves-${uuidv7().slice(-8)}`, name: 'Preserves' }).returning();
    const args = quickAdd(c, { categoryId: category!.id, name: '  Rhubarb Chutney ' });
    const sale = saleArgs(c, [[{ productId: args.productId, variantId: args.variantId, sku: args.sku }, 2]]);

    const results = await push(c, ['product.quickAdd', args], ['sale.complete', sale]);

    expect(results.map((r) => r.code ?? r.status)).toEqual(['applied', 'applied']);
    const [product] = await db().select().from(products).where(eq(products.id, args.productId));
    expect(product).toMatchObject({ vendorId: c.shop.vendorId, name: 'Rhubarb Chutney', categoryId: category!.id, onlineVisible: false, archived: false });
    const [variant] = await db().select().from(variants).where(eq(variants.id, args.variantId));
    expect(variant).toMatchObject({ productId: args.productId, vendorId: c.shop.vendorId, sku: args.sku, barcode: args.barcode, priceCents: 475, soldBy: 'each' });
    const fed = await pullUntil(c.caller, epoch, cursor, (ch) => ch.some((x) => x.entity === 'variant' && x.id === args.variantId));
    expect(fed.changes.find((x) => x.entity === 'product' && x.id === args.productId)?.data).toMatchObject({ name: 'Rhubarb Chutney', onlineVisible: false });
    expect(fed.changes.find((x) => x.entity === 'variant' && x.id === args.variantId)?.data).toMatchObject({ productId: args.productId, barcode: args.barcode });
  });

  it('rejects a barcode or SKU the shop already uses with DUPLICATE and writes nothing; another shop may use them', async () => {
    const c = await pairCounter(get());
    const other = await pairCounter(get());
    const taken = ean13();
    await createProduct(db(), c.shop.vendorId, {
      name: 'Damson Jam',
      description: '',
      categoryId: null,
      dietaryTags: [],
      onlineVisible: true,
      variants: [{ name: 'Default', sku: 'JAM-DAMSON', barcode: taken, priceCents: 399, taxClass: 'standard', soldBy: 'each', trackStock: true, lowStockThreshold: 0, sort: 0 }],
    });
    const before = await productsOf(c.shop.vendorId);
    const sameBarcode = quickAdd(c, { barcode: taken, sku: 'OTHER-SKU' });
    const sameSku = quickAdd(c, { barcode: ean13(), sku: 'JAM-DAMSON' });

    const results = await push(c, ['product.quickAdd', sameBarcode], ['product.quickAdd', sameSku]);

    expect(results.map((r) => r.code)).toEqual(['DUPLICATE', 'DUPLICATE']);
    expect(results[0]?.message).toMatch(/Damson Jam/);
    expect(await productsOf(c.shop.vendorId)).toEqual(before);
    expect(await db().select().from(variants).where(inArray(variants.id, [sameBarcode.variantId, sameSku.variantId]))).toEqual([]);

    const theirs = quickAdd(other, { barcode: taken, sku: 'JAM-DAMSON' });
    expect((await push(other, ['product.quickAdd', theirs]))[0]?.status).toBe('applied');
  });

  it('applies the same quick-add once: a re-pushed envelope is a duplicate, a resend under a new id writes nothing', async () => {
    const c = await pairCounter(get());
    const other = await pairCounter(get());
    const args = quickAdd(c);
    const me = await c.caller.devices.me();
    const env = envelope(me.device.lastMutationId + 1, 'product.quickAdd', args);
    const epoch = await epochOf(db());

    const first = await c.caller.sync.push({ epoch, mutations: [env] });
    const again = await c.caller.sync.push({ epoch, mutations: [env] });
    const resent = await push(c, ['product.quickAdd', args]);

    expect(first.results[0]?.status).toBe('applied');
    expect(again.results[0]?.status).toBe('duplicate');
    expect(resent[0]?.status).toBe('applied');
    expect((await productsOf(c.shop.vendorId)).filter((p) => p.id === args.productId)).toHaveLength(1);
    expect(await db().select({ id: variants.id }).from(variants).where(eq(variants.productId, args.productId))).toEqual([{ id: args.variantId }]);
    // the same product id from another shop is not "already applied": it is a clash
    const foreign = await push(other, ['product.quickAdd', { ...quickAdd(other), productId: args.productId }]);
    expect(foreign[0]?.code).toBe('CONFLICT');
  });

  describe('bad arguments', () => {
    it('rejects unknown staff, a missing category and a wrong check digit, writing nothing', async () => {
      const c = await pairCounter(get());
      const good = ean13();
      const wrongDigit = `${good.slice(0, 12)}${(Number(good.slice(12)) + 1) % 10}`;
      const results = await push(
        c,
        ['product.quickAdd', quickAdd(c, { staffId: uuidv7() })],
        ['product.quickAdd', quickAdd(c, { categoryId: uuidv7() })],
        ['product.quickAdd', quickAdd(c, { barcode: wrongDigit, sku: 'WRONG-DIGIT' })],
        ['product.quickAdd', quickAdd(c, { priceCents: 4.5 })],
      );
      expect(results.map((r) => r.code)).toEqual(['NOT_FOUND', 'BAD_INPUT', 'BAD_INPUT', 'BAD_INPUT']);
      expect(await productsOf(c.shop.vendorId)).toEqual([]);
    });
  });
});
