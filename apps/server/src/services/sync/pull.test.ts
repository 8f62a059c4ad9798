import { uuidv7, type Change } from '@makeries/shared';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { products, staff, taxRates } from '../../db/schema/index';
import { createCustomerFixture } from '../../test/fixtures';
import { queryRows } from '../../db/client';
import { createContextInner } from '../../context';
import { appRouter } from '../../routers/index';
import { createTestDatabase, DB_KINDS } from '../../test/db';
import { describeEachDb, testEnv, type TestServer } from '../../test/harness';
import { createCallerFactory } from '../../trpc';
import { ensureCategory } from '../catalog';
import { checkoutRequest, failure } from '../orders/test-kit';
import { rotateEpoch } from './epoch';
import { pruneChangeLog } from './prune';
import { createJobRuntime } from '../../jobs/runtime';
import { registerChangeLogPruning } from './prune-schedule';
import { addProduct, envelope, epochOf, latest, pairCounter, pullAll, pullUntil, saleArgs, setHashes, settle } from './sync-test-kit';

const keys = (changes: Change[]) => [...new Set(changes.map((c) => `${c.entity}:${c.id}`))].sort();

describeEachDb('sync.pull', (get) => {
  const db = () => get().database.db;

  describe('bootstrap', () => {
    it('gives a new counter its own shop’s catalog, staff, taxes and stock, plus the marketplace categories — nothing of other shops', async () => {
      const categoryId = await ensureCategory(db(), { slug: `bakery-${uuidv7().slice(-6)}`, name: 'Bakery' });
      const c = await pairCounter(get());
      const bread = await addProduct(db(), c.shop.vendorId, { name: 'Bread', priceCents: 300 });
      const buns = await addProduct(db(), c.shop.vendorId, { name: 'Buns', priceCents: 120 });
      await setHashes(db(), c.staffId);
      const other = await pairCounter(get());
      const theirs = await addProduct(db(), other.shop.vendorId, { name: 'Theirs', priceCents: 100 });
      const { changes, last } = await pullAll(c.caller, null);
      expect(last).toMatchObject({ epoch: await epochOf(db()), resetRequired: false, lastMutationId: 0, hasMore: false });
      const mine = keys(changes);
      for (const p of [bread, buns]) {
        expect(mine).toContain(`product:${p.productId}`);
        expect(mine).toContain(`variant:${p.variantId}`);
        expect(mine).toContain(`stock_level:${p.variantId}`);
      }
      expect(mine).toContain(`vendor:${c.shop.vendorId}`);
      expect(mine).toContain(`category:${categoryId}`);
      const ownStaff = await db().select({ id: staff.id }).from(staff).where(eq(staff.vendorId, c.shop.vendorId));
      for (const s of ownStaff) expect(mine).toContain(`staff:${s.id}`);
      const rates = await db().select({ id: taxRates.id }).from(taxRates).where(eq(taxRates.vendorId, c.shop.vendorId));
      expect(rates.length).toBeGreaterThan(0);
      for (const r of rates) expect(mine).toContain(`tax_rate:${r.id}`);
      const foreign = [theirs.productId, theirs.variantId, other.shop.vendorId, other.staffId];
      expect(changes.filter((ch) => foreign.includes(ch.id))).toEqual([]);
      const owner = changes.find((ch) => ch.entity === 'staff' && ch.id === c.staffId);
      expect(owner?.data).toMatchObject({ pinHash: 'scrypt$pin-hash', role: 'owner' });
      expect(JSON.stringify(changes)).not.toContain('password-hash');
      const variant = changes.find((ch) => ch.id === bread.variantId && ch.entity === 'variant');
      expect(variant?.data).toMatchObject({ priceCents: 300, sku: bread.sku, productId: bread.productId });
    });

    it('pages a snapshot in small pages to the same rows as one big page', async () => {
      const c = await pairCounter(get());
      for (let i = 0; i < 7; i++) await addProduct(db(), c.shop.vendorId, { name: `P${i}`, priceCents: 100 + i });
      const big = await pullAll(c.caller, null, '0', 1000);
      const small = await pullAll(c.caller, null, '0', 3);
      expect(small.pages).toBeGreaterThan(5);
      expect(keys(small.changes)).toEqual(keys(big.changes));
      // products come before their variants, variants before their stock levels
      const order = small.changes.map((ch) => ch.entity);
      expect(order.lastIndexOf('product')).toBeLessThan(order.indexOf('variant'));
      expect(order.lastIndexOf('variant')).toBeLessThan(order.indexOf('stock_level'));
    });
  });

  describe('incremental', () => {
    it('after a price change returns just that variant with its current price, and nothing of other shops', async () => {
      const c = await pairCounter(get());
      const bread = await addProduct(db(), c.shop.vendorId, { name: 'Bread', priceCents: 300 });
      const epoch = await epochOf(db());
      const cursor = await settle(db(), c.caller, epoch, (await pullAll(c.caller, null)).cursor);
      const manager = await get().caller({ bearer: c.shop.managerToken });
      for (const priceCents of [320, 340, 360]) {
        await manager.products.upsertVariant({ id: bread.variantId, productId: bread.productId, sku: bread.sku, priceCents });
      }
      const other = await pairCounter(get());
      const theirs = await addProduct(db(), other.shop.vendorId, { name: 'Theirs', priceCents: 100 });
      await (await get().caller({ bearer: other.shop.managerToken })).products.upsertVariant({ id: theirs.variantId, productId: theirs.productId, sku: theirs.sku, priceCents: 999 });
      const next = await pullUntil(c.caller, epoch, cursor, (chs) => latest(chs, 'variant', bread.variantId)?.data?.priceCents === 360);
      expect(new Set(next.changes.filter((ch) => ch.entity === 'variant').map((ch) => ch.id))).toEqual(new Set([bread.variantId]));
      expect(latest(next.changes, 'variant', bread.variantId)).toEqual({ entity: 'variant', op: 'upsert', id: bread.variantId, data: expect.objectContaining({ priceCents: 360, sku: bread.sku }) });
      expect(next.changes.filter((ch) => ch.id === theirs.variantId || ch.id === theirs.productId)).toEqual([]);
    });

    it('sends a row changed several times in one transaction once, with its final values', async () => {
      const c = await pairCounter(get());
      const bread = await addProduct(db(), c.shop.vendorId, { name: 'Bread', priceCents: 300 });
      const epoch = await epochOf(db());
      const cursor = await settle(db(), c.caller, epoch, (await pullAll(c.caller, epoch)).cursor);
      await db().transaction(async (tx) => {
        for (const name of ['Bread 1', 'Bread 2', 'Bread 3']) await tx.update(products).set({ name }).where(eq(products.id, bread.productId));
      });
      const next = await pullUntil(c.caller, epoch, cursor, (chs) => chs.length > 0);
      expect(next.changes).toEqual([{ entity: 'product', op: 'upsert', id: bread.productId, data: expect.objectContaining({ name: 'Bread 3' }) }]);
    });

    it('delivers new web orders with their lines, later status moves, stock holds and deletions', async () => {
      const c = await pairCounter(get());
      const pie = await addProduct(db(), c.shop.vendorId, { name: 'Pie', priceCents: 400, stock: 10 });
      const epoch = await epochOf(db());
      const cursor = await settle(db(), c.caller, epoch, (await pullAll(c.caller, epoch)).cursor);
      const { orders: [placed] } = await (await get().caller()).orders.checkout(checkoutRequest([[pie, 2]], [{ vendorId: c.shop.vendorId }]));
      const first = await pullUntil(c.caller, epoch, cursor, (chs) => chs.some((ch) => ch.entity === 'web_order'));
      const order = latest(first.changes, 'web_order', placed!.id);
      expect(order).toMatchObject({ op: 'upsert', id: placed?.id, data: { status: 'placed', lines: [expect.objectContaining({ variantId: pie.variantId, quantity: 2 })] } });
      expect(latest(first.changes, 'stock_level', pie.variantId)?.data).toMatchObject({ variantId: pie.variantId, reserved: 2 });
      const manager = await get().caller({ bearer: c.shop.managerToken });
      await manager.orders.transition({ orderId: placed!.id, from: 'placed', to: 'accepted' });
      const rate = (await db().select().from(taxRates).where(eq(taxRates.vendorId, c.shop.vendorId)))[0]!;
      await db().delete(taxRates).where(eq(taxRates.id, rate.id));
      const second = await pullUntil(c.caller, epoch, first.cursor, (chs) => chs.some((ch) => ch.entity === 'tax_rate'));
      expect(second.changes).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ entity: 'web_order', id: placed?.id, data: expect.objectContaining({ status: 'accepted' }) }),
          { entity: 'tax_rate', op: 'delete', id: rate.id, data: null },
        ]),
      );
    });

    it('does not feed a counter’s own sales back to it as web orders, only the stock they moved', async () => {
      const c = await pairCounter(get());
      const jam = await addProduct(db(), c.shop.vendorId, { name: 'Jam', priceCents: 250, stock: 20 });
      const epoch = await epochOf(db());
      const cursor = await settle(db(), c.caller, epoch, (await pullAll(c.caller, epoch)).cursor);
      await c.caller.sync.push({ epoch, mutations: [envelope(1, 'sale.complete', saleArgs(c, [[jam, 2]]))] });
      const next = await pullUntil(c.caller, epoch, cursor, (chs) => chs.some((ch) => ch.entity === 'stock_level'));
      expect(next.changes).toEqual([expect.objectContaining({ entity: 'stock_level', id: jam.variantId, data: expect.objectContaining({ onHand: 18 }) })]);
      expect(next.last.lastMutationId).toBe(1);
    });
  });

  describe('epoch and resets', () => {
    it('tells a counter with another epoch to re-bootstrap, and push under the old epoch applies nothing', async () => {
      const c = await pairCounter(get());
      const jam = await addProduct(db(), c.shop.vendorId, { name: 'Jam', priceCents: 250, stock: 20 });
      const old = await epochOf(db());
      const { cursor } = await pullAll(c.caller, old);
      const fresh = await rotateEpoch(db());
      expect(fresh).not.toBe(old);
      const res = await c.caller.sync.pull({ epoch: old, cursor });
      expect(res).toMatchObject({ resetRequired: true, epoch: fresh, changes: [], nextCursor: '0', hasMore: false });
      const pushed = await c.caller.sync.push({ epoch: old, mutations: [envelope(1, 'sale.complete', saleArgs(c, [[jam, 1]]))] });
      expect(pushed).toEqual({ epoch: fresh, lastMutationId: 0, results: [] });
      const again = await pullAll(c.caller, fresh);
      expect(again.last.resetRequired).toBe(false);
      expect(keys(again.changes)).toContain(`variant:${jam.variantId}`);
    });

    it('sends a counter whose cursor fell behind the pruned log back to bootstrap, but not one that kept up', async () => {
      const stale = await pairCounter(get());
      const fresh = await pairCounter(get());
      await addProduct(db(), stale.shop.vendorId, { name: 'Old', priceCents: 100 });
      const epoch = await epochOf(db());
      const staleCursor = await settle(db(), stale.caller, epoch, (await pullAll(stale.caller, epoch)).cursor);
      const newer = await addProduct(db(), stale.shop.vendorId, { name: 'Newer', priceCents: 100 });
      // once the new rows are below the watermark (readable), pruning them strands the stale cursor
      await pullUntil(stale.caller, epoch, staleCursor, (chs) => chs.some((ch) => ch.id === newer.variantId));
      await pruneChangeLog(db(), new Date(Date.now() + 60_000));
      const freshCursor = (await pullAll(fresh.caller, epoch)).cursor;
      expect((await stale.caller.sync.pull({ epoch, cursor: staleCursor })).resetRequired).toBe(true);
      expect((await fresh.caller.sync.pull({ epoch, cursor: freshCursor })).resetRequired).toBe(false);
    });
    it('prunes on a schedule from start-up, keeping rows younger than the retention', async () => {
      const c = await pairCounter(get());
      const made = await addProduct(db(), c.shop.vendorId, { name: 'Fresh', priceCents: 100 });
      const rowsFor = async (id: string) =>
        (await queryRows<{ n: number }>(db(), sql`SELECT count(*)::int AS n FROM change_log WHERE entity_id = ${id}`))[0]?.n ?? 0;
      expect(await rowsFor(made.variantId)).toBeGreaterThan(0);
      const keeping = createJobRuntime(db());
      registerChangeLogPruning(keeping, db(), { retentionMs: 86_400_000 });
      expect((await keeping.tick()).periodic).toContain('sync.prune-change-log');
      expect(await rowsFor(made.variantId)).toBeGreaterThan(0);
      // a day later (retention one hour), the run then due removes them — once they are below the watermark: on a
      // shared PostgreSQL cluster another test's open transaction holds the xmin back for a moment
      await pullUntil(c.caller, await epochOf(db()), '0', (chs) => chs.some((ch) => ch.id === made.variantId));
      const dayLater = () => Date.now() + 86_400_000;
      const later = createJobRuntime(db(), { now: () => new Date(dayLater()) });
      registerChangeLogPruning(later, db(), { retentionMs: 3_600_000, now: dayLater });
      expect((await later.tick()).periodic).toContain('sync.prune-change-log');
      expect(await rowsFor(made.variantId)).toBe(0);
    });
  });

  describe('bad input and authorization', () => {
    it('refuses made-up cursors and limits with BAD_INPUT', async () => {
      const c = await pairCounter(get());
      const epoch = await epochOf(db());
      for (const input of [{ epoch, cursor: 'f.abc.1' }, { epoch, cursor: 'yesterday' }, { epoch, cursor: '0', limit: 0 }, { epoch, cursor: '0', limit: 1001 }]) {
        expect((await failure(c.caller.sync.pull(input))).appCode).toBe('BAD_INPUT');
      }
    });

    it('is for paired counters only', async () => {
      const c = await pairCounter(get());
      const customer = await createCustomerFixture(db());
      const input = { epoch: null, cursor: '0' };
      expect((await failure((await get().caller()).sync.pull(input))).appCode).toBe('UNAUTHENTICATED');
      expect((await failure((await get().caller({ bearer: c.shop.ownerToken })).sync.pull(input))).appCode).toBe('UNAUTHENTICATED');
      expect((await failure((await get().caller({ sessionCookie: customer.cookie })).sync.pull(input))).appCode).toBe('UNAUTHENTICATED');
    });
  });
});

/**
 * DESIGN §10 on real PostgreSQL: transaction A writes first (lower seq) but commits after B. A feed keyed by
 * seq alone would hand out B, move its cursor past A's row and never deliver it.
 */
if (DB_KINDS.includes('postgres')) {
  describe('sync.pull out-of-order commits [postgres, two connections]', () => {
    let server: TestServer | undefined;
    const get = () => {
      if (!server) throw new Error('not ready');
      return server;
    };
    beforeAll(async () => {
      const database = await createTestDatabase('postgres');
      const env = testEnv();
      const createCaller = createCallerFactory(appRouter);
      server = { kind: 'postgres', database, env, caller: async (opts = {}) => createCaller(await createContextInner({ database, env, ...opts })) };
    });
    afterAll(async () => {
      await server?.database.destroy();
    });

    it('holds back a later commit until the earlier-started writer finishes, then delivers both', async () => {
      const pool = get().database.pool;
      if (!pool) throw new Error('expected a PostgreSQL pool');
      const c = await pairCounter(get());
      const epoch = await epochOf(get().database.db);
      const cursor = await settle(get().database.db, c.caller, epoch, (await pullAll(c.caller, epoch)).cursor);
      const [rateA, rateB] = [uuidv7(), uuidv7()];
      const insert = `INSERT INTO tax_rates (id, vendor_id, tax_class, name, rate_bps) VALUES ($1, $2, 'reduced', $3, 500)`;
      const txA = await pool.connect();
      const txB = await pool.connect();
      try {
        await txA.query('BEGIN');
        await txA.query(insert, [rateA, c.shop.vendorId, 'A']);
        await txB.query('BEGIN');
        await txB.query(insert, [rateB, c.shop.vendorId, 'B']);
        await txB.query('COMMIT');
        const seqs = await pool.query<{ entity_id: string; seq: string }>(`SELECT entity_id, seq FROM change_log WHERE entity_id IN ($1, $2)`, [rateA, rateB]);
        // only B's row is visible yet, and it has the higher sequence number: a seq cursor would now skip A
        expect(seqs.rows.map((r) => r.entity_id)).toEqual([rateB]);
        const between = await pullAll(c.caller, epoch, cursor);
        expect(between.changes).toEqual([]);
        await txA.query('COMMIT');
        const seqOf = async (id: string) => Number((await pool.query<{ seq: string }>('SELECT seq FROM change_log WHERE entity_id = $1', [id])).rows[0]?.seq);
        expect(await seqOf(rateA)).toBeLessThan(await seqOf(rateB));
        const after = await pullUntil(c.caller, epoch, between.cursor, (chs) => chs.filter((ch) => ch.entity === 'tax_rate').length >= 2);
        expect(keys(after.changes)).toEqual([`tax_rate:${rateA}`, `tax_rate:${rateB}`].sort());
      } finally {
        await txA.query('ROLLBACK').catch(() => undefined);
        txA.release();
        txB.release();
      }
    });

    it('answers a pull that finds a committed change held behind an older transaction once that transaction ends, not with nothing', async () => {
      const pool = get().database.pool;
      if (!pool) throw new Error('expected a PostgreSQL pool');
      const c = await pairCounter(get());
      const epoch = await epochOf(get().database.db);
      const cursor = await settle(get().database.db, c.caller, epoch, (await pullAll(c.caller, epoch)).cursor);
      const rate = uuidv7();
      // another shop's checkout (or any writer anywhere) began first and is still running…
      const other = await pool.connect();
      try {
        await other.query('BEGIN');
        await other.query('SELECT pg_current_xact_id()');
        // …when this shop's change commits and pokes the counter
        await pool.query(`INSERT INTO tax_rates (id, vendor_id, tax_class, name, rate_bps) VALUES ($1, $2, 'reduced', 'Poked', 500)`, [rate, c.shop.vendorId]);
        const ends = new Promise<void>((resolve) => setTimeout(() => void other.query('COMMIT').then(() => resolve()), 300));
        // the one pull the poke causes delivers it (before: an empty answer, then follow-up pulls 1, 2, 4 s later)
        const pulled = await c.caller.sync.pull({ epoch, cursor, limit: 100 });
        await ends;
        expect(keys(pulled.changes)).toEqual([`tax_rate:${rate}`]);
      } finally {
        await other.query('ROLLBACK').catch(() => undefined);
        other.release();
      }
    });
  });
}
