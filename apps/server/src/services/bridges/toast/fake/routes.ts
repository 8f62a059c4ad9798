import type { ToastFakeCore } from './core';
import { ToastApiError, type FakeRequest, type FakeRoute } from './server';
import { inventoryJson, menusDocument, newGuid, toastTime, type FakeOrder, type FakeRestaurant, type FakeSelection, type StockStatus } from './state';

function obj(v: unknown): Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new ToastApiError(400, 'The request body must be a JSON object.');
  return v as Record<string, unknown>;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

function guidOf(v: unknown): string | null {
  return v && typeof v === 'object' ? str((v as { guid?: unknown }).guid) : null;
}

function stockSearch(fake: ToastFakeCore, req: FakeRequest): unknown[] {
  const r = restaurantOf(fake, req);
  const body = obj(req.body);
  const byMlid = Array.isArray(body.multiLocationIds) ? body.multiLocationIds.map(String) : [];
  const byGuid = Array.isArray(body.guids) ? body.guids.map(String) : [];
  const mlids = [...byMlid, ...[...r.items.values()].filter((i) => byGuid.includes(i.guid)).map((i) => i.mlid)];
  return mlids.map((m) => inventoryJson(m, r.items.get(m), r.stock.get(m)));
}

function restaurantOf(fake: ToastFakeCore, req: FakeRequest): FakeRestaurant {
  return fake.restaurant(req.restaurant ?? '');
}

function stockUpdate(fake: ToastFakeCore, req: FakeRequest): unknown[] {
  const r = restaurantOf(fake, req);
  if (!Array.isArray(req.body)) throw new ToastApiError(400, 'The request body must be a list of MenuItemInventory.');
  const rows = req.body.map(obj);
  for (const row of rows) {
    const mlid = str(row.multiLocationId) ?? [...r.items.values()].find((i) => i.guid === row.guid)?.mlid ?? null;
    const status = row.status;
    if (!mlid || !r.items.has(mlid)) throw new ToastApiError(400, `Unknown menu item ${String(row.multiLocationId ?? row.guid)}.`);
    if (status !== 'IN_STOCK' && status !== 'QUANTITY' && status !== 'OUT_OF_STOCK') throw new ToastApiError(400, 'status must be IN_STOCK, QUANTITY or OUT_OF_STOCK.');
    if (status === 'QUANTITY' && (typeof row.quantity !== 'number' || row.quantity < 0)) throw new ToastApiError(400, 'A QUANTITY status needs a quantity.');
  }
  // absolute values, no compare-and-set (as Toast)
  return rows.map((row) => {
    const mlid = str(row.multiLocationId) ?? [...r.items.values()].find((i) => i.guid === row.guid)?.mlid ?? '';
    fake.setStock(r.guid, mlid, row.status as StockStatus, typeof row.quantity === 'number' ? row.quantity : null);
    return inventoryJson(mlid, r.items.get(mlid), r.stock.get(mlid));
  });
}

function postOrder(fake: ToastFakeCore, req: FakeRequest): FakeOrder {
  const r = restaurantOf(fake, req);
  const body = obj(req.body);
  const externalId = str(body.externalId);
  if (externalId && r.externalIds.has(externalId)) throw new ToastApiError(409, `An order with externalId ${externalId} already exists.`, 10409);
  const dining = guidOf(body.diningOption);
  if (!dining || !r.diningOptions.some((d) => d.guid === dining)) throw new ToastApiError(400, 'diningOption.guid is not a dining option of this restaurant.');
  const checks = Array.isArray(body.checks) ? body.checks.map(obj) : [];
  if (checks.length === 0) throw new ToastApiError(400, 'An order needs at least one check.');
  const now = toastTime(Date.now());
  const order: FakeOrder = {
    guid: newGuid(),
    entityType: 'Order',
    externalId,
    source: 'API',
    openedDate: now,
    modifiedDate: now,
    approvalStatus: 'NEEDS_APPROVAL',
    voided: false,
    deleted: false,
    diningOption: { guid: dining, entityType: 'DiningOption' },
    checks: checks.map((c) => {
      const customer = c.customer ? obj(c.customer) : null;
      if (!customer) throw new ToastApiError(400, 'check.customer is required for take-out orders.');
      const email = str(customer.email);
      if (email && (email.length > 53 || !/^[\x20-\x7e]+$/.test(email))) throw new ToastApiError(400, 'customer.email must be at most 53 ASCII characters.');
      const selections: FakeSelection[] = (Array.isArray(c.selections) ? c.selections.map(obj) : []).map((s) => {
        const item = [...r.items.values()].find((i) => i.guid === guidOf(s.item));
        if (!item) throw new ToastApiError(400, `selection.item.guid ${String(guidOf(s.item))} is not on the current menu.`);
        if (r.groups.get(item.groupMlid)?.guid !== guidOf(s.itemGroup)) throw new ToastApiError(400, 'selection.itemGroup.guid is not the group of the item.');
        const quantity = typeof s.quantity === 'number' ? s.quantity : 1;
        return { guid: newGuid(), externalId: str(s.externalId), item: { guid: item.guid, entityType: 'MenuItem', multiLocationId: item.mlid }, itemGroup: { guid: guidOf(s.itemGroup) ?? '', entityType: 'MenuGroup' }, quantity, price: (item.price ?? 0) * quantity, voided: false, fulfillmentStatus: 'NEW' };
      });
      const payments = (Array.isArray(c.payments) ? c.payments.map(obj) : []).map((p) => {
        if (p.type !== 'OTHER' && p.type !== 'CREDIT') throw new ToastApiError(400, 'Only OTHER and CREDIT payments can be posted.');
        const other = guidOf(p.otherPayment);
        return { guid: newGuid(), type: p.type, amount: Number(p.amount ?? 0), ...(other ? { otherPayment: { guid: other } } : {}) };
      });
      const total = Number(selections.reduce((a, s) => a + s.price, 0).toFixed(2));
      const paid = payments.reduce((a, p) => a + p.amount, 0);
      return { guid: newGuid(), entityType: 'Check' as const, externalId: str(c.externalId), paymentStatus: paid > 0 && paid >= total ? ('CLOSED' as const) : ('OPEN' as const), totalAmount: total, customer, payments, selections };
    }),
  };
  fake.storeOrder(r, order);
  for (const s of order.checks.flatMap((c) => c.selections)) fake.takeStock(r.guid, s.item.multiLocationId, s.quantity);
  return fake.orderJson(order);
}

function ordersBulk(fake: ToastFakeCore, req: FakeRequest): FakeOrder[] {
  const r = restaurantOf(fake, req);
  const start = Date.parse(req.query.get('startDate') ?? '');
  const end = Date.parse(req.query.get('endDate') ?? '');
  if (Number.isNaN(start) || Number.isNaN(end)) throw new ToastApiError(400, 'startDate and endDate are required.');
  const pageSize = Math.min(100, Number(req.query.get('pageSize') ?? '100') || 100);
  const page = Math.max(1, Number(req.query.get('page') ?? '1') || 1);
  const list = [...r.orders.values()].filter((o) => {
    const t = Date.parse(o.modifiedDate);
    return t >= start && t < end;
  });
  return list.slice((page - 1) * pageSize, page * pageSize).map((o) => fake.orderJson(o));
}

export function fakeRoutes(fake: ToastFakeCore): FakeRoute[] {
  const restaurantRoute = (method: FakeRoute['method'], path: RegExp, scope: string, handler: (req: FakeRequest) => unknown): FakeRoute => ({ method, path, scope, perRestaurant: true, handler });
  return [
    {
      method: 'POST',
      path: /^\/authentication\/v1\/authentication\/login$/,
      scope: null,
      perRestaurant: false,
      handler(req) {
        const b = obj(req.body);
        if (b.clientId !== fake.clientId || b.clientSecret !== fake.clientSecret || b.userAccessType !== 'TOAST_MACHINE_CLIENT') throw new ToastApiError(401, 'Access denied: unknown client.', 10010);
        const t = fake.issueToken();
        return { status: 'SUCCESS', token: { tokenType: 'Bearer', accessToken: t.accessToken, expiresIn: t.expiresIn, scope: null, idToken: null, refreshToken: null } };
      },
    },
    {
      method: 'GET',
      path: /^\/partners\/v1\/restaurants$/,
      scope: '',
      perRestaurant: false,
      handler: () =>
        [...fake.restaurants.values()].map((r) => ({ restaurantGuid: r.guid, managementGroupGuid: null, deleted: r.deleted, restaurantName: r.name, locationName: r.locationName, createdByEmailAddress: r.createdBy, externalGroupRef: null, externalRestaurantRef: null })),
    },
    restaurantRoute('GET', /^\/restaurants\/v1\/restaurants\/([^/]+)$/, 'restaurants:read', (req) => {
      const r = fake.restaurant(req.params[0] ?? '');
      return { guid: r.guid, general: { name: r.name, locationName: r.locationName, timeZone: 'America/New_York', ...(r.currencyCode ? { currencyCode: r.currencyCode } : {}), archived: false } };
    }),
    restaurantRoute('GET', /^\/menus\/v2\/metadata$/, 'menus:read', (req) => ({ restaurantGuid: req.restaurant, lastUpdated: restaurantOf(fake, req).lastUpdated })),
    restaurantRoute('GET', /^\/menus\/v2\/menus$/, 'menus:read', (req) => menusDocument(restaurantOf(fake, req))),
    restaurantRoute('GET', /^\/config\/v2\/taxRates$/, 'config:read', (req) => restaurantOf(fake, req).taxRates),
    restaurantRoute('GET', /^\/config\/v2\/diningOptions$/, 'config:read', (req) => restaurantOf(fake, req).diningOptions),
    restaurantRoute('GET', /^\/stock\/v1\/inventory$/, 'stock:read', (req) => {
      const r = restaurantOf(fake, req);
      return [...r.stock.entries()].filter(([, s]) => s.status !== 'IN_STOCK').map(([m, s]) => inventoryJson(m, r.items.get(m), s));
    }),
    restaurantRoute('POST', /^\/stock\/v1\/inventory\/search$/, 'stock:read', (req) => stockSearch(fake, req)),
    restaurantRoute('PUT', /^\/stock\/v1\/inventory\/update$/, 'stock:write', (req) => stockUpdate(fake, req)),
    restaurantRoute('POST', /^\/orders\/v2\/orders$/, 'orders.orders:write', (req) => postOrder(fake, req)),
    restaurantRoute('GET', /^\/orders\/v2\/ordersBulk$/, 'orders:read', (req) => ordersBulk(fake, req)),
    restaurantRoute('GET', /^\/orders\/v2\/orders\/([^/]+)$/, 'orders:read', (req) => {
      const order = restaurantOf(fake, req).orders.get(req.params[0] ?? '');
      if (!order) throw new ToastApiError(404, 'Order not found.');
      return fake.orderJson(order);
    }),
  ];
}
