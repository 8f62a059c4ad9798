import { createHmac, randomUUID } from 'node:crypto';
import type { FakeClock } from './state';

export const SHOPIFY_API_VERSION = '2026-10';

/** One signed delivery, exactly as Shopify would POST it (body = the raw bytes that were signed). */
export interface FakeShopifyWebhook {
  topic: string;
  shop: string;
  /** X-Shopify-Event-Id: the same for every delivery of one event */
  eventId: string;
  /** X-Shopify-Webhook-Id: new for each delivery */
  webhookId: string;
  /** lower-case header names, as node:http hands them to a route */
  headers: Record<string, string>;
  body: string;
}

export interface WebhookDelivery {
  webhookId: string;
  status: number | null;
  error: string | null;
}

/** Shopify's scheme: base64(HMAC-SHA256(app client secret, raw body)). */
export function signShopifyWebhook(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body, 'utf8').digest('base64');
}

/** "2026-11-21T10:00:00.000000000Z", the nanosecond form of X-Shopify-Triggered-At. */
function triggeredAt(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}000000Z`;
}

/**
 * Builds signed deliveries, keeps them in `outbox` (tests drain, shuffle and duplicate them) and, when a delivery
 * URL is set, POSTs each one as it happens. Every topic is emitted (the fake has no subscription list).
 */
export class ShopifyWebhookOutbox {
  readonly outbox: FakeShopifyWebhook[] = [];
  readonly deliveries: WebhookDelivery[] = [];
  private deliverUrl: string | null = null;
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly secret: () => string,
    private readonly clock: FakeClock,
  ) {}

  emit(shop: string, topic: string, payload: unknown): FakeShopifyWebhook {
    const body = JSON.stringify(payload);
    const eventId = randomUUID();
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-shopify-topic': topic,
      'x-shopify-hmac-sha256': signShopifyWebhook(this.secret(), body),
      'x-shopify-shop-domain': shop,
      'x-shopify-api-version': SHOPIFY_API_VERSION,
      'x-shopify-webhook-id': randomUUID(),
      'x-shopify-event-id': eventId,
      'x-shopify-triggered-at': triggeredAt(this.clock.now()),
    };
    return this.push({ topic, shop, eventId, webhookId: headers['x-shopify-webhook-id'] ?? '', headers, body });
  }

  take(): FakeShopifyWebhook[] {
    return this.outbox.splice(0, this.outbox.length);
  }

  /** A retry or duplicate: a new delivery (new webhook id) of the same event with the original body. */
  redeliver(event: FakeShopifyWebhook): FakeShopifyWebhook {
    const webhookId = randomUUID();
    return this.push({ ...event, webhookId, headers: { ...event.headers, 'x-shopify-webhook-id': webhookId } });
  }

  deliverTo(url: string | null): void {
    this.deliverUrl = url;
  }

  /** Resolves when every POST started so far has finished (successfully or not). */
  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  private push(event: FakeShopifyWebhook): FakeShopifyWebhook {
    this.outbox.push(event);
    const url = this.deliverUrl;
    if (url !== null) {
      const p = fetch(url, { method: 'POST', headers: event.headers, body: event.body })
        .then(async (res) => {
          await res.arrayBuffer();
          this.deliveries.push({ webhookId: event.webhookId, status: res.status, error: null });
        })
        .catch((err: unknown) => {
          this.deliveries.push({ webhookId: event.webhookId, status: null, error: String(err) });
        })
        .finally(() => this.pending.delete(p));
      this.pending.add(p);
    }
    return event;
  }
}
