import { uuidv7 } from '@makeries/shared';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { orders, products, reviews, variants } from '../../db/schema/index';
import { DB_KINDS } from '../../test/db';
import { createCustomerFixture } from '../../test/fixtures';
import { testEnv } from '../../test/harness';
import { chooseLocation, completeConnect } from './connect';
import { applyImport, importPreview } from './manage';
import { startShopifyFake, type ShopifyFake } from './shopify/fake/index';
import { resetThrottle } from './shopify/throttle';
import { MERCHANT, startBridgeRig, type BridgeRig } from './square-test-kit';

const SHOP = 'harbour-pottery.myshopify.com';
const SHOP_LOCATION = 'gid://shopify/Location/301';
const ITEMS = [
  { name: 'Speckled mug', sku: 'MUG-1', price: 1800 },
  { name: 'Serving bowl', sku: 'BOWL-1', price: 4200 },
  { name: 'Bud vase', sku: 'VASE-1', price: 2400 },
];

/**
 * A shop moves from Square to Shopify: it disconnects Square (its products become its own), connects Shopify, and
 * links the same items by SKU in the preview. Nothing is created twice, and what Makeries owns (descriptions edited
 * here, dietary tags, online visibility, category), its reviews and its order history stay with the same products.
 */
for (const kind of DB_KINDS) {
  describe(`switching a shop from Square to Shopify [${kind}]`, () => {
    let rig: BridgeRig;
    let shopify: ShopifyFake;

    beforeAll(async () => {
      resetThrottle();
      const publicUrl = testEnv().PUBLIC_URL.replace(/\/$/, '');
      shopify = await startShopifyFake({ shops: [{ domain: SHOP, currency: 'GBP', locations: [{ id: 301, name: 'Harbour Street' }] }], redirectUrl: `${publicUrl}/oauth/pos/shopify/callback` });
      rig = await startBridgeRig(kind, { envOverrides: { SHOPIFY_CLIENT_ID: shopify.clientId, SHOPIFY_CLIENT_SECRET: shopify.clientSecret, SHOPIFY_API_BASE: shopify.baseUrl } });
      for (const item of ITEMS) rig.fake.upsertItem(MERCHANT, { name: item.name, variations: [{ name: 'Regular', sku: item.sku, price: item.price }] });
    }, 60_000);
    afterAll(async () => {
      await rig.close();
      await shopify.close();
    });

    it('keeps the products, what Makeries owns, reviews and orders; links by SKU; nothing twice', async () => {
      const owner = await rig.server.caller({ bearer: rig.vendor.ownerToken });
      await rig.importAll();
      const before = await rig.db.select().from(products).where(eq(products.vendorId, rig.vendor.vendorId));
      expect(before.map((p) => p.posProvider)).toEqual(['square', 'square', 'square']);
      const mug = before.find((p) => p.name === 'Speckled mug');
      if (!mug) throw new Error('no mug');
      // what Makeries owns, set here while bridged to Square
      await owner.products.update({ productId: mug.id, description: 'Hand-thrown in the harbour studio.' });
      await rig.db.update(products).set({ dietaryTags: ['handmade'], onlineVisible: false }).where(eq(products.id, mug.id));
      // a past order and its review of the mug
      const customer = await createCustomerFixture(rig.db);
      const orderId = uuidv7();
      await rig.db.insert(orders).values({ id: orderId, vendorId: rig.vendor.vendorId, channel: 'web', number: 'W-1', status: 'completed', fulfilment: 'pickup', currency: 'GBP', taxMode: 'exclusive', subtotalCents: 1800, taxCents: 0, totalCents: 1800, paymentStatus: 'paid', placedAt: new Date() });
      await rig.db.insert(reviews).values({ id: uuidv7(), vendorId: rig.vendor.vendorId, productId: mug.id, orderId, customerId: customer.customerId, authorName: 'Ada', rating: 5, body: 'Lovely glaze' });

      // connecting Shopify while Square is still connected is refused in words
      await expect(owner.bridges.connectUrl({ provider: 'shopify', shopDomain: SHOP })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('already connected to Square') as unknown });
      const disconnected = await owner.bridges.disconnect();
      expect(disconnected.state).toBe('revoked');
      expect(disconnected.providers.map((p) => [p.provider, p.configured])).toEqual([
        ['square', true],
        ['shopify', true],
        ['toast', false],
      ]);

      // the same items in Shopify, under the same SKUs, with Shopify's names and prices
      for (const item of ITEMS) shopify.createProduct(SHOP, { title: `${item.name} (Shopify)`, variants: [{ sku: item.sku, price: ((item.price + 100) / 100).toFixed(2), available: 7, tracked: true }] });
      const { url } = await owner.bridges.connectUrl({ provider: 'shopify', shopDomain: 'harbour-pottery' });
      const back = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location') ?? '');
      await completeConnect(rig.db, rig.env, 'shopify', Object.fromEntries(back.searchParams));
      await chooseLocation(rig.db, rig.env, rig.vendor.vendorId, SHOP_LOCATION);
      await rig.drain();
      const preview = await importPreview(rig.db, rig.vendor.vendorId);
      expect(preview).toMatchObject({ products: 3, matches: { sku: 3 } });
      await applyImport(rig.db, rig.vendor.vendorId, 'sku');
      await rig.drain();

      const view = await owner.bridges.status();
      expect(view).toMatchObject({ provider: 'shopify', state: 'in_step', account: SHOP, bridged: { products: 3, variants: 3 } });
      const after = await rig.db.select().from(products).where(eq(products.vendorId, rig.vendor.vendorId));
      expect(after.map((p) => p.id).sort()).toEqual(before.map((p) => p.id).sort());
      const mugNow = after.find((p) => p.id === mug.id);
      // Shopify owns the name and price now; Makeries keeps what it owns
      expect(mugNow).toMatchObject({ name: 'Speckled mug (Shopify)', posProvider: 'shopify', description: 'Hand-thrown in the harbour studio.', descriptionEdited: true, dietaryTags: ['handmade'], onlineVisible: false, categoryId: mug.categoryId });
      const [v] = await rig.db.select({ priceCents: variants.priceCents, id: variants.id }).from(variants).where(eq(variants.productId, mug.id));
      expect(v?.priceCents).toBe(1900);
      expect(await rig.onHand(v?.id ?? '')).toBe(7);
      expect(await rig.db.select({ id: reviews.id }).from(reviews).where(eq(reviews.productId, mug.id))).toHaveLength(1);
      expect(await rig.db.select({ id: orders.id }).from(orders).where(eq(orders.vendorId, rig.vendor.vendorId))).toHaveLength(1);
      const [variantCount] = await queryRows<{ n: number }>(rig.db, sql`SELECT count(*)::int AS n FROM variants WHERE vendor_id = ${rig.vendor.vendorId}`);
      expect(variantCount?.n).toBe(3);
      // the Square mapping is gone: only Shopify's ids are mapped
      const mapped = await queryRows<{ ext_id: string }>(rig.db, sql`SELECT ext_id FROM pos_entity_map WHERE entity = 'variant'`);
      expect(mapped.every((m) => m.ext_id.startsWith('gid://shopify/InventoryItem/'))).toBe(true);
    }, 90_000);
  });
}
