import { describe, expect, it } from 'vitest';
import { assembleBulk, offsetCursor, parseBulkCursor, waitCursor } from './bulk';
import { readCountAt } from './catalog';
import { centsToMoney, editUrl, htmlToText, moneyToCents, productOf, productsPage, type ProductNode, type ShopInfo } from './mapping';

const shop: ShopInfo = { shop: 'clay-corner.myshopify.com', currencyCode: 'GBP', taxesIncluded: true };

const mug: ProductNode = {
  id: 'gid://shopify/Product/9554194432293',
  legacyResourceId: '9554194432293',
  title: ' Stoneware Mug ',
  descriptionHtml: '<p>Hand-thrown.</p>',
  status: 'ACTIVE',
  updatedAt: '2026-11-21T09:58:00Z',
  featuredMedia: { image: { url: 'https://cdn.shopify.com/mug.jpg' } },
  variants: {
    nodes: [
      { id: 'gid://shopify/ProductVariant/49001', sku: 'MUG-BLUE', barcode: '0123456789012', price: '24.00', taxable: true, selectedOptions: [{ name: 'Colour', value: 'Blue' }, { name: 'Size', value: 'Large' }], inventoryItem: { id: 'gid://shopify/InventoryItem/271878346596884015', tracked: true } },
      { id: 'gid://shopify/ProductVariant/49002', sku: ' ', barcode: null, price: '0.5', taxable: false, selectedOptions: [{ name: 'Colour', value: 'Sand' }], inventoryItem: { id: 'gid://shopify/InventoryItem/2', tracked: false } },
    ],
  },
};

describe('Shopify money', () => {
  it('parses decimal strings by splitting them, never through a float', () => {
    expect(moneyToCents('24.00')).toBe(2400);
    expect(moneyToCents('0.5')).toBe(50);
    expect(moneyToCents('19.99')).toBe(1999);
    expect(moneyToCents('0.29')).toBe(29); // 0.29 * 100 = 28.999999999999996 as a float
    expect(moneyToCents('1.005')).toBeNull(); // a third decimal would need rounding we do not guess
    expect(moneyToCents('1.000')).toBe(100);
    expect(moneyToCents('7')).toBe(700);
    expect(moneyToCents('7.')).toBe(700);
    expect(moneyToCents(' 3.10 ')).toBe(310);
    expect(moneyToCents('90071992547409.91')).toBe(Number.MAX_SAFE_INTEGER);
    expect(moneyToCents('90071992547409.92')).toBeNull();
    for (const bad of ['', '-1.00', '1e3', '1,00', 'abc', '.5', '1.2.3']) expect(moneyToCents(bad), bad).toBeNull();
    expect(moneyToCents(null)).toBeNull();
  });

  it('writes cents back as Shopify decimals', () => {
    expect(centsToMoney(1200)).toBe('12.00');
    expect(centsToMoney(5)).toBe('0.05');
    expect(centsToMoney(0)).toBe('0.00');
    expect(() => centsToMoney(-1)).toThrow(RangeError);
    expect(() => centsToMoney(1.5)).toThrow(RangeError);
  });
});

describe('Shopify catalog mapping', () => {
  it('turns HTML descriptions into plain text', () => {
    expect(htmlToText('<p>Hand-thrown &amp; glazed.</p><p>Holds 350&nbsp;ml<br/>Dishwasher safe</p>')).toBe('Hand-thrown & glazed.\nHolds 350 ml\nDishwasher safe');
    expect(htmlToText('<script>alert(1)</script>Tea &#x2615; &#9731; &bogus; &#99999999;')).toBe('Tea ☕ ☃ &bogus; &#99999999;');
    expect(htmlToText('')).toBe('');
  });

  it('keys variants by inventory item, names them by option values, prices them from decimals, links the admin page', () => {
    const p = productOf(mug, mug.variants?.nodes ?? [], shop);
    expect(p).toMatchObject({ extId: mug.id, version: '2026-11-21T09:58:00.000Z', name: 'Stoneware Mug', description: 'Hand-thrown.', archived: false, editUrl: 'https://admin.shopify.com/store/clay-corner/products/9554194432293' });
    expect(p.variants).toEqual([
      { extId: 'gid://shopify/InventoryItem/271878346596884015', version: p.version, name: 'Blue / Large', sku: 'MUG-BLUE', barcode: '0123456789012', priceCents: 2400, currency: 'GBP', tracked: true, archived: false },
      { extId: 'gid://shopify/InventoryItem/2', version: p.version, name: 'Sand', sku: null, barcode: null, priceCents: 50, currency: 'GBP', tracked: false, archived: false },
    ]);
  });

  it('names the default variant "Default", archives drafts and archived products, and gives taxable products the shop’s tax', () => {
    const single: ProductNode = { ...mug, status: 'DRAFT', featuredMedia: null, variants: { nodes: [{ id: 'gid://shopify/ProductVariant/1', price: '3.00', taxable: false, selectedOptions: [{ name: 'Title', value: 'Default Title' }], inventoryItem: { id: 'gid://shopify/InventoryItem/9', tracked: true } }] } };
    const page = productsPage([mug, single, { ...single, id: 'gid://shopify/Product/3', status: 'ARCHIVED' }], shop);
    expect(page.products.map((p) => p.archived)).toEqual([false, true, true]);
    expect(page.products[1]?.variants[0]).toMatchObject({ name: 'Default', archived: true });
    expect(page.products[0]?.taxExtIds).toEqual(['shopify-tax:clay-corner.myshopify.com']);
    expect(page.products[1]?.taxExtIds).toEqual([]);
    expect(page.taxes).toEqual([{ extId: 'shopify-tax:clay-corner.myshopify.com', name: 'Shopify tax', rateBps: null, inclusive: true, enabled: true }]);
    expect(page.images).toEqual([{ extId: `${mug.id}/featured-image`, url: 'https://cdn.shopify.com/mug.jpg' }]);
    expect(page.products[0]?.imageExtIds).toEqual([`${mug.id}/featured-image`]);
    expect(editUrl('a-b.myshopify.com', { id: 'gid://shopify/Product/77' })).toBe('https://admin.shopify.com/store/a-b/products/77');
  });

  it('assembles bulk JSONL rows by __parentId whatever their order, ignoring other rows', () => {
    const rows = [
      { id: 'gid://shopify/ProductVariant/2', price: '1.00', inventoryItem: { id: 'gid://shopify/InventoryItem/20', tracked: true }, __parentId: 'gid://shopify/Product/1' },
      { id: 'gid://shopify/Product/1', title: 'One', status: 'ACTIVE', updatedAt: '2026-01-01T00:00:00Z' },
      { id: 'gid://shopify/InventoryLevel/5?inventory_item_id=20', __parentId: 'gid://shopify/ProductVariant/2' },
      { id: 'gid://shopify/Product/3', title: 'Three', status: 'ACTIVE', updatedAt: '2026-01-01T00:00:00Z' },
      { id: 'gid://shopify/ProductVariant/4', price: '2.00', inventoryItem: { id: 'gid://shopify/InventoryItem/40', tracked: false }, __parentId: 'gid://shopify/Product/3' },
    ];
    const products = assembleBulk(`${rows.map((r) => JSON.stringify(r)).join('\n')}\n`);
    expect(products.map((p) => [p.title, p.variants?.nodes?.map((v) => v.id)])).toEqual([
      ['One', ['gid://shopify/ProductVariant/2']],
      ['Three', ['gid://shopify/ProductVariant/4']],
    ]);
    expect(assembleBulk('')).toEqual([]);
  });

  it('round-trips bulk cursors and refuses unreadable ones', () => {
    const id = 'gid://shopify/BulkOperation/7001';
    expect(parseBulkCursor(waitCursor(id))).toEqual({ id, wait: true, restarts: 0 });
    expect(parseBulkCursor(waitCursor(id, 2))).toEqual({ id, wait: true, restarts: 2 });
    expect(parseBulkCursor(offsetCursor(id, 500))).toEqual({ id, wait: false, offset: 500 });
    expect(() => parseBulkCursor('bulk:x:1')).toThrow('unreadable');
    expect(() => parseBulkCursor('12')).toThrow('unreadable');
  });
});

describe('when a read Shopify count holds', () => {
  it('a count read well after its whole-second stamp closes that second (wins over a same-second webhook); a fresh one keeps its stamp', () => {
    const stamped = '2026-11-21T10:00:00Z';
    const at = Date.parse(stamped);
    expect(readCountAt(stamped, at + 60_000)).toBe('2026-11-21T10:00:00.999Z');
    expect(readCountAt(stamped, at + 1_500)).toBe('2026-11-21T10:00:00.000Z');
    // not a whole-second stamp: left as Shopify gave it
    expect(readCountAt('2026-11-21T10:00:00.250Z', at + 60_000)).toBe('2026-11-21T10:00:00.250Z');
    // a webhook stamped the next second still wins over the closed second
    expect(Date.parse(readCountAt(stamped, at + 60_000))).toBeLessThan(Date.parse('2026-11-21T10:00:01Z'));
  });
});
