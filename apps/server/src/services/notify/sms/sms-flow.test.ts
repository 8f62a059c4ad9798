import { count, eq } from 'drizzle-orm';
import { afterAll, expect, it } from 'vitest';
import { checkouts, orderSms, smsNumbers } from '../../../db/schema/index';
import { createCustomerFixture } from '../../../test/fixtures';
import { describeEachDb } from '../../../test/harness';
import { failure } from '../../orders/test-kit';
import { startFakeTwilio } from './fake-twilio';
import { orderWithText, smsDeliverer, smsDelivery } from './test-kit';

const fake = await startFakeTwilio();
afterAll(() => fake.close());

/** a different fictional mobile per test, so one test's STOP or hour of texts never touches another's */
let seq = 100;
const nextNumber = () => {
  seq += 1;
  return { typed: `07700 900${String(seq)}`, e164: `+447700900${String(seq)}` };
};
const textsTo = (e164: string) => fake.texts.filter((t) => t.to === e164);

describeEachDb(
  'texts (SMS) about a web order',
  (get) => {
    const db = () => get().database.db;

    it('"Text me about this order" at checkout: the ready order is texted to that number with its link', async () => {
      const phone = nextNumber();
      const { order, ready } = await orderWithText(get(), { phone: phone.typed, smsOptIn: true });
      expect(await db().select().from(orderSms).where(eq(orderSms.orderId, order.id))).toMatchObject([{ phone: phone.e164 }]);
      await ready();
      await smsDeliverer(db(), get().env).drain();

      // an accepted order is not texted unless the customer asks (the default); a ready one is
      const texts = textsTo(phone.e164);
      expect(texts).toHaveLength(1);
      const link = `http://localhost:3000/orders/${order.id}?t=${encodeURIComponent(order.trackingToken)}`;
      expect(texts[0]).toMatchObject({ from: fake.from, messagingServiceSid: null, body: `Order ${order.number} is ready. Collect it at Crumb Bakery. ${link}` });
      expect(await smsDelivery(db(), order.id, 'order_ready')).toMatchObject({ status: 'sent', detail: texts[0]?.sid, attempts: 1 });
      expect(await smsDelivery(db(), order.id, 'order_accepted')).toBeUndefined();
      // delivered once: another pass texts nothing again
      await smsDeliverer(db(), get().env).drain();
      expect(textsTo(phone.e164)).toHaveLength(1);
    });

    it('without the box ticked nothing is texted, even with a phone number given (unreachable: no record)', async () => {
      const phone = nextNumber();
      const { order, ready } = await orderWithText(get(), { phone: phone.typed });
      await ready();
      await smsDeliverer(db(), get().env).drain();
      expect(textsTo(phone.e164)).toHaveLength(0);
      expect(await smsDelivery(db(), order.id, 'order_ready')).toBeUndefined();
    });

    it('refuses "Text me" with a landline or no number (BAD_INPUT on the phone field) and writes nothing', async () => {
      const [before] = await db().select({ n: count() }).from(checkouts);
      for (const typed of ['0117 496 0123', '']) {
        const refused = await failure(orderWithText(get(), { phone: typed, smsOptIn: true }));
        expect(refused.appCode).toBe('BAD_INPUT');
        expect(refused.message).toMatch(/mobile/);
      }
      const [after] = await db().select({ n: count() }).from(checkouts);
      expect(after?.n).toBe(before?.n);
    });

    it('a send the provider refuses for now (503) is retried, then texted once', async () => {
      const phone = nextNumber();
      const { order, ready } = await orderWithText(get(), { phone: phone.typed, smsOptIn: true });
      fake.failNext({ status: 503 });
      await ready();
      const deliverer = smsDeliverer(db(), get().env);
      await deliverer.runtime.tick();
      expect(textsTo(phone.e164)).toHaveLength(0);
      expect(await smsDelivery(db(), order.id, 'order_ready')).toMatchObject({ status: 'retry', attempts: 1 });
      await deliverer.drain(2);
      expect(textsTo(phone.e164)).toHaveLength(1);
      expect(await smsDelivery(db(), order.id, 'order_ready')).toMatchObject({ status: 'sent', attempts: 2 });
    });

    it('the provider saying the number unsubscribed (21610) opts it out here too: skipped, and not tried again', async () => {
      const phone = nextNumber();
      fake.unsubscribed.add(phone.e164); // a STOP the provider saw and we did not
      const { order, ready } = await orderWithText(get(), { phone: phone.typed, smsOptIn: true });
      await ready();
      await smsDeliverer(db(), get().env).drain();
      expect(await smsDelivery(db(), order.id, 'order_ready')).toMatchObject({ status: 'skipped', detail: 'opted out' });
      expect(await db().select().from(smsNumbers).where(eq(smsNumbers.phone, phone.e164))).toMatchObject([{ optOutSource: 'provider' }]);
      const second = await orderWithText(get(), { phone: phone.typed, smsOptIn: true });
      await second.ready();
      await smsDeliverer(db(), get().env).drain();
      expect(await smsDelivery(db(), second.order.id, 'order_ready')).toMatchObject({ status: 'skipped', detail: 'opted out' });
      // the provider was asked once (the first text), never again
      expect(fake.requests.filter((to) => to === phone.e164)).toHaveLength(1);
      expect(textsTo(phone.e164)).toHaveLength(0);
    });

    it('a number that cannot take texts (21211) is a failed delivery, not retried', async () => {
      const phone = nextNumber();
      const { order, ready } = await orderWithText(get(), { phone: phone.typed, smsOptIn: true });
      fake.failNext({ status: 400, code: 21211, message: `The 'To' number ${phone.e164} is not a valid phone number.` });
      await ready();
      await smsDeliverer(db(), get().env).drain(2);
      expect(await smsDelivery(db(), order.id, 'order_ready')).toMatchObject({ status: 'failed', attempts: 1, detail: expect.stringContaining('invalid number') });
    });

    it('at most 5 texts per number per hour: the rest are skipped "rate limited"; an hour later texts go again', async () => {
      const phone = nextNumber();
      const orders = [];
      for (let i = 0; i < 7; i++) orders.push(await orderWithText(get(), { phone: phone.typed, smsOptIn: true }));
      for (const o of orders.slice(0, 6)) await o.ready();
      const deliverer = smsDeliverer(db(), get().env);
      await deliverer.runtime.tick();
      expect(textsTo(phone.e164)).toHaveLength(5);
      const outcomes = await Promise.all(orders.slice(0, 6).map(({ order }) => smsDelivery(db(), order.id, 'order_ready')));
      expect(outcomes.map((o) => o?.status).sort(), JSON.stringify(outcomes)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent', 'skipped']);
      expect(outcomes.find((o) => o?.status === 'skipped')?.detail).toBe('rate limited');

      deliverer.clock.now = new Date(deliverer.clock.now.getTime() + 61 * 60_000);
      const last = orders[6];
      if (!last) throw new Error('no 7th order');
      await last.ready();
      await deliverer.runtime.tick();
      expect(await smsDelivery(db(), last.order.id, 'order_ready')).toMatchObject({ status: 'sent' });
      expect(textsTo(phone.e164)).toHaveLength(6);
    });

    it('a signed-in customer’s own number (account page, texts on) is texted; turned off, it is not', async () => {
      const phone = nextNumber();
      const customer = await createCustomerFixture(db());
      const me = await get().caller({ sessionCookie: customer.cookie });
      await me.notifications.setSms({ phone: phone.typed, enabled: true });
      const first = await orderWithText(get(), { cookie: customer.cookie });
      await first.ready();
      await smsDeliverer(db(), get().env).drain();
      expect(textsTo(phone.e164).map((t) => t.body)).toEqual([expect.stringContaining(`Order ${first.order.number} is ready.`)]);

      await me.notifications.setSms({ phone: phone.typed, enabled: false });
      const second = await orderWithText(get(), { cookie: customer.cookie });
      await second.ready();
      await smsDeliverer(db(), get().env).drain();
      expect(textsTo(phone.e164)).toHaveLength(1);
    });
  },
  fake.env,
);
