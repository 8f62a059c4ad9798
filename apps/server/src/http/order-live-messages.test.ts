import type { AddressInfo } from 'node:net';
import { uuidv7 } from '@makeries/shared';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addProduct, checkoutRequest, createShop } from '../services/orders/test-kit';
import { describeEachDb } from '../test/harness';
import { buildApp } from './app';

/** The `messages` events of a Server-Sent Events stream, one event's messages at a time. */
function messageReader(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    async next(): Promise<{ author: string; text: string }[]> {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (/^event: messages$/m.test(block)) return (JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? '{}') as { messages: { author: string; text: string }[] }).messages;
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += decoder.decode(value, { stream: true });
      }
    },
    cancel: () => reader.cancel(),
  };
}

describeEachDb('GET /live/orders/:id carries the order’s messages', (get) => {
  let app: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    app = await buildApp({ database: get().database, env: get().env });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('sends the thread on connect, then each new message once — a reply written earlier offline included', async () => {
    const db = get().database.db;
    const shop = await createShop(db);
    const bread = await addProduct(db, shop.vendorId, { name: 'Sourdough', priceCents: 350 });
    const guest = await get().caller();
    const order = (await guest.orders.checkout(checkoutRequest([[bread, 1]], [{ vendorId: shop.vendorId }]))).orders[0]!;
    const t = order.trackingToken;
    // minted now, stored later: like a reply a counter wrote offline and pushed after newer messages arrived
    const offlineId = uuidv7();
    await guest.messages.send({ id: uuidv7(), orderId: order.id, trackingToken: t, text: 'Is it sliced?' });

    const res = await fetch(`${base}/live/orders/${order.id}?t=${encodeURIComponent(t)}`);
    expect(res.status).toBe(200);
    const events = messageReader(res.body!);
    try {
      expect(await events.next()).toMatchObject([{ author: 'customer', text: 'Is it sliced?' }]);
      const staff = await get().caller({ bearer: shop.managerToken });
      await staff.messages.reply({ id: uuidv7(), orderId: order.id, text: 'Yes, sliced.' });
      expect(await events.next()).toMatchObject([{ author: 'shop', text: 'Yes, sliced.' }]);
      await staff.messages.reply({ id: offlineId, orderId: order.id, text: 'Wrapped too.' });
      expect(await events.next()).toMatchObject([{ author: 'shop', text: 'Wrapped too.' }]);
    } finally {
      await events.cancel();
    }
  });
});
