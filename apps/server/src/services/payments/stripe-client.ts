import Stripe from 'stripe';
import { AppError } from '@makeries/shared';
import type { Env } from '../../env';

/** `STRIPE_API_BASE` (tests: the local fake) → the SDK's host/port/protocol; unset = api.stripe.com. */
export function apiBaseOptions(base: string | undefined): { host?: string; port?: number; protocol?: 'http' | 'https' } {
  if (!base) return {};
  const url = new URL(base);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  const port = url.port ? Number(url.port) : protocol === 'http' ? 80 : 443;
  return { host: url.hostname, port, protocol };
}

const clients = new Map<string, Stripe>();

/** One SDK instance per key + base; null when card payments are not configured (no STRIPE_SECRET_KEY). */
export function stripeFor(env: Env): Stripe | null {
  const key = env.STRIPE_SECRET_KEY;
  if (!key) return null;
  const cacheKey = `${key}|${env.STRIPE_API_BASE ?? ''}|${env.STRIPE_TIMEOUT_MS}`;
  let client = clients.get(cacheKey);
  if (!client) {
    client = new Stripe(key, {
      ...apiBaseOptions(env.STRIPE_API_BASE),
      timeout: env.STRIPE_TIMEOUT_MS,
      // the SDK retries network errors with the same idempotency key; we also pass our own keys on every write
      maxNetworkRetries: 1,
      appInfo: { name: 'Makeries' },
    });
    clients.set(cacheKey, client);
  }
  return client;
}

export function requireStripe(env: Env): Stripe {
  const client = stripeFor(env);
  if (!client) throw new AppError('FULFILMENT_UNAVAILABLE', 'Card payments are not configured on this marketplace. Take cash or pay at pickup.');
  return client;
}

/** Stripe unreachable or erroring on its side: a message a cashier or customer can act on. */
export function stripeProblem(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof Stripe.errors.StripeCardError) {
    return new AppError('CONFLICT', `The card was declined: ${err.message}`, { details: { declineCode: err.decline_code ?? err.code } });
  }
  if (err instanceof Stripe.errors.StripeInvalidRequestError) {
    return new AppError('BAD_INPUT', `Stripe refused the request: ${err.message}`);
  }
  return new AppError('FULFILMENT_UNAVAILABLE', 'Card payments are not reachable right now. Try again, or take cash / pay at pickup.');
}

/** Runs one Stripe call, turning SDK errors into AppErrors. */
export async function callStripe<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw stripeProblem(err);
  }
}
