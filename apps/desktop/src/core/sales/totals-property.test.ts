import fc from 'fast-check';
import { computeTotals, type CartLineInput, type Discount } from '@makeries/shared';
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

describe('completed sales', () => {
  it('always carry the totals shared computeTotals gives for the same cart', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(lineArb, { minLength: 1, maxLength: 6 }), discountArb, async (lines, orderDiscount) => {
        // a failed run must not leak its lines into the next one (fast-check shrinks by re-running)
        if (t.core.cart.current()) t.core.cart.voidCart();
        const expected: CartLineInput[] = [];
        for (const [i, l] of lines.entries()) {
          const weighed = l.item === 'cheese';
          const added = weighed
            ? t.core.cart.addVariant({ variantId: shop.variants.cheese, grams: l.grams })
            : t.core.cart.addVariant({ variantId: shop.variants[l.item], quantity: l.quantity });
          // a repeat of a plain item merges into its line; give every line a note so each stays its own
          t.core.cart.setLineNote({ lineId: added.lineId, note: `line ${i}` });
          if (l.discount) await t.core.cart.setLineDiscount({ lineId: added.lineId, discount: l.discount });
          const [price, rate] = PRICES[l.item];
          expected.push({
            key: String(i),
            unitPriceCents: price,
            quantity: weighed ? l.grams : l.quantity,
            quantityScale: weighed ? 1000 : 1,
            taxRatesBps: [rate],
            ...(l.discount ? { discount: l.discount } : {}),
          });
        }
        if (orderDiscount) await t.core.cart.setOrderDiscount({ discount: orderDiscount });
        const want = computeTotals({ currency: 'GBP', taxMode: 'exclusive', lines: expected, ...(orderDiscount ? { orderDiscount } : {}) });
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
