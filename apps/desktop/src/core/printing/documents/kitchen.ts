import type { KitchenTicketDocument } from '@makeries/shared';
import type { CounterDb } from '../../db/open';
import type { WebOrderView } from '../../web-orders/web-orders';
import { documentContext, finish, parseTicketOptions, type TicketOptions } from './context';

const PAID = new Set(['paid', 'authorized', 'partially_refunded', 'refunded']);

function str(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
}

/** The mirrored address is the server's JSON ({ line1, line2, city, postcode }); print what is there. */
function addressLines(a: Record<string, unknown> | null): string[] {
  if (!a) return [];
  const cityLine = [str(a.city), str(a.postcode)].filter(Boolean).join(' ');
  return [str(a.line1), str(a.line2), cityLine || null].filter((x): x is string => x !== null);
}

/** Kitchen / pickup ticket for a web order: items and quantities large, who and when, paid or to pay. */
export function buildKitchenTicket(db: CounterDb, order: WebOrderView, options: TicketOptions): KitchenTicketDocument {
  const o = parseTicketOptions(options);
  const ctx = documentContext(db, o.store, o.locale);
  return finish('kitchen', {
    kind: 'kitchen',
    store: ctx.store,
    currency: order.currency,
    locale: ctx.locale,
    timezone: ctx.vendor.timezone,
    orderNumber: order.number,
    fulfilment: order.fulfilment,
    status: order.status,
    placedAt: order.placedAt,
    pickupAt: order.pickupAt ?? null,
    prepMinutes: order.prepMinutes ?? null,
    printedAt: o.printedAt,
    customerName: str(order.contact?.name),
    customerPhone: str(order.contact?.phone),
    deliveryAddress: order.fulfilment === 'delivery' ? addressLines(order.deliveryAddress ?? null) : [],
    lines: order.lines.map((l) => ({ quantity: l.quantity, soldBy: l.soldBy, name: l.name, variantName: l.variantName, note: '' })),
    note: order.note,
    totalCents: order.totalCents,
    paid: PAID.has(order.paymentStatus),
  });
}
