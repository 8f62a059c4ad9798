import type { Db } from '../db/client';
import { listFailedJobs } from './queue';

/** The dead jobs as an operator reads them: one line each (id, kind, key, attempts, when, last error). */
export async function failedJobsReport(db: Db, limit = 100): Promise<string> {
  const rows = await listFailedJobs(db, limit);
  if (rows.length === 0) return 'No failed jobs.';
  const lines = rows.map(
    (j) => `${j.id}  ${j.kind}  ${j.key}  attempts ${j.attempts}/${j.maxAttempts}  failed ${j.updatedAt.toISOString()}  ${(j.lastError ?? '').replace(/\s+/g, ' ')}`,
  );
  return [`${rows.length} failed job(s), newest first (retry one: jobs:failed --retry <id>):`, ...lines].join('\n');
}
