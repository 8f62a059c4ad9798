import { uuidv7 } from '@makeries/shared';
import { eq, inArray, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { jobs } from '../db/schema/index';
import { describeEachDb } from '../test/harness';
import { failedJobsReport } from './failed-report';
import { backoffMs, claimJob, enqueue, LEASE_MS, listFailedJobs, markDone, retryFailedJob } from './queue';
import { CLEANUP_TASK, createJobRuntime, DONE_RETENTION_MS, PermanentJobError } from './runtime';
import { wakeJobs } from './wake';

/** A clock the test moves by hand: no test waits for real time. */
function manualClock(start = Date.now()) {
  let t = start;
  return { now: () => new Date(t), advance: (ms: number) => (t += ms), at: () => t };
}

describeEachDb('job runtime', (get) => {
  const db = () => get().database.db;
  const rowsOf = (keys: string[]) => db().select().from(jobs).where(inArray(jobs.key, keys));
  const unique = (prefix: string) => `${prefix}-${uuidv7()}`;

  it('queues a key once, only when the enqueueing transaction commits', async () => {
    const kind = unique('once');
    expect(await enqueue(db(), kind, `${kind}:a`, {})).toBe(true);
    expect(await enqueue(db(), kind, `${kind}:a`, { other: true })).toBe(false);
    await db()
      .transaction(async (tx) => {
        await enqueue(tx, kind, `${kind}:rolled-back`, {});
        throw new Error('the change failed');
      })
      .catch(() => undefined);
    expect((await rowsOf([`${kind}:a`, `${kind}:rolled-back`])).map((r) => r.key)).toEqual([`${kind}:a`]);
  });

  it('two runtimes on one database run each job exactly once', async () => {
    const kind = unique('count');
    const keys = Array.from({ length: 12 }, (_, i) => `${kind}:${i}`);
    for (const key of keys) await enqueue(db(), kind, key, {});
    const runs: string[] = [];
    const runtimes = [createJobRuntime(db()), createJobRuntime(db())];
    for (const r of runtimes) {
      r.register(kind, async (job) => {
        runs.push(job.key);
        // let the other instance claim meanwhile
        await new Promise((resolve) => setImmediate(resolve));
      });
    }
    const [a, b] = await Promise.all(runtimes.map((r) => r.tick()));
    expect((a?.done ?? 0) + (b?.done ?? 0)).toBe(keys.length);
    expect([...runs].sort()).toEqual([...keys].sort());
    expect((await rowsOf(keys)).every((r) => r.status === 'done' && r.attempts === 1)).toBe(true);
    expect((await runtimes[0]!.tick()).done).toBe(0);
  });

  it('retries a failing job with exponential backoff, then keeps it as failed; an operator can list and retry it', async () => {
    const kind = unique('flaky');
    const key = `${kind}:1`;
    const clock = manualClock();
    await enqueue(db(), kind, key, {}, { runAt: clock.now() });
    let calls = 0;
    let healthy = false;
    const runtime = createJobRuntime(db(), { now: clock.now });
    runtime.register(
      kind,
      () => {
        calls++;
        return healthy ? Promise.resolve() : Promise.reject(new Error('Stripe is down'));
      },
      { maxAttempts: 3 },
    );
    expect(await runtime.tick()).toMatchObject({ done: 0, retried: 1, failed: 0 });
    const [first] = await rowsOf([key]);
    expect(first!.runAt.getTime()).toBe(clock.at() + backoffMs(1));
    // not due yet: nothing runs
    clock.advance(backoffMs(1) - 1);
    expect(await runtime.tick()).toMatchObject({ done: 0, retried: 0, failed: 0 });
    clock.advance(1);
    expect(await runtime.tick()).toMatchObject({ retried: 1 });
    const [second] = await rowsOf([key]);
    expect(second!.runAt.getTime()).toBe(clock.at() + backoffMs(2));
    expect(backoffMs(2)).toBe(2 * backoffMs(1));
    clock.advance(backoffMs(2));
    expect(await runtime.tick()).toMatchObject({ failed: 1 });
    expect(calls).toBe(3);
    clock.advance(86_400_000);
    expect(await runtime.tick()).toMatchObject({ done: 0, retried: 0, failed: 0 });

    const dead = (await listFailedJobs(db())).find((j) => j.key === key);
    expect(dead).toMatchObject({ status: 'failed', attempts: 3, lastError: 'Stripe is down' });
    expect(await failedJobsReport(db())).toContain(`${dead!.id}  ${kind}  ${key}  attempts 3/3`);
    expect(await retryFailedJob(db(), uuidv7())).toBe(false);
    expect(await retryFailedJob(db(), dead!.id, clock.now())).toBe(true);
    healthy = true;
    expect(await runtime.tick()).toMatchObject({ done: 1 });
    expect((await listFailedJobs(db())).some((j) => j.key === key)).toBe(false);
    expect(calls).toBe(4);
  });

  it('background work runs only when nothing else is due: a job queued behind a backlog of photos goes first', async () => {
    const photo = unique('photo');
    const stock = unique('stock');
    const at = new Date(Date.now() - 60_000);
    for (let i = 0; i < 3; i++) await enqueue(db(), photo, `${photo}:${String(i)}`, {}, { runAt: new Date(at.getTime() + i) });
    await enqueue(db(), stock, `${stock}:1`, {}, { runAt: new Date(at.getTime() + 10) });
    const order: string[] = [];
    const runtime = createJobRuntime(db());
    runtime.register(photo, (job) => {
      order.push(job.key);
      // a webhook stored while the first photo is copied still goes before the next photo
      return job.key === `${photo}:0` ? enqueue(db(), stock, `${stock}:2`, {}).then(() => undefined) : Promise.resolve();
    }, { background: true });
    runtime.register(stock, (job) => {
      order.push(job.key);
      return Promise.resolve();
    });
    const summary = await runtime.tick({ jobsOnly: true });
    expect(order).toEqual([`${stock}:1`, `${photo}:0`, `${stock}:2`, `${photo}:1`, `${photo}:2`]);
    expect(summary).toMatchObject({ done: 5 });
  });

  it('a permanent error fails the job at once', async () => {
    const kind = unique('refused');
    await enqueue(db(), kind, `${kind}:1`, {});
    const runtime = createJobRuntime(db());
    runtime.register(kind, () => Promise.reject(new PermanentJobError('no such mailbox')));
    expect(await runtime.tick()).toMatchObject({ failed: 1, retried: 0 });
    expect((await rowsOf([`${kind}:1`]))[0]).toMatchObject({ status: 'failed', attempts: 1, lastError: 'no such mailbox' });
  });

  it('a job whose instance died mid-run is run again after its lease, and the stale claim cannot record an outcome', async () => {
    const kind = unique('lease');
    const key = `${kind}:1`;
    const clock = manualClock();
    await enqueue(db(), kind, key, {}, { runAt: clock.now() });
    const stale = await claimJob(db(), [kind], clock.now()); // an instance that then crashed
    expect(stale?.key).toBe(key);
    let calls = 0;
    const runtime = createJobRuntime(db(), { now: clock.now });
    runtime.register(kind, () => {
      calls++;
      return Promise.resolve();
    });
    expect((await runtime.tick()).done).toBe(0); // still leased
    clock.advance(LEASE_MS);
    expect((await runtime.tick()).done).toBe(1);
    expect(calls).toBe(1);
    await markDone(db(), { ...stale!, status: 'queued' }, clock.now());
    const [row] = await rowsOf([key]);
    expect(row).toMatchObject({ status: 'done', attempts: 2 });
    // jobs of kinds an instance has not registered are left for one that has
    const other = unique('elsewhere');
    await enqueue(db(), other, `${other}:1`, {}, { runAt: clock.now() });
    expect((await runtime.tick()).done).toBe(0);
    expect((await rowsOf([`${other}:1`]))[0]).toMatchObject({ status: 'queued', attempts: 0 });
  });

  it('a periodic task runs once per due time across two instances, first at start', async () => {
    const clock = manualClock();
    const name = unique('tick');
    const runs: string[] = [];
    const runtimes = ['a', 'b'].map((who) => {
      const r = createJobRuntime(db(), { now: clock.now });
      r.every(name, 60_000, () => {
        runs.push(who);
        return Promise.resolve();
      });
      return r;
    });
    const both = () => Promise.all(runtimes.map((r) => r.tick()));
    await both();
    expect(runs).toHaveLength(1);
    clock.advance(59_999);
    await both();
    await both();
    expect(runs).toHaveLength(1);
    clock.advance(1);
    await both();
    expect(runs).toHaveLength(2);
    // a failing run is recorded and the task runs again when next due
    const failing = createJobRuntime(db(), { now: clock.now });
    const broken = unique('broken');
    let attempts = 0;
    failing.every(broken, 60_000, () => {
      attempts++;
      return Promise.reject(new Error('disk full'));
    });
    expect((await failing.tick()).periodic).toContain(broken);
    const [row] = await db().execute(sql`SELECT last_error FROM job_schedules WHERE name = ${broken}`).then((r) => (r as { rows: { last_error: string }[] }).rows);
    expect(row?.last_error).toBe('disk full');
    clock.advance(60_000);
    await failing.tick();
    expect(attempts).toBe(2);
  });

  it('deletes finished jobs after the retention; failed and recent ones stay', async () => {
    const clock = manualClock();
    const kind = unique('old');
    const keys = ['done-old', 'done-new', 'failed-old'].map((k) => `${kind}:${k}`);
    for (const key of keys) await enqueue(db(), kind, key, {});
    const old = new Date(clock.at() - DONE_RETENTION_MS - 1);
    await db().update(jobs).set({ status: 'done', updatedAt: old }).where(eq(jobs.key, keys[0]!));
    await db().update(jobs).set({ status: 'done', updatedAt: clock.now() }).where(eq(jobs.key, keys[1]!));
    await db().update(jobs).set({ status: 'failed', updatedAt: old }).where(eq(jobs.key, keys[2]!));
    await db().execute(sql`DELETE FROM job_schedules WHERE name = ${CLEANUP_TASK}`);
    const runtime = createJobRuntime(db(), { now: clock.now });
    expect((await runtime.tick()).periodic).toEqual([CLEANUP_TASK]);
    expect((await rowsOf(keys)).map((r) => r.key).sort()).toEqual([keys[1], keys[2]].sort());
  });

  it('stop() waits for the job in flight and claims nothing after it', async () => {
    const kind = unique('slow');
    await enqueue(db(), kind, `${kind}:1`, {});
    await enqueue(db(), kind, `${kind}:2`, {});
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    let entered: () => void = () => {};
    const inFlight = new Promise<void>((r) => (entered = r));
    const ran: string[] = [];
    const runtime = createJobRuntime(db());
    runtime.register(kind, async (job) => {
      entered();
      await gate;
      ran.push(job.key);
    });
    runtime.start({ pollMs: 3_600_000 });
    await inFlight;
    let stopped = false;
    const stopping = runtime.stop().then(() => (stopped = true));
    await new Promise((r) => setImmediate(r));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(ran).toEqual([`${kind}:1`]);
    expect((await rowsOf([`${kind}:1`, `${kind}:2`])).map((r) => [r.key, r.status]).sort()).toEqual([
      [`${kind}:1`, 'done'],
      [`${kind}:2`, 'queued'],
    ]);
  });

  it('woken by urgent work, a started runtime runs the job at once without waiting for its poll or running periodic tasks', async () => {
    const kind = unique('woken');
    const runtime = createJobRuntime(db());
    let periodicRuns = 0;
    let ran: () => void = () => undefined;
    const done = new Promise<void>((r) => (ran = r));
    runtime.register(kind, () => {
      ran();
      return Promise.resolve();
    });
    runtime.every(unique('periodic'), 3_600_000, () => {
      periodicRuns++;
      return Promise.resolve();
    });
    runtime.start({ pollMs: 3_600_000 }); // the poll would not come back within this test
    try {
      await runtime.tick(); // the first beat's pass, with the periodic task
      expect(periodicRuns).toBe(1);
      await enqueue(db(), kind, `${kind}:a`, {});
      wakeJobs();
      await done;
      await runtime.tick({ jobsOnly: true });
      expect((await rowsOf([`${kind}:a`]))[0]?.status).toBe('done');
      expect(periodicRuns).toBe(1);
    } finally {
      await runtime.stop();
    }
  });
});
