import { uuidv7 } from '@makeries/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { dbState, expectRefused, startKit, type Kit } from '../router/test-kit';
import { createCredentialStore } from '../sync/credentials';
import { rememberCard } from './cards';

let kit: Kit | undefined;
afterEach(async () => {
  await kit?.close();
  kit = undefined;
});

const ada = { id: uuidv7(), name: 'Ada Lovelace', email: 'ada@example.test', phone: '07700 900123', known: true };
const points = { kind: 'points' as const, pointsPerPound: 1, pointsPerPoundOff: 10 };

/** A counter that looked Ada's card up while online (200 points), and is offline now. */
async function offlineWithCard(): Promise<Kit> {
  const k = await startKit();
  rememberCard(k.core.ctx, { customer: ada, programme: points, units: 200 });
  createCredentialStore(k.t.dir).write({ deviceId: k.shop.deviceId, token: 'device-token', serverUrl: 'http://127.0.0.1:9' });
  if (!k.core.shifts.current()) k.core.shifts.open({ floatCents: 5000 });
  return k;
}

const saleArgs = (k: Kit) =>
  (k.core.ctx.sqlite.prepare(`SELECT args FROM outbox WHERE name = 'sale.complete' ORDER BY mutation_id`).all() as { args: string }[]).map((r) => JSON.parse(r.args) as Record<string, unknown>);

describe('loyalty at the till', () => {
  it('offline: finds a known card by phone, redeems on the sale, carries it to the server and shows the expected balance', async () => {
    kit = await offlineWithCard();
    const k = kit;
    const found = await k.client.loyalty.lookup.query({ query: '07700-900-123' });
    expect(found).toMatchObject({ offline: true, units: 200, customer: { id: ada.id, name: 'Ada Lovelace' } });
    await k.client.cart.addVariant.mutate({ variantId: k.shop.variants.loaf, quantity: 3 });
    await k.client.customers.attach.mutate({ customer: ada });
    // 3 × £4.50 = £13.50 earns 13 points at 1 per £1
    expect((await k.client.loyalty.current.query()).expectedEarn).toBe(13);

    const redeemed = await k.client.loyalty.redeem.mutate({ units: 50 });
    expect(redeemed.redemption).toEqual({ scheme: 'points', units: 50, cents: 500 });
    const cart = await k.client.cart.current.query();
    expect(cart?.totals.adjustments).toEqual([{ key: 'loyalty', cents: 500 }]);
    expect(cart?.totals.totalCents).toBe(850);
    expect(redeemed.expectedEarn).toBe(8);

    await k.client.sales.complete.mutate({ cartId: cart!.id, tenders: [{ kind: 'cash', tenderedCents: 850 }] });
    expect(saleArgs(k).at(-1)).toMatchObject({ customerId: ada.id, discountCents: 500, totalCents: 850, loyalty: { scheme: 'points', units: 50, cents: 500 } });
    // the till's own view until the server answers: 200 − 50 + 8
    const after = await k.client.loyalty.lookup.query({ query: 'ada@example.test' });
    expect(after).toMatchObject({ syncedUnits: 200, pendingUnits: -42, units: 158 });
  });

  it('refuses more than the card holds and bad input, writing nothing; another customer does not inherit a redemption', async () => {
    kit = await offlineWithCard();
    const k = kit;
    await k.client.cart.addVariant.mutate({ variantId: k.shop.variants.loaf, quantity: 1 });
    await k.client.customers.attach.mutate({ customer: ada });
    const before = dbState(k.core);
    await expectRefused(k.core, () => k.client.loyalty.redeem.mutate({ units: 500 }), 'DISCOUNT_TOO_LARGE');
    await expectRefused(k.core, () => k.client.loyalty.redeem.mutate({ units: 0 }), 'BAD_INPUT');
    await expectRefused(k.core, () => k.client.loyalty.redeem.mutate({ units: 1.5 }), 'BAD_INPUT');
    await expectRefused(k.core, () => k.client.loyalty.lookup.query({ query: '07999 000000' }), 'CONFLICT');
    expect(dbState(k.core)).toEqual(before);

    // the best use by default: the whole basket (£4.50 = 45 points)
    expect((await k.client.loyalty.redeem.mutate({})).redemption).toEqual({ scheme: 'points', units: 45, cents: 450 });
    await k.client.customers.attach.mutate({ customer: { ...ada, id: uuidv7(), name: 'Bob' } });
    expect((await k.client.cart.current.query())?.totals.adjustments).toEqual([]);
  });
});
