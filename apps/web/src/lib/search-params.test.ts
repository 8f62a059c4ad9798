import { searchProductsInput } from '@makeries/shared';
import { describe, expect, it } from 'vitest';
import {
  activeFilterCount,
  EMPTY_SEARCH,
  nextPage,
  parseSearchParams,
  searchHref,
  toSearchInput,
  toSearchParams,
  toSearchQuery,
  withFilters,
  type SearchState,
} from './search-params';

const parse = (qs: string) => parseSearchParams(new URLSearchParams(qs));

describe('search URL ⇄ filters', () => {
  it('reads every filter from the URL and writes the same URL back', () => {
    const url = 'q=sour+dough&cat=bread,pastries&diet=vegan,gluten-free&price=500-999&open=1&stock=1&get=pickup&near=51.4545,-2.5879&km=5&sort=distance&after=abc&page=3';
    const s = parse(url);
    expect(s).toEqual<SearchState>({
      q: 'sour dough',
      categories: ['bread', 'pastries'],
      dietary: ['vegan', 'gluten-free'],
      price: '500-999',
      distanceKm: 5,
      openNow: true,
      inStock: true,
      fulfilment: 'pickup',
      sort: 'distance',
      near: { lat: 51.4545, lng: -2.5879 },
      after: 'abc',
      page: 3,
    });
    expect(toSearchQuery(s)).toBe(url);
    expect(parse(toSearchParams(s).toString())).toEqual(s);
  });

  it('maps the state to an API input the server schema accepts', () => {
    const s = parse('q=croissant&cat=pastries&diet=vegan&price=2000-plus&near=51.45,-2.59&km=2&sort=price_asc&open=1&get=delivery');
    const input = toSearchInput(s);
    expect(input).toEqual({
      q: 'croissant',
      limit: 24,
      facets: true,
      categorySlug: 'pastries',
      dietary: ['vegan'],
      priceMin: 2000,
      openNow: true,
      fulfilment: 'delivery',
      near: { lat: 51.45, lng: -2.59 },
      radiusKm: 2,
      sort: 'price_asc',
    });
    expect(searchProductsInput.safeParse(input).success).toBe(true);
    const several = toSearchInput(parse('cat=bread,cheese&price=under-500&after=xyz&page=2'));
    expect(several).toMatchObject({ categorySlugs: ['bread', 'cheese'], priceMin: 0, priceMax: 499, cursor: 'xyz' });
    expect(several.categorySlug).toBeUndefined();
  });

  it('drops hand-edited or stale values instead of failing', () => {
    const s = parse('diet=vegan,meaty&price=cheap&km=7&sort=distance&get=teleport&cat=Bread,ok-slug&page=9&near=999,1');
    expect(s).toEqual({ ...EMPTY_SEARCH, dietary: ['vegan'], categories: ['ok-slug'] });
    // a radius or a distance sort needs a location
    expect(parse('km=5&sort=distance')).toEqual(EMPTY_SEARCH);
    // a page number without its cursor is page 1
    expect(parse('page=4').page).toBe(1);
    expect(searchProductsInput.safeParse(toSearchInput(s)).success).toBe(true);
  });

  it('a changed filter goes back to page 1, the next page carries the cursor', () => {
    const page2 = nextPage(parse('q=jam'), 'cur2');
    expect(searchHref(page2)).toBe('/search?q=jam&after=cur2&page=2');
    const filtered = withFilters(page2, { openNow: true });
    expect(searchHref(filtered)).toBe('/search?q=jam&open=1');
    expect(searchHref(EMPTY_SEARCH)).toBe('/search');
    expect(activeFilterCount(parse('cat=a,b&diet=vegan&open=1&q=x'))).toBe(4);
  });
});
