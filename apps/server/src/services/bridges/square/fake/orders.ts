import { z } from 'zod';
import { SquareApiError, badRequest, notFound, ok, parseBody, requireMerchant, type Route } from './http';
import { buildLine, computeTotals, money, type OrderStore } from './orders-store';
import { iso, newId, newSecret, parseQuantity, type FakeState, type MerchantState } from './state';
import type { FulfillmentWire, MoneyWire, OrderLineItemWire, OrderWire, PaymentWire } from './wire';

const moneySchema = z.object({ amount: z.number().int(), currency: z.string().length(3) });
const metadata = z.record(z.string().max(60), z.string().max(255)).optional();
const fulfillmentState = z.enum(['PROPOSED', 'RESERVED', 'PREPARED', 'COMPLETED', 'CANCELED', 'FAILED']);
const pickupDetails = z.object({
  recipient: z
    .object({
      display_name: z.string().max(255).optional(),
      phone_number: z.string().max(17).optional(),
      email_address: z.string().max(255).optional(),
      customer_id: z.string().optional(),
    })
    .optional(),
  schedule_type: z.enum(['SCHEDULED', 'ASAP']).optional(),
  pickup_at: z.string().optional(),
  prep_time_duration: z.string().optional(),
  note: z.string().max(500).optional(),
  cancel_reason: z.string().max(100).optional(),
});

const createSchema = z.object({
  idempotency_key: z.string().min(1).max(192).optional(),
  order: z.object({
    location_id: z.string().min(1),
    reference_id: z.string().max(40).optional(),
    source: z.object({ name: z.string().optional() }).optional(),
    line_items: z
      .array(
        z.object({
          uid: z.string().max(60).optional(),
          name: z.string().max(512).optional(),
          quantity: z.string().min(1).max(12),
          catalog_object_id: z.string().optional(),
          catalog_version: z.number().int().optional(),
          note: z.string().max(2000).optional(),
          metadata,
          base_price_money: moneySchema.optional(),
        }),
      )
      .min(1),
    fulfillments: z
      .array(
        z.object({
          uid: z.string().max(60).optional(),
          type: z.literal('PICKUP'),
          state: fulfillmentState.optional(),
          pickup_details: pickupDetails.optional(),
          metadata,
        }),
      )
      .max(1)
      .optional(),
    metadata,
    state: z.enum(['OPEN']).optional(),
  }),
});

const updateSchema = z.object({
  idempotency_key: z.string().max(192).optional(),
  fields_to_clear: z.array(z.string()).max(0, 'the fake does not implement fields_to_clear').optional(),
  order: z.object({
    location_id: z.string().optional(),
    version: z.number().int(),
    state: z.enum(['OPEN', 'COMPLETED', 'CANCELED']).optional(),
    reference_id: z.string().max(40).optional(),
    metadata,
    fulfillments: z
      .array(z.object({ uid: z.string(), state: fulfillmentState.optional(), pickup_details: pickupDetails.optional() }))
      .optional(),
  }).strict(),
});

const EXTERNAL_TYPES = ['CHECK', 'BANK_TRANSFER', 'OTHER_GIFT_CARD', 'CRYPTO', 'SQUARE_CASH', 'SOCIAL', 'EXTERNAL', 'EMONEY', 'CARD', 'STORED_BALANCE', 'FOOD_VOUCHER', 'OTHER'] as const;
const paymentSchema = z.object({
  idempotency_key: z.string().min(1).max(45),
  source_id: z.literal('EXTERNAL'),
  amount_money: moneySchema,
  order_id: z.string().optional(),
  location_id: z.string().optional(),
  reference_id: z.string().max(40).optional(),
  note: z.string().max(500).optional(),
  autocomplete: z.literal(true).optional(),
  external_details: z.object({
    type: z.enum(EXTERNAL_TYPES),
    source: z.string().min(1).max(255),
    source_id: z.string().max(255).optional(),
  }),
});

function findOrder(state: FakeState, m: MerchantState, id: string): OrderWire {
  const rec = state.orders.get(id);
  if (!rec || rec.merchantId !== m.id) throw notFound(`Order \`${id}\` not found.`, 'order_id');
  return rec.order;
}

function catalogLine(m: MerchantState, locationId: string, l: z.infer<typeof createSchema>['order']['line_items'][number], i: number): { base: MoneyWire; extra: Partial<OrderLineItemWire> } {
  const field = `order.line_items[${String(i)}]`;
  if (l.catalog_object_id === undefined) {
    if (!l.base_price_money || l.name === undefined) {
      throw badRequest('MISSING_REQUIRED_PARAMETER', 'An ad hoc line item needs name and base_price_money.', field);
    }
    return { base: l.base_price_money, extra: { name: l.name, item_type: 'CUSTOM_AMOUNT' } };
  }
  const v = m.catalog.get(l.catalog_object_id);
  const data = v?.object.item_variation_data;
  if (!v || !data || v.object.is_deleted === true) {
    throw notFound(`Item variation with catalog object ID \`${l.catalog_object_id}\` not found.`, `${field}.catalog_object_id`);
  }
  const override = data.location_overrides?.find((o) => o.location_id === locationId);
  const price = l.base_price_money ?? override?.price_money ?? data.price_money;
  if (!price) throw badRequest('MISSING_REQUIRED_PARAMETER', 'A variable-priced variation needs base_price_money.', `${field}.base_price_money`);
  const itemName = m.catalog.get(data.item_id)?.object.item_data?.name;
  return {
    base: price,
    extra: {
      name: l.name ?? itemName ?? data.name ?? '',
      catalog_object_id: v.object.id,
      catalog_version: v.object.version ?? 0,
      ...(data.name !== undefined ? { variation_name: data.name } : {}),
    },
  };
}

export function orderRoutes(state: FakeState, store: OrderStore): Route[] {
  const create = (m: MerchantState, body: unknown): OrderWire => {
    const req = parseBody(createSchema, body).order;
    const location = m.locations.find((l) => l.id === req.location_id);
    if (!location) throw badRequest('INVALID_VALUE', `Location \`${req.location_id}\` does not belong to this merchant.`, 'order.location_id');
    const lines = req.line_items.map((l, i) => {
      const qty = parseQuantity(l.quantity);
      if (qty === null || qty <= 0) throw badRequest('INVALID_VALUE', 'quantity must be a positive decimal.', `order.line_items[${String(i)}].quantity`);
      const { base, extra } = catalogLine(m, location.id, l, i);
      if (base.currency !== location.currency) {
        throw badRequest('INVALID_VALUE', `base_price_money must be in ${location.currency}.`, `order.line_items[${String(i)}].base_price_money.currency`);
      }
      return buildLine(l.uid ?? newId(22), l.quantity, base, {
        ...extra,
        ...(l.note !== undefined ? { note: l.note } : {}),
        ...(l.metadata !== undefined ? { metadata: l.metadata } : {}),
      });
    });
    const now = iso(state.clock.now());
    const fulfillments: FulfillmentWire[] | undefined = req.fulfillments?.map((f) => ({
      uid: f.uid ?? newId(22),
      type: 'PICKUP',
      state: f.state ?? 'PROPOSED',
      pickup_details: { ...f.pickup_details, placed_at: now },
      ...(f.metadata !== undefined ? { metadata: f.metadata } : {}),
    }));
    const order = {
      id: store.newOrderId(),
      location_id: location.id,
      ...(req.reference_id !== undefined ? { reference_id: req.reference_id } : {}),
      ...(req.source !== undefined ? { source: req.source } : {}),
      line_items: lines,
      ...(fulfillments !== undefined ? { fulfillments } : {}),
      ...(req.metadata !== undefined ? { metadata: req.metadata } : {}),
      created_at: now,
      updated_at: now,
      state: 'OPEN',
      version: 1,
    } as OrderWire;
    computeTotals(order, location.currency);
    store.insert(m, order);
    return structuredClone(order);
  };

  const update = (m: MerchantState, id: string, body: unknown): OrderWire => {
    const req = parseBody(updateSchema, body).order;
    const order = findOrder(state, m, id);
    if (req.version !== order.version) {
      throw badRequest('VERSION_MISMATCH', `Order version ${String(req.version)} is stale; the current version is ${String(order.version)}.`, 'order.version');
    }
    if (order.state !== 'OPEN') throw badRequest('BAD_REQUEST', `Order is ${order.state} and cannot be updated.`, 'order.state');
    const updates: { fulfillment_uid: string; old_state: string; new_state: string }[] = [];
    for (const patch of req.fulfillments ?? []) {
      const f = order.fulfillments?.find((x) => x.uid === patch.uid);
      if (!f) throw badRequest('INVALID_VALUE', `No fulfillment with uid ${patch.uid}.`, 'order.fulfillments.uid');
      if (patch.pickup_details) f.pickup_details = { ...f.pickup_details, ...patch.pickup_details };
      if (patch.state !== undefined && patch.state !== f.state) {
        const old = store.moveFulfillment(f, patch.state);
        updates.push({ fulfillment_uid: f.uid, old_state: old, new_state: patch.state });
      }
    }
    if (req.reference_id !== undefined) order.reference_id = req.reference_id;
    if (req.metadata !== undefined) order.metadata = { ...order.metadata, ...req.metadata };
    if (req.state === 'CANCELED') {
      order.state = 'CANCELED';
      order.closed_at = iso(state.clock.now());
    } else if (req.state === 'COMPLETED') {
      if (order.net_amount_due_money.amount !== 0) throw badRequest('BAD_REQUEST', 'An order must be paid in full before it is completed.', 'order.state');
      if ((order.fulfillments ?? []).some((f) => f.state !== 'COMPLETED' && f.state !== 'CANCELED')) {
        throw badRequest('BAD_REQUEST', 'Complete or cancel every fulfillment before completing the order.', 'order.state');
      }
      store.complete(m, order);
    } else {
      store.settle(m, order);
    }
    store.bump(m, order, updates, true);
    return structuredClone(order);
  };

  const pay = (m: MerchantState, body: unknown): PaymentWire => {
    const req = parseBody(paymentSchema, body);
    const order = req.order_id === undefined ? null : findOrder(state, m, req.order_id);
    if (order) {
      if (order.state !== 'OPEN') throw badRequest('BAD_REQUEST', `Order is ${order.state}.`, 'order_id');
      const due = order.net_amount_due_money;
      if (due.amount === 0) throw badRequest('BAD_REQUEST', 'The order is already paid.', 'order_id');
      if (req.amount_money.amount !== due.amount || req.amount_money.currency !== due.currency) {
        throw new SquareApiError(400, 'INVALID_REQUEST_ERROR', 'PAYMENT_AMOUNT_MISMATCH', `amount_money must equal the order's amount due (${String(due.amount)} ${due.currency}).`, 'amount_money');
      }
    }
    const locationId = order?.location_id ?? req.location_id ?? m.locations[0]?.id ?? '';
    if (!m.locations.some((l) => l.id === locationId)) throw badRequest('INVALID_VALUE', 'Unknown location.', 'location_id');
    const now = iso(state.clock.now());
    const id = newId(29);
    const payment: PaymentWire = {
      id,
      created_at: now,
      updated_at: now,
      amount_money: req.amount_money,
      total_money: req.amount_money,
      approved_money: req.amount_money,
      status: 'COMPLETED',
      source_type: 'EXTERNAL',
      external_details: req.external_details,
      location_id: locationId,
      ...(order ? { order_id: order.id } : {}),
      ...(req.reference_id !== undefined ? { reference_id: req.reference_id } : {}),
      ...(req.note !== undefined ? { note: req.note } : {}),
      receipt_number: id.slice(0, 4),
      application_details: { square_product: 'ECOMMERCE_API', application_id: state.applicationId },
      version_token: newSecret(''),
    };
    state.payments.set(id, { ...payment, merchant: m.id });
    if (order) {
      const tender = { id: newId(29), location_id: locationId, transaction_id: order.id, created_at: now, amount_money: money(req.amount_money.amount, req.amount_money.currency), type: 'OTHER' as const, payment_id: id };
      order.tenders = [...(order.tenders ?? []), tender];
      computeTotals(order, order.total_money.currency);
      store.settle(m, order);
      store.bump(m, order, [], false);
    }
    return payment;
  };

  return [
    { method: 'POST', path: '/v2/orders', scope: 'ORDERS_WRITE', idempotent: true, handler: (ctx) => ok({ order: create(requireMerchant(ctx), ctx.body) }) },
    {
      method: 'POST',
      path: '/v2/orders/batch-retrieve',
      scope: 'ORDERS_READ',
      handler: (ctx) => {
        const m = requireMerchant(ctx);
        const req = parseBody(z.object({ location_id: z.string().optional(), order_ids: z.array(z.string()).min(1).max(100) }), ctx.body);
        const orders = req.order_ids
          .map((id) => state.orders.get(id))
          .filter((r) => r !== undefined && r.merchantId === m.id)
          .map((r) => structuredClone(r?.order));
        return ok({ orders });
      },
    },
    {
      method: 'GET',
      path: '/v2/orders/:order_id',
      scope: 'ORDERS_READ',
      handler: (ctx) => ok({ order: structuredClone(findOrder(state, requireMerchant(ctx), ctx.params.order_id ?? '')) }),
    },
    {
      method: 'PUT',
      path: '/v2/orders/:order_id',
      scope: 'ORDERS_WRITE',
      idempotent: true,
      handler: (ctx) => ok({ order: update(requireMerchant(ctx), ctx.params.order_id ?? '', ctx.body) }),
    },
    { method: 'POST', path: '/v2/payments', scope: 'PAYMENTS_WRITE', idempotent: true, handler: (ctx) => ok({ payment: pay(requireMerchant(ctx), ctx.body) }) },
  ];
}
