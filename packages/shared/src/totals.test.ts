import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from './errors';
import { percentOf } from './money';
import { taxForAmount } from './tax';
import { cashPartDue, cashRounding, computeTotals, type CartInput, type CartLineInput, type Discount } from './totals';
import type { TaxMode } from './schemas/vendors';

const FC = { seed: 77_001, numRuns: 400 };

function line(key: string, unitPriceCents: number, quantity: number, taxRatesBps: number[], extra: Partial<CartLineInput> = {}): CartLineInput {
  return { key, unitPriceCents, quantity, taxRatesBps, ...extra };
}

function cart(taxMode: TaxMode, lines: CartLineInput[], extra: Partial<CartInput> = {}): CartInput {
  return { currency: 'GBP', taxMode, lines, ...extra };
}

function badInput(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('BAD_INPUT');
    return e as AppError;
  }
  throw new Error('expected BAD_INPUT');
}

describe('computeTotals — a UK bakery (VAT-inclusive shelf prices)', () => {
  it('charges the shelf price and shows the VAT inside it', () => {
    const t = computeTotals(cart('inclusive', [line('sandwich', 250, 3, [2000]), line('bread', 320, 1, [0])]));
    expect(t.lines[0]).toEqual({
      key: 'sandwich',
      grossCents: 750,
      lineDiscountCents: 0,
      orderDiscountCents: 0,
      adjustments: [],
      discountCents: 0,
      netCents: 750,
      taxCents: 125,
      totalCents: 750,
      taxRateBps: 2000,
    });
    expect(t).toMatchObject({ subtotalCents: 1070, discountCents: 0, taxCents: 125, deliveryFeeCents: 0, totalCents: 1070 });
  });

  it('prices weighed cheese per kg (350 g at £12.99/kg = £4.55)', () => {
    const t = computeTotals(cart('inclusive', [line('cheddar', 1299, 350, [0], { quantityScale: 1000 })]));
    expect(t.lines[0]?.grossCents).toBe(455);
    expect(t.totalCents).toBe(455);
  });

  it('taxes a line with two rates on the combined rate', () => {
    const t = computeTotals(cart('inclusive', [line('hamper', 1000, 1, [500, 2000])]));
    expect(t.lines[0]).toMatchObject({ taxCents: 200, taxRateBps: 2500, totalCents: 1000 });
  });
});

describe('computeTotals — tax-exclusive vendor', () => {
  it('adds tax per line and sums it for the order', () => {
    const t = computeTotals(cart('exclusive', [line('a', 208, 1, [2000]), line('b', 1000, 2, [500, 2000])]));
    expect(t.lines.map((l) => [l.netCents, l.taxCents, l.totalCents])).toEqual([
      [208, 42, 250],
      [2000, 500, 2500],
    ]);
    expect(t).toMatchObject({ subtotalCents: 2208, taxCents: 542, totalCents: 2750 });
  });

  it('works in yen', () => {
    const t = computeTotals({ currency: 'JPY', taxMode: 'exclusive', lines: [line('tea', 1234, 1, [800])] });
    expect(t).toMatchObject({ currency: 'JPY', taxCents: 99, totalCents: 1333 });
  });
});

describe('computeTotals — discounts', () => {
  it('takes a percent line discount half-up before tax', () => {
    const t = computeTotals(cart('exclusive', [line('cake', 1999, 1, [2000], { discount: { kind: 'percent', bps: 1000 } })]));
    expect(t.lines[0]).toMatchObject({ lineDiscountCents: 200, netCents: 1799, taxCents: 360, totalCents: 2159 });
  });

  it('never lets a voucher push a line below zero', () => {
    const t = computeTotals(cart('inclusive', [line('bun', 300, 1, [2000], { discount: { kind: 'amount', amountCents: 500 } })]));
    expect(t.lines[0]).toMatchObject({ lineDiscountCents: 300, netCents: 0, taxCents: 0, totalCents: 0 });
    expect(t.totalCents).toBe(0);
  });

  it('allocates an order discount over lines by their discounted amounts', () => {
    const t = computeTotals(
      cart('inclusive', [line('a', 1000, 1, [2000], { discount: { kind: 'percent', bps: 5000 } }), line('b', 500, 1, [0])], {
        orderDiscount: { kind: 'amount', amountCents: 100 },
      }),
    );
    expect(t.lines.map((l) => [l.lineDiscountCents, l.orderDiscountCents, l.netCents])).toEqual([
      [500, 50, 450],
      [0, 50, 450],
    ]);
    expect(t.lines[0]?.taxCents).toBe(75); // VAT inside £4.50
    expect(t).toMatchObject({ discountCents: 600, taxCents: 75, totalCents: 900 });
  });

  it('gives leftover pennies of an order discount to the largest lines', () => {
    const t = computeTotals(
      cart('exclusive', [line('a', 333, 1, []), line('b', 333, 1, []), line('c', 334, 1, [])], {
        orderDiscount: { kind: 'amount', amountCents: 100 },
      }),
    );
    expect(t.lines.map((l) => l.orderDiscountCents)).toEqual([33, 33, 34]);
  });

  it('takes a percent order discount of the discounted subtotal', () => {
    const t = computeTotals(
      cart('exclusive', [line('a', 1000, 1, [2000]), line('b', 500, 1, [2000])], { orderDiscount: { kind: 'percent', bps: 1000 } }),
    );
    expect(t.lines.map((l) => l.orderDiscountCents)).toEqual([100, 50]);
    expect(t).toMatchObject({ discountCents: 150, taxCents: 270, totalCents: 1620 });
  });

  it('clamps an order discount to what is left to pay', () => {
    const t = computeTotals(cart('inclusive', [line('a', 200, 1, [2000])], { orderDiscount: { kind: 'amount', amountCents: 1000 } }));
    expect(t).toMatchObject({ discountCents: 200, taxCents: 0, totalCents: 0 });
  });
});

describe('computeTotals — delivery and empty carts', () => {
  it('adds the delivery fee untaxed', () => {
    const t = computeTotals(cart('exclusive', [line('a', 1000, 1, [2000])], { deliveryFeeCents: 299 }));
    expect(t).toMatchObject({ taxCents: 200, deliveryFeeCents: 299, totalCents: 1499 });
  });

  it('totals an empty cart (even with an order discount) to zero', () => {
    const t = computeTotals(cart('inclusive', [], { orderDiscount: { kind: 'percent', bps: 1000 } }));
    expect(t).toEqual({
      currency: 'GBP',
      taxMode: 'inclusive',
      lines: [],
      subtotalCents: 0,
      discountCents: 0,
      adjustments: [],
      taxCents: 0,
      deliveryFeeCents: 0,
      totalCents: 0,
    });
  });

  it('keeps zero-quantity lines at zero', () => {
    const t = computeTotals(cart('exclusive', [line('a', 999, 0, [2000]), line('b', 100, 1, [])], { orderDiscount: { kind: 'amount', amountCents: 50 } }));
    expect(t.lines[0]).toMatchObject({ grossCents: 0, orderDiscountCents: 0, totalCents: 0 });
    expect(t.lines[1]?.orderDiscountCents).toBe(50);
  });
});

describe('computeTotals — bad input', () => {
  const ok = line('a', 100, 1, [2000]);
  it.each<[string, CartInput, string]>([
    ['negative price', cart('inclusive', [ok, line('b', -1, 1, [])]), 'lines.1.unitPriceCents'],
    ['fractional price', cart('inclusive', [line('b', 9.99, 1, [])]), 'lines.0.unitPriceCents'],
    ['negative quantity', cart('inclusive', [line('b', 100, -2, [])]), 'lines.0.quantity'],
    ['fractional quantity', cart('inclusive', [line('b', 100, 1.5, [])]), 'lines.0.quantity'],
    ['zero scale', cart('inclusive', [line('b', 100, 1, [], { quantityScale: 0 })]), 'lines.0.quantityScale'],
    ['rate over 100%', cart('inclusive', [ok, line('b', 100, 1, [500, 10_001])]), 'lines.1.taxRatesBps.1'],
    ['negative rate', cart('inclusive', [line('b', 100, 1, [-500])]), 'lines.0.taxRatesBps.0'],
    ['missing key', cart('inclusive', [line('', 100, 1, [])]), 'lines.0.key'],
    ['negative line discount', cart('inclusive', [line('b', 100, 1, [], { discount: { kind: 'amount', amountCents: -5 } })]), 'lines.0.discount.amountCents'],
    ['percent over 100', cart('inclusive', [ok], { orderDiscount: { kind: 'percent', bps: 10_001 } }), 'orderDiscount.bps'],
    ['unknown discount', cart('inclusive', [ok], { orderDiscount: { kind: 'bogof' } as unknown as Discount }), 'orderDiscount.kind'],
    ['negative delivery fee', cart('inclusive', [ok], { deliveryFeeCents: -1 }), 'deliveryFeeCents'],
    ['bad currency', { ...cart('inclusive', [ok]), currency: 'pounds' }, 'currency'],
    ['bad tax mode', { ...cart('inclusive', [ok]), taxMode: 'gross' as TaxMode }, 'taxMode'],
  ])('refuses a %s and says where', (_name, input, path) => {
    const err = badInput(() => computeTotals(input));
    expect(err.issues?.[0]?.path).toBe(path);
    if (path.startsWith('lines.')) expect(err.message).toMatch(new RegExp(`^Line ${Number(path.split('.')[1]) + 1}: `));
  });
});

const discountArb: fc.Arbitrary<Discount | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.record({ kind: fc.constant('amount' as const), amountCents: fc.integer({ min: 0, max: 20_000 }) }),
  fc.record({ kind: fc.constant('percent' as const), bps: fc.integer({ min: 0, max: 10_000 }) }),
);

const lineArb: fc.Arbitrary<CartLineInput> = fc
  .record({
    unitPriceCents: fc.integer({ min: 0, max: 100_000 }),
    weighed: fc.boolean(),
    quantity: fc.integer({ min: 0, max: 5000 }),
    taxRatesBps: fc.subarray([2000, 500, 800, 1000, 0], { maxLength: 2 }),
    discount: discountArb,
  })
  .map((r) => ({
    key: 'k',
    unitPriceCents: r.unitPriceCents,
    quantity: r.weighed ? r.quantity : r.quantity % 20,
    quantityScale: r.weighed ? 1000 : 1,
    taxRatesBps: r.taxRatesBps,
    ...(r.discount ? { discount: r.discount } : {}),
  }));

const cartArb: fc.Arbitrary<CartInput> = fc.record({
  currency: fc.constantFrom('GBP', 'EUR', 'JPY'),
  taxMode: fc.constantFrom<TaxMode>('inclusive', 'exclusive'),
  lines: fc.array(lineArb, { maxLength: 8 }).map((ls) => ls.map((l, i) => ({ ...l, key: `line-${i}` }))),
  orderDiscount: discountArb,
  deliveryFeeCents: fc.integer({ min: 0, max: 1000 }),
});

describe('computeTotals — invariants', () => {
  it('the order total is exactly Σ line totals + delivery, and every order-level sum matches its lines', () => {
    fc.assert(
      fc.property(cartArb, (c) => {
        const t = computeTotals(c);
        const sum = (f: (l: (typeof t.lines)[number]) => number): number => t.lines.reduce((s, l) => s + f(l), 0);
        expect(t.totalCents).toBe(sum((l) => l.totalCents) + t.deliveryFeeCents);
        expect(t.subtotalCents).toBe(sum((l) => l.grossCents));
        expect(t.discountCents).toBe(sum((l) => l.discountCents));
        expect(t.taxCents).toBe(sum((l) => l.taxCents));
        expect(t.lines.map((l) => l.key)).toEqual(c.lines.map((l) => l.key));
      }),
      FC,
    );
  });

  it('discounts never make a line negative and the order discount is allocated exactly', () => {
    fc.assert(
      fc.property(cartArb, (c) => {
        const t = computeTotals(c);
        const afterLine = t.lines.reduce((s, l) => s + l.grossCents - l.lineDiscountCents, 0);
        const od = c.orderDiscount;
        const wanted = !od ? 0 : od.kind === 'amount' ? od.amountCents : percentOf(afterLine, od.bps);
        expect(t.lines.reduce((s, l) => s + l.orderDiscountCents, 0)).toBe(Math.min(wanted, afterLine));
        for (const l of t.lines) {
          expect(l.netCents).toBeGreaterThanOrEqual(0);
          expect(l.discountCents).toBe(l.lineDiscountCents + l.orderDiscountCents);
          expect(l.netCents).toBe(l.grossCents - l.discountCents);
        }
      }),
      FC,
    );
  });

  it('tax per line is exactly taxForAmount on the discounted line', () => {
    fc.assert(
      fc.property(cartArb, (c) => {
        const t = computeTotals(c);
        t.lines.forEach((l, i) => {
          const rates = c.lines[i]?.taxRatesBps ?? [];
          expect(l.taxCents).toBe(taxForAmount(l.netCents, rates, c.taxMode).taxCents);
          expect(l.totalCents).toBe(c.taxMode === 'inclusive' ? l.netCents : l.netCents + l.taxCents);
        });
      }),
      FC,
    );
  });

  it('inclusive prices are stable: tax rates never change what the customer pays', () => {
    fc.assert(
      fc.property(cartArb, (c) => {
        const inclusive = { ...c, taxMode: 'inclusive' as const };
        const untaxed = { ...inclusive, lines: inclusive.lines.map((l) => ({ ...l, taxRatesBps: [] })) };
        const a = computeTotals(inclusive);
        const b = computeTotals(untaxed);
        expect(a.totalCents).toBe(b.totalCents);
        expect(a.lines.map((l) => l.totalCents)).toEqual(b.lines.map((l) => l.totalCents));
      }),
      FC,
    );
  });
});

describe('cashRounding', () => {
  it('rounds the cash tender to 5p and shows the difference as a rounding line', () => {
    expect(cashRounding(102, 5)).toEqual({ roundedCents: 100, roundingCents: -2 });
    expect(cashRounding(103, 5)).toEqual({ roundedCents: 105, roundingCents: 2 });
    expect(cashRounding(100, 5)).toEqual({ roundedCents: 100, roundingCents: 0 });
    expect(cashRounding(105, 10)).toEqual({ roundedCents: 110, roundingCents: 5 });
    expect(cashRounding(-103, 5)).toEqual({ roundedCents: -105, roundingCents: -2 });
  });

  it('leaves the amount alone with increment 0 or 1', () => {
    expect(cashRounding(103, 0)).toEqual({ roundedCents: 103, roundingCents: 0 });
    expect(cashRounding(103, 1)).toEqual({ roundedCents: 103, roundingCents: 0 });
  });

  it('refuses negative or fractional increments and amounts', () => {
    expect(badInput(() => cashRounding(100, -5)).message).toMatch(/increment/);
    expect(badInput(() => cashRounding(100, 2.5)).message).toMatch(/increment/);
    badInput(() => cashRounding(100.5, 5));
  });

  it('always lands on a multiple of the increment, within half an increment', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.constantFrom(2, 5, 10, 25, 50, 100), (a, inc) => {
        const r = cashRounding(a, inc);
        expect(r.roundedCents % inc === 0).toBe(true);
        expect(r.roundedCents - a).toBe(r.roundingCents);
        expect(Math.abs(r.roundingCents)).toBeLessThanOrEqual(inc / 2);
      }),
      FC,
    );
  });
});

describe('cashPartDue', () => {
  it('rounds only what is left after the cards: a card never pays a rounded amount', () => {
    // CHF 10.03 total, CHF 6.00 on a card: the cash part is 4.03 → 4.05 at 5 rappen
    expect(cashPartDue(1003, 600, 5)).toEqual({ roundedCents: 405, roundingCents: 2 });
    expect(cashPartDue(1003, 0, 5)).toEqual({ roundedCents: 1005, roundingCents: 2 });
    expect(cashPartDue(1003, 1003, 5)).toEqual({ roundedCents: 0, roundingCents: 0 });
    expect(cashPartDue(1003, 1200, 5)).toEqual({ roundedCents: 0, roundingCents: 0 });
  });
});

describe('adjustments (promo codes, loyalty rewards)', () => {
  const base = {
    currency: 'GBP',
    taxMode: 'inclusive' as const,
    lines: [
      { key: 'a', unitPriceCents: 1000, quantity: 1, taxRatesBps: [2000] },
      { key: 'b', unitPriceCents: 500, quantity: 1, taxRatesBps: [] },
    ],
  };

  it('takes each adjustment after the order discount, in order, each from what is left, and shows every line’s share', () => {
    const t = computeTotals({ ...base, orderDiscount: { kind: 'amount', amountCents: 300 }, adjustments: [
      { key: 'promo', discount: { kind: 'percent', bps: 1000 } },
      { key: 'loyalty', discount: { kind: 'amount', amountCents: 200 } },
    ] });
    // after the order discount 1200 left (800 + 400); promo 10 % = 120 (80 + 40); loyalty 200 over 720 + 360 (133⅓ + 66⅔: the odd unit to the larger line)
    expect(t.adjustments).toEqual([{ key: 'promo', cents: 120 }, { key: 'loyalty', cents: 200 }]);
    expect(t.lines.map((l) => l.adjustments)).toEqual([
      [{ key: 'promo', cents: 80 }, { key: 'loyalty', cents: 134 }],
      [{ key: 'promo', cents: 40 }, { key: 'loyalty', cents: 66 }],
    ]);
    expect(t.discountCents).toBe(300 + 120 + 200);
    expect(t.totalCents).toBe(1500 - 620);
    // tax on what is left of the taxed line only: 1000 − 200 − 80 − 134 = 586 inclusive of 20 %
    expect(t.lines[0]?.netCents).toBe(586);
    expect(t.lines[0]?.taxCents).toBe(98);
  });

  it('clamps an adjustment to what is left: a £20 reward on a £15 basket takes £15, the next takes nothing', () => {
    const t = computeTotals({ ...base, adjustments: [
      { key: 'loyalty', discount: { kind: 'amount', amountCents: 2000 } },
      { key: 'promo', discount: { kind: 'amount', amountCents: 100 } },
    ] });
    expect(t.adjustments).toEqual([{ key: 'loyalty', cents: 1500 }, { key: 'promo', cents: 0 }]);
    expect(t.totalCents).toBe(0);
    expect(t.taxCents).toBe(0);
  });

  it('refuses two adjustments with one key and a bad adjustment discount', () => {
    expect(() => computeTotals({ ...base, adjustments: [
      { key: 'promo', discount: { kind: 'amount', amountCents: 1 } },
      { key: 'promo', discount: { kind: 'amount', amountCents: 1 } },
    ] })).toThrow(/own key/);
    expect(() => computeTotals({ ...base, adjustments: [{ key: 'promo', discount: { kind: 'percent', bps: 10_001 } }] })).toThrow(/basis points/);
  });

  it('without adjustments the totals are what they were', () => {
    const t = computeTotals(base);
    expect(t.adjustments).toEqual([]);
    expect(t.lines.every((l) => l.adjustments.length === 0)).toBe(true);
    expect(t.totalCents).toBe(1500);
  });
});
