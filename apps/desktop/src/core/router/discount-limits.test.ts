import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { managerApproval } from '../test/fixtures';
import { errorData, expectRefused, startKit, type CounterClient, type Kit } from './test-kit';

/*
 * A discount bigger than what it comes off is refused — DISCOUNT_TOO_LARGE, a sentence with the most that
 * can come off, nothing written (expectRefused compares every table) — never silently cut to fit.
 * Basket: a loaf 4.50 and a croissant 1.95 = 6.45.
 */

let kit: Kit;
let c: CounterClient;
const lines = { loaf: '', croissant: '' };

beforeAll(async () => {
  kit = await startKit({ signedIn: 'cashier' });
  c = kit.client;
  await c.shifts.open.mutate({ floatCents: 10_000 });
  lines.loaf = (await c.cart.addByScan.mutate({ code: kit.shop.barcodes.loaf })).lineId;
  lines.croissant = (await c.cart.addByScan.mutate({ code: kit.shop.barcodes.croissant })).lineId;
});
afterAll(() => kit.close());

describe('discounts larger than the sale or the line', () => {
  it('refuses £10 off a £6.45 sale, even with a manager’s PIN, and says the most that can come off', async () => {
    const err = await expectRefused(kit.core, () => c.cart.orderDiscount.mutate({ discount: { kind: 'amount', amountCents: 1_000 } }), 'DISCOUNT_TOO_LARGE');
    expect(err.message).toBe('£10.00 off is more than this sale costs (£6.45). Take off at most £6.45.');
    expect(errorData(err).issues).toEqual([{ path: 'discount.amountCents', message: err.message }]);
    const approved = await expectRefused(
      kit.core,
      () => c.cart.orderDiscount.mutate({ discount: { kind: 'amount', amountCents: 1_000 }, approval: managerApproval(kit.shop) }),
      'DISCOUNT_TOO_LARGE',
    );
    expect(approved.message).toContain('£6.45');
    expect((await c.cart.current.query())?.totals.totalCents).toBe(645);
  });

  it('refuses £5 off the £4.50 loaf line; 100% off the line is fine', async () => {
    const err = await expectRefused(
      kit.core,
      () => c.cart.lineDiscount.mutate({ lineId: lines.loaf, discount: { kind: 'amount', amountCents: 500 }, approval: managerApproval(kit.shop) }),
      'DISCOUNT_TOO_LARGE',
    );
    expect(err.message).toBe('£5.00 off is more than this line costs (£4.50). Take off at most £4.50.');
    const free = await c.cart.lineDiscount.mutate({ lineId: lines.loaf, discount: { kind: 'percent', bps: 10_000 }, approval: managerApproval(kit.shop) });
    expect(free.totals.totalCents).toBe(195);
  });

  it('measures an order discount against what is left after line discounts', async () => {
    // the loaf is now free, so the sale is the croissant: 1.95
    const err = await expectRefused(kit.core, () => c.cart.orderDiscount.mutate({ discount: { kind: 'amount', amountCents: 200 }, approval: managerApproval(kit.shop) }), 'DISCOUNT_TOO_LARGE');
    expect(err.message).toContain('(£1.95)');
    const exact = await c.cart.orderDiscount.mutate({ discount: { kind: 'amount', amountCents: 195 }, approval: managerApproval(kit.shop) });
    expect(exact.totals).toMatchObject({ discountCents: 450 + 195, totalCents: 0 });
  });
});
