import { AppError, type ConnectStatus } from '@makeries/shared';
import { and, eq, lte } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Db, DbOrTx } from '../../db/client';
import { vendors } from '../../db/schema/index';
import type { Env } from '../../env';
import { callStripe, requireStripe } from './stripe-client';
import { vendorPayments } from './vendor-account';

/**
 * The shop's Stripe connected account. We use Accounts v1 with `controller` properties rather than the legacy
 * Express/Standard/Custom `type` (DESIGN §10): Stripe collects requirements through its hosted onboarding
 * (account links), the marketplace pays Stripe's fees and carries negative balances — it is the merchant of
 * record for web checkouts (separate charges and transfers) — and owners get the light Express dashboard.
 */
async function ensureAccount(db: Db, env: Env, vendorId: string): Promise<string> {
  const v = await vendorPayments(db, env, vendorId);
  if (v.stripeAccountId) return v.stripeAccountId;
  const stripe = requireStripe(env);
  const [row] = await db.select({ email: vendors.email }).from(vendors).where(eq(vendors.id, vendorId));
  const account = await callStripe(() =>
    stripe.accounts.create(
      {
        controller: {
          fees: { payer: 'application' },
          losses: { payments: 'application' },
          requirement_collection: 'stripe',
          stripe_dashboard: { type: 'express' },
        },
        country: v.country,
        default_currency: v.currency.toLowerCase(),
        email: row?.email ?? undefined,
        business_profile: { name: v.name },
        capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
        metadata: { vendorId },
      },
      // one account per shop however often the owner clicks
      { idempotencyKey: `connect-account-${vendorId}` },
    ),
  );
  // first writer wins: a racing request that created the same (idempotent) account writes the same id
  await db.update(vendors).set({ stripeAccountId: account.id }).where(and(eq(vendors.id, vendorId)));
  return account.id;
}

/**
 * A fresh onboarding link each call: account links are single-use and expire within minutes, so the
 * refresh URL brings the owner back here for a new one rather than reusing an old link.
 */
export async function connectLink(db: Db, env: Env, vendorId: string, returnUrl: string | undefined): Promise<{ url: string }> {
  const accountId = await ensureAccount(db, env, vendorId);
  const stripe = requireStripe(env);
  const back = returnUrl ?? `${env.PUBLIC_URL}/`;
  const link = await callStripe(() =>
    stripe.accountLinks.create({
      account: accountId,
      type: 'account_onboarding',
      return_url: back,
      refresh_url: back,
    }),
  );
  return { url: link.url };
}

/** Applies the account as read at `seenAt` (seconds): a state read earlier never overwrites one read later. */
export async function applyAccountSnapshot(db: DbOrTx, account: Stripe.Account, seenAt: number): Promise<boolean> {
  const rows = await db
    .update(vendors)
    .set({
      stripeChargesEnabled: account.charges_enabled ?? false,
      stripePayoutsEnabled: account.payouts_enabled ?? false,
      stripeAccountSeenAt: seenAt,
      updatedAt: new Date(),
    })
    .where(and(eq(vendors.stripeAccountId, account.id), lte(vendors.stripeAccountSeenAt, seenAt)))
    .returning({ id: vendors.id });
  return rows.length > 0;
}

export async function connectStatus(db: Db, env: Env, vendorId: string): Promise<ConnectStatus> {
  const v = await vendorPayments(db, env, vendorId);
  return { accountId: v.stripeAccountId, chargesEnabled: v.chargesEnabled, payoutsEnabled: v.payoutsEnabled, platformFeeBps: v.feeBps };
}

/** The owner is back from Stripe: read the account now rather than wait for the webhook. */
export async function refreshConnect(db: Db, env: Env, vendorId: string): Promise<ConnectStatus> {
  const v = await vendorPayments(db, env, vendorId);
  if (!v.stripeAccountId) throw new AppError('NOT_FOUND', 'This shop has not started Stripe set-up yet.');
  const stripe = requireStripe(env);
  const accountId = v.stripeAccountId;
  const account = await callStripe(() => stripe.accounts.retrieve(accountId));
  await applyAccountSnapshot(db, account, Math.floor(Date.now() / 1000));
  return connectStatus(db, env, vendorId);
}
