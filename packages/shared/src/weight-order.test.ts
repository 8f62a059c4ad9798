import { describe, expect, it } from 'vitest';
import { computeTotals } from './totals';
import { maxOrderGrams, WEIGHT_ORDER_LIMITS, weightLabel, weightOrderProblem, weightPriceCents } from './weight-order';

describe('ordering by weight', () => {
  it('prices grams at a per-kg price, half-up, exactly as the cart totals do', () => {
    expect(weightPriceCents(2400, 375)).toBe(900);
    expect(weightPriceCents(1999, 125)).toBe(250); // 249.875 → 250
    expect(weightPriceCents(1000, 5)).toBe(5);
    expect(weightPriceCents(999, 5)).toBe(5); // 4.995 → 5 (half-up)
    expect(weightPriceCents(990, 5)).toBe(5); // 4.95 → 5
    expect(weightPriceCents(980, 5)).toBe(5); // 4.9 → 5
    expect(weightPriceCents(900, 5)).toBe(5); // 4.5 → 5
    expect(weightPriceCents(880, 5)).toBe(4); // 4.4 → 4
    for (const [price, grams] of [[2400, 375], [1999, 125], [777, 1230], [4200, 50]] as const) {
      const totals = computeTotals({ currency: 'GBP', taxMode: 'inclusive', lines: [{ key: 'x', unitPriceCents: price, quantity: grams, quantityScale: 1000, taxRatesBps: [] }] });
      expect(totals.lines[0]?.grossCents).toBe(weightPriceCents(price, grams));
    }
  });

  it('accepts any whole step from the minimum to the maximum and says why anything else is refused', () => {
    expect(weightOrderProblem('Cheddar', 375)).toBeNull();
    expect(weightOrderProblem('Cheddar', 50)).toBeNull();
    expect(weightOrderProblem('Cheddar', 20_000)).toBeNull();
    expect(weightOrderProblem('Cheddar', 40)).toBe('Order at least 50 g of Cheddar.');
    expect(weightOrderProblem('Cheddar', 377)).toBe('Order Cheddar in steps of 5 g (e.g. 375 g).');
    expect(weightOrderProblem('Cheddar', 20_010)).toBe('Order at most 20 kg of Cheddar.');
    expect(weightOrderProblem('Cheddar', 37.5)).toBe('Order Cheddar in whole grams.');
  });

  it('caps the most a customer can order at the stock left, on a whole step, or 0 below the minimum', () => {
    expect(maxOrderGrams(null)).toBe(WEIGHT_ORDER_LIMITS.maxGrams);
    expect(maxOrderGrams(50_000)).toBe(20_000);
    expect(maxOrderGrams(1234)).toBe(1230);
    expect(maxOrderGrams(1236)).toBe(1235);
    expect(maxOrderGrams(49)).toBe(0);
    expect(maxOrderGrams(-300)).toBe(0);
  });

  it('labels weights in grams below a kilo and kilos above', () => {
    expect(weightLabel(375)).toBe('375 g');
    expect(weightLabel(1000)).toBe('1 kg');
    expect(weightLabel(1375)).toBe('1.375 kg');
    expect(weightLabel(2500)).toBe('2.5 kg');
  });
});
