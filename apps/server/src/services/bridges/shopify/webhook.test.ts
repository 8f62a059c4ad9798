import { readFileSync } from 'node:fs';
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { WebhookShapeError } from '../types';
import { parseJsonKeepingBigIds, parseShopifyWebhook, verifyShopifyWebhook } from './webhook';

interface Vector {
  apiSecretKey: string;
  headers: Record<string, string>;
  body: string;
}

const vectors = JSON.parse(readFileSync(new URL('./reference/signature-vectors.json', import.meta.url), 'utf8')) as { shopify: Vector };
const samples = JSON.parse(readFileSync(new URL('./reference/shopify-webhook-samples.json', import.meta.url), 'utf8')) as { topics: Record<string, unknown> };
const v = vectors.shopify;
const SENT = Date.parse('2026-11-21T10:00:00Z');

function headersFor(topic: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    'x-shopify-topic': topic,
    'x-shopify-shop-domain': 'makeries-test.myshopify.com',
    'x-shopify-event-id': `ev-${topic}`,
    'x-shopify-webhook-id': `wh-${topic}`,
    'x-shopify-triggered-at': '2026-11-21T10:00:00.000000000Z',
    ...extra,
  };
}

/** The samples keep Shopify's big ids as JSON numbers (a JS number would round them): re-serialised from their text. */
function rawSample(key: string): string {
  const text = readFileSync(new URL('./reference/shopify-webhook-samples.json', import.meta.url), 'utf8');
  const at = text.indexOf(`"${key}": {`);
  let depth = 0;
  const start = text.indexOf('{', at);
  for (let i = start; i < text.length; i++) {
    if (text[i] === '{') depth++;
    if (text[i] === '}' && --depth === 0) return text.slice(start, i + 1);
  }
  throw new Error(`no sample ${key}`);
}

describe('Shopify webhook signatures', () => {
  it('verifies the known-answer vector and refuses a body with one byte changed', () => {
    expect(verifyShopifyWebhook([v.apiSecretKey], v.body, v.headers)).toBe(true);
    const changed = v.body.replace('"available":7', '"available":8');
    expect(changed).not.toBe(v.body);
    expect(verifyShopifyWebhook([v.apiSecretKey], changed, v.headers)).toBe(false);
  });

  it('refuses another key, a missing or malformed header; accepts the previous secret after a rotation', () => {
    expect(verifyShopifyWebhook(['another-secret'], v.body, v.headers)).toBe(false);
    expect(verifyShopifyWebhook([v.apiSecretKey], v.body, { ...v.headers, 'x-shopify-hmac-sha256': undefined })).toBe(false);
    expect(verifyShopifyWebhook([v.apiSecretKey], v.body, { ...v.headers, 'x-shopify-hmac-sha256': 'short' })).toBe(false);
    expect(verifyShopifyWebhook([undefined, ''], v.body, v.headers)).toBe(false);
    expect(verifyShopifyWebhook(['new-secret', v.apiSecretKey], v.body, v.headers)).toBe(true);
    const signedNew = createHmac('sha256', 'new-secret').update(v.body).digest('base64');
    expect(verifyShopifyWebhook(['new-secret', v.apiSecretKey], v.body, { ...v.headers, 'x-shopify-hmac-sha256': signedNew })).toBe(true);
  });
});

describe('Shopify webhook parsing', () => {
  it('keeps ids beyond 2^53 exact', () => {
    const parsed = parseJsonKeepingBigIds('{"a":271878346596884015,"b":"x\\"271878346596884015","c":-1.5e3,"d":[12]}') as Record<string, unknown>;
    expect(parsed).toEqual({ a: '271878346596884015', b: 'x"271878346596884015', c: -1500, d: [12] });
  });

  it('reads the signed vector as a stock count keyed by the inventory item (the variant id of our mapping)', () => {
    const r = parseShopifyWebhook(v.body, v.headers, SENT);
    expect(r.envelope).toEqual({ dedupeKey: '98880550-7158-44d4-b7cd-2c97c8a091b5', connectionKey: 'makeries-test.myshopify.com', topic: 'inventory_levels/update' });
    expect(r.event).toEqual({
      kind: 'stock',
      obs: [{ variantExtId: 'gid://shopify/InventoryItem/271878346596884015', locationExtId: 'gid://shopify/Location/24826418', quantity: 7, observedAt: '2026-11-21T10:00:00.000Z' }],
    });
  });

  it('maps every sample topic', () => {
    const expected: Record<string, string> = {
      'inventory_levels/update': 'stock',
      'products/update': 'catalog.dirty',
      'products/delete': 'catalog.dirty',
      'orders/create (Shopify POS sale)': 'ignored',
      'orders/create (order we created with orderCreate)': 'ignored',
      'app/uninstalled': 'connection.revoked',
    };
    expect(Object.keys(samples.topics).sort()).toEqual(Object.keys(expected).sort());
    for (const [key, kind] of Object.entries(expected)) {
      const topic = key.split(' ')[0] ?? key;
      const r = parseShopifyWebhook(rawSample(key), headersFor(topic), SENT);
      expect(r.event.kind, key).toBe(kind);
      expect(r.envelope.topic).toBe(topic);
    }
    const update = parseShopifyWebhook(rawSample('products/update'), headersFor('products/update'), SENT);
    expect(update.event).toEqual({ kind: 'catalog.dirty', occurredAt: '2026-11-21T09:58:00.000Z' });
  });

  it('turns order updates into order checks by GID, the uninstall and shop redaction into a revoke, privacy requests into nothing', () => {
    const order = rawSample('orders/create (order we created with orderCreate)');
    for (const topic of ['orders/updated', 'orders/fulfilled', 'orders/cancelled']) {
      expect(parseShopifyWebhook(order, headersFor(topic), SENT).event).toEqual({ kind: 'order.changed', extOrderId: 'gid://shopify/Order/6200407294300', version: null });
    }
    expect(parseShopifyWebhook('{"shop_id":1,"shop_domain":"makeries-test.myshopify.com"}', headersFor('shop/redact'), SENT).event).toEqual({ kind: 'connection.revoked' });
    for (const topic of ['customers/data_request', 'customers/redact']) {
      expect(parseShopifyWebhook('{"shop_id":1,"customer":{"id":5}}', headersFor(topic), SENT).event).toEqual({ kind: 'ignored', reason: 'privacy request: Makeries keeps no Shopify customer data' });
    }
    expect(parseShopifyWebhook('{"id":1}', headersFor('collections/update'), SENT).event).toEqual({ kind: 'ignored', reason: 'not used: collections/update' });
  });

  it('drops a delivery triggered more than 6 hours ago as a stale replay, and dedupes by event id (webhook id when absent)', () => {
    expect(parseShopifyWebhook(v.body, v.headers, SENT + 7 * 3_600_000).event).toEqual({ kind: 'ignored', reason: 'stale replay' });
    expect(parseShopifyWebhook(v.body, v.headers, SENT + 4 * 3_600_000).event.kind).toBe('stock');
    expect(parseShopifyWebhook(rawSample('app/uninstalled'), headersFor('app/uninstalled'), SENT + 30 * 3_600_000).event.kind).toBe('connection.revoked');
    const noEvent = { ...v.headers, 'x-shopify-event-id': undefined };
    expect(parseShopifyWebhook(v.body, noEvent, SENT).envelope.dedupeKey).toBe('b54557e4-bdd9-4b37-8a5f-bf7d70bcd043');
  });

  it('refuses bodies and headers that are not Shopify’s', () => {
    expect(() => parseShopifyWebhook('not json', headersFor('products/update'), SENT)).toThrow(WebhookShapeError);
    expect(() => parseShopifyWebhook('{"id":"x"}', headersFor('products/update'), SENT)).toThrow(WebhookShapeError);
    expect(() => parseShopifyWebhook('{"inventory_item_id":1}', headersFor('inventory_levels/update'), SENT)).toThrow(WebhookShapeError);
    expect(() => parseShopifyWebhook('[]', headersFor('products/update'), SENT)).toThrow(WebhookShapeError);
    expect(() => parseShopifyWebhook(v.body, { ...v.headers, 'x-shopify-topic': undefined }, SENT)).toThrow(WebhookShapeError);
    expect(() => parseShopifyWebhook(v.body, { ...v.headers, 'x-shopify-shop-domain': undefined }, SENT)).toThrow(WebhookShapeError);
  });
});
