import { mulberry32 } from '@makeries/shared';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { posPushes, posWebhookEvents } from '../../db/schema/index';
import { DB_KINDS } from '../../test/db';
import { callPos } from './connections';
import { sendPush } from './push';
import type { FakeShopifyWebhook } from './shopify/fake/index';
import { counterSale, localId, MARKET, SHOP, startShopifyRig, WORKSHOP, type ShopifyRig } from './shopify-test-kit';

const ADJUST = 'inventoryAdjustQuantities';

for (const kind of DB_KINDS) {
  describe(`stock both ways with Shopify, never double-counted [${kind}]`, () => {
    let rig: ShopifyRig;
    /** InventoryItem GIDs (our variant ext ids) and ProductVariant GIDs (what Shopify POS sells) */
    const items: string[] = [];
    const variantsOf = new Map<string, string>();
    const local = new Map<string, string>();
    beforeAll(async () => {
      rig = await startShopifyRig(kind);
      for (let i = 0; i < 8; i++) {
        const p = rig.fake.createProduct(SHOP, { title: `Jam ${String(i)}`, variants: [{ sku: `JAM-${String(i)}`, price: '4.50', tracked: true, available: 500 }] });
        items.push(p.inventoryItemIds[0] ?? '');
        variantsOf.set(p.inventoryItemIds[0] ?? '', p.variantIds[0] ?? '');
      }
      await rig.importAll();
      rig.fake.takeWebhooks();
      for (const item of items) local.set(item, await localId(rig, 'variant', item));
    }, 120_000);
    afterAll(async () => rig.close());

    it('1,000+ shuffled, duplicated inventory_levels/update deliveries and the echoes of our own pushes converge to Shopify’s counts exactly', async () => {
      for (const item of items) expect(await rig.onHand(local.get(item) ?? '')).toBe(500);
      const rnd = mulberry32(15);
      const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)] as T;
      const events: FakeShopifyWebhook[] = [];
      const all: FakeShopifyWebhook[] = [];
      let counterSales = 0;
      let deliveries = 0;
      const deliverShuffled = async (batch: FakeShopifyWebhook[]) => {
        // late, twice (Shopify's retry: a new webhook id, the same event id), and out of order
        const withDupes = batch.flatMap((e) => (rnd() < 0.75 ? [e, rnd() < 0.5 ? e : rig.fake.redeliver(e)] : [e]));
        for (let i = withDupes.length - 1; i > 0; i--) {
          const j = Math.floor(rnd() * (i + 1));
          [withDupes[i], withDupes[j]] = [withDupes[j] as FakeShopifyWebhook, withDupes[i] as FakeShopifyWebhook];
        }
        const statuses = await rig.deliver(withDupes);
        expect(statuses.every((s) => s === 200)).toBe(true);
        deliveries += withDupes.length;
      };
      for (let op = 0; op < 200; op++) {
        // Shopify stamps counts in whole seconds: every change on its side is its own second here
        rig.clock.t += 1_000;
        const item = pick(items);
        const r = rnd();
        if (r < 0.5) rig.fake.sellAtPos(variantsOf.get(item) ?? '', 1 + Math.floor(rnd() * 2), MARKET);
        else if (r < 0.8) {
          await counterSale(rig, local.get(item) ?? '', 1);
          counterSales++;
          if (rnd() < 0.3) await rig.drain(); // sometimes the push goes out at once, sometimes later
        } else if (r < 0.92) rig.fake.setAvailable(item, 300 + Math.floor(rnd() * 200), MARKET);
        else rig.fake.setAvailable(item, Math.floor(rnd() * 50), WORKSHOP); // another location: not ours
        const hooks = rig.fake.takeWebhooks().filter((h) => h.topic === 'inventory_levels/update');
        events.push(...hooks);
        all.push(...hooks);
        if (op % 50 === 49) {
          await deliverShuffled(events.splice(0, events.length));
          if (rnd() < 0.7) await rig.drain();
        }
      }
      await rig.drain();
      events.push(...rig.fake.takeWebhooks().filter((h) => h.topic === 'inventory_levels/update'));
      // and a storm of old deliveries again (Shopify retrying, a replayed queue): stale, they change nothing
      const rest = [...events, ...Array.from({ length: 600 }, () => pick(all))];
      await deliverShuffled(rest);
      await rig.drain();
      for (const item of items) expect({ item, onHand: await rig.onHand(local.get(item) ?? '') }).toEqual({ item, onHand: rig.fake.stateOf.available(item, MARKET) });
      // one adjustment per counter sale, each key applied once by Shopify (@idempotent)
      const keys = rig.fake.calls(ADJUST).filter((c) => c.status === 200).flatMap((c) => c.idempotencyKeys);
      expect(new Set(keys).size).toBe(counterSales);
      const [open] = await queryRows<{ n: number }>(rig.db, sql`SELECT count(*)::int AS n FROM pos_pushes WHERE state IN ('pending', 'sent', 'failed')`);
      expect(open?.n).toBe(0);
      expect(deliveries).toBeGreaterThanOrEqual(1_000);
    }, 300_000);

    it('a counter sale reaches Shopify exactly once through a 503 after commit, THROTTLED, a 429 and a server killed mid-push', async () => {
      const [a, b] = [items[0] ?? '', items[1] ?? ''];
      const beforeA = rig.fake.stateOf.available(a, MARKET);
      rig.fake.faults.failAfterCommit({ times: 1, field: ADJUST });
      await counterSale(rig, local.get(a) ?? '', 2);
      await rig.drain();
      expect(rig.fake.stateOf.available(a, MARKET)).toBe(beforeA - 2);
      rig.fake.faults.throttle({ times: 4 });
      rig.fake.faults.rateLimit({ times: 1, retryAfterSeconds: 1 });
      await counterSale(rig, local.get(a) ?? '', 1);
      await rig.drain();
      expect(rig.fake.stateOf.available(a, MARKET)).toBe(beforeA - 3);

      // killed mid-push: Shopify took the adjustment, we never recorded its answer; the job runs again
      const beforeB = rig.fake.stateOf.available(b, MARKET);
      const movementId = await counterSale(rig, local.get(b) ?? '', 1);
      const [push] = await rig.db.select().from(posPushes).where(eq(posPushes.localRef, movementId));
      if (!push) throw new Error('no push');
      await callPos(rig.db, rig.env, push.connectionId, (c, connector) =>
        connector.pushStockDelta(c, { idempotencyKey: push.idempotencyKey, variantExtId: b, delta: -1, occurredAt: push.occurredAt.toISOString(), reference: movementId }),
      );
      await sendPush(rig.db, rig.env, push.id, new Date(rig.clock.t));
      await rig.drain();
      expect(rig.fake.stateOf.available(b, MARKET)).toBe(beforeB - 1);
      await rig.deliver(rig.fake.takeWebhooks());
      await rig.drain();
      expect(await rig.onHand(local.get(a) ?? '')).toBe(rig.fake.stateOf.available(a, MARKET));
      expect(await rig.onHand(local.get(b) ?? '')).toBe(rig.fake.stateOf.available(b, MARKET));
      expect(rig.fake.calls(ADJUST).filter((c) => c.idempotencyKeys.includes(push.idempotencyKey))).toHaveLength(2);
    }, 120_000);

    it('shop/redact ends the connection and is recorded', async () => {
      const redact = rig.fake.privacyRequest(SHOP, 'shop/redact');
      expect(await rig.deliver([redact])).toEqual([200]);
      await rig.drain();
      expect((await rig.connection()).status).toBe('revoked');
      const [row] = await rig.db.select({ outcome: posWebhookEvents.outcome }).from(posWebhookEvents).where(eq(posWebhookEvents.topic, 'shop/redact'));
      expect(row?.outcome).toBe('connection revoked');
    }, 60_000);
  });
}
