import { beforeEach, describe, expect, it } from 'vitest';
import { countLabel, dateTimeLabel, distanceLabel, money, opensLabel, quantityLabel, unitPriceLabel, weekdayIn, weeklyHours } from './format';
import { setMarket } from './market';
import { BERLIN_MARKET, BRISTOL_MARKET } from './market-test-support';

beforeEach(() => setMarket(BRISTOL_MARKET));

describe('formatting', () => {
  it('writes quantities, prices and distances the way shoppers read them', () => {
    expect(quantityLabel(250, 'weight')).toBe('250 g');
    expect(quantityLabel(1500, 'weight')).toBe('1.5 kg');
    expect(quantityLabel(3, 'each')).toBe('3');
    expect(unitPriceLabel(2400, 'GBP', 'weight')).toBe('£24.00 / kg');
    expect(distanceLabel(12)).toBe('50 m');
    expect(distanceLabel(840)).toBe('850 m');
    expect(distanceLabel(2345)).toBe('2.3 km');
    expect(distanceLabel(23_456)).toBe('23 km');
  });

  it('writes counts of products with the market’s digit grouping', () => {
    expect(countLabel(12_480)).toBe('12,480');
    setMarket(BERLIN_MARKET);
    expect(countLabel(12_480)).toBe('12.480');
  });

  it('lists the week from Monday with closed days, and says when a closed shop opens in its own zone', () => {
    const rows = weeklyHours([
      { day: 1, open: '13:00', close: '18:00' },
      { day: 1, open: '09:00', close: '12:00' },
      { day: 6, open: '10:00', close: '16:00' },
    ]);
    expect(rows.map((r) => `${r.name}: ${r.ranges}`)).toEqual([
      'Monday: 09:00–12:00, 13:00–18:00',
      'Tuesday: Closed',
      'Wednesday: Closed',
      'Thursday: Closed',
      'Friday: Closed',
      'Saturday: 10:00–16:00',
      'Sunday: Closed',
    ]);
    expect(opensLabel('2025-06-16T08:00:00Z', 'Europe/London')).toBe('Opens Mon 09:00');
    expect(opensLabel(null, 'Europe/London')).toBe('Closed');
    expect(weekdayIn('Europe/London', new Date('2025-06-15T23:30:00Z'))).toBe(1);
  });
});

describe('a second configuration (de-DE, EUR, Berlin)', () => {
  it('writes prices and times the German way, in Berlin time unless the shop says otherwise', () => {
    setMarket(BERLIN_MARKET);
    expect(money(450, 'EUR')).toBe('4,50\u00a0€');
    expect(unitPriceLabel(2400, 'EUR', 'weight')).toBe('24,00\u00a0€ / kg');
    expect(dateTimeLabel('2025-05-03T13:05:00Z')).toBe('Sa., 3. Mai, 15:05');
    expect(dateTimeLabel('2025-05-03T13:05:00Z', 'Europe/London')).toBe('Sa., 3. Mai, 14:05');
  });

  it('is the British default otherwise', () => {
    expect(money(450, 'GBP')).toBe('£4.50');
    expect(dateTimeLabel('2025-05-03T13:05:00Z')).toBe('Sat 3 May, 14:05');
  });
});
