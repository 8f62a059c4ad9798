import { describe, expect, it } from 'vitest';
import { quickWeights, readWeight } from './weight';

describe('the weight input', () => {
  it('prices any weight live: 375 g of £24.00/kg cheese is £9.00, rounded half-up like the server', () => {
    expect(readWeight('375', 2400)).toEqual({ ok: true, grams: 375, priceCents: 900 });
    expect(readWeight(125, 1999)).toEqual({ ok: true, grams: 125, priceCents: 250 }); // 249.875p
    expect(readWeight(1005, 1)).toEqual({ ok: true, grams: 1005, priceCents: 1 }); // 1.005p
    expect(readWeight(50, 10)).toEqual({ ok: true, grams: 50, priceCents: 1 }); // 0.5p rounds up
  });

  it('says why a weight cannot be ordered: empty, below the minimum, off the step, above the limit or the stock left', () => {
    expect(readWeight('', 2400)).toEqual({ ok: false, problem: 'Enter a weight in grams.' });
    expect(readWeight('abc', 2400)).toEqual({ ok: false, problem: 'Enter a weight in grams.' });
    expect(readWeight(40, 2400, null, 'Cheddar')).toEqual({ ok: false, problem: 'Order at least 50 g of Cheddar.' });
    expect(readWeight(377, 2400, null, 'Cheddar')).toEqual({ ok: false, problem: 'Order Cheddar in steps of 5 g (e.g. 375 g).' });
    expect(readWeight(25_000, 2400, null, 'Cheddar')).toEqual({ ok: false, problem: 'Order at most 20 kg of Cheddar.' });
    expect(readWeight(1500, 2400, 1200, 'Cheddar')).toEqual({ ok: false, problem: 'Only 1.2 kg of Cheddar left to order.' });
    expect(readWeight(100, 2400, 0, 'Cheddar')).toEqual({ ok: false, problem: 'Cheddar is sold out.' });
    expect(readWeight(1200, 2400, 1200, 'Cheddar')).toEqual({ ok: true, grams: 1200, priceCents: 2880 });
  });

  it('offers the usual weights that can be ordered now', () => {
    expect(quickWeights(null)).toEqual([100, 250, 500, 1000]);
    expect(quickWeights(600)).toEqual([100, 250, 500]);
    expect(quickWeights(0)).toEqual([]);
  });
});
