import { formatDate, formatMoney, type Address } from '@makeries/shared';
import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { checkouts, orderLines, orders, vendors, type OrderEmailKind } from '../../db/schema/index';
import type { Env } from '../../env';
import { orderTrackingToken } from '../orders/tracking-token';
import { isPlainAddress } from './message';

export interface ComposedEmail {
  to: string;
  subject: string;
  body: string;
}

type OrderRow = typeof orders.$inferSelect;
type LineRow = Pick<typeof orderLines.$inferSelect, 'name' | 'variantName' | 'quantity' | 'soldBy' | 'totalCents'>;

/** `${PUBLIC_URL}/orders/<id>?t=<token>`, the same link the storefront keeps for a guest (apps/web recent-orders). */
function trackingLink(env: Env, orderId: string, idempotencyKey: string): string {
  const base = env.PUBLIC_URL.replace(/\/+$/, '');
  return `${base}/orders/${orderId}?t=${encodeURIComponent(orderTrackingToken(env, orderId, idempotencyKey))}`;
}

function lineText(l: LineRow, money: (c: number) => string): string {
  const name = l.variantName && l.variantName !== 'Default' ? `${l.name} (${l.variantName})` : l.name;
  const qty = l.soldBy === 'weight' ? `${l.quantity} g` : `${l.quantity} ×`;
  return `  ${qty} ${name} — ${money(l.totalCents)}`;
}

function when(d: Date, timeZone: string, locale: string): string {
  return formatDate(d, 'fullDateTime', { timeZone, locale });
}

function addressText(a: Address): string {
  return [a.line1, a.line2, a.city, a.postcode].filter(Boolean).join(', ');
}

function headline(kind: OrderEmailKind, o: OrderRow, shop: string): { subject: string; intro: string } {
  const n = o.number;
  const reason = o.statusReason ? ` Reason: ${o.statusReason}` : '';
  switch (kind) {
    case 'confirmation':
      return { subject: `Your order ${n} from ${shop}`, intro: `Thank you! ${shop} has received your order ${n}.` };
    case 'ready':
      return o.fulfilment === 'delivery'
        ? { subject: `Order ${n} from ${shop} is out for delivery`, intro: `Your order ${n} from ${shop} is on its way.` }
        : { subject: `Order ${n} is ready for pickup at ${shop}`, intro: `Your order ${n} is ready: collect it at ${shop}.` };
    case 'cancelled':
      return { subject: `Order ${n} from ${shop} was cancelled`, intro: `Your order ${n} from ${shop} was cancelled.${reason}` };
    case 'rejected':
      return { subject: `${shop} could not take order ${n}`, intro: `Sorry, ${shop} could not take your order ${n}.${reason}` };
  }
}

/**
 * The email for one order event, or null when there is nobody to write to (a counter sale, no contact).
 * Runs inside the transaction of the change, so it reads exactly what was written.
 */
export async function composeOrderEmail(db: DbOrTx, env: Env, orderId: string, kind: OrderEmailKind): Promise<ComposedEmail | null> {
  const [row] = await db
    .select({ order: orders, shop: vendors.name, timezone: vendors.timezone, idempotencyKey: checkouts.idempotencyKey })
    .from(orders)
    .innerJoin(vendors, eq(vendors.id, orders.vendorId))
    .innerJoin(checkouts, eq(checkouts.id, orders.checkoutId))
    .where(eq(orders.id, orderId));
  const contact = row?.order.contact;
  if (!row || !contact?.email || row.order.channel !== 'web' || !isPlainAddress(contact.email)) return null;
  const { order: o, shop } = row;
  const lines = await db
    .select({ name: orderLines.name, variantName: orderLines.variantName, quantity: orderLines.quantity, soldBy: orderLines.soldBy, totalCents: orderLines.totalCents })
    .from(orderLines)
    .where(eq(orderLines.orderId, o.id))
    .orderBy(asc(orderLines.lineNo));
  const { subject, intro } = headline(kind, o, shop);
  const money = (c: number) => formatMoney(c, o.currency, env.MARKET_LOCALE);
  const body = [
    `Hello ${contact.name},`,
    '',
    intro,
    '',
    `Order ${o.number} — ${shop}`,
    ...lines.map((l) => lineText(l, money)),
    ...(o.promoCode && o.promoCents > 0 ? [`  Promo code ${o.promoCode} — you saved ${money(o.promoCents)} (prices above include it)`] : []),
    ...(o.deliveryFeeCents > 0 ? [`  Delivery — ${money(o.deliveryFeeCents)}`] : []),
    ...(o.taxMode === 'exclusive' && o.taxCents > 0 ? [`  Tax — ${money(o.taxCents)}`] : []),
    `Total: ${money(o.totalCents)}${o.paymentStatus === 'pay_at_pickup' ? ' (pay at pickup)' : ''}`,
    '',
    o.fulfilment === 'delivery' && o.deliveryAddress
      ? `Delivery to: ${addressText(o.deliveryAddress)}`
      : `Pickup: ${o.pickupAt ? when(o.pickupAt, row.timezone, env.MARKET_LOCALE) : 'as soon as it is ready'}`,
    '',
    `Follow your order: ${trackingLink(env, o.id, row.idempotencyKey)}`,
    '',
    `— ${shop} via Makeries`,
  ].join('\n');
  return { to: contact.email, subject, body };
}
