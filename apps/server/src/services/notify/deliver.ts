import type { DeliveryStatus, NotifyChannel } from '@makeries/shared';
import { and, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { notificationDeliveries, notifications } from '../../db/schema/index';
import type { Env } from '../../env';
import { PermanentJobError, type JobLog, type JobRuntime } from '../../jobs/runtime';
import type { Channel, DeliveryOutcome, OutgoingNotification } from './channel';
import { notificationLinks } from './link';
import { MAX_DELIVERY_ATTEMPTS, NOTIFY_JOB } from './notify';
import { prefsLookup } from './prefs';

/** sends in flight at once per batch: a push service or SMS API answers in tens of milliseconds, not microseconds */
const CONCURRENCY = 32;
const FIRST_RETRY_MS = 15_000;
const MAX_RETRY_MS = 15 * 60_000;

function notifyRetryDelayMs(attempts: number): number {
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
}

interface Recorded {
  notificationId: string;
  channel: NotifyChannel;
  status: DeliveryStatus;
  detail: string;
  attempts: number;
  sentAt: Date | null;
}

async function pool<T>(items: readonly T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      if (item !== undefined) await run(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * Delivers one batch: each notification not yet done, on each channel its topic goes by, the recipient allows and
 * that has no final record yet. The outcomes are recorded in one statement; a notification is done when no channel
 * waits for a retry. A transient failure leaves a `retry` record and fails the job, so the runtime runs the batch
 * again with backoff — and only the channels still waiting are tried. After MAX_DELIVERY_ATTEMPTS it is `failed`.
 */
async function deliverBatch(db: Db, env: Env, channels: readonly Channel[], ids: readonly string[], now: Date, log?: JobLog): Promise<{ sent: number; retry: number }> {
  if (ids.length === 0) return { sent: 0, retry: 0 };
  const pending = await db.select().from(notifications).where(and(inArray(notifications.id, [...ids]), isNull(notifications.doneAt)));
  if (pending.length === 0) return { sent: 0, retry: 0 };
  const pendingIds = pending.map((n) => n.id);
  const previous = await db.select().from(notificationDeliveries).where(inArray(notificationDeliveries.notificationId, pendingIds));
  const before = new Map(previous.map((d) => [`${d.notificationId}/${d.channel}`, d]));
  const allowed = await prefsLookup(db, pending.flatMap((n) => (n.customerId ? [n.customerId] : [])));
  const links = await notificationLinks(db, env, pending);

  const work: { n: OutgoingNotification; channel: Channel; attempts: number }[] = [];
  for (const n of pending) {
    const out: OutgoingNotification = { id: n.id, topic: n.topic, customerId: n.customerId, orderId: n.orderId, vendorId: n.vendorId, title: n.title, body: n.body, link: links.get(n.id) ?? '' };
    for (const channel of channels) {
      if (!allowed(n.customerId, n.topic, channel.name)) continue;
      const had = before.get(`${n.id}/${channel.name}`);
      if (had && had.status !== 'retry') continue;
      work.push({ n: out, channel, attempts: had?.attempts ?? 0 });
    }
  }

  const recorded: Recorded[] = [];
  const record = (n: OutgoingNotification, channel: Channel, attempts: number, outcome: DeliveryOutcome | { error: unknown }) => {
    if ('error' in outcome) {
      const detail = (outcome.error instanceof Error ? outcome.error.message : String(outcome.error)).slice(0, 500);
      const tries = attempts + 1;
      recorded.push({ notificationId: n.id, channel: channel.name, status: tries >= MAX_DELIVERY_ATTEMPTS ? 'failed' : 'retry', detail, attempts: tries, sentAt: null });
      return;
    }
    if (outcome.status === 'unreachable') return;
    recorded.push({
      notificationId: n.id,
      channel: channel.name,
      status: outcome.status,
      detail: (outcome.detail ?? '').slice(0, 500),
      attempts: attempts + 1,
      sentAt: outcome.status === 'sent' ? now : null,
    });
  };
  for (const channel of channels) {
    const mine = work.filter((w) => w.channel === channel);
    if (mine.length === 0 || !channel.deliverMany) continue;
    try {
      const outcomes = await channel.deliverMany(mine.map((w) => w.n));
      mine.forEach((w, i) => record(w.n, channel, w.attempts, outcomes[i] ?? { error: new Error('the channel gave no answer') }));
    } catch (error) {
      for (const w of mine) record(w.n, channel, w.attempts, { error });
    }
  }
  await pool(
    work.filter((w) => !w.channel.deliverMany),
    CONCURRENCY,
    async ({ n, channel, attempts }) => {
      try {
        record(n, channel, attempts, await channel.deliver(n));
      } catch (error) {
        record(n, channel, attempts, { error });
      }
    },
  );

  const waiting = new Set(recorded.filter((r) => r.status === 'retry').map((r) => r.notificationId));
  await db.transaction(async (tx) => {
    if (recorded.length > 0) {
      await tx
        .insert(notificationDeliveries)
        .values(recorded)
        .onConflictDoUpdate({
          target: [notificationDeliveries.notificationId, notificationDeliveries.channel],
          set: {
            status: sql`excluded.status`,
            detail: sql`excluded.detail`,
            attempts: sql`excluded.attempts`,
            sentAt: sql`excluded.sent_at`,
          },
        });
    }
    const done = pendingIds.filter((id) => !waiting.has(id));
    if (done.length > 0) await tx.update(notifications).set({ doneAt: now }).where(inArray(notifications.id, done));
  });
  const sent = recorded.filter((r) => r.status === 'sent').length;
  if (waiting.size > 0) log?.error({ waiting: waiting.size, sent }, 'some notifications could not be delivered yet; retrying');
  return { sent, retry: waiting.size };
}

/** The delivery job on the runtime (jobs/server-jobs.ts), with the channels this instance can send on. */
export function registerNotifyJobs(runtime: JobRuntime, db: Db, env: Env, channels: readonly Channel[], log?: JobLog): void {
  runtime.register(
    NOTIFY_JOB,
    async (job, ctx) => {
      const ids = job.payload.ids;
      if (!Array.isArray(ids) || !ids.every((id): id is string => typeof id === 'string')) throw new PermanentJobError('job payload has no notification ids');
      const { retry } = await deliverBatch(db, env, channels, ids, ctx.now, log);
      if (retry > 0) throw new Error(`${String(retry)} notification(s) wait for a retry`);
    },
    { maxAttempts: MAX_DELIVERY_ATTEMPTS, backoffMs: notifyRetryDelayMs },
  );
}
