import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebhooksHelper } from 'square';
import { SIGNATURE_HEADER, signSquareWebhook, type SquareFake } from './index';
import { LOCATION, MERCHANT, SQUARE_REFERENCE, clientFor, startWithMerchant } from './test-helpers';

const REFERENCE = SQUARE_REFERENCE;


interface SquareVector {
  signatureKey: string;
  notificationUrl: string;
  body: string;
  expectedSignature: string;
}

interface ExampleEvent {
  example: { data: { type: string; object?: Record<string, unknown> } };
}

let fake: SquareFake;
afterEach(async () => {
  await fake.close();
});

describe('square fake: webhooks', () => {
  it('signs like Square: the shared known-answer vector, and the SDK helper accepts the fake signatures', async () => {
    const vectors = JSON.parse(readFileSync(new URL('signature-vectors.json', REFERENCE), 'utf8')) as { square: SquareVector };
    const v = vectors.square;
    expect(signSquareWebhook(v.signatureKey, v.notificationUrl, v.body)).toBe(v.expectedSignature);

    fake = await startWithMerchant({ signatureKey: 'k-test', notificationUrl: 'https://makeries.test/hooks/pos/square' });
    expect(fake.sign(v.body)).not.toBe(v.expectedSignature);
    const { variationIds } = fake.upsertItem(MERCHANT, { name: 'Honey', variations: [{ name: 'Jar', price: 800 }] });
    fake.setCount(MERCHANT, variationIds[0] ?? '', LOCATION, 2);
    const events = fake.takeEvents();
    expect(events.map((e) => e.type)).toEqual(['catalog.version.updated', 'inventory.count.updated']);
    for (const e of events) {
      const signatureHeader = e.headers[SIGNATURE_HEADER] ?? '';
      expect(await WebhooksHelper.verifySignature({ requestBody: e.body, signatureHeader, signatureKey: 'k-test', notificationUrl: fake.notificationUrl })).toBe(true);
      expect(await WebhooksHelper.verifySignature({ requestBody: e.body, signatureHeader, signatureKey: 'k-test', notificationUrl: `${fake.notificationUrl}/` })).toBe(false);
    }
    expect(fake.outbox).toEqual([]);
  });

  it('envelopes have the shape of the spec examples for every event type the fake sends', async () => {
    const examples = JSON.parse(readFileSync(new URL('webhook-examples.json', REFERENCE), 'utf8')) as { events: Record<string, ExampleEvent> };
    fake = await startWithMerchant();
    const { variationIds } = fake.upsertItem(MERCHANT, { name: 'Wax', variations: [{ name: 'Block', price: 300 }] });
    fake.sellAtPos(MERCHANT, variationIds[0] ?? '', LOCATION, 1);
    const client = clientFor(fake);
    const created = await client.orders.create({
      idempotencyKey: 'o-1',
      order: { locationId: LOCATION, lineItems: [{ catalogObjectId: variationIds[0] ?? '', quantity: '1' }], fulfillments: [{ type: 'PICKUP', state: 'PROPOSED' }] },
    });
    const uid = created.order?.fulfillments?.[0]?.uid ?? '';
    await client.orders.update({ orderId: created.order?.id ?? '', order: { locationId: LOCATION, version: 1, fulfillments: [{ uid, state: 'RESERVED' }] } });
    fake.revokeFromSquare(MERCHANT);
    const events = fake.takeEvents();
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(['catalog.version.updated', 'inventory.count.updated', 'order.created', 'order.updated', 'order.fulfillment.updated', 'oauth.authorization.revoked']));
    for (const e of events) {
      const body = JSON.parse(e.body) as Record<string, unknown> & { data: { type: string; id: string; object: Record<string, unknown> } };
      const example = examples.events[e.type]?.example;
      if (!example) throw new Error(`no example for ${e.type}`);
      expect(Object.keys(body).sort()).toEqual(['created_at', 'data', 'event_id', 'merchant_id', 'type']);
      expect(body.data.type).toBe(example.data.type);
      expect(Object.keys(body.data.object)).toEqual(Object.keys(example.data.object ?? {}));
      const inner = Object.values(body.data.object)[0] as Record<string, unknown>;
      const exampleInner = Object.values(example.data.object ?? {})[0] as Record<string, unknown> | unknown[];
      const exampleKeys = Object.keys(Array.isArray(exampleInner) ? (exampleInner[0] as object) : exampleInner).sort();
      const keys = Object.keys(Array.isArray(inner) ? (inner[0] as object) : inner).sort();
      expect(keys).toEqual(exampleKeys);
    }
  });

  it('deliverTo POSTs each event as it happens; redeliver sends the same bytes again', async () => {
    const received: { id: string; sig: string; body: string }[] = [];
    const sink = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const sig = req.headers[SIGNATURE_HEADER];
        received.push({ id: (JSON.parse(body) as { event_id: string }).event_id, sig: typeof sig === 'string' ? sig : '', body });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
    try {
      fake = await startWithMerchant();
      fake.deliverTo(`http://127.0.0.1:${String((sink.address() as AddressInfo).port)}/hooks/pos/square`);
      const { variationIds } = fake.upsertItem(MERCHANT, { name: 'Oil', variations: [{ name: 'Bottle', price: 1100 }] });
      fake.sellAtPos(MERCHANT, variationIds[0] ?? '', LOCATION, 1);
      await fake.flushDeliveries();
      const [first] = fake.takeEvents();
      if (!first) throw new Error('no event');
      fake.redeliver(first);
      await fake.flushDeliveries();
      expect(received).toHaveLength(3);
      expect(received[2]).toEqual(received[0]);
      expect(received[0]?.sig).toBe(fake.sign(received[0]?.body ?? ''));
      expect(fake.deliveries.map((d) => d.status)).toEqual([200, 200, 200]);
    } finally {
      sink.closeAllConnections();
      await new Promise<void>((resolve) => sink.close(() => resolve()));
    }
  });
});
