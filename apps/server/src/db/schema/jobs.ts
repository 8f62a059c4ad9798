import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './columns';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * The one job queue of the server (src/jobs): workers claim due rows with `FOR UPDATE SKIP LOCKED`, so several
 * server instances share one database. `key` makes enqueueing idempotent (one transfer job per order, …).
 * `failed` rows are dead jobs kept for an operator (`jobs:failed`); `done` rows are deleted after a retention.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind').notNull(),
    key: text('key').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: ['queued', 'done', 'failed'] }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(8),
    runAt: at('run_at').notNull().defaultNow(),
    lockedUntil: at('locked_until'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('jobs_key_uq').on(t.key), index('jobs_due_idx').on(t.status, t.runAt), index('jobs_finished_idx').on(t.status, t.updatedAt)],
);

/** One row per periodic task: whoever moves `next_run_at` forward (row claimed with SKIP LOCKED) runs that due time. */
export const jobSchedules = pgTable('job_schedules', {
  name: text('name').primaryKey(),
  nextRunAt: at('next_run_at').notNull(),
  lastRunAt: at('last_run_at'),
  lastError: text('last_error'),
  updatedAt: updatedAt(),
});
