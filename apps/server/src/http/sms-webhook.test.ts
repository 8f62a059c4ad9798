import { eq } from 'drizzle-orm';
import Fastify from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { smsNumbers } from '../db/schema/index';
import { startFakeTwilio } from '../services/notify/sms/fake-twilio';
import { orderWithText, smsDeliverer, smsDelivery } from '../services/notify/sms/test-kit';
import { describeEachDb } from '../test/harness';
import { registerSmsWebhook, SMS_WEBHOOK_PATH } from './sms-webhook';

const fake = await startFakeTwilio();
afterAll(() => fake.close());

/** the URL set at the provider: the server's PUBLIC_URL (the test env's), whatever address the request reaches */
const PUBLIC_WEBHOOK = `http://localhost:3000${SMS_WEBHOOK_PATH}`;

let seq = 200;
const nextNumber = () => {
  seq += 1;
  return { typed: `07700 900${String(seq)}`, e164: `+447700900${String(seq)}` };
};

describeEachDb(
  'POST /webhooks/sms: STOP and START from the customer’s phone',
  (get) => {
    const db = () => get().database.db;
    let webhookUrl = '';
    let close: () => Promise<void> = () => Promise.resolve();
    beforeAll(async () => {
      const app = Fastify({ logger: false });
      await registerSmsWebhook(app, { database: get().database, env: get().env });
      webhookUrl = `${await app.listen({ port: 0, host: '127.0.0.1' })}${SMS_WEBHOOK_PATH}`;
      close = () => app.close();
    });
    afterAll(() => close());

    const text = (from: string, body: string, opts: { authToken?: string; tamper?: boolean; signedUrl?: string } = {}) =>
      fake.inbound({ webhookUrl, signedUrl: opts.signedUrl ?? PUBLIC_WEBHOOK, from, body, ...opts });
    const numberRow = async (e164: string) => (await db().select().from(smsNumbers).where(eq(smsNumbers.phone, e164)))[0];

    it('STOP opts the number out: the next notification is skipped "opted out" and nothing reaches the provider; START texts again', async () => {
      const phone = nextNumber();
      const stop = await text(phone.e164, 'Stop');
      expect(stop.status).toBe(200);
      expect(stop.body).toBe('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
      expect(await numberRow(phone.e164)).toMatchObject({ optOutSource: 'stop' });

      const first = await orderWithText(get(), { phone: phone.typed, smsOptIn: true });
      await first.ready();
      await smsDeliverer(db(), get().env).drain();
      expect(await smsDelivery(db(), first.order.id, 'order_ready')).toMatchObject({ status: 'skipped', detail: 'opted out' });
      expect(fake.requests.filter((to) => to === phone.e164)).toHaveLength(0);

      expect((await text(phone.e164, ' start ')).status).toBe(200);
      expect(await numberRow(phone.e164)).toMatchObject({ optedOutAt: null, optOutSource: null });
      const second = await orderWithText(get(), { phone: phone.typed, smsOptIn: true });
      await second.ready();
      await smsDeliverer(db(), get().env).drain();
      expect(await smsDelivery(db(), second.order.id, 'order_ready')).toMatchObject({ status: 'sent' });
      expect(fake.texts.filter((t) => t.to === phone.e164)).toHaveLength(1);
    });

    it('every opt-out word works, from any order or account (the number is out everywhere); other texts change nothing', async () => {
      for (const word of ['STOPALL', 'unsubscribe', 'Cancel', 'END', 'quit.']) {
        const phone = nextNumber();
        expect((await text(phone.e164, word)).status).toBe(200);
        expect(await numberRow(phone.e164), word).toMatchObject({ optOutSource: 'stop' });
      }
      const chatty = nextNumber();
      expect((await text(chatty.e164, 'Please stop by at 5')).status).toBe(200);
      expect(await numberRow(chatty.e164)).toBeUndefined();
      const unstop = nextNumber();
      await text(unstop.e164, 'STOP');
      await text(unstop.e164, 'UNSTOP');
      expect(await numberRow(unstop.e164)).toMatchObject({ optedOutAt: null });
    });

    it('refuses a bad, missing or misdirected signature with 403 and writes nothing', async () => {
      const phone = nextNumber();
      expect((await text(phone.e164, 'STOP', { authToken: 'someone-elses-token' })).status).toBe(403);
      expect((await text(phone.e164, 'STOP', { tamper: true })).status).toBe(403);
      // signed for another URL (a request replayed from elsewhere)
      expect((await text(phone.e164, 'STOP', { signedUrl: 'https://evil.example/webhooks/sms' })).status).toBe(403);
      const unsigned = await fetch(webhookUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ From: phone.e164, Body: 'STOP' }).toString() });
      expect(unsigned.status).toBe(403);
      expect(await numberRow(phone.e164)).toBeUndefined();
    });
  },
  fake.env,
);

describeEachDb('POST /webhooks/sms without texts configured', (get) => {
  it('answers 503 and writes nothing', async () => {
    const app = Fastify({ logger: false });
    await registerSmsWebhook(app, { database: get().database, env: get().env });
    const res = await app.inject({ method: 'POST', url: SMS_WEBHOOK_PATH, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'x' }, payload: 'From=%2B447700900299&Body=STOP' });
    expect(res.statusCode).toBe(503);
    expect(await get().database.db.select().from(smsNumbers)).toEqual([]);
    await app.close();
  });
});
