import Stripe from 'stripe';
import { afterAll, describe, expect, it } from 'vitest';
import { apiBaseOptions } from '../../services/payments/stripe-client';
import { startFakeStripe } from './index';

const fake = await startFakeStripe();
afterAll(() => fake.close());
const sdk = new Stripe('sk_test_fake', { ...apiBaseOptions(fake.url), maxNetworkRetries: 0 });

describe('fake Stripe, driven by the real SDK', () => {
  it('replays a keyed request instead of doing it twice, and refuses the key with other parameters', async () => {
    const first = await sdk.paymentIntents.create({ amount: 500, currency: 'gbp' }, { idempotencyKey: 'k-1' });
    const again = await sdk.paymentIntents.create({ amount: 500, currency: 'gbp' }, { idempotencyKey: 'k-1' });
    expect(again.id).toBe(first.id);
    expect(fake.state.paymentIntents.size).toBe(1);
    await expect(sdk.paymentIntents.create({ amount: 600, currency: 'gbp' }, { idempotencyKey: 'k-1' })).rejects.toBeInstanceOf(
      Stripe.errors.StripeIdempotencyError,
    );
  });

  it('speaks Stripe errors: missing objects, declines, bad keys', async () => {
    await expect(sdk.paymentIntents.retrieve('pi_missing')).rejects.toThrow(/No such payment_intent/);
    const pi = await sdk.paymentIntents.create({ amount: 700, currency: 'gbp' });
    fake.faults.declineNextCard();
    await expect(sdk.paymentIntents.confirm(pi.id, { payment_method: 'pm_card_visa' })).rejects.toBeInstanceOf(Stripe.errors.StripeCardError);
    const paid = await sdk.paymentIntents.confirm(pi.id, { payment_method: 'pm_card_visa' });
    expect(paid.status).toBe('succeeded');
    const bad = new Stripe('rk_nope', { ...apiBaseOptions(fake.url), maxNetworkRetries: 0 });
    await expect(bad.paymentIntents.retrieve(pi.id)).rejects.toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
  });

  it('emits signed events that Stripe’s own verifier accepts', () => {
    const event = fake.events.ofType('payment_intent.succeeded')[0];
    expect(event).toBeDefined();
    const payload = JSON.stringify(event);
    const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_x' });
    expect(Stripe.webhooks.constructEvent(payload, header, 'whsec_x').id).toBe(event?.id);
  });
});
