import { uuidv7 } from '@makeries/shared';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { deviceMutations, devices, inventoryMovements, orderLines, orderPayments, orders, stockAlerts } from '../../db/schema/index';
import { createCustomerFixture } from '../../test/fixtures';
import { describeEachDb } from '../../test/harness';
import { failure, levelOf } from '../orders/test-kit';
import { saleMovementId } from './ids';
import { addProduct, envelope, epochOf, pairCounter, pushCounts, saleArgs } from './sync-test-kit';

describeEachDb('sync.push', (get) => {
  const db = () => get().database.db;

  describe('applying sales', () => {
    it('turns a counter sale into a completed, paid counter order with lines, payment and a ledger sale', async () => {
      const c = await pairCounter(get());
      const bread = await addProduct(db(), c.shop.vendorId, { name: 'Bread', priceCents: 250, stock: 10 });
      const sale = saleArgs(c, [[bread, 3]]);
      const res = await c.caller.sync.push({ epoch: await epochOf(db()), mutations: [envelope(1, 'sale.complete', sale)] });
      expect(res).toMatchObject({ lastMutationId: 1, results: [{ mutationId: 1, status: 'applied' }] });
      expect(res.gapAt).toBeUndefined();
      const [order] = await db().select().from(orders).where(eq(orders.id, sale.id));
      expect(order).toMatchObject({
        vendorId: c.shop.vendorId,
        channel: 'counter',
        status: 'completed',
        fulfilment: 'counter',
        paymentStatus: 'paid',
        number: sale.number,
        deviceId: c.deviceId,
        staffId: c.staffId,
        totalCents: 750,
      });
      const lines = await db().select().from(orderLines).where(eq(orderLines.orderId, sale.id));
      expect(lines).toEqual([expect.objectContaining({ sku: bread.sku, quantity: 3, unitPriceCents: 250, totalCents: 750 })]);
      expect(await db().select().from(orderPayments).where(eq(orderPayments.orderId, sale.id))).toHaveLength(1);
      const moves = await db().select().from(inventoryMovements).where(eq(inventoryMovements.reference, sale.id));
      expect(moves).toEqual([expect.objectContaining({ id: saleMovementId(sale.lines[0]!.id), kind: 'sale', quantity: -3, deviceId: c.deviceId })]);
      expect((await levelOf(db(), bread.variantId)).onHand).toBe(7);
      const [dev] = await db().select().from(devices).where(eq(devices.id, c.deviceId));
      expect(dev?.lastMutationId).toBe(1);
      expect(dev?.lastSeenAt).toBeInstanceOf(Date);
    });

    it('never refuses a sale for stock: the level goes negative and an oversold alert is raised', async () => {
      const c = await pairCounter(get());
      const cake = await addProduct(db(), c.shop.vendorId, { name: 'Cake', priceCents: 250, stock: 1 });
      const res = await c.caller.sync.push({ epoch: await epochOf(db()), mutations: [envelope(1, 'sale.complete', saleArgs(c, [[cake, 4]]))] });
      expect(res.results[0]?.status).toBe('applied');
      expect((await levelOf(db(), cake.variantId)).onHand).toBe(-3);
      const alerts = await db().select().from(stockAlerts).where(eq(stockAlerts.variantId, cake.variantId));
      expect(alerts.map((a) => a.kind)).toContain('oversold');
    });
  });

  describe('exactly once', () => {
    it('answers a resent batch with duplicates and records each sale and its stock once', async () => {
      const c = await pairCounter(get());
      const jam = await addProduct(db(), c.shop.vendorId, { name: 'Jam', priceCents: 250, stock: 20 });
      const batch = { epoch: await epochOf(db()), mutations: [1, 2, 3].map((n) => envelope(n, 'sale.complete', saleArgs(c, [[jam, 1]]))) };
      const first = await c.caller.sync.push(batch);
      expect(first.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
      const before = await pushCounts(db());
      const again = await c.caller.sync.push(batch);
      expect(again).toMatchObject({ lastMutationId: 3, results: [1, 2, 3].map((n) => ({ mutationId: n, status: 'duplicate' })) });
      expect(await pushCounts(db())).toEqual(before);
      expect((await levelOf(db(), jam.variantId)).onHand).toBe(17);
    });

    it('re-creates nothing when sales come back under new mutation ids (natural-key idempotency)', async () => {
      const c = await pairCounter(get());
      const jam = await addProduct(db(), c.shop.vendorId, { name: 'Jam', priceCents: 250, stock: 20 });
      const sale = saleArgs(c, [[jam, 2]]);
      const epoch = await epochOf(db());
      await c.caller.sync.push({ epoch, mutations: [envelope(1, 'sale.complete', sale)] });
      const before = await pushCounts(db());
      // after an epoch change the counter resends what it still holds; the same sale may even appear twice
      const newer = saleArgs(c, [[jam, 1]]);
      const res = await c.caller.sync.push({
        epoch,
        mutations: [envelope(2, 'sale.complete', sale), envelope(3, 'sale.complete', newer), envelope(4, 'sale.complete', sale)],
      });
      expect(res.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
      const after = await pushCounts(db());
      expect(after.orders - before.orders).toBe(1);
      expect(after.movements - before.movements).toBe(1);
      expect((await levelOf(db(), jam.variantId)).onHand).toBe(17);
      expect(await db().select().from(orders).where(eq(orders.id, sale.id))).toHaveLength(1);
    });

    it('stops at a gap before applying anything new and tells the counter where to resume', async () => {
      const c = await pairCounter(get());
      const jam = await addProduct(db(), c.shop.vendorId, { name: 'Jam', priceCents: 250, stock: 20 });
      const epoch = await epochOf(db());
      await c.caller.sync.push({ epoch, mutations: [envelope(1, 'sale.complete', saleArgs(c, [[jam, 1]]))] });
      const before = await pushCounts(db());
      const res = await c.caller.sync.push({
        epoch,
        mutations: [3, 4].map((n) => envelope(n, 'sale.complete', saleArgs(c, [[jam, 1]]))),
      });
      expect(res).toEqual({ epoch, lastMutationId: 1, results: [], gapAt: 2 });
      expect(await pushCounts(db())).toEqual(before);
    });

    it('answers a batch overlapping what was applied with duplicates, then applies the rest', async () => {
      const c = await pairCounter(get());
      const jam = await addProduct(db(), c.shop.vendorId, { name: 'Jam', priceCents: 250, stock: 20 });
      const epoch = await epochOf(db());
      const sales = [1, 2, 3, 4].map((n) => envelope(n, 'sale.complete', saleArgs(c, [[jam, 1]])));
      await c.caller.sync.push({ epoch, mutations: sales.slice(0, 2) });
      const res = await c.caller.sync.push({ epoch, mutations: sales });
      expect(res.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'applied', 'applied']);
      expect(res.lastMutationId).toBe(4);
      expect((await levelOf(db(), jam.variantId)).onHand).toBe(16);
    });
  });

  describe('poison mutations', () => {
    it('rejects a bad mutation mid-batch, applies the ones after it and advances lastMutationId', async () => {
      const c = await pairCounter(get());
      const jam = await addProduct(db(), c.shop.vendorId, { name: 'Jam', priceCents: 250, stock: 20 });
      const other = await pairCounter(get());
      const foreign = await addProduct(db(), other.shop.vendorId, { name: 'Not ours', priceCents: 250, stock: 5 });
      const poison = saleArgs(c, [[foreign, 1]]);
      const malformed = { ...saleArgs(c, [[jam, 1]]), lines: [] };
      const good = [saleArgs(c, [[jam, 1]]), saleArgs(c, [[jam, 2]])];
      const res = await c.caller.sync.push({
        epoch: await epochOf(db()),
        mutations: [
          envelope(1, 'sale.complete', good[0]),
          envelope(2, 'sale.complete', poison),
          envelope(3, 'sale.complete', malformed),
          envelope(4, 'sale.complete', good[1]),
        ],
      });
      expect(res.lastMutationId).toBe(4);
      expect(res.results.map((r) => [r.mutationId, r.status, r.code])).toEqual([
        [1, 'applied', undefined],
        [2, 'rejected', 'NOT_FOUND'],
        [3, 'rejected', 'BAD_INPUT'],
        [4, 'applied', undefined],
      ]);
      expect(res.results[1]?.message).toMatch(/not a product of this shop/);
      expect(res.results[2]?.message).toMatch(/lines/);
      expect(await db().select().from(orders).where(eq(orders.id, poison.id))).toHaveLength(0);
      expect((await levelOf(db(), foreign.variantId)).onHand).toBe(5);
      expect((await levelOf(db(), jam.variantId)).onHand).toBe(17);
      const rejected = await c.caller.sync.rejections({});
      expect(rejected.map((r) => [r.mutationId, r.name, r.code])).toEqual([
        [3, 'sale.complete', 'BAD_INPUT'],
        [2, 'sale.complete', 'NOT_FOUND'],
      ]);
      expect(await c.caller.sync.rejections({ limit: 1, beforeMutationId: 3 })).toEqual([expect.objectContaining({ mutationId: 2 })]);
      // a resend of the poison is a duplicate: it never blocks the queue again
      const resend = await c.caller.sync.push({ epoch: await epochOf(db()), mutations: [envelope(2, 'sale.complete', poison)] });
      expect(resend.results).toEqual([{ mutationId: 2, status: 'duplicate' }]);
    });

    it('rejects a sale by an unknown staff member or in another currency, and keeps one device’s rejections to itself', async () => {
      const c = await pairCounter(get());
      const second = await pairCounter(get(), c.shop);
      const jam = await addProduct(db(), c.shop.vendorId, { name: 'Jam', priceCents: 250, stock: 20 });
      const res = await c.caller.sync.push({
        epoch: await epochOf(db()),
        mutations: [
          envelope(1, 'sale.complete', saleArgs(c, [[jam, 1]], { staffId: uuidv7() })),
          envelope(2, 'sale.complete', saleArgs(c, [[jam, 1]], { currency: 'EUR' })),
        ],
      });
      expect(res.results.map((r) => r.code)).toEqual(['NOT_FOUND', 'CURRENCY_MISMATCH']);
      expect(await second.caller.sync.rejections({})).toEqual([]);
      const rows = await db().select().from(deviceMutations).where(and(eq(deviceMutations.deviceId, c.deviceId), eq(deviceMutations.status, 'rejected')));
      expect(rows).toHaveLength(2);
    });
  });

  describe('epoch', () => {
    it('applies nothing under a stale epoch and answers with the server epoch', async () => {
      const c = await pairCounter(get());
      const jam = await addProduct(db(), c.shop.vendorId, { name: 'Jam', priceCents: 250, stock: 20 });
      const before = await pushCounts(db());
      const res = await c.caller.sync.push({ epoch: 'an-old-epoch', mutations: [envelope(1, 'sale.complete', saleArgs(c, [[jam, 1]]))] });
      expect(res).toEqual({ epoch: await epochOf(db()), lastMutationId: 0, results: [] });
      expect(await pushCounts(db())).toEqual(before);
    });
  });

  describe('bad input and authorization', () => {
    it('refuses malformed batches with BAD_INPUT and writes nothing', async () => {
      const c = await pairCounter(get());
      const jam = await addProduct(db(), c.shop.vendorId, { name: 'Jam', priceCents: 250, stock: 20 });
      const epoch = await epochOf(db());
      const sale = () => envelope(1, 'sale.complete', saleArgs(c, [[jam, 1]]));
      const before = await pushCounts(db());
      const unordered = [envelope(2, 'sale.complete', {}), envelope(1, 'sale.complete', {})];
      const tooMany = Array.from({ length: 501 }, (_, i) => envelope(i + 1, 'sale.complete', {}));
      const cases: unknown[] = [
        { epoch, mutations: [] },
        { epoch, mutations: unordered },
        { epoch, mutations: tooMany },
        { epoch: '', mutations: [sale()] },
        { epoch, mutations: [{ ...sale(), name: 'sale.explode' }] },
        { epoch, mutations: [{ ...sale(), mutationId: 0 }] },
        { mutations: [sale()] },
      ];
      for (const input of cases) {
        const f = await failure(c.caller.sync.push(input as never));
        expect(f.appCode).toBe('BAD_INPUT');
      }
      expect((await failure(c.caller.sync.push({ epoch, mutations: unordered }))).message).toMatch(/consecutive/);
      expect(await pushCounts(db())).toEqual(before);
    });

    it('is for paired counters only: anonymous, staff, customers and revoked counters are refused', async () => {
      const c = await pairCounter(get());
      const jam = await addProduct(db(), c.shop.vendorId, { name: 'Jam', priceCents: 250, stock: 20 });
      const customer = await createCustomerFixture(db());
      const input = { epoch: await epochOf(db()), mutations: [envelope(1, 'sale.complete', saleArgs(c, [[jam, 1]]))] };
      const before = await pushCounts(db());
      expect((await failure((await get().caller()).sync.push(input))).appCode).toBe('UNAUTHENTICATED');
      expect((await failure((await get().caller({ bearer: c.shop.ownerToken })).sync.push(input))).appCode).toBe('UNAUTHENTICATED');
      expect((await failure((await get().caller({ sessionCookie: customer.cookie })).sync.push(input))).appCode).toBe('UNAUTHENTICATED');
      expect((await failure((await get().caller()).sync.rejections({}))).appCode).toBe('UNAUTHENTICATED');
      await (await get().caller({ bearer: c.shop.managerToken })).devices.revoke({ deviceId: c.deviceId });
      expect((await failure((await get().caller({ bearer: c.token })).sync.push(input))).appCode).toBe('UNAUTHENTICATED');
      expect(await pushCounts(db())).toEqual(before);
    });
  });
});
