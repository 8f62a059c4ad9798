import type { NotifyTopic, PushPayload } from '@makeries/shared';
import { eq, inArray, or } from 'drizzle-orm';
import webpush from 'web-push';
import type { Db } from '../../db/client';
import { pushSubscriptionOrders, pushSubscriptions } from '../../db/schema/index';
import type { Env } from '../../env';
import type { Channel, DeliveryOutcome, OutgoingNotification } from './channel';
import { vapidKeys } from './vapid';

/** how long a push service keeps a push for a device that is offline: an order's news is stale after a day */
const TTL_SECONDS: Readonly<Record<NotifyTopic, number>> = {
  order_accepted: 6 * 3600,
  order_ready: 24 * 3600,
  order_out_for_delivery: 6 * 3600,
  order_cancelled: 24 * 3600,
  order_message: 24 * 3600,
  back_in_stock: 3 * 24 * 3600,
};
const SEND_TIMEOUT_MS = 10_000;

type Subscription = typeof pushSubscriptions.$inferSelect;
type Answer = 'sent' | 'expired' | 'refused' | 'transient';

export interface PushChannelOptions {
  /** the HTTP client (tests: the default, global fetch, reaching a local push-endpoint fake) */
  fetch?: typeof fetch;
  now?: () => Date;
}

function pushPayload(n: OutgoingNotification): PushPayload {
  return { title: n.title, body: n.body, url: n.link, tag: `${n.topic}:${n.orderId ?? n.id}` };
}

/** Every device of the notification's customer and every device following its order (a guest's), once each. */
async function devicesFor(db: Db, n: OutgoingNotification): Promise<Subscription[]> {
  const who = [
    ...(n.customerId ? [eq(pushSubscriptions.customerId, n.customerId)] : []),
    ...(n.orderId ? [inArray(pushSubscriptions.id, db.select({ id: pushSubscriptionOrders.subscriptionId }).from(pushSubscriptionOrders).where(eq(pushSubscriptionOrders.orderId, n.orderId)))] : []),
  ];
  if (who.length === 0) return [];
  return db.select().from(pushSubscriptions).where(or(...who));
}

/**
 * The web push channel: each device's payload encrypted by the `web-push` package (RFC 8291 aes128gcm to the
 * browser's keys, a VAPID JWT signed with our key, TTL and Urgency headers) and POSTed to its push service.
 * web-push's own sender only speaks https (https.request), so the request it builds (generateRequestDetails) is
 * sent with fetch — which also reaches the local push-endpoint fake of tests on http://127.0.0.1.
 * 2xx: sent; 404/410: the browser dropped the subscription, deleted; 429/5xx/no answer: thrown (transient, the
 * delivery job retries; the payload's tag makes a browser that got the first try replace it, not show it twice);
 * other 4xx: that device refused it (recorded as failed if no device took it).
 */
export function createPushChannel(db: Db, env: Env, opts: PushChannelOptions = {}): Channel {
  const send = opts.fetch ?? fetch;
  const now = opts.now ?? (() => new Date());
  async function sendTo(sub: Subscription, payload: string, n: OutgoingNotification): Promise<{ answer: Answer; why: string }> {
    const keys = vapidKeys(env);
    const req = webpush.generateRequestDetails({ endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } }, payload, {
      vapidDetails: keys,
      TTL: TTL_SECONDS[n.topic],
      urgency: n.topic === 'back_in_stock' ? 'normal' : 'high',
      contentEncoding: 'aes128gcm',
    });
    // the typings say strings; TTL and Content-Length are numbers at run time
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v as string | number)]));
    let status: number;
    try {
      const res = await send(req.endpoint, { method: 'POST', headers, body: req.body ? new Uint8Array(req.body) : undefined, signal: AbortSignal.timeout(SEND_TIMEOUT_MS), redirect: 'error' });
      status = res.status;
      await res.body?.cancel();
    } catch (err) {
      return { answer: 'transient', why: `push service unreachable: ${err instanceof Error ? err.message : String(err)}` };
    }
    if (status >= 200 && status < 300) return { answer: 'sent', why: '' };
    if (status === 404 || status === 410) return { answer: 'expired', why: String(status) };
    if (status === 429 || status >= 500) return { answer: 'transient', why: `push service answered ${String(status)}` };
    return { answer: 'refused', why: `push service refused it (${String(status)})` };
  }

  return {
    name: 'push',
    async deliver(n): Promise<DeliveryOutcome> {
      const devices = await devicesFor(db, n);
      if (devices.length === 0) return { status: 'unreachable' };
      const payload = JSON.stringify(pushPayload(n));
      const results = await Promise.all(devices.map(async (d) => ({ d, ...(await sendTo(d, payload, n)) })));
      const of = (a: Answer) => results.filter((r) => r.answer === a);
      const [sent, expired, refused, transient] = [of('sent'), of('expired'), of('refused'), of('transient')];
      if (expired.length > 0) await db.delete(pushSubscriptions).where(inArray(pushSubscriptions.id, expired.map((r) => r.d.id)));
      if (sent.length > 0) await db.update(pushSubscriptions).set({ lastUsedAt: now() }).where(inArray(pushSubscriptions.id, sent.map((r) => r.d.id)));
      if (transient.length > 0) throw new Error(`${String(transient.length)} of ${String(devices.length)} device(s) not reached yet: ${transient[0]?.why ?? ''}`);
      const devicesWord = (k: number) => `${String(k)} device${k === 1 ? '' : 's'}`;
      const notes = [expired.length > 0 ? `${devicesWord(expired.length)} expired, removed` : '', refused.length > 0 ? `${devicesWord(refused.length)} refused: ${refused[0]?.why ?? ''}` : ''].filter(Boolean).join('; ');
      if (sent.length > 0) return { status: 'sent', detail: [devicesWord(sent.length), notes].filter(Boolean).join('; ') };
      if (refused.length > 0) return { status: 'failed', detail: notes };
      return { status: 'unreachable' };
    },
  };
}
