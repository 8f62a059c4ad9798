import { uuidv7, type Change, type SyncPromoCode } from '@makeries/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { dbState, errorData, expectRefused, startKit, type Kit } from '../router/test-kit';
import { createCredentialStore } from '../sync/credentials';
import { rememberCard } from '../loyalty/cards';
import { buildSaleReceipt } from '../printing/documents/index';

let kit: Kit | undefined;
afterEach(async () => {
  await kit?.close();
  kit = undefined;
});

/** A shop code as the server's change feed sends it. */
function promoChange(k: Kit, over: Partial<SyncPromoCode> = {}): Change {
  const id = over.id ?? uuidv7();
  const data: SyncPromoCode = {
    id, vendorId: k.shop.vendorId, code: 'TILL10', description: '10% off', discount: { kind: 'percent', bps: 1000 }, minBasketCents: 0,
    firstOrderOnly: false, startsAt: null, endsAt: null, active: true, updatedAt: '2025-04-01T00:00:00.000Z', ...over,
  };
  return { entity: 'promo_code', op: 'upsert', id, data: data as unknown as Record<string, unknown> };
}

/** A paired counter, now offline (the server is unreachable), that synced the given codes earlier. */
async function offlineWithCodes(changes: (k: Kit) => Change[]): Promise<Kit> {
  const k = await startKit();
  k.core.mirror.applyPage({ changes: changes(k), nextCursor: '2', epoch: 'epoch-1' });
  createCredentialStore(k.t.dir).write({ deviceId: k.shop.deviceId, token: 'device-token', serverUrl: 'http://127.0.0.1:9' });
  if (!k.core.shifts.current()) k.core.shifts.open({ floatCents: 5000 });
  return k;
}

const saleArgs = (k: Kit) =>
  (k.core.ctx.sqlite.prepare(`SELECT args FROM outbox WHERE name = 'sale.complete' ORDER BY mutation_id`).all() as { args: string }[]).map((r) => JSON.parse(r.args) as Record<string, unknown>);

describe('promo codes at the till', () => {
  it('offline: a synced shop code applies to the sale (typed in any case), shows its saving, and the sale carries it', async () => {
    kit = await offlineWithCodes((k) => [promoChange(k)]);
    const k = kit;
    await k.client.cart.addVariant.mutate({ variantId: k.shop.variants.loaf, quantity: 2 });
    const view = await k.client.tillPromo.applyCode.mutate({ code: ' till10 ' });
    expect(view.promo).toEqual({ code: 'TILL10', description: '10% off', cents: 90, reason: null });
    expect(view.totals.adjustments).toEqual([{ key: 'promo', cents: 90 }]);
    expect(view.totals.totalCents).toBe(810);
    const done = await k.client.sales.complete.mutate({ cartId: view.id, tenders: [{ kind: 'cash', tenderedCents: 810 }] });
    // the receipt names the code and what it took off
    expect(buildSaleReceipt(k.core.ctx.db, done, { serverUrl: null }).orderDiscounts).toEqual([{ label: 'Promo code TILL10', amountCents: 90 }]);
    const sale = saleArgs(k).at(-1);
    expect(sale).toMatchObject({ totalCents: 810, discountCents: 90, promo: { code: 'TILL10', cents: 90, lines: [{ lineId: view.lines[0]?.id, cents: 90 }] } });
  });

  it('takes the promo before loyalty: the reward comes off what is left after the code', async () => {
    const ada = { id: uuidv7(), name: 'Ada Lovelace', email: 'ada@example.test', phone: '07700 900123', known: true };
    kit = await offlineWithCodes((k) => [promoChange(k, { code: 'HALF', discount: { kind: 'percent', bps: 5000 } })]);
    const k = kit;
    rememberCard(k.core.ctx, { customer: ada, programme: { kind: 'points', pointsPerPound: 1, pointsPerPoundOff: 10 }, units: 200 });
    await k.client.cart.addVariant.mutate({ variantId: k.shop.variants.loaf, quantity: 2 });
    await k.client.customers.attach.mutate({ customer: ada });
    await k.client.loyalty.redeem.mutate({ units: 50 });
    const view = await k.client.tillPromo.applyCode.mutate({ code: 'HALF' });
    // £9.00 − 50% = £4.50, then £5.00 of points clamped to the £4.50 left
    expect(view.totals.adjustments).toEqual([
      { key: 'promo', cents: 450 },
      { key: 'loyalty', cents: 450 },
    ]);
    expect(view.totals.totalCents).toBe(0);
  });

  it('refuses unknown, inactive, expired, not started, below-minimum and first-order codes without a customer — writing nothing', async () => {
    kit = await offlineWithCodes((k) => [
      promoChange(k, { code: 'OFF', active: false }),
      promoChange(k, { code: 'OLD', endsAt: '2025-01-01T00:00:00.000Z' }),
      promoChange(k, { code: 'SOON', startsAt: '2026-01-01T00:00:00.000Z' }),
      promoChange(k, { code: 'BIG', minBasketCents: 700, discount: { kind: 'amount', amountCents: 200 } }),
      promoChange(k, { code: 'FIRST', firstOrderOnly: true }),
    ]);
    const k = kit;
    await k.client.cart.addVariant.mutate({ variantId: k.shop.variants.loaf, quantity: 1 });
    const cases: [string, RegExp, string][] = [
      ['NOPE', /NOPE is not one of this shop's promo codes/, 'unknown'],
      ['OFF', /no longer active/, 'inactive'],
      ['OLD', /expired on/, 'expired'],
      ['SOON', /starts on/, 'not_started'],
      ['BIG', /Spend £2\.50 more to use the code BIG/, 'below_minimum'],
      ['FIRST', /attach the customer/, 'first_order_only'],
    ];
    for (const [code, message, refusal] of cases) {
      const err = await expectRefused(k.core, () => k.client.tillPromo.applyCode.mutate({ code }), 'PROMO_NOT_APPLICABLE');
      expect(err.message).toMatch(message);
      expect(errorData(err).details).toMatchObject({ refusal });
    }
    await expectRefused(k.core, () => k.client.tillPromo.applyCode.mutate({ code: '' }), 'BAD_INPUT');
  });

  it('a code whose basket drops below its minimum stops applying and says by how much; removing it writes it off the sale', async () => {
    kit = await offlineWithCodes((k) => [promoChange(k, { code: 'BIG', minBasketCents: 700, discount: { kind: 'amount', amountCents: 200 } })]);
    const k = kit;
    await k.client.cart.addVariant.mutate({ variantId: k.shop.variants.loaf, quantity: 2 });
    const applied = await k.client.tillPromo.applyCode.mutate({ code: 'BIG' });
    expect(applied.totals.totalCents).toBe(700);
    const line = applied.lines[0];
    if (!line) throw new Error('no line');
    await k.client.cart.setQuantity.mutate({ lineId: line.id, quantity: 1 });
    const dropped = await k.client.cart.current.query();
    expect(dropped?.promo).toEqual({ code: 'BIG', description: '10% off', cents: 0, reason: 'Spend £2.50 more to use the code BIG.' });
    expect(dropped?.totals.adjustments).toEqual([]);
    const before = dbState(k.core);
    const removed = await k.client.tillPromo.removeCode.mutate();
    expect(removed.promo).toBeNull();
    expect(dbState(k.core)).not.toEqual(before);
  });
});
