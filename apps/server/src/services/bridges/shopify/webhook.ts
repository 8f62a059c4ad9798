import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { RECEIVED_AT_HEADER, WebhookShapeError, type InboundEnvelope, type InboundEvent, type ParsedWebhook, type WebhookHeaders } from '../types';
import { gid } from './mapping';

/** kept with a stored delivery: parseWebhook needs them again in the drain job (Shopify's envelope is in headers) */
export const SHOPIFY_WEBHOOK_HEADERS = [
  'x-shopify-topic',
  'x-shopify-shop-domain',
  'x-shopify-event-id',
  'x-shopify-webhook-id',
  'x-shopify-triggered-at',
  'x-shopify-api-version',
  RECEIVED_AT_HEADER,
] as const;

/** Shopify retries a failed delivery for 4 hours with the original payload; anything triggered longer ago is a replay. */
const STALE_AFTER_MS = 6 * 3_600_000;

function header(headers: WebhookHeaders, name: string): string | null {
  const v = headers[name];
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' && s.trim() !== '' ? s.trim() : null;
}

/** base64 HMAC-SHA256 of the exact body bytes with the client secret (or the previous one, for the hour after a rotation). */
export function verifyShopifyWebhook(secrets: readonly (string | undefined)[], rawBody: string, headers: WebhookHeaders): boolean {
  const given = header(headers, 'x-shopify-hmac-sha256');
  if (!given) return false;
  const actual = Buffer.from(given, 'base64');
  let ok = false;
  for (const secret of secrets) {
    if (!secret) continue;
    const expected = createHmac('sha256', secret).update(rawBody, 'utf8').digest();
    // every key is tried (no early exit), each comparison in constant time
    if (actual.length === expected.length && timingSafeEqual(actual, expected)) ok = true;
  }
  return ok;
}

/**
 * JSON.parse with integers beyond 2^53 kept exact: Shopify's REST ids (inventory_item_id 271878346596884015) do not
 * fit a double, so every integer literal of 16+ digits outside strings is turned into a string first.
 */
export function parseJsonKeepingBigIds(text: string): unknown {
  let out = '';
  let i = 0;
  let inString = false;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (inString) {
      out += c;
      if (c === '\\') {
        out += text[i + 1] ?? '';
        i += 2;
        continue;
      }
      if (c === '"') inString = false;
      i++;
      continue;
    }
    if (c === '"') {
      inString = true;
      out += c;
      i++;
      continue;
    }
    if (c === '-' || (c >= '0' && c <= '9')) {
      const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
      const num = m?.[0] ?? c;
      out += !m?.[1] && !m?.[2] && num.replace('-', '').length >= 16 ? `"${num}"` : num;
      i += num.length;
      continue;
    }
    out += c;
    i++;
  }
  return JSON.parse(out);
}

const idSchema = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]).transform(String);

const levelSchema = z.object({
  inventory_item_id: idSchema,
  location_id: idSchema,
  available: z.number().int().nullable(),
  updated_at: z.string().min(1),
});

const withId = z.object({ id: idSchema });

function isoTime(value: string): string {
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new WebhookShapeError('The webhook carries a time Shopify does not send.');
  return new Date(t).toISOString();
}

/** Shopify's `X-Shopify-Triggered-At` has nanoseconds ("…T10:00:00.000000000Z"); Date.parse wants at most milliseconds. */
function triggeredAt(value: string | null): number | null {
  if (!value) return null;
  const t = Date.parse(value.replace(/(\.\d{3})\d+/, '$1'));
  return Number.isNaN(t) ? null : t;
}

function body<T>(json: unknown, schema: z.ZodType<T>, topic: string): T {
  const r = schema.safeParse(json);
  if (!r.success) throw new WebhookShapeError(`The ${topic} webhook is not the shape Shopify sends.`);
  return r.data;
}

/** What one verified delivery means. The envelope is in the headers (topic, shop, event id); the body is the REST resource. */
export function parseShopifyWebhook(rawBody: string, headers: WebhookHeaders, now = Date.now()): ParsedWebhook {
  const topic = header(headers, 'x-shopify-topic');
  const shop = header(headers, 'x-shopify-shop-domain');
  const dedupeKey = header(headers, 'x-shopify-event-id') ?? header(headers, 'x-shopify-webhook-id');
  if (!topic || !shop || !dedupeKey) throw new WebhookShapeError('The webhook lacks Shopify’s topic, shop or event id headers.');
  let json: unknown;
  try {
    json = parseJsonKeepingBigIds(rawBody);
  } catch {
    throw new WebhookShapeError('The webhook body is not JSON.');
  }
  if (json === null || typeof json !== 'object') throw new WebhookShapeError('The webhook body is not a Shopify resource.');
  const envelope: InboundEnvelope = { dedupeKey: dedupeKey.slice(0, 200), connectionKey: shop.toLowerCase(), topic };
  const at = triggeredAt(header(headers, 'x-shopify-triggered-at'));
  // staleness counts at arrival: a delivery read later by the drain job (after an outage) is judged by when it came
  const arrived = Date.parse(header(headers, RECEIVED_AT_HEADER) ?? '');
  const judgedAt = Number.isNaN(arrived) ? now : arrived;
  const event = ((): InboundEvent => {
    // an uninstall is never dropped, however late it is read (the drain job may run after an outage)
    const revokes = topic === 'app/uninstalled' || topic === 'shop/redact';
    if (!revokes && at !== null && judgedAt - at > STALE_AFTER_MS) return { kind: 'ignored', reason: 'stale replay' };
    switch (topic) {
      case 'inventory_levels/update': {
        const l = body(json, levelSchema, topic);
        return {
          kind: 'stock',
          obs: [{ variantExtId: gid('InventoryItem', l.inventory_item_id), locationExtId: gid('Location', l.location_id), quantity: l.available, observedAt: isoTime(l.updated_at) }],
        };
      }
      case 'products/create':
      case 'products/update':
      case 'products/delete': {
        const p = body(json, z.looseObject({ id: idSchema }), topic);
        const updated = typeof p.updated_at === 'string' ? p.updated_at : null;
        return { kind: 'catalog.dirty', occurredAt: updated ? isoTime(updated) : new Date(at ?? now).toISOString() };
      }
      case 'orders/updated':
      case 'orders/fulfilled':
      case 'orders/cancelled': {
        const o = body(json, withId, topic);
        return { kind: 'order.changed', extOrderId: gid('Order', o.id), version: null };
      }
      case 'orders/create':
        return { kind: 'ignored', reason: 'sales rung up in Shopify reach Makeries through the stock counts' };
      case 'app/uninstalled':
      case 'shop/redact':
        return { kind: 'connection.revoked' };
      case 'customers/data_request':
      case 'customers/redact':
        return { kind: 'ignored', reason: 'privacy request: Makeries keeps no Shopify customer data' };
      default:
        return { kind: 'ignored', reason: `not used: ${topic}` };
    }
  })();
  return { envelope, event };
}
