import { uuidv7 } from '@makeries/shared';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { posEntityMap, posPushes, posStockState, products, variants } from '../../db/schema/index';
import { DB_KINDS } from '../../test/db';
import { recordMovements } from '../inventory';
import { partnerAccounts } from './connect';
import { runCatalogSync } from './catalog-sync';
import { applyImport, importPreview } from './manage';
import { pullAllStock } from './stock-pull';
import { READ_ONLY_SCOPES } from './toast/fake/index';
import { RESTAURANT, startToastRig, type ToastRig } from './toast-test-kit';

async function variantOf(rig: ToastRig, mlid: string) {
  const c = await rig.connection();
  const [m] = await rig.db.select({ id: posEntityMap.localId }).from(posEntityMap).where(and(eq(posEntityMap.connectionId, c.id), eq(posEntityMap.entity, 'variant'), eq(posEntityMap.extId, mlid)));
  if (!m) throw new Error(`${mlid} not mapped`);
  const [v] = await rig.db.select().from(variants).where(eq(variants.id, m.id));
  if (!v) throw new Error('variant gone');
  return { variant: v, onHand: await rig.onHand(m.id) };
}

/** A sale rung up on the Makeries counter: one movement, which owes the POS a push. */
async function sell(rig: ToastRig, variantId: string, quantity: number): Promise<void> {
  await recordMovements(rig.db, rig.vendor.vendorId, [{ id: uuidv7(), variantId, kind: 'sale', quantity: -quantity, occurredAt: new Date(rig.clock.t), reference: uuidv7() }]);
}

for (const kind of DB_KINDS) {
  /** The bridge engine driving a Toast restaurant end to end: claim, location, preview, import, webhooks, removal. */
  describe(`a shop bridged to Toast (engine + connector + fake) [${kind}]`, () => {
    let rig: ToastRig;
    let ids: string[];

    beforeAll(async () => {
      rig = await startToastRig(kind);
      rig.fake.addRestaurant('r-other', { name: 'Someone else', locationName: 'Dock', createdBy: 'other@x.test' });
      ids = rig.fake.seedMenu(RESTAURANT, 30, { requiredEvery: 10 });
      for (const item of rig.fake.restaurant(RESTAURANT).items.values()) item.image = null;
      rig.fake.setStock(RESTAURANT, ids[0] ?? '', 'QUANTITY', 10);
      rig.fake.takeWebhooks();
    }, 120_000);
    afterAll(async () => rig.close());

    it('the owner claims the restaurant they added, picks it as the location and sees in-store-only items in the preview', async () => {
      await rig.connectAndRead();
      // only the restaurant added with this shop's owner's address is listed; another business's is not shown at all
      const accounts = await partnerAccounts(rig.db, rig.env, rig.vendor.vendorId, 'toast');
      expect(accounts.items.map((a) => [a.id, a.usable])).toEqual([[RESTAURANT, true]]);
      expect(accounts.nextCursor).toBeNull();
      expect((await rig.connection()).scopes).toContain('stock:write');
      const preview = await importPreview(rig.db, rig.vendor.vendorId);
      expect(preview?.products).toBe(30);
      expect(preview?.attention).toBe(3);
      expect(preview?.summary).toContain('in-store only');
    }, 60_000);

    it('imports: prices in cents, in-store-only items off sale, Toast’s count taken', async () => {
      await applyImport(rig.db, rig.vendor.vendorId, 'none');
      await rig.drain();
      const counted = await variantOf(rig, ids[0] ?? '');
      expect(counted.variant.trackStock).toBe(true);
      expect(counted.onHand).toBe(10);
      expect((await variantOf(rig, ids[9] ?? '')).variant.archived).toBe(true);
      const plain = await variantOf(rig, ids[1] ?? '');
      expect(plain.variant.archived).toBe(false);
      expect(plain.variant.priceCents).toBe(299);
      expect(plain.variant.trackStock).toBe(false);
    }, 60_000);

    it('a sale at the Toast till reaches the shop through the signed stock webhook; a forged one is refused', async () => {
      rig.fake.sellAtPos(RESTAURANT, ids[0] ?? '', 6);
      const hooks = rig.fake.takeWebhooks();
      expect(await rig.deliver(hooks)).toEqual(hooks.map(() => 200));
      await rig.drain();
      expect((await variantOf(rig, ids[0] ?? '')).onHand).toBe(4);
      const last = hooks[hooks.length - 1];
      expect(await rig.deliver([{ headers: last?.headers ?? {}, body: (last?.body ?? '').replace('"quantity":4', '"quantity":40') }])).toEqual([401]);
    }, 60_000);

      it('a counter sale here sets Toast’s count (absolute update), once', async () => {
      const { variant } = await variantOf(rig, ids[0] ?? '');
      await sell(rig, variant.id, 1);
      await rig.drain();
      expect(rig.fake.stockOf(RESTAURANT, ids[0] ?? '')).toEqual({ status: 'QUANTITY', quantity: 3 });
      expect((await variantOf(rig, ids[0] ?? '')).onHand).toBe(3);
      const c = await rig.connection();
      const pushes = await rig.db.select({ state: posPushes.state }).from(posPushes).where(eq(posPushes.connectionId, c.id));
      expect(pushes.map((p) => p.state)).toEqual(['acknowledged']);
      expect(rig.fake.requests.filter((r) => r.method === 'PUT').length).toBe(1);
    }, 60_000);

    it('shuffled and repeated stock webhooks converge to Toast’s last state', async () => {
      const mlid = ids[5] ?? '';
      rig.fake.setStock(RESTAURANT, mlid, 'QUANTITY', 3);
      rig.fake.setStock(RESTAURANT, mlid, 'OUT_OF_STOCK');
      rig.fake.setStock(RESTAURANT, mlid, 'QUANTITY', 12);
      rig.fake.setStock(RESTAURANT, mlid, 'QUANTITY', 2);
      const hooks = rig.fake.takeWebhooks();
      expect(hooks.length).toBe(4);
      const stream = [hooks[3], hooks[0], rig.fake.redeliver(hooks[1] ?? hooks[0]!), hooks[2], hooks[1], rig.fake.redeliver(hooks[3]!)].filter((h) => h !== undefined);
      expect(await rig.deliver(stream)).toEqual(stream.map(() => 200));
      await rig.drain();
      const c = await rig.connection();
      const before = await variantOf(rig, mlid);
      const [state] = await rig.db.select({ q: posStockState.extQuantity }).from(posStockState).where(and(eq(posStockState.connectionId, c.id), eq(posStockState.variantId, before.variant.id)));
      expect(Number(state?.q)).toBe(2);
      // the item was IN_STOCK (not counted) at import: the catalog follows on the next sync, and the level with it
      expect(before.variant.trackStock).toBe(false);
      await runCatalogSync(rig.db, rig.env, c.id, new Date(rig.clock.t));
      const after = await variantOf(rig, mlid);
      expect(after.variant.trackStock).toBe(true);
      await pullAllStock(rig.db, rig.env, c.id, new Date(rig.clock.t));
      expect((await variantOf(rig, mlid)).onHand).toBe(2);
    }, 60_000);

    it('an item removed from the Toast menu is archived by the next sync (Toast has no tombstones), an edit applied', async () => {
      rig.fake.removeItem(RESTAURANT, ids[2] ?? '');
      rig.fake.editItem(RESTAURANT, ids[3] ?? '', { price: 12.5, name: 'Big loaf' });
      const hooks = rig.fake.takeWebhooks();
      expect(await rig.deliver(hooks)).toEqual(hooks.map(() => 200));
      await rig.drain();
      const removed = await variantOf(rig, ids[2] ?? '');
      const [product] = await rig.db.select({ archived: products.archived }).from(products).where(eq(products.id, removed.variant.productId));
      expect(product?.archived).toBe(true);
      expect((await variantOf(rig, ids[3] ?? '')).variant.priceCents).toBe(1250);
      expect((await variantOf(rig, ids[4] ?? '')).variant.archived).toBe(false);
    }, 60_000);

    it('the restaurant removing Makeries in Toast revokes the connection', async () => {
      rig.fake.removePartner(RESTAURANT);
      expect(await rig.deliver(rig.fake.takeWebhooks())).toEqual([200]);
      await rig.drain();
      expect((await rig.connection()).status).toBe('revoked');
    }, 60_000);
  });

  describe(`a read-only Toast connection (Standard API access) [${kind}]`, () => {
    let rig: ToastRig;
    let ids: string[];
    beforeAll(async () => {
      rig = await startToastRig(kind, { scopes: READ_ONLY_SCOPES });
      ids = rig.fake.seedMenu(RESTAURANT, 5);
      for (const item of rig.fake.restaurant(RESTAURANT).items.values()) item.image = null;
      rig.fake.setStock(RESTAURANT, ids[0] ?? '', 'QUANTITY', 8);
      await rig.importAll();
    }, 120_000);
    afterAll(async () => rig.close());

    it('imports and follows stock, and writes nothing to Toast', async () => {
      const c = await rig.connection();
      expect(c.scopes).not.toContain('stock:write');
      const { variant, onHand } = await variantOf(rig, ids[0] ?? '');
      expect(onHand).toBe(8);
      await sell(rig, variant.id, 1);
      await rig.drain();
      const pushes = await rig.db.select({ state: posPushes.state }).from(posPushes).where(eq(posPushes.connectionId, c.id));
      expect(pushes.map((p) => p.state)).toEqual(['skipped']);
      expect(rig.fake.stockOf(RESTAURANT, ids[0] ?? '')).toEqual({ status: 'QUANTITY', quantity: 8 });
      expect(rig.fake.requests.filter((r) => r.method === 'PUT' || r.path.startsWith('/orders/'))).toEqual([]);
    }, 60_000);
  });
}
