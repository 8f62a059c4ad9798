import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { emailOutbox } from '../../db/schema/index';
import type { JobLog, JobRuntime } from '../../jobs/runtime';
import { receiptHtml } from './receipt';
import { SmtpError } from './smtp';
import type { MailTransport } from './transport';

export const MAX_EMAIL_ATTEMPTS = 10;
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 30 * 60_000;
/** a claimed email is not picked again for this long, so a send cut short by a crash is retried, not lost */
const CLAIM_MS = 5 * 60_000;

export function retryDelayMs(attempts: number): number {
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
}

export interface SendOptions {
  transport: MailTransport;
  from: string;
  fromName?: string;
  now?: () => number;
  batchSize?: number;
}

export interface SendResult {
  sent: number;
  retrying: number;
  failed: number;
}

type Claimed = typeof emailOutbox.$inferSelect;

/**
 * Claims due emails (`FOR UPDATE SKIP LOCKED`, so several server instances never take the same row), pushes
 * their next attempt past the claim window and counts the attempt, all in one short transaction; then sends
 * outside any transaction and records the outcome. A transient failure waits 30 s, 1 min, 2 min… (at most 30 min)
 * and gives up as `failed` after MAX_EMAIL_ATTEMPTS; a permanent one (an SMTP 5xx answer) is `failed` at once.
 */
export async function sendDueEmails(db: Db, opts: SendOptions): Promise<SendResult> {
  const now = opts.now ?? Date.now;
  const claimed = await db.transaction(async (tx) => {
    const due = await tx
      .select({ id: emailOutbox.id })
      .from(emailOutbox)
      .where(and(eq(emailOutbox.status, 'queued'), lte(emailOutbox.nextAttemptAt, new Date(now()))))
      .orderBy(asc(emailOutbox.nextAttemptAt))
      .limit(opts.batchSize ?? 20)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [] as Claimed[];
    return tx
      .update(emailOutbox)
      .set({ attempts: sql`${emailOutbox.attempts} + 1`, nextAttemptAt: new Date(now() + CLAIM_MS) })
      .where(inArray(emailOutbox.id, due.map((d) => d.id)))
      .returning();
  });
  const result: SendResult = { sent: 0, retrying: 0, failed: 0 };
  for (const email of claimed.sort((a, b) => a.id.localeCompare(b.id))) {
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
      await db.update(emailOutbox).set({ status: 'sent', sentAt: new Date(now()), lastError: null }).where(eq(emailOutbox.id, email.id));
      result.sent++;
    } catch (e) {
      // a 5xx answer is the server's final word (no such mailbox, refused): retrying cannot help
      const gaveUp = email.attempts >= MAX_EMAIL_ATTEMPTS || (e instanceof SmtpError && e.permanent);
      await db
        .update(emailOutbox)
        .set({
          status: gaveUp ? 'failed' : 'queued',
          lastError: (e instanceof Error ? e.message : String(e)).slice(0, 1000),
          nextAttemptAt: new Date(now() + retryDelayMs(email.attempts)),
        })
        .where(eq(emailOutbox.id, email.id));
      if (gaveUp) result.failed++;
      else result.retrying++;
    }
  }
  return result;
}

export const EMAIL_SEND_TASK = 'email.send';

/**
 * Email sending on the job runtime (started by main.ts): one instance at a time sends a batch of due emails, every
 * few seconds; a failing batch is logged and tried again when next due. The runtime's stop() waits for the batch.
 */
export function registerEmailSending(runtime: JobRuntime, db: Db, opts: SendOptions & { everyMs?: number; log?: JobLog }): void {
  runtime.every(EMAIL_SEND_TASK, opts.everyMs ?? 5_000, async () => {
    const r = await sendDueEmails(db, opts);
    if (r.sent + r.retrying + r.failed > 0) opts.log?.info({ ...r, via: opts.transport.description }, 'order emails');
    return r;
  });
}
