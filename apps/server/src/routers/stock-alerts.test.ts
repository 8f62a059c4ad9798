import { uuidv7 } from '@makeries/shared';
import { and, eq, like, sql } from 'drizzle-orm';
import { beforeEach, expect, it } from 'vitest';
import { queryRows } from '../db/client';
import { customers, emailOutbox, inventoryLevels, jobs, notifications, posConnections, posEntityMap, products, stockAlertSubscriptions } from '../db/schema/index';
import { applyObservations } from '../services/bridges/observe';
import { FANOUT_JOB } from '../services/comeback/back-in-stock';
import { FANOUT_PAGE, registerBackInStockFanout } from '../services/comeback/fanout';
import { createEmailChannel } from '../services/notify/email-channel';
import { registerNotifyJobs } from '../services/notify/deliver';
import { recordingChannel } from '../services/notify/test-kit';
import type { Channel } from '../services/notify/channel';
import { createJobRuntime } from '../jobs/runtime';
import { recordMovements } from '../services/inventory';
import { addProduct, createShop, failure } from '../services/orders/test-kit';
import { envelope, epochOf, pairCounter } from '../services/sync/sync-test-kit';
import { createCustomerFixture } from '../test/fixtures';
import { describeEachDb } from '../test/harness';
import { countRows } from './identity-test-kit';

describeEachDb('stock alerts ("tell me when it’s back")', (get) => {
  const db = () => get().database.db;

  async function soldOut(stock = 0) {
    const shop = await createShop(db(), { vendor: { name: 'Hart Bakery' } });
    const rye = await addProduct(db(), shop.vendorId, { name: 'Rye loaf', priceCents: 320, stock });
    const customer = await createCustomerFixture(db());
    const me = await get().caller({ sessionCookie: customer.cookie });
    return { shop, rye, customer, me };
  }

  const subscription = async (customerId: string, variantId: string) =>
    (await db().select().from(stockAlertSubscriptions).where(and(eq(stockAlertSubscriptions.customerId, customerId), eq(stockAlertSubscriptions.variantId, variantId))))[0];
  // the database is shared by the tests of a file: each looks at the fan-out jobs queued since it started
  let jobsBefore = 0;
  const allFanoutJobs = async () => (await db().select({ payload: jobs.payload }).from(jobs).where(like(jobs.key, `${FANOUT_JOB}:%`)).orderBy(jobs.createdAt, jobs.id)).map((j) => j.payload as { restockId: string });
  const fanoutJobs = async () => (await allFanoutJobs()).slice(jobsBefore);
  beforeEach(async () => {
    jobsBefore = (await allFanoutJobs()).length;
  });
  const receive = (vendorId: string, variantId: string, quantity: number) => recordMovements(db(), vendorId, [{ id: uuidv7(), variantId, kind: 'receive', quantity, occurredAt: new Date() }]);
  const sell = (vendorId: string, variantId: string, quantity: number) => recordMovements(db(), vendorId, [{ id: uuidv7(), variantId, kind: 'sale', quantity, occurredAt: new Date() }]);

  it('a customer asks to be told about a sold-out product, sees it on the product and in a paged list, and can stop', async () => {
    const s = await soldOut();
    expect(await s.me.stockAlerts.subscribe({ variantId: s.rye.variantId })).toEqual({ subscribed: true });
    expect(await s.me.stockAlerts.subscribe({ variantId: s.rye.variantId })).toEqual({ subscribed: true }); // a double tap: one row
    expect((await s.me.stockAlerts.list({})).items.map((i) => i.productName)).toEqual(['Rye loaf']);
    expect(await s.me.stockAlerts.forProduct({ productId: s.rye.productId })).toEqual({ variantIds: [s.rye.variantId] });
    const others = [];
    for (let i = 0; i < 3; i++) others.push(await addProduct(db(), s.shop.vendorId, { name: `Gone ${i}`, priceCents: 100, stock: 0 }));
    for (const o of others) await s.me.stockAlerts.subscribe({ variantId: o.variantId });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await s.me.stockAlerts.list({ limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i) => i.productName));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(['Gone 2', 'Gone 1', 'Gone 0', 'Rye loaf']);
    await s.me.stockAlerts.unsubscribe({ variantId: s.rye.variantId });
    expect(await s.me.stockAlerts.forProduct({ productId: s.rye.productId })).toEqual({ variantIds: [] });
  });

  it('refuses an in-stock or hidden product, a bad id and visitors who are not signed in — writing nothing', async () => {
    const s = await soldOut(5);
    const before = await countRows(db(), 'stock_alert_subscriptions');
    const hidden = await addProduct(db(), s.shop.vendorId, { name: 'Staff-only', priceCents: 100, stock: 0, onlineVisible: false });
    const conflict = await failure(s.me.stockAlerts.subscribe({ variantId: s.rye.variantId }));
    expect(conflict).toMatchObject({ appCode: 'CONFLICT', message: 'Rye loaf is in stock now — add it to your cart.' });
    expect((await failure(s.me.stockAlerts.subscribe({ variantId: hidden.variantId }))).appCode).toBe('NOT_FOUND');
    expect((await failure(s.me.stockAlerts.subscribe({ variantId: 'nope' }))).appCode).toBe('BAD_INPUT');
    expect((await failure(s.me.stockAlerts.list({ cursor: 'not-a-cursor' }))).appCode).toBe('BAD_INPUT');
    expect((await failure((await get().caller()).stockAlerts.subscribe({ variantId: s.rye.variantId }))).appCode).toBe('UNAUTHENTICATED');
    expect(await countRows(db(), 'stock_alert_subscriptions')).toBe(before);
  });

  it('the first delivery tells each subscriber once; a second restock does not; asking again re-arms', async () => {
    const s = await soldOut();
    const other = await createCustomerFixture(db());
    await s.me.stockAlerts.subscribe({ variantId: s.rye.variantId });
    await (await get().caller({ sessionCookie: other.cookie })).stockAlerts.subscribe({ variantId: s.rye.variantId });

    await sell(s.shop.vendorId, s.rye.variantId, 1); // stock going down (-1) tells nobody
    expect(await fanoutJobs()).toEqual([]);
    await receive(s.shop.vendorId, s.rye.variantId, 1); // back to 0: still nothing to buy
    expect(await fanoutJobs()).toEqual([]);
    await receive(s.shop.vendorId, s.rye.variantId, 6);
    const [first] = await fanoutJobs();
    expect(await fanoutJobs()).toHaveLength(1);
    const mine = await subscription(s.customer.customerId, s.rye.variantId);
    expect(mine?.notifiedAt).not.toBeNull();
    expect(mine?.restockId).toBe(first?.restockId);
    expect((await subscription(other.customerId, s.rye.variantId))?.restockId).toBe(first?.restockId);

    // sold out and restocked again: both were told already
    await sell(s.shop.vendorId, s.rye.variantId, 6);
    await receive(s.shop.vendorId, s.rye.variantId, 4);
    expect(await fanoutJobs()).toHaveLength(1);

    // a restock while the product is hidden from the storefront tells nobody yet
    await sell(s.shop.vendorId, s.rye.variantId, 4);
    await s.me.stockAlerts.subscribe({ variantId: s.rye.variantId });
    await db().update(products).set({ onlineVisible: false }).where(eq(products.id, s.rye.productId));
    await receive(s.shop.vendorId, s.rye.variantId, 4);
    expect(await fanoutJobs()).toHaveLength(1);
    expect((await subscription(s.customer.customerId, s.rye.variantId))?.notifiedAt).toBeNull();
    await db().update(products).set({ onlineVisible: true }).where(eq(products.id, s.rye.productId));

    // sold out, the customer asks again, the next delivery tells them (and only them)
    await sell(s.shop.vendorId, s.rye.variantId, 4);
    await s.me.stockAlerts.subscribe({ variantId: s.rye.variantId });
    expect((await subscription(s.customer.customerId, s.rye.variantId))?.notifiedAt).toBeNull();
    await receive(s.shop.vendorId, s.rye.variantId, 2);
    const all = await fanoutJobs();
    expect(all).toHaveLength(2);
    expect((await subscription(s.customer.customerId, s.rye.variantId))?.restockId).toBe(all[1]?.restockId);
    expect((await subscription(other.customerId, s.rye.variantId))?.restockId).toBe(first?.restockId);
  });

  it('a counter’s delivery pushed twice (a repeated sync push) tells the subscriber once', async () => {
    const c = await pairCounter(get());
    const rye = await addProduct(db(), c.shop.vendorId, { name: 'Rye loaf', priceCents: 320, stock: 0 });
    const customer = await createCustomerFixture(db());
    await (await get().caller({ sessionCookie: customer.cookie })).stockAlerts.subscribe({ variantId: rye.variantId });
    const delivery = { id: uuidv7(), variantId: rye.variantId, kind: 'receive', quantity: 12, occurredAt: new Date().toISOString(), note: '', staffId: c.staffId };
    const epoch = await epochOf(db());
    const batch = { epoch, mutations: [envelope(1, 'stock.movement', delivery)] };
    expect((await c.caller.sync.push(batch)).results.map((r) => r.status)).toEqual(['applied']);
    expect((await c.caller.sync.push(batch)).results.map((r) => r.status)).toEqual(['duplicate']);
    // the same movement again under a new mutation id: the ledger keeps it once
    expect((await c.caller.sync.push({ epoch, mutations: [envelope(2, 'stock.movement', delivery)] })).results.map((r) => r.status)).toEqual(['applied']);
    expect(await fanoutJobs()).toHaveLength(1);
    expect((await subscription(customer.customerId, rye.variantId))?.notifiedAt).not.toBeNull();
  });

  it('a POS count that brings a bridged product back tells its subscribers once (a replayed count: nothing more)', async () => {
    const s = await soldOut();
    const connectionId = uuidv7();
    await db().insert(posConnections).values({ id: connectionId, vendorId: s.shop.vendorId, provider: 'square', connectionKey: `M-${connectionId}`, credentialsEnc: 'x', currency: 'GBP' });
    await db().insert(posEntityMap).values({ connectionId, entity: 'variant', extId: 'SQ-RYE', localId: s.rye.variantId });
    await s.me.stockAlerts.subscribe({ variantId: s.rye.variantId });
    const count = { variantExtId: 'SQ-RYE', locationExtId: 'L1', quantity: 7, observedAt: new Date().toISOString() };
    const target = { connectionId, vendorId: s.shop.vendorId, locationExtId: null };
    expect(await applyObservations(db(), target, [count])).toBe(1);
    expect(await applyObservations(db(), target, [count])).toBe(0);
    const [level] = await db().select({ onHand: inventoryLevels.onHand }).from(inventoryLevels).where(eq(inventoryLevels.variantId, s.rye.variantId));
    expect(level?.onHand).toBe(7);
    expect(await fanoutJobs()).toHaveLength(1);
    expect((await subscription(s.customer.customerId, s.rye.variantId))?.notifiedAt).not.toBeNull();
    const [{ inStock } = { inStock: false }] = await queryRows<{ inStock: boolean }>(db(), sql`SELECT in_stock AS "inStock" FROM ${products} WHERE id = ${s.rye.productId}`);
    expect(inStock).toBe(true);
  });

  /** the real job runtime with the fan-out and the notify delivery on these channels, run until nothing is due */
  async function drain(channels: Channel[]) {
    const runtime = createJobRuntime(db());
    registerBackInStockFanout(runtime, db());
    registerNotifyJobs(runtime, db(), get().env, channels);
    for (let i = 0; i < 100; i++) if ((await runtime.tick({ jobsOnly: true })).done === 0) return;
    throw new Error('jobs kept coming');
  }
  const toldAbout = (productId: string) =>
    db().select().from(notifications).where(and(eq(notifications.topic, 'back_in_stock'), eq(notifications.url, `/p/${productId}`)));

  it('the restock reaches each subscriber once through the notify queue (by email), however often the jobs run', async () => {
    const s = await soldOut();
    const other = await createCustomerFixture(db());
    await s.me.stockAlerts.subscribe({ variantId: s.rye.variantId });
    await (await get().caller({ sessionCookie: other.cookie })).stockAlerts.subscribe({ variantId: s.rye.variantId });
    await receive(s.shop.vendorId, s.rye.variantId, 5);
    const email = createEmailChannel(db(), get().env);
    await drain([email]);
    await drain([email]);
    const told = await toldAbout(s.rye.productId);
    expect(told.map((n) => n.customerId).sort()).toEqual([s.customer.customerId, other.customerId].sort());
    expect(told[0]).toMatchObject({ title: 'Rye loaf is back', body: 'Rye loaf is back in stock at Hart Bakery. Order it before it sells out again.', vendorId: s.shop.vendorId });
    expect(told.every((n) => n.doneAt !== null)).toBe(true);
    const mail = await db().select().from(emailOutbox).where(and(eq(emailOutbox.kind, 'notification'), eq(emailOutbox.to, s.customer.email)));
    expect(mail.map((m) => m.subject)).toEqual(['Rye loaf is back']);
    expect(mail[0]?.body).toContain(`/p/${s.rye.productId}`);

    // sold out and back again: nobody is told a second time
    await sell(s.shop.vendorId, s.rye.variantId, 5);
    await receive(s.shop.vendorId, s.rye.variantId, 5);
    await drain([email]);
    expect(await toldAbout(s.rye.productId)).toHaveLength(2);
  });

  it(`fans a restock out to more subscribers than one page (${FANOUT_PAGE}) in pages, each told once`, async () => {
    const s = await soldOut();
    const n = FANOUT_PAGE + 205;
    await db().execute(sql`
      INSERT INTO ${customers} (id, email, name, password_hash, email_verified_at)
      SELECT gen_random_uuid(), 'fan' || g || '-' || ${s.rye.variantId} || '@example.test', 'Fan ' || g, 'unusable', now() FROM generate_series(1, ${n}) g`);
    await db().execute(sql`
      INSERT INTO ${stockAlertSubscriptions} (id, customer_id, vendor_id, product_id, variant_id)
      SELECT gen_random_uuid(), c.id, ${s.shop.vendorId}, ${s.rye.productId}, ${s.rye.variantId} FROM ${customers} c
      WHERE c.email LIKE ${`fan%-${s.rye.variantId}@example.test`}`);
    await receive(s.shop.vendorId, s.rye.variantId, 3);
    expect(await fanoutJobs()).toHaveLength(1);
    const push = recordingChannel('push');
    await drain([push]);
    expect(await fanoutJobs()).toHaveLength(2);
    const mine = push.sent.filter((x) => x.link.endsWith(`/p/${s.rye.productId}`));
    expect(mine).toHaveLength(n);
    expect(new Set(mine.map((x) => x.customerId)).size).toBe(n);
  });
});
