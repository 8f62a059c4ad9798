import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { orderLines, orders, payments, posEntityMap } from '../../db/schema/index';
import type { OutboundOrder, OutboundOrderLine } from './types';

/**
 * A line's price per item as the customer paid it (tax and any share of a discount included), as Square wants a
 * unit price: when the line's total does not divide by its quantity, it becomes two Square lines of the same item
 * (n items at p and m items at p + 1 minor unit), so the Square order's total is exactly what was paid.
 */
export function paidUnits(line: { variantExtId: string; name: string; quantity: number; totalCents: number }): OutboundOrderLine[] {
  const { quantity, totalCents } = line;
  if (!Number.isSafeInteger(quantity) || quantity <= 0 || !Number.isSafeInteger(totalCents) || totalCents < 0) return [];
  const unit = Math.floor(totalCents / quantity);
  const higher = totalCents - unit * quantity;
  const out: OutboundOrderLine[] = [];
  if (quantity - higher > 0) out.push({ variantExtId: line.variantExtId, name: line.name, quantity: quantity - higher, unitPriceCents: unit });
  if (higher > 0) out.push({ variantExtId: line.variantExtId, name: line.name, quantity: higher, unitPriceCents: unit + 1 });
  return out;
}

/**
 * The web order as the POS is shown it: only lines of variants bridged to this connection (a web order of a bridged
 * shop normally holds only the shop's Square items; anything else is named in the note instead), unit prices as
 * paid, the customer, and the Stripe PaymentIntent that paid it. Null when no line is bridged.
 */
export async function outboundOrder(db: DbOrTx, connectionId: string, orderId: string): Promise<OutboundOrder | null> {
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  if (!order) return null;
  const lines = await db.select().from(orderLines).where(eq(orderLines.orderId, orderId)).orderBy(asc(orderLines.lineNo));
  const variantIds = [...new Set(lines.flatMap((l) => (l.variantId ? [l.variantId] : [])))];
  const mapped =
    variantIds.length === 0
      ? []
      : await db
          .select({ localId: posEntityMap.localId, extId: posEntityMap.extId })
          .from(posEntityMap)
          .where(and(eq(posEntityMap.connectionId, connectionId), eq(posEntityMap.entity, 'variant'), inArray(posEntityMap.localId, variantIds)));
  const extOf = new Map(mapped.map((m) => [m.localId, m.extId]));
  const out: OutboundOrderLine[] = [];
  const left: string[] = [];
  for (const l of lines) {
    const ext = l.variantId ? extOf.get(l.variantId) : undefined;
    const name = l.variantName ? `${l.name} (${l.variantName})` : l.name;
    if (ext === undefined) left.push(`${String(l.quantity)} × ${name}`);
    else out.push(...paidUnits({ variantExtId: ext, name, quantity: l.quantity, totalCents: l.totalCents }));
  }
  if (out.length === 0) return null;
  const [paid] = order.checkoutId
    ? await db
        .select({ ref: payments.stripePaymentIntentId })
        .from(payments)
        .where(and(eq(payments.checkoutId, order.checkoutId), eq(payments.kind, 'checkout'), eq(payments.status, 'succeeded')))
        .limit(1)
    : [];
  // Square gets a pickup fulfilment (the only kind we create); a delivery says so, with where it goes
  const address = order.fulfilment === 'delivery' && order.deliveryAddress ? `DELIVERY to ${order.deliveryAddress.line1}, ${order.deliveryAddress.postcode}.` : '';
  const notes = [address, order.note.trim(), left.length > 0 ? `Also in this Makeries order, not in the point of sale: ${left.join(', ')}.` : ''].filter((n) => n !== '');
  return {
    orderId: order.id,
    number: order.number,
    currency: order.currency,
    lines: out,
    totalCents: out.reduce((sum, l) => sum + l.unitPriceCents * l.quantity, 0),
    customerName: order.contact?.name ?? 'Makeries customer',
    customerPhone: order.contact?.phone ?? '',
    customerEmail: order.contact?.email ?? '',
    note: notes.join(' '),
    paymentRef: paid?.ref ?? null,
  };
}
