import { mulberry32, uuidv7, type OpeningHours } from '@makeries/shared';
import { extractSearchWords } from '../../src/services/search-words';
import { CATEGORIES, CITIES, DESCRIPTION_TEMPLATES, SHOP_PREFIXES, type CategorySpec } from './catalog-words';

/** Deterministic PRNG (shared mulberry32): every run benchmarks the same catalog. */
const rng = mulberry32;

interface GenVendor {
  id: string;
  slug: string;
  name: string;
  city: string;
  lat: number;
  lng: number;
  status: 'approved' | 'pending' | 'suspended';
  openingHours: OpeningHours;
  pickup: boolean;
  delivery: boolean;
  paused: boolean;
  categories: number[];
}

/** Column arrays, ready for `INSERT … SELECT * FROM unnest(…)`. */
interface ProductColumns {
  id: string[];
  vendorId: string[];
  categoryId: string[];
  name: string[];
  description: string[];
  dietary: string[];
  visible: boolean[];
  archived: boolean[];
  minPrice: number[];
  inStock: boolean[];
  popularity: number[];
  searchExtra: string[];
  createdAt: string[];
}

interface VariantColumns {
  id: string[];
  productId: string[];
  vendorId: string[];
  name: string[];
  sku: string[];
  price: number[];
}

export interface GeneratedCatalog {
  categoryIds: string[];
  vendors: GenVendor[];
  products: ProductColumns;
  variants: VariantColumns;
  images: { id: string[]; productId: string[]; vendorId: string[]; thumb: string[] };
  words: Map<string, number>;
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

function hours(r: () => number): OpeningHours {
  const kind = r();
  if (kind < 0.15) return [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, open: '00:00', close: '24:00' }));
  const open = kind < 0.6 ? '08:00' : '10:00';
  const close = kind < 0.8 ? '18:00' : '21:00';
  return [1, 2, 3, 4, 5, 6].map((day) => ({ day, open, close }));
}

function makeVendors(r: () => number, count: number): GenVendor[] {
  const cityBag = CITIES.flatMap((c) => Array.from({ length: c.weight }, () => c));
  return Array.from({ length: count }, (_, i) => {
    const city = pick(r, cityBag);
    const main = Math.floor(r() * CATEGORIES.length);
    const spec = CATEGORIES[main] as CategorySpec;
    const name = `${pick(r, SHOP_PREFIXES)} ${pick(r, spec.shopKinds)}`;
    // within ~12 km of the centre, denser near it
    const dist = Math.sqrt(r()) * 0.11;
    const angle = r() * 2 * Math.PI;
    const s = r();
    return {
      id: uuidv7(),
      slug: `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${i}`,
      name,
      city: city.name,
      lat: city.lat + dist * Math.sin(angle),
      lng: city.lng + (dist * Math.cos(angle)) / Math.cos((city.lat * Math.PI) / 180),
      status: s < 0.9 ? 'approved' : s < 0.96 ? 'pending' : 'suspended',
      openingHours: hours(r),
      pickup: r() < 0.9,
      delivery: r() < 0.4,
      paused: r() < 0.03,
      categories: [main, ...(r() < 0.5 ? [Math.floor(r() * CATEGORIES.length)] : [])],
    };
  });
}

function emptyProducts(): ProductColumns {
  return { id: [], vendorId: [], categoryId: [], name: [], description: [], dietary: [], visible: [], archived: [], minPrice: [], inStock: [], popularity: [], searchExtra: [], createdAt: [] };
}

/** 500 vendors and ~100k products with variants, images and the search-word vocabulary, all deterministic. */
export function generateCatalog(opts: { vendors: number; products: number; seed?: number }): GeneratedCatalog {
  const r = rng(opts.seed ?? 42);
  const categoryIds = CATEGORIES.map(() => uuidv7());
  const vendors = makeVendors(r, opts.vendors);
  const products = emptyProducts();
  const variants: VariantColumns = { id: [], productId: [], vendorId: [], name: [], sku: [], price: [] };
  const images = { id: [] as string[], productId: [] as string[], vendorId: [] as string[], thumb: [] as string[] };
  const words = new Map<string, number>();
  const yearMs = 365 * 24 * 3600 * 1000;
  const now = Date.UTC(2026, 10, 1);
  for (let i = 0; i < opts.products; i++) {
    const v = vendors[i % vendors.length] as GenVendor;
    const ci = pick(r, v.categories);
    const spec = CATEGORIES[ci] as CategorySpec;
    const noun = pick(r, spec.nouns);
    const mod = pick(r, spec.modifiers);
    const name = r() < 0.8 ? `${mod} ${noun}` : noun;
    const description = pick(r, DESCRIPTION_TEMPLATES).replace('{mod}', mod.toLowerCase()).replace('{noun}', noun.toLowerCase()).replace('{city}', v.city);
    const id = uuidv7();
    const base = Math.round(spec.price[0] + (spec.price[1] - spec.price[0]) * r() ** 2);
    const nVariants = 1 + Math.floor(r() * 3);
    const skus: string[] = [];
    for (let k = 0; k < nVariants; k++) {
      const sku = `SKU${i.toString(36).toUpperCase()}-${k}`;
      skus.push(sku);
      variants.id.push(uuidv7());
      variants.productId.push(id);
      variants.vendorId.push(v.id);
      variants.name.push(k === 0 ? 'Regular' : k === 1 ? 'Large' : 'Family');
      variants.sku.push(sku);
      variants.price.push(base + k * Math.round(base * 0.6));
    }
    products.id.push(id);
    products.vendorId.push(v.id);
    products.categoryId.push(categoryIds[ci] as string);
    products.name.push(name);
    products.description.push(description);
    products.dietary.push(spec.tags.filter(() => r() < 0.35).join(','));
    products.visible.push(r() < 0.95);
    products.archived.push(r() < 0.03);
    products.minPrice.push(base);
    products.inStock.push(r() < 0.8);
    products.popularity.push(Math.floor(1000 * r() ** 6));
    products.searchExtra.push([spec.name, v.name, ...skus].join(' '));
    products.createdAt.push(new Date(now - Math.floor(r() * yearMs)).toISOString());
    if (r() < 0.6) {
      images.id.push(uuidv7());
      images.productId.push(id);
      images.vendorId.push(v.id);
      images.thumb.push(`products/${id}/thumb.webp`);
    }
    for (const w of extractSearchWords([name, description, spec.name, v.name])) words.set(w, (words.get(w) ?? 0) + 1);
  }
  return { categoryIds, vendors, products, variants, images, words };
}
