import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addProduct, checkoutRequest, createShop } from '../services/orders/test-kit';
import { describeEachDb } from '../test/harness';
import { buildApp } from './app';

/** Reads Server-Sent Events from a streaming response, one named event at a time. */
function eventReader(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    async next(): Promise<{ event: string; data: string }> {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data !== undefined) return { event, data };
          continue; // comments, retry hints
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += decoder.decode(value, { stream: true });
      }
    },
    cancel: () => reader.cancel(),
  };
}

describeEachDb('GET /live/orders/:id (order status stream)', (get) => {
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

  it('sends the current status, then each change a counter makes', async () => {
    const db = get().database.db;
    const shop = await createShop(db);
    const bread = await addProduct(db, shop.vendorId, { name: 'Sourdough', priceCents: 350 });
    const anon = await get().caller();
    const placed = await anon.orders.checkout(checkoutRequest([[bread, 1]], [{ vendorId: shop.vendorId }]));
    const order = placed.orders[0]!;

    const res = await fetch(`${base}/live/orders/${order.id}?t=${encodeURIComponent(order.trackingToken)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const events = eventReader(res.body!);
    try {
      expect(JSON.parse((await events.next()).data)).toMatchObject({ status: 'placed' });
      const staff = await get().caller({ bearer: shop.managerToken });
      await staff.orders.transition({ orderId: order.id, to: 'accepted', prepMinutes: 10 });
      expect(await events.next()).toMatchObject({ event: 'status', data: expect.stringContaining('"status":"accepted"') });
      await staff.orders.transition({ orderId: order.id, to: 'ready' });
      expect(JSON.parse((await events.next()).data)).toMatchObject({ status: 'ready' });
    } finally {
      await events.cancel();
    }
  });

  it('needs the tracking token (or the customer’s session) and reveals nothing otherwise', async () => {
    const db = get().database.db;
    const shop = await createShop(db);
    const bread = await addProduct(db, shop.vendorId, { name: 'Rye', priceCents: 400 });
    const placed = await (await get().caller()).orders.checkout(checkoutRequest([[bread, 1]], [{ vendorId: shop.vendorId }]));
    const order = placed.orders[0]!;
    const none = await fetch(`${base}/live/orders/${order.id}`);
    expect(none.status).toBe(401);
    const wrong = await fetch(`${base}/live/orders/${order.id}?t=not-the-right-token`);
    expect(wrong.status).toBe(404);
    expect(await wrong.json()).toEqual({ code: 'NOT_FOUND', message: 'We could not find that order.' });
    expect((await fetch(`${base}/live/orders/not-a-uuid?t=whatever-token`)).status).toBe(404);
  });
});
