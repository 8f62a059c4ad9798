import { and, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Db } from '../../db/client';
import { inventoryLevels, posEntityMap, products, variants } from '../../db/schema/index';
import type { Env } from '../../env';
import { buildApp } from '../../http/app';
import { createJobRuntime, type JobRuntime } from '../../jobs/runtime';
import { createTestDatabase, type TestDatabase } from '../../test/db';
import { createVendorFixture, type VendorFixture } from '../../test/fixtures';
import { testEnv } from '../../test/harness';
import { chooseLocation, claimPartnerAccount, partnerAccounts } from './connect';
import { connectionOfVendor } from './connections';
import { registerBridgeJobs } from './jobs';
import { applyImport, importPreview } from './manage';
import { TOAST_WEBHOOK_PATH } from './toast/connector';
import { startToastFake, type FakeWebhook, type ToastFake } from './toast/fake/index';

const RESTAURANT = 'r-corner-bakery';

/** The bridge engine driving a Toast restaurant end to end: claim, location, preview, import, stock webhooks, removal. */
describe('a shop bridged to Toast (engine + connector + fake)', () => {
  let fake: ToastFake;
  let env: Env;
  let database: TestDatabase;
  let db: Db;
  let vendor: VendorFixture;
  let runtime: JobRuntime;
  let app: FastifyInstance;
  let ids: string[];
  const clock = { t: Date.now() };

  async function drain(): Promise<void> {
    clock.t = Math.max(clock.t, Date.now());
    for (let i = 0; i < 100; i++) {
      const s = await runtime.tick({ limit: 500 });
      if (s.done + s.retried + s.failed === 0) {
        const [due] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM jobs WHERE status = 'queued' AND kind LIKE 'pos.%'`);
        if (!due || due.n === 0) return;
        clock.t += 60_000;
      }
    }
    throw new Error('jobs did not settle');
  }
  const deliver = async (hooks: readonly FakeWebhook[]) => {
    const out: number[] = [];
    for (const h of hooks) out.push((await app.inject({ method: 'POST', url: TOAST_WEBHOOK_PATH, headers: h.headers, payload: h.body })).statusCode);
    return out;
  };
  const variantOf = async (mlid: string) => {
    const c = await connectionOfVendor(db, vendor.vendorId);
    const [m] = await db.select({ id: posEntityMap.localId }).from(posEntityMap).where(and(eq(posEntityMap.connectionId, c?.id ?? ''), eq(posEntityMap.entity, 'variant'), eq(posEntityMap.extId, mlid)));
    if (!m) throw new Error(`${mlid} not mapped`);
    const [v] = await db.select().from(variants).where(eq(variants.id, m.id));
    const [l] = await db.select({ onHand: inventoryLevels.onHand }).from(inventoryLevels).where(eq(inventoryLevels.variantId, m.id));
    return { variant: v, onHand: l?.onHand ?? null };
  };

  beforeAll(async () => {
    fake = await startToastFake();
    database = await createTestDatabase('pglite');
    db = database.db;
    vendor = await createVendorFixture(db, { taxMode: 'exclusive', currency: 'USD', email: 'owner@corner.test' });
    fake.addRestaurant(RESTAURANT, { name: 'Corner Bakery', locationName: 'High St', createdBy: 'Owner@Corner.test' });
    fake.addRestaurant('r-other', { name: 'Someone else', locationName: 'Dock', createdBy: 'other@x.test' });
    ids = fake.seedMenu(RESTAURANT, 30, { requiredEvery: 10 });
    for (const item of fake.restaurant(RESTAURANT).items.values()) item.image = null;
    fake.setStock(RESTAURANT, ids[0] ?? '', 'QUANTITY', 10);
    fake.takeWebhooks();
    env = testEnv({ TOAST_CLIENT_ID: fake.clientId, TOAST_CLIENT_SECRET: fake.clientSecret, TOAST_API_BASE: fake.baseUrl, TOAST_WEBHOOK_SECRET: fake.webhookSecret, TOAST_OTHER_PAYMENT_GUID: 'other-pay', POS_TIMEOUT_MS: '10000' });
    const now = () => new Date(clock.t);
    runtime = createJobRuntime(db, { now });
    registerBridgeJobs(runtime, db, env, { now });
    app = await buildApp({ database, env });
  }, 120_000);

  afterAll(async () => {
    await runtime.stop();
    await app.close();
    await fake.close();
    await database.destroy();
  });

  it('the owner claims the restaurant they added, picks it as the location and sees in-store-only items in the preview', async () => {
    const accounts = await partnerAccounts(db, env, vendor.vendorId, 'toast');
    expect(accounts.map((a) => [a.id, a.usable])).toEqual([
      [RESTAURANT, true],
      ['r-other', false],
    ]);
    const conn = await claimPartnerAccount(db, env, vendor.vendorId, 'toast', RESTAURANT);
    expect(conn.scopes).toContain('stock:write');
    await chooseLocation(db, env, vendor.vendorId, RESTAURANT);
    await drain();
    const preview = await importPreview(db, vendor.vendorId);
    expect(preview?.products).toBe(30);
    expect(preview?.attention).toBe(3);
    expect(preview?.summary).toContain('in-store only');
  }, 60_000);

  it('imports: prices in cents, in-store-only items off sale, Toast’s count taken', async () => {
    await applyImport(db, vendor.vendorId, 'none');
    await drain();
    const counted = await variantOf(ids[0] ?? '');
    expect(counted.variant?.trackStock).toBe(true);
    expect(counted.onHand).toBe(10);
    const required = await variantOf(ids[9] ?? '');
    expect(required.variant?.archived).toBe(true);
    const plain = await variantOf(ids[1] ?? '');
    expect(plain.variant?.archived).toBe(false);
    expect(plain.variant?.priceCents).toBe(299);
    expect(plain.variant?.trackStock).toBe(false);
  }, 60_000);

  it('a sale at the Toast till reaches the shop through the signed stock webhook; a forged one is refused', async () => {
    fake.sellAtPos(RESTAURANT, ids[0] ?? '', 6);
    const hooks = fake.takeWebhooks();
    expect(await deliver(hooks)).toEqual(hooks.map(() => 200));
    await drain();
    expect((await variantOf(ids[0] ?? '')).onHand).toBe(4);
    const forged = { ...hooks[hooks.length - 1], body: (hooks[hooks.length - 1]?.body ?? '').replace('"quantity":4', '"quantity":40') } as FakeWebhook;
    expect(await deliver([forged])).toEqual([401]);
  }, 60_000);

  it('an item removed from the Toast menu is archived by the next sync (Toast has no tombstones), an edit applied', async () => {
    fake.removeItem(RESTAURANT, ids[2] ?? '');
    fake.editItem(RESTAURANT, ids[3] ?? '', { price: 12.5, name: 'Big loaf' });
    const hooks = fake.takeWebhooks();
    expect(await deliver(hooks)).toEqual(hooks.map(() => 200));
    await drain();
    const removed = await variantOf(ids[2] ?? '');
    const [product] = await db.select({ archived: products.archived }).from(products).where(eq(products.id, removed.variant?.productId ?? ''));
    expect(product?.archived).toBe(true);
    const edited = await variantOf(ids[3] ?? '');
    expect(edited.variant?.priceCents).toBe(1250);
    expect((await variantOf(ids[4] ?? '')).variant?.archived).toBe(false);
  }, 60_000);

  it('the restaurant removing Makeries in Toast revokes the connection', async () => {
    fake.removePartner(RESTAURANT);
    expect(await deliver(fake.takeWebhooks())).toEqual([200]);
    await drain();
    expect((await connectionOfVendor(db, vendor.vendorId))?.status).toBe('revoked');
  }, 60_000);
});
