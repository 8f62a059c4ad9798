import { eq } from 'drizzle-orm';
import Fastify from 'fastify';
import Stripe from 'stripe';
import type { Database, Db } from '../../db/client';
import type { Env } from '../../env';
import { registerStripeWebhook, STRIPE_WEBHOOK_PATH } from '../../http/stripe-webhook';
import { vendors } from '../../db/schema/index';
import type { FakeStripe } from '../../test/fake-stripe/index';
import { apiBaseOptions } from './stripe-client';
import { createJobRuntime, type TickSummary } from '../../jobs/runtime';
import { registerPaymentJobs } from './background';
import { enqueueCardOrderWork } from './sweep';

/**
 * Test set-up for the payments suites: server env pointing at the local fake Stripe, and a shop whose
 * connected account has finished onboarding. Not a test file itself.
 */
const WEBHOOK_SECRET = 'whsec_test_makeries';

export function stripeTestEnv(fake: FakeStripe, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    STRIPE_SECRET_KEY: 'sk_test_makeries',
    STRIPE_PUBLISHABLE_KEY: 'pk_test_makeries',
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    STRIPE_API_BASE: fake.url,
    // long enough that a busy CI machine never times out a healthy call; fault tests delay past it
    STRIPE_TIMEOUT_MS: '2500',
    PLATFORM_FEE_BPS: '500',
    ...overrides,
  };
}

/** The real SDK pointed at the fake, as a test's "browser" or "reader" would act on Stripe. */
export function fakeStripeSdk(fake: FakeStripe): Stripe {
  return new Stripe('sk_test_makeries', { ...apiBaseOptions(fake.url), maxNetworkRetries: 0, timeout: 5000 });
}

/** Gives the shop a connected account that can take cards, as if the owner had finished onboarding. */
export async function enableCardPayments(db: Db, fake: FakeStripe, vendorId: string, feeBps?: number): Promise<string> {
  const account = await fakeStripeSdk(fake).accounts.create({ country: 'GB', metadata: { vendorId } });
  fake.completeOnboarding(account.id);
  await db
    .update(vendors)
    .set({ stripeAccountId: account.id, stripeChargesEnabled: true, stripePayoutsEnabled: true, ...(feeBps === undefined ? {} : { platformFeeBps: feeBps }) })
    .where(eq(vendors.id, vendorId));
  return account.id;
}

/** A minimal HTTP app with only the Stripe webhook route (no job runtime running: tests run the jobs). */
export async function startWebhookApp(database: Database, env: Env, fake: FakeStripe): Promise<{ url: string; close(): Promise<void> }> {
  const app = Fastify({ logger: false });
  await registerStripeWebhook(app, { database, env });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `${base}${STRIPE_WEBHOOK_PATH}`;
  fake.events.target = { url, secret: WEBHOOK_SECRET };
  return { url, close: () => app.close() };
}

/**
 * One pass of the payments' jobs on a job runtime, as a server instance with Stripe configured runs them: due
 * jobs, the sweep (here at every call, not only when its schedule is due), then the jobs it queued.
 */
export async function runPaymentJobs(db: Db, env: Env, opts: { now?: () => Date } = {}): Promise<TickSummary> {
  const runtime = createJobRuntime(db, opts);
  registerPaymentJobs(runtime, db, env);
  const first = await runtime.tick();
  await enqueueCardOrderWork(db);
  const second = await runtime.tick();
  return { ...second, done: first.done + second.done, retried: first.retried + second.retried, failed: first.failed + second.failed };
}

/** Lets every webhook the fake sent arrive, then runs the payments jobs as a server instance would. */
export async function settle(database: Database, env: Env, fake: FakeStripe): Promise<void> {
  await fake.events.settled();
  await runPaymentJobs(database.db, env);
}
