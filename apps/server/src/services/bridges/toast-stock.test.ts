import { mulberry32, uuidv7 } from '@makeries/shared';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { posEntityMap } from '../../db/schema/index';
import { DB_KINDS } from '../../test/db';
import { recordMovements } from '../inventory';
import type { FakeWebhook } from './toast/fake/index';
import { RESTAURANT, startToastRig, type ToastRig } from './toast-test-kit';

const UPDATE = '/stock/v1/inventory/update';
const SEARCH = '/stock/v1/inventory/search';
const SWEEP_MS = 15 * 60_000;

async function mapped(rig: ToastRig, mlids: readonly string[]): Promise<Map<string, string>> {
  const c = await rig.connection();
  const rows = await rig.db.select({ extId: posEntityMap.extId, localId: posEntityMap.localId }).from(posEntityMap).where(and(eq(posEntityMap.connectionId, c.id), eq(posEntityMap.entity, 'variant')));
  const m = new Map(rows.map((r) => [r.extId, r.localId]));
  return new Map(mlids.map((e) => [e, m.get(e) ?? '']));
}

/** A movement at the Makeries counter (sale −, receive +): it owes Toast a push. */
async function counter(rig: ToastRig, variantId: string, kind: 'sale' | 'receive', quantity: number): Promise<void> {
  await recordMovements(rig.db, rig.vendor.vendorId, [{ id: uuidv7(), variantId, kind, quantity: kind === 'sale' ? -quantity : quantity, occurredAt: new Date(rig.clock.t), reference: uuidv7() }]);
}

/** Toast's count as a number (OUT_OF_STOCK counts 0). */
function toastCount(rig: ToastRig, mlid: string): number {
  const s = rig.fake.stockOf(RESTAURANT, mlid);
  return s.status === 'QUANTITY' ? (s.quantity ?? 0) : 0;
}

/** The 15-minute sweep comes round: catalog and stock are read again (Toast retries a webhook only twice). */
async function sweep(rig: ToastRig): Promise<void> {
  rig.clock.t = Math.max(rig.clock.t, Date.now()) + SWEEP_MS;
  await rig.drain();
}

/** Toast sends several deliveries at once: up to 8 in flight. */
async function deliverAtOnce(rig: ToastRig, hooks: readonly FakeWebhook[]): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < hooks.length; i += 8) out.push(...(await Promise.all(hooks.slice(i, i + 8).map(async (h) => (await rig.deliver([h]))[0] ?? 0))));
  return out;
}

const stockHooks = (hooks: FakeWebhook[]) => hooks.filter((h) => h.headers['toast-event-category'] === 'stock');

for (const kind of DB_KINDS) {
  describe(`stock both ways with Toast: absolute writes, webhooks and the reconcile sweep [${kind}]`, () => {
    let rig: ToastRig;
    let ids: string[];
    let local: Map<string, string>;
    const writes = () => rig.fake.requests.filter((r) => r.path === UPDATE && r.status === 200).length;

    beforeAll(async () => {
      rig = await startToastRig(kind);
      ids = rig.fake.seedMenu(RESTAURANT, 8);
      for (const item of rig.fake.restaurant(RESTAURANT).items.values()) item.image = null;
      for (const mlid of ids) rig.fake.setStock(RESTAURANT, mlid, 'QUANTITY', 8);
      await rig.importAll();
      rig.fake.takeWebhooks();
      local = await mapped(rig, ids);
    }, 120_000);
    afterAll(async () => rig.close());

    it('1,000 shuffled, repeated low/out/in-stock webhooks, counter sales here and the sweep converge exactly to Toast’s counts', async () => {
      for (const mlid of ids) expect(await rig.onHand(local.get(mlid) ?? '')).toBe(8);
      const rnd = mulberry32(15);
      const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)] as T;
      const pending: FakeWebhook[] = [];
      const all: FakeWebhook[] = [];
      let deliveries = 0;
      let counterSales = 0;
      for (let op = 0; deliveries < 1_000; op++) {
        const mlid = pick(ids);
        const r = rnd();
        if (r < 0.35) {
          if (toastCount(rig, mlid) > 0) rig.fake.sellAtPos(RESTAURANT, mlid, 1 + Math.floor(rnd() * Math.min(2, toastCount(rig, mlid))));
        } else if (r < 0.75) rig.fake.setStock(RESTAURANT, mlid, 'QUANTITY', Math.floor(rnd() * 13));
        else if (r < 0.85) rig.fake.setStock(RESTAURANT, mlid, 'OUT_OF_STOCK');
        else if (counterSales < 40) {
          await counter(rig, local.get(mlid) ?? '', 'sale', 1);
          counterSales++;
          if (rnd() < 0.5) await rig.drain(); // the push goes out at once, or later
        }
        const fresh = stockHooks(rig.fake.takeWebhooks());
        pending.push(...fresh);
        all.push(...fresh);
        // deliveries arrive late, repeated (Toast's retries), and out of order
        if (op % 40 === 39) {
          const batch = pending.splice(0, pending.length).flatMap((h) => (rnd() < 0.6 ? [h, rig.fake.redeliver(h)] : [h]));
          for (let i = batch.length - 1; i > 0; i--) {
            const j = Math.floor(rnd() * (i + 1));
            [batch[i], batch[j]] = [batch[j] as FakeWebhook, batch[i] as FakeWebhook];
          }
          const statuses = await deliverAtOnce(rig, batch);
          expect(statuses.every((s) => s === 200)).toBe(true);
          deliveries += batch.length;
          if (rnd() < 0.7) await rig.drain();
        }
      }
      await rig.drain();
      pending.push(...stockHooks(rig.fake.takeWebhooks()));
      // the rest, and 200 old ones replayed, newest first
      const rest = [...pending, ...all.slice(0, 200)].reverse();
      expect((await deliverAtOnce(rig, rest)).every((s) => s === 200)).toBe(true);
      deliveries += rest.length;
      await rig.drain();
      expect(deliveries).toBeGreaterThanOrEqual(1_000);
      expect(new Set(all.map((h) => h.headers['toast-event-type']))).toEqual(new Set(['in_stock', 'low_quantity', 'out_of_stock']));

      // sales inside a band send no webhook: the sweep reads every count and takes it
      await sweep(rig);
      for (const mlid of ids) expect({ mlid, onHand: await rig.onHand(local.get(mlid) ?? '') }).toEqual({ mlid, onHand: toastCount(rig, mlid) });
      const [open] = await queryRows<{ n: number }>(rig.db, sql`SELECT count(*)::int AS n FROM pos_pushes WHERE state IN ('pending', 'sent', 'failed')`);
      expect(open?.n).toBe(0);
      expect(counterSales).toBeGreaterThan(10);
      // every counter sale was one write at most (none when Toast already had the item at 0)
      expect(writes()).toBeLessThanOrEqual(counterSales);
    }, 300_000);

    it('counter sales here while the till sells there: each absolute write starts from Toast’s current count, and the sweep ends both at the same count', async () => {
      const [a = '', b = ''] = ids;
      rig.fake.setStock(RESTAURANT, a, 'QUANTITY', 40);
      rig.fake.setStock(RESTAURANT, b, 'QUANTITY', 40);
      await sweep(rig);
      expect(await rig.onHand(local.get(a) ?? '')).toBe(40);
      const before = writes();
      // the sales interleave: pushes owed while the till sells, the till selling between pushes
      await counter(rig, local.get(a) ?? '', 'sale', 2);
      rig.fake.sellAtPos(RESTAURANT, a, 3);
      await counter(rig, local.get(a) ?? '', 'sale', 1);
      await counter(rig, local.get(b) ?? '', 'sale', 4);
      // until Toast acknowledges them, our sales count against Toast's last known count: never more than Toast has
      expect(await rig.onHand(local.get(a) ?? '')).toBe(37);
      await rig.drain();
      rig.fake.sellAtPos(RESTAURANT, a, 5);
      rig.fake.sellAtPos(RESTAURANT, b, 1);
      await counter(rig, local.get(a) ?? '', 'sale', 1);
      await rig.drain();
      // 40 − 2 − 3 − 1 − 5 − 1 and 40 − 4 − 1: no sale lost on either side
      expect(toastCount(rig, a)).toBe(28);
      expect(toastCount(rig, b)).toBe(35);
      expect(writes() - before).toBe(4);
      rig.fake.takeWebhooks(); // all within the in-stock band: Toast sends nothing
      await sweep(rig);
      expect(await rig.onHand(local.get(a) ?? '')).toBe(28);
      expect(await rig.onHand(local.get(b) ?? '')).toBe(35);
    }, 120_000);

    it('a write Toast committed but answered 500 is not taken twice; stock received here on a sold-out item reaches Toast', async () => {
      const c = ids[2] ?? '';
      rig.fake.setStock(RESTAURANT, c, 'QUANTITY', 10);
      await sweep(rig);
      rig.fake.faults.failAfterCommit({ times: 1, path: UPDATE });
      await counter(rig, local.get(c) ?? '', 'sale', 3);
      await rig.drain();
      expect(toastCount(rig, c)).toBe(7);
      expect(await rig.onHand(local.get(c) ?? '')).toBe(7);

      await counter(rig, local.get(c) ?? '', 'sale', 7);
      await rig.drain();
      expect(rig.fake.stockOf(RESTAURANT, c)).toEqual({ status: 'OUT_OF_STOCK', quantity: null });
      await counter(rig, local.get(c) ?? '', 'receive', 12);
      await rig.drain();
      expect(rig.fake.stockOf(RESTAURANT, c)).toEqual({ status: 'QUANTITY', quantity: 12 });
      expect(await rig.onHand(local.get(c) ?? '')).toBe(12);
    }, 120_000);

    it('a webhook Toast gave up on (two retries, then nothing) is caught by the sweep’s polling', async () => {
      const d = ids[3] ?? '';
      rig.fake.setStock(RESTAURANT, d, 'QUANTITY', 20);
      await sweep(rig);
      rig.fake.takeWebhooks();
      rig.fake.setStock(RESTAURANT, d, 'QUANTITY', 2);
      const [lost] = stockHooks(rig.fake.takeWebhooks());
      if (!lost) throw new Error('no low_quantity webhook');
      expect(lost.headers['toast-event-type']).toBe('low_quantity');
      // the first attempt and both retries fail on our side (never stored), and Toast stops there
      expect(await rig.onHand(local.get(d) ?? '')).toBe(20);
      const searches = rig.fake.requests.filter((r) => r.path === SEARCH).length;
      await sweep(rig);
      expect(rig.fake.requests.filter((r) => r.path === SEARCH).length).toBeGreaterThan(searches);
      expect(await rig.onHand(local.get(d) ?? '')).toBe(2);
      // the webhook turning up after all is older than the sweep's count: nothing changes
      rig.fake.sellAtPos(RESTAURANT, d, 1);
      await sweep(rig);
      expect(await rig.onHand(local.get(d) ?? '')).toBe(1);
      expect(await rig.deliver([rig.fake.redeliver(rig.fake.redeliver(lost))])).toEqual([200]);
      await rig.drain();
      expect(await rig.onHand(local.get(d) ?? '')).toBe(1);
    }, 120_000);
  });
}
