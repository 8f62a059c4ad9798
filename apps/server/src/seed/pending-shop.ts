import type { Database } from '../db/client';
import type { Env } from '../env';
import { callerAs } from './caller';
import { DEMO_CITY } from './city-data';
import { hoursFor } from './hours';

/**
 * One shop application still waiting for the operator (issue 17): a believable local shop that has registered and
 * set up a few products, so the console's queue has something to approve. Its owner signs in like the others
 * (owner@bramble-pantry.example, the demo password) and sees the "waiting for approval" banner.
 */
const PENDING_SHOP_SLUG = 'bramble-pantry';

const PRODUCTS = [
  { name: 'Hedgerow Jam', description: 'Blackberry and elderberry, picked on the Downs.', category: 'pantry', priceCents: 550 },
  { name: 'Wildflower Honey', description: 'Raw honey from hives in Ashton Court.', category: 'pantry', priceCents: 850 },
  { name: 'Piccalilli', description: 'Crunchy, mustardy, made in small batches.', category: 'pantry', priceCents: 475 },
] as const;

export async function seedPendingShop(database: Database, env: Env, categoryIds: Map<string, string>, password = 'makeries-demo'): Promise<string> {
  const anon = await callerAs(database, env);
  const email = `owner@${PENDING_SHOP_SLUG}.example`;
  const { vendor } = await anon.vendors.register({
    slug: PENDING_SHOP_SLUG,
    name: 'Bramble Pantry',
    description: 'Jams, chutneys and honey from Bristol’s hedgerows and allotments.',
    email: `hello@${PENDING_SHOP_SLUG}.example`,
    phone: '0117 496 0999',
    addressLine1: '41 North Street',
    city: DEMO_CITY.name,
    postcode: 'BS3 1EN',
    country: DEMO_CITY.country,
    lat: 51.4399,
    lng: -2.6061,
    timezone: DEMO_CITY.timezone,
    currency: DEMO_CITY.currency,
    taxMode: 'inclusive',
    openingHours: hoursFor('shop'),
    pickupEnabled: true,
    deliveryEnabled: false,
    deliveryZones: [],
    minOrderCents: 0,
    cashRoundingCents: 0,
    gs1Template: null,
    owner: { name: 'Rosa Bramble', email, password },
  });
  const { token } = await anon.auth.staffLogin({ email, password });
  const owner = await callerAs(database, env, { bearer: token });
  await owner.catalog.taxRates.create({ taxClass: 'zero', name: 'VAT 0%', rateBps: 0 });
  for (const [i, p] of PRODUCTS.entries()) {
    await owner.products.create({
      name: p.name,
      description: p.description,
      categoryId: categoryIds.get(p.category) ?? null,
      onlineVisible: true,
      variants: [{ name: 'Jar', sku: `BRP-${String(i + 1)}`, priceCents: p.priceCents, taxClass: 'zero', sort: 0 }],
    });
  }
  return vendor.id;
}
