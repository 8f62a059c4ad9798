import { uuidv7, type Change } from '@makeries/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ftsQuery } from './search';
import { generateCatalog, generatedBarcode, generatedName, generatedSku } from '../test/generate-catalog';
import { makeCore, seedShop, signIn, type Shop, type TestCore } from '../test/fixtures';

const N = 50_000;
let t: TestCore;
let shop: Shop;
let variantIds: string[];

const names = (text: string, limit = 20) => t.core.catalog.search({ text, limit }).map((h) => h.name);
const apply = (changes: Change[]) => t.core.mirror.applyPage({ changes, nextCursor: uuidv7(), epoch: 'epoch-1' });

beforeAll(async () => {
  t = makeCore();
  shop = await seedShop(t.core);
  await signIn(t.core, shop);
  const gen = generateCatalog(N, shop.vendorId);
  variantIds = gen.variantIds;
  apply(gen.changes);
  const extra = (name: string, sku: string) => {
    const productId = uuidv7();
    return [
      { entity: 'product', op: 'upsert', id: productId, data: { name, categoryId: shop.categories.bread } },
      { entity: 'variant', op: 'upsert', id: uuidv7(), data: { productId, sku, priceCents: 500 } },
    ] satisfies Change[];
  };
  apply([...extra('Sourdough Rye', 'RYE-1'), ...extra('Sour Cherry Jam', 'SCJ-1'), ...extra('Crème Brûlée', 'CB-1')]);
});
afterAll(() => t.cleanup());

describe(`catalog search over ${N} products`, () => {
  it('matches every word as a prefix, best name matches first', () => {
    expect(names('sour').sort()).toEqual(['Sour Cherry Jam', 'Sourdough Loaf', 'Sourdough Rye']);
    expect(names('sourd').sort()).toEqual(['Sourdough Loaf', 'Sourdough Rye']);
    expect(names('SOURDOUGH ry')).toEqual(['Sourdough Rye']);
    expect(names('creme brul')).toEqual(['Crème Brûlée']);
  });

  it('finds words shared by thousands of products and returns only matches, up to the limit', () => {
    const hits = t.core.catalog.search({ text: 'smoked chut', limit: 50 });
    expect(hits).toHaveLength(50);
    for (const h of hits) expect(h.name).toBe('Smoked Chutney');
    const wide = t.core.catalog.search({ text: 'b', limit: 100 });
    expect(wide).toHaveLength(100);
    for (const h of wide) expect(h.name.split(' ').some((w) => w.toLowerCase().startsWith('b')) || h.categoryName?.startsWith('B')).toBe(true);
  });

  it('finds by SKU, barcode prefix and category, ready for the cart', () => {
    const bySku = t.core.catalog.search({ text: 'SKU-04321', limit: 20 });
    expect(bySku.map((h) => h.sku).sort()).toEqual(Array.from({ length: 10 }, (_, i) => generatedSku(43210 + i)));
    const [hit] = t.core.catalog.search({ text: generatedBarcode(31337), limit: 5 });
    expect(hit).toMatchObject({ sku: generatedSku(31337), name: generatedName(31337), variantId: variantIds[31337], priceCents: 100 + (31337 % 2000), soldBy: 'each', onHand: 31337 % 50 });
    expect(t.core.catalog.search({ text: 'frozen waff', limit: 100 }).every((h) => h.categoryName === 'Frozen' || h.name.includes('Frozen'))).toBe(true);
    expect(names('Bread Sour').sort()).toEqual(['Sour Cherry Jam', 'Sourdough Loaf', 'Sourdough Rye']);
  });

  it('looks a barcode up exactly and adds it to the cart', () => {
    const r = t.core.cart.addScan({ code: generatedBarcode(47_001) });
    expect(r.cart.lines.at(-1)).toMatchObject({ sku: generatedSku(47_001), name: generatedName(47_001) });
    expect(t.core.catalog.lookupCode(generatedBarcode(2)).variant.variantId).toBe(variantIds[2]);
  });

  it('treats FTS syntax in what staff type as plain text', () => {
    expect(ftsQuery('"')).toBeNull();
    expect(ftsQuery('a AND OR (b* NEAR')).toBe('"a"* "AND"* "OR"* "(b*"* "NEAR"*');
    expect(() => t.core.catalog.search({ text: 'sour" OR "x', limit: 5 })).not.toThrow();
    expect(t.core.catalog.search({ text: '  ', limit: 5 })).toEqual([]);
    expect(t.core.catalog.search({ text: 'zzzzqqq', limit: 5 })).toEqual([]);
  });
});

describe('search stays in step with the mirror', () => {
  it('follows renames, category changes, archiving and deletes', () => {
    const productId = uuidv7();
    const variantId = uuidv7();
    const catId = uuidv7();
    // the variant arrives before its product and category: it is indexed again when they arrive
    apply([{ entity: 'variant', op: 'upsert', id: variantId, data: { productId, sku: 'QX-1', priceCents: 250 } }]);
    expect(names('quince')).toEqual([]);
    apply([{ entity: 'product', op: 'upsert', id: productId, data: { name: 'Quince Paste', categoryId: catId } }]);
    expect(names('quince')).toEqual(['Quince Paste']);
    apply([{ entity: 'category', op: 'upsert', id: catId, data: { slug: 'preserves', name: 'Preserves' } }]);
    expect(names('preserv')).toEqual(['Quince Paste']);
    apply([{ entity: 'category', op: 'upsert', id: catId, data: { slug: 'preserves', name: 'Conserves' } }]);
    expect(names('preserv')).toEqual([]);
    expect(names('conserv')).toEqual(['Quince Paste']);
    apply([{ entity: 'product', op: 'upsert', id: productId, data: { name: 'Membrillo', categoryId: catId } }]);
    expect(names('quince')).toEqual([]);
    expect(names('membr')).toEqual(['Membrillo']);
    apply([{ entity: 'variant', op: 'upsert', id: variantId, data: { productId, sku: 'QX-1', priceCents: 250, archived: true } }]);
    expect(names('membr')).toEqual([]);
    apply([{ entity: 'variant', op: 'upsert', id: variantId, data: { productId, sku: 'QX-1', priceCents: 275 } }]);
    expect(t.core.catalog.search({ text: 'membr' })[0]?.priceCents).toBe(275);
    apply([{ entity: 'variant', op: 'delete', id: variantId, data: null }]);
    expect(names('membr')).toEqual([]);
    const fts = t.core.ctx.sqlite.prepare('SELECT count(*) AS n FROM variant_fts').get() as { n: number };
    const variants = t.core.ctx.sqlite.prepare('SELECT count(*) AS n FROM mirror_variants').get() as { n: number };
    expect(fts.n).toBe(variants.n);
  });
});
