import type { Db } from '../../db/client';
import type { Env } from '../../env';
import { startPeriodicJob, type PeriodicJob } from '../periodic';
import { processStripeEvent, STRIPE_EVENT_JOB } from './events';
import { runDueJobs, type JobHandler, type RunSummary } from './jobs';
import { refundClosedOrder } from './order-refunds';
import { enqueueCardOrderWork, ORDER_REFUND_JOB, TRANSFER_JOB } from './sweep';
import { transferOrderShare } from './transfers';

function orderIdOf(payload: Record<string, unknown>): string {
  const id = payload.orderId;
  if (typeof id !== 'string') throw new Error('job payload has no orderId');
  return id;
}

export function paymentJobHandlers(db: Db, env: Env): Record<string, JobHandler> {
  return {
    [STRIPE_EVENT_JOB]: async (job) => {
      const id = job.payload.eventId;
      if (typeof id !== 'string') throw new Error('job payload has no eventId');
      await processStripeEvent(db, env, id);
    },
    [TRANSFER_JOB]: (job) => transferOrderShare(db, env, orderIdOf(job.payload)),
    [ORDER_REFUND_JOB]: (job) => refundClosedOrder(db, env, orderIdOf(job.payload)),
  };
}

/** One pass: find card orders that need a transfer or refund, then run every due job. */
export async function runPaymentJobs(db: Db, env: Env, opts: { now?: () => Date } = {}): Promise<RunSummary> {
  const handlers = paymentJobHandlers(db, env);
  const first = await runDueJobs(db, handlers, opts);
  // events processed above may have made orders payable; the sweep then queues their transfers/refunds
  await enqueueCardOrderWork(db);
  const second = await runDueJobs(db, handlers, opts);
  return { done: first.done + second.done, retried: first.retried + second.retried, failed: first.failed + second.failed };
}

/** The payments worker (webhook events, transfers, refunds), every few seconds; several instances may run it. */
export function startPaymentsWorker(db: Db, env: Env, opts: { intervalMs?: number; onError: (err: unknown) => void }): PeriodicJob<RunSummary> {
  return startPeriodicJob(() => runPaymentJobs(db, env), { intervalMs: opts.intervalMs ?? 5_000, onError: opts.onError });
}
