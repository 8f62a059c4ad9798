import { createAdminApiClient, type AdminApiClient } from '@shopify/admin-api-client';
import { shopifyFakeFetch, startShopifyFake, type QueryCost, type ShopifyFake, type ShopifyFakeOptions } from './index';

/** Shopify reference files kept in the repo (`../reference/README.md`). */
export const SHOPIFY_REFERENCE = new URL('../reference/', import.meta.url);

export const SHOP = 'makeries-test.myshopify.com';
export const LOCATION_ID = 24826418;
const OTHER_LOCATION_ID = 24826419;
export const LOCATION = `gid://shopify/Location/${String(LOCATION_ID)}`;
export const OTHER_LOCATION = `gid://shopify/Location/${String(OTHER_LOCATION_ID)}`;

/** A clock tests move by hand (token expiry, bucket refill). */
export { manualClock } from '../../fake-kit/local-http';

export async function startWithShop(opts: ShopifyFakeOptions = {}): Promise<ShopifyFake> {
  return startShopifyFake({
    shops: [
      {
        domain: SHOP,
        name: 'Clay Corner',
        currency: 'USD',
        locations: [
          { id: LOCATION_ID, name: 'Main street' },
          { id: OTHER_LOCATION_ID, name: 'Market stall' },
        ],
      },
    ],
    ...opts,
  });
}

/** The real Admin API client against the fake (no retries: tests see every answer). */
export function adminClient(fake: ShopifyFake, accessToken = fake.issueToken(SHOP).access_token, shop = SHOP): AdminApiClient {
  return createAdminApiClient({
    storeDomain: shop,
    apiVersion: '2026-10',
    accessToken,
    customFetchApi: shopifyFakeFetch(fake.baseUrl),
  });
}

/** `request()` for tests: data typed loosely, first GraphQL error code surfaced. */
export interface GqlAnswer<T> {
  data: T | undefined;
  code: string | undefined;
  message: string | undefined;
  status: number | undefined;
  cost: QueryCost | undefined;
}

export async function gql<T>(client: AdminApiClient, query: string, variables?: Record<string, unknown>): Promise<GqlAnswer<T>> {
  const res = await client.request<T>(query, variables ? { variables } : undefined);
  const first = res.errors?.graphQLErrors?.[0];
  return {
    data: res.data,
    code: first?.extensions?.code,
    message: first?.message ?? res.errors?.message,
    status: res.errors?.networkStatusCode,
    cost: res.extensions?.cost as QueryCost | undefined,
  };
}
