import type { ConnContext } from '../types';
import type { ShopifyEnv } from './client';
import { createShopifyConnector } from './connector';
import { startShopifyFake, type ShopifyFake } from './fake/index';
import type { ShopifyCredentials } from './oauth';
import { resetThrottle } from './throttle';

/** The connector wired to a local Shopify fake (one shop, two locations). Test code only, not a test file. */

export const SHOP = 'clay-corner.myshopify.com';
export const MARKET = 'gid://shopify/Location/101';

export interface ShopifyKit {
  fake: ShopifyFake;
  env: ShopifyEnv;
  connector: ReturnType<typeof createShopifyConnector>;
  conn: ConnContext;
  close(): Promise<void>;
}

export async function startShopifyKit(opts: { clock?: { now(): number } } = {}): Promise<ShopifyKit> {
  resetThrottle();
  const fake = await startShopifyFake({
    shops: [{ domain: SHOP, currency: 'GBP', taxesIncluded: true, locations: [{ id: 101, name: 'Market Street' }, { id: 102, name: 'Workshop' }] }],
    redirectUrl: 'http://127.0.0.1:3999/oauth/pos/shopify/callback',
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
  const env: ShopifyEnv = {
    SHOPIFY_CLIENT_ID: fake.clientId,
    SHOPIFY_CLIENT_SECRET: fake.clientSecret,
    SHOPIFY_CLIENT_SECRET_PREVIOUS: undefined,
    SHOPIFY_API_BASE: fake.baseUrl,
    PUBLIC_URL: 'http://127.0.0.1:3999',
    POS_TIMEOUT_MS: 10_000,
  };
  const t = fake.issueToken(SHOP);
  const now = (opts.clock ?? { now: () => Date.now() }).now();
  const credentials: ShopifyCredentials = {
    accessToken: t.access_token,
    refreshToken: t.refresh_token ?? null,
    expiresAt: t.expires_in ? new Date(now + t.expires_in * 1000).toISOString() : null,
    shop: SHOP,
  };
  return {
    fake,
    env,
    connector: createShopifyConnector(env),
    conn: { id: 'conn-1', connectionKey: SHOP, locationExtId: MARKET, currency: 'GBP', credentials },
    close: () => fake.close(),
  };
}
