import { describe, expect, it } from 'vitest';
import { autocompleteInput, searchProductsInput, tokenizeSearchQuery, vendorsNearbyInput } from './search';

describe('tokenizeSearchQuery', () => {
  it('keeps runs of letters and digits in any script and drops operators and punctuation', () => {
    expect(tokenizeSearchQuery("  Baker's   sour-dough 2kg ")).toEqual(['Baker', 's', 'sour', 'dough', '2kg']);
    expect(tokenizeSearchQuery("' OR 1=1 --")).toEqual(['OR', '1', '1']);
    expect(tokenizeSearchQuery('&|!:*()<->"\\')).toEqual([]);
    expect(tokenizeSearchQuery('crème brûlée 🥐 παστέλι')).toEqual(['crème', 'brûlée', 'παστέλι']);
    // decomposed accents are composed first, so "é" stays one letter
    expect(tokenizeSearchQuery('cafe\u0301')).toEqual(['café']);
  });
});

describe('search input schemas', () => {
  it('fills defaults for an empty search', () => {
    expect(searchProductsInput.parse({})).toEqual({ q: '', facets: true, limit: 24 });
  });

  it('rejects contradictory or out-of-range input with a message per field', () => {
    const cases: [unknown, string][] = [
      [{ priceMin: 1000, priceMax: 999 }, 'priceMax'],
      [{ sort: 'distance' }, 'sort'],
      [{ radiusKm: 3 }, 'radiusKm'],
      [{ limit: 51 }, 'limit'],
      [{ limit: 0 }, 'limit'],
      [{ q: 'x'.repeat(201) }, 'q'],
      [{ q: 'a b c d e f g h i' }, 'q'],
      [{ dietary: ['paleo'] }, 'dietary.0'],
      [{ near: { lat: 0, lng: 200 } }, 'near.lng'],
      [{ near: { lat: 0, lng: 0 }, radiusKm: 0 }, 'radiusKm'],
    ];
    for (const [input, path] of cases) {
      const r = searchProductsInput.safeParse(input);
      expect(r.success, JSON.stringify(input)).toBe(false);
      expect(r.error?.issues.map((i) => i.path.join('.'))).toContain(path);
    }
    expect(searchProductsInput.safeParse({ priceMin: 500, priceMax: 500, q: 'a b c d e f g h' }).success).toBe(true);
  });

  it('validates autocomplete and nearby-vendor input', () => {
    expect(autocompleteInput.safeParse({ q: 'ab' }).success).toBe(true);
    expect(autocompleteInput.safeParse({}).success).toBe(false);
    expect(vendorsNearbyInput.parse({ lat: 51, lng: -2 })).toEqual({ lat: 51, lng: -2, radiusKm: 25, limit: 50 });
    expect(vendorsNearbyInput.safeParse({ lat: 51, lng: -2, radiusKm: 500 }).success).toBe(false);
  });
});
