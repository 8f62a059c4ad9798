import { isAppError, type ErrorCode } from '@makeries/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CounterCore } from '../index';
import { dbState } from '../router/test-kit';
import { ean13, makeCore, managerApproval, seedShop, signIn, type Shop, type TestCore } from '../test/fixtures';

let t: TestCore;
let core: CounterCore;
let shop: Shop;

beforeEach(async () => {
  t = makeCore();
  core = t.core;
  shop = await seedShop(core);
  await signIn(core, shop, 'manager');
});
afterEach(() => t.cleanup());

/** The AppError code a call fails with, whether it throws at once or rejects. */
async function codeOf(call: () => unknown): Promise<ErrorCode | 'none'> {
  try {
    await call();
    return 'none';
  } catch (e) {
    if (isAppError(e)) return e.code;
    throw e;
  }
}

const outbox = () =>
  (core.ctx.sqlite.prepare('SELECT mutation_id AS id, name, args FROM outbox ORDER BY mutation_id').all() as { id: number; name: string; args: string }[]).map(
    (r) => ({ id: r.id, name: r.name, args: JSON.parse(r.args) as Record<string, unknown> }),
  );

describe('catalog edits at the counter', () => {
  it('creates a product with variants: scannable and searchable at once, queued as one contiguous mutation', async () => {
    const small = ean13('501234599001');
    const saved = await core.catalogEdit.save({
      name: 'Wildflower Honey',
      categoryId: shop.categories.deli,
      onlineVisible: true,
      description: 'From the allotment',
      dietaryTags: ['vegetarian'],
      variants: [
        { name: '227 g', sku: 'HONEY-S', barcode: small, priceCents: 550 },
        { name: '454 g', sku: 'HONEY-L', priceCents: 950, taxClass: 'zero' },
      ],
    });

    expect(saved).toMatchObject({ created: true, mutationId: 1 });
    expect(core.catalog.lookupCode(small)).toMatchObject({ variant: { name: 'Wildflower Honey', variantName: '227 g', priceCents: 550 } });
    expect(core.catalog.search({ text: 'wildflower' }).map((h) => h.sku).sort()).toEqual(['HONEY-L', 'HONEY-S']);
    const [row] = outbox();
    expect(row).toMatchObject({ id: 1, name: 'catalog.productCreate', args: { productId: saved.productId, description: 'From the allotment', dietaryTags: ['vegetarian'], approvedBy: shop.staff.manager } });
    expect(core.catalogEdit.list({ q: 'honey' })).toEqual([
      expect.objectContaining({ name: 'Wildflower Honey', categoryName: 'Deli', onlineVisible: true, pendingSync: true, variants: [expect.objectContaining({ sku: 'HONEY-S', onHand: 0 }), expect.objectContaining({ sku: 'HONEY-L' })] }),
    ]);
  });

  it('updates name, price and barcode, toggles online visibility and archives, each as the next mutation id', async () => {
    const loaf = core.catalogEdit.list({ q: 'LOAF-1' })[0];
    if (!loaf) throw new Error('fixture loaf missing');
    const v = loaf.variants[0]!;
    const fresh = ean13('501234599002');
    await core.catalogEdit.save({ productId: loaf.id, name: 'Country Sourdough', categoryId: loaf.categoryId, onlineVisible: true, variants: [{ ...v, barcode: fresh, priceCents: 480 }] });
    await core.catalogEdit.setOnline({ productId: loaf.id, value: false });
    await core.catalogEdit.archive({ productId: loaf.id, value: true });

    expect(outbox().map((r) => [r.id, r.name])).toEqual([[1, 'catalog.productUpdate'], [2, 'catalog.productUpdate'], [3, 'catalog.productUpdate']]);
    // the update leaves out what the counter does not hold, so the server keeps its description
    expect(outbox()[0]?.args).not.toHaveProperty('description');
    expect(outbox()[1]?.args).toMatchObject({ onlineVisible: false, variants: [] });
    expect(() => core.catalog.lookupCode(fresh)).toThrow(/No product has the code/);
    expect(core.catalogEdit.list({ status: 'archived' }).map((p) => [p.name, p.onlineVisible])).toEqual([['Country Sourdough', false]]);
    await core.catalogEdit.archive({ productId: loaf.id, value: false });
    expect(core.catalog.lookupCode(fresh)).toMatchObject({ variant: { name: 'Country Sourdough', priceCents: 480 } });
  });

  it('adds a category and a tax rate that products can use straight away', async () => {
    const cat = await core.catalogEdit.saveCategory({ name: 'Jams & Preserves', sort: 3 });
    const rate = await core.catalogEdit.saveTaxRate({ taxClass: 'reduced', name: 'Reduced VAT', rateBps: 500 });
    await core.catalogEdit.save({ name: 'Gooseberry Jam', categoryId: cat.id, variants: [{ sku: 'GOOSE-1', priceCents: 420, taxClass: 'reduced' }] });
    expect(core.catalogEdit.categories().find((c) => c.id === cat.id)).toMatchObject({ slug: 'jams-and-preserves', productCount: 1 });
    expect(core.catalogEdit.taxRates().find((r) => r.id === rate.id)).toMatchObject({ rateBps: 500 });
    expect(outbox().map((r) => r.name)).toEqual(['catalog.categorySave', 'catalog.taxRateSave', 'catalog.productCreate']);
    await core.catalogEdit.saveCategory({ id: cat.id, name: 'Preserves', sort: 3 });
    expect(core.catalogEdit.categories().find((c) => c.id === cat.id)).toMatchObject({ slug: 'jams-and-preserves', name: 'Preserves' });
  });

  it('marketplace categories are picked, never changed; the shop’s own are editable', async () => {
    const mine = await core.catalogEdit.saveCategory({ name: 'House specials', sort: 1 });
    const listed = core.catalogEdit.categories();
    expect(listed.find((c) => c.id === shop.categories.deli)).toMatchObject({ name: 'Deli', marketplace: true });
    expect(listed.find((c) => c.id === mine.id)).toMatchObject({ name: 'House specials', marketplace: false });
    const before = dbState(core);
    await expect(core.catalogEdit.saveCategory({ id: shop.categories.deli, name: 'Defaced', sort: 0 })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/marketplace category/),
    });
    expect(dbState(core)).toEqual(before);
    expect(core.catalogEdit.categories().find((c) => c.id === shop.categories.deli)).toMatchObject({ name: 'Deli' });
  });

  it('a cashier needs a manager’s PIN', async () => {
    await signIn(core, shop, 'cashier');
    const before = dbState(core);
    await expect(core.catalogEdit.setOnline({ productId: core.catalogEdit.list({ q: 'JAM-1' })[0]!.id, value: false })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      details: { needsApproval: true },
    });
    expect(dbState(core)).toEqual(before);
    const ok = await core.catalogEdit.saveTaxRate({ taxClass: 'zero', name: 'Exempt', rateBps: 0, approval: managerApproval(shop) });
    expect(outbox()).toEqual([expect.objectContaining({ id: ok.mutationId, name: 'catalog.taxRateSave', args: expect.objectContaining({ approvedBy: shop.staff.manager }) })]);
  });

  it('refuses bad input with a clear code and writes nothing (no outbox row)', async () => {
    const before = dbState(core);
    const wrongDigit = `${shop.barcodes.loaf.slice(0, 12)}${(Number(shop.barcodes.loaf.slice(12)) + 1) % 10}`;
    const v = { sku: 'NEW-1', priceCents: 100 };
    expect(await codeOf(() => core.catalogEdit.save({ name: '', variants: [v] }))).toBe('BAD_INPUT');
    expect(await codeOf(() => core.catalogEdit.save({ name: 'X', variants: [] }))).toBe('BAD_INPUT');
    expect(await codeOf(() => core.catalogEdit.save({ name: 'X', variants: [{ ...v, priceCents: 1.5 }] }))).toBe('BAD_INPUT');
    expect(await codeOf(() => core.catalogEdit.save({ name: 'X', variants: [{ ...v, barcode: wrongDigit }] }))).toBe('INVALID_BARCODE');
    expect(await codeOf(() => core.catalogEdit.save({ name: 'X', variants: [{ ...v, barcode: shop.barcodes.loaf }] }))).toBe('DUPLICATE');
    // the UPC-A the jam carries, typed as its EAN-13
    expect(await codeOf(() => core.catalogEdit.save({ name: 'X', variants: [{ ...v, barcode: `0${shop.barcodes.jam}` }] }))).toBe('DUPLICATE');
    expect(await codeOf(() => core.catalogEdit.save({ name: 'X', variants: [{ ...v, sku: 'LOAF-1' }] }))).toBe('DUPLICATE');
    expect(await codeOf(() => core.catalogEdit.save({ name: 'X', variants: [v, { ...v, name: 'Two' }] }))).toBe('DUPLICATE');
    expect(await codeOf(() => core.catalogEdit.save({ name: 'X', variants: [{ ...v, taxClass: 'luxury' }] }))).toBe('BAD_INPUT');
    expect(await codeOf(() => core.catalogEdit.save({ name: 'X', categoryId: shop.variants.loaf, variants: [v] }))).toBe('BAD_INPUT');
    expect(await codeOf(() => core.catalogEdit.save({ name: 'X', variants: [{ ...v, archived: true }] }))).toBe('BAD_INPUT');
    expect(await codeOf(() => core.catalogEdit.saveCategory({ name: 'bread' }))).toBe('DUPLICATE');
    expect(await codeOf(() => core.catalogEdit.saveTaxRate({ taxClass: 'Standard!', name: 'x', rateBps: 10 }))).toBe('BAD_INPUT');
    expect(await codeOf(() => core.catalogEdit.saveTaxRate({ taxClass: 'standard', name: 'VAT', rateBps: 10 }))).toBe('DUPLICATE');
    expect(await codeOf(() => core.catalogEdit.setOnline({ productId: shop.variants.loaf, value: true }))).toBe('NOT_FOUND');
    expect(dbState(core)).toEqual(before);
  });
});

describe('CSV', () => {
  it('exports one row per variant and imports it back unchanged', async () => {
    const csv = core.catalogEdit.exportCsv();
    const lines = csv.text.split(/\r?\n/);
    expect(lines[0]).toBe('product,variant,sku,barcode,price,category,tax_class,online,on_hand');
    expect(lines).toContain(`Sourdough Loaf,Default,LOAF-1,${shop.barcodes.loaf},4.50,Bread,zero,yes,20`);
    expect(lines).toContain('Paper Bag,Default,BAG,,0.10,,standard,yes,');
    const preview = core.catalogEdit.previewImport({ text: csv.text });
    expect(preview.counts).toEqual({ create: 0, update: 0, unchanged: 5, error: 0 });
    const before = dbState(core);
    await core.catalogEdit.applyImport({ text: csv.text });
    expect(dbState(core)).toEqual(before);
  });

  it('previews creates, updates and per-row errors; applies all or nothing in one transaction', async () => {
    const text = [
      'product,variant,sku,barcode,price,category,tax_class,online',
      'Sourdough Loaf,Default,LOAF-1,,4.75,Bread,zero,yes',
      'Seeded Rye,Small,RYE-S,,3.20,Bread,standard,no',
      'Seeded Rye,Large,RYE-L,,5.40,Bread,standard,no',
      `Mystery,Default,MYS-1,${shop.barcodes.croissant},abc,Cakes,luxury,maybe`,
    ].join('\n');
    const preview = core.catalogEdit.previewImport({ text });
    expect(preview.rows.map((r) => [r.line, r.action])).toEqual([[2, 'update'], [3, 'create'], [4, 'create'], [5, 'error']]);
    expect(preview.newProducts).toBe(2);
    expect(preview.rows[3]?.errors.join(' ')).toMatch(/not an amount.*no category called "Cakes".*no "luxury" tax rate.*yes or no.*already belongs to "Butter Croissant"/s);

    const before = dbState(core);
    expect(await codeOf(() => core.catalogEdit.applyImport({ text }))).toBe('BAD_INPUT');
    expect(dbState(core)).toEqual(before);

    const good = text.split('\n').slice(0, 4).join('\n');
    const done = await core.catalogEdit.applyImport({ text: good });
    expect(outbox().map((r) => [r.id, r.name])).toEqual([[1, 'catalog.productUpdate'], [2, 'catalog.productCreate']]);
    expect(done.mutationId).toBe(2);
    expect(core.catalogEdit.list({ q: 'rye' })[0]?.variants.map((v) => [v.name, v.priceCents])).toEqual([['Small', 320], ['Large', 540]]);
    expect(() => core.catalog.lookupCode(shop.barcodes.loaf)).toThrow(/No product has the code/);
    expect(core.catalogEdit.list({ q: 'LOAF-1' })[0]?.variants[0]).toMatchObject({ priceCents: 475, barcode: null });
  });

  it('keeps what a file leaves out: a price-only file changes prices, not barcodes or variant names', async () => {
    const done = await core.catalogEdit.applyImport({ text: 'product,sku,price\nStrawberry Jam,JAM-1,4.05' });
    expect(done.preview.counts).toMatchObject({ update: 1, error: 0 });
    expect(core.catalog.lookupCode(shop.barcodes.jam)).toMatchObject({ variant: { sku: 'JAM-1', variantName: 'Default', priceCents: 405 } });
  });

  it('refuses a file that is not a catalog', async () => {
    expect(await codeOf(() => core.catalogEdit.previewImport({ text: 'name,colour\nfoo,red' }))).toBe('BAD_INPUT');
    expect(await codeOf(() => core.catalogEdit.previewImport({ text: '' }))).toBe('BAD_INPUT');
  });
});
