import { z } from 'zod';
import { PosError, type ConnContext, type PosConnector } from '../types';
import { ToastApi, type ToastEnv } from './client';
import { currentMenu, menuPage, menuSince, productsById } from './catalog';
import { findByExternalId, orderBody, parseOrder, statusOf } from './orders';
import { observationOf } from './mapping';
import { planPush, readStock, recallPush, rememberPush, searchStock, writeStock } from './stock';
import { parseToastWebhook, verifyToastSignature, TOAST_RESTAURANT_HEADER } from './webhook';

export const TOAST_WEBHOOK_PATH = '/hooks/pos/toast';

/**
 * What a Toast connection stores as credentials. Toast's token belongs to the app (one partner token for every
 * restaurant, kept in client.ts), so a connection keeps only this marker and every call uses the app's token.
 */
export const TOAST_PARTNER_MARKER = 'toast-partner';

const STOCK_WRITE = 'stock:write';
const ORDER_WRITE = 'orders.orders:write';

const restaurantSchema = z.object({
  general: z.object({ name: z.string().nullish(), locationName: z.string().nullish(), currencyCode: z.string().nullish(), archived: z.boolean().nullish() }).nullish(),
});

function displayName(name: string | null | undefined, location: string | null | undefined): string {
  const n = name?.trim() ?? '';
  const l = location?.trim() ?? '';
  return n && l ? `${n} — ${l}` : n || l || 'Toast restaurant';
}

export function createToastConnector(env: ToastEnv): PosConnector {
  const api = new ToastApi(env);
  const base = env.TOAST_API_BASE ?? '';
  const restaurantOf = (conn: ConnContext) => conn.connectionKey;
  const readOnly = (what: string) =>
    new PosError('rejected', `This Toast connection is read-only: Toast has not given Makeries the right to ${what} (it needs partner access with write scopes).`);

  return {
    provider: 'toast',
    configured: !!env.TOAST_CLIENT_ID && !!env.TOAST_CLIENT_SECRET && !!env.TOAST_API_BASE,
    connectKind: 'partner',
    orderTakesStock: 'on_create',
    // the app's token is renewed inside client.ts (last minute); the stored marker never expires
    refreshMarginMs: 0,
    refreshEveryMs: 7 * 86_400_000,
    webhookHeaders: [TOAST_RESTAURANT_HEADER, 'toast-event-type', 'toast-event-category'],
    authorizeUrl() {
      throw new PosError('rejected', 'Toast connects from Toast’s side: the restaurant adds Makeries in Toast’s integrations.');
    },
    completeAuth() {
      return Promise.reject(new PosError('rejected', 'Toast connects from Toast’s side: the restaurant adds Makeries in Toast’s integrations.'));
    },
    async partnerAccounts() {
      const list = await api.partnerRestaurants();
      return list
        .filter((r) => r.deleted !== true && r.restaurantGuid)
        .map((r) => ({ connectionKey: r.restaurantGuid, name: displayName(r.restaurantName, r.locationName), addedBy: r.createdByEmailAddress ?? null }));
    },
    async claim(connectionKey) {
      const list = await api.partnerRestaurants();
      if (!list.some((r) => r.restaurantGuid === connectionKey && r.deleted !== true)) {
        throw new PosError('rejected', 'This restaurant has not added Makeries in Toast (or removed it).');
      }
      return { credentials: { accessToken: TOAST_PARTNER_MARKER, refreshToken: null, expiresAt: null }, connectionKey, scopes: await api.scopes() };
    },
    capabilities(scopes) {
      return { stockWrite: scopes.includes(STOCK_WRITE), orderWrite: scopes.includes(ORDER_WRITE) };
    },
    refresh(credentials) {
      return Promise.resolve(credentials);
    },
    revoke() {
      // nothing to call: a restaurant removes Makeries in Toast's integrations (then `partner_removed` arrives)
      return Promise.resolve();
    },
    async locations(conn) {
      const guid = restaurantOf(conn);
      const r = await api.call<unknown>({ method: 'GET', path: `/restaurants/v1/restaurants/${encodeURIComponent(guid)}`, restaurant: guid });
      const g = restaurantSchema.safeParse(r.data).data?.general;
      // a Toast restaurant is one location; Toast may not state a currency: its restaurants are US ones, so USD
      return [{ extId: guid, name: displayName(g?.name, g?.locationName), currency: g?.currencyCode?.trim().toUpperCase() || 'USD', active: g?.archived !== true }];
    },
    catalogPage(conn, cursor) {
      return menuPage(api, base, restaurantOf(conn), cursor);
    },
    catalogSince(conn, since, cursor) {
      return menuSince(api, base, restaurantOf(conn), since, cursor);
    },
    products(conn, extIds) {
      return productsById(api, base, restaurantOf(conn), extIds);
    },
    stock(conn, variantExtIds) {
      return readStock(api, restaurantOf(conn), variantExtIds);
    },
    /**
     * Counted items only (QUANTITY, or OUT_OF_STOCK = counted at 0): Toast's update is absolute, so the count is read, changed by the delta and
     * written back (see stock.ts for retries). Items Toast does not count, and connections without `stock:write`,
     * answer null without writing: the engine then acknowledges the push and keeps following Toast's counts.
     */
    async pushStockDelta(conn, d) {
      if (!Number.isSafeInteger(d.delta) || d.delta === 0) throw new PosError('rejected', 'A stock change must be a whole number of items.');
      if (!(await api.scopes()).includes(STOCK_WRITE)) return null;
      const restaurant = restaurantOf(conn);
      const { rows, at } = await searchStock(api, restaurant, [d.variantExtId]);
      const row = rows.find((r) => r.multiLocationId === d.variantExtId);
      // OUT_OF_STOCK is a counted item at 0 (Toast turns QUANTITY 0 into it): stock received here must reach Toast
      if (row?.status !== 'QUANTITY' && row?.status !== 'OUT_OF_STOCK') return null;
      const current = row.status === 'QUANTITY' ? Math.max(0, Math.floor(row.quantity ?? 0)) : 0;
      const plan = planPush(await recallPush(d.idempotencyKey, d.memo), restaurant, d.variantExtId, current, d.delta);
      // nothing to change (a sale of an item Toast already has at 0): Toast's count is the answer
      if (plan.kind !== 'write' || plan.quantity === current) return observationOf(row, restaurant, at);
      await rememberPush(d.idempotencyKey, { restaurant, mlid: d.variantExtId, before: current, after: plan.quantity }, d.memo);
      return writeStock(api, restaurant, row, plan.quantity);
    },
    async pushOrder(conn, o, idempotencyKey) {
      if (!(await api.scopes()).includes(ORDER_WRITE)) throw readOnly('create orders');
      const restaurant = restaurantOf(conn);
      const menu = await currentMenu(api, base, restaurant);
      const body = await orderBody(api, env, restaurant, o, idempotencyKey, menu);
      try {
        const r = await api.call<unknown>({ method: 'POST', path: '/orders/v2/orders', restaurant, body });
        const order = parseOrder(r.data);
        if (!order) throw new PosError('transient', 'Toast did not return the order it created.');
        return { extOrderId: order.guid, version: order.modifiedDate ?? null };
      } catch (e) {
        // the same externalId again: the first attempt committed (its answer was lost), so that order is the one
        if (!(e instanceof PosError && (e.kind === 'conflict' || e.kind === 'rejected'))) throw e;
        const found = await findByExternalId(api, restaurant, idempotencyKey, new Date());
        if (!found) throw e;
        return { extOrderId: found.guid, version: found.modifiedDate ?? null };
      }
    },
    async orderStatus(conn, extOrderId) {
      const r = await api.call<unknown>({ method: 'GET', path: `/orders/v2/orders/${encodeURIComponent(extOrderId)}`, restaurant: restaurantOf(conn) });
      const order = parseOrder(r.data);
      if (!order) return { status: null, version: null };
      return { status: statusOf(order, env.TOAST_OTHER_PAYMENT_GUID ?? null), version: order.modifiedDate ?? null };
    },
    setOrderStatus() {
      // Toast has no API to close or void an order from outside: the restaurant does it at the till
      return Promise.resolve();
    },
    verifyWebhook(rawBody, headers) {
      return verifyToastSignature(env.TOAST_WEBHOOK_SECRET, rawBody, headers);
    },
    parseWebhook(rawBody, headers) {
      return parseToastWebhook(rawBody, headers);
    },
  };
}

