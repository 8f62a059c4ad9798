import fc from 'fast-check';
import { AppError, computeTotals, discountProblem, mulCents, type CartLineInput, type Discount } from '@makeries/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCore, seedShop, signIn, type Shop, type TestCore } from '../test/fixtures';

let t: TestCore;
let shop: Shop;

beforeAll(async () => {
  t = makeCore();
  shop = await seedShop(t.core, { taxMode: 'exclusive', cashRoundingCents: 5 });
  // a manager may give any discount without a second PIN
  await signIn(t.core, shop, 'manager');
  t.core.shifts.open({ floatCents: 0 });
});
afterAll(() => t.cleanup());

const discountArb: fc.Arbitrary<Discount | null> = fc.oneof(
  fc.constant(null),
  fc.integer({ min: 1, max: 10_000 }).map((bps): Discount => ({ kind: 'percent', bps })),
  fc.integer({ min: 1, max: 5_000 }).map((amountCents): Discount => ({ kind: 'amount', amountCents })),
);

const lineArb = fc.record({
  item: fc.constantFrom('loaf', 'croissant', 'cheese', 'bag' as const),
  quantity: fc.integer({ min: 1, max: 40 }),
  grams: fc.integer({ min: 1, max: 5_000 }),
  discount: discountArb,
});

const PRICES = { loaf: [450, 0], croissant: [195, 2000], cheese: [2400, 2000], bag: [10, 2000] } as const;

/**
 * Gives the discount through the core; a discount bigger than what it comes off must be refused
 * (DISCOUNT_TOO_LARGE) exactly when the shared rule says so, and then the cart keeps no discount.
 */
async function tryDiscount(give: () => Promise<unknown>, discount: Discount, baseCents: number, scope: 'line' | 'sale'): Promise<boolean> {
  const tooLarge = discountProblem(discount, baseCents, scope, 'GBP') !== null;
  const refused = await give().then(
    () => false,
    (e: unknown) => {
      if (e instanceof AppError && e.code === 'DISCOUNT_TOO_LARGE') return true;
      throw e;
    },
  );
  expect(refused).toBe(tooLarge);
  return !refused;
}

describe('completed sales', () => {
  it('always carry the totals shared computeTotals gives for the same cart', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(lineArb, { minLength: 1, maxLength: 6 }), discountArb, async (lines, orderDiscount) => {
        // a failed run must not leak its lines into the next one (fast-check shrinks by re-running); the runs
        // sell far past the stock levels, so the cashier answers 'sell anyway'
        if (t.core.cart.current()) t.core.cart.voidCart();
        const expected: CartLineInput[] = [];
        for (const [i, l] of lines.entries()) {
          const weighed = l.item === 'cheese';
          const added = weighed
            ? t.core.cart.addVariant({ variantId: shop.variants.cheese, grams: l.grams, sellAnyway: true })
            : t.core.cart.addVariant({ variantId: shop.variants[l.item], quantity: l.quantity, sellAnyway: true });
          // a repeat of a plain item merges into its line; give every line a note so each stays its own
          t.core.cart.setLineNote({ lineId: added.lineId, note: `line ${i}` });
          const [price, rate] = PRICES[l.item];
          const quantity = weighed ? l.grams : l.quantity;
          const quantityScale = weighed ? 1000 : 1;
          const discount = l.discount;
          const kept = discount ? await tryDiscount(() => t.core.cart.setLineDiscount({ lineId: added.lineId, discount }), discount, mulCents(price, quantity, quantityScale), 'line') : false;
          expected.push({ key: String(i), unitPriceCents: price, quantity, quantityScale, taxRatesBps: [rate], ...(kept && discount ? { discount } : {}) });
        }
        const beforeOrder = computeTotals({ currency: 'GBP', taxMode: 'exclusive', lines: expected });
        const saleBase = beforeOrder.lines.reduce((s, l) => s + l.grossCents - l.lineDiscountCents, 0);
        const keptOrder = orderDiscount ? await tryDiscount(() => t.core.cart.setOrderDiscount({ discount: orderDiscount }), orderDiscount, saleBase, 'sale') : false;
        const want = computeTotals({ currency: 'GBP', taxMode: 'exclusive', lines: expected, ...(keptOrder && orderDiscount ? { orderDiscount } : {}) });
        const card = Math.floor(want.totalCents / 2);
        const sale = t.core.sales.complete({
          tenders: [
            ...(card > 0 ? [{ kind: 'external_card' as const, amountCents: card }] : []),
            // a free sale (discounted to 0) is recorded as cash of 0
            ...(want.totalCents - card > 0 || want.totalCents === 0 ? [{ kind: 'cash' as const, tenderedCents: want.totalCents === 0 ? 0 : 10_000_000 }] : []),
          ],
        });
        expect(sale).toMatchObject({ subtotalCents: want.subtotalCents, discountCents: want.discountCents, taxCents: want.taxCents, totalCents: want.totalCents });
        expect(sale.lines.map((l) => [l.discountCents, l.taxCents, l.totalCents])).toEqual(want.lines.map((l) => [l.discountCents, l.taxCents, l.totalCents]));
        expect(sale.payments.reduce((s, p) => s + p.amountCents, 0)).toBe(sale.totalCents + sale.roundingCents);
      }),
      { numRuns: 40 },
    );
  });
});
