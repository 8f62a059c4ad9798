import { uuidv7 } from '@makeries/shared';
import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { createContextInner } from '../../context';
import { devices, emailOutbox, jobs, jobSchedules, posConnections, stockAlerts, variants, products } from '../../db/schema/index';
import { createOperatorFixture, operatorSessionCookie } from '../../services/operators/test-kit';
import { createVendorFixture } from '../../test/fixtures';
import { describeEachDb, type Caller } from '../../test/harness';
import { createCallerFactory } from '../../trpc';
import { appRouter } from '../index';

const createCaller = createCallerFactory(appRouter);
const HOUR = 3_600_000;

describeEachDb('admin.health', (get) => {
  const db = () => get().database.db;
  let ops: Caller;
  let shop: Awaited<ReturnType<typeof createVendorFixture>>;
  let other: Awaited<ReturnType<typeof createVendorFixture>>;

  beforeAll(async () => {
    const operator = await createOperatorFixture(db());
    ops = createCaller(await createContextInner({ database: get().database, env: get().env, operatorCookie: await operatorSessionCookie(db(), operator.operator.id) }));
    shop = await createVendorFixture(db(), { name: 'Aardvark Bakery' });
    other = await createVendorFixture(db(), { name: 'Zebra Cheese' });
  });

  it('refuses bad ranges and bad page links with BAD_INPUT and a human message', async () => {
    await expect(ops.admin.health.summary({ from: '2026-05-10', to: '2026-05-01' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('start date') as unknown });
    await expect(ops.admin.health.summary({ from: '2026-02-30', to: '2026-03-01' })).rejects.toMatchObject({ message: expect.stringContaining('does not exist') as unknown });
    await expect(ops.admin.health.exportCsv({ from: '2022-01-01', to: '2026-01-01' })).rejects.toMatchObject({ message: expect.stringContaining('at most 731 days') as unknown });
    await expect(ops.admin.health.staleCounters({ cursor: 'not-a-cursor' })).rejects.toMatchObject({ message: expect.stringContaining('page link') as unknown });
    await expect(ops.admin.health.oversoldShops({ cursor: Buffer.from('["x","y"]').toString('base64url') })).rejects.toMatchObject({ message: expect.stringContaining('page link') as unknown });
  });

  it('answers the summary and the CSV for the market’s time zone', async () => {
    const s = await ops.admin.health.summary({ from: '2026-01-01', to: '2026-01-07', by: 'day' });
    expect(s.timezone).toBe('Europe/London');
    expect(s.series).toHaveLength(7);
    const csv = await ops.admin.health.exportCsv({ from: '2026-01-01', to: '2026-01-07', by: 'day' });
    expect(csv.csv.split('\r\n')).toHaveLength(9);
    expect(csv.filename).toBe('makeries-health-day-2026-01-01-to-2026-01-07.csv');
  });

  it('lists counters silent for more than a day, the longest silent first, paged', async () => {
    const now = Date.now();
    const add = (name: string, lastSeen: Date | null, paired: Date, revoked: Date | null = null) =>
      db()
        .insert(devices)
        .values({ id: uuidv7(), vendorId: shop.vendorId, name, registerCode: name.slice(0, 4).toUpperCase(), tokenHash: uuidv7(), lastSeenAt: lastSeen, pairedAt: paired, revokedAt: revoked });
    await add('fresh', new Date(now - HOUR), new Date(now - 100 * HOUR));
    await add('week', new Date(now - 170 * HOUR), new Date(now - 400 * HOUR));
    await add('twoday', new Date(now - 48 * HOUR), new Date(now - 400 * HOUR));
    await add('never', null, new Date(now - 30 * HOUR));
    await add('gone', new Date(now - 500 * HOUR), new Date(now - 600 * HOUR), new Date(now - 400 * HOUR));
    const first = await ops.admin.health.staleCounters({ limit: 2 });
    expect(first.items.map((d) => d.deviceName)).toEqual(['week', 'twoday']);
    expect(first.items[0]?.vendorName).toBe('Aardvark Bakery');
    const second = await ops.admin.health.staleCounters({ limit: 2, cursor: first.nextCursor ?? '' });
    expect(second.items.map((d) => [d.deviceName, d.lastSeenAt])).toEqual([['never', null]]);
    expect(second.nextCursor).toBeNull();
  });

  it('lists failing POS bridges and shops with repeated oversold alerts', async () => {
    const conn = (vendorId: string, status: 'connected' | 'error' | 'paused', failures: number) =>
      db()
        .insert(posConnections)
        .values({ id: uuidv7(), vendorId, provider: 'square', connectionKey: uuidv7(), status, statusReason: status === 'connected' ? null : 'Token refused', credentialsEnc: 'x', currency: 'GBP', consecutiveFailures: failures });
    await conn(shop.vendorId, 'error', 4);
    await conn(other.vendorId, 'connected', 0);
    const bridges = await ops.admin.health.failingBridges({});
    expect(bridges.items.map((b) => [b.vendorName, b.status, b.statusReason, b.consecutiveFailures])).toEqual([['Aardvark Bakery', 'error', 'Token refused', 4]]);

    const productId = uuidv7();
    const variantId = uuidv7();
    await db().insert(products).values({ id: productId, vendorId: other.vendorId, name: 'Brie' });
    await db().insert(variants).values({ id: variantId, productId, vendorId: other.vendorId, name: 'Default', sku: 'BRIE', priceCents: 500 });
    const alert = (vendorId: string, ageHours: number, resolved: boolean) =>
      db()
        .insert(stockAlerts)
        .values({ id: uuidv7(), vendorId, variantId, kind: 'oversold', onHand: -1, message: 'Brie is oversold', createdAt: new Date(Date.now() - ageHours * HOUR), resolvedAt: resolved ? new Date() : null });
    for (const h of [1, 20, 50]) await alert(other.vendorId, h, h > 10);
    await alert(other.vendorId, 24 * 9, false); // outside the week
    await alert(shop.vendorId, 2, false); // once is not "repeated"
    const oversold = await ops.admin.health.oversoldShops({});
    expect(oversold.items.map((o) => [o.vendorName, o.alerts, o.open])).toEqual([['Zebra Cheese', 3, 1]]);
  });

  it('shows the email and job backlog: waiting, due, how late, failed', async () => {
    const now = Date.now();
    await db().execute(sql`DELETE FROM email_outbox`);
    await db().execute(sql`DELETE FROM jobs`);
    await db().insert(emailOutbox).values([
      { id: uuidv7(), kind: 'password_reset', to: 'a@example.test', subject: 's', body: 'b', status: 'queued', nextAttemptAt: new Date(now - 2 * HOUR) },
      { id: uuidv7(), kind: 'password_reset', to: 'b@example.test', subject: 's', body: 'b', status: 'queued', nextAttemptAt: new Date(now + HOUR) },
      { id: uuidv7(), kind: 'password_reset', to: 'c@example.test', subject: 's', body: 'b', status: 'failed' },
      { id: uuidv7(), kind: 'password_reset', to: 'd@example.test', subject: 's', body: 'b', status: 'sent' },
    ]);
    await db().insert(jobs).values([
      { id: uuidv7(), kind: 'transfer', key: 'k1', payload: {}, status: 'queued', runAt: new Date(now - HOUR) },
      { id: uuidv7(), kind: 'transfer', key: 'k2', payload: {}, status: 'failed' },
      { id: uuidv7(), kind: 'pos.webhook', key: 'k3', payload: {}, status: 'done' },
    ]);
    await db().insert(jobSchedules).values({ name: 'test.broken', nextRunAt: new Date(), lastError: 'boom' }).onConflictDoNothing();
    const q = await ops.admin.health.queues();
    expect(q.email).toMatchObject({ queued: 2, due: 1, failed: 1 });
    expect(q.email.oldestDueSeconds).toBeGreaterThanOrEqual(2 * 3600 - 5);
    expect(q.jobs).toMatchObject({ queued: 1, due: 1, failed: 1, byKind: [{ kind: 'transfer', queued: 1, failed: 1 }] });
    expect(q.failingTasks.map((t) => [t.name, t.lastError])).toContainEqual(['test.broken', 'boom']);
  });
});
