import { PosError, type ConnContext, type ExtOrderStatus, type OutboundOrder } from '../types';
import { checkUserErrors, gql, type ShopifyEnv, type UserError } from './client';
import { centsToMoney } from './mapping';
import { FULFILL_MUTATION, ORDER_BY_SOURCE_QUERY, ORDER_CANCEL_MUTATION, ORDER_CREATE_MUTATION, ORDER_QUERY, VARIANTS_OF_ITEMS_QUERY } from './queries';

/**
 * Web orders shown in Shopify. `orderCreate` has no @idempotent: the order carries our push key as its
 * `sourceIdentifier`, and every attempt first looks it up, so a retry after a timeout (or a 5xx after Shopify
 * committed) finds the order instead of creating a second one. Created with DECREMENT_OBEYING_POLICY, so Shopify
 * takes the stock at once (`orderTakesStock: 'on_create'`).
 */

interface OrderNode {
  id: string;
  updatedAt?: string | null;
  cancelledAt?: string | null;
  closed?: boolean | null;
  displayFulfillmentStatus?: string | null;
  fulfillmentOrders?: { nodes: { id: string; status: string }[] } | null;
}

function version(o: OrderNode): string | null {
  return o.updatedAt ? new Date(o.updatedAt).toISOString() : null;
}

/** Shopify's search syntax: the key in double quotes (our keys are `mk-ord-<uuid>`: letters, digits, hyphens). */
function sourceQuery(key: string): string {
  if (!/^[A-Za-z0-9_.:-]{1,200}$/.test(key)) throw new PosError('rejected', 'The order key cannot be searched for in Shopify.');
  return `source_identifier:"${key}"`;
}

/** "+44 7700 900123" → "+447700900123"; null when it is not an international number. */
export function e164(phone: string): string | null {
  const compact = phone.replace(/[\s().-]/g, '');
  return /^\+[1-9]\d{6,14}$/.test(compact) ? compact : null;
}

/** ProductVariant GIDs of our variants (keyed by InventoryItem GID), one query for the whole order. */
async function variantIds(env: ShopifyEnv, conn: ConnContext, items: string[]): Promise<Map<string, string>> {
  const r = await gql<{ nodes: ({ id?: string; variant?: { id: string } | null } | null)[] }>(env, conn, VARIANTS_OF_ITEMS_QUERY, { ids: [...new Set(items)] });
  const out = new Map<string, string>();
  for (const n of r.nodes) if (n?.id && n.variant?.id) out.set(n.id, n.variant.id);
  return out;
}

export async function pushShopifyOrder(env: ShopifyEnv, conn: ConnContext, o: OutboundOrder, key: string): Promise<{ extOrderId: string; version: string | null }> {
  const found = await gql<{ orders: { nodes: OrderNode[] } }>(env, conn, ORDER_BY_SOURCE_QUERY, { query: sourceQuery(key) });
  const existing = found.orders.nodes[0];
  if (existing) return { extOrderId: existing.id, version: version(existing) };
  const variants = await variantIds(
    env,
    conn,
    o.lines.map((l) => l.variantExtId),
  );
  const missing = o.lines.filter((l) => !variants.has(l.variantExtId));
  if (missing.length > 0) throw new PosError('rejected', `Shopify no longer has ${missing.map((l) => l.name).join(', ')}.`);
  const money = (cents: number) => ({ shopMoney: { amount: centsToMoney(cents), currencyCode: o.currency } });
  const paid = o.paymentRef !== null;
  const order = {
    lineItems: o.lines.map((l) => ({ variantId: variants.get(l.variantExtId), quantity: l.quantity, priceSet: money(l.unitPriceCents) })),
    sourceIdentifier: key,
    financialStatus: paid ? 'PAID' : 'PENDING',
    ...(paid ? { transactions: [{ kind: 'SALE', status: 'SUCCESS', gateway: 'Makeries', authorizationCode: o.paymentRef, amountSet: money(o.totalCents) }] } : {}),
    // Shopify refuses the whole order over a malformed phone or email: only well-formed ones are sent (the note names the customer and their phone)
    ...(/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(o.customerEmail) ? { email: o.customerEmail } : {}),
    ...(e164(o.customerPhone) ? { phone: e164(o.customerPhone) } : {}),
    note: `Makeries order ${o.number} for ${o.customerName}${o.customerPhone ? ` (${o.customerPhone})` : ''}${o.note ? ` — ${o.note}` : ''}`.slice(0, 5000),
    tags: ['makeries'],
    currency: o.currency,
  };
  const r = await gql<{ orderCreate: { order: OrderNode | null; userErrors: UserError[] } | null }>(env, conn, ORDER_CREATE_MUTATION, {
    order,
    options: { inventoryBehaviour: 'DECREMENT_OBEYING_POLICY', sendReceipt: false, sendFulfillmentReceipt: false },
  });
  checkUserErrors(r.orderCreate?.userErrors, 'the order');
  const created = r.orderCreate?.order;
  if (!created?.id) throw new PosError('transient', 'Shopify did not return the order it created.');
  return { extOrderId: created.id, version: version(created) };
}

async function readOrder(env: ShopifyEnv, conn: ConnContext, id: string): Promise<OrderNode | null> {
  const r = await gql<{ order: OrderNode | null }>(env, conn, ORDER_QUERY, { id });
  return r.order;
}

/** cancelled → cancelled; fulfilled (handed over) → collected; anything else is still open (null). */
function statusOf(o: OrderNode): ExtOrderStatus | null {
  if (o.cancelledAt) return 'cancelled';
  if (o.displayFulfillmentStatus === 'FULFILLED') return 'collected';
  return null;
}

export async function shopifyOrderStatus(env: ShopifyEnv, conn: ConnContext, id: string): Promise<{ status: ExtOrderStatus | null; version: string | null }> {
  const o = await readOrder(env, conn, id);
  if (!o) return { status: null, version: null };
  return { status: statusOf(o), version: version(o) };
}

/**
 * Handed over here → every open fulfillment order of it is fulfilled in Shopify; cancelled or rejected here →
 * cancelled in Shopify with restock (Shopify took the stock on create and puts it back). An order already in the
 * target state is left alone, so a retried job changes nothing.
 */
export async function setShopifyOrderStatus(env: ShopifyEnv, conn: ConnContext, id: string, target: 'collected' | 'cancelled'): Promise<void> {
  const o = await readOrder(env, conn, id);
  if (!o) throw new PosError('rejected', 'Shopify no longer has that order.');
  const now = statusOf(o);
  if (now === 'cancelled' || now === target) return;
  if (target === 'cancelled') {
    const r = await gql<{ orderCancel: { orderCancelUserErrors: UserError[] } | null }>(env, conn, ORDER_CANCEL_MUTATION, { orderId: id });
    checkUserErrors(r.orderCancel?.orderCancelUserErrors, 'cancelling the order');
    return;
  }
  const open = (o.fulfillmentOrders?.nodes ?? []).filter((f) => f.status === 'OPEN' || f.status === 'IN_PROGRESS');
  if (open.length === 0) return;
  const r = await gql<{ fulfillmentCreate: { userErrors: UserError[] } | null }>(env, conn, FULFILL_MUTATION, {
    fulfillment: { lineItemsByFulfillmentOrder: open.map((f) => ({ fulfillmentOrderId: f.id })), notifyCustomer: false },
  });
  checkUserErrors(r.fulfillmentCreate?.userErrors, 'marking the order handed over');
}
