import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { notificationDeliveries, notifications } from '../../../db/schema/index';
import type { Env } from '../../../env';
import { createJobRuntime } from '../../../jobs/runtime';
import type { TestServer } from '../../../test/harness';
import { addProduct, checkoutRequest, createShop } from '../../orders/test-kit';
import { registerNotifyJobs } from '../deliver';
import { createSmsChannel } from './channel';
import { smsConfig } from './sms-env';
import { createTwilioProvider } from './twilio';

/** Test set-up for texts (not a test file): orders placed with or without "Text me", and a delivery runtime. */

/** A delivery runtime with the real SMS channel (on the env's provider, i.e. the fake) and a clock the test moves. */
export function smsDeliverer(db: Db, env: Env, clock = { now: new Date() }) {
  const config = smsConfig(env);
  if (!config) throw new Error('the test env has no SMS settings');
  const channel = createSmsChannel(db, createTwilioProvider(config), { hourlyLimit: config.hourlyLimit, now: () => clock.now });
  const runtime = createJobRuntime(db, { now: () => clock.now });
  registerNotifyJobs(runtime, db, env, [channel]);
  return {
    clock,
    runtime,
    /** runs due deliveries, then moves the clock past any retry backoff, `rounds` times */
    async drain(rounds = 1) {
      for (let i = 0; i < rounds; i++) {
        await runtime.tick();
        clock.now = new Date(clock.now.getTime() + 20 * 60_000);
      }
    },
  };
}

/** A web order from a fresh shop, placed as a guest (or the customer of `cookie`), optionally with "Text me". */
export async function orderWithText(server: TestServer, opts: { phone?: string; smsOptIn?: boolean; cookie?: string } = {}) {
  const db = server.database.db;
  const shop = await createShop(db, { vendor: { name: 'Crumb Bakery' } });
  const pie = await addProduct(db, shop.vendorId, { name: 'Pie', priceCents: 350, stock: 10 });
  const buyer = await server.caller(opts.cookie ? { sessionCookie: opts.cookie } : {});
  const request = checkoutRequest([[pie, 1]], [{ vendorId: shop.vendorId }], {
    contact: { name: 'Ada Buyer', email: 'ada@example.test', phone: opts.phone ?? '' },
    ...(opts.smsOptIn === undefined ? {} : { smsOptIn: opts.smsOptIn }),
  });
  const [order] = (await buyer.orders.checkout(request)).orders;
  if (!order) throw new Error('no order');
  const staff = await server.caller({ bearer: shop.cashierToken });
  /** the shop accepts the order and has it ready for pickup (an accepted order is not texted by default) */
  const ready = async () => {
    await staff.orders.transition({ orderId: order.id, to: 'accepted' });
    await staff.orders.transition({ orderId: order.id, to: 'ready' });
  };
  return { shop, order, staff, ready };
}

/** The SMS delivery record of an order's notification of `topic` (undefined: none was recorded). */
export async function smsDelivery(db: Db, orderId: string, topic: string) {
  const rows = await db
    .select({ topic: notifications.topic, status: notificationDeliveries.status, detail: notificationDeliveries.detail, attempts: notificationDeliveries.attempts, channel: notificationDeliveries.channel })
    .from(notifications)
    .innerJoin(notificationDeliveries, eq(notificationDeliveries.notificationId, notifications.id))
    .where(eq(notifications.orderId, orderId));
  return rows.find((r) => r.topic === topic && r.channel === 'sms');
}
