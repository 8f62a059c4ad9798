import { eq } from 'drizzle-orm';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createECDH } from 'node:crypto';
import webpush from 'web-push';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushSubscriptionOrders, pushSubscriptions } from '../../db/schema/index';
import { outcomeOf } from '../../security/security-kit';
import { createCustomerFixture } from '../../test/fixtures';
import { describeEachDb, testEnv } from '../../test/harness';
import { addProduct, checkoutRequest, createShop } from '../orders/test-kit';
import { decryptAes128gcm, startPushEndpointFake, type PushEndpointFake } from './push-endpoint-fake';
import { vapidKeys } from './vapid';

/** What a client would see as the error code (a schema refusal is BAD_INPUT, see security/security-kit.ts). */
async function codeOf(call: Promise<unknown>): Promise<string> {
  const outcome = await outcomeOf(call);
  return outcome.ok ? 'ok' : outcome.code;
}

describeEachDb('push subscriptions: a customer’s devices, a guest’s device for the order it placed', (get) => {
  const db = () => get().database.db;
  let fake: PushEndpointFake;
  beforeAll(async () => {
    fake = await startPushEndpointFake();
  });
  afterAll(async () => {
    await fake.close();
  });

  async function guestOrder() {
    const shop = await createShop(db(), { vendor: { name: 'Crumb Bakery' } });
    const pie = await addProduct(db(), shop.vendorId, { name: 'Pie', priceCents: 350, stock: 10 });
    const [order] = (await (await get().caller({})).orders.checkout(checkoutRequest([[pie, 1]], [{ vendorId: shop.vendorId }]))).orders;
    if (!order) throw new Error('no order');
    return { order, staff: await get().caller({ bearer: shop.cashierToken }) };
  }
  const rowsOf = (endpoint: string) => db().select().from(pushSubscriptions).where(eq(pushSubscriptions.endpoint, endpoint));

  it('the same device subscribing again updates its keys and account, never a second row; off removes it', async () => {
    const a = await createCustomerFixture(db());
    const b = await createCustomerFixture(db());
    const device = fake.device();
    const other = fake.device();
    const asA = await get().caller({ sessionCookie: a.cookie });
    expect(await asA.notifications.subscribe(device.subscription)).toEqual({ subscribed: true, account: true, order: false });
    await asA.notifications.subscribe({ ...device.subscription, keys: other.subscription.keys });
    const [row] = await rowsOf(device.subscription.endpoint);
    expect(await rowsOf(device.subscription.endpoint)).toHaveLength(1);
    expect(row).toMatchObject({ customerId: a.customerId, p256dh: other.subscription.keys.p256dh });
    // someone else signs in on that browser: the device is theirs now
    const asB = await get().caller({ sessionCookie: b.cookie });
    await asB.notifications.subscribe(device.subscription);
    expect((await rowsOf(device.subscription.endpoint))[0]?.customerId).toBe(b.customerId);
    expect(await asA.notifications.pushDevice({ endpoint: device.subscription.endpoint })).toEqual({ subscribed: true, account: false, order: false });
    expect(await asB.notifications.unsubscribe({ endpoint: device.subscription.endpoint })).toEqual({ subscribed: false, account: false, order: false });
    expect(await rowsOf(device.subscription.endpoint)).toEqual([]);
    // already off: not an error
    expect(await asB.notifications.unsubscribe({ endpoint: device.subscription.endpoint })).toEqual({ subscribed: false, account: false, order: false });
  });

  it('a guest needs the order’s tracking token: none is UNAUTHENTICATED, a wrong one NOT_FOUND, and nothing is written', async () => {
    const { order } = await guestOrder();
    const guest = await get().caller({});
    const device = fake.device();
    expect(await codeOf(guest.notifications.subscribe(device.subscription))).toBe('UNAUTHENTICATED');
    expect(await codeOf(guest.notifications.subscribe({ ...device.subscription, orderId: order.id, trackingToken: `${order.trackingToken.slice(0, -2)}xx` }))).toBe('NOT_FOUND');
    expect(await rowsOf(device.subscription.endpoint)).toEqual([]);
    // following two orders on one device, then letting one go: the device stays for the other
    const second = await guestOrder();
    await guest.notifications.subscribe({ ...device.subscription, orderId: order.id, trackingToken: order.trackingToken });
    await guest.notifications.subscribe({ ...device.subscription, orderId: second.order.id, trackingToken: second.order.trackingToken });
    const [sub] = await rowsOf(device.subscription.endpoint);
    expect((await db().select().from(pushSubscriptionOrders).where(eq(pushSubscriptionOrders.subscriptionId, sub?.id ?? ''))).map((r) => r.orderId).sort()).toEqual([order.id, second.order.id].sort());
    expect(await guest.notifications.unsubscribe({ endpoint: device.subscription.endpoint, orderId: order.id })).toEqual({ subscribed: true, account: false, order: false });
    expect(await guest.notifications.pushDevice({ endpoint: device.subscription.endpoint, orderId: second.order.id })).toEqual({ subscribed: true, account: false, order: true });
    // the last order let go: nothing left to tell this device, the subscription goes
    expect(await guest.notifications.unsubscribe({ endpoint: device.subscription.endpoint, orderId: second.order.id })).toEqual({ subscribed: false, account: false, order: false });
    expect(await rowsOf(device.subscription.endpoint)).toEqual([]);
  });

  it('refuses bad input with BAD_INPUT and writes nothing: not https, keys of the wrong length or not on the curve', async () => {
    const customer = await createCustomerFixture(db());
    const me = await get().caller({ sessionCookie: customer.cookie });
    const { keys } = fake.device().subscription;
    const bad = [
      { endpoint: 'http://push.example.test/wpush/1', keys },
      { endpoint: 'ftp://push.example.test/wpush/1', keys },
      { endpoint: 'not a url', keys },
      { endpoint: 'https://push.example.test/wpush/2', keys: { ...keys, p256dh: keys.p256dh.slice(0, 60) } },
      { endpoint: 'https://push.example.test/wpush/3', keys: { ...keys, auth: `${keys.auth}AAAA` } },
      // 65 bytes starting 0x04 that are not a point on P-256
      { endpoint: 'https://push.example.test/wpush/4', keys: { ...keys, p256dh: Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 1)]).toString('base64url') } },
    ];
    for (const input of bad) {
      expect(await codeOf(me.notifications.subscribe(input)), JSON.stringify(input)).toBe('BAD_INPUT');
    }
    expect(await db().select().from(pushSubscriptions).where(eq(pushSubscriptions.customerId, customer.customerId))).toEqual([]);
  });

  it('shops, counters and the operator get no push subscription', async () => {
    const shop = await createShop(db(), { vendor: { name: 'Crumb Bakery' } });
    const staff = await get().caller({ bearer: shop.cashierToken });
    expect(await codeOf(staff.notifications.subscribe(fake.device().subscription))).toBe('FORBIDDEN');
  });
});

describe('push: plain http only on this machine outside production, and the fake really decrypts', () => {
  it('production refuses a loopback http endpoint', async () => {
    const { subscribePush } = await import('./push-subscriptions');
    const env = testEnv({ NODE_ENV: 'production', VAPID_PUBLIC_KEY: 'B'.repeat(87), VAPID_PRIVATE_KEY: 'A'.repeat(43) });
    const fake = await startPushEndpointFake();
    try {
      const device = fake.device();
      // refused before any database work: no database is given at all
      await expect(subscribePush(null as never, env, { kind: 'anonymous' }, { ...device.subscription, orderId: undefined, trackingToken: undefined })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    } finally {
      await fake.close();
    }
  });

  it('decrypts what web-push encrypts for the device, and only with that device’s keys', async () => {
    const fake = await startPushEndpointFake();
    try {
      const device = fake.device();
      const body = webpush.encrypt(device.subscription.keys.p256dh, device.subscription.keys.auth, 'Pie is ready', 'aes128gcm').cipherText;
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      expect(() => decryptAes128gcm(body, { ecdh, auth: Buffer.from(device.subscription.keys.auth, 'base64url') })).toThrow();
    } finally {
      await fake.close();
    }
  });
});

describe('VAPID keys', () => {
  it('unset: a pair is made once in DATA_DIR and kept across restarts; set: the environment’s are used', () => {
    const dir = mkdtempSync(join(tmpdir(), 'makeries-vapid-'));
    try {
      const first = vapidKeys(testEnv({ DATA_DIR: dir }));
      expect(existsSync(join(dir, 'vapid.json'))).toBe(true);
      expect(Buffer.from(first.publicKey, 'base64url')).toHaveLength(65);
      expect(vapidKeys(testEnv({ DATA_DIR: dir }))).toEqual(first);
      expect(JSON.parse(readFileSync(join(dir, 'vapid.json'), 'utf8'))).toEqual({ publicKey: first.publicKey, privateKey: first.privateKey });
      const given = webpush.generateVAPIDKeys();
      expect(vapidKeys(testEnv({ DATA_DIR: dir, VAPID_PUBLIC_KEY: given.publicKey, VAPID_PRIVATE_KEY: given.privateKey, VAPID_SUBJECT: 'mailto:ops@example.test' }))).toEqual({ ...given, subject: 'mailto:ops@example.test' });
      expect(() => testEnv({ DATA_DIR: dir, VAPID_PUBLIC_KEY: given.publicKey })).toThrow(/set both/);
      expect(() => testEnv({ DATA_DIR: dir, VAPID_SUBJECT: 'ops@example.test' })).toThrow(/mailto/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
