import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signIn } from '../test/fixtures';
import { errorData, expectRefused, startKit, type Kit } from './test-kit';

/*
 * The payments procedures over real HTTP on a real SQLite counter that has no card service behind it (no
 * device token for a marketplace): what the tender dialog and Settings → Card readers see, and that bad input
 * and refusals write nothing. The card flow against the real server is in core/payments/payments.test.ts.
 */

let kit: Kit;
beforeEach(async () => {
  kit = await startKit();
  kit.core.shifts.open({ floatCents: 5_000 });
});
afterEach(async () => {
  await kit.close();
});

async function cart(quantity = 2) {
  return (await kit.client.cart.addVariant.mutate({ variantId: kit.shop.variants.loaf, quantity })).cart;
}

describe('payments (card reader) procedures', () => {
  it('offline, the card button is unavailable with the reason in words, and starting a card is refused', async () => {
    const c = await cart();
    expect(await kit.client.payments.availability.query()).toEqual({
      available: false,
      blocked: 'offline',
      reason: 'This counter is offline, so it cannot take cards on the Stripe reader. Take cash or use the card machine.',
      readers: [],
    });
    const err = await expectRefused(kit.core, () => kit.client.payments.start.mutate({ cartId: c.id, readerId: 'tmr_1', amountCents: 100 }), 'CONFLICT');
    expect(errorData(err).details).toMatchObject({ offline: true });
  });

  it('online without the marketplace answering for cards: says why, and nothing is recorded', async () => {
    kit.core.setOnline(true);
    const a = await kit.client.payments.availability.query();
    expect(a).toMatchObject({ available: false, blocked: 'not_configured', reason: expect.stringMatching(/not paired/) });
    const c = await cart();
    const started = await kit.client.payments.start.mutate({ cartId: c.id, readerId: 'tmr_1', amountCents: 900 });
    expect(started).toMatchObject({ status: 'failed', message: expect.stringMatching(/not paired/) });
    expect(await kit.client.payments.current.query()).toMatchObject({ cartId: c.id, paid: [], active: null, last: { status: 'failed' } });
  });

  it('refuses bad input with BAD_INPUT and writes nothing', async () => {
    kit.core.setOnline(true);
    const c = await cart();
    await expectRefused(kit.core, () => kit.client.payments.start.mutate({ cartId: c.id, readerId: 'tmr_1', amountCents: 0 }), 'BAD_INPUT');
    await expectRefused(kit.core, () => kit.client.payments.start.mutate({ cartId: c.id, readerId: 'tmr_1', amountCents: 1.5 }), 'BAD_INPUT');
    await expectRefused(kit.core, () => kit.client.payments.start.mutate({ cartId: c.id, readerId: 'tmr_1', amountCents: 901 }), 'BAD_INPUT');
    await expectRefused(kit.core, () => kit.client.payments.start.mutate({ cartId: 'not-a-cart', readerId: 'tmr_1', amountCents: 100 }), 'BAD_INPUT');
    await expectRefused(kit.core, () => kit.client.payments.poll.mutate({ attemptId: 'nope' }), 'BAD_INPUT');
    await expectRefused(kit.core, () => kit.client.payments.complete.mutate({ cartId: c.id, tenders: [{ kind: 'cash', tenderedCents: -1 }] }), 'BAD_INPUT');
    await expectRefused(kit.core, () => kit.client.payments.complete.mutate({ cartId: c.id, tenders: [] }), 'BAD_INPUT');
  });

  it('completes a cash and card-machine split through payments.complete, like sales.complete', async () => {
    const c = await cart();
    const sale = await kit.client.payments.complete.mutate({ cartId: c.id, tenders: [{ kind: 'external_card', amountCents: 400 }, { kind: 'cash', tenderedCents: 1000 }] });
    expect(sale.payments.map((p) => [p.kind, p.amountCents])).toEqual([
      ['external_card', 400],
      ['cash', 500],
    ]);
    expect(sale.changeCents).toBe(500);
    expect(await kit.client.payments.current.query()).toBeNull();
  });

  it('only a manager registers a card reader', async () => {
    kit.core.setOnline(true);
    await expectRefused(kit.core, () => kit.client.payments.registerReader.mutate({ registrationCode: 'simulated-wpe', label: 'Front' }), 'FORBIDDEN');
    await signIn(kit.core, kit.shop, 'manager');
    await expectRefused(kit.core, () => kit.client.payments.registerReader.mutate({ registrationCode: '', label: 'Front' }), 'BAD_INPUT');
  });
});
