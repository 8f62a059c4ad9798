import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { jobs, posEntityMap, posWebhookEvents, products, variants } from '../../db/schema/index';
import { DB_KINDS } from '../../test/db';
import { epochOf, latest, pairCounter, pullAll, pullUntil, settle } from '../sync/sync-test-kit';
import { runCatalogSync } from './catalog-sync';
import { applyProducts } from './catalog-apply';
import { applyTarget } from './stock-pull';
import { MERCHANT, startBridgeRig, type BridgeRig } from './square-test-kit';
import type { ExtProduct } from './types';

for (const kind of DB_KINDS) {
  describe(`staying in step with Square's catalog [${kind}]`, () => {
    let rig: BridgeRig;
    let items: { itemId: string; variationIds: string[] }[];
    const local = async (entity: 'product' | 'variant', extId: string) => {
      const c = await rig.connection();
      const [m] = await rig.db.select({ id: posEntityMap.localId }).from(posEntityMap).where(and(eq(posEntityMap.connectionId, c.id), eq(posEntityMap.entity, entity), eq(posEntityMap.extId, extId)));
      if (!m) throw new Error(`${extId} not mapped`);
      return m.id;
    };
    beforeAll(async () => {
      rig = await startBridgeRig(kind);
      items = ['Rye loaf', 'Seeded loaf', 'Cinnamon bun', 'Focaccia'].map((name, i) =>
        rig.fake.upsertItem(MERCHANT, { name, description: `${name} from the oven`, variations: [{ name: 'Regular', sku: `BAKE-${String(i)}`, price: 300 + i * 50, trackInventory: true }] }),
      );
      await rig.importAll();
      rig.fake.takeEvents();
    }, 120_000);
    afterAll(async () => rig.close());

    it('a price change in Square reaches the storefront and the counter after the next pull', async () => {
      const counter = await pairCounter(rig.server, rig.vendor);
      const epoch = await epochOf(rig.db);
      const cursor = await settle(rig.db, counter.caller, epoch, (await pullAll(counter.caller, null)).cursor);
      const rye = items[0]!;
      rig.fake.upsertItem(MERCHANT, { id: rye.itemId, name: 'Rye loaf', variations: [{ id: rye.variationIds[0]!, name: 'Regular', sku: 'BAKE-0', price: 425, trackInventory: true }] });
      const statuses = await rig.deliver(rig.fake.takeEvents());
      expect(statuses.every((s) => s === 200)).toBe(true);
      await rig.drain();
      const productId = await local('product', rye.itemId);
      const variantId = await local('variant', rye.variationIds[0]!);
      const shopper = await rig.server.caller();
      const page = await shopper.products.byId({ productId });
      expect(page.variants.find((v) => v.id === variantId)?.priceCents).toBe(425);
      const next = await pullUntil(counter.caller, epoch, cursor, (chs) => latest(chs, 'variant', variantId)?.data?.priceCents === 425);
      expect(latest(next.changes, 'variant', variantId)?.data).toMatchObject({ priceCents: 425, sku: 'BAKE-0' });
    }, 120_000);

    it('edits and deletes arriving out of order and twice converge to Square’s latest; a delete archives, never deletes', async () => {
      const [seeded, focaccia, bun] = [items[1]!, items[3]!, items[2]!];
      rig.fake.upsertItem(MERCHANT, { id: seeded.itemId, name: 'Seeded loaf (large)', variations: [{ id: seeded.variationIds[0]!, name: 'Regular', sku: 'BAKE-1', price: 500, trackInventory: true }] });
      rig.fake.upsertItem(MERCHANT, { id: seeded.itemId, name: 'Seeded loaf XL', variations: [{ id: seeded.variationIds[0]!, name: 'Regular', sku: 'BAKE-1', price: 550, trackInventory: true }] });
      rig.fake.deleteObject(MERCHANT, focaccia.itemId);
      rig.fake.upsertItem(MERCHANT, { id: bun.itemId, name: 'Cinnamon bun', variations: [{ id: bun.variationIds[0]!, name: 'Regular', sku: 'BAKE-2', price: 375, trackInventory: true }, { name: 'Box of 4', sku: 'BAKE-2-4', price: 1400, trackInventory: true }] });
      const events = rig.fake.takeEvents();
      expect(events.length).toBeGreaterThanOrEqual(4);
      await rig.deliver([...events].reverse());
      await rig.deliver(events.slice(0, 2));
      await rig.drain();

      const seededId = await local('product', seeded.itemId);
      const [s] = await rig.db.select({ name: products.name, price: products.minPriceCents }).from(products).where(eq(products.id, seededId));
      expect(s).toEqual({ name: 'Seeded loaf XL', price: 550 });
      const focacciaId = await local('product', focaccia.itemId);
      const [f] = await rig.db.select({ archived: products.archived }).from(products).where(eq(products.id, focacciaId));
      expect(f?.archived).toBe(true);
      const bunVariants = await rig.db.select({ sku: variants.sku }).from(variants).where(eq(variants.productId, await local('product', bun.itemId)));
      expect(bunVariants.map((v) => v.sku).sort()).toEqual(['BAKE-2', 'BAKE-2-4']);

      // an older copy of an item (a replayed sweep page) changes nothing, and an edit older than the delete cannot revive it
      const target = await applyTarget(rig.db, (await rig.connection()).id, 'none');
      const stale: ExtProduct = { extId: seeded.itemId, version: '1', updatedAt: '2020-01-01T00:00:00Z', name: 'Seeded loaf', description: '', categoryExtId: null, taxExtIds: [], imageExtIds: [], archived: false, editUrl: null, variants: [{ extId: seeded.variationIds[0]!, version: '1', name: 'Regular', sku: 'BAKE-1', barcode: null, priceCents: 300, currency: 'GBP', tracked: true, archived: false }] };
      const r = await rig.db.transaction((tx) => applyProducts(tx, target, [stale, { ...stale, extId: focaccia.itemId, name: 'Focaccia', variants: [] }], new Map(), new Map()));
      expect(r.stale).toBe(2);
      const [after] = await rig.db.select({ name: products.name }).from(products).where(eq(products.id, seededId));
      expect(after?.name).toBe('Seeded loaf XL');

      // a repeated sweep finds nothing new
      expect(await runCatalogSync(rig.db, rig.env, (await rig.connection()).id, new Date(rig.clock.t))).toEqual({ changed: 0, archived: 0 });
    }, 120_000);

    it('the owner’s description written here survives Square’s next edit of the item', async () => {
      const rye = items[0]!;
      const productId = await local('product', rye.itemId);
      const owner = await rig.server.caller({ bearer: rig.vendor.ownerToken });
      await owner.products.update({ productId, description: 'Our own words: baked at dawn.' });
      rig.fake.upsertItem(MERCHANT, { id: rye.itemId, name: 'Rye loaf', description: 'Square text', variations: [{ id: rye.variationIds[0]!, name: 'Regular', sku: 'BAKE-0', price: 450, trackInventory: true }] });
      await rig.deliver(rig.fake.takeEvents());
      await rig.drain();
      const [p] = await rig.db.select({ description: products.description, price: products.minPriceCents }).from(products).where(eq(products.id, productId));
      expect(p).toEqual({ description: 'Our own words: baked at dawn.', price: 450 });
    }, 60_000);

    it('a bad signature is refused with 401 and stores nothing; a duplicate is stored once', async () => {
      rig.fake.setCount(MERCHANT, items[0]!.variationIds[0]!, 'L-MARKET-ST', 9);
      const [event] = rig.fake.takeEvents();
      if (!event) throw new Error('no event');
      const before = await queryRows<{ n: number }>(rig.db, sql`SELECT (SELECT count(*) FROM pos_webhook_events)::int + (SELECT count(*) FROM jobs)::int AS n`);
      const forged = { ...event, headers: { ...event.headers, 'x-square-hmacsha256-signature': rig.fake.sign(`${event.body} `) } };
      const tampered = { ...event, body: event.body.replace('"9"', '"900"') };
      expect(await rig.deliver([forged, tampered])).toEqual([401, 401]);
      const noSig = await rig.app.inject({ method: 'POST', url: '/hooks/pos/square', headers: { 'content-type': 'application/json' }, payload: event.body });
      expect(noSig.statusCode).toBe(401);
      const afterBad = await queryRows<{ n: number }>(rig.db, sql`SELECT (SELECT count(*) FROM pos_webhook_events)::int + (SELECT count(*) FROM jobs)::int AS n`);
      expect(afterBad).toEqual(before);
      expect(await rig.deliver([event, event, event])).toEqual([200, 200, 200]);
      const stored = await rig.db.select().from(posWebhookEvents).where(eq(posWebhookEvents.dedupeKey, event.eventId));
      expect(stored).toHaveLength(1);
      await rig.drain();
      expect(await rig.onHand(await local('variant', items[0]!.variationIds[0]!))).toBe(9);
      const [done] = await rig.db.select({ n: sql<number>`count(*)::int` }).from(jobs).where(eq(jobs.status, 'failed'));
      expect(done?.n).toBe(0);
    }, 60_000);
  });
}
