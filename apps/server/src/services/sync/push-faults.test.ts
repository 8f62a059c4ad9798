import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { describeEachDb } from '../../test/harness';
import { failure, levelOf } from '../orders/test-kit';
import { addProduct, envelope, epochOf, pairCounter, pushCounts, saleArgs } from './sync-test-kit';

describeEachDb('sync.push faults', (get) => {
  const db = () => get().database.db;

  describe('infrastructure failure', () => {
    it('rolls the whole batch back, so the retry applies every mutation exactly once', async () => {
      const c = await pairCounter(get());
      const jam = await addProduct(db(), c.shop.vendorId, { name: 'Jam', priceCents: 250, stock: 20 });
      // a fault below our code (like a disk error): the database itself fails on the third sale
      await db().execute(sql`
        CREATE FUNCTION test_disk_fault() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.note = 'fault' THEN RAISE EXCEPTION 'could not write block' USING ERRCODE = 'XX000'; END IF;
          RETURN NEW;
        END $$`);
      await db().execute(sql`CREATE TRIGGER test_disk_fault BEFORE INSERT ON orders FOR EACH ROW EXECUTE FUNCTION test_disk_fault()`);
      const epoch = await epochOf(db());
      const batch = {
        epoch,
        mutations: [
          envelope(1, 'sale.complete', saleArgs(c, [[jam, 1]])),
          envelope(2, 'sale.complete', { bad: 'args' }),
          envelope(3, 'sale.complete', saleArgs(c, [[jam, 2]], { note: 'fault' })),
          envelope(4, 'sale.complete', saleArgs(c, [[jam, 3]])),
        ],
      };
      const before = await pushCounts(db());
      try {
        const f = await failure(c.caller.sync.push(batch));
        expect(f.appCode).toBe('INTERNAL');
        expect(await pushCounts(db())).toEqual(before);
        expect(await c.caller.sync.rejections({})).toEqual([]);
      } finally {
        await db().execute(sql`DROP TRIGGER test_disk_fault ON orders`);
        await db().execute(sql`DROP FUNCTION test_disk_fault()`);
      }
      const retry = await c.caller.sync.push(batch);
      expect(retry.results.map((r) => r.status)).toEqual(['applied', 'rejected', 'applied', 'applied']);
      expect((await levelOf(db(), jam.variantId)).onHand).toBe(14);
    });
  });

  describe('data clashes', () => {
    it('rejects a sale whose receipt number is already another sale’s, and carries on', async () => {
      const c = await pairCounter(get());
      const jam = await addProduct(db(), c.shop.vendorId, { name: 'Jam', priceCents: 250, stock: 20 });
      const first = saleArgs(c, [[jam, 1]]);
      const clash = saleArgs(c, [[jam, 1]], { number: first.number });
      const res = await c.caller.sync.push({
        epoch: await epochOf(db()),
        mutations: [envelope(1, 'sale.complete', first), envelope(2, 'sale.complete', clash), envelope(3, 'sale.complete', saleArgs(c, [[jam, 1]]))],
      });
      expect(res.results.map((r) => r.code ?? r.status)).toEqual(['applied', 'CONFLICT', 'applied']);
      expect(res.results[1]?.message).toMatch(/receipt number is already used/);
      expect((await levelOf(db(), jam.variantId)).onHand).toBe(18);
    });

    it('refuses, and keeps queued, a batch in a format newer than the server knows', async () => {
      const c = await pairCounter(get());
      const jam = await addProduct(db(), c.shop.vendorId, { name: 'Jam', priceCents: 250, stock: 20 });
      const before = await pushCounts(db());
      const f = await failure(
        c.caller.sync.push({
          epoch: await epochOf(db()),
          mutations: [envelope(1, 'sale.complete', saleArgs(c, [[jam, 1]])), { ...envelope(2, 'sale.complete', saleArgs(c, [[jam, 1]])), argsVersion: 2 }],
        }),
      );
      expect(f.appCode).toBe('CONFLICT');
      expect(f.message).toMatch(/newer|does not know/);
      expect(await pushCounts(db())).toEqual(before);
    });
  });

  describe('concurrency', () => {
    it('serialises two pushes of the same batch on the device lock: one applies, the other sees duplicates', async () => {
      const c = await pairCounter(get());
      const second = await get().caller({ bearer: c.token });
      const jam = await addProduct(db(), c.shop.vendorId, { name: 'Jam', priceCents: 250, stock: 50 });
      const batch = { epoch: await epochOf(db()), mutations: [1, 2, 3, 4, 5].map((n) => envelope(n, 'sale.complete', saleArgs(c, [[jam, 1]]))) };
      const [a, b] = await Promise.all([c.caller.sync.push(batch), second.sync.push(batch)]);
      const statuses = [a, b].map((r) => [...new Set(r.results.map((x) => x.status))].join()).sort();
      expect(statuses).toEqual(['applied', 'duplicate']);
      expect((await levelOf(db(), jam.variantId)).onHand).toBe(45);
    });
  });
});
