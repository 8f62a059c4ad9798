import Stripe from 'stripe';
import { now, stripeId, type FakeEvent } from './objects';

const signer = Stripe.webhooks;

export interface Delivery {
  eventId: string;
  status: number;
  body: string;
}

/**
 * Webhook events the fake emitted. They go to `target` as they happen (`autoDeliver`), or are held so a test
 * can deliver them in any order, twice, or with a bad signature.
 */
export class FakeEvents {
  readonly all: FakeEvent[] = [];
  /** not yet delivered (in emission order) */
  readonly pending: FakeEvent[] = [];
  readonly deliveries: Delivery[] = [];
  target: { url: string; secret: string } | null = null;
  autoDeliver = true;
  private inFlight = new Set<Promise<unknown>>();

  emit(type: string, object: unknown, extra: { previous?: Record<string, unknown>; account?: string; idempotencyKey?: string | null } = {}): FakeEvent {
    const event: FakeEvent = {
      id: stripeId('evt'),
      object: 'event',
      ...(extra.account ? { account: extra.account } : {}),
      api_version: Stripe.API_VERSION,
      created: now(),
      // a snapshot, as Stripe sends it: later changes to the object do not leak into old events
      data: { object: structuredClone(object), ...(extra.previous ? { previous_attributes: extra.previous } : {}) },
      livemode: false,
      pending_webhooks: 1,
      request: { id: stripeId('req'), idempotency_key: extra.idempotencyKey ?? null },
      type,
    };
    this.all.push(event);
    if (this.autoDeliver && this.target) this.track(this.deliver(event));
    else this.pending.push(event);
    return event;
  }

  /** Stops automatic delivery: new events wait in `pending`. */
  hold(): void {
    this.autoDeliver = false;
  }

  ofType(type: string): FakeEvent[] {
    return this.all.filter((e) => e.type === type);
  }

  /** Sends one event (again, if already sent) signed with the target's secret, or with `secret` to forge one. */
  async deliver(event: FakeEvent, opts: { secret?: string; tamper?: boolean } = {}): Promise<Delivery> {
    const target = this.target;
    if (!target) throw new Error('fake stripe: no webhook target set');
    const payload = JSON.stringify(event);
    const header = signer.generateTestHeaderString({ payload, secret: opts.secret ?? target.secret });
    const body = opts.tamper ? payload.replace('"livemode":false', '"livemode":true') : payload;
    const res = await fetch(target.url, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': header }, body });
    const delivery = { eventId: event.id, status: res.status, body: await res.text() };
    this.deliveries.push(delivery);
    const i = this.pending.indexOf(event);
    if (i >= 0) this.pending.splice(i, 1);
    return delivery;
  }

  /** Delivers everything held, in emission order or the order `arrange` returns. */
  async flush(arrange: (events: FakeEvent[]) => FakeEvent[] = (e) => e): Promise<Delivery[]> {
    const batch = arrange([...this.pending]);
    const out: Delivery[] = [];
    for (const e of batch) out.push(await this.deliver(e));
    return out;
  }

  /** Waits for automatic deliveries already started. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private track(p: Promise<unknown>): void {
    const guarded = p.catch(() => undefined).finally(() => this.inFlight.delete(guarded));
    this.inFlight.add(guarded);
  }
}
