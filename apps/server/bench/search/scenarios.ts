import type { AutocompleteInput, SearchProductsInputRaw } from '@makeries/shared';
import { CITIES } from './catalog-words';

const at = (i: number) => {
  const c = CITIES[i % CITIES.length];
  if (!c) throw new Error('bench: no cities to search from');
  // a customer somewhere in town, not exactly at the centre
  return { lat: Number((c.lat + 0.01 * ((i % 3) - 1)).toFixed(5)), lng: Number((c.lng - 0.012 * ((i % 2) - 0.5)).toFixed(5)) };
};

/**
 * The budget scenario (DESIGN §9): storefront searches with filters and a location + radius, as the search page
 * sends them: typos, multi-word, dietary/price/stock/open-now/fulfilment filters, distance and relevance sorts.
 */
export const NEAR_QUERIES: SearchProductsInputRaw[] = [
  { q: 'sourdough', near: at(0), radiusKm: 10 },
  { q: 'sourdogh', near: at(1), radiusKm: 10, sort: 'distance' },
  { q: 'crossaint', near: at(2), radiusKm: 8 },
  { q: 'chocolat cake', near: at(3), radiusKm: 15, priceMax: 2000 },
  { q: '', near: at(4), radiusKm: 5, categorySlug: 'bread', sort: 'distance' },
  { q: 'vegan brownie', near: at(5), radiusKm: 10, dietary: ['vegan'], inStock: true },
  { q: 'candle', near: at(6), radiusKm: 12, sort: 'price_asc' },
  { q: 'honey', near: at(7), radiusKm: 10, openNow: true },
  { q: 'cheddar', near: at(8), radiusKm: 10, fulfilment: 'delivery' },
  { q: 'seeded bread', near: at(9), radiusKm: 10, dietary: ['organic'] },
  { q: 'coffee beans', near: at(10), radiusKm: 20, sort: 'popularity' },
  { q: '', near: at(11), radiusKm: 10, dietary: ['gluten-free'], priceMin: 500, priceMax: 1500 },
  { q: 'earl grey', near: at(12), radiusKm: 10, inStock: true, sort: 'distance' },
  { q: 'ceramic mug', near: at(13), radiusKm: 15 },
  { q: 'stoneware', near: at(14), radiusKm: 15, priceMin: 2000, sort: 'price_desc' },
  { q: 'jam', near: at(15), radiusKm: 10, openNow: true, sort: 'distance' },
  { q: 'salami', near: at(16), radiusKm: 10, fulfilment: 'pickup' },
  { q: 'strawbery', near: at(17), radiusKm: 10 },
  { q: '', near: at(18), radiusKm: 3, sort: 'distance' },
  { q: 'lavender', near: at(19), radiusKm: 10, categorySlugs: ['candles', 'soap-and-skincare', 'honey'] },
  { q: 'pie', near: at(20), radiusKm: 10, inStock: true },
  { q: 'ipa', near: at(21), radiusKm: 25, sort: 'newest' },
  { q: 'silver ring', near: at(22), radiusKm: 20, priceMax: 10000 },
  { q: 'apples', near: at(23), radiusKm: 10, dietary: ['organic'], sort: 'price_asc' },
];

/** Text search over the whole marketplace (no location): the widest result sets. */
export const GLOBAL_QUERIES: SearchProductsInputRaw[] = [
  { q: 'sourdough' },
  { q: 'crossaint' },
  { q: 'chocolate', sort: 'popularity' },
  { q: 'vegan', dietary: ['vegan'] },
  { q: 'candel' },
  { q: 'honey', priceMax: 1000 },
  { q: 'smoked cheddar' },
  { q: 'earl grey tea', inStock: true },
];

export const AUTOCOMPLETE_QUERIES: AutocompleteInput[] = [
  { q: 'so' },
  { q: 'sour' },
  { q: 'sourdo', near: at(0) },
  { q: 'crois' },
  { q: 'chocol', near: at(3) },
  { q: 'bak', near: at(1) },
  { q: 'lavend' },
  { q: 'coffe', near: at(5) },
];

export function trpcPath(procedure: string, input: unknown): string {
  return `/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`;
}
