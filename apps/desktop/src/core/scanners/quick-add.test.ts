import { isAppError, type Change, type ErrorCode } from '@makeries/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dbState } from '../router/test-kit';
import { count, ean13, makeCore, managerApproval, seedShop, signIn, type Shop, type TestCore } from '../test/fixtures';
import type { QuickAddInput } from './inputs';

let t: TestCore;
let shop: Shop;

beforeEach(async () => {
  t = makeCore();
  shop = await seedShop(t.core);
});
afterEach(() => t.cleanup());

const CHUTNEY = ean13('501234588888');
const chutney = (extra: Partial<QuickAddInput> = {}): QuickAddInput => ({
  code: CHUTNEY,
  name: 'Rhubarb Chutney',
  priceCents: 475,
  taxClass: 'standard',
  categoryId: shop.categories.deli,
  addToCart: false,
  ...extra,
});

async function codeOf(p: Promise<unknown>): Promise<ErrorCode | 'none'> {
  try {
    await p;
    return 'none';
  } catch (e) {
    if (isAppError(e)) return e.code;
    throw e;
  }
}

function queued() {
  return t.core.ctx.sqlite.prepare("SELECT name, args, status FROM outbox WHERE name = 'product.quickAdd'").all() as { name: string; args: string; status: string }[];
}

describe('quick-add', () => {
  it('puts the product in the local catalog at once (searchable, scannable) and queues product.quickAdd with it', async () => {
    await signIn(t.core, shop, 'manager');

    const added = await t.core.scanners.quickAdd(chutney({ name: '  Rhubarb Chutney ' }));

    expect(added).toMatchObject({ name: 'Rhubarb Chutney', sku: CHUTNEY, barcode: CHUTNEY, priceCents: 475, scan: null });
    expect(t.core.catalog.search({ text: 'rhubarb' }).map((h) => ({ id: h.variantId, category: h.categoryName }))).toEqual([
      { id: added.variantId, category: 'Deli' },
    ]);
    expect(t.core.scanners.scan(CHUTNEY)).toMatchObject({ status: 'added' });
    expect(t.core.cart.current()?.lines).toEqual([
      expect.objectContaining({ name: 'Rhubarb Chutney', variantId: added.variantId, unitPriceCents: 475, taxRatesBps: [2000] }),
    ]);
    const rows = queued();
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.args)).toMatchObject({
      productId: added.productId,
      variantId: added.variantId,
      name: 'Rhubarb Chutney',
      barcode: CHUTNEY,
      sku: CHUTNEY,
      categoryId: shop.categories.deli,
      staffId: shop.staff.manager,
      approvedBy: shop.staff.manager,
    });
  });

  it('adds the new product to the open sale when asked, the way a scan would', async () => {
    await signIn(t.core, shop, 'manager');
    const added = await t.core.scanners.quickAdd(chutney({ addToCart: true }));
    expect(added.scan).toMatchObject({ status: 'added', code: CHUTNEY });
    expect(t.core.cart.current()?.lines.map((l) => l.variantId)).toEqual([added.variantId]);
  });

  it('needs a manager: a cashier alone is refused, a cashier with a manager’s PIN may', async () => {
    await signIn(t.core, shop, 'cashier');
    const before = dbState(t.core);
    expect(await codeOf(t.core.scanners.quickAdd(chutney()))).toBe('FORBIDDEN');
    expect(dbState(t.core)).toEqual(before);

    const added = await t.core.scanners.quickAdd(chutney({ approval: managerApproval(shop) }));
    expect(JSON.parse(queued()[0]!.args)).toMatchObject({ productId: added.productId, staffId: shop.staff.cashier, approvedBy: shop.staff.manager });
  });

  it('uses a code that is not a retail barcode as the SKU, and keeps a 12-digit UPC-A in its 13-digit spelling', async () => {
    await signIn(t.core, shop, 'owner');
    const tote = await t.core.scanners.quickAdd(chutney({ code: 'TOTE-BAG-2', name: 'Tote bag' }));
    expect(tote).toMatchObject({ sku: 'TOTE-BAG-2', barcode: null });
    expect(t.core.scanners.scan('TOTE-BAG-2')).toMatchObject({ status: 'added' });

    const upc = '012345678905';
    const soup = await t.core.scanners.quickAdd(chutney({ code: upc, name: 'Tomato soup', sku: 'SOUP-1' }));
    expect(soup).toMatchObject({ sku: 'SOUP-1', barcode: `0${upc}` });
    expect(t.core.scanners.scan(upc)).toMatchObject({ status: 'added' });
  });

  it('refuses bad input with a clear code and writes nothing', async () => {
    await signIn(t.core, shop, 'manager');
    const good = shop.barcodes.loaf;
    const cases: [Partial<QuickAddInput>, ErrorCode][] = [
      [{ name: '   ' }, 'BAD_INPUT'],
      [{ priceCents: 0 }, 'BAD_INPUT'],
      [{ priceCents: 4.75 }, 'BAD_INPUT'],
      [{ taxClass: 'luxury' }, 'BAD_INPUT'],
      [{ categoryId: '01900000-0000-7000-8000-000000000000' }, 'BAD_INPUT'],
      [{ code: `${good.slice(0, 12)}${(Number(good.slice(12)) + 1) % 10}` }, 'INVALID_BARCODE'],
      [{ code: good }, 'DUPLICATE'],
      // the jam is stored as a 12-digit UPC-A; its 13-digit spelling is the same product
      [{ code: `0${shop.barcodes.jam}` }, 'DUPLICATE'],
      [{ sku: 'LOAF-1' }, 'DUPLICATE'],
      [{ code: 'BAG' }, 'DUPLICATE'],
      [{ code: ean13('210123400750') }, 'BAD_INPUT'],
      [{ code: 'TOTE BAG' }, 'BAD_INPUT'],
      [{ code: 'TOTE-BAG', sku: 'TOTE-1' }, 'BAD_INPUT'],
    ];
    const before = dbState(t.core);
    const ftsBefore = count(t.core, 'variant_fts');
    const got: [string, ErrorCode | 'none'][] = [];
    for (const [patch] of cases) got.push([JSON.stringify(patch), await codeOf(t.core.scanners.quickAdd(chutney(patch)))]);
    expect(got).toEqual(cases.map(([patch, code]) => [JSON.stringify(patch), code]));
    expect(dbState(t.core)).toEqual(before);
    expect(count(t.core, 'variant_fts')).toBe(ftsBefore);
  });

  it('is replaced by the server’s copy when it comes back through pull: same ids, one row, the server’s values', async () => {
    await signIn(t.core, shop, 'manager');
    const added = await t.core.scanners.quickAdd(chutney());
    const products = count(t.core, 'mirror_products');
    const variants = count(t.core, 'mirror_variants');
    const fromServer: Change[] = [
      { entity: 'product', op: 'upsert', id: added.productId, data: { vendorId: shop.vendorId, categoryId: shop.categories.deli, name: 'Rhubarb & Ginger Chutney', onlineVisible: false, archived: false } },
      {
        entity: 'variant',
        op: 'upsert',
        id: added.variantId,
        data: { productId: added.productId, vendorId: shop.vendorId, name: 'Default', sku: CHUTNEY, barcode: CHUTNEY, priceCents: 495, taxClass: 'standard', soldBy: 'each', trackStock: true, lowStockThreshold: 0, sort: 0, archived: false },
      },
    ];

    t.core.mirror.applyPage({ changes: fromServer, nextCursor: '2', epoch: 'epoch-1' });

    expect([count(t.core, 'mirror_products'), count(t.core, 'mirror_variants')]).toEqual([products, variants]);
    expect(t.core.catalog.search({ text: 'ginger' }).map((h) => [h.variantId, h.priceCents])).toEqual([[added.variantId, 495]]);
    expect(t.core.catalog.search({ text: 'rhubarb' })).toHaveLength(1);
    expect(t.core.scanners.scan(CHUTNEY)).toMatchObject({ status: 'added', cart: { lines: [expect.objectContaining({ name: 'Rhubarb & Ginger Chutney', unitPriceCents: 495 })] } });
  });
});
