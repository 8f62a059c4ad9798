import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { signShopifyWebhook, type ShopifyFake } from './index';
import { SHOP, SHOPIFY_REFERENCE, adminClient, gql, manualClock, startWithShop } from './test-helpers';

let fake: ShopifyFake | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

interface Vector {
  apiSecretKey: string;
  body: string;
  expectedSignature: string;
  headers: Record<string, string>;
}

describe('shopify fake: webhooks', () => {
  it('signs like Shopify: the known-answer vector of signature-vectors.json', () => {
    const vectors = JSON.parse(readFileSync(new URL('signature-vectors.json', SHOPIFY_REFERENCE), 'utf8')) as { shopify: Vector };
    const v = vectors.shopify;
    expect(signShopifyWebhook(v.apiSecretKey, v.body)).toBe(v.expectedSignature);
    expect(signShopifyWebhook(v.apiSecretKey, `${v.body} `)).not.toBe(v.expectedSignature);
  });

  it('sends REST-shaped product webhooks with the sample header set, and redelivers with a new webhook id', async () => {
    const clock = manualClock(Date.parse('2026-11-21T10:00:00.000Z'));
    fake = await startWithShop({ clock });
    const samples = JSON.parse(readFileSync(new URL('shopify-webhook-samples.json', SHOPIFY_REFERENCE), 'utf8')) as {
      headers_common: Record<string, string>;
      topics: Record<string, Record<string, unknown>>;
    };
    const vectors = JSON.parse(readFileSync(new URL('signature-vectors.json', SHOPIFY_REFERENCE), 'utf8')) as { shopify: Vector };
    const created = fake.createProduct(SHOP, {
      title: 'Stoneware Mug',
      variants: [
        { sku: 'MUG-BLUE', barcode: '0123456789012', price: '24', options: [{ name: 'Colour', value: 'Blue' }], available: 7 },
        { sku: 'MUG-SAND', price: '24.00', compareAtPrice: '28.00', options: [{ name: 'Colour', value: 'Sand' }] },
      ],
    });
    clock.advance(60_000);
    fake.updateProduct(created.productId, { title: 'Stoneware Mug (large)' });
    const [create, update] = fake.takeWebhooks();
    expect(create?.topic).toBe('products/create');
    expect(Object.keys(update!.headers).filter((h) => h.startsWith('x-shopify')).sort()).toEqual(Object.keys(vectors.shopify.headers).sort());
    expect(Object.keys(samples.headers_common).map((h) => h.toLowerCase()).sort()).toEqual(Object.keys(vectors.shopify.headers).sort());
    expect(update!.headers).toMatchObject({
      'x-shopify-topic': 'products/update',
      'x-shopify-shop-domain': SHOP,
      'x-shopify-api-version': '2026-10',
      'x-shopify-triggered-at': '2026-11-21T10:01:00.000000000Z',
      'x-shopify-hmac-sha256': signShopifyWebhook(fake.clientSecret, update!.body),
    });
    const body = JSON.parse(update!.body) as Record<string, unknown> & { variants: Record<string, unknown>[] };
    expect(Object.keys(body).sort()).toEqual(Object.keys(samples.topics['products/update']!).sort());
    expect(Object.keys(body.variants[0]!).sort()).toEqual(Object.keys((samples.topics['products/update']!.variants as Record<string, unknown>[])[0]!).sort());
    expect(body).toMatchObject({ title: 'Stoneware Mug (large)', status: 'active', updated_at: '2026-11-21T05:01:00-05:00', admin_graphql_api_id: created.productId });
    expect(body.variants[0]).toMatchObject({ sku: 'MUG-BLUE', price: '24.00', option1: 'Blue', inventory_quantity: 14, inventory_policy: 'deny', admin_graphql_api_id: created.variantIds[0] });

    const dup = fake.redeliver(update!);
    expect(dup.headers['x-shopify-event-id']).toBe(update!.headers['x-shopify-event-id']);
    expect(dup.headers['x-shopify-webhook-id']).not.toBe(update!.headers['x-shopify-webhook-id']);
    expect(dup.body).toBe(update!.body);
    expect(fake.takeWebhooks()).toEqual([dup]);

    fake.deleteProduct(created.productId);
    const [del] = fake.takeWebhooks();
    expect(del?.topic).toBe('products/delete');
    expect(JSON.parse(del!.body)).toEqual({ id: Number(created.productId.split('/').pop()) });
    const events = await gql<{ events: { nodes: { subjectId: string; subjectType: string; action: string }[] } }>(
      adminClient(fake),
      'query E($q: String!) { events(first: 10, query: $q, sortKey: CREATED_AT) { nodes { ... on BasicEvent { subjectId subjectType action } } } }',
      { q: `subject_type:PRODUCT AND action:destroy AND created_at:>'2026-11-21T10:00:30Z'` },
    );
    expect(events.data!.events.nodes).toEqual([{ subjectId: created.productId, subjectType: 'PRODUCT', action: 'destroy' }]);
  });

  it('sends the mandatory privacy topics on demand and POSTs deliveries to a URL when asked', async () => {
    fake = await startWithShop();
    const received: { topic: string | undefined; hmac: string | undefined; body: string }[] = [];
    const sink = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ topic: req.headers['x-shopify-topic'] as string | undefined, hmac: req.headers['x-shopify-hmac-sha256'] as string | undefined, body: Buffer.concat(chunks).toString('utf8') });
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
    try {
      fake.deliverTo(`http://127.0.0.1:${String((sink.address() as AddressInfo).port)}/hooks/pos/shopify`);
      fake.privacyRequest(SHOP, 'customers/data_request', { id: 42, email: 'ann@example.com' });
      fake.privacyRequest(SHOP, 'customers/redact', { id: 42, email: 'ann@example.com' });
      fake.privacyRequest(SHOP, 'shop/redact');
      await fake.flushDeliveries();
    } finally {
      await new Promise<void>((resolve) => sink.close(() => resolve()));
    }
    expect(received.map((r) => r.topic)).toEqual(['customers/data_request', 'customers/redact', 'shop/redact']);
    for (const r of received) expect(r.hmac).toBe(fake.sign(r.body));
    expect(JSON.parse(received[1]!.body)).toMatchObject({ shop_domain: SHOP, customer: { id: 42, email: 'ann@example.com' }, orders_to_redact: [] });
    expect(fake.deliveries.map((d) => d.status)).toEqual([200, 200, 200]);
  });
});
