import { isAppError, type AppError } from '@makeries/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CounterCore } from '../index';
import { dbState } from '../router/test-kit';
import { ean13, makeCore, seedShop, signIn, type Shop, type TestCore } from '../test/fixtures';
import type { ProductSaveInput } from './inputs';
import type { EditableProduct } from './reads';

const EDIT_URL = 'https://app.squareup.com/dashboard/items/library/ITEM123';
const EDIT_WORDS =
  '“Sourdough Loaf” comes from Square: change its name, price, SKU, barcode, tax, stock tracking or archive it in Square. Online visibility, category, dietary tags and description can be changed here.';

let t: TestCore;
let core: CounterCore;
let shop: Shop;
let loaf: EditableProduct;

/** The row the server's feed sends for a product the bridge engine imported from Square. */
function bridge(p: EditableProduct, extra: Record<string, unknown> = {}): void {
  core.mirror.applyPage({
    changes: [
      { entity: 'product', op: 'upsert', id: p.id, data: { name: p.name, categoryId: p.categoryId, onlineVisible: true, archived: false, posProvider: 'square', posEditUrl: EDIT_URL, ...extra } },
    ],
    nextCursor: '2',
    epoch: 'epoch-1',
  });
}

async function refusal(call: () => unknown): Promise<AppError> {
  try {
    await call();
  } catch (e) {
    if (isAppError(e)) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

const outbox = () =>
  (core.ctx.sqlite.prepare('SELECT name, args FROM outbox ORDER BY mutation_id').all() as { name: string; args: string }[]).map((r) => ({
    name: r.name,
    args: JSON.parse(r.args) as Record<string, unknown>,
  }));

beforeEach(async () => {
  t = makeCore();
  core = t.core;
  shop = await seedShop(core);
  await signIn(core, shop, 'manager');
  const found = core.catalogEdit.list({ q: 'LOAF-1' })[0];
  if (!found) throw new Error('fixture loaf missing');
  bridge(found);
  loaf = core.catalogEdit.byId({ productId: found.id });
});
afterEach(() => t.cleanup());

describe('products bridged from a point of sale, at the counter', () => {
  it('migration 0010 adds the bridge columns; the feed’s provider and edit link are stored, an older server’s row reads as not bridged', () => {
    const cols = (core.ctx.sqlite.prepare("SELECT name FROM pragma_table_info('mirror_products')").all() as { name: string }[]).map((c) => c.name);
    expect(cols).toEqual(expect.arrayContaining(['pos_provider', 'pos_edit_url']));
    expect(loaf).toMatchObject({ posProvider: 'square', posEditUrl: EDIT_URL });
    const jam = core.catalogEdit.list({ q: 'JAM-1' })[0];
    expect(jam).toMatchObject({ posProvider: null, posEditUrl: null });
  });

  it('refuses each POS-owned edit with the server’s words before anything is written or queued', async () => {
    const v = loaf.variants[0]!;
    const save = (patch: Partial<typeof v>, name = loaf.name, extra: ProductSaveInput['variants'] = []) => () =>
      core.catalogEdit.save({ productId: loaf.id, name, categoryId: loaf.categoryId, onlineVisible: true, variants: [{ ...v, ...patch }, ...extra] });
    const before = dbState(core);
    const attempts = [
      save({}, 'Country Sourdough'),
      save({ priceCents: v.priceCents + 10 }),
      save({ sku: 'LOAF-NEW' }),
      save({ barcode: ean13('501234599077') }),
      save({ taxClass: 'standard' }),
      save({ name: 'Large' }),
      save({}, loaf.name, [{ name: 'Half', sku: 'LOAF-H', priceCents: 240, taxClass: 'zero' }]),
      () => core.catalogEdit.archive({ productId: loaf.id, value: true }),
    ];
    for (const attempt of attempts) {
      const e = await refusal(attempt);
      expect(e.code).toBe('CONFLICT');
      expect(e.message).toBe(EDIT_WORDS);
    }
    expect(dbState(core)).toEqual(before);
  });

  it('Makeries-owned edits go through, keep the product bridged and leave POS-owned fields out of the mutation', async () => {
    const v = loaf.variants[0]!;
    await core.catalogEdit.save({ productId: loaf.id, name: loaf.name, categoryId: shop.categories.deli, onlineVisible: false, description: 'Crackly crust', dietaryTags: ['vegan'], variants: [v] });
    await core.catalogEdit.save({ productId: loaf.id, name: loaf.name, categoryId: shop.categories.deli, onlineVisible: false, variants: [{ ...v, lowStockThreshold: 5 }] });
    await core.catalogEdit.setOnline({ productId: loaf.id, value: true });
    const [first, second] = outbox();
    expect(first?.args).toMatchObject({ categoryId: shop.categories.deli, onlineVisible: false, description: 'Crackly crust', variants: [] });
    expect(first?.args).not.toHaveProperty('name');
    expect(second?.args).toMatchObject({ variants: [expect.objectContaining({ id: v.id, lowStockThreshold: 5, priceCents: v.priceCents })] });
    expect(core.catalogEdit.byId({ productId: loaf.id })).toMatchObject({ posProvider: 'square', posEditUrl: EDIT_URL, onlineVisible: true, categoryId: shop.categories.deli });
  });

  it('stock of a bridged product is counted in the POS: receive, count and adjust are refused, other products still take deliveries', async () => {
    const before = dbState(core);
    for (const kind of ['receive', 'count', 'adjust'] as const) {
      const e = await refusal(() => core.inventory.record({ kind, variantId: shop.variants.loaf, quantity: 3, note: 'x' }));
      expect(e.code).toBe('CONFLICT');
      expect(e.message).toMatch(/^“Sourdough Loaf” comes from Square: its stock is counted in Square/);
    }
    expect(dbState(core)).toEqual(before);
    // another product still takes deliveries
    const had = core.inventory.onHand([shop.variants.croissant]).get(shop.variants.croissant) ?? 0;
    expect((await core.inventory.record({ kind: 'receive', variantId: shop.variants.croissant, quantity: 3 })).onHand).toBe(had + 3);
  });

  it('CSV rows that would change a bridged product’s POS-owned fields are refused one by one with the reason', async () => {
    const text = [
      'product,variant,sku,barcode,price,category,tax_class,online',
      `Sourdough Loaf,Default,LOAF-1,${shop.barcodes.loaf},4.75,Bread,zero,yes`,
      'Sourdough Loaf,Half,LOAF-H,,2.40,Bread,zero,yes',
      `Butter Croissant,Default,CRO-1,${shop.barcodes.croissant},2.10,Bread,standard,yes`,
    ].join('\n');
    const preview = core.catalogEdit.previewImport({ text });
    expect(preview.rows.map((r) => [r.line, r.action])).toEqual([[2, 'error'], [3, 'error'], [4, 'update']]);
    expect(preview.rows[0]?.errors).toEqual([`${EDIT_WORDS} This row would change its price.`]);
    expect(preview.rows[1]?.errors).toEqual([`${EDIT_WORDS} This row would change its variants (new variant).`]);
    const before = dbState(core);
    expect((await refusal(() => core.catalogEdit.applyImport({ text }))).code).toBe('BAD_INPUT');
    expect(dbState(core)).toEqual(before);
    // a row that only moves it to another category or hides it online is fine
    const fine = ['product,variant,sku,barcode,price,category,tax_class,online', `Sourdough Loaf,Default,LOAF-1,${shop.barcodes.loaf},4.50,Deli,zero,no`].join('\n');
    expect(core.catalogEdit.previewImport({ text: fine }).rows.map((r) => r.action)).toEqual(['update']);
    await core.catalogEdit.applyImport({ text: fine });
    expect(outbox()[0]?.args).not.toHaveProperty('name');
    expect(core.catalogEdit.byId({ productId: loaf.id })).toMatchObject({ categoryId: shop.categories.deli, onlineVisible: false, posProvider: 'square' });
  });
});
