import type { Db } from '../../db/client';
import type { Env } from '../../env';
import type { JobRuntime } from '../../jobs/runtime';
import { processStripeEvent, STRIPE_EVENT_JOB } from './events';
import { refundClosedOrder } from './order-refunds';
import { enqueueCardOrderWork, ORDER_REFUND_JOB, TRANSFER_JOB } from './sweep';
import { transferOrderShare } from './transfers';

export const PAYMENTS_SWEEP_TASK = 'payments.sweep';

function orderIdOf(payload: Record<string, unknown>): string {
  const id = payload.orderId;
  if (typeof id !== 'string') throw new Error('job payload has no orderId');
  return id;
}

/**
 * The payments' background work on the job runtime: webhook events, transfers and refunds as jobs, and the sweep
 * that queues transfers/refunds for card orders whose status moved (any instance, every few seconds, one at a time).
 * Registered whenever Stripe is configured, whether or not this instance serves the webhook route.
 */
export function registerPaymentJobs(runtime: JobRuntime, db: Db, env: Env, opts: { sweepEveryMs?: number } = {}): void {
  runtime.register(STRIPE_EVENT_JOB, async (job) => {
    const id = job.payload.eventId;
    if (typeof id !== 'string') throw new Error('job payload has no eventId');
    await processStripeEvent(db, env, id);
  });
  runtime.register(TRANSFER_JOB, (job) => transferOrderShare(db, env, orderIdOf(job.payload)));
  runtime.register(ORDER_REFUND_JOB, (job) => refundClosedOrder(db, env, orderIdOf(job.payload)));
  runtime.every(PAYMENTS_SWEEP_TASK, opts.sweepEveryMs ?? 5_000, () => enqueueCardOrderWork(db));
}
