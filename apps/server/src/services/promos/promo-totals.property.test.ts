import { computeTotals, sumCents, taxForAmount, type CartInput, type CartLineInput, type TaxMode } from '@makeries/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withPromo } from './apply';
import { decidePromo, type PromoRow } from './rules';

/**
 * A promo code (percentage or amount, any minimum basket) over a cart of up to four shop orders, each with its own
 * tax mode, rates, line and order discounts and a loyalty adjustment after it: the shared totals stay exact.
 */

const lineArb: fc.Arbitrary<CartLineInput> = fc.record({
  key: fc.constant(''),
  unitPriceCents: fc.integer({ min: 0, max: 20_000 }),
  quantity: fc.integer({ min: 0, max: 12 }),
  taxRatesBps: fc.subarray([2000, 500, 800, 0], { maxLength: 2 }),
  discount: fc.option(fc.record({ kind: fc.constant('percent' as const), bps: fc.integer({ min: 0, max: 5000 }) }), { nil: undefined }),
});

const shopArb = fc.record({
  taxMode: fc.constantFrom<TaxMode>('inclusive', 'exclusive'),
  lines: fc.array(lineArb, { minLength: 1, maxLength: 5 }),
  orderDiscountCents: fc.integer({ min: 0, max: 3000 }),
  loyaltyCents: fc.integer({ min: 0, max: 2000 }),
  deliveryFeeCents: fc.integer({ min: 0, max: 500 }),
});

const promoArb = fc.record({
  kind: fc.constantFrom<'percent' | 'amount'>('percent', 'amount'),
  bps: fc.integer({ min: 1, max: 10_000 }),
  amountCents: fc.integer({ min: 1, max: 50_000 }),
  minBasketCents: fc.integer({ min: 0, max: 20_000 }),
});

function promoRow(p: { kind: 'percent' | 'amount'; bps: number; amountCents: number; minBasketCents: number }): PromoRow {
  const now = new Date();
  return {
    id: '00000000-0000-7000-8000-000000000000',
    code: 'PROP',
    fundedBy: 'marketplace',
    vendorId: null,
    shopIds: [],
    description: '',
    discountKind: p.kind,
    percentBps: p.kind === 'percent' ? p.bps : 0,
    amountCents: p.kind === 'amount' ? p.amountCents : 0,
    minBasketCents: p.minBasketCents,
    firstOrderOnly: false,
    perCustomerLimit: null,
    totalLimit: null,
    startsAt: null,
    endsAt: null,
    active: true,
    uses: 0,
    discountGivenCents: 0,
    overLimitUses: 0,
    createdByStaffId: null,
    createdByOperatorId: null,
    createdAt: now,
    updatedAt: now,
  };
}

describe('promo + loyalty + tax over several shop orders (property)', () => {
  it('never negative; Σ line shares = each shop’s promo; Σ shops ≤ the code’s amount; tax on what is left', () => {
    fc.assert(
      fc.property(fc.array(shopArb, { minLength: 1, maxLength: 4 }), promoArb, (shops, p) => {
        const inputs: CartInput[] = shops.map((s, i) => ({
          currency: 'GBP',
          taxMode: s.taxMode,
          lines: s.lines.map((l, j) => ({ ...l, key: `s${i}-l${j}` })),
          orderDiscount: { kind: 'amount', amountCents: s.orderDiscountCents },
          adjustments: [{ key: 'loyalty', discount: { kind: 'amount', amountCents: s.loyaltyCents } }],
          deliveryFeeCents: s.deliveryFeeCents,
        }));
        const promo = promoRow(p);
        const before = inputs.map((input) => computeTotals(input));
        const orders = before.map((t, i) => ({ vendorId: `v${i}`, vendorName: `Shop ${i}`, currency: 'GBP', goodsCents: t.totalCents - t.deliveryFeeCents }));
        const decision = decidePromo(promo, orders, { known: true, uses: 0, hasEarlierOrder: false }, new Date());
        if (!decision.ok) {
          expect(decision.refusal).toBe('below_minimum');
          expect(orders.every((o) => o.goodsCents < p.minBasketCents || o.goodsCents === 0)).toBe(true);
          return;
        }
        let given = 0;
        for (const [i, input] of inputs.entries()) {
          const share = decision.shares.find((s) => s.vendorId === `v${i}`);
          const after = computeTotals(share ? withPromo(input, share.discount) : input);
          // promo first, loyalty after it
          expect(after.adjustments.map((a) => a.key)).toEqual(share ? ['promo', 'loyalty'] : ['loyalty']);
          const promoCents = after.adjustments.find((a) => a.key === 'promo')?.cents ?? 0;
          given += promoCents;
          expect(after.totalCents).toBeGreaterThanOrEqual(0);
          expect(after.totalCents).toBeLessThanOrEqual(before[i]?.totalCents ?? 0);
          expect(sumCents(after.lines.map((l) => l.adjustments.find((a) => a.key === 'promo')?.cents ?? 0))).toBe(promoCents);
          for (const [j, line] of after.lines.entries()) {
            expect(line.netCents).toBeGreaterThanOrEqual(0);
            expect(line.taxCents).toBe(taxForAmount(line.netCents, input.lines[j]?.taxRatesBps ?? [], input.taxMode).taxCents);
          }
          expect(after.taxCents).toBe(sumCents(after.lines.map((l) => l.taxCents)));
        }
        if (p.kind === 'amount') expect(given).toBeLessThanOrEqual(p.amountCents);
      }),
      { numRuns: 400 },
    );
  });
});
