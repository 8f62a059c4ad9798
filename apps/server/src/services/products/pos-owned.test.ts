import { gtinCheckDigit, uuidv7, type CatalogVariantArgs, type MutationName } from '@makeries/shared';
import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { inventoryMovements, products, variants } from '../../db/schema/index';
import { ensureCategory } from '../catalog';
import { recordMovements } from '../inventory';
import { envelope, epochOf, latest, pairCounter, pullUntil, settle, type Counter } from '../sync/sync-test-kit';
import { createVendorFixture, type VendorFixture } from '../../test/fixtures';
import { describeEachDb } from '../../test/harness';
import { archiveProduct, createProduct, updateProduct, upsertVariant, type ProductDetail } from './index';
import { countRows, errorOf, productInput } from './test-support';

const TABLES = ['products', 'variants', 'inventory_movements', 'inventory_levels', 'search_words'] as const;
const EDIT_URL = 'https://app.squareup.com/dashboard/items/library/ITEM123';
const ean13 = (first12: string) => `${first12}${gtinCheckDigit(first12)}`;

describeEachDb('POS-owned fields of bridged products', (get) => {
  const db = () => get().database.db;
  let shop: VendorFixture;
  let breadId: string;

  /** A product as the bridge engine leaves it: created here, then marked as Square's. */
  async function bridged(vendorId = shop.vendorId, name = 'Sourdough loaf'): Promise<ProductDetail> {
    const p = await createProduct(db(), vendorId, productInput({ name }));
    await db().update(products).set({ posProvider: 'square', posEditUrl: EDIT_URL }).where(eq(products.id, p.id));
    return p;
  }

  async function row(productId: string) {
    const [p] = await db().select().from(products).where(eq(products.id, productId));
    const vs = await db().select().from(variants).where(eq(variants.productId, productId));
    return { product: p, variants: vs };
  }

  beforeAll(async () => {
    shop = await createVendorFixture(db(), { name: 'Crumb & Co' });
    breadId = await ensureCategory(db(), { slug: 'bread', name: 'Bread', sort: 1 });
  });

  it('the catalog router refuses each POS-owned change with the reason and writes nothing', async () => {
    const p = await bridged();
    const v = p.variants[0]!;
    const manager = await get().caller({ bearer: shop.managerToken });
    const same = { productId: p.id, id: v.id, name: v.name, sku: v.sku, barcode: v.barcode, priceCents: v.priceCents, taxClass: v.taxClass, soldBy: v.soldBy, trackStock: v.trackStock, lowStockThreshold: v.stock?.lowStockThreshold ?? 0, sort: v.sort };
    const before = await countRows(db(), TABLES);
    const snapshot = await row(p.id);
    // one at a time: a refusal started early would be an unhandled rejection until the loop reached it
    const attempts = [
      () => manager.products.update({ productId: p.id, name: 'Renamed loaf' }),
      () => manager.products.archive({ productId: p.id, archived: true }),
      () => manager.products.upsertVariant({ ...same, priceCents: v.priceCents + 50 }),
      () => manager.products.upsertVariant({ ...same, sku: 'NEW-SKU' }),
      () => manager.products.upsertVariant({ ...same, barcode: ean13('501234567777') }),
      () => manager.products.upsertVariant({ ...same, taxClass: 'reduced' }),
      () => manager.products.upsertVariant({ ...same, name: 'Large' }),
      () => manager.products.upsertVariant({ ...same, archived: true }),
      () => manager.products.upsertVariant({ ...same, id: undefined, sku: 'EXTRA-1', name: 'Half' }),
    ];
    for (const attempt of attempts) {
      const e = await errorOf(attempt());
      expect(e.code).toBe('CONFLICT');
      expect(e.message).toBe(
        '“Sourdough loaf” comes from Square: change its name, price, SKU, barcode, tax, stock tracking or archive it in Square. Online visibility, category, dietary tags and description can be changed here.',
      );
      expect(e.details).toMatchObject({ reason: 'pos_owned', provider: 'square', productId: p.id });
    }
    expect(await countRows(db(), TABLES)).toEqual(before);
    expect(await row(p.id)).toEqual(snapshot);
    // the public does not see where it comes from
    expect((await (await get().caller({})).products.byId({ productId: p.id })).pos).toBeNull();
  });

  it('Makeries-owned fields stay editable; a changed description is marked as edited here', async () => {
    const p = await bridged();
    const v = p.variants[0]!;
    const manager = await get().caller({ bearer: shop.managerToken });
    const updated = await manager.products.update({
      productId: p.id,
      name: 'Sourdough loaf', // unchanged: a whole-form save passes
      onlineVisible: false,
      categoryId: breadId,
      dietaryTags: ['vegan'],
      description: 'Baked at dawn',
    });
    expect(updated).toMatchObject({ onlineVisible: false, dietaryTags: ['vegan'], description: 'Baked at dawn' });
    // the variant's own Makeries fields, POS-owned ones as they are
    await manager.products.upsertVariant({ productId: p.id, ...v, lowStockThreshold: 4 });
    // whether stock is counted is Square's (track_inventory)
    await expect(manager.products.upsertVariant({ productId: p.id, ...v, trackStock: !v.trackStock })).rejects.toMatchObject({ code: 'CONFLICT' });
    const after = await row(p.id);
    expect(after.product).toMatchObject({ descriptionEdited: true, categoryId: breadId, posProvider: 'square', posEditUrl: EDIT_URL, name: 'Sourdough loaf' });
    expect(after.variants[0]).toMatchObject({ lowStockThreshold: 4, trackStock: v.trackStock, priceCents: v.priceCents });
    // the shop's own staff see where it comes from; the public does not
    expect((await manager.products.byId({ productId: p.id })).pos).toEqual({ provider: 'square', editUrl: EDIT_URL, descriptionEdited: true });
    // a description re-saved unchanged, or edited on a product not bridged, is not marked
    const other = await bridged();
    await updateProduct(db(), shop.vendorId, { productId: other.id, description: other.description, onlineVisible: false });
    expect((await row(other.id)).product?.descriptionEdited).toBe(false);
    const plain = await createProduct(db(), shop.vendorId, productInput());
    await updateProduct(db(), shop.vendorId, { productId: plain.id, name: 'Renamed freely', description: 'New words' });
    expect((await row(plain.id)).product).toMatchObject({ name: 'Renamed freely', descriptionEdited: false });
  });

  it('stock of a bridged product is counted in the POS: receive, count and adjust are refused, sales pass', async () => {
    const p = await bridged();
    const variantId = p.variants[0]!.id;
    const cashier = await get().caller({ bearer: shop.cashierToken });
    const manager = await get().caller({ bearer: shop.managerToken });
    const before = await countRows(db(), TABLES);
    for (const attempt of [
      cashier.inventory.receive({ variantId, quantity: 5 }),
      cashier.inventory.count({ variantId, quantity: 5 }),
      manager.inventory.adjust({ variantId, quantity: -1, note: 'Dropped' }),
    ]) {
      const e = await errorOf(attempt);
      expect(e.code).toBe('CONFLICT');
      expect(e.message).toMatch(/^“Sourdough loaf” comes from Square: its stock is counted in Square/);
    }
    expect(await countRows(db(), TABLES)).toEqual(before);
    await recordMovements(db(), shop.vendorId, [{ variantId, kind: 'sale', quantity: 1, occurredAt: new Date() }]);
    const rows = await db().select().from(inventoryMovements).where(eq(inventoryMovements.variantId, variantId));
    expect(rows.map((r) => r.kind)).toEqual(['sale']);
    // a product that is not bridged still takes deliveries
    const plain = await createProduct(db(), shop.vendorId, productInput());
    expect((await cashier.inventory.receive({ variantId: plain.variants[0]!.id, quantity: 5 })).onHand).toBe(5);
  });

  it('the bridge engine bypasses the rule with { bridge: true } and can create bridged products', async () => {
    const created = await createProduct(db(), shop.vendorId, productInput({ name: 'Rye loaf' }), {
      bridge: true,
      pos: { provider: 'square', editUrl: EDIT_URL },
    });
    expect((await row(created.id)).product).toMatchObject({ posProvider: 'square', posEditUrl: EDIT_URL });
    const v = created.variants[0]!;
    await updateProduct(db(), shop.vendorId, { productId: created.id, name: 'Dark rye loaf', description: 'From Square' }, { bridge: true });
    await upsertVariant(db(), shop.vendorId, { productId: created.id, ...v, lowStockThreshold: 0, priceCents: 999, sku: 'RYE-SQ', archived: false }, { bridge: true });
    await upsertVariant(db(), shop.vendorId, { productId: created.id, ...v, lowStockThreshold: 0, id: uuidv7(), name: 'Half', sku: 'RYE-SQ-H', archived: false }, { bridge: true });
    await archiveProduct(db(), shop.vendorId, { productId: created.id, archived: true }, { bridge: true });
    const after = await row(created.id);
    expect(after.product).toMatchObject({ name: 'Dark rye loaf', archived: true, descriptionEdited: false });
    expect(after.variants.map((x) => x.sku).sort()).toEqual(['RYE-SQ', 'RYE-SQ-H']);
    // and unbridges with pos: null
    await updateProduct(db(), shop.vendorId, { productId: created.id }, { bridge: true, pos: null });
    expect((await row(created.id)).product).toMatchObject({ posProvider: null, posEditUrl: null });
    // without the flag the same writes are refused
    const again = await bridged();
    expect((await errorOf(updateProduct(db(), shop.vendorId, { productId: again.id, name: 'x' }))).code).toBe('CONFLICT');
  });

  describeCounter();

  function describeCounter(): void {
    let c: Counter;
    const stamp = () => ({ staffId: c.staffId, approvedBy: c.staffId, occurredAt: new Date().toISOString() });

    async function push(...items: [MutationName, unknown][]) {
      const me = await c.caller.devices.me();
      const start = me.device.lastMutationId + 1;
      const res = await c.caller.sync.push({ epoch: await epochOf(db()), mutations: items.map(([name, args], i) => envelope(start + i, name, args)) });
      return res.results;
    }

    const asArgs = (v: ProductDetail['variants'][number]): CatalogVariantArgs => ({
      id: v.id, name: v.name, sku: v.sku, barcode: v.barcode, priceCents: v.priceCents, taxClass: v.taxClass, soldBy: v.soldBy,
      trackStock: v.trackStock, lowStockThreshold: v.stock?.lowStockThreshold ?? 0, sort: v.sort, archived: v.archived,
    });

    it('a counter push that changes POS-owned fields is rejected, writes nothing, and the feed re-sends the server’s rows', async () => {
      c = await pairCounter(get());
      const p = await bridged(c.shop.vendorId);
      const v = asArgs(p.variants[0]!);
      const epoch = await epochOf(db());
      const cursor = await settle(db(), c.caller, epoch, '0');
      const before = await countRows(db(), TABLES);
      const snapshot = await row(p.id);
      const results = await push(
        ['catalog.productUpdate', { productId: p.id, name: 'Sourdough loaf', onlineVisible: false, variants: [{ ...v, priceCents: 1 }], ...stamp() }],
        ['catalog.productUpdate', { productId: p.id, archived: true, variants: [], ...stamp() }],
        ['catalog.productUpdate', { productId: p.id, variants: [{ ...v, id: uuidv7(), sku: 'NEW-ONE', barcode: null }], ...stamp() }],
        ['stock.movement', { id: uuidv7(), variantId: v.id, kind: 'receive', quantity: 3, occurredAt: new Date().toISOString(), staffId: c.staffId }],
        ['stock.movement', { id: uuidv7(), variantId: v.id, kind: 'count', quantity: 3, occurredAt: new Date().toISOString(), staffId: c.staffId }],
      );
      expect(results.map((r) => [r.status, r.code])).toEqual(Array.from({ length: 5 }, () => ['rejected', 'CONFLICT']));
      expect(results[0]?.message).toMatch(/^“Sourdough loaf” comes from Square/);
      expect(await countRows(db(), TABLES)).toEqual(before);
      expect(await row(p.id)).toEqual(snapshot);
      const fed = await pullUntil(c.caller, epoch, cursor, (ch) => ch.some((x) => x.entity === 'product' && x.id === p.id));
      expect(latest(fed.changes, 'product', p.id)?.data).toMatchObject({ onlineVisible: true, posProvider: 'square', posEditUrl: EDIT_URL });
      expect(latest(fed.changes, 'variant', v.id)?.data).toMatchObject({ priceCents: v.priceCents });
    });

    it('a counter push of Makeries-owned fields applies, with its variants listed unchanged', async () => {
      c = await pairCounter(get());
      const p = await bridged(c.shop.vendorId);
      const v = asArgs(p.variants[0]!);
      const results = await push([
        'catalog.productUpdate',
        { productId: p.id, name: 'Sourdough loaf', onlineVisible: false, description: 'Crackly crust', dietaryTags: ['vegan'], variants: [{ ...v, lowStockThreshold: 3 }], ...stamp() },
      ]);
      expect(results.map((r) => r.status)).toEqual(['applied']);
      const after = await row(p.id);
      expect(after.product).toMatchObject({ onlineVisible: false, description: 'Crackly crust', descriptionEdited: true });
      expect(after.variants[0]?.lowStockThreshold).toBe(3);
    });

    it('the change feed carries the provider and edit link to counters (null when not bridged)', async () => {
      c = await pairCounter(get());
      const epoch = await epochOf(db());
      const cursor = await settle(db(), c.caller, epoch, '0');
      const p = await bridged(c.shop.vendorId);
      const plain = await createProduct(db(), c.shop.vendorId, productInput());
      const fed = await pullUntil(c.caller, epoch, cursor, (ch) => ch.some((x) => x.id === p.id) && ch.some((x) => x.id === plain.id));
      expect(latest(fed.changes, 'product', p.id)?.data).toMatchObject({ posProvider: 'square', posEditUrl: EDIT_URL });
      expect(latest(fed.changes, 'product', plain.id)?.data).toMatchObject({ posProvider: null, posEditUrl: null });
    });
  }
});
