import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { jobs } from '../../db/schema/index';
import { describeEachDb } from '../../test/harness';
import { backoffMs, enqueueJob, runDueJobs } from './jobs';

describeEachDb('payments job queue', (get) => {
  const db = () => get().database.db;

  it('queues a key once and runs each job once, even with two workers at it', async () => {
    expect(await enqueueJob(db(), 'count', 'count:a', { n: 1 })).toBe(true);
    expect(await enqueueJob(db(), 'count', 'count:a', { n: 1 })).toBe(false);
    await enqueueJob(db(), 'count', 'count:b', { n: 2 });
    const seen: string[] = [];
    const handlers = { count: async (job: { key: string }) => void seen.push(job.key) };
    const [x, y] = await Promise.all([runDueJobs(db(), handlers), runDueJobs(db(), handlers)]);
    expect((x?.done ?? 0) + (y?.done ?? 0)).toBe(2);
    expect(seen.sort()).toEqual(['count:a', 'count:b']);
    expect((await runDueJobs(db(), handlers)).done).toBe(0);
  });

  it('retries a failing job with growing backoff, then gives up and keeps the error', async () => {
    await enqueueJob(db(), 'flaky', 'flaky:1', {}, { maxAttempts: 3 });
    let calls = 0;
    const handlers = {
      flaky: async () => {
        calls++;
        throw new Error('Stripe is down');
      },
    };
    let now = Date.now();
    expect(await runDueJobs(db(), handlers, { now: () => new Date(now) })).toEqual({ done: 0, retried: 1, failed: 0 });
    // not due yet: nothing runs
    expect(await runDueJobs(db(), handlers, { now: () => new Date(now) })).toEqual({ done: 0, retried: 0, failed: 0 });
    now += backoffMs(1) + 1;
    expect((await runDueJobs(db(), handlers, { now: () => new Date(now) })).retried).toBe(1);
    now += backoffMs(2) + 1;
    expect((await runDueJobs(db(), handlers, { now: () => new Date(now) })).failed).toBe(1);
    expect(calls).toBe(3);
    const [row] = await db().select().from(jobs).where(eq(jobs.key, 'flaky:1'));
    expect(row).toMatchObject({ status: 'failed', attempts: 3, lastError: 'Stripe is down' });
    expect(backoffMs(2)).toBeGreaterThan(backoffMs(1));
  });
});
