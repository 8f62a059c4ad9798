import {
  gtinCheckDigit,
  uuidv7,
  type CatalogProductCreateArgs,
  type CatalogProductUpdateArgs,
  type CatalogVariantArgs,
  type MutationName,
} from '@makeries/shared';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { categories, products, taxRates, variants } from '../../db/schema/index';
import { describeEachDb } from '../../test/harness';
import { envelope, epochOf, latest, pairCounter, pullUntil, settle, type Counter } from './sync-test-kit';

let codes = 0;
function ean13(): string {
  const body = `51${String(Date.now() % 1e6).padStart(6, '0')}${String(++codes).padStart(4, '0')}`;
  return `${body}${gtinCheckDigit(body)}`;
}

const stamp = (c: Counter) => ({ staffId: c.staffId, approvedBy: c.staffId, occurredAt: new Date().toISOString() });

function variant(extra: Partial<CatalogVariantArgs> = {}): CatalogVariantArgs {
  return {
    id: uuidv7(),
    name: 'Default',
    sku: `CE-${uuidv7().slice(-10)}`,
    barcode: ean13(),
    priceCents: 650,
    taxClass: 'standard',
    soldBy: 'each',
    trackStock: true,
    lowStockThreshold: 2,
    sort: 0,
    archived: false,
    ...extra,
  };
}

function create(c: Counter, extra: Partial<CatalogProductCreateArgs> = {}): CatalogProductCreateArgs {
  return {
    productId: uuidv7(),
    name: 'Quince Paste',
    description: 'Slow-cooked quince',
    categoryId: null,
    dietaryTags: ['vegan'],
    onlineVisible: true,
    variants: [variant()],
    ...stamp(c),
    ...extra,
  };
}

describeEachDb('sync.push catalog edits', (get) => {
  const db = () => get().database.db;

  async function push(c: Counter, ...items: [MutationName, unknown][]) {
    const me = await c.caller.devices.me();
    const start = me.device.lastMutationId + 1;
    const res = await c.caller.sync.push({ epoch: await epochOf(db()), mutations: items.map(([name, args], i) => envelope(start + i, name, args)) });
    return res.results;
  }

  async function storefront(q: string, vendorId: string) {
    const visitor = await get().caller({});
    return (await visitor.search.products({ q, vendorId })).items.map((i) => i.name);
  }

  it('an edit made offline reaches the storefront search and every counter’s feed', async () => {
    const c = await pairCounter(get());
    const epoch = await epochOf(db());
    const cursor = await settle(db(), c.caller, epoch, '0');
    const categoryId = uuidv7();
    const slug = `pastes-${uuidv7().slice(-8)}`;
    const made = create(c, { categoryId, onlineVisible: false });
    const update: CatalogProductUpdateArgs = {
      productId: made.productId,
      name: 'Membrillo Quince Paste',
      onlineVisible: true,
      variants: [{ ...made.variants[0]!, priceCents: 725 }, variant({ name: 'Large', sort: 1 })],
      ...stamp(c),
    };

    const results = await push(
      c,
      ['catalog.categorySave', { id: categoryId, slug, name: 'Fruit pastes', sort: 5, ...stamp(c) }],
      ['catalog.taxRateSave', { id: uuidv7(), taxClass: 'reduced', name: 'Reduced VAT', rateBps: 500, ...stamp(c) }],
      ['catalog.productCreate', made],
      ['catalog.productUpdate', update],
    );

    expect(results.map((r) => r.code ?? r.status)).toEqual(['applied', 'applied', 'applied', 'applied']);
    expect(await storefront('membrillo', c.shop.vendorId)).toEqual(['Membrillo Quince Paste']);
    const rows = await db().select().from(variants).where(eq(variants.productId, made.productId));
    expect(rows.map((v) => [v.name, v.priceCents]).sort()).toEqual([['Default', 725], ['Large', 650]]);
    const fed = await pullUntil(c.caller, epoch, cursor, (ch) => ch.some((x) => x.entity === 'variant' && x.id === update.variants[1]!.id));
    expect(latest(fed.changes, 'product', made.productId)?.data).toMatchObject({ name: 'Membrillo Quince Paste', categoryId, onlineVisible: true });
    expect(latest(fed.changes, 'category', categoryId)?.data).toMatchObject({ name: 'Fruit pastes', slug });
    expect(fed.changes.some((x) => x.entity === 'tax_rate')).toBe(true);

    // archive (a patch of one field) takes it off the storefront
    expect((await push(c, ['catalog.productUpdate', { productId: made.productId, archived: true, variants: [], ...stamp(c) }]))[0]?.status).toBe('applied');
    expect(await storefront('membrillo', c.shop.vendorId)).toEqual([]);
  });

  it('a duplicate barcode is rejected and the feed re-sends the server’s rows so the counter converges back', async () => {
    const c = await pairCounter(get());
    const epoch = await epochOf(db());
    const first = create(c, { name: 'Damson Cheese' });
    expect((await push(c, ['catalog.productCreate', first]))[0]?.status).toBe('applied');
    const taken = first.variants[0]!.barcode;
    const cursor = await settle(db(), c.caller, epoch, '0');

    const clashingCreate = create(c, { name: 'Plum Cheese', variants: [variant({ barcode: taken })] });
    const second = create(c, { name: 'Pear Cheese' });
    expect((await push(c, ['catalog.productCreate', second]))[0]?.status).toBe('applied');
    const clashingEdit: CatalogProductUpdateArgs = {
      productId: second.productId,
      name: 'Renamed Pear Cheese',
      variants: [{ ...second.variants[0]!, barcode: taken }],
      ...stamp(c),
    };
    const results = await push(c, ['catalog.productCreate', clashingCreate], ['catalog.productUpdate', clashingEdit]);

    expect(results.map((r) => r.code)).toEqual(['DUPLICATE', 'DUPLICATE']);
    expect(results[0]?.message).toMatch(/Damson Cheese/);
    expect(await db().select().from(products).where(eq(products.id, clashingCreate.productId))).toEqual([]);
    const [kept] = await db().select().from(products).where(eq(products.id, second.productId));
    expect(kept?.name).toBe('Pear Cheese');
    const fed = await pullUntil(c.caller, epoch, cursor, (ch) => ch.some((x) => x.id === clashingCreate.productId));
    // the create never happened: the counter drops its optimistic copy; the edit: the counter gets the old row back
    expect(latest(fed.changes, 'product', clashingCreate.productId)).toMatchObject({ op: 'delete' });
    expect(latest(fed.changes, 'variant', clashingCreate.variants[0]!.id)).toMatchObject({ op: 'delete' });
    expect(latest(fed.changes, 'product', second.productId)?.data).toMatchObject({ name: 'Pear Cheese' });
    expect(latest(fed.changes, 'variant', second.variants[0]!.id)?.data).toMatchObject({ barcode: second.variants[0]!.barcode });
  });

  it('is idempotent: a resent create writes nothing twice; another shop cannot take over ids', async () => {
    const c = await pairCounter(get());
    const other = await pairCounter(get());
    const made = create(c);
    const rate = { id: uuidv7(), taxClass: 'zero', name: 'Zero', rateBps: 0, ...stamp(c) };
    expect((await push(c, ['catalog.productCreate', made], ['catalog.taxRateSave', rate])).map((r) => r.status)).toEqual(['applied', 'applied']);
    expect((await push(c, ['catalog.productCreate', made], ['catalog.taxRateSave', rate])).map((r) => r.status)).toEqual(['applied', 'applied']);
    expect(await db().select({ id: variants.id }).from(variants).where(eq(variants.productId, made.productId))).toHaveLength(1);
    expect(await db().select().from(taxRates).where(eq(taxRates.id, rate.id))).toHaveLength(1);

    const theirs = await push(
      other,
      ['catalog.productUpdate', { productId: made.productId, name: 'Hijacked', variants: [], ...stamp(other) }],
      ['catalog.taxRateSave', { ...rate, name: 'Hijacked', ...stamp(other) }],
    );
    expect(theirs.map((r) => r.code)).toEqual(['NOT_FOUND', 'CONFLICT']);
    const [p] = await db().select({ name: products.name }).from(products).where(eq(products.id, made.productId));
    expect(p?.name).toBe('Quince Paste');
  });

  describe('bad arguments', () => {
    it('rejects unknown categories, clashing category slugs, bad check digits and unknown staff, writing nothing', async () => {
      const c = await pairCounter(get());
      const [existing] = await db()
        .insert(categories)
        .values({ id: uuidv7(), vendorId: c.shop.vendorId, slug: `honey-${uuidv7().slice(-8)}`, name: 'Honey' })
        .returning();
      const good = ean13();
      const wrongDigit = `${good.slice(0, 12)}${(Number(good.slice(12)) + 1) % 10}`;
      const results = await push(
        c,
        ['catalog.productCreate', create(c, { categoryId: uuidv7() })],
        ['catalog.categorySave', { id: uuidv7(), slug: existing!.slug, name: 'My honey', sort: 0, ...stamp(c) }],
        ['catalog.productCreate', create(c, { variants: [variant({ barcode: wrongDigit })] })],
        ['catalog.taxRateSave', { id: uuidv7(), taxClass: 'standard', name: 'VAT', rateBps: 2000, ...stamp(c), staffId: uuidv7() }],
        ['catalog.productCreate', { ...create(c), variants: [] }],
      );
      expect(results.map((r) => r.code)).toEqual(['BAD_INPUT', 'DUPLICATE', 'BAD_INPUT', 'NOT_FOUND', 'BAD_INPUT']);
      expect(await db().select().from(products).where(eq(products.vendorId, c.shop.vendorId))).toEqual([]);
      expect(await db().select().from(taxRates).where(eq(taxRates.vendorId, c.shop.vendorId))).not.toContainEqual(expect.objectContaining({ name: 'VAT' }));
    });
  });
});
