import { z } from 'zod';
import { WebhookShapeError, type InboundEnvelope, type InboundEvent, type StockObservation } from '../types';
import { quantityOf } from './mapping';

/** Square's webhook envelope (raw JSON, snake_case): `{merchant_id, type, event_id, created_at, data {type, id, object}}`. */
const envelopeSchema = z.object({
  merchant_id: z.string().nullish(),
  type: z.string().min(1),
  event_id: z.string().min(1).max(200),
  created_at: z.string().nullish(),
  data: z
    .object({
      type: z.string().nullish(),
      id: z.string().nullish(),
      object: z.record(z.string(), z.unknown()).nullish(),
    })
    .nullish(),
});

const countSchema = z.object({
  catalog_object_id: z.string(),
  location_id: z.string(),
  state: z.string().nullish(),
  quantity: z.string().nullish(),
  calculated_at: z.string(),
});


function counts(object: Record<string, unknown> | null | undefined): StockObservation[] {
  const list = z.array(z.unknown()).safeParse(object?.inventory_counts);
  if (!list.success) return [];
  const out: StockObservation[] = [];
  for (const raw of list.data) {
    const c = countSchema.safeParse(raw);
    if (!c.success || (c.data.state && c.data.state !== 'IN_STOCK')) continue;
    out.push({ variantExtId: c.data.catalog_object_id, locationExtId: c.data.location_id, quantity: quantityOf(c.data.quantity), observedAt: c.data.calculated_at });
  }
  return out;
}

function orderRef(object: Record<string, unknown> | null | undefined, fallback: string | null | undefined): { id: string | null; version: string | null } {
  for (const key of ['order_updated', 'order_created', 'order_fulfillment_updated']) {
    const inner = object?.[key];
    if (inner && typeof inner === 'object') {
      const o = inner as { order_id?: unknown; version?: unknown };
      if (typeof o.order_id === 'string') return { id: o.order_id, version: typeof o.version === 'number' ? String(o.version) : null };
    }
  }
  return { id: fallback ?? null, version: null };
}

/** Verified bytes → what happened, in the engine's terms. Throws WebhookShapeError when it is not a Square event. */
export function parseSquareWebhook(rawBody: string): { envelope: InboundEnvelope; event: InboundEvent } {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    throw new WebhookShapeError('The webhook body is not JSON.');
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) throw new WebhookShapeError('The webhook is not a Square event.');
  const e = parsed.data;
  const envelope: InboundEnvelope = { dedupeKey: e.event_id, connectionKey: e.merchant_id ?? null, topic: e.type };
  const object = e.data?.object;
  switch (e.type) {
    case 'inventory.count.updated':
      return { envelope, event: { kind: 'stock', obs: counts(object) } };
    case 'catalog.version.updated': {
      const cv = object?.catalog_version as { updated_at?: unknown } | undefined;
      return { envelope, event: { kind: 'catalog.dirty', occurredAt: typeof cv?.updated_at === 'string' ? cv.updated_at : (e.created_at ?? new Date().toISOString()) } };
    }
    case 'order.created':
    case 'order.updated':
    case 'order.fulfillment.updated': {
      const ref = orderRef(object, e.data?.id);
      if (!ref.id) return { envelope, event: { kind: 'ignored', reason: 'order event without an order id' } };
      return { envelope, event: { kind: 'order.changed', extOrderId: ref.id, version: ref.version } };
    }
    case 'oauth.authorization.revoked':
      return { envelope, event: { kind: 'connection.revoked' } };
    default:
      return { envelope, event: { kind: 'ignored', reason: `not used: ${e.type}` } };
  }
}
