import { AppError, uuidv7, type ResendVerificationInput, type VerifyEmailInput } from '@makeries/shared';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { customers, emailOutbox, emailVerifications } from '../db/schema/index';
import type { Env } from '../env';
import { findCustomerByEmail } from './customers';
import { consumeRateLimit, type RateLimitRule } from './rate-limit';
import { hashToken, newToken } from './tokens';

const VERIFY_TTL_MS = 24 * 60 * 60_000;
/**
 * Account emails (sign-up answers and resent confirmations) per address and per IP per hour: enough for a typo
 * and a lost email, too few to use our sign-up form to flood someone's inbox.
 */
export const ACCOUNT_EMAIL_RATE_RULE: RateLimitRule = { limit: 5, windowSeconds: 3600 };

const BAD_LINK = 'This confirmation link has expired or was already used. Sign in and choose "Resend the confirmation email" for a new one.';

interface Recipient {
  id: string;
  name: string;
  email: string;
}

function base(env: Pick<Env, 'PUBLIC_URL'>): string {
  return env.PUBLIC_URL.replace(/\/+$/, '');
}

function verificationLink(env: Pick<Env, 'PUBLIC_URL'>, token: string): string {
  return `${base(env)}/account/verify?token=${token}`;
}

/** A fresh single-use link (only its hash is kept) and the email carrying it, queued in the caller's transaction. */
export async function queueVerificationEmail(tx: DbOrTx, env: Pick<Env, 'PUBLIC_URL'>, to: Recipient, now: Date): Promise<void> {
  const token = newToken();
  await tx.insert(emailVerifications).values({
    id: uuidv7(),
    tokenHash: hashToken(token),
    customerId: to.id,
    expiresAt: new Date(now.getTime() + VERIFY_TTL_MS),
  });
  const body = [
    `Hello ${to.name},`,
    '',
    `Welcome to Makeries! Confirm that ${to.email} is your email address:`,
    verificationLink(env, token),
    '',
    'The link works once, for 24 hours. Once confirmed, you see all your orders on every device you sign in on.',
    'If you did not sign up, ignore this email: nobody can use this address for an account without this link.',
  ].join('\n');
  await tx.insert(emailOutbox).values({ id: uuidv7(), orderId: null, kind: 'email_verification', to: to.email, subject: 'Confirm your email for Makeries', body });
}

/** What sign-up sends instead when the address already has an account: no link that changes anything. */
export async function queueAccountExistsEmail(tx: DbOrTx, env: Pick<Env, 'PUBLIC_URL'>, to: Recipient): Promise<void> {
  const body = [
    `Hello ${to.name},`,
    '',
    `Someone (we hope you) tried to create a Makeries account with ${to.email}, but you already have one.`,
    '',
    `Sign in here: ${base(env)}/account`,
    `Forgot your password? Choose a new one here: ${base(env)}/account/forgot`,
    '',
    'If this was not you, ignore this email: nothing about your account has changed.',
  ].join('\n');
  await tx.insert(emailOutbox).values({ id: uuidv7(), orderId: null, kind: 'account_exists', to: to.email, subject: 'You already have a Makeries account', body });
}

/**
 * Confirms the email of the account the link was sent for. The token is used up atomically (a second use, an
 * expired or unknown token are one BAD_INPUT and write nothing); every other outstanding link of the account
 * dies with it. It signs nobody in: whoever chose the password signs in with it (see customer-signup.ts).
 */
export async function verifyEmail(db: DbOrTx, input: VerifyEmailInput, now: Date = new Date()): Promise<{ ok: true }> {
  return db.transaction(async (tx) => {
    const [used] = await tx
      .update(emailVerifications)
      .set({ usedAt: now })
      .where(and(eq(emailVerifications.tokenHash, hashToken(input.token)), isNull(emailVerifications.usedAt), gt(emailVerifications.expiresAt, now)))
      .returning();
    if (!used) throw new AppError('BAD_INPUT', BAD_LINK, { issues: [{ path: 'token', message: BAD_LINK }] });
    await tx
      .update(emailVerifications)
      .set({ usedAt: now })
      .where(and(eq(emailVerifications.customerId, used.customerId), isNull(emailVerifications.usedAt)));
    await tx
      .update(customers)
      .set({ emailVerifiedAt: now })
      .where(and(eq(customers.id, used.customerId), isNull(customers.emailVerifiedAt)));
    return { ok: true as const };
  });
}

/**
 * "Resend the confirmation email": a new link when the address has an unconfirmed account, nothing otherwise;
 * the same answer either way, throttled per address and per IP.
 */
export async function resendVerification(
  db: DbOrTx,
  env: Pick<Env, 'PUBLIC_URL'>,
  input: ResendVerificationInput,
  opts: { ip: string; now?: Date },
): Promise<{ ok: true }> {
  const now = opts.now ?? new Date();
  const email = input.email.toLowerCase();
  await consumeRateLimit(db, [`verify-resend:email:${email}`, `verify-resend:ip:${opts.ip}`], ACCOUNT_EMAIL_RATE_RULE, now);
  const customer = await findCustomerByEmail(db, email);
  if (customer && !customer.emailVerifiedAt) {
    await db.transaction((tx) => queueVerificationEmail(tx, env, customer, now));
  }
  return { ok: true };
}
