import { badRequest } from './http';
import type { InventoryStore, PlannedChange } from './inventory-store';
import { iso, newId, parseQuantity, QTY_SCALE, type FakeState, type MerchantState, type OrderRecord } from './state';
import type { FulfillmentStateWire, FulfillmentWire, MoneyWire, OrderLineItemWire, OrderWire } from './wire';
import type { WebhookOutbox } from './webhooks';

const TERMINAL: FulfillmentStateWire[] = ['COMPLETED', 'CANCELED', 'FAILED'];

export function money(amount: number, currency: string): MoneyWire {
  return { amount, currency };
}

/** quantity × unit price, rounded half up to the minor unit (exact, in BigInt). */
function lineTotal(quantityUnits: number, unitAmount: number): number {
  const n = BigInt(quantityUnits) * BigInt(unitAmount);
  const d = BigInt(QTY_SCALE);
  return Number((2n * n + d) / (2n * d));
}

export function buildLine(uid: string, quantity: string, base: MoneyWire, extra: Partial<OrderLineItemWire>): OrderLineItemWire {
  const units = parseQuantity(quantity) ?? 0;
  const total = money(lineTotal(units, base.amount), base.currency);
  const zero = money(0, base.currency);
  return {
    uid,
    quantity,
    item_type: 'ITEM',
    ...extra,
    base_price_money: base,
    variation_total_price_money: total,
    gross_sales_money: total,
    total_tax_money: zero,
    total_discount_money: zero,
    total_money: total,
    total_service_charge_money: zero,
  };
}

/** Recomputes the order's money fields from its lines and tenders. */
export function computeTotals(order: OrderWire, currency: string): void {
  const total = order.line_items.reduce((sum, l) => sum + l.total_money.amount, 0);
  const paid = (order.tenders ?? []).reduce((sum, t) => sum + t.amount_money.amount, 0);
  const zero = money(0, currency);
  order.total_money = money(total, currency);
  order.total_tax_money = zero;
  order.total_discount_money = zero;
  order.total_tip_money = zero;
  order.total_service_charge_money = zero;
  order.net_amounts = { total_money: money(total, currency), tax_money: zero, discount_money: zero, tip_money: zero, service_charge_money: zero };
  order.net_amount_due_money = money(total - paid, currency);
}

/** Orders, their fulfillment life cycle, completion (which takes stock, like Square's automatic tracking). */
export class OrderStore {
  constructor(
    private readonly state: FakeState,
    private readonly inventory: InventoryStore,
    private readonly webhooks: WebhookOutbox,
  ) {}

  get(orderId: string): OrderRecord {
    const rec = this.state.orders.get(orderId);
    if (!rec) throw new Error(`square fake: no order ${orderId}`);
    return rec;
  }

  merchantOf(rec: OrderRecord): MerchantState {
    const m = this.state.merchants.get(rec.merchantId);
    if (!m) throw new Error(`square fake: order of unknown merchant ${rec.merchantId}`);
    return m;
  }

  insert(m: MerchantState, order: OrderWire): void {
    this.state.orders.set(order.id, { merchantId: m.id, order });
    this.webhooks.emit(m.id, 'order.created', {
      type: 'order_created',
      id: order.id,
      object: {
        order_created: { created_at: order.created_at, location_id: order.location_id, order_id: order.id, state: order.state, version: order.version },
      },
    });
  }

  /** Moves one fulfillment, stamping Square's pickup timestamps; returns the old state. */
  moveFulfillment(f: FulfillmentWire, next: FulfillmentStateWire): FulfillmentStateWire {
    const old = f.state;
    if (old === next) return old;
    if (TERMINAL.includes(old)) {
      throw badRequest('BAD_REQUEST', `Fulfillment ${f.uid} is ${old} and cannot move to ${next}.`, 'order.fulfillments.state');
    }
    const now = iso(this.state.clock.now());
    f.state = next;
    const p = (f.pickup_details ??= {});
    if (next === 'RESERVED') p.accepted_at = now;
    if (next === 'PREPARED') p.ready_at = now;
    if (next === 'COMPLETED') p.picked_up_at = now;
    if (next === 'CANCELED') p.canceled_at = now;
    return old;
  }

  /** A paid OPEN order whose fulfillments are all completed closes as COMPLETED and takes its lines from stock. */
  settle(m: MerchantState, order: OrderWire): void {
    if (order.state !== 'OPEN' || order.net_amount_due_money.amount !== 0) return;
    const fulfillments = order.fulfillments ?? [];
    if (fulfillments.some((f) => f.state !== 'COMPLETED')) return;
    this.complete(m, order);
  }

  complete(m: MerchantState, order: OrderWire): void {
    const now = this.state.clock.now();
    order.state = 'COMPLETED';
    order.closed_at = iso(now);
    const planned: PlannedChange[] = [];
    for (const line of order.line_items) {
      const id = line.catalog_object_id;
      const obj = id === undefined ? undefined : m.catalog.get(id);
      if (id === undefined || !obj || obj.object.is_deleted === true || obj.object.type !== 'ITEM_VARIATION') continue;
      planned.push({
        type: 'ADJUSTMENT',
        objectId: id,
        fromLocation: order.location_id,
        toLocation: order.location_id,
        fromState: 'IN_STOCK',
        toState: 'SOLD',
        units: parseQuantity(line.quantity) ?? 0,
        occurredAt: iso(now),
        transactionId: order.id,
      });
    }
    if (planned.length > 0) {
      this.inventory.apply(m, planned, { product: 'EXTERNAL_API', application_id: this.state.applicationId }, false);
    }
  }

  /** A new version of the order: version + 1, updated_at now, `order.updated` (and the fulfillment event). */
  bump(
    m: MerchantState,
    order: OrderWire,
    fulfillmentUpdates: { fulfillment_uid: string; old_state: string; new_state: string }[],
    emitFulfillmentEvent: boolean,
  ): void {
    order.version += 1;
    order.updated_at = iso(this.state.clock.now());
    const common = {
      created_at: order.created_at,
      location_id: order.location_id,
      order_id: order.id,
      state: order.state,
      updated_at: order.updated_at,
      version: order.version,
    };
    this.webhooks.emit(m.id, 'order.updated', { type: 'order_updated', id: order.id, object: { order_updated: common } });
    if (emitFulfillmentEvent && fulfillmentUpdates.length > 0) {
      this.webhooks.emit(m.id, 'order.fulfillment.updated', {
        type: 'order_fulfillment_updated',
        id: order.id,
        object: { order_fulfillment_updated: { ...common, fulfillment_update: fulfillmentUpdates } },
      });
    }
  }

  /**
   * The seller moves the pickup in Square's Order Manager (which lists only paid orders). Square documents `order.fulfillment.updated` as sent
   * for UpdateOrder calls only, so by default this emits `order.updated` alone.
   */
  setFulfillmentState(orderId: string, next: FulfillmentStateWire, opts: { emitFulfillmentEvent?: boolean } = {}): OrderWire {
    const rec = this.get(orderId);
    const m = this.merchantOf(rec);
    const order = rec.order;
    if (order.state !== 'OPEN') throw new Error(`square fake: order ${orderId} is ${order.state}`);
    if (order.net_amount_due_money.amount !== 0) {
      // Square shows only paid orders with a fulfillment in the Order Manager
      throw new Error(`square fake: order ${orderId} is unpaid, so the seller cannot see it in the Order Manager`);
    }
    const f = order.fulfillments?.[0];
    if (!f) throw new Error(`square fake: order ${orderId} has no fulfillment`);
    const old = this.moveFulfillment(f, next);
    if (next === 'CANCELED' || next === 'FAILED') {
      order.state = 'CANCELED';
      order.closed_at = iso(this.state.clock.now());
    } else {
      this.settle(m, order);
    }
    this.bump(m, order, [{ fulfillment_uid: f.uid, old_state: old, new_state: next }], opts.emitFulfillmentEvent ?? false);
    return structuredClone(order);
  }

  /**
   * A sale rung up on Square POS: a COMPLETED, cash-paid order (no order.created: Square sends it for CreateOrder
   * only) whose line leaves stock as an IN_STOCK → SOLD adjustment from SQUARE_POS. Returns the order id.
   */
  posSale(m: MerchantState, variationId: string, locationId: string, quantity: string): string {
    const location = m.locations.find((l) => l.id === locationId);
    const v = m.catalog.get(variationId);
    const data = v?.object.item_variation_data;
    if (!location || !v || !data) throw new Error(`square fake: cannot sell ${variationId} at ${locationId}`);
    const now = iso(this.state.clock.now());
    const price = data.location_overrides?.find((o) => o.location_id === locationId)?.price_money ?? data.price_money;
    const line = buildLine(newId(22), quantity, money(price?.amount ?? 0, location.currency), {
      name: m.catalog.get(data.item_id)?.object.item_data?.name ?? '',
      catalog_object_id: variationId,
      catalog_version: v.object.version ?? 0,
      ...(data.name !== undefined ? { variation_name: data.name } : {}),
    });
    const order = {
      id: this.newOrderId(),
      location_id: locationId,
      line_items: [line],
      created_at: now,
      updated_at: now,
      closed_at: now,
      state: 'COMPLETED',
      version: 1,
      tenders: [{ id: newId(29), location_id: locationId, transaction_id: '', created_at: now, amount_money: line.total_money, type: 'CASH' }],
    } as OrderWire;
    const tender = order.tenders?.[0];
    if (tender) tender.transaction_id = order.id;
    computeTotals(order, location.currency);
    this.state.orders.set(order.id, { merchantId: m.id, order });
    const units = parseQuantity(quantity) ?? 0;
    this.inventory.apply(m, [{ type: 'ADJUSTMENT', objectId: variationId, fromLocation: locationId, toLocation: locationId, fromState: 'IN_STOCK', toState: 'SOLD', units, occurredAt: now, transactionId: order.id }], { product: 'SQUARE_POS' }, false);
    return order.id;
  }

  newOrderId(): string {
    return `${newId(27)}ZY`;
  }
}
