import { uuidv7 } from '@makeries/shared';
import { inArray } from 'drizzle-orm';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { jobs } from '../db/schema/index';
import { BRIDGE_TASKS } from '../services/bridges/jobs';
import { EMAIL_JOB } from '../services/email/sender';
import { EXPIRED_CREDENTIALS_TASK } from '../services/expired-credentials';
import { fileTransport } from '../services/email/transport';
import { HEALTH_TASK } from '../services/health/refresh';
import { PAYMENTS_SWEEP_TASK } from '../services/payments/background';
import { TRANSFER_JOB } from '../services/payments/sweep';
import { ROLLUP_TASK } from '../services/rollups/refresh';
import { DIGEST_TASK } from '../services/comeback/digest';
import { PRUNE_TASK } from '../services/sync/prune-schedule';
import { describeEachDb, testEnv } from '../test/harness';
import { enqueue } from './queue';
import { CLEANUP_TASK } from './runtime';
import { createServerJobs } from './server-jobs';

describeEachDb('the server instance’s background work', (get) => {
  const db = () => get().database.db;
  const transport = fileTransport(mkdtempSync(join(tmpdir(), 'mk-jobs-mail-')));
  const statusOf = async (keys: string[]) =>
    Object.fromEntries((await db().select().from(jobs).where(inArray(jobs.key, keys))).map((r) => [r.key.split(':')[0], r.status]));

  it('without Stripe runs emails, pruning, cleanup, the storefront and market health rollups and the POS bridge sweeps, and leaves payments jobs to an instance that has Stripe', async () => {
    const t = Date.now() + 10 * 86_400_000; // a due time no earlier test claimed
    const email = `${EMAIL_JOB}:${uuidv7()}`;
    const transfer = `${TRANSFER_JOB}:${uuidv7()}`;
    await enqueue(db(), EMAIL_JOB, email, { outboxId: uuidv7() }); // an email row since deleted: nothing to send
    await enqueue(db(), TRANSFER_JOB, transfer, { orderId: uuidv7() });
    const plain = createServerJobs(db(), testEnv(), { transport, from: 'no-reply@makeries.test', now: () => new Date(t) });
    const pass = await plain.tick();
    expect(pass.periodic.sort()).toEqual([CLEANUP_TASK, EXPIRED_CREDENTIALS_TASK, PRUNE_TASK, ROLLUP_TASK, HEALTH_TASK, DIGEST_TASK, ...Object.values(BRIDGE_TASKS)].sort());
    expect(await statusOf([email, transfer])).toEqual({ [EMAIL_JOB]: 'done', [TRANSFER_JOB]: 'queued' });

    // an instance with Stripe configured runs them, without any webhook route mounted
    const stripe = createServerJobs(db(), testEnv({ STRIPE_SECRET_KEY: 'sk_test_makeries' }), {
      transport,
      from: 'no-reply@makeries.test',
      now: () => new Date(t),
    });
    const withStripe = await stripe.tick();
    expect(withStripe.periodic).toEqual([PAYMENTS_SWEEP_TASK]);
    expect(withStripe.done).toBe(1);
    expect(await statusOf([email, transfer])).toEqual({ [EMAIL_JOB]: 'done', [TRANSFER_JOB]: 'done' });
  });
});
