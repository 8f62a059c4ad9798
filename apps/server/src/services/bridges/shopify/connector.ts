import { PosError, type ConnContext, type PosConnector, type StockObservation } from '../types';
import { checkUserErrors, gql, type ShopifyEnv, type UserError } from './client';
import { bulkCatalogPage } from './bulk';
import { catalogSince, productsById, stockOf } from './catalog';
import { authorizeUrl, completeAuth, refreshTokens } from './oauth';
import { pushShopifyOrder, setShopifyOrderStatus, shopifyOrderStatus } from './orders';
import { ADJUST_MUTATION, APP_UNINSTALL_MUTATION, LOCATIONS_QUERY } from './queries';
import { parseShopifyWebhook, SHOPIFY_WEBHOOK_HEADERS, verifyShopifyWebhook } from './webhook';

export { SHOPIFY_CALLBACK_PATH } from './oauth';

function location(conn: ConnContext): string {
  if (!conn.locationExtId) throw new PosError('rejected', 'Choose the Shopify location that is this shop first.');
  return conn.locationExtId;
}

interface AdjustResult {
  inventoryAdjustQuantities: {
    inventoryAdjustmentGroup: { createdAt: string; changes: { name: string; quantityAfterChange: number | null; item?: { id: string } | null; location?: { id: string } | null }[] } | null;
    userErrors: UserError[];
  } | null;
}

/** A stock change of one variant at the shop's location, applied once per key (Shopify's @idempotent); its count after. */
async function adjust(env: ShopifyEnv, conn: ConnContext, d: { idempotencyKey: string; variantExtId: string; delta: number; reference: string }): Promise<StockObservation | null> {
  if (!Number.isSafeInteger(d.delta) || d.delta === 0) throw new PosError('rejected', 'A stock change must be a whole number of items.');
  const loc = location(conn);
  const r = await gql<AdjustResult>(env, conn, ADJUST_MUTATION, {
    key: d.idempotencyKey,
    input: {
      name: 'available',
      reason: 'correction',
      referenceDocumentUri: `gid://makeries/Movement/${d.reference}`,
      // changeFromQuantity null: no compare-and-set (deltas commute; the stock rule reconciles with the counts)
      changes: [{ inventoryItemId: d.variantExtId, locationId: loc, delta: d.delta, changeFromQuantity: null }],
    },
  });
  const result = r.inventoryAdjustQuantities;
  checkUserErrors(result?.userErrors, 'the stock change');
  const group = result?.inventoryAdjustmentGroup;
  const change = group?.changes.find((c) => c.name === 'available' && (c.item?.id ?? d.variantExtId) === d.variantExtId);
  if (!group || change?.quantityAfterChange === null || change?.quantityAfterChange === undefined) return null;
  return { variantExtId: d.variantExtId, locationExtId: loc, quantity: change.quantityAfterChange, observedAt: new Date(group.createdAt).toISOString() };
}

export function createShopifyConnector(env: ShopifyEnv): PosConnector {
  const clientId = env.SHOPIFY_CLIENT_ID ?? '';
  const secret = env.SHOPIFY_CLIENT_SECRET ?? '';
  return {
    provider: 'shopify',
    configured: clientId !== '' && secret !== '',
    connectKind: 'oauth_shop',
    orderTakesStock: 'on_create',
    // expiring offline tokens last an hour
    refreshMarginMs: 10 * 60_000,
    refreshEveryMs: 50 * 60_000,
    webhookHeaders: SHOPIFY_WEBHOOK_HEADERS,
    authorizeUrl(state, shopDomain) {
      if (!shopDomain) throw new PosError('rejected', 'Type the shop’s address (your-shop.myshopify.com) to connect Shopify.');
      return authorizeUrl(env, state, shopDomain);
    },
    completeAuth(query) {
      return completeAuth(env, query);
    },
    partnerAccounts() {
      return Promise.resolve([]);
    },
    claim() {
      return Promise.reject(new PosError('rejected', 'Shopify connects through its own authorize page.'));
    },
    capabilities(scopes) {
      return { stockWrite: scopes.includes('write_inventory'), orderWrite: scopes.includes('write_orders') };
    },
    refresh(credentials) {
      return refreshTokens(env, credentials);
    },
    async revoke(conn) {
      // the app uninstalls itself (Shopify has no token-revoke endpoint); best effort: gone already is fine
      try {
        const r = await gql<{ appUninstall: { userErrors: UserError[] } | null }>(env, conn, APP_UNINSTALL_MUTATION);
        checkUserErrors(r.appUninstall?.userErrors, 'removing Makeries');
      } catch (e) {
        if (e instanceof PosError && (e.kind === 'expired' || e.kind === 'auth' || e.kind === 'revoked')) return;
        throw e;
      }
    },
    async locations(conn) {
      const out: { extId: string; name: string; currency: string; active: boolean }[] = [];
      let after: string | null = null;
      do {
        const r: { shop: { currencyCode: string }; locations: { nodes: { id: string; name: string; isActive: boolean }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await gql(env, conn, LOCATIONS_QUERY, { after });
        // Shopify locations have no currency of their own: the shop's
        for (const l of r.locations.nodes) out.push({ extId: l.id, name: l.name || 'Location', currency: r.shop.currencyCode, active: l.isActive });
        after = r.locations.pageInfo.hasNextPage ? r.locations.pageInfo.endCursor : null;
      } while (after);
      return out;
    },
    catalogPage(conn, cursor) {
      return bulkCatalogPage(env, conn, cursor);
    },
    catalogSince(conn, since, cursor) {
      return catalogSince(env, conn, since, cursor);
    },
    products(conn, extIds) {
      return productsById(env, conn, extIds);
    },
    stock(conn, variantExtIds) {
      return stockOf(env, conn, variantExtIds);
    },
    pushStockDelta(conn, d) {
      return adjust(env, conn, d);
    },
    pushOrder(conn, o, idempotencyKey) {
      return pushShopifyOrder(env, conn, o, idempotencyKey);
    },
    orderStatus(conn, extOrderId) {
      return shopifyOrderStatus(env, conn, extOrderId);
    },
    setOrderStatus(conn, extOrderId, status) {
      return setShopifyOrderStatus(env, conn, extOrderId, status);
    },
    verifyWebhook(rawBody, headers) {
      return verifyShopifyWebhook([env.SHOPIFY_CLIENT_SECRET, env.SHOPIFY_CLIENT_SECRET_PREVIOUS], rawBody, headers);
    },
    parseWebhook(rawBody, headers) {
      return parseShopifyWebhook(rawBody, headers);
    },
  };
}
