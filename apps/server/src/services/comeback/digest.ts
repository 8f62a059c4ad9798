import { AppError, formatMoney, uuidv7 } from '@makeries/shared';
import { and, eq, sql } from 'drizzle-orm';
import { queryRows, type Db, type DbOrTx } from '../../db/client';
import { emailOutbox, favouriteDigestOptins, favouriteDigestSends } from '../../db/schema/index';
import type { Env } from '../../env';
import type { JobLog, JobRuntime } from '../../jobs/runtime';
import { queueEmailJob } from '../email/sender';
import { digestUnsubscribeUrl, verifyDigestUnsubscribeToken } from './digest-token';

/**
 * The opt-in weekly email of new products from a customer's favourite shops. A periodic task (hourly, one instance per
 * due time) considers every opted-in customer with a confirmed address once per ISO week: the (customer, week) row is
 * written in the same transaction as the outbox email, so a restart or a second instance never sends a week twice.
 * Nothing new: the week is recorded as skipped and no email goes out.
 */

export const DIGEST_TASK = 'favourites.digest';
const DIGEST_EVERY_MS = 3_600_000;
const WEEK_MS = 7 * 86_400_000;
const BATCH = 100;
/** products listed in one email; the rest are counted */
const LISTED = 30;

/** ISO 8601 week of `at` in UTC, e.g. `2026-W49`. */
export function isoWeek(at: Date): string {
  const d = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

export async function digestSettings(db: DbOrTx, customerId: string): Promise<{ weekly: boolean }> {
  const [row] = await db.select({ id: favouriteDigestOptins.customerId }).from(favouriteDigestOptins).where(eq(favouriteDigestOptins.customerId, customerId));
  return { weekly: row !== undefined };
}

export async function setDigest(db: DbOrTx, customerId: string, weekly: boolean): Promise<{ weekly: boolean }> {
  if (weekly) await db.insert(favouriteDigestOptins).values({ customerId }).onConflictDoNothing();
  else await db.delete(favouriteDigestOptins).where(eq(favouriteDigestOptins.customerId, customerId));
  return { weekly };
}

/** The emailed link: turns the digest off for the customer it was made for, signed in or not. */
export async function unsubscribeDigest(db: DbOrTx, env: Env, token: string): Promise<{ unsubscribed: true }> {
  const customerId = verifyDigestUnsubscribeToken(env, token);
  if (!customerId) throw new AppError('BAD_INPUT', 'That unsubscribe link is not valid. Turn the weekly email off on your account page instead.');
  await db.delete(favouriteDigestOptins).where(eq(favouriteDigestOptins.customerId, customerId));
  return { unsubscribed: true };
}

interface NewProduct {
  id: string;
  name: string;
  priceCents: number;
  currency: string;
  vendorName: string;
}

async function newProducts(db: DbOrTx, customerId: string, since: Date, until: Date): Promise<NewProduct[]> {
  return queryRows<NewProduct>(
    db,
    sql`SELECT p.id, p.name, p.min_price_cents AS "priceCents", v.currency, v.name AS "vendorName"
        FROM favourites f
        JOIN vendors v ON v.id = f.vendor_id
        JOIN products p ON p.vendor_id = v.id
        WHERE f.customer_id = ${customerId} AND v.status = 'approved'
          AND p.online_visible AND NOT p.archived AND NOT p.moderation_hidden
          AND p.created_at > ${since.toISOString()} AND p.created_at <= ${until.toISOString()}
        ORDER BY v.name, p.created_at DESC, p.id
        LIMIT ${LISTED + 1}`,
  );
}

function composeDigest(env: Env, name: string, customerId: string, items: NewProduct[]): { subject: string; body: string } {
  const base = env.PUBLIC_URL.replace(/\/+$/, '');
  const listed = items.slice(0, LISTED);
  const lines: string[] = [`Hello ${name},`, '', 'New this week at your favourite shops:'];
  let shop = '';
  for (const p of listed) {
    if (p.vendorName !== shop) {
      shop = p.vendorName;
      lines.push('', shop);
    }
    lines.push(`- ${p.name}, from ${formatMoney(p.priceCents, p.currency, env.MARKET_LOCALE)}: ${base}/p/${p.id}`);
  }
  if (items.length > LISTED) lines.push('', 'And more: see your favourite shops on Makeries.');
  lines.push('', 'You get this email because you asked for it on your account page.', `Stop it (no sign-in needed): ${digestUnsubscribeUrl(env, customerId)}`);
  const shops = new Set(listed.map((p) => p.vendorName)).size;
  return { subject: shops === 1 ? `New at ${listed[0]?.vendorName ?? 'your favourite shop'}` : `New at ${shops} of your favourite shops`, body: lines.join('\n') };
}

/** One customer's digest of `week`: 'sent', 'skipped' (nothing new) or 'done' (this week was already handled). */
async function digestFor(db: Db, env: Env, customer: { id: string; email: string; name: string }, week: string, now: Date): Promise<'sent' | 'skipped' | 'done'> {
  return db.transaction(async (tx) => {
    const [previous] = await tx
      .select({ at: sql<Date>`max(${favouriteDigestSends.createdAt})` })
      .from(favouriteDigestSends)
      .where(eq(favouriteDigestSends.customerId, customer.id));
    const claimed = await tx
      .insert(favouriteDigestSends)
      .values({ customerId: customer.id, week, productCount: 0, createdAt: now })
      .onConflictDoNothing()
      .returning({ week: favouriteDigestSends.week });
    if (claimed.length === 0) return 'done';
    const lastAt = previous?.at ? new Date(previous.at) : null;
    const since = new Date(Math.max(now.getTime() - WEEK_MS, lastAt?.getTime() ?? 0));
    const items = await newProducts(tx, customer.id, since, now);
    if (items.length === 0) return 'skipped';
    const email = composeDigest(env, customer.name, customer.id, items);
    const emailId = uuidv7();
    await tx.insert(emailOutbox).values({ id: emailId, orderId: null, kind: 'favourites_digest', ref: `${customer.id}:${week}`, to: customer.email, subject: email.subject, body: email.body });
    await queueEmailJob(tx, emailId);
    await tx
      .update(favouriteDigestSends)
      .set({ productCount: items.length, emailId })
      .where(and(eq(favouriteDigestSends.customerId, customer.id), eq(favouriteDigestSends.week, week)));
    return 'sent';
  });
}

/** Every opted-in customer with a confirmed address not yet handled this week, in batches. */
export async function runFavouritesDigest(db: Db, env: Env, now: Date): Promise<{ sent: number; skipped: number }> {
  const week = isoWeek(now);
  const out = { sent: 0, skipped: 0 };
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const batch = await queryRows<{ id: string; email: string; name: string }>(
      db,
      sql`SELECT c.id, c.email, c.name FROM favourite_digest_optins o JOIN customers c ON c.id = o.customer_id
          WHERE o.customer_id > ${after} AND c.email_verified_at IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM favourite_digest_sends s WHERE s.customer_id = o.customer_id AND s.week = ${week})
          ORDER BY o.customer_id LIMIT ${BATCH}`,
    );
    for (const c of batch) {
      const r = await digestFor(db, env, c, week, now);
      if (r === 'sent') out.sent++;
      else if (r === 'skipped') out.skipped++;
    }
    const last = batch[batch.length - 1];
    if (!last || batch.length < BATCH) return out;
    after = last.id;
  }
}

/** The digest on the job runtime (jobs/server-jobs.ts): hourly, so each customer's week is handled early in it. */
export function registerFavouritesDigest(runtime: JobRuntime, db: Db, env: Env, opts: { now?: () => Date; log?: JobLog } = {}): void {
  const now = opts.now ?? (() => new Date());
  runtime.every(DIGEST_TASK, DIGEST_EVERY_MS, async () => {
    const r = await runFavouritesDigest(db, env, now());
    if (r.sent > 0) opts.log?.info(r, 'favourites digest sent');
  });
}
