import type { CatalogStore } from './catalog';
import { connection, countOf } from './connection';
import type { InventoryStore } from './inventory';
import { gqlError, type GqlContext, type Plain } from './schema';
import { parseSearch, timeMatches } from './search';
import { fakeError, formatDecimal, gid, isoSeconds, newNumericId, parseDecimal, parseGid, restTime, type FakeClock, type ShopState } from './state';
import type { ShopifyWebhookOutbox } from './webhooks';

interface LineRecord {
  id: number;
  foLineId: number;
  variantId: number | null;
  inventoryItemId: number | null;
  sku: string | null;
  title: string;
  quantity: number;
  priceMinor: number;
  fulfilled: number;
  /** units this line holds as `committed` at the fulfilment location (DECREMENT_* orders) */
  committed: number;
}

export interface OrderRecord {
  id: number;
  shop: string;
  name: string;
  createdAt: number;
  updatedAt: number;
  sourceIdentifier: string | null;
  sourceName: string;
  email: string | null;
  phone: string | null;
  note: string | null;
  tags: string[];
  financialStatus: string;
  currency: string;
  taxesIncluded: boolean;
  lines: LineRecord[];
  locationId: number;
  cancelledAt: number | null;
  cancelReason: string | null;
  closedAt: number | null;
  fulfillmentOrderId: number;
  fulfillments: { id: number; createdAt: number; quantity: number }[];
}

interface LineInput {
  variantId?: string | null;
  quantity: number;
  priceSet?: { shopMoney: { amount: string | number } } | null;
  title?: string | null;
  sku?: string | null;
}

type UserError = { __typename: string; code?: string; field: string[] | null; message: string };

const ORDER_QUERY_FIELDS = ['source_identifier', 'name', 'updated_at', 'created_at'] as const;

/** Orders: orderCreate, lookups, cancel, fulfilment, and the seller's POS sales. */
export class OrderStore {
  readonly orders = new Map<number, OrderRecord>();

  constructor(
    private readonly clock: FakeClock,
    private readonly catalog: CatalogStore,
    private readonly inventory: InventoryStore,
    private readonly webhooks: ShopifyWebhookOutbox,
  ) {}

  orderCreate(shop: ShopState, args: Record<string, unknown>): Plain {
    const input = args.order as Record<string, unknown>;
    const behaviour = ((args.options as Record<string, unknown> | null)?.inventoryBehaviour as string | undefined) ?? 'BYPASS';
    const lineInputs = (input.lineItems as LineInput[] | null) ?? [];
    const errors: UserError[] = [];
    const err = (field: string[], message: string, code = 'INVALID'): null => {
      errors.push({ __typename: 'OrderCreateUserError', code, field, message });
      return null;
    };
    if (lineInputs.length === 0) err(['order', 'lineItems'], 'Line items must have at least one line item.');
    const location = shop.locations[0]?.id ?? 0;
    const lines: LineRecord[] = [];
    lineInputs.forEach((li, i) => {
      const field = ['order', 'lineItems', String(i)];
      const variant = li.variantId == null ? null : shop.variants.get(parseGid('ProductVariant', li.variantId) ?? -1);
      if (variant === undefined) return err([...field, 'variantId'], 'The variant could not be found.');
      if (!variant && !li.title) return err([...field, 'title'], 'A line item without a variant needs a title.');
      if (li.quantity < 1) return err([...field, 'quantity'], 'Quantity must be greater than or equal to 1.');
      const amount = li.priceSet ? parseDecimal(String(li.priceSet.shopMoney.amount)) : variant ? parseDecimal(variant.price) : 0;
      if (amount === null || amount < 0) return err([...field, 'priceSet'], 'The price is invalid.');
      const item = variant ? shop.items.get(variant.inventoryItemId) : undefined;
      const stocked = item?.tracked === true && behaviour !== 'BYPASS';
      if (stocked && behaviour === 'DECREMENT_OBEYING_POLICY' && variant?.inventoryPolicy === 'DENY' && (item.levels.get(location)?.available ?? 0) < li.quantity) {
        return err([...field, 'quantity'], `${variant.title} is out of stock.`, 'INVENTORY_CLAIM_FAILED');
      }
      lines.push({
        id: newNumericId(),
        foLineId: newNumericId(),
        variantId: variant?.id ?? null,
        inventoryItemId: stocked ? (item?.id ?? null) : null,
        sku: li.sku ?? variant?.sku ?? null,
        title: li.title ?? (variant ? (shop.products.get(variant.productId)?.title ?? '') : ''),
        quantity: li.quantity,
        priceMinor: amount,
        fulfilled: 0,
        committed: 0,
      });
    });
    if (errors.length > 0) return { order: null, userErrors: errors };
    const now = this.clock.now();
    const transactions = (input.transactions as { kind?: string; status?: string }[] | null) ?? [];
    const paid = transactions.some((t) => (t.kind ?? 'SALE') === 'SALE' && (t.status ?? 'SUCCESS') === 'SUCCESS');
    const order = this.newOrder(shop, now, lines, location, {
      sourceIdentifier: (input.sourceIdentifier as string | null) ?? null,
      sourceName: (input.sourceName as string | null) ?? 'makeries-fake-app',
      email: (input.email as string | null) ?? null,
      phone: (input.phone as string | null) ?? null,
      note: (input.note as string | null) ?? null,
      tags: (input.tags as string[] | null) ?? [],
      financialStatus: (input.financialStatus as string | null) ?? (paid ? 'PAID' : 'PENDING'),
    });
    for (const line of order.lines) {
      if (line.inventoryItemId === null) continue;
      const item = shop.items.get(line.inventoryItemId);
      if (!item) continue;
      this.inventory.move(shop, item, location, -line.quantity, line.quantity);
      line.committed = line.quantity;
    }
    this.webhooks.emit(shop.domain, 'orders/create', this.rest(shop, order));
    return { order: this.render(shop, order), userErrors: [] };
  }

  /** A sale rung up on Shopify POS: paid, fulfilled on the spot, stock leaves `location` (default: the first). */
  sellAtPos(shop: ShopState, variantGid: string, quantity: number, locationGid?: string): string {
    const variant = this.catalog.variant(shop, variantGid);
    const location = locationGid === undefined ? (shop.locations[0]?.id ?? 0) : (parseGid('Location', locationGid) ?? -1);
    if (!shop.locations.some((l) => l.id === location)) throw fakeError(`no location ${String(locationGid)} in ${shop.domain}`);
    const now = this.clock.now();
    const line: LineRecord = {
      id: newNumericId(), foLineId: newNumericId(), variantId: variant.id, inventoryItemId: variant.inventoryItemId, sku: variant.sku,
      title: shop.products.get(variant.productId)?.title ?? '', quantity, priceMinor: parseDecimal(variant.price) ?? 0, fulfilled: quantity, committed: 0,
    };
    const order = this.newOrder(shop, now, [line], location, { sourceIdentifier: null, sourceName: 'pos', email: null, phone: null, note: null, tags: [], financialStatus: 'PAID' });
    order.fulfillments.push({ id: newNumericId(), createdAt: now, quantity });
    order.closedAt = now;
    const item = shop.items.get(variant.inventoryItemId);
    if (item?.tracked) this.inventory.move(shop, item, location, -quantity, 0);
    this.webhooks.emit(shop.domain, 'orders/create', this.rest(shop, order));
    return gid('Order', order.id);
  }

  /** `orderCancel(orderId, reason, restock, ...)`; restock returns what the order still holds as committed. */
  cancel(shop: ShopState, orderGid: unknown, reason: string, restock: boolean): Plain {
    const order = this.find(shop, orderGid);
    const errors: UserError[] = [];
    if (!order) errors.push({ __typename: 'OrderCancelUserError', code: 'NOT_FOUND', field: ['orderId'], message: 'Order does not exist.' });
    else if (order.cancelledAt !== null) errors.push({ __typename: 'OrderCancelUserError', code: 'INVALID', field: ['orderId'], message: 'Cannot cancel an order that has already been cancelled.' });
    if (!order || errors.length > 0) return { job: null, orderCancelUserErrors: errors, userErrors: errors.map((e) => ({ ...e, __typename: 'UserError' })) };
    const now = this.touch(order);
    order.cancelledAt = now;
    order.cancelReason = reason;
    order.closedAt = now;
    for (const line of order.lines) {
      const item = line.inventoryItemId === null ? undefined : shop.items.get(line.inventoryItemId);
      if (item && line.committed > 0) this.inventory.move(shop, item, order.locationId, restock ? line.committed : 0, -line.committed);
      line.committed = 0;
    }
    this.webhooks.emit(shop.domain, 'orders/cancelled', this.rest(shop, order));
    this.webhooks.emit(shop.domain, 'orders/updated', this.rest(shop, order));
    return { job: { __typename: 'Job', id: gid('Job', newNumericId()), done: true }, orderCancelUserErrors: [], userErrors: [] };
  }

  /** `fulfillmentCreate(fulfillment: {lineItemsByFulfillmentOrder})`; no line list = everything remaining. */
  fulfil(shop: ShopState, input: { lineItemsByFulfillmentOrder: { fulfillmentOrderId: string; fulfillmentOrderLineItems?: { id: string; quantity: number }[] | null }[] }): Plain {
    const refuse = (message: string): Plain => ({ fulfillment: null, userErrors: [{ __typename: 'UserError', field: ['fulfillment'], message }] });
    const picks: { order: OrderRecord; line: LineRecord; quantity: number }[] = [];
    for (const group of input.lineItemsByFulfillmentOrder) {
      const foId = parseGid('FulfillmentOrder', group.fulfillmentOrderId);
      const order = [...this.orders.values()].find((o) => o.shop === shop.domain && o.fulfillmentOrderId === foId);
      if (!order) return refuse('Fulfillment order does not exist.');
      if (order.cancelledAt !== null || order.lines.every((l) => l.fulfilled === l.quantity)) return refuse('Fulfillment order is not in a fulfillable state.');
      const wanted = group.fulfillmentOrderLineItems ?? order.lines.map((l) => ({ id: gid('FulfillmentOrderLineItem', l.foLineId), quantity: l.quantity - l.fulfilled }));
      for (const w of wanted) {
        const line = order.lines.find((l) => gid('FulfillmentOrderLineItem', l.foLineId) === w.id);
        if (!line) return refuse(`Fulfillment order line item ${w.id} does not exist.`);
        if (w.quantity > line.quantity - line.fulfilled || w.quantity < 1) return refuse('Invalid fulfillment order line item quantity requested.');
        if (w.quantity > 0) picks.push({ order, line, quantity: w.quantity });
      }
    }
    const first = picks[0];
    if (!first) return refuse('No line items to fulfil.');
    const order = first.order;
    const now = this.touch(order);
    const fulfillment = { id: newNumericId(), createdAt: now, quantity: 0 };
    for (const p of picks) {
      p.line.fulfilled += p.quantity;
      fulfillment.quantity += p.quantity;
      const item = p.line.inventoryItemId === null ? undefined : shop.items.get(p.line.inventoryItemId);
      const fromCommitted = Math.min(p.line.committed, p.quantity);
      if (item && fromCommitted > 0) this.inventory.move(shop, item, p.order.locationId, 0, -fromCommitted);
      p.line.committed -= fromCommitted;
    }
    order.fulfillments.push(fulfillment);
    // Shopify archives (closes) paid orders once fulfilled when the store's auto-archive setting is on (the default)
    if (order.lines.every((l) => l.fulfilled === l.quantity)) {
      order.closedAt = now;
      this.webhooks.emit(shop.domain, 'orders/fulfilled', this.rest(shop, order));
    }
    this.webhooks.emit(shop.domain, 'orders/updated', this.rest(shop, order));
    return { fulfillment: this.renderFulfillment(shop, order, fulfillment), userErrors: [] };
  }

  find(shop: ShopState, orderGid: unknown): OrderRecord | null {
    const o = this.orders.get(parseGid('Order', orderGid) ?? -1);
    return o && o.shop === shop.domain ? o : null;
  }

  ordersConnection(shop: ShopState, args: Record<string, unknown>, ctx: GqlContext): Plain {
    const terms = parseSearch(args.query as string | null, ORDER_QUERY_FIELDS);
    const list = [...this.orders.values()].filter((o) =>
      o.shop === shop.domain &&
      terms.every((t) => {
        if (t.field === 'source_identifier') return o.sourceIdentifier === t.value;
        if (t.field === 'name') return o.name === t.value || o.name === `#${t.value}`;
        return timeMatches(t.field === 'updated_at' ? o.updatedAt : o.createdAt, t);
      }),
    );
    const sortKey = (args.sortKey as string | undefined) ?? 'PROCESSED_AT';
    const keyOf = (o: OrderRecord): number[] => {
      if (sortKey === 'ID') return [o.id];
      if (sortKey === 'UPDATED_AT') return [o.updatedAt, o.id];
      if (sortKey === 'PROCESSED_AT' || sortKey === 'CREATED_AT') return [o.createdAt, o.id];
      throw gqlError(`The Shopify fake does not model orders sortKey ${sortKey}.`, 'NOT_IMPLEMENTED_IN_FAKE');
    };
    return connection(list, args, ctx, keyOf, (o) => this.render(shop, o));
  }

  fulfillmentOrderOf(shop: ShopState, foGid: unknown): Plain | null {
    const foId = parseGid('FulfillmentOrder', foGid);
    const order = [...this.orders.values()].find((o) => o.shop === shop.domain && o.fulfillmentOrderId === foId);
    return order ? this.renderFulfillmentOrder(shop, order) : null;
  }

  private newOrder(shop: ShopState, now: number, lines: LineRecord[], locationId: number, fields: Pick<OrderRecord, 'sourceIdentifier' | 'sourceName' | 'email' | 'phone' | 'note' | 'tags' | 'financialStatus'>): OrderRecord {
    shop.orderNumber += 1;
    const order: OrderRecord = {
      id: newNumericId(), shop: shop.domain, name: `#${String(shop.orderNumber)}`, createdAt: now, updatedAt: now, ...fields,
      currency: shop.currency, taxesIncluded: shop.taxesIncluded, lines, locationId, cancelledAt: null, cancelReason: null,
      closedAt: null, fulfillmentOrderId: newNumericId(), fulfillments: [],
    };
    this.orders.set(order.id, order);
    return order;
  }

  private touch(order: OrderRecord): number {
    order.updatedAt = Math.max(this.clock.now(), order.updatedAt + 1);
    return order.updatedAt;
  }

  private fulfilmentStatus(o: OrderRecord): 'FULFILLED' | 'PARTIALLY_FULFILLED' | 'UNFULFILLED' {
    const done = o.lines.reduce((n, l) => n + l.fulfilled, 0);
    if (done === 0) return 'UNFULFILLED';
    return o.lines.every((l) => l.fulfilled === l.quantity) ? 'FULFILLED' : 'PARTIALLY_FULFILLED';
  }

  private money(shop: ShopState, minor: number): Plain {
    return { shopMoney: { amount: formatDecimal(minor), currencyCode: shop.currency }, presentmentMoney: { amount: formatDecimal(minor), currencyCode: shop.currency } };
  }

  render(shop: ShopState, o: OrderRecord): Plain {
    const total = o.lines.reduce((n, l) => n + l.priceMinor * l.quantity, 0);
    return {
      __typename: 'Order', id: gid('Order', o.id), legacyResourceId: String(o.id), name: o.name,
      createdAt: isoSeconds(o.createdAt), processedAt: isoSeconds(o.createdAt), updatedAt: isoSeconds(o.updatedAt),
      cancelledAt: o.cancelledAt === null ? null : isoSeconds(o.cancelledAt), cancelReason: o.cancelReason,
      closed: o.closedAt !== null, closedAt: o.closedAt === null ? null : isoSeconds(o.closedAt),
      displayFulfillmentStatus: this.fulfilmentStatus(o), displayFinancialStatus: o.financialStatus,
      sourceIdentifier: o.sourceIdentifier, sourceName: o.sourceName, email: o.email, phone: o.phone, note: o.note,
      tags: o.tags, test: false, currencyCode: o.currency, taxesIncluded: o.taxesIncluded, totalPriceSet: this.money(shop, total),
      lineItems: (args: Record<string, unknown>, ctx: GqlContext) => connection(o.lines, args, ctx, (l) => [l.id], (l) => this.renderLine(shop, l)),
      fulfillmentOrders: (args: Record<string, unknown>, ctx: GqlContext) => connection([o], args, ctx, (x) => [x.fulfillmentOrderId], () => this.renderFulfillmentOrder(shop, o)),
      fulfillments: () => o.fulfillments.map((f) => this.renderFulfillment(shop, o, f)),
      fulfillmentsCount: () => countOf(o.fulfillments.length),
    };
  }

  private renderLine(shop: ShopState, l: LineRecord): Plain {
    const variant = l.variantId === null ? undefined : shop.variants.get(l.variantId);
    return {
      __typename: 'LineItem', id: gid('LineItem', l.id), name: l.title, title: l.title, sku: l.sku, quantity: l.quantity,
      currentQuantity: l.quantity, unfulfilledQuantity: l.quantity - l.fulfilled, fulfillableQuantity: l.quantity - l.fulfilled,
      originalUnitPriceSet: this.money(shop, l.priceMinor), variantTitle: variant?.title ?? null,
      variant: () => (variant ? this.catalog.renderVariant(shop, variant) : null),
    };
  }

  private renderFulfillmentOrder(shop: ShopState, o: OrderRecord): Plain {
    const status = o.cancelledAt !== null || this.fulfilmentStatus(o) === 'FULFILLED' ? 'CLOSED' : this.fulfilmentStatus(o) === 'PARTIALLY_FULFILLED' ? 'IN_PROGRESS' : 'OPEN';
    const location = shop.locations.find((l) => l.id === o.locationId);
    return {
      __typename: 'FulfillmentOrder', id: gid('FulfillmentOrder', o.fulfillmentOrderId), status, orderId: gid('Order', o.id), orderName: o.name,
      createdAt: isoSeconds(o.createdAt), updatedAt: isoSeconds(o.updatedAt), order: () => this.render(shop, o),
      assignedLocation: { name: location?.name ?? '', countryCode: 'US', location: () => this.catalog.renderLocation(shop, o.locationId) },
      lineItems: (args: Record<string, unknown>, ctx: GqlContext) =>
        connection(o.lines, args, ctx, (l) => [l.foLineId], (l) => ({
          __typename: 'FulfillmentOrderLineItem', id: gid('FulfillmentOrderLineItem', l.foLineId), totalQuantity: l.quantity,
          remainingQuantity: l.quantity - l.fulfilled, sku: l.sku, lineItem: () => this.renderLine(shop, l),
        })),
    };
  }

  private renderFulfillment(shop: ShopState, o: OrderRecord, f: OrderRecord['fulfillments'][number]): Plain {
    return {
      __typename: 'Fulfillment', id: gid('Fulfillment', f.id), legacyResourceId: String(f.id), name: `${o.name}-F${String(o.fulfillments.indexOf(f) + 1)}`,
      status: 'SUCCESS', createdAt: isoSeconds(f.createdAt), updatedAt: isoSeconds(f.createdAt), totalQuantity: f.quantity,
      order: () => this.render(shop, o), location: () => this.catalog.renderLocation(shop, o.locationId),
    };
  }

  /** The REST order resource of orders/* webhooks. */
  rest(shop: ShopState, o: OrderRecord): Plain {
    const tz = shop.ianaTimezone;
    const status = this.fulfilmentStatus(o);
    const total = o.lines.reduce((n, l) => n + l.priceMinor * l.quantity, 0);
    return {
      id: o.id, admin_graphql_api_id: gid('Order', o.id), name: o.name, source_name: o.sourceName, source_identifier: o.sourceIdentifier,
      location_id: o.sourceName === 'pos' ? o.locationId : null, created_at: restTime(o.createdAt, tz), updated_at: restTime(o.updatedAt, tz),
      cancelled_at: o.cancelledAt === null ? null : restTime(o.cancelledAt, tz), cancel_reason: o.cancelReason?.toLowerCase() ?? null,
      closed_at: o.closedAt === null ? null : restTime(o.closedAt, tz), currency: o.currency, financial_status: o.financialStatus.toLowerCase(),
      fulfillment_status: status === 'FULFILLED' ? 'fulfilled' : status === 'PARTIALLY_FULFILLED' ? 'partial' : null,
      taxes_included: o.taxesIncluded, total_price: formatDecimal(total), tags: o.tags.join(', '), email: o.email, phone: o.phone, note: o.note,
      line_items: o.lines.map((l) => ({
        id: l.id, variant_id: l.variantId, product_id: l.variantId === null ? null : (shop.variants.get(l.variantId)?.productId ?? null),
        sku: l.sku, title: l.title, quantity: l.quantity, fulfillable_quantity: l.quantity - l.fulfilled, price: formatDecimal(l.priceMinor),
        price_set: { shop_money: { amount: formatDecimal(l.priceMinor), currency_code: o.currency } },
      })),
    };
  }
}
