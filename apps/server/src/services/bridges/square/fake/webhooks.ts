import { createHmac } from 'node:crypto';
import { iso, newUuid, type FakeClock } from './state';

export const SIGNATURE_HEADER = 'x-square-hmacsha256-signature';

/** One signed notification, exactly as Square would POST it (body = the raw bytes that were signed). */
export interface FakeWebhookEvent {
  eventId: string;
  type: string;
  merchantId: string;
  body: string;
  headers: Record<string, string>;
}

export interface WebhookDelivery {
  eventId: string;
  status: number | null;
  error: string | null;
}

/** Square's scheme: base64(HMAC-SHA256(signatureKey, notificationUrl + rawBody)). */
export function signSquareWebhook(signatureKey: string, notificationUrl: string, body: string): string {
  return createHmac('sha256', signatureKey).update(notificationUrl + body).digest('base64');
}

/**
 * Builds Square webhook envelopes, keeps them in `outbox` (tests drain, shuffle and duplicate them) and, when a
 * delivery URL is set, POSTs each one as it happens.
 */
export class WebhookOutbox {
  readonly outbox: FakeWebhookEvent[] = [];
  readonly deliveries: WebhookDelivery[] = [];
  private deliverUrl: string | null = null;
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly signatureKey: string,
    private readonly notificationUrl: string,
    private readonly clock: FakeClock,
  ) {}

  sign(body: string): string {
    return signSquareWebhook(this.signatureKey, this.notificationUrl, body);
  }

  /** Envelope `{merchant_id, type, event_id, created_at, data: {type, id, object}}`, keys in Square's order. */
  emit(merchantId: string, type: string, data: { type: string; id: string; object: unknown }): FakeWebhookEvent {
    const eventId = newUuid();
    const body = JSON.stringify({
      merchant_id: merchantId,
      type,
      event_id: eventId,
      created_at: iso(this.clock.now()),
      data,
    });
    const event: FakeWebhookEvent = {
      eventId,
      type,
      merchantId,
      body,
      headers: {
        'content-type': 'application/json',
        [SIGNATURE_HEADER]: this.sign(body),
        'square-version': '2026-09-16',
        'user-agent': 'Square Connect v2',
      },
    };
    this.outbox.push(event);
    this.post(event);
    return event;
  }

  takeEvents(): FakeWebhookEvent[] {
    return this.outbox.splice(0, this.outbox.length);
  }

  deliverTo(url: string | null): void {
    this.deliverUrl = url;
  }

  /** Square retries and duplicates: the same event (same id, body and signature) again. */
  redeliver(event: FakeWebhookEvent): void {
    this.outbox.push(event);
    this.post(event);
  }

  /** Resolves when every POST started so far has finished (successfully or not). */
  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  private post(event: FakeWebhookEvent): void {
    const url = this.deliverUrl;
    if (url === null) return;
    const p = fetch(url, { method: 'POST', headers: event.headers, body: event.body })
      .then(async (res) => {
        await res.arrayBuffer();
        this.deliveries.push({ eventId: event.eventId, status: res.status, error: null });
      })
      .catch((err: unknown) => {
        this.deliveries.push({ eventId: event.eventId, status: null, error: String(err) });
      })
      .finally(() => this.pending.delete(p));
    this.pending.add(p);
  }
}
