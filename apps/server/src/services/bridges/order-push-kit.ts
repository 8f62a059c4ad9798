import { uuidv7, type OrderStatus } from '@makeries/shared';
import { and, eq, sql } from 'drizzle-orm';
import Fastify from 'fastify';
import { SquareClient } from 'square';
import { queryRows, type Database, type Db } from '../../db/client';
import { jobs, orders, posConnections, posEntityMap, posPushes } from '../../db/schema/index';
import type { Env } from '../../env';
import { registerPosHooks } from '../../http/pos-hooks';
import { createJobRuntime, type TickSummary } from '../../jobs/runtime';
import type { FakeStripe } from '../../test/fake-stripe/index';
import type { VendorFixture } from '../../test/fixtures';
import type { TestServer } from '../../test/harness';
import { checkoutRequest, createShop, type TestProduct } from '../orders/test-kit';
import { enableCardPayments, fakeStripeSdk, settle } from '../payments/payments-test-kit';
import { registerBridgeJobs } from './jobs';
import { startImportFetch } from './connect';
import { sealFor } from './connections';
import { applyImport, setOptions } from './manage';
import type { SquareFake } from './square/fake/index';
import { SQUARE_WEBHOOK_PATH } from './square/connector';
import { SQUARE_SCOPES } from './square/client';

/**
 * Test set-up for web orders shown in Square (not a test file): env pointing at the Square fake, a shop connected to
 * its own fake merchant and location with the first import done through the engine, and the bridge jobs run as a
 * server instance runs them.
 */

export function squareTestEnv(fake: SquareFake): Record<string, string> {
  return {
    SQUARE_APPLICATION_ID: fake.applicationId,
    SQUARE_APPLICATION_SECRET: fake.clientSecret,
    SQUARE_API_BASE: fake.baseUrl,
    SQUARE_WEBHOOK_SIGNATURE_KEY: fake.signatureKey,
    SQUARE_WEBHOOK_URL: fake.notificationUrl,
    POS_TIMEOUT_MS: '5000',
  };
}

/**
 * Every due bridge job, again and again until nothing is left to do now. `at` moves the runtime's clock (a job
 * retried after a failure is due after its backoff).
 */
export async function runBridgeJobs(db: Db, env: Env, at?: Date): Promise<TickSummary> {
  const now = () => at ?? new Date();
  const runtime = createJobRuntime(db, { now });
  registerBridgeJobs(runtime, db, env, { now });
  const total: TickSummary = { done: 0, retried: 0, failed: 0, periodic: [] };
  for (let i = 0; i < 10; i++) {
    const s = await runtime.tick();
    total.done += s.done;
    total.retried += s.retried;
    total.failed += s.failed;
    if (s.done + s.retried + s.failed === 0) break;
  }
  return total;
}

export interface BridgedShop {
  merchantId: string;
  locationId: string;
  connectionId: string;
  /** Square variation id → Makeries variant id */
  variantOf: Map<string, string>;
  client: SquareClient;
}

let seq = 0;

/**
 * Connects the shop to a new fake merchant holding `items` (each with one variation and a count), imports its catalog
 * through the engine (fetch, preview, apply, counts) and sets "Show web orders in Square".
 */
async function bridgeShop(
  db: Db,
  env: Env,
  fake: SquareFake,
  vendorId: string,
  items: { name: string; price: number; count: number }[],
  opts: { webOrdersInPos: boolean },
): Promise<BridgedShop & { variationIds: string[] }> {
  seq++;
  const tag = `${String(seq).padStart(4, '0')}${uuidv7().slice(-6).toUpperCase()}`;
  const merchantId = `MLORD${tag}`;
  const locationId = `LORD${tag}`;
  fake.addMerchant({ merchantId, locations: [{ id: locationId, name: 'High street', currency: 'GBP' }] });
  const variationIds: string[] = [];
  for (const item of items) {
    const { variationIds: ids } = fake.upsertItem(merchantId, { name: item.name, variations: [{ name: 'Regular', price: item.price }] });
    const v = ids[0] ?? '';
    fake.setCount(merchantId, v, locationId, item.count);
    variationIds.push(v);
  }
  const token = fake.issueToken(merchantId);
  const [row] = await db
    .insert(posConnections)
    .values({
      id: uuidv7(),
      vendorId,
      provider: 'square',
      connectionKey: merchantId,
      locationExtId: locationId,
      locationName: 'High street',
      credentialsEnc: sealFor(env, { accessToken: token.accessToken, refreshToken: token.refreshToken, expiresAt: token.expiresAt }),
      accessExpiresAt: new Date(token.expiresAt),
      scopes: [...SQUARE_SCOPES],
      refreshedAt: new Date(),
      currency: 'GBP',
    })
    .returning();
  if (!row) throw new Error('no connection');
  await startImportFetch(db, row);
  await runBridgeJobs(db, env);
  await applyImport(db, vendorId, 'none');
  await runBridgeJobs(db, env);
  await setOptions(db, env, vendorId, { webOrdersInPos: opts.webOrdersInPos });
  const mapped = await db
    .select({ extId: posEntityMap.extId, localId: posEntityMap.localId })
    .from(posEntityMap)
    .where(and(eq(posEntityMap.connectionId, row.id), eq(posEntityMap.entity, 'variant')));
  const client = new SquareClient({ token: token.accessToken, baseUrl: fake.baseUrl, maxRetries: 0, timeoutInSeconds: 10 });
  return { merchantId, locationId, connectionId: row.id, variantOf: new Map(mapped.map((m) => [m.extId, m.localId])), client, variationIds };
}

/** The Square orders of a location that carry this Makeries order id (the fake's state, read through the SDK). */
export async function squareOrdersFor(shop: BridgedShop, orderId: string) {
  const r = await shop.client.orders.search({ locationIds: [shop.locationId] });
  return (r.orders ?? []).filter((o) => o.referenceId === orderId);
}

export async function pushesOf(db: Db, connectionId: string) {
  return db.select().from(posPushes).where(eq(posPushes.connectionId, connectionId));
}

export async function jobsOf(db: Db, kind: string) {
  return db.select().from(jobs).where(eq(jobs.kind, kind));
}

export async function onHand(db: Db, variantId: string): Promise<number> {
  const [r] = await queryRows<{ on_hand: number }>(db, sql`SELECT on_hand FROM inventory_levels WHERE variant_id = ${variantId}`);
  return r?.on_hand ?? Number.NaN;
}

/** A minimal app with only the POS routes; the fake POSTs every webhook to it as it happens. */
export async function startPosHookApp(database: Database, env: Env, fake: SquareFake): Promise<{ url: string; close(): Promise<void> }> {
  const app = Fastify({ logger: false });
  await registerPosHooks(app, { database, env });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `${base}${SQUARE_WEBHOOK_PATH}`;
  fake.deliverTo(url);
  return {
    url,
    close: async () => {
      fake.deliverTo(null);
      await app.close();
    },
  };
}

export interface SquareShop extends BridgedShop {
  shop: VendorFixture;
  bread: TestProduct;
  jam: TestProduct;
  breadExt: string;
  jamExt: string;
}

/** The steps of the scenarios: a bridged shop taking cards, a storefront checkout, a card payment, staff moving orders. */
export function webOrderSteps(get: () => TestServer, stripe: FakeStripe, square: SquareFake) {
  const db = () => get().database.db;
  const browser = fakeStripeSdk(stripe);

  async function shopOnSquare(webOrdersInPos: boolean): Promise<SquareShop> {
    const shop = await createShop(db());
    await enableCardPayments(db(), stripe, shop.vendorId);
    const items = [
      { name: 'Sourdough', price: 450, count: 10 },
      { name: 'Jam', price: 300, count: 6 },
    ];
    const b = await bridgeShop(db(), get().env, square, shop.vendorId, items, { webOrdersInPos });
    const [breadExt = '', jamExt = ''] = b.variationIds;
    const product = (ext: string): TestProduct => ({ productId: '', variantId: b.variantOf.get(ext) ?? '', sku: '' });
    return { ...b, shop, breadExt, jamExt, bread: product(breadExt), jam: product(jamExt) };
  }

  async function checkout(s: SquareShop, items: [TestProduct, number][], paymentMethod: 'card' | 'pay_at_pickup') {
    const anon = await get().caller();
    const req = checkoutRequest(items, [{ vendorId: s.shop.vendorId }], { paymentMethod, note: 'Sliced please' });
    const placed = await anon.orders.checkout(req);
    const order = placed.orders[0];
    if (!order) throw new Error('no order');
    return { anon, req, placed, order };
  }

  /** The customer pays by card; Stripe's webhook arrives and the payments jobs run. Returns the PaymentIntent id. */
  async function pay(placed: Awaited<ReturnType<typeof checkout>>): Promise<string> {
    const intent = await placed.anon.payments.cardIntent({ checkoutId: placed.placed.checkoutId, idempotencyKey: placed.req.idempotencyKey });
    await browser.paymentIntents.confirm(intent.paymentIntentId, { payment_method: 'pm_card_visa' });
    await settle(get().database, get().env, stripe);
    return intent.paymentIntentId;
  }

  /** The shop's manager moves the order in Makeries (counter or back office). */
  async function staffMove(s: SquareShop, orderId: string, to: OrderStatus, reason?: string): Promise<void> {
    const manager = await get().caller({ bearer: s.shop.managerToken });
    await manager.orders.transition({ orderId, to, ...(to === 'accepted' ? { prepMinutes: 10 } : {}), ...(reason ? { reason } : {}) });
  }

  async function statusOf(orderId: string): Promise<OrderStatus | undefined> {
    const [row] = await db().select({ status: orders.status }).from(orders).where(eq(orders.id, orderId));
    return row?.status;
  }

  return { db, shopOnSquare, checkout, pay, staffMove, statusOf };
}
