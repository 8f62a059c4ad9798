import { createHmac } from 'node:crypto';
import { inventoryJson, newGuid, newRestaurant, stockBand, toastTime, type FakeItem, type FakeOrder, type FakeRestaurant, type FakeStock, type StockStatus } from './state';

const FULL_SCOPES = ['menus:read', 'stock:read', 'stock:write', 'orders:read', 'orders.orders:write', 'config:read', 'restaurants:read'];
/** Standard (self-serve) API access: read only */
export const READ_ONLY_SCOPES = ['menus:read', 'stock:read', 'orders:read', 'config:read', 'restaurants:read'];

export interface FakeWebhook {
  headers: Record<string, string>;
  body: string;
}

export interface SeedOptions {
  /** every n-th item has a REQUIRED modifier group (0: none) */
  requiredEvery?: number;
  /** every n-th item has no price (0: none) */
  openPriceEvery?: number;
}

/** State and seller actions of the Toast fake (HTTP in server.ts/routes.ts). */
export class ToastFakeCore {
  readonly restaurants = new Map<string, FakeRestaurant>();
  readonly tokens = new Map<string, { scopes: string[]; expiresAt: number }>();
  scopes: string[] = [...FULL_SCOPES];
  /** seconds a new token lives (Toast: about a day) */
  tokenLifetimeSeconds = 86_400;
  logins = 0;
  /** bytes of padding put in every order answer and order webhook (Toast's can exceed 600 KB) */
  orderPaddingBytes = 0;
  private outbox: FakeWebhook[] = [];
  private lastPublish = Date.UTC(2026, 10, 1);
  /** webhook timestamps never repeat (Toast's events of one item are seconds apart; the fake's may share a millisecond) */
  private lastStamp = 0;
  private seq = 100000000171241;

  constructor(
    readonly clientId: string,
    readonly clientSecret: string,
    readonly webhookSecret: string,
  ) {}

  restaurant(guid: string): FakeRestaurant {
    const r = this.restaurants.get(guid);
    if (!r) throw new Error(`no fake restaurant ${guid}`);
    return r;
  }

  // —— tokens ——
  issueToken(): { accessToken: string; expiresIn: number } {
    this.logins++;
    const exp = Date.now() + this.tokenLifetimeSeconds * 1000;
    const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const accessToken = `${enc({ alg: 'RS256', typ: 'JWT' })}.${enc({ sub: this.clientId, scope: this.scopes.join(' '), exp: Math.floor(exp / 1000), jti: newGuid() })}.${enc('fake-signature')}`;
    this.tokens.set(accessToken, { scopes: [...this.scopes], expiresAt: exp });
    return { accessToken, expiresIn: this.tokenLifetimeSeconds };
  }

  /** every token issued so far dies (Toast revoking or expiring tokens before their time): the next call gets 401 */
  expireTokens(): void {
    this.tokens.clear();
  }

  scopesOf(token: string): string[] | null {
    const t = this.tokens.get(token);
    return t && t.expiresAt > Date.now() ? t.scopes : null;
  }

  // —— partners ——
  addRestaurant(guid: string, opts: { name?: string; locationName?: string; currencyCode?: string | null; createdBy?: string } = {}): FakeRestaurant {
    const r = newRestaurant(guid, opts);
    this.restaurants.set(guid, r);
    this.emit(r, 'partner', 'partner_added', { restaurantGuid: guid, managementGroupGuid: newGuid(), restaurantName: r.name, locationName: r.locationName }, false);
    return r;
  }

  /** the restaurant removes Makeries in Toast: its calls get 401, `partner_removed` is sent */
  removePartner(guid: string): void {
    const r = this.restaurant(guid);
    r.deleted = true;
    this.emit(r, 'partner', 'partner_removed', { restaurantGuid: guid, restaurantName: r.name, locationName: r.locationName }, false);
  }

  // —— menus ——
  private nextMlid(): string {
    this.seq += 1;
    return String(this.seq);
  }

  /** a publish: every guid is new (multiLocationIds stay), lastUpdated moves on, `menus_updated` is sent */
  republish(guid: string): void {
    const r = this.restaurant(guid);
    this.lastPublish = Math.max(this.lastPublish + 1000, Date.now());
    r.lastUpdated = toastTime(this.lastPublish);
    for (const g of r.groups.values()) g.guid = newGuid();
    for (const i of r.items.values()) i.guid = newGuid();
    this.emit(r, 'menus', 'menus_updated', { restaurantGuid: guid, publishedDate: r.lastUpdated });
  }

  /** n items in 3 top groups (each with a nested group), published; returns the items' multiLocationIds in menu order */
  seedMenu(guid: string, n: number, opts: SeedOptions = {}): string[] {
    const r = this.restaurant(guid);
    const tops = ['Breads', 'Pastries', 'Drinks'].map((name) => ({ mlid: this.nextMlid(), guid: newGuid(), name, parentMlid: null }));
    const subs = tops.map((t) => ({ mlid: this.nextMlid(), guid: newGuid(), name: `${t.name} — specials`, parentMlid: t.mlid }));
    for (const g of [...tops, ...subs]) r.groups.set(g.mlid, g);
    const groups = [...tops, ...subs];
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const mlid = this.nextMlid();
      const group = groups[i % groups.length] ?? tops[0];
      if (!group) throw new Error('no group');
      r.items.set(mlid, {
        mlid,
        guid: newGuid(),
        name: `Item ${String(i + 1)}`,
        description: `Baked fresh, number ${String(i + 1)}`,
        price: opts.openPriceEvery && (i + 1) % opts.openPriceEvery === 0 ? null : Number(((i % 20) + 1.1 + 0.89).toFixed(2)),
        groupMlid: group.mlid,
        sku: `TT-${String(i + 1)}`,
        taxGuids: i % 2 === 0 ? ['tax-state'] : ['tax-state', 'tax-city'],
        taxInclusion: 'TAX_NOT_INCLUDED',
        image: i % 3 === 0 ? `https://images.toast.test/${mlid}.jpg` : null,
        requiredChoice: !!opts.requiredEvery && (i + 1) % opts.requiredEvery === 0,
      });
      ids.push(mlid);
    }
    this.republish(guid);
    return ids;
  }

  editItem(guid: string, mlid: string, patch: Partial<Omit<FakeItem, 'mlid' | 'guid'>>): void {
    const item = this.restaurant(guid).items.get(mlid);
    if (!item) throw new Error(`no item ${mlid}`);
    Object.assign(item, patch);
    this.republish(guid);
  }

  removeItem(guid: string, mlid: string): void {
    this.restaurant(guid).items.delete(mlid);
    this.republish(guid);
  }

  // —— stock ——
  stockOf(guid: string, mlid: string): FakeStock {
    return this.restaurant(guid).stock.get(mlid) ?? { status: 'IN_STOCK', quantity: null };
  }

  /** sets an item's stock (the back office, or our API update); a stock webhook goes out when its band changes */
  setStock(guid: string, mlid: string, status: StockStatus, quantity: number | null = null): void {
    const r = this.restaurant(guid);
    const before = this.stockOf(guid, mlid);
    const next: FakeStock = status === 'QUANTITY' && (quantity ?? 0) <= 0 ? { status: 'OUT_OF_STOCK', quantity: null } : { status, quantity: status === 'QUANTITY' ? quantity : null };
    r.stock.set(mlid, next);
    const band = stockBand(next);
    if (band !== stockBand(before)) {
      const inv = inventoryJson(mlid, r.items.get(mlid), next);
      this.emit(r, 'stock', band, { itemGuid: inv.guid, restaurantGuid: guid, status: next.status, ...(next.status === 'QUANTITY' ? { quantity: next.quantity } : {}), multiLocationId: mlid, versionId: inv.guid });
    }
  }

  /** a counted item sold (at the till or by an order): QUANTITY goes down, OUT_OF_STOCK at 0 */
  takeStock(guid: string, mlid: string, quantity: number): void {
    const s = this.stockOf(guid, mlid);
    if (s.status === 'QUANTITY') this.setStock(guid, mlid, 'QUANTITY', (s.quantity ?? 0) - quantity);
  }

  // —— orders ——
  /** a sale rung up at the Toast till: stock goes down, `order_updated` is sent; returns the order guid */
  sellAtPos(guid: string, mlid: string, quantity: number): string {
    const r = this.restaurant(guid);
    const item = r.items.get(mlid);
    if (!item) throw new Error(`no item ${mlid}`);
    const now = toastTime(Date.now());
    const price = item.price ?? 0;
    const order: FakeOrder = {
      guid: newGuid(),
      entityType: 'Order',
      externalId: null,
      source: 'In Store',
      openedDate: now,
      modifiedDate: now,
      approvalStatus: 'APPROVED',
      voided: false,
      deleted: false,
      diningOption: { guid: 'dine-in-0001', entityType: 'DiningOption' },
      checks: [
        {
          guid: newGuid(),
          entityType: 'Check',
          externalId: null,
          paymentStatus: 'CLOSED',
          totalAmount: price * quantity,
          customer: null,
          payments: [{ guid: newGuid(), type: 'CASH', amount: price * quantity }],
          selections: [{ guid: newGuid(), externalId: null, item: { guid: item.guid, entityType: 'MenuItem', multiLocationId: mlid }, itemGroup: { guid: r.groups.get(item.groupMlid)?.guid ?? '', entityType: 'MenuGroup' }, quantity, price: price * quantity, voided: false, fulfillmentStatus: 'READY' }],
        },
      ],
    };
    this.storeOrder(r, order);
    this.takeStock(guid, mlid, quantity);
    return order.guid;
  }

  storeOrder(r: FakeRestaurant, order: FakeOrder): void {
    r.orders.set(order.guid, order);
    if (order.externalId) r.externalIds.set(order.externalId, order.guid);
    this.orderChanged(r, order, false);
  }

  orderJson(order: FakeOrder): FakeOrder {
    return this.orderPaddingBytes > 0 ? { ...order, _padding: 'x'.repeat(this.orderPaddingBytes) } : order;
  }

  private orderChanged(r: FakeRestaurant, order: FakeOrder, touch = true): void {
    if (touch) order.modifiedDate = toastTime(Date.now());
    // Toast's orders webhook: the full order, guest PII left out, externalId returned as null
    const checks = order.checks.map((c) => ({ ...c, customer: null }));
    this.emit(r, 'order_updated', 'order_updated', { restaurantGuid: r.guid, order: { ...this.orderJson(order), externalId: null, checks } });
  }

  private order(guid: string, orderGuid: string): { r: FakeRestaurant; order: FakeOrder } {
    const r = this.restaurant(guid);
    const order = r.orders.get(orderGuid);
    if (!order) throw new Error(`no order ${orderGuid}`);
    return { r, order };
  }

  approveOrder(guid: string, orderGuid: string): void {
    const { r, order } = this.order(guid, orderGuid);
    order.approvalStatus = 'APPROVED';
    for (const s of order.checks.flatMap((c) => c.selections)) if (s.fulfillmentStatus === 'NEW') s.fulfillmentStatus = 'SENT';
    this.orderChanged(r, order);
  }

  markReady(guid: string, orderGuid: string): void {
    const { r, order } = this.order(guid, orderGuid);
    for (const s of order.checks.flatMap((c) => c.selections)) s.fulfillmentStatus = 'READY';
    this.orderChanged(r, order);
  }

  /** an open check paid at the till (cash) and closed */
  payAtTill(guid: string, orderGuid: string): void {
    const { r, order } = this.order(guid, orderGuid);
    for (const c of order.checks) {
      c.payments.push({ guid: newGuid(), type: 'CASH', amount: c.totalAmount });
      c.paymentStatus = 'CLOSED';
    }
    this.orderChanged(r, order);
  }

  voidOrder(guid: string, orderGuid: string): void {
    const { r, order } = this.order(guid, orderGuid);
    order.voided = true;
    this.orderChanged(r, order);
  }

  // —— webhooks ——
  /** a signed delivery as Toast sends it: `Toast-Signature` = base64 HMAC-SHA256(secret, body + timestamp) */
  private emit(r: FakeRestaurant, category: string, type: string, details: Record<string, unknown>, withRestaurantHeader = true): void {
    this.lastStamp = Math.max(Date.now(), this.lastStamp + 1);
    const timestamp = new Date(this.lastStamp).toISOString();
    const body = JSON.stringify({ timestamp, eventCategory: category, eventType: type, guid: newGuid(), details });
    const headers: Record<string, string> = {
      'toast-signature': createHmac('sha256', this.webhookSecret).update(body + timestamp).digest('base64'),
      'toast-event-type': type,
      'toast-event-category': category,
      'toast-attempt-number': '1',
      'content-type': 'application/json',
    };
    if (withRestaurantHeader) headers['toast-restaurant-external-id'] = r.guid;
    this.outbox.push({ headers, body });
  }

  /** the deliveries since the last call, in order */
  takeWebhooks(): FakeWebhook[] {
    const out = this.outbox;
    this.outbox = [];
    return out;
  }

  /** Toast's retry of a delivery (+5 min, +10 min): the same body and signature, the next attempt number */
  redeliver(w: FakeWebhook): FakeWebhook {
    return { headers: { ...w.headers, 'toast-attempt-number': String(Number(w.headers['toast-attempt-number'] ?? '1') + 1) }, body: w.body };
  }
}
