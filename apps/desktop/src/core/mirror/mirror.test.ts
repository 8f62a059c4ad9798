import { currentLocale, formatMoney, isAppError, setMarketLocale, uuidv7, type Change } from '@makeries/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { applyChanges } from './apply-changes';
import { count, makeCore, seedShop, signIn, type TestCore } from '../test/fixtures';

let t: TestCore;
afterEach(() => t.cleanup());

const row = (sql: string) => t.core.ctx.sqlite.prepare(sql).get() as Record<string, unknown> | undefined;

describe('applyChanges', () => {
  it('upserts and deletes every mirrored entity, accepting snake_case and ignoring unknown fields', async () => {
    t = makeCore();
    const shop = await seedShop(t.core);
    const productId = uuidv7();
    const variantId = uuidv7();
    const orderId = uuidv7();
    const summary = applyChanges(t.core.ctx.sqlite, [
      { entity: 'product', op: 'upsert', id: productId, data: { name: 'Rye', category_id: null, search_vector: 'x', min_price_cents: 1 } },
      {
        entity: 'variant',
        op: 'upsert',
        id: variantId,
        data: { product_id: productId, sku: 'RYE', price_cents: 380, sold_by: 'each', track_stock: false, created_at: new Date(), barcode: null },
      },
      { entity: 'stock_level', op: 'upsert', id: variantId, data: { variant_id: variantId, on_hand: 7, reserved: 2, updated_at: new Date('2025-05-01T10:00:00Z') } },
      {
        entity: 'web_order',
        op: 'upsert',
        id: orderId,
        data: {
          number: 'W-0007', status: 'placed', fulfilment: 'pickup', currency: 'GBP', taxMode: 'inclusive', subtotalCents: 760, taxCents: 0,
          totalCents: 760, paymentStatus: 'pay_at_pickup', placedAt: '2025-05-01T09:30:00.000Z', contact: { name: 'Ada', email: 'a@x.io' },
          lines: [{ id: uuidv7(), lineNo: 1, variantId, name: 'Rye', sku: 'RYE', quantity: 2, unitPriceCents: 380, totalCents: 760 }],
        },
      },
      { entity: 'shiny_new_thing', op: 'upsert', id: uuidv7(), data: { x: 1 } } as unknown as Change,
    ]);
    expect(summary).toEqual({ upserts: 4, deletes: 0, skipped: 1 });
    expect(t.core.catalog.variant(variantId)).toMatchObject({ name: 'Rye', priceCents: 380, trackStock: false });
    expect(t.core.catalog.onHand([variantId]).get(variantId)).toBe(7);
    await signIn(t.core, shop);
    expect(t.core.webOrders.byId(orderId)).toMatchObject({ number: 'W-0007', status: 'placed', contact: { name: 'Ada' }, lines: [{ quantity: 2 }] });

    applyChanges(t.core.ctx.sqlite, [
      { entity: 'web_order', op: 'delete', id: orderId, data: null },
      { entity: 'variant', op: 'delete', id: variantId, data: null },
      { entity: 'staff', op: 'delete', id: shop.staff.cashier2, data: null },
    ]);
    expect(count(t.core, 'mirror_web_orders')).toBe(0);
    expect(count(t.core, 'mirror_web_order_lines')).toBe(0);
    expect(row(`SELECT id FROM mirror_variants WHERE id = '${variantId}'`)).toBeUndefined();
    expect(t.core.staff.list().map((s) => s.name)).not.toContain('Cy Cashier');
  });

  it('applies a page and its cursor together, or neither when a row is unreadable', async () => {
    t = makeCore();
    await seedShop(t.core);
    const before = t.core.mirror.state();
    const good: Change = { entity: 'category', op: 'upsert', id: uuidv7(), data: { slug: 'cakes', name: 'Cakes' } };
    const bad: Change = { entity: 'variant', op: 'upsert', id: uuidv7(), data: { productId: uuidv7(), sku: 'X', priceCents: -5 } };
    let code = '';
    try {
      t.core.mirror.applyPage({ changes: [good, bad], nextCursor: '99', epoch: 'epoch-1' });
    } catch (e) {
      code = isAppError(e) ? e.code : 'other';
      expect((e as Error).message).toMatch(/variant .* cannot read: priceCents/);
    }
    expect(code).toBe('BAD_INPUT');
    expect(t.core.mirror.state()).toEqual(before);
    expect(row("SELECT count(*) AS n FROM mirror_categories WHERE slug = 'cakes'")).toEqual({ n: 0 });

    t.core.mirror.applyPage({ changes: [good], nextCursor: '100', epoch: 'epoch-1', lastMutationId: 4 });
    expect(t.core.mirror.state()).toMatchObject({ cursor: '100', epoch: 'epoch-1', serverLastMutationId: 4 });
    expect(row("SELECT count(*) AS n FROM mirror_categories WHERE slug = 'cakes'")).toEqual({ n: 1 });
  });
});

describe('bootstrap', () => {
  it('stages pages without touching the live mirror, then swaps in one transaction', async () => {
    t = makeCore();
    const shop = await seedShop(t.core);
    await signIn(t.core, shop);
    const staffRows = t.core.ctx.sqlite.prepare('SELECT id, name, role, pin_hash AS pinHash, active FROM mirror_staff').all() as Record<string, unknown>[];
    const newProduct = uuidv7();
    const newVariant = uuidv7();
    t.core.mirror.beginBootstrap();
    t.core.mirror.stageBootstrap([
      { entity: 'vendor', op: 'upsert', id: shop.vendorId, data: { name: 'Crumb 2.0', currency: 'GBP', taxMode: 'inclusive' } },
      { entity: 'product', op: 'upsert', id: newProduct, data: { name: 'Fig Roll' } },
      { entity: 'variant', op: 'upsert', id: newVariant, data: { productId: newProduct, sku: 'FIG', priceCents: 120, barcode: '96385074' } },
      { entity: 'category', op: 'upsert', id: uuidv7(), data: { slug: 'gone', name: 'Gone' } },
    ]);
    // a later page deletes something an earlier page staged
    t.core.mirror.stageBootstrap([
      { entity: 'category', op: 'delete', id: 'not-staged', data: null },
      ...staffRows.map((s): Change => ({ entity: 'staff', op: 'upsert', id: String(s.id), data: { ...s, active: s.active === 1 } })),
    ]);
    // still selling from the old mirror
    expect(t.core.catalog.search({ text: 'sourdough' })).toHaveLength(1);
    expect(t.core.catalog.search({ text: 'fig' })).toHaveLength(0);

    const summary = t.core.mirror.commitBootstrap({ cursor: 'c-42', epoch: 'epoch-2' });
    expect(summary).toMatchObject({ upserts: 4 + staffRows.length, skipped: 0 });
    expect(t.core.catalog.search({ text: 'sourdough' })).toHaveLength(0);
    expect(t.core.catalog.search({ text: 'fig' }).map((h) => h.name)).toEqual(['Fig Roll']);
    expect(t.core.cart.addScan({ code: '96385074' }).cart.lines[0]?.name).toBe('Fig Roll');
    expect(t.core.catalog.vendor().name).toBe('Crumb 2.0');
    expect(t.core.mirror.state()).toMatchObject({ cursor: 'c-42', epoch: 'epoch-2' });
    expect(count(t.core, 'bootstrap_stage')).toBe(0);
    const fts = row('SELECT count(*) AS n FROM variant_fts') as { n: number };
    expect(fts.n).toBe(1);
  });

  it('keeps the old mirror when the swap fails', async () => {
    t = makeCore();
    const shop = await seedShop(t.core);
    t.core.mirror.beginBootstrap();
    t.core.mirror.stageBootstrap([{ entity: 'product', op: 'upsert', id: uuidv7(), data: { name: 42 } }]);
    expect(() => t.core.mirror.commitBootstrap({ cursor: 'x', epoch: 'epoch-9' })).toThrow(/cannot read/);
    expect(t.core.mirror.state()).toMatchObject({ cursor: '1', epoch: 'epoch-1' });
    expect(t.core.catalog.variant(shop.variants.loaf).name).toBe('Sourdough Loaf');
  });
});

describe("the marketplace's locale and currency", () => {
  it('are kept from the last pull, restart included, and format what the counter shows and prints (offline too)', async () => {
    t = makeCore();
    await seedShop(t.core, { market: { locale: 'de-DE', currency: 'EUR' } });
    expect(row('SELECT market_locale AS locale, market_currency AS currency FROM device')).toEqual({ locale: 'de-DE', currency: 'EUR' });
    expect(t.core.catalog.vendor().locale).toBe('de-DE');
    expect(formatMoney(450, 'EUR')).toBe('4,50\u00a0€');

    setMarketLocale('en-US'); // a new process knows nothing until it reads its database
    const again = t.reopen();
    expect(currentLocale()).toBe('de-DE');
    again.mirror.applyPage({ changes: [], nextCursor: '3', epoch: 'epoch-1', market: { locale: 'en-GB', currency: 'GBP' } });
    expect(again.catalog.vendor().locale).toBe('en-GB');
    expect(formatMoney(450, 'GBP')).toBe('£4.50');
  });
});
