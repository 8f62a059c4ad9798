import type { Stripe } from '@stripe/stripe-js';

/** Stripe.js comes from js.stripe.com; when that is blocked or slow we give up and offer pay at pickup. */
const LOAD_TIMEOUT_MS = 8000;

let loading: { key: string; promise: Promise<Stripe | null> } | null = null;

/**
 * Loads Stripe.js once per publishable key, only when the customer picks card (the code is its own chunk, so
 * pay-at-pickup visitors never download it). Resolves null when it cannot load.
 */
export function loadStripeJs(publishableKey: string): Promise<Stripe | null> {
  if (loading?.key === publishableKey) return loading.promise;
  const promise = (async () => {
    try {
      const { loadStripe } = await import('@stripe/stripe-js');
      const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), LOAD_TIMEOUT_MS));
      return await Promise.race([loadStripe(publishableKey), timeout]);
    } catch {
      return null;
    }
  })();
  loading = { key: publishableKey, promise };
  // a failure may be temporary (network): let the next attempt try again
  void promise.then((s) => {
    if (!s && loading?.promise === promise) loading = null;
  });
  return promise;
}
