import { AppError, uuidv7, type RequestPasswordResetInput, type ResetPasswordInput } from '@makeries/shared';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { customers, emailOutbox, passwordResets, sessions, staff } from '../db/schema/index';
import { queueEmailJob } from './email/sender';
import type { Env } from '../env';
import { createSession, type NewSession } from './auth';
import { findCustomerByEmail } from './customers';
import { clearAccountFailures } from './login-throttle';
import { consumeRateLimit, type RateLimitRule } from './rate-limit';
import { hashSecret, hashToken, newToken } from './tokens';

const RESET_TTL_MS = 60 * 60_000;
/** reset requests per email and per IP per hour: enough for typos and a lost email, too few to flood an inbox */
const RESET_RATE_RULE: RateLimitRule = { limit: 5, windowSeconds: 3600 };

const BAD_LINK = 'This reset link has expired or was already used. Ask for a new one from "Forgot password?".';

type Holder = { kind: 'customer'; id: string; email: string; name: string } | { kind: 'staff'; id: string; email: string; name: string };

function resetLink(env: Pick<Env, 'PUBLIC_URL'>, token: string): string {
  return `${env.PUBLIC_URL.replace(/\/+$/, '')}/account/reset?token=${token}`;
}

function resetEmailBody(env: Pick<Env, 'PUBLIC_URL'>, holder: Holder, token: string): string {
  const what = holder.kind === 'staff' ? 'your shop sign-in on Makeries' : 'your Makeries account';
  return [
    `Hello ${holder.name},`,
    '',
    `Someone (we hope you) asked to reset the password of ${what} (${holder.email}).`,
    '',
    `Choose a new password here: ${resetLink(env, token)}`,
    '',
    'The link works once, for one hour. Choosing a new password signs out every device signed in with the old one.',
    'If you did not ask for this, ignore this email: your password stays as it is.',
  ].join('\n');
}

/**
 * "Forgot password?": queues one reset email per account with this address (a customer account and a shop
 * sign-in can share one). Answers the same whether or not an account exists; throttled per email and per IP.
 */
export async function requestPasswordReset(
  db: DbOrTx,
  env: Pick<Env, 'PUBLIC_URL'>,
  input: RequestPasswordResetInput,
  opts: { ip: string; now?: Date },
): Promise<{ ok: true }> {
  const now = opts.now ?? new Date();
  await consumeRateLimit(db, [`reset:email:${input.email.toLowerCase()}`, `reset:ip:${opts.ip}`], RESET_RATE_RULE, now);
  const holders: Holder[] = [];
  const customer = await findCustomerByEmail(db, input.email);
  if (customer) holders.push({ kind: 'customer', id: customer.id, email: customer.email, name: customer.name });
  const [member] = await db
    .select()
    .from(staff)
    .where(sql`lower(${staff.email}) = ${input.email.toLowerCase()}`)
    .limit(1);
  if (member?.active && member.email && member.passwordHash) holders.push({ kind: 'staff', id: member.id, email: member.email, name: member.name });
  await db.transaction(async (tx) => {
    for (const holder of holders) {
      const token = newToken();
      await tx.insert(passwordResets).values({
        id: uuidv7(),
        tokenHash: hashToken(token),
        staffId: holder.kind === 'staff' ? holder.id : null,
        customerId: holder.kind === 'customer' ? holder.id : null,
        expiresAt: new Date(now.getTime() + RESET_TTL_MS),
      });
      const emailId = uuidv7();
      await tx.insert(emailOutbox).values({
        id: emailId,
        orderId: null,
        kind: 'password_reset',
        to: holder.email,
        subject: 'Reset your Makeries password',
        body: resetEmailBody(env, holder, token),
      });
      await queueEmailJob(tx, emailId);
    }
  });
  return { ok: true };
}

export type ResetResult = { kind: 'customer'; session: NewSession } | { kind: 'staff' };

/**
 * Sets a new password with a reset token: the token is used up atomically (a second use, an expired or unknown
 * token are one BAD_INPUT), every session of the account ends and its outstanding reset links die with it.
 * A customer is signed in on this browser with a fresh session; shop staff sign in again.
 */
export async function resetPassword(db: DbOrTx, input: ResetPasswordInput, now: Date = new Date()): Promise<ResetResult> {
  const passwordHash = await hashSecret(input.password);
  return db.transaction(async (tx) => {
    const [used] = await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.tokenHash, hashToken(input.token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
      .returning();
    if (!used) throw new AppError('BAD_INPUT', BAD_LINK, { issues: [{ path: 'token', message: BAD_LINK }] });
    // every other link for the same account stops working too
    const sameAccount = used.staffId ? eq(passwordResets.staffId, used.staffId) : used.customerId ? eq(passwordResets.customerId, used.customerId) : undefined;
    // password_resets_owner_chk: a link belongs to exactly one of a staff member and a customer
    if (!sameAccount) throw new Error(`password reset ${used.id} has no owner`);
    await tx.update(passwordResets).set({ usedAt: now }).where(and(sameAccount, isNull(passwordResets.usedAt)));
    if (used.staffId) {
      const [row] = await tx.update(staff).set({ passwordHash }).where(eq(staff.id, used.staffId)).returning({ email: staff.email });
      await tx.delete(sessions).where(eq(sessions.staffId, used.staffId));
      if (row?.email) await clearAccountFailures(tx, 'staff-login', row.email);
      return { kind: 'staff' as const };
    }
    const customerId = used.customerId;
    if (!customerId) throw new Error(`password reset ${used.id} has no owner`);
    // the link reached the inbox, so it confirms the email too (and ends any sign-in with a password someone else chose)
    const [row] = await tx
      .update(customers)
      .set({ passwordHash, emailVerifiedAt: sql`coalesce(${customers.emailVerifiedAt}, ${now.toISOString()}::timestamptz)` })
      .where(eq(customers.id, customerId))
      .returning({ email: customers.email });
    await tx.delete(sessions).where(eq(sessions.customerId, customerId));
    if (row) await clearAccountFailures(tx, 'customer-login', row.email);
    return { kind: 'customer' as const, session: await createSession(tx, { kind: 'customer', customerId }, now) };
  });
}
