import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebhookShapeError } from '../types';
import { createToastConnector, TOAST_WEBHOOK_PATH } from './connector';
import { RESTAURANT, startToastKit, type ToastKit } from './fake/kit';
import { parseToastWebhook, verifyToastSignature } from './webhook';

/** The shared reference files, kept in the repo: the three providers' signature vectors and Toast's webhook samples. */
const REF = resolve(__dirname, 'reference');
const vector = (JSON.parse(readFileSync(resolve(__dirname, '../square/reference/signature-vectors.json'), 'utf8')) as { toast: { secret: string; body: string; expectedSignature: string } }).toast;
const samples = JSON.parse(readFileSync(resolve(REF, 'webhook-samples.json'), 'utf8')) as Record<string, unknown>;

const env = { TOAST_CLIENT_ID: 'c', TOAST_CLIENT_SECRET: 's', TOAST_API_BASE: 'http://127.0.0.1:9', TOAST_WEBHOOK_SECRET: vector.secret, TOAST_DINING_OPTION_GUID: undefined, TOAST_OTHER_PAYMENT_GUID: undefined, POS_TIMEOUT_MS: 1000 };
const connector = createToastConnector(env);

let kit: ToastKit | null = null;
afterEach(async () => {
  await kit?.fake.close();
  kit = null;
});

function sample(category: string, i: number): string {
  const list = samples[category] as Record<string, unknown>[];
  const { _caveat: _, ...event } = list[i] ?? {};
  return JSON.stringify(event);
}

describe('Toast webhooks', () => {
  it('verifies the known-answer vector; one changed byte, another secret or no signature fail', () => {
    expect(TOAST_WEBHOOK_PATH).toBe('/hooks/pos/toast');
    expect(connector.verifyWebhook(vector.body, { 'toast-signature': vector.expectedSignature })).toBe(true);
    const changed = vector.body.replace('"quantity":3', '"quantity":4');
    expect(changed).not.toBe(vector.body);
    expect(connector.verifyWebhook(changed, { 'toast-signature': vector.expectedSignature })).toBe(false);
    expect(connector.verifyWebhook(vector.body, {})).toBe(false);
    expect(connector.verifyWebhook(vector.body, { 'toast-signature': 'AAAA' })).toBe(false);
    expect(verifyToastSignature('another-secret', vector.body, { 'toast-signature': vector.expectedSignature })).toBe(false);
    expect(verifyToastSignature(undefined, vector.body, { 'toast-signature': vector.expectedSignature })).toBe(false);
    expect(connector.webhookHeaders).toContain('toast-restaurant-external-id');
  });

  it('parses every reference sample', () => {
    const stock = [0, 1, 2].map((i) => parseToastWebhook(sample('stock', i), {}));
    expect(stock.map((s) => s.event)).toEqual([
      { kind: 'stock', obs: [{ variantExtId: '100000000171241912', locationExtId: RESTAURANT, quantity: 3, observedAt: '2026-11-21T10:00:00.000Z' }] },
      { kind: 'stock', obs: [{ variantExtId: '100000000171241912', locationExtId: RESTAURANT, quantity: 0, observedAt: '2026-11-21T10:05:00.000Z' }] },
      { kind: 'stock', obs: [{ variantExtId: '100000000171241912', locationExtId: RESTAURANT, quantity: 12, observedAt: '2026-11-21T11:00:00.000Z' }] },
    ]);
    expect(stock[0]?.envelope).toEqual({ dedupeKey: '0d6b7f1c-1a2b-4c3d-8e9f-001122334455', connectionKey: RESTAURANT, topic: 'stock/low_quantity' });
    expect(parseToastWebhook(sample('menus', 0), {}).event).toEqual({ kind: 'catalog.dirty', occurredAt: '2026-11-21T08:59:30.000Z' });
    const added = parseToastWebhook(sample('partner', 0), {});
    expect(added.event.kind).toBe('ignored');
    expect(added.envelope.connectionKey).toBe(RESTAURANT);
    expect(parseToastWebhook(sample('partner', 1), {}).event).toEqual({ kind: 'connection.revoked' });
    const order = parseToastWebhook(sample('orders', 0), {});
    expect(order.event).toEqual({ kind: 'order.changed', extOrderId: 'f6d98b95-2816-4f54-b1ab-7a5d71e83769', version: '2026-11-21T10:01:59.000+0000' });
    expect(order.envelope.topic).toBe('order_updated/order_updated');
  });

  it('takes the restaurant from the header when the details do not name it; refuses what is not a Toast event', () => {
    const body = JSON.stringify({ timestamp: '2026-11-21T10:00:00.000Z', eventCategory: 'stock', eventType: 'out_of_stock', guid: 'g-1', details: { multiLocationId: '42', status: 'OUT_OF_STOCK' } });
    const p = parseToastWebhook(body, { 'toast-restaurant-external-id': 'r-9' });
    expect(p.envelope.connectionKey).toBe('r-9');
    expect(p.event).toEqual({ kind: 'stock', obs: [{ variantExtId: '42', locationExtId: 'r-9', quantity: 0, observedAt: '2026-11-21T10:00:00.000Z' }] });
    expect(() => parseToastWebhook('not json', {})).toThrow(WebhookShapeError);
    expect(() => parseToastWebhook('{"merchant_id":"x","type":"inventory.count.updated"}', {})).toThrow(WebhookShapeError);
  });

  it('the fake’s deliveries verify and parse; stock events name the variant ext ids the catalog produced', async () => {
    kit = await startToastKit({ webhookSecret: vector.secret });
    const k = kit;
    const ids = k.fake.seedMenu(RESTAURANT, 3);
    const a = ids[0] ?? '';
    k.fake.setStock(RESTAURANT, a, 'QUANTITY', 10);
    k.fake.sellAtPos(RESTAURANT, a, 6);
    const page = await k.connector.catalogPage(k.conn, null);
    k.fake.removePartner(RESTAURANT);
    const hooks = k.fake.takeWebhooks();
    const dup = k.fake.redeliver(hooks[2] ?? { headers: {}, body: '' });
    const parsed = [...hooks, dup].map((h) => {
      expect(connector.verifyWebhook(h.body, h.headers)).toBe(true);
      return connector.parseWebhook(h.body, h.headers);
    });
    expect(parsed.map((p) => p.envelope.topic)).toEqual(['menus/menus_updated', 'order_updated/order_updated', 'stock/low_quantity', 'partner/partner_removed', 'stock/low_quantity']);
    expect(parsed[4]?.envelope.dedupeKey).toBe(parsed[2]?.envelope.dedupeKey);
    const low = parsed[2]?.event;
    expect(low?.kind === 'stock' ? low.obs[0]?.variantExtId : null).toBe(a);
    expect(page.products.some((p) => p.variants[0]?.extId === a)).toBe(true);
    expect(low?.kind === 'stock' ? low.obs[0]?.quantity : null).toBe(4);
    expect(parsed[3]?.event).toEqual({ kind: 'connection.revoked' });
    expect(parsed[3]?.envelope.connectionKey).toBe(RESTAURANT);
  });
});
