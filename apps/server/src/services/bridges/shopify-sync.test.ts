import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { jobs, posConnections, posPushes, posSyncLog, posWebhookEvents, products, variants } from '../../db/schema/index';
import { DB_KINDS } from '../../test/db';
import { applyProducts } from './catalog-apply';
import { runCatalogSync } from './catalog-sync';
import { openCredentials, tokenKey } from './crypto';
import { bridgeView } from './manage';
import type { CreatedProduct, FakeShopifyWebhook } from './shopify/fake/index';
import { counterSale, localId, SHOP, startShopifyRig, type ShopifyRig } from './shopify-test-kit';
import { applyTarget } from './stock-pull';
import type { ExtProduct } from './types';

const ADJUST = 'inventoryAdjustQuantities';

for (const kind of DB_KINDS) {
  describe(`staying in step with Shopify's catalog and its webhooks [${kind}]`, () => {
    let rig: ShopifyRig;
    let items: CreatedProduct[];
    const product = async (p: CreatedProduct) => {
      const [row] = await rig.db.select({ name: products.name, archived: products.archived, price: products.minPriceCents }).from(products).where(eq(products.id, await localId(rig, 'product', p.productId)));
      return row;
    };
    const outcomes = async (topic: string) =>
      (await rig.db.select({ outcome: posWebhookEvents.outcome }).from(posWebhookEvents).where(eq(posWebhookEvents.topic, topic))).map((r) => r.outcome);
    /** Shopify's clock moves on (it stamps updates in whole seconds) */
    const tick = () => (rig.clock.t += 2_000);

    beforeAll(async () => {
      rig = await startShopifyRig(kind);
      items = ['Rye loaf', 'Seeded loaf', 'Cinnamon bun', 'Focaccia'].map((title, i) =>
        rig.fake.createProduct(SHOP, { title, variants: [{ sku: `BAKE-${String(i)}`, price: `${String(3 + i)}.50`, tracked: true, available: 20 }] }),
      );
      await rig.importAll();
      rig.fake.takeWebhooks();
    }, 120_000);
    afterAll(async () => rig.close());

    it('edits and a delete delivered out of order and twice converge to Shopify’s latest; a delete archives, never deletes', async () => {
      const [, seeded, , focaccia] = items as [CreatedProduct, CreatedProduct, CreatedProduct, CreatedProduct];
      tick();
      rig.fake.updateProduct(seeded.productId, { title: 'Seeded loaf (large)' });
      const older = rig.fake.takeWebhooks();
      tick();
      const editedAt = rig.clock.t;
      rig.fake.updateProduct(seeded.productId, { title: 'Seeded loaf XL', variants: { [seeded.variantIds[0] ?? '']: { price: '5.75' } } });
      rig.fake.deleteProduct(focaccia.productId);
      const newer = rig.fake.takeWebhooks();
      expect(newer.map((h) => h.topic)).toContain('products/delete');
      expect(await rig.deliver([...newer].reverse())).toEqual(newer.map(() => 200));
      await rig.drain();
      expect(await product(seeded)).toMatchObject({ name: 'Seeded loaf XL', price: 575 });
      expect(await product(focaccia)).toMatchObject({ name: 'Focaccia', archived: true });

      // the older update arrives late (and again, redelivered): nothing moves back
      const late = [...older, ...older.map((h) => rig.fake.redeliver(h))];
      expect(await rig.deliver(late)).toEqual(late.map(() => 200));
      await rig.drain();
      expect(await product(seeded)).toMatchObject({ name: 'Seeded loaf XL', price: 575, archived: false });
      expect(await product(focaccia)).toMatchObject({ archived: true });

      // an older copy of a product (a replayed page) changes nothing, and one older than the delete cannot revive it
      const conn = await rig.connection();
      const target = await applyTarget(rig.db, conn.id, 'none');
      const stale: ExtProduct = {
        extId: seeded.productId, version: new Date(editedAt - 1_000).toISOString(), updatedAt: new Date(editedAt - 1_000).toISOString(), name: 'Seeded loaf', description: '', categoryExtId: null, taxExtIds: [], imageExtIds: [], archived: false, editUrl: null,
        variants: [{ extId: seeded.inventoryItemIds[0] ?? '', version: '1', name: 'Default', sku: 'BAKE-1', barcode: null, priceCents: 300, currency: 'GBP', tracked: true, archived: false }],
      };
      const r = await rig.db.transaction((tx) => applyProducts(tx, target, [stale, { ...stale, extId: focaccia.productId, name: 'Focaccia', variants: [] }], new Map(), new Map()));
      expect(r.stale).toBe(2);
      expect(await product(seeded)).toMatchObject({ name: 'Seeded loaf XL' });
      expect(await product(focaccia)).toMatchObject({ archived: true });
      // a repeated run finds nothing new
      expect(await runCatalogSync(rig.db, rig.env, conn.id, new Date(rig.clock.t))).toEqual({ changed: 0, archived: 0 });
    }, 60_000);

    it('THROTTLED answers and HTTP 429 in the middle of a sync are waited out; the edit arrives', async () => {
      tick();
      rig.fake.updateProduct(items[0]?.productId ?? '', { title: 'Rye loaf, dark' });
      const hooks = rig.fake.takeWebhooks();
      rig.fake.faults.throttle({ times: 5 });
      rig.fake.faults.rateLimit({ times: 2, retryAfterSeconds: 2 });
      await rig.deliver(hooks);
      await rig.drain();
      expect(await product(items[0] as CreatedProduct)).toMatchObject({ name: 'Rye loaf, dark' });
      expect(rig.fake.requests.filter((q) => q.throttled)).toHaveLength(5);
      expect(rig.fake.requests.filter((q) => q.status === 429)).toHaveLength(2);
      const log = await rig.db.select({ level: posSyncLog.level, message: posSyncLog.message }).from(posSyncLog).where(eq(posSyncLog.connectionId, (await rig.connection()).id));
      expect(log.some((l) => l.level === 'warn' && /^Catalog sync: Shopify/.test(l.message))).toBe(true);
      const [failed] = await rig.db.select({ n: sql<number>`count(*)::int` }).from(jobs).where(eq(jobs.status, 'failed'));
      expect(failed?.n).toBe(0);
    }, 60_000);

    it('a token that expires mid-sync is renewed once and the sync goes through; the rotated refresh token is kept', async () => {
      const before = openCredentials(tokenKey(rig.env), (await rig.connection()).credentialsEnc);
      const tokenCalls = () => rig.fake.requests.filter((q) => q.path.endsWith('/oauth/access_token')).length;
      const calls = tokenCalls();
      tick();
      rig.fake.updateProduct(items[2]?.productId ?? '', { title: 'Cinnamon bun, iced' });
      await rig.deliver(rig.fake.takeWebhooks());
      // the products page goes through; the deletions page after it meets a dead token
      rig.fake.faults.expireTokensAfter(1);
      await rig.drain();
      expect(await product(items[2] as CreatedProduct)).toMatchObject({ name: 'Cinnamon bun, iced' });
      expect(tokenCalls()).toBe(calls + 1);
      const after = openCredentials(tokenKey(rig.env), (await rig.connection()).credentialsEnc);
      expect(after.refreshToken).toBeTruthy();
      expect(after.refreshToken).not.toBe(before.refreshToken);
      expect(after.accessToken).not.toBe(before.accessToken);
      expect(after).toMatchObject({ shop: SHOP });
      expect((await rig.connection()).consecutiveFailures).toBe(0);
      // the stored refresh token is the live one: the next renewal works with it
      rig.fake.faults.expireTokensAfter(0);
      tick();
      rig.fake.updateProduct(items[2]?.productId ?? '', { title: 'Cinnamon bun' });
      await rig.deliver(rig.fake.takeWebhooks());
      await rig.drain();
      expect(await product(items[2] as CreatedProduct)).toMatchObject({ name: 'Cinnamon bun' });
      expect(tokenCalls()).toBe(calls + 2);
    }, 60_000);

    it('a bad signature is refused with 401 and stores nothing; a redelivery is stored once; a replay hours late is dropped', async () => {
      tick();
      rig.fake.setAvailable(items[0]?.inventoryItemIds[0] ?? '', 9);
      const [event] = rig.fake.takeWebhooks();
      if (!event) throw new Error('no event');
      const before = await queryRows<{ n: number }>(rig.db, sql`SELECT (SELECT count(*) FROM pos_webhook_events)::int + (SELECT count(*) FROM jobs)::int AS n`);
      const forged = { ...event, headers: { ...event.headers, 'x-shopify-hmac-sha256': rig.fake.sign(`${event.body} `) } };
      const tampered = { ...event, body: event.body.replace('"available":9', '"available":900') };
      const unsigned = { ...event, headers: Object.fromEntries(Object.entries(event.headers).filter(([k]) => k !== 'x-shopify-hmac-sha256')) };
      expect(await rig.deliver([forged, tampered, unsigned])).toEqual([401, 401, 401]);
      expect(await queryRows<{ n: number }>(rig.db, sql`SELECT (SELECT count(*) FROM pos_webhook_events)::int + (SELECT count(*) FROM jobs)::int AS n`)).toEqual(before);

      expect(await rig.deliver([event, rig.fake.redeliver(event), event])).toEqual([200, 200, 200]);
      expect(await rig.db.select().from(posWebhookEvents).where(eq(posWebhookEvents.dedupeKey, event.eventId))).toHaveLength(1);
      // the same event re-sent as new 7 hours after Shopify triggered it (the signature covers only the body)
      const replay: FakeShopifyWebhook = { ...event, headers: { ...event.headers, 'x-shopify-event-id': 'replayed-1', 'x-shopify-triggered-at': new Date(Date.now() - 7 * 3_600_000).toISOString() } };
      expect(await rig.deliver([replay])).toEqual([200]);
      await rig.drain();
      expect(await rig.onHand(await localId(rig, 'variant', items[0]?.inventoryItemIds[0] ?? ''))).toBe(9);
      const [r] = await rig.db.select({ outcome: posWebhookEvents.outcome }).from(posWebhookEvents).where(eq(posWebhookEvents.dedupeKey, 'replayed-1'));
      expect(r?.outcome).toBe('ignored: stale replay');
    }, 60_000);

    it('the privacy webhooks are answered 200 and recorded with what was done', async () => {
      const requests = [rig.fake.privacyRequest(SHOP, 'customers/data_request', { id: 42, email: 'ada@example.com' }), rig.fake.privacyRequest(SHOP, 'customers/redact', { id: 42, email: 'ada@example.com' })];
      rig.fake.takeWebhooks();
      expect(await rig.deliver(requests)).toEqual([200, 200]);
      await rig.drain();
      for (const topic of ['customers/data_request', 'customers/redact']) expect(await outcomes(topic)).toEqual(['ignored: privacy request: Makeries keeps no Shopify customer data']);
      expect((await rig.connection()).status).toBe('connected');
    }, 60_000);

    it('app/uninstalled revokes: owed pushes are dropped, nothing more is sent, the view says why; shop/redact later is recorded', async () => {
      const conn = await rig.connection();
      const variantId = await localId(rig, 'variant', items[1]?.inventoryItemIds[0] ?? '');
      const sent = () => rig.fake.calls(ADJUST).filter((c) => c.status === 200).length;
      const adjusted = sent();
      // two counter sales owed to Shopify while the link is paused
      await rig.db.update(posConnections).set({ status: 'paused' }).where(eq(posConnections.id, conn.id));
      await counterSale(rig, variantId, 1);
      await counterSale(rig, variantId, 2);
      await rig.db.update(posConnections).set({ status: 'connected' }).where(eq(posConnections.id, conn.id));
      rig.fake.uninstall(SHOP);
      const uninstalled = rig.fake.takeWebhooks().filter((h) => h.topic === 'app/uninstalled');
      expect(uninstalled).toHaveLength(1);
      expect(await rig.deliver(uninstalled)).toEqual([200]);
      await rig.drain();
      await counterSale(rig, variantId, 1);
      await rig.drain();
      expect(sent()).toBe(adjusted);
      const view = await bridgeView(rig.db, rig.env, rig.vendor.vendorId, 'owner');
      expect(view).toMatchObject({ state: 'revoked', pendingPushes: 0 });
      expect(view.reason).toBe('The shop removed Makeries’ access in Shopify. Connect again to resume.');
      const owed = await rig.db.select({ state: posPushes.state, lastError: posPushes.lastError }).from(posPushes).where(eq(posPushes.connectionId, conn.id));
      expect(owed.filter((p) => p.state === 'skipped')).toEqual([
        { state: 'skipped', lastError: 'The connection was revoked.' },
        { state: 'skipped', lastError: 'The connection was revoked.' },
      ]);
      expect(await outcomes('app/uninstalled')).toEqual(['connection revoked']);
      // Makeries' copy of the products stays (archived nothing, deleted nothing)
      const [left] = await rig.db.select({ n: sql<number>`count(*)::int` }).from(variants).where(eq(variants.vendorId, rig.vendor.vendorId));
      expect(left?.n).toBe(4);
      // 48 hours later Shopify asks to erase the shop's data
      expect(await rig.deliver([rig.fake.privacyRequest(SHOP, 'shop/redact')])).toEqual([200]);
      await rig.drain();
      expect(await outcomes('shop/redact')).toEqual(['connection revoked earlier']);
    }, 60_000);
  });
}
