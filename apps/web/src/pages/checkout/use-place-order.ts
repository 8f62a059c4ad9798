import { uuidv7, type CheckoutInput, type CheckoutResult } from '@makeries/shared';
import { useMutation } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { failureOf, useTRPC } from '../../app/api';
import { explainCheckoutError, type CheckoutErrorView } from '../../lib/checkout-errors';
import { submissionFingerprint } from '../../lib/cart/requests';

/**
 * Places the order at most once per content: a second click while the first is on its way is ignored, and a
 * retry of the same content (after a lost answer) reuses the idempotency key, so the server replays the first
 * result instead of ordering twice. Changed content (a fixed quantity) gets a new key.
 */
export function usePlaceOrder(onPlaced: (result: CheckoutResult, idempotencyKey: string) => void | Promise<void>) {
  const trpc = useTRPC();
  const checkout = useMutation(trpc.orders.checkout.mutationOptions());
  const key = useRef<{ fingerprint: string; key: string } | null>(null);
  const inFlight = useRef(false);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<CheckoutErrorView | null>(null);

  async function place(body: Omit<CheckoutInput, 'idempotencyKey'>): Promise<void> {
    if (inFlight.current) return;
    const fingerprint = submissionFingerprint(body);
    if (key.current?.fingerprint !== fingerprint) key.current = { fingerprint, key: uuidv7() };
    inFlight.current = true;
    setSubmitting(true);
    setError(null);
    try {
      const result = await checkout.mutateAsync({ ...body, idempotencyKey: key.current.key });
      void onPlaced(result, key.current.key);
    } catch (e) {
      setError(explainCheckoutError(failureOf(e)));
    } finally {
      inFlight.current = false;
      setSubmitting(false);
    }
  }

  return { place, submitting, error, clearError: () => setError(null) };
}
