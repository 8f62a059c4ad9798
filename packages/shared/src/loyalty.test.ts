import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loyaltyAdjustment, loyaltyBestRedemption, loyaltyEarned, loyaltyProgress, loyaltyRedemption, loyaltyReversed, loyaltyUsed } from './loyalty';
import { taxForAmount } from './tax';
import { computeTotals, type CartInput, type CartLineInput, type Discount } from './totals';
import { loyaltyProgrammeSchema, type LoyaltyProgramme } from './schemas/loyalty';
import type { TaxMode } from './schemas/vendors';

const stamps: LoyaltyProgramme = { kind: 'stamps', minOrderCents: 500, stampsForReward: 8, rewardCents: 350, rewardName: 'free loaf' };
const points: LoyaltyProgramme = { kind: 'points', pointsPerPound: 10, pointsPerPoundOff: 100 };

describe('loyalty maths', () => {
  it('earns one stamp per order of at least the minimum, points per whole pound', () => {
    expect(loyaltyEarned(stamps, 499)).toBe(0);
    expect(loyaltyEarned(stamps, 500)).toBe(1);
    expect(loyaltyEarned(stamps, 90_000)).toBe(1);
    expect(loyaltyEarned(points, 1299)).toBe(129);
    expect(loyaltyEarned(points, 0)).toBe(0);
    expect(loyaltyEarned({ kind: 'off' }, 10_000)).toBe(0);
  });

  it('redeems whole rewards and only the points a discount needs', () => {
    expect(loyaltyRedemption(stamps, 17)).toEqual({ units: 16, cents: 700 });
    expect(loyaltyRedemption(points, 120)).toEqual({ units: 120, cents: 120 });
    expect(loyaltyRedemption({ kind: 'points', pointsPerPound: 1, pointsPerPoundOff: 250 }, 251)).toEqual({ units: 250, cents: 100 });
    expect(loyaltyBestRedemption(points, 1000, 420)).toEqual({ units: 420, cents: 420 });
    expect(loyaltyBestRedemption(stamps, 24, 400)).toEqual({ units: 16, cents: 700 });
    expect(loyaltyBestRedemption(stamps, 7, 400)).toEqual({ units: 0, cents: 0 });
    expect(loyaltyBestRedemption(points, -5, 400)).toEqual({ units: 0, cents: 0 });
  });

  it('gives back unused points when the basket is smaller, spends a stamp reward whole', () => {
    expect(loyaltyUsed(points, { units: 500, cents: 500 }, 320)).toEqual({ units: 320, cents: 320 });
    expect(loyaltyUsed(stamps, { units: 8, cents: 350 }, 200)).toEqual({ units: 8, cents: 200 });
  });

  it('takes back earnings in proportion to refunds, in the customer’s favour', () => {
    expect(loyaltyReversed(1, 1000, 300)).toBe(0);
    expect(loyaltyReversed(1, 1000, 1000)).toBe(1);
    expect(loyaltyReversed(100, 1000, 500)).toBe(50);
    expect(loyaltyReversed(100, 1000, 5000)).toBe(100);
  });

  it('words the card', () => {
    expect(loyaltyProgress(stamps, 4, 'GBP', 'en-GB')).toBe('4 of 8 stamps — 4 more for free loaf');
    expect(loyaltyProgress(stamps, 9, 'GBP', 'en-GB')).toBe('A reward is ready: free loaf. 1 of 8 stamps — 7 more for free loaf');
    expect(loyaltyProgress(points, 350, 'GBP', 'en-GB')).toBe('350 points — worth £3.50 off');
    expect(loyaltyProgress(points, -20, 'GBP', 'en-GB')).toBe('-20 points — worth £0.00 off');
  });

  it('refuses a programme a shop could not mean, with a message', () => {
    const r = loyaltyProgrammeSchema.safeParse({ kind: 'stamps', minOrderCents: 0, stampsForReward: 1, rewardCents: 100 });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('Stamps for a reward is at least 2');
    expect(loyaltyProgrammeSchema.safeParse({ kind: 'gold' }).success).toBe(false);
  });
});

// ---- promo + loyalty + tax together through computeTotals ----

const discountArb: fc.Arbitrary<Discount> = fc.oneof(
  fc.record({ kind: fc.constant('amount' as const), amountCents: fc.integer({ min: 0, max: 30_000 }) }),
  fc.record({ kind: fc.constant('percent' as const), bps: fc.integer({ min: 0, max: 10_000 }) }),
);

const lineArb: fc.Arbitrary<Omit<CartLineInput, 'key'>> = fc.record({
  unitPriceCents: fc.integer({ min: 0, max: 50_000 }),
  quantity: fc.integer({ min: 0, max: 40 }),
  taxRatesBps: fc.subarray([2000, 500, 0, 1250], { maxLength: 2 }),
});

const programmeArb: fc.Arbitrary<LoyaltyProgramme> = fc.oneof(
  fc.record({
    kind: fc.constant('stamps' as const),
    minOrderCents: fc.integer({ min: 0, max: 2000 }),
    stampsForReward: fc.integer({ min: 2, max: 12 }),
    rewardCents: fc.integer({ min: 1, max: 5000 }),
    rewardName: fc.constant(''),
  }),
  fc.record({ kind: fc.constant('points' as const), pointsPerPound: fc.integer({ min: 1, max: 100 }), pointsPerPoundOff: fc.integer({ min: 1, max: 1000 }) }),
);

const scenarioArb = fc.record({
  taxMode: fc.constantFrom<TaxMode>('inclusive', 'exclusive'),
  lines: fc.array(lineArb, { minLength: 1, maxLength: 6 }),
  orderDiscount: fc.option(discountArb, { nil: undefined }),
  promo: fc.option(discountArb, { nil: undefined }),
  programme: programmeArb,
  balance: fc.integer({ min: -50, max: 5000 }),
});

function cartOf(s: Parameters<typeof build>[0]): CartInput {
  return build(s);
}
function build(s: { taxMode: TaxMode; lines: Omit<CartLineInput, 'key'>[]; orderDiscount: Discount | undefined; promo: Discount | undefined }, loyaltyCents = 0): CartInput {
  return {
    currency: 'GBP',
    taxMode: s.taxMode,
    lines: s.lines.map((l, i) => ({ ...l, key: `l${i}` })),
    ...(s.orderDiscount ? { orderDiscount: s.orderDiscount } : {}),
    adjustments: [
      ...(s.promo ? [{ key: 'promo', discount: s.promo }] : []),
      ...loyaltyAdjustment({ units: 1, cents: loyaltyCents }),
    ],
  };
}

describe('promo + loyalty + tax through computeTotals (properties)', () => {
  it('never goes negative, shares sum to the totals, tax comes after every discount, loyalty after promo', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const withoutLoyalty = computeTotals(cartOf(s));
        const basket = withoutLoyalty.lines.reduce((sum, l) => sum + l.netCents, 0);
        const asked = loyaltyBestRedemption(s.programme, s.balance, basket);
        const t = computeTotals(build(s, asked.cents));

        // never negative, and the total is the lines (no delivery here)
        expect(t.totalCents).toBeGreaterThanOrEqual(0);
        for (const l of t.lines) {
          expect(l.netCents).toBeGreaterThanOrEqual(0);
          expect(l.taxCents).toBeGreaterThanOrEqual(0);
          for (const a of l.adjustments) expect(a.cents).toBeGreaterThanOrEqual(0);
        }
        expect(t.totalCents).toBe(t.lines.reduce((sum, l) => sum + l.totalCents, 0));

        // every adjustment's line shares sum to its total; discounts sum
        t.adjustments.forEach((a, k) => expect(t.lines.reduce((sum, l) => sum + (l.adjustments[k]?.cents ?? 0), 0)).toBe(a.cents));
        expect(t.discountCents).toBe(t.lines.reduce((sum, l) => sum + l.lineDiscountCents + l.orderDiscountCents + l.adjustments.reduce((x, a) => x + a.cents, 0), 0));

        // tax is computed on what is left after all discounts
        for (const l of t.lines) expect(l.taxCents).toBe(taxForAmount(l.netCents, [...(s.lines[Number(l.key.slice(1))]?.taxRatesBps ?? [])], s.taxMode).taxCents);

        // loyalty comes after promo: promo takes exactly what it took without loyalty, loyalty only what is left
        const promoWithout = withoutLoyalty.adjustments.find((a) => a.key === 'promo')?.cents ?? 0;
        const promoWith = t.adjustments.find((a) => a.key === 'promo')?.cents ?? 0;
        const loyalty = t.adjustments.find((a) => a.key === 'loyalty')?.cents ?? 0;
        expect(promoWith).toBe(promoWithout);
        expect(loyalty).toBe(Math.min(asked.cents, basket));
        expect(t.adjustments.map((a) => a.key)).toEqual([...(s.promo ? ['promo'] : []), ...(asked.cents > 0 ? ['loyalty'] : [])]);

        // the redemption never uses more than the balance, and what is used matches what was applied
        expect(asked.units).toBeLessThanOrEqual(Math.max(s.balance, 0));
        const used = loyaltyUsed(s.programme, asked, loyalty);
        expect(used.units).toBeLessThanOrEqual(asked.units);
        expect(used.cents).toBe(loyalty);
      }),
      { numRuns: 400 },
    );
  });
});
