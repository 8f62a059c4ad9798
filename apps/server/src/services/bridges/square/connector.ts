import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Square } from 'square';
import { PosError, type AuthResult, type CatalogPage, type ConnContext, type ExtOrderStatus, type ExtProduct, type PosConnector, type StockObservation } from '../types';
import { SQUARE_SCOPES, sq, squareAppClient, squareBase, squareClient, type SquareEnv } from './client';
import { observationOf, pageOf, productOf } from './mapping';
import { parseSquareWebhook } from './webhook';

const CATALOG_TYPES = 'ITEM,CATEGORY,TAX,IMAGE';
const SEARCH_TYPES: Square.CatalogObjectType[] = ['ITEM', 'ITEM_VARIATION', 'CATEGORY', 'TAX', 'IMAGE'];

export const SQUARE_WEBHOOK_PATH = '/hooks/pos/square';

/** The notification URL exactly as registered with Square: signatures are computed over it. */
function squareWebhookUrl(env: SquareEnv): string {
  return env.SQUARE_WEBHOOK_URL ?? `${env.PUBLIC_URL.replace(/\/$/, '')}${SQUARE_WEBHOOK_PATH}`;
}

function token(conn: ConnContext): string {
  return conn.credentials.accessToken;
}

function location(conn: ConnContext): string {
  if (!conn.locationExtId) throw new PosError('rejected', 'Choose the Square location that is this shop first.');
  return conn.locationExtId;
}

const FULFILMENT_TO_STATUS: Partial<Record<string, ExtOrderStatus>> = {
  RESERVED: 'accepted',
  PREPARED: 'ready',
  COMPLETED: 'collected',
  CANCELED: 'cancelled',
  FAILED: 'cancelled',
};

/** CreatePayment keys are at most 45 characters: `mk-ord-<uuid>` (43) becomes `mk-pay-<uuid>`, anything longer a hash. */
function paymentKey(orderKey: string): string {
  const key = orderKey.startsWith('mk-ord-') ? `mk-pay-${orderKey.slice(7)}` : `${orderKey}-pay`;
  return key.length <= 45 ? key : `mk-pay-${createHash('sha256').update(orderKey).digest('base64url').slice(0, 38)}`;
}

export function createSquareConnector(env: SquareEnv): PosConnector {
  const sandbox = env.SQUARE_ENVIRONMENT !== 'production';
  const appId = env.SQUARE_APPLICATION_ID ?? '';
  const secret = env.SQUARE_APPLICATION_SECRET ?? '';
  const client = (conn: ConnContext) => squareClient(env, token(conn));
  const anonymous = () => squareAppClient(env);

  async function tokens(request: Square.ObtainTokenRequest): Promise<AuthResult> {
    const r = await sq(async () => (await anonymous()).oAuth.obtainToken(request));
    if (!r.accessToken || !r.merchantId) throw new PosError('auth', 'Square did not hand over an access token.');
    return {
      credentials: { accessToken: r.accessToken, refreshToken: r.refreshToken ?? request.refreshToken ?? null, expiresAt: r.expiresAt ?? null },
      connectionKey: r.merchantId,
      scopes: [...SQUARE_SCOPES],
    };
  }

  async function products(conn: ConnContext, extIds: string[]): Promise<ExtProduct[]> {
    if (extIds.length === 0) return [];
    const r = await sq(async () => (await client(conn)).catalog.batchGet({ objectIds: [...new Set(extIds)], includeRelatedObjects: false }));
    return (r.objects ?? []).flatMap((o) => (o.isDeleted ? [] : [productOf(o, conn.locationExtId, sandbox)].filter((p): p is ExtProduct => p !== null)));
  }

  return {
    provider: 'square',
    configured: appId !== '' && secret !== '',
    connectKind: 'oauth',
    orderTakesStock: 'on_complete',
    refreshMarginMs: 86_400_000,
    refreshEveryMs: 7 * 86_400_000,
    webhookHeaders: [],
    authorizeUrl(state) {
      const base = env.SQUARE_API_BASE ? squareBase(env) : sandbox ? 'https://connect.squareupsandbox.com' : 'https://connect.squareup.com';
      const q = new URLSearchParams({ client_id: appId, scope: SQUARE_SCOPES.join(' '), session: 'false', state });
      return `${base}/oauth2/authorize?${q.toString()}`;
    },
    completeAuth(query) {
      if (!query.code) throw new PosError('auth', 'Square sent no authorization code.');
      return tokens({ clientId: appId, clientSecret: secret, code: query.code, grantType: 'authorization_code' });
    },
    partnerAccounts() {
      return Promise.resolve([]);
    },
    claim() {
      return Promise.reject(new PosError('rejected', 'Square connects through its own authorize page.'));
    },
    capabilities(scopes) {
      return { stockWrite: scopes.includes('INVENTORY_WRITE'), orderWrite: scopes.includes('ORDERS_WRITE') && scopes.includes('PAYMENTS_WRITE') };
    },
    async refresh(credentials) {
      if (!credentials.refreshToken) throw new PosError('auth', 'Square gave no refresh token; connect Square again.');
      const r = await tokens({ clientId: appId, clientSecret: secret, refreshToken: credentials.refreshToken, grantType: 'refresh_token' });
      return r.credentials;
    },
    async revoke(conn) {
      await sq(async () => (await anonymous()).oAuth.revokeToken({ clientId: appId, merchantId: conn.connectionKey }, { headers: { Authorization: `Client ${secret}` } }));
    },
    async locations(conn) {
      const r = await sq(async () => (await client(conn)).locations.list());
      return (r.locations ?? []).map((l) => ({ extId: l.id ?? '', name: l.name ?? l.id ?? 'Location', currency: l.currency ?? '', active: l.status !== 'INACTIVE' })).filter((l) => l.extId !== '');
    },
    async catalogPage(conn, cursor): Promise<CatalogPage> {
      const page = await sq(async () => (await client(conn)).catalog.list({ types: CATALOG_TYPES, ...(cursor ? { cursor } : {}) }));
      return pageOf(page.data, page.response.cursor ?? null, conn.locationExtId, sandbox);
    },
    async catalogSince(conn, since, cursor) {
      const r = await sq(async () =>
        (await client(conn)).catalog.search({ objectTypes: SEARCH_TYPES, includeDeletedObjects: true, beginTime: since, limit: 1000, ...(cursor ? { cursor } : {}) }),
      );
      const page = pageOf(r.objects ?? [], r.cursor ?? null, conn.locationExtId, sandbox);
      const have = new Set(page.products.map((p) => p.extId));
      const more = await products(conn, page.variationItemIds.filter((id) => !have.has(id)));
      return { products: [...page.products, ...more], taxes: page.taxes, categories: page.categories, images: page.images, deleted: page.deleted, next: page.next, latest: r.latestTime ?? null };
    },
    products,
    async stock(conn, variantExtIds): Promise<StockObservation[]> {
      const out: StockObservation[] = [];
      for (let i = 0; i < variantExtIds.length; i += 500) {
        const ids = variantExtIds.slice(i, i + 500);
        const page = await sq(async () => (await client(conn)).inventory.batchGetCounts({ catalogObjectIds: ids, locationIds: [location(conn)], states: ['IN_STOCK'] }));
        for await (const c of page) {
          const o = observationOf(c);
          if (o) out.push(o);
        }
      }
      return out;
    },
    async pushStockDelta(conn, d) {
      if (!Number.isSafeInteger(d.delta) || d.delta === 0) throw new PosError('rejected', 'A stock change must be a whole number of items.');
      const loc = location(conn);
      const r = await sq(async () =>
        (await client(conn)).inventory.batchCreateChanges({
          idempotencyKey: d.idempotencyKey,
          changes: [
            {
              type: 'ADJUSTMENT',
              adjustment: {
                catalogObjectId: d.variantExtId,
                fromLocationId: loc,
                toLocationId: loc,
                fromState: d.delta < 0 ? 'IN_STOCK' : 'NONE',
                toState: d.delta < 0 ? 'SOLD' : 'IN_STOCK',
                quantity: String(Math.abs(d.delta)),
                occurredAt: d.occurredAt,
                referenceId: d.reference,
              },
            },
          ],
          ignoreUnchangedCounts: false,
        }),
      );
      const count = (r.counts ?? []).find((c) => c.catalogObjectId === d.variantExtId && c.locationId === loc && (c.state ?? 'IN_STOCK') === 'IN_STOCK');
      return count ? observationOf(count) : null;
    },
    async pushOrder(conn, o, idempotencyKey) {
      const loc = location(conn);
      const money = (cents: number) => ({ amount: BigInt(cents), currency: o.currency as Square.Currency });
      const created = await sq(async () =>
        (await client(conn)).orders.create({
          idempotencyKey,
          order: {
            locationId: loc,
            referenceId: o.orderId,
            source: { name: 'Makeries' },
            lineItems: o.lines.map((l) => ({ catalogObjectId: l.variantExtId, quantity: String(l.quantity), basePriceMoney: money(l.unitPriceCents) })),
            fulfillments: [
              {
                type: 'PICKUP',
                state: 'PROPOSED',
                pickupDetails: {
                  // Square takes phone numbers of at most 17 characters; a longer one would refuse the whole order
                  recipient: { displayName: o.customerName, phoneNumber: o.customerPhone && o.customerPhone.length <= 17 ? o.customerPhone : undefined, emailAddress: o.customerEmail || undefined },
                  scheduleType: 'ASAP',
                  prepTimeDuration: 'PT20M',
                  note: `Makeries order ${o.number}${o.note ? ` — ${o.note}` : ''}`.slice(0, 500),
                },
              },
            ],
            metadata: { makeries_order_id: o.orderId },
          },
        }),
      );
      const order = created.order;
      if (!order?.id) throw new PosError('transient', 'Square did not return the order it created.');
      if (o.paymentRef) {
        const total = order.totalMoney?.amount ?? BigInt(o.totalCents);
        await sq(async () =>
          (await client(conn)).payments.create({
            idempotencyKey: paymentKey(idempotencyKey),
            sourceId: 'EXTERNAL',
            externalDetails: { type: 'CARD', source: 'Makeries', sourceId: o.paymentRef ?? undefined },
            amountMoney: { amount: total, currency: o.currency as Square.Currency },
            orderId: order.id,
          }),
        );
      }
      return { extOrderId: order.id, version: order.version === undefined ? null : String(order.version) };
    },
    async orderStatus(conn, extOrderId) {
      const r = await sq(async () => (await client(conn)).orders.get({ orderId: extOrderId }));
      const order = r.order;
      if (!order) return { status: null, version: null };
      const version = order.version === undefined ? null : String(order.version);
      if (order.state === 'CANCELED') return { status: 'cancelled', version };
      if (order.state === 'COMPLETED') return { status: 'collected', version };
      const f = order.fulfillments?.[0];
      return { status: (f?.state && FULFILMENT_TO_STATUS[f.state]) ?? null, version };
    },
    async setOrderStatus(conn, extOrderId, status) {
      for (let attempt = 0; attempt < 3; attempt++) {
        const r = await sq(async () => (await client(conn)).orders.get({ orderId: extOrderId }));
        const order = r.order;
        const f = order?.fulfillments?.[0];
        if (!order || !f?.uid) return;
        const target = status === 'collected' ? 'COMPLETED' : 'CANCELED';
        if (f.state === target || order.state === 'CANCELED' || order.state === 'COMPLETED') return;
        try {
          await sq(async () =>
            (await client(conn)).orders.update({
              orderId: extOrderId,
              order: { locationId: order.locationId, version: order.version, fulfillments: [{ uid: f.uid, state: target }], ...(target === 'COMPLETED' ? { state: 'COMPLETED' } : {}) },
              idempotencyKey: `mk-ord-${extOrderId}-${target}-${String(order.version ?? 0)}`,
            }),
          );
          return;
        } catch (e) {
          // the seller changed the order meanwhile: read it again and retry on the new version
          if (!(e instanceof PosError && e.code === 'VERSION_MISMATCH')) throw e;
        }
      }
      throw new PosError('conflict', 'The order kept changing in Square; trying again later.');
    },
    verifyWebhook(rawBody, headers) {
      const key = env.SQUARE_WEBHOOK_SIGNATURE_KEY;
      const given = headers['x-square-hmacsha256-signature'];
      if (!key || typeof given !== 'string') return false;
      const expected = createHmac('sha256', key).update(squareWebhookUrl(env) + rawBody).digest();
      const actual = Buffer.from(given, 'base64');
      return actual.length === expected.length && timingSafeEqual(actual, expected);
    },
    parseWebhook(rawBody) {
      return parseSquareWebhook(rawBody);
    },
  };
}

