import type { Stripe } from '@stripe/stripe-js';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTRPC } from '../../app/api';
import { loadStripeJs } from './payment-stripe';

/** Why "Pay by card" can or cannot be chosen right now, in the order the customer would care. */
export type CardOption =
  | { state: 'checking' }
  | { state: 'not-configured' }
  | { state: 'shops-unavailable'; vendorIds: string[] }
  | { state: 'offline' }
  | { state: 'available' }
  | { state: 'loading' }
  | { state: 'stripe-unavailable' }
  | { state: 'ready'; stripe: Stripe };

/** Asks the server whether card is configured and every shop in the cart takes cards; loads Stripe.js when chosen. */
export function useCardOption(vendorIds: string[], chosen: boolean): CardOption {
  const trpc = useTRPC();
  const status = useQuery({ ...trpc.payments.status.queryOptions(), staleTime: 60_000, retry: 1 });
  const key = [...vendorIds].sort();
  const shops = useQuery({
    ...trpc.payments.cardShops.queryOptions({ vendorIds: key }),
    enabled: Boolean(status.data?.cardConfigured) && key.length > 0,
    staleTime: 60_000,
    retry: 1,
  });
  const publishableKey = status.data?.publishableKey ?? null;
  const [stripe, setStripe] = useState<{ key: string; value: Stripe | null } | null>(null);
  useEffect(() => {
    if (!chosen || !publishableKey || stripe?.key === publishableKey) return;
    let live = true;
    void loadStripeJs(publishableKey).then((value) => {
      if (live) setStripe({ key: publishableKey, value });
    });
    return () => {
      live = false;
    };
  }, [chosen, publishableKey, stripe?.key]);

  if (status.isError || shops.isError) return { state: 'offline' };
  if (!status.data) return { state: 'checking' };
  if (!status.data.cardConfigured || !publishableKey) return { state: 'not-configured' };
  if (!shops.data) return { state: 'checking' };
  if (!shops.data.available) return { state: 'shops-unavailable', vendorIds: shops.data.unavailableVendorIds };
  if (stripe && stripe.key === publishableKey) return stripe.value ? { state: 'ready', stripe: stripe.value } : { state: 'stripe-unavailable' };
  return { state: chosen ? 'loading' : 'available' };
}
