import { uuidv7 } from '@makeries/shared';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../db/client';
import { products, variants } from '../../../db/schema/index';
import { recordMovements } from '../../inventory';
import { chooseLocation, startConnect } from '../connect';
import { connectionOfVendor } from '../connections';
import { applyImport } from '../manage';
import { openCredentials, tokenKey } from '../crypto';
import { readStream } from '../sync-state';
import { localId, MARKET, SHOP, startShopifyRig, type ShopifyRig } from '../shopify-test-kit';
import { SHOPIFY_CALLBACK_PATH } from './connector';
import type { FakeShopifyWebhook } from './fake/index';

/** The bridge engine driving Shopify end to end (PGlite): connect, import, webhooks, incremental sync. */

describe('a shop bridged to Shopify through the engine', () => {
  let rig: ShopifyRig;
  beforeAll(async () => {
    rig = await startShopifyRig('pglite');
  }, 60_000);
  afterAll(async () => rig.close());

  it('connects, imports, follows stock webhooks and catalog edits', async () => {
    const { fake, app, db, env, vendor, clock } = rig;
    const seeded = fake.seedCatalog(SHOP, 30, { available: 4 });
    const { url } = await startConnect(db, env, vendor.vendorId, 'shopify', new Date(clock.t), SHOP);
    const back = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location') ?? '');
    // a tampered callback (another shop put in the link) is refused in words and does not use up the owner's link
    const tampered = new URLSearchParams(back.searchParams);
    tampered.set('shop', 'someone-else.myshopify.com');
    const refused = await app.inject({ method: 'GET', url: `${SHOPIFY_CALLBACK_PATH}?${tampered.toString()}` });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('Shopify did not confirm this connection');
    expect(await connectionOfVendor(db, vendor.vendorId)).toBeNull();
    const callback = await app.inject({ method: 'GET', url: `${SHOPIFY_CALLBACK_PATH}?${back.searchParams.toString()}` });
    expect(callback.body.replace(/<[^>]+>/g, ' ')).toContain('Shopify is connected');
    expect(callback.statusCode).toBe(200);
    const conn = await connectionOfVendor(db, vendor.vendorId);
    expect(conn?.connectionKey).toBe(SHOP);
    expect(openCredentials(tokenKey(env), conn?.credentialsEnc ?? '')).toMatchObject({ shop: SHOP });

    await chooseLocation(db, env, vendor.vendorId, MARKET);
    await rig.drain();
    expect((await readStream(db, conn?.id ?? '', 'import'))?.phase).toBe('preview');
    await applyImport(db, vendor.vendorId, 'none');
    await rig.drain();
    const [count] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM products WHERE vendor_id = ${vendor.vendorId}`);
    expect(count?.n).toBe(30);
    const item = seeded[1]?.inventoryItemIds[0] ?? '';
    const variantId = await localId(rig, 'variant', item);
    expect(await rig.onHand(variantId)).toBe(4);

    // a count changed in Shopify admin arrives as inventory_levels/update
    fake.takeWebhooks();
    fake.setAvailable(item, 9, MARKET);
    const stock = fake.takeWebhooks();
    expect(stock.map((h) => h.topic)).toContain('inventory_levels/update');
    expect(await rig.deliver(stock)).toEqual(stock.map(() => 200));
    expect(await rig.deliver([{ ...stock[0], headers: { ...stock[0]?.headers, 'x-shopify-hmac-sha256': fake.sign('{}') } } as FakeShopifyWebhook])).toEqual([401]);
    await rig.drain();
    expect(await rig.onHand(variantId)).toBe(9);

    // a counter sale here is pushed as an adjustment; its echo (and a sale at Shopify POS) leave the count exact
    fake.takeWebhooks();
    await recordMovements(db, vendor.vendorId, [{ id: uuidv7(), variantId, kind: 'sale', quantity: -2, occurredAt: new Date(clock.t), reference: uuidv7() }]);
    expect(await rig.onHand(variantId)).toBe(7);
    await rig.drain();
    expect(fake.stateOf.available(item, MARKET)).toBe(7);
    // Shopify stamps counts in whole seconds: a POS sale in the same second as our push's answer is still taken (at
    // one instant the lower count wins)
    fake.sellAtPos(seeded[1]?.variantIds[0] ?? '', 1, MARKET);
    const echoes = fake.takeWebhooks();
    expect(echoes.filter((h) => h.topic === 'inventory_levels/update').length).toBeGreaterThanOrEqual(2);
    await rig.deliver([...echoes, ...echoes.map((h) => fake.redeliver(h))]);
    await rig.drain();
    expect(fake.stateOf.available(item, MARKET)).toBe(6);
    expect(await rig.onHand(variantId)).toBe(6);

    // a rename and a price change arrive through products/update and the incremental sync
    fake.updateProduct(seeded[1]?.productId ?? '', { title: 'Renamed mug' });
    expect(await rig.deliver(fake.takeWebhooks())).not.toContain(401);
    await rig.drain();
    const [renamed] = await db.select({ name: products.name }).from(products).innerJoin(variants, eq(variants.productId, products.id)).where(eq(variants.id, variantId));
    expect(renamed?.name).toBe('Renamed mug');

    // 55 minutes on, the hour-long token is renewed before the next call, and the rotated refresh token is kept
    const before = openCredentials(tokenKey(env), (await connectionOfVendor(db, vendor.vendorId))?.credentialsEnc ?? '');
    clock.t += 55 * 60_000;
    fake.updateProduct(seeded[1]?.productId ?? '', { title: 'Renamed mug, again' });
    expect(await rig.deliver(fake.takeWebhooks())).not.toContain(401);
    await rig.drain();
    const after = openCredentials(tokenKey(env), (await connectionOfVendor(db, vendor.vendorId))?.credentialsEnc ?? '');
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(after).toMatchObject({ shop: SHOP });
    const [again] = await db.select({ name: products.name }).from(products).innerJoin(variants, eq(variants.productId, products.id)).where(eq(variants.id, variantId));
    expect(again?.name).toBe('Renamed mug, again');

    // a product deleted in Shopify is archived here (tombstone from the shop's event log), never deleted
    const gone = seeded[2]?.productId ?? '';
    fake.deleteProduct(gone);
    const deletion = fake.takeWebhooks();
    expect(deletion.map((h) => h.topic)).toContain('products/delete');
    expect(await rig.deliver(deletion)).not.toContain(401);
    await rig.drain();
    const goneVariant = await localId(rig, 'variant', seeded[2]?.inventoryItemIds[0] ?? '');
    const [archived] = await db.select({ archived: products.archived }).from(products).innerJoin(variants, eq(variants.productId, products.id)).where(eq(variants.id, goneVariant));
    expect(archived?.archived).toBe(true);
    const [still] = await db.select({ archived: products.archived }).from(products).innerJoin(variants, eq(variants.productId, products.id)).where(eq(variants.id, variantId));
    expect(still?.archived).toBe(false);
  }, 60_000);
});
