import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { WebhookShapeError, type ParsedWebhook, type WebhookHeaders } from '../types';
import { isoOf, quantityOfStatus } from './mapping';

const TOAST_SIGNATURE_HEADER = 'toast-signature';
export const TOAST_RESTAURANT_HEADER = 'toast-restaurant-external-id';

/** Toast's envelope, the same for every category: `{timestamp, eventCategory, eventType, guid, details}`. */
const envelopeSchema = z.object({
  timestamp: z.string().min(1),
  eventCategory: z.string().nullish(),
  eventType: z.string().min(1),
  guid: z.string().min(1).max(200),
  details: z.record(z.string(), z.unknown()).nullish(),
});

function bodyTimestamp(rawBody: string): string | null {
  try {
    const j = JSON.parse(rawBody) as { timestamp?: unknown };
    return typeof j.timestamp === 'string' ? j.timestamp : null;
  } catch {
    return null;
  }
}

/** `base64(HMAC-SHA256(secret, rawBody + timestamp))`, the timestamp being the body's own field (no header carries one). */
export function signToast(secret: string, rawBody: string, timestamp: string): string {
  return createHmac('sha256', secret).update(rawBody + timestamp).digest('base64');
}

export function verifyToastSignature(secret: string | undefined, rawBody: string, headers: WebhookHeaders): boolean {
  const given = headers[TOAST_SIGNATURE_HEADER];
  if (!secret || typeof given !== 'string') return false;
  const timestamp = bodyTimestamp(rawBody);
  if (timestamp === null) return false;
  const expected = Buffer.from(signToast(secret, rawBody, timestamp), 'base64');
  const actual = Buffer.from(given, 'base64');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null);

/** Verified bytes → what happened, in the engine's terms. Throws WebhookShapeError when it is not a Toast event. */
export function parseToastWebhook(rawBody: string, headers: WebhookHeaders): ParsedWebhook {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    throw new WebhookShapeError('The webhook body is not JSON.');
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) throw new WebhookShapeError('The webhook is not a Toast event.');
  const e = parsed.data;
  const d = e.details ?? {};
  const header = headers[TOAST_RESTAURANT_HEADER];
  const restaurant = str(d.restaurantGuid) ?? (typeof header === 'string' && header !== '' ? header : null);
  const envelope = { dedupeKey: e.guid, connectionKey: restaurant, topic: `${e.eventCategory ?? 'unknown'}/${e.eventType}` };
  const at = isoOf(e.timestamp, new Date().toISOString());
  switch (e.eventType) {
    case 'in_stock':
    case 'low_quantity':
    case 'out_of_stock': {
      const mlid = str(d.multiLocationId);
      const quantity = quantityOfStatus(str(d.status), typeof d.quantity === 'number' ? d.quantity : null);
      if (!mlid || !restaurant || quantity === undefined) return { envelope, event: { kind: 'ignored', reason: 'stock event without an item or a status' } };
      return { envelope, event: { kind: 'stock', obs: [{ variantExtId: mlid, locationExtId: restaurant, quantity, observedAt: at }] } };
    }
    case 'menus_updated':
      return { envelope, event: { kind: 'catalog.dirty', occurredAt: isoOf(str(d.publishedDate), at) } };
    case 'partner_removed':
      return { envelope, event: { kind: 'connection.revoked' } };
    case 'partner_added':
    case 'partner_updated':
      return { envelope, event: { kind: 'ignored', reason: 'a restaurant added Makeries: the owner claims it in the back office' } };
    case 'order_updated':
    case 'channel_order_updated': {
      const order = d.order as { guid?: unknown; modifiedDate?: unknown } | undefined;
      const guid = str(order?.guid);
      if (!guid) return { envelope, event: { kind: 'ignored', reason: 'order event without an order guid' } };
      return { envelope, event: { kind: 'order.changed', extOrderId: guid, version: str(order?.modifiedDate) } };
    }
    default:
      return { envelope, event: { kind: 'ignored', reason: `not used: ${envelope.topic}` } };
  }
}
