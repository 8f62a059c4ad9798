import type { OpeningHours } from '@makeries/shared';
import type { Database } from '../db/client';
import type { Env } from '../env';
import { callerAs, type SeedCaller } from '../seed/caller';
import { DEMO_CITY, type SeedCity } from '../seed/city-data';
import { productImagePng } from '../seed/images';
import { ensureCategory } from '../services/catalog';
import { seedPostcodeDistricts } from '../services/market';
import { approveShopForTests } from '../services/operators/shop-test-kit';
import { refreshStorefrontRollups } from '../services/rollups/refresh';

/**
 * A small storefront for browser and render tests: four shops with pictures, stock, variants and a weighed item,
 * created through the public API like the demo seed (which takes minutes). Every shop is open around the clock,
 * so pickup times and "open now" do not depend on when the test runs.
 */
const ALWAYS_OPEN: OpeningHours = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, open: '00:00', close: '24:00' }));
const SHOP_PASSWORD = 'storefront-test-pw';

interface ProductSeed {
  name: string;
  category: string;
  description: string;
  tags?: ('vegan' | 'vegetarian' | 'gluten-free' | 'organic')[];
  soldBy?: 'each' | 'weight';
  variants: { name: string; priceCents: number; stock: number }[];
}

interface ShopSeed {
  slug: string;
  name: string;
  description: string;
  address: string;
  postcode: string;
  lat: number;
  lng: number;
  taxMode: 'inclusive' | 'exclusive';
  minOrderCents: number;
  delivery: boolean;
  products: ProductSeed[];
}

const CATEGORIES = [
  ['bread', 'Bread'],
  ['pastries', 'Pastries & Cakes'],
  ['coffee-tea', 'Coffee & Tea'],
  ['cheese', 'Cheese'],
  ['sweets', 'Sweets & Chocolate'],
] as const;

const one = (priceCents: number, stock: number) => [{ name: 'Default', priceCents, stock }];

const STOREFRONT_SHOPS: ShopSeed[] = [
  {
    slug: 'harbourside-bakehouse',
    name: 'Harbourside Bakehouse',
    description: 'Slow-fermented sourdough and laminated pastries baked before dawn on the harbour.',
    address: '12 Narrow Quay',
    postcode: 'BS1 4QA',
    lat: 51.4496,
    lng: -2.5973,
    taxMode: 'inclusive',
    minOrderCents: 500,
    delivery: true,
    products: [
      { name: 'Butter Croissant', category: 'pastries', description: 'Three days of lamination, all butter, baked every morning.', tags: ['vegetarian'], variants: one(240, 30) },
      { name: 'Country Sourdough Loaf', category: 'bread', description: 'Our 36-hour sourdough with a dark, blistered crust.', tags: ['vegan'], variants: one(520, 12) },
      { name: 'Cinnamon Knot', category: 'pastries', description: 'Cardamom dough knotted with cinnamon butter.', tags: ['vegetarian'], variants: one(310, 2) },
      { name: 'Seeded Rye', category: 'bread', description: 'Dense, dark rye packed with sunflower and pumpkin seeds.', tags: ['vegan'], variants: one(480, 8) },
      { name: 'Almond Croissant', category: 'pastries', description: 'Twice-baked with frangipane and toasted almonds.', tags: ['vegetarian'], variants: one(330, 0) },
    ],
  },
  {
    slug: 'two-rivers-coffee',
    name: 'Two Rivers Coffee Roasters',
    description: 'Small-batch roastery: single-origin beans, espresso blends and brewing kit.',
    address: '3 Stokes Croft',
    postcode: 'BS1 3PL',
    lat: 51.4625,
    lng: -2.5889,
    taxMode: 'inclusive',
    minOrderCents: 0,
    delivery: false,
    products: [
      {
        name: 'Harbour Espresso Blend',
        category: 'coffee-tea',
        description: 'Chocolate and cherry; roasted on Mondays.',
        tags: ['vegan', 'organic'],
        variants: [
          { name: '250 g bag', priceCents: 850, stock: 20 },
          { name: '1 kg bag', priceCents: 2900, stock: 5 },
        ],
      },
      { name: 'Ethiopian Guji Filter', category: 'coffee-tea', description: 'Bright, floral, peach and bergamot.', tags: ['vegan'], variants: one(1050, 9) },
      { name: 'Earl Grey Loose Leaf', category: 'coffee-tea', description: 'Black tea with cold-pressed bergamot.', tags: ['vegan'], variants: one(650, 14) },
    ],
  },
  {
    slug: 'clifton-cheese-room',
    name: 'Clifton Cheese Room',
    description: 'British farmhouse cheeses cut to order, chutneys and crackers to match.',
    address: '6 The Mall, Clifton',
    postcode: 'BS8 4DR',
    lat: 51.4551,
    lng: -2.6204,
    taxMode: 'exclusive',
    minOrderCents: 1000,
    delivery: true,
    products: [
      { name: 'Montgomery Cheddar', category: 'cheese', description: 'Cloth-bound, 12 months, from Somerset. Priced per kg, cut to order.', tags: ['vegetarian'], soldBy: 'weight', variants: [{ name: 'Default', priceCents: 3200, stock: 8000 }] },
      { name: 'Baron Bigod Brie', category: 'cheese', description: 'Raw-milk brie from Suffolk, ripe and oozing.', variants: one(1200, 6) },
      { name: 'Oatcakes', category: 'bread', description: 'Rough Scottish oatcakes for the cheeseboard.', tags: ['vegan'], variants: one(380, 15) },
    ],
  },
  {
    slug: 'sugarloaf-sweet-shop',
    name: 'Sugarloaf Sweet Shop',
    description: 'Hand-tempered chocolate, fudge and jars of old-fashioned sweets.',
    address: '19 Christmas Steps',
    postcode: 'BS1 5BS',
    lat: 51.4567,
    lng: -2.5961,
    taxMode: 'inclusive',
    minOrderCents: 0,
    delivery: false,
    products: [
      { name: 'Sea Salt Fudge', category: 'sweets', description: 'Clotted-cream fudge with Cornish sea salt.', tags: ['vegetarian', 'gluten-free'], variants: one(450, 25) },
      { name: 'Dark Chocolate Bar 70%', category: 'sweets', description: 'Single-origin Peruvian cacao, tempered in the shop.', tags: ['vegan', 'gluten-free'], variants: one(395, 18) },
    ],
  },
];

export interface SeededProduct {
  productId: string;
  name: string;
  variants: { id: string; name: string }[];
}

export interface SeededShop {
  vendorId: string;
  slug: string;
  name: string;
  owner: SeedCaller;
  ownerEmail: string;
  products: SeededProduct[];
}

async function seedShop(database: Database, env: Env, s: ShopSeed, categoryIds: Map<string, string>, city: SeedCity): Promise<SeededShop> {
  const anon = await callerAs(database, env);
  const ownerEmail = `owner@${s.slug}.example`;
  const { vendor } = await anon.vendors.register({
    slug: s.slug,
    name: s.name,
    description: s.description,
    email: `hello@${s.slug}.example`,
    phone: '0117 496 0000',
    addressLine1: s.address,
    city: city.name,
    postcode: s.postcode,
    country: city.country,
    lat: s.lat,
    lng: s.lng,
    timezone: city.timezone,
    currency: city.currency,
    taxMode: s.taxMode,
    openingHours: ALWAYS_OPEN,
    pickupEnabled: true,
    deliveryEnabled: s.delivery,
    deliveryZones: s.delivery
      ? [
          { name: 'Nearby', radiusMeters: 2000, feeCents: 250, minOrderCents: 0 },
          { name: `Greater ${city.name}`, radiusMeters: 6000, feeCents: 450, minOrderCents: 2000 },
        ]
      : [],
    minOrderCents: s.minOrderCents,
    cashRoundingCents: 0,
    gs1Template: null,
    owner: { name: `${s.name} Owner`, email: ownerEmail, password: SHOP_PASSWORD },
  });
  // registered shops wait for an operator: the storefront's test shops are approved at once
  await approveShopForTests(database.db, vendor.id);
  const { token } = await anon.auth.staffLogin({ email: ownerEmail, password: SHOP_PASSWORD });
  const owner = await callerAs(database, env, { bearer: token });
  await owner.catalog.taxRates.create({ taxClass: 'standard', name: 'VAT 20%', rateBps: 2000 });
  const products: SeededProduct[] = [];
  for (const [i, p] of s.products.entries()) {
    const created = await owner.products.create({
      name: p.name,
      description: p.description,
      categoryId: categoryIds.get(p.category) ?? null,
      dietaryTags: p.tags ?? [],
      onlineVisible: true,
      variants: p.variants.map((v, j) => ({
        name: v.name,
        sku: `${s.slug.slice(0, 3).toUpperCase()}-${i + 1}-${j + 1}`,
        priceCents: v.priceCents,
        soldBy: p.soldBy ?? 'each',
        sort: j,
      })),
    });
    const png = await productImagePng(p.name, p.category);
    await owner.products.uploadImage({ productId: created.id, contentType: 'image/png', dataBase64: png.toString('base64'), alt: p.name });
    for (const [j, v] of p.variants.entries()) {
      const variant = created.variants[j];
      if (variant && v.stock > 0) await owner.inventory.receive({ variantId: variant.id, quantity: v.stock, note: 'Opening stock' });
    }
    products.push({ productId: created.id, name: p.name, variants: created.variants.map((v) => ({ id: v.id, name: v.name })) });
  }
  return { vendorId: vendor.id, slug: s.slug, name: s.name, owner, ownerEmail, products };
}

/** `city` is the demo city unless a test seeds a second one (its districts, currency, zone) */
export async function seedStorefrontShops(database: Database, env: Env, city: SeedCity = DEMO_CITY): Promise<SeededShop[]> {
  await seedPostcodeDistricts(database.db, { country: city.country, city: city.name }, city.districts);
  const categoryIds = new Map<string, string>();
  for (const [i, [slug, name]] of CATEGORIES.entries()) categoryIds.set(slug, await ensureCategory(database.db, { slug, name, sort: i }));
  const shops: SeededShop[] = [];
  for (const s of STOREFRONT_SHOPS) shops.push(await seedShop(database, env, s, categoryIds, city));
  // the home page's counts and "popular" come from the rollups, which a running server's job refreshes
  await refreshStorefrontRollups(database.db);
  return shops;
}

export function productNamed(shops: SeededShop[], name: string): SeededProduct & { vendorId: string } {
  for (const s of shops) {
    const p = s.products.find((x) => x.name === name);
    if (p) return { ...p, vendorId: s.vendorId };
  }
  throw new Error(`no seeded product "${name}"`);
}
