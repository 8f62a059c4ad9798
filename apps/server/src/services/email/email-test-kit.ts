import type { Db } from '../../db/client';
import { createJobRuntime } from '../../jobs/runtime';
import { registerEmailJobs, type SendOptions } from './sender';

export interface SendResult {
  sent: number;
  retrying: number;
  failed: number;
}

/**
 * One pass of the job runtime with only the email jobs registered, at the test's clock: what a server instance does
 * for the emails that are due. Not a test file itself.
 */
export async function sendQueuedEmails(db: Db, opts: SendOptions & { now?: () => number }): Promise<SendResult> {
  const clock = opts.now ?? Date.now;
  const runtime = createJobRuntime(db, { now: () => new Date(clock()) });
  registerEmailJobs(runtime, db, opts);
  const r = await runtime.tick();
  return { sent: r.done, retrying: r.retried, failed: r.failed };
}
