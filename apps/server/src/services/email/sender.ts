import { and, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { emailOutbox } from '../../db/schema/index';
import { enqueue, requeue } from '../../jobs/queue';
import { PermanentJobError, type JobLog, type JobRuntime } from '../../jobs/runtime';
import { receiptHtml } from './receipt';
import { SmtpError } from './smtp';
import type { MailTransport } from './transport';

export const EMAIL_JOB = 'email.send';
export const MAX_EMAIL_ATTEMPTS = 10;
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 30 * 60_000;

function retryDelayMs(attempts: number): number {
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
}

/**
 * Queues the sending of an outbox row as a job, in the caller's transaction (the email and its job commit together).
 * `again`: the row was re-queued with new content (a receipt to a corrected address), so the job starts over.
 */
export async function queueEmailJob(db: DbOrTx, outboxId: string, opts: { again?: boolean } = {}): Promise<void> {
  const key = `${EMAIL_JOB}:${outboxId}`;
  const o = { maxAttempts: MAX_EMAIL_ATTEMPTS };
  if (opts.again) await requeue(db, EMAIL_JOB, key, { outboxId }, o);
  else await enqueue(db, EMAIL_JOB, key, { outboxId }, o);
}

const EMAIL_BATCH_JOB = 'email.sendBatch';
/** emails handed to the transport at once by a batch job (an SMTP connection each) */
const BATCH_CONCURRENCY = 8;

/**
 * One sending job for many new outbox rows (a batch of notification emails), queued in the caller's transaction:
 * a 10,000-customer restock is 50 jobs, not 10,000. Each row is still sent, retried and recorded on its own.
 */
export async function queueEmailBatchJob(db: DbOrTx, outboxIds: readonly string[]): Promise<void> {
  const first = outboxIds[0];
  if (first === undefined) return;
  await enqueue(db, EMAIL_BATCH_JOB, `${EMAIL_BATCH_JOB}:${first}`, { outboxIds: [...outboxIds] }, { maxAttempts: MAX_EMAIL_ATTEMPTS });
}

export interface SendOptions {
  transport: MailTransport;
  from: string;
  fromName?: string;
  log?: JobLog;
}

/**
 * Sends one queued outbox email and records the outcome on its row (attempts, last error, next attempt), which is
 * what the back office and support see. A transient failure is retried by the job runtime after 30 s, 1 min,
 * 2 min… (at most 30 min) and gives up as `failed` after MAX_EMAIL_ATTEMPTS; a permanent one (an SMTP 5xx answer)
 * is `failed` at once. An email already sent (or gone) is not sent again.
 */
async function sendOutboxEmail(db: Db, opts: SendOptions, outboxId: string, attempt: number, now: Date): Promise<void> {
  const [email] = await db
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.id, outboxId), eq(emailOutbox.status, 'queued')));
  if (!email) return;
  try {
    await opts.transport.send({
      id: email.id,
      from: opts.from,
      fromName: opts.fromName,
      to: email.to,
      subject: email.subject,
      body: email.body,
      ...(email.kind === 'receipt' ? { html: receiptHtml(email.body) } : {}),
      date: email.createdAt,
    });
  } catch (e) {
    // a 5xx answer is the server's final word (no such mailbox, refused): retrying cannot help
    const permanent = e instanceof SmtpError && e.permanent;
    const message = (e instanceof Error ? e.message : String(e)).slice(0, 1000);
    await db
      .update(emailOutbox)
      .set({
        status: permanent || attempt >= MAX_EMAIL_ATTEMPTS ? 'failed' : 'queued',
        attempts: attempt,
        lastError: message,
        nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempt)),
      })
      .where(eq(emailOutbox.id, email.id));
    throw permanent ? new PermanentJobError(message) : e;
  }
  await db.update(emailOutbox).set({ status: 'sent', attempts: attempt, sentAt: now, lastError: null }).where(eq(emailOutbox.id, email.id));
  opts.log?.info({ emailId: email.id, kind: email.kind, via: opts.transport.description }, 'email sent');
}

/** Email sending on the job runtime (main.ts): one `email.send` job per outbox row, queued with the row. */
export function registerEmailJobs(runtime: JobRuntime, db: Db, opts: SendOptions): void {
  runtime.register(
    EMAIL_JOB,
    (job, ctx) => {
      const id = job.payload.outboxId;
      if (typeof id !== 'string') throw new PermanentJobError('job payload has no outboxId');
      return sendOutboxEmail(db, opts, id, job.attempts, ctx.now);
    },
    { maxAttempts: MAX_EMAIL_ATTEMPTS, backoffMs: retryDelayMs },
  );
  // a batch: every row still queued is sent (a few at a time); rows that failed for now make the job run again
  runtime.register(
    EMAIL_BATCH_JOB,
    async (job, ctx) => {
      const ids = job.payload.outboxIds;
      if (!Array.isArray(ids) || !ids.every((id): id is string => typeof id === 'string')) throw new PermanentJobError('job payload has no outboxIds');
      let next = 0;
      const transient: Error[] = [];
      const worker = async () => {
        while (next < ids.length) {
          const id = ids[next++];
          if (id === undefined) continue;
          try {
            await sendOutboxEmail(db, opts, id, job.attempts, ctx.now);
          } catch (e) {
            if (!(e instanceof PermanentJobError)) transient.push(e instanceof Error ? e : new Error(String(e)));
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(BATCH_CONCURRENCY, ids.length) }, worker));
      const [firstFailure] = transient;
      if (firstFailure) throw firstFailure;
    },
    { maxAttempts: MAX_EMAIL_ATTEMPTS, backoffMs: retryDelayMs },
  );
}
