import { uuidv7 } from '@makeries/shared';
import type { BenchCounter } from './scale-counters';
import type { CounterShop } from './scale-seed';
import { mutate, ok, type Instance } from './trpc-http';

/** A probe that never completes counts as this long (and fails the budget) instead of hanging the bench. */
const GIVE_UP_MS = 30_000;

interface Placed {
  orderId: string;
  trackingToken: string;
}

/** A guest's pay-at-pickup web order (no card, so no Stripe), placed through one instance. */
export async function placeOrder(lbUrl: string, shop: CounterShop, instance?: Instance): Promise<Placed> {
  const placed = ok(
    await mutate<{ orders: { id: string; trackingToken: string }[] }>(
      lbUrl,
      'orders.checkout',
      {
        idempotencyKey: uuidv7(),
        contact: { name: 'Bench Buyer', email: 'buyer@example.test', phone: '07700 900000' },
        items: [{ variantId: shop.variantId, quantity: 1 }],
        fulfilment: [{ vendorId: shop.vendorId, type: 'pickup' }],
        paymentMethod: 'pay_at_pickup',
      },
      instance ? { instance } : {},
    ),
    'checkout',
  );
  const order = placed.orders[0];
  if (!order) throw new Error('checkout returned no order');
  return { orderId: order.id, trackingToken: order.trackingToken };
}

const giveUp = () => new Promise<number>((resolve) => setTimeout(() => resolve(Number.POSITIVE_INFINITY), GIVE_UP_MS));

/**
 * Web order placed through `via` → in the mirror of `counter` (connected to another instance): ms from the
 * checkout request, and from its answer (the commit).
 */
export async function pokeProbe(lbUrl: string, counter: BenchCounter, shop: CounterShop, via: Instance): Promise<{ fromRequest: number; fromCommit: number }> {
  const t0 = performance.now();
  const { orderId } = await placeOrder(lbUrl, shop, via);
  const committed = performance.now();
  const seen = await Promise.race([counter.watch(orderId), giveUp()]);
  const cap = (ms: number) => (Number.isFinite(ms) ? ms : GIVE_UP_MS);
  return { fromRequest: cap(seen - t0), fromCommit: cap(seen - committed) };
}

/** Server-Sent Events of one order's tracking stream, read through the load balancer pinned to `instance`. */
async function openTracking(lbUrl: string, p: Placed, instance: Instance, signal: AbortSignal) {
  const res = await fetch(`${lbUrl}/live/orders/${p.orderId}?t=${encodeURIComponent(p.trackingToken)}`, {
    headers: { accept: 'text/event-stream', 'x-makeries-instance': instance },
    signal,
  });
  if (res.status !== 200 || !res.body) throw new Error(`tracking stream answered ${res.status}`);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  /** the next status the stream announces */
  return async function nextStatus(): Promise<string> {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const event = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = /^data: (.*)$/m.exec(event)?.[1];
        if (/^event: status$/m.test(event) && data) return (JSON.parse(data) as { status: string }).status;
        continue;
      }
      const { value, done } = await reader.read();
      if (done) throw new Error('tracking stream ended');
      buffer += value;
    }
  };
}

/** A guest watches their order on instance `watchOn`; the shop accepts it through instance `acceptVia`: ms until the page hears. */
export async function trackingProbe(lbUrl: string, shop: CounterShop, watchOn: Instance, acceptVia: Instance): Promise<{ fromRequest: number; fromCommit: number }> {
  const placed = await placeOrder(lbUrl, shop);
  const abort = new AbortController();
  try {
    const next = await openTracking(lbUrl, placed, watchOn, abort.signal);
    if ((await next()) !== 'placed') throw new Error('tracking stream did not start at placed');
    const t0 = performance.now();
    ok(await mutate(lbUrl, 'orders.transition', { orderId: placed.orderId, to: 'accepted', prepMinutes: 15 }, { instance: acceptVia, bearer: shop.ownerToken }), 'accept');
    const committed = performance.now();
    const heard = await Promise.race([
      (async () => {
        while ((await next()) !== 'accepted');
        return performance.now();
      })(),
      giveUp(),
    ]);
    return Number.isFinite(heard) ? { fromRequest: heard - t0, fromCommit: heard - committed } : { fromRequest: GIVE_UP_MS, fromCommit: GIVE_UP_MS };
  } finally {
    abort.abort();
  }
}
