import { uuidv7 } from '@makeries/shared';
import { and, eq } from 'drizzle-orm';
import { posEntityMap } from '../../db/schema/index';
import type { DbKind } from '../../test/db';
import { recordMovements } from '../inventory';
import { startRig, type BridgeRig as GenericRig } from './bridge-rig';
import { SHOPIFY_CALLBACK_PATH } from './shopify/connector';
import { startShopifyFake, type ShopifyFake } from './shopify/fake/index';
import { resetThrottle } from './shopify/throttle';

export const SHOP = 'clay-corner.myshopify.com';
/** the shop's first location (the one the rig chooses); the fake stocks every item at WORKSHOP too */
export const MARKET = 'gid://shopify/Location/101';
export const WORKSHOP = 'gid://shopify/Location/102';
const PUBLIC_URL = 'http://127.0.0.1:3998';

export type ShopifyRig = GenericRig<ShopifyFake>;

/**
 * A shop bridged to the local Shopify fake (bridge-rig.ts): shop SHOP (GBP, prices without tax, like the rig's shop)
 * with its locations MARKET and WORKSHOP, connected through Shopify's authorize page and our callback. Shopify's clock
 * is the rig's hand-driven clock (token expiry, update stamps, the cost bucket all move with it). Not a test file.
 */
export async function startShopifyRig(kind: DbKind, opts: { envOverrides?: Record<string, string> } = {}): Promise<ShopifyRig> {
  resetThrottle();
  const late: { rig: ShopifyRig | null } = { rig: null };
  const fake = await startShopifyFake({
    shops: [{ domain: SHOP, currency: 'GBP', locations: [{ id: 101, name: 'Market Street' }, { id: 102, name: 'Workshop' }] }],
    redirectUrl: `${PUBLIC_URL}${SHOPIFY_CALLBACK_PATH}`,
    clock: { now: () => late.rig?.clock.t ?? Date.now() },
  });
  const rig = await startRig(
    kind,
    {
      fake,
      provider: 'shopify',
      env: { SHOPIFY_CLIENT_ID: fake.clientId, SHOPIFY_CLIENT_SECRET: fake.clientSecret, SHOPIFY_API_BASE: fake.baseUrl, PUBLIC_URL },
      locationId: MARKET,
      shopDomain: SHOP,
      close: () => fake.close(),
    },
    opts.envOverrides ? { envOverrides: opts.envOverrides } : {},
  );
  late.rig = rig;
  return rig;
}

/** The Makeries id a Shopify object was bridged to (variants by InventoryItem GID, products by Product GID). */
export async function localId(rig: ShopifyRig, entity: 'product' | 'variant', extId: string): Promise<string> {
  const c = await rig.connection();
  const [m] = await rig.db
    .select({ id: posEntityMap.localId })
    .from(posEntityMap)
    .where(and(eq(posEntityMap.connectionId, c.id), eq(posEntityMap.entity, entity), eq(posEntityMap.extId, extId)));
  if (!m) throw new Error(`${extId} is not bridged`);
  return m.id;
}

/** A sale rung up on the Makeries counter: one ledger movement, which owes Shopify an adjustment. Returns its id. */
export async function counterSale(rig: ShopifyRig, variantId: string, quantity = 1): Promise<string> {
  const id = uuidv7();
  await recordMovements(rig.db, rig.vendor.vendorId, [{ id, variantId, kind: 'sale', quantity: -quantity, occurredAt: new Date(rig.clock.t), reference: uuidv7() }]);
  return id;
}
