import { gtinCheckDigit, nextOpening, uuidv7, type OpeningHours } from '@makeries/shared';
import { count } from 'drizzle-orm';
import type { Database } from '../db/client';
import { vendors } from '../db/schema/index';
import type { Env } from '../env';
import { ensureCategory } from '../services/catalog';
import { seedPostcodeDistricts } from '../services/market';
import { approveShopForTests } from '../services/operators/shop-test-kit';
import { refreshStorefrontRollups } from '../services/rollups/refresh';
import { callerAs, customerCookie, type SeedCaller } from './caller';
import { DEMO_CITY } from './city-data';
import { DEMO_OPERATOR_EMAIL, DEMO_OPERATOR_PASSWORD, seedDemoOperator } from './demo-operator';
import { hoursFor } from './hours';
import { productImagePng } from './images';
import { seedPendingShop } from './pending-shop';
import { pick } from './pick';
import { SEED_PRODUCTS, type SeedProduct } from './products-data';
import { SEED_CATEGORIES, SEED_VENDORS, type SeedVendor } from './vendors-data';

export const DEMO_PASSWORD = 'makeries-demo';

export interface SeedSummary {
  vendors: number;
  products: number;
  customers: number;
  orders: number;
}

type Log = (msg: string) => void;

export async function hasVendors(database: Database): Promise<boolean> {
  const [row] = await database.db.select({ n: count() }).from(vendors);
  return (row?.n ?? 0) > 0;
}

/** Seeds the demo city through the public API: shops, owners, tax rates, products with pictures, stock, orders. */
export async function seedDemoCity(database: Database, env: Env, log: Log = () => {}): Promise<SeedSummary> {
  await seedPostcodeDistricts(database.db, { country: DEMO_CITY.country, city: DEMO_CITY.name }, DEMO_CITY.districts);
  if (env.MARKET_CITY !== DEMO_CITY.name || env.MARKET_COUNTRY !== DEMO_CITY.country) {
    log(`  note: the demo shops are in ${DEMO_CITY.name} (${DEMO_CITY.country}); MARKET_CITY/MARKET_COUNTRY name ${env.MARKET_CITY} (${env.MARKET_COUNTRY})`);
  }
  const categoryIds = new Map<string, string>();
  for (const [i, c] of SEED_CATEGORIES.entries()) {
    categoryIds.set(c.slug, await ensureCategory(database.db, { slug: c.slug, name: c.name, sort: i }));
  }
  let products = 0;
  const shops: { vendor: SeedVendor; id: string; hours: OpeningHours; owner: SeedCaller; variants: SeedVariant[] }[] = [];
  for (const [vi, v] of SEED_VENDORS.entries()) {
    const { id, owner, hours } = await registerShop(database, env, v);
    const variants: SeedVariant[] = [];
    for (const [pi, p] of SEED_PRODUCTS[v.kind].entries()) {
      variants.push(await addProduct(owner, p, categoryIds, vi, pi));
      products++;
    }
    shops.push({ vendor: v, id, hours, owner, variants });
    log(`  ${v.name}: ${variants.length} products`);
  }
  const orders = await seedCustomersAndOrders(database, env, shops);
  await seedPendingShop(database, env, categoryIds);
  log('  Bramble Pantry: a shop application waiting for the operator (owner@bramble-pantry.example)');
  // the storefront's counts and "popular" lists at once, not at the server's first job pass
  await refreshStorefrontRollups(database.db);
  // the marketplace's operator (issue 17): its TOTP secret goes into the demo user's authenticator app
  const secret = await seedDemoOperator(database.db);
  log(`  operator ${DEMO_OPERATOR_EMAIL} (password ${DEMO_OPERATOR_PASSWORD}), TOTP secret ${secret}`);
  return { vendors: shops.length, products, customers: CUSTOMERS.length, orders };
}

async function registerShop(database: Database, env: Env, v: SeedVendor) {
  const anon = await callerAs(database, env);
  const hours = hoursFor(v.hours);
  const email = `owner@${v.slug}.example`;
  const { vendor } = await anon.vendors.register({
    slug: v.slug,
    name: v.name,
    description: v.description,
    email: `hello@${v.slug}.example`,
    phone: '0117 496 0' + String(100 + SEED_VENDORS.indexOf(v)).slice(-3),
    addressLine1: v.address,
    city: DEMO_CITY.name,
    postcode: v.postcode,
    country: DEMO_CITY.country,
    lat: v.lat,
    lng: v.lng,
    timezone: DEMO_CITY.timezone,
    currency: DEMO_CITY.currency,
    taxMode: v.taxMode,
    openingHours: hours,
    pickupEnabled: true,
    deliveryEnabled: v.delivery,
    deliveryZones: v.delivery
      ? [
          { name: 'Nearby', radiusMeters: 2000, feeCents: 250, minOrderCents: v.minOrderCents },
          { name: `Greater ${DEMO_CITY.name}`, radiusMeters: 6000, feeCents: 450, minOrderCents: Math.max(v.minOrderCents, 2000) },
        ]
      : [],
    minOrderCents: v.minOrderCents,
    cashRoundingCents: 0,
    gs1Template: null,
    owner: { name: `${v.name} Owner`, email, password: DEMO_PASSWORD },
  });
  // the demo's shops have been approved by the marketplace already (one application still waits: seedPendingShop)
  await approveShopForTests(database.db, vendor.id);
  const { token } = await anon.auth.staffLogin({ email, password: DEMO_PASSWORD });
  const owner = await callerAs(database, env, { bearer: token });
  // UK VAT: most food is zero-rated; confectionery, hot food, drinks and goods are standard-rated
  await owner.catalog.taxRates.create({ taxClass: 'standard', name: 'VAT 20%', rateBps: 2000 });
  await owner.catalog.taxRates.create({ taxClass: 'reduced', name: 'VAT 5%', rateBps: 500 });
  await owner.catalog.taxRates.create({ taxClass: 'zero', name: 'VAT 0%', rateBps: 0 });
  return { id: vendor.id, owner, hours };
}

/** An in-store EAN-13 (prefix 200–299 is for a shop's own codes) with a valid check digit. */
function storeBarcode(vendorIndex: number, productIndex: number, variantIndex: number): string {
  const body = `2${String(vendorIndex).padStart(2, '0')}0${String(productIndex).padStart(4, '0')}${String(variantIndex).padStart(4, '0')}`;
  return body + String(gtinCheckDigit(body));
}

interface SeedVariant {
  id: string;
  priceCents: number;
  soldBy: 'each' | 'weight';
}

async function addProduct(owner: SeedCaller, p: SeedProduct, categoryIds: Map<string, string>, vi: number, pi: number): Promise<SeedVariant> {
  const prefix = pick(SEED_VENDORS, vi, 'vendor').slug.split('-').map((w) => w.charAt(0).toUpperCase()).join('').slice(0, 3);
  const soldBy = p.soldBy ?? 'each';
  const options = p.variants ?? [{ name: 'Default', priceCents: p.priceCents }];
  const created = await owner.products.create({
    name: p.name,
    description: p.description,
    categoryId: categoryIds.get(p.category) ?? null,
    dietaryTags: p.tags as never,
    onlineVisible: true,
    variants: options.map((o, j) => ({
      name: o.name,
      sku: `${prefix}-${String(pi + 1).padStart(4, '0')}${options.length > 1 ? `-${j + 1}` : ''}`,
      barcode: storeBarcode(vi, pi, j),
      priceCents: o.priceCents,
      taxClass: p.taxClass,
      soldBy,
      trackStock: true,
      lowStockThreshold: soldBy === 'weight' ? 2000 : 4,
      sort: j,
    })),
  });
  const png = await productImagePng(p.name, p.category);
  await owner.products.uploadImage({ productId: created.id, contentType: 'image/png', dataBase64: png.toString('base64'), alt: p.name });
  for (const [j, variant] of created.variants.entries()) {
    const qty = openingStock(pi, j, soldBy);
    if (qty > 0) await owner.inventory.receive({ variantId: variant.id, quantity: qty, note: 'Opening stock' });
  }
  return { id: pick(created.variants, 0, 'created variant').id, priceCents: pick(options, 0, 'option').priceCents, soldBy };
}

/** A few items run low or out so the storefront and low-stock lists have something to show; larger options fewer. */
function openingStock(pi: number, option: number, soldBy: 'each' | 'weight'): number {
  if (pi % 17 === 5) return 0;
  if (soldBy === 'weight') return pi % 11 === 3 ? 400 : 20_000;
  const qty = pi % 11 === 3 ? 2 : 12 + ((pi * 7) % 30);
  return option === 0 ? qty : Math.max(2, Math.floor(qty / 3));
}

const CUSTOMERS = [
  { name: 'Alex Morgan', email: 'alex@example.com' },
  { name: 'Priya Shah', email: 'priya@example.com' },
  { name: 'Tom Evans', email: 'tom@example.com' },
];

/** A few web orders in different states, placed for the shops' next opening so they are valid whenever seeded. */
async function seedCustomersAndOrders(
  database: Database,
  env: Env,
  shops: { vendor: SeedVendor; id: string; hours: OpeningHours; owner: SeedCaller; variants: SeedVariant[] }[],
): Promise<number> {
  const buyers: SeedCaller[] = [];
  for (const c of CUSTOMERS) {
    const cookie = await customerCookie(database, env, { ...c, password: DEMO_PASSWORD });
    buyers.push(await callerAs(database, env, { cookie }));
  }
  const plan: { buyer: number; shops: number[]; moves: ('accepted' | 'preparing' | 'ready' | 'completed')[] }[] = [
    { buyer: 0, shops: [0, 2], moves: ['accepted', 'preparing'] },
    { buyer: 1, shops: [6], moves: ['accepted', 'ready', 'completed'] },
    { buyer: 2, shops: [4, 7], moves: [] },
    { buyer: 0, shops: [3], moves: ['accepted', 'ready'] },
    // collected orders, so the demo shows reviews from verified purchases (see SEED_REVIEWS)
    { buyer: 2, shops: [0, 6], moves: ['accepted', 'ready', 'completed'] },
    { buyer: 1, shops: [0], moves: ['accepted', 'ready', 'completed'] },
  ];
  let placed = 0;
  for (const [i, step] of plan.entries()) {
    const chosen = step.shops.map((s) => pick(shops, s, 'shop'));
    const customer = pick(CUSTOMERS, step.buyer, 'customer');
    const buyer = pick(buyers, step.buyer, 'buyer');
    const result = await buyer.orders.checkout({
      idempotencyKey: uuidv7(),
      contact: { name: customer.name, email: customer.email, phone: '07700 900' + String(100 + i) },
      items: chosen.flatMap((s) => [pick(s.variants, i % 3, 'variant'), pick(s.variants, (i % 3) + 6, 'variant')].map((v) => ({ variantId: v.id, quantity: orderQuantity(v, s.vendor) }))),
      fulfilment: chosen.map((s) => ({ vendorId: s.id, type: 'pickup' as const, pickupAt: pickupSlot(s.hours) })),
      paymentMethod: 'pay_at_pickup',
    });
    for (const order of result.orders) {
      const shop = chosen.find((s) => s.id === order.vendorId);
      if (!shop) throw new Error(`seed: checkout returned an order for vendor ${order.vendorId}, which was not in the cart`);
      for (const to of step.moves) await shop.owner.orders.transition({ orderId: order.id, to, prepMinutes: to === 'accepted' ? 20 : undefined });
      if (step.moves.includes('completed')) await seedReviews(buyer, order.id);
    }
    placed += result.orders.length;
  }
  return placed;
}

const SEED_REVIEWS = [
  { shop: { rating: 5, body: 'Everything was ready when I arrived and they talked me through what was fresh today. Lovely shop.' }, product: { rating: 5, body: 'Worth the trip on its own.' } },
  { shop: { rating: 4, body: 'Friendly and quick. Pickup was easy, though the queue was long on a Saturday.' }, product: { rating: 4, body: 'Really good — I will order it again.' } },
  { shop: { rating: 5, body: 'Ordered on my phone on the bus, collected ten minutes later. Perfect.' }, product: null },
];
let reviewSeq = 0;

/** The buyer reviews the shop and the first product of a collected order, through the same API as the storefront. */
async function seedReviews(buyer: SeedCaller, orderId: string): Promise<void> {
  const text = pick(SEED_REVIEWS, reviewSeq++ % SEED_REVIEWS.length, 'review');
  await buyer.reviews.create({ orderId, ...text.shop });
  const target = (await buyer.reviews.forOrder({ orderId })).targets.find((t) => t.productId !== null);
  if (text.product && target?.productId) await buyer.reviews.create({ orderId, productId: target.productId, ...text.product });
}

/** Enough of an item that two lines clear the shop's minimum order: grams for weighed goods, else units. */
function orderQuantity(v: SeedVariant, shop: SeedVendor): number {
  const half = shop.minOrderCents / 2;
  if (v.soldBy === 'weight') return Math.max(1000, Math.ceil((half * 1000) / v.priceCents / 100) * 100);
  return Math.max(1, Math.ceil(half / v.priceCents));
}

/**
 * A pickup time the shop is certainly open for: the first open instant at least 90 minutes from now (the shop's
 * opening time if it is closed then). Seeding works at any hour of any day.
 */
function pickupSlot(hours: OpeningHours): string {
  const from = new Date(Date.now() + 90 * 60_000);
  const slot = nextOpening(hours, DEMO_CITY.timezone, from);
  if (!slot) throw new Error('a seeded shop has no opening hours');
  return slot.toISOString();
}
