import type { CustomerSignupInput } from '@makeries/shared';
import type { DbOrTx } from '../db/client';
import type { Env } from '../env';
import { findCustomerByEmail, insertCustomerIfNew } from './customers';
import { ACCOUNT_EMAIL_RATE_RULE, queueAccountExistsEmail, queueVerificationEmail } from './email-verification';
import { consumeRateLimit, type RateLimitRule } from './rate-limit';
import { hashSecret } from './tokens';

export interface SignupOptions {
  ip: string;
  /** per-IP sign-up rule (the login rule's numbers) */
  rule: RateLimitRule;
  now?: Date;
}

/** The whole answer to a sign-up, whatever happened: the page says "check your email". */
export interface SignupAnswer {
  ok: true;
}

/**
 * Customer sign-up that does not tell anyone which emails have an account.
 *
 * Seen from the caller, a new email and a taken one behave the same: the same answer, no session cookie in
 * either case, the password hashed in both (so neither is faster), the same rate-limit keys counted, and one
 * email sent to the address — a confirmation link for a new account, "you already have an account — sign in
 * or reset your password" for an existing one. Only the owner of the inbox learns which.
 *
 * Why nobody is signed in here: signing in the new account (as we used to) while an existing email gets no
 * cookie would show the difference in `Set-Cookie` and in `auth.me` right after. So the new account starts
 * unverified and signed out; its owner signs in with the password they just chose (allowed before confirming,
 * so they can order as before) or after following the link. An unverified account sees only the orders placed
 * in the session that placed them (services/orders/customer-scope.ts); confirming shows them all everywhere.
 *
 * What remains (accepted, documented in the README): someone who signs up with an address and then signs in
 * with the password they chose learns whether the address was free, because only a brand-new account takes
 * their password. That probe creates an account in the target's name, emails the target either way, and is
 * rate-limited per IP and per address; unlike the old "already exists" answer it is neither silent nor cheap.
 * Closing it too would mean refusing password sign-in until the link is followed, which the issue rules out
 * ("unverified accounts can order as today"). The confirmation link itself signs nobody in: a link sent for an
 * account someone else created (with a password only they know) must not hand its clicker a session there.
 */
export async function customerSignup(db: DbOrTx, env: Pick<Env, 'PUBLIC_URL'>, input: CustomerSignupInput, opts: SignupOptions): Promise<SignupAnswer> {
  const now = opts.now ?? new Date();
  const email = input.email.toLowerCase();
  await consumeRateLimit(db, [`customer-signup:ip:${opts.ip}`], opts.rule, now);
  await consumeRateLimit(db, [`customer-signup:email:${email}`], ACCOUNT_EMAIL_RATE_RULE, now);
  // hashed whether or not the account is created: a taken email costs the same time as a new one
  const passwordHash = await hashSecret(input.password);
  await db.transaction(async (tx) => {
    const created = await insertCustomerIfNew(tx, { name: input.name, email, passwordHash });
    if (created) {
      await queueVerificationEmail(tx, env, created, now);
      return;
    }
    const existing = await findCustomerByEmail(tx, email);
    if (existing) await queueAccountExistsEmail(tx, env, existing);
  });
  return { ok: true };
}
