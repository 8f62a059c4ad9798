import type { Db } from '../db/client';
import type { Env } from '../env';
import { registerEmailJobs } from '../services/email/sender';
import { registerExpiredCredentialCleanup } from '../services/expired-credentials';
import type { MailTransport } from '../services/email/transport';
import { registerPaymentJobs } from '../services/payments/background';
import { registerRollupRefresh } from '../services/rollups/refresh';
import { registerHealthRollups } from '../services/health/refresh';
import { registerBridgeJobs } from '../services/bridges/jobs';
import { registerChangeLogPruning } from '../services/sync/prune-schedule';
import { notifyChannels } from '../services/notify/channels';
import { registerNotifyJobs } from '../services/notify/deliver';
import { registerFavouritesDigest } from '../services/comeback/digest';
import { registerBackInStockFanout } from '../services/comeback/fanout';
import { createJobRuntime, type JobLog, type JobRuntime } from './runtime';

export interface ServerJobsOptions {
  transport: MailTransport;
  from: string;
  log?: JobLog;
  now?: () => Date;
}

/**
 * Every kind of background work of a server instance on one runtime: sending queued emails, change-log pruning,
 * finished-job cleanup, deleting expired sessions, staff proofs and links, (when STRIPE_SECRET_KEY is set) the payments jobs and sweep, whether or not this
 * instance serves the webhook route, and the POS bridges' work (services/bridges/jobs.ts) the storefront rollups (services/rollups/refresh.ts) the market health rollups (services/health/refresh.ts) and the customers' notifications (services/notify). New kinds register here with one call.
 */
export function createServerJobs(db: Db, env: Env, opts: ServerJobsOptions): JobRuntime {
  const runtime = createJobRuntime(db, { now: opts.now, log: opts.log });
  const nowMs = () => (opts.now ?? (() => new Date()))().getTime();
  registerEmailJobs(runtime, db, { transport: opts.transport, from: opts.from, fromName: 'Makeries', log: opts.log });
  registerChangeLogPruning(runtime, db, { retentionMs: env.CHANGE_LOG_RETENTION_DAYS * 86_400_000, now: nowMs, log: opts.log });
  registerExpiredCredentialCleanup(runtime, db, { ...(opts.now ? { now: opts.now } : {}), ...(opts.log ? { log: opts.log } : {}) });
  if (env.STRIPE_SECRET_KEY) registerPaymentJobs(runtime, db, env);
  registerRollupRefresh(runtime, db, { ...(opts.now ? { now: opts.now } : {}), ...(opts.log ? { log: opts.log } : {}) });
  registerBridgeJobs(runtime, db, env, { ...(opts.now ? { now: opts.now } : {}), ...(opts.log ? { log: opts.log } : {}) });
  registerHealthRollups(runtime, db, env.MARKET_TIMEZONE, { ...(opts.now ? { now: opts.now } : {}), ...(opts.log ? { log: opts.log } : {}) });
  registerNotifyJobs(runtime, db, env, notifyChannels(db, env), opts.log);
  registerBackInStockFanout(runtime, db);
  registerFavouritesDigest(runtime, db, env, { ...(opts.now ? { now: opts.now } : {}), ...(opts.log ? { log: opts.log } : {}) });
  return runtime;
}
